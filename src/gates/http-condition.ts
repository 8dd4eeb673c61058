import { GitcanaryError } from '../errors.js';

// A tiny, safe expression language for `successCondition` / `failureCondition`, the subset of
// Argo Rollouts' conditions that web metrics need. No eval:
//   result, result.field, result[0], result["key"]      the measured value and its members
//   "text" 'text' 12 -0.5 1e3 true false null           literals
//   == != < <= > >=                                     comparisons
//   && || ! ( )                                         boolean logic
// Numbers compare numerically (a numeric string counts as a number, as JSON APIs often quote
// them); strings compare as strings; `&&`, `||`, `!` and the whole condition need booleans.

type Token =
  | { kind: 'number'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'word'; value: string }
  | { kind: 'op'; value: string };

type Node =
  | { kind: 'literal'; value: unknown }
  | { kind: 'result'; path: (string | number)[] }
  | { kind: 'not'; operand: Node }
  | { kind: 'logic'; op: '&&' | '||'; left: Node; right: Node }
  | { kind: 'compare'; op: string; left: Node; right: Node };

export interface Condition {
  readonly source: string;
  /** True or false for `result`; throws when the types don't fit (counts as a measurement error). */
  evaluate(result: unknown): boolean;
}

export function parseCondition(source: string, field: string): Condition {
  const tokens = tokenize(source, field);
  const parser = new Parser(tokens, source, field);
  const root = parser.parseExpression();
  parser.expectEnd();
  return {
    source,
    evaluate(result) {
      const value = evaluateNode(root, result);
      if (typeof value !== 'boolean')
        throw new Error(`condition ${source} gave ${show(value)}, not true/false`);
      return value;
    },
  };
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '!', '(', ')', '[', ']', '.'];

function tokenize(source: string, field: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const space = /^\s+/.exec(rest);
    const number = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(rest);
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const quote = rest[0];
    if (space !== null) {
      i += space[0].length;
    } else if (quote === '"' || quote === "'") {
      let value = '';
      let j = 1;
      while (j < rest.length && rest[j] !== quote) {
        if (rest[j] === '\\' && j + 1 < rest.length) j += 1;
        value += rest[j];
        j += 1;
      }
      if (j >= rest.length) throw syntaxError(source, field, 'unterminated string');
      tokens.push({ kind: 'string', value });
      i += j + 1;
    } else if (number !== null && !(number[0].startsWith('-') && lastIsValue(tokens))) {
      tokens.push({ kind: 'number', value: Number(number[0]) });
      i += number[0].length;
    } else if (word !== null) {
      tokens.push({ kind: 'word', value: word[0] });
      i += word[0].length;
    } else {
      const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
      if (op === undefined) throw syntaxError(source, field, `unexpected "${rest[0]}"`);
      tokens.push({ kind: 'op', value: op });
      i += op.length;
    }
  }
  return tokens;
}

function lastIsValue(tokens: Token[]): boolean {
  const last = tokens.at(-1);
  return last !== undefined && (last.kind !== 'op' || last.value === ')' || last.value === ']');
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
    private readonly field: string,
  ) {}

  parseExpression(): Node {
    let left = this.parseAnd();
    while (this.takeOp('||')) left = { kind: 'logic', op: '||', left, right: this.parseAnd() };
    return left;
  }

  expectEnd(): void {
    const token = this.tokens[this.position];
    if (token !== undefined)
      throw syntaxError(this.source, this.field, `unexpected "${String(token.value)}"`);
  }

  private parseAnd(): Node {
    let left = this.parseNot();
    while (this.takeOp('&&')) left = { kind: 'logic', op: '&&', left, right: this.parseNot() };
    return left;
  }

  private parseNot(): Node {
    if (this.takeOp('!')) return { kind: 'not', operand: this.parseNot() };
    const left = this.parsePrimary();
    const token = this.tokens[this.position];
    if (token?.kind === 'op' && ['==', '!=', '<', '<=', '>', '>='].includes(token.value)) {
      this.position += 1;
      return { kind: 'compare', op: token.value, left, right: this.parsePrimary() };
    }
    return left;
  }

  private parsePrimary(): Node {
    const token = this.tokens[this.position];
    if (token === undefined) throw syntaxError(this.source, this.field, 'unexpected end');
    this.position += 1;
    if (token.kind === 'number' || token.kind === 'string') return { kind: 'literal', value: token.value };
    if (token.kind === 'op' && token.value === '(') {
      const inner = this.parseExpression();
      if (!this.takeOp(')')) throw syntaxError(this.source, this.field, 'missing )');
      return inner;
    }
    if (token.kind === 'word') {
      if (token.value === 'true') return { kind: 'literal', value: true };
      if (token.value === 'false') return { kind: 'literal', value: false };
      if (token.value === 'null') return { kind: 'literal', value: null };
      if (token.value === 'result') return { kind: 'result', path: this.parseMembers() };
    }
    throw syntaxError(
      this.source,
      this.field,
      `unexpected "${String(token.value)}" (only result and literals)`,
    );
  }

  private parseMembers(): (string | number)[] {
    const path: (string | number)[] = [];
    for (;;) {
      if (this.takeOp('.')) {
        const name = this.tokens[this.position];
        if (name?.kind !== 'word')
          throw syntaxError(this.source, this.field, 'expected a member name after .');
        path.push(name.value);
        this.position += 1;
      } else if (this.takeOp('[')) {
        const key = this.tokens[this.position];
        if (key?.kind !== 'number' && key?.kind !== 'string') {
          throw syntaxError(this.source, this.field, 'expected an index or a quoted key in [ ]');
        }
        path.push(key.value);
        this.position += 1;
        if (!this.takeOp(']')) throw syntaxError(this.source, this.field, 'missing ]');
      } else {
        return path;
      }
    }
  }

  private takeOp(op: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind === 'op' && token.value === op) {
      this.position += 1;
      return true;
    }
    return false;
  }
}

function evaluateNode(node: Node, result: unknown): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'result':
      return member(result, node.path);
    case 'not':
      return !asBoolean(evaluateNode(node.operand, result), '!');
    case 'logic': {
      const left = asBoolean(evaluateNode(node.left, result), node.op);
      if (node.op === '&&' ? !left : left) return left;
      return asBoolean(evaluateNode(node.right, result), node.op);
    }
    case 'compare':
      return compare(node.op, evaluateNode(node.left, result), evaluateNode(node.right, result));
  }
}

function member(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) {
      throw new Error(`result has no ${typeof key === 'number' ? `[${key}]` : `.${key}`}`);
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function compare(op: string, left: unknown, right: unknown): boolean {
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (
    leftNumber !== undefined &&
    rightNumber !== undefined &&
    (typeof left === 'number' || typeof right === 'number')
  ) {
    return ordered(op, leftNumber, rightNumber);
  }
  if (op === '==' || op === '!=') {
    const equal = isScalar(left) && isScalar(right) ? left === right : undefined;
    if (equal === undefined) throw new Error(`cannot compare ${show(left)} ${op} ${show(right)}`);
    return op === '==' ? equal : !equal;
  }
  if (typeof left === 'string' && typeof right === 'string') return ordered(op, left, right);
  throw new Error(`cannot order ${show(left)} ${op} ${show(right)}`);
}

function ordered<T extends number | string>(op: string, left: T, right: T): boolean {
  switch (op) {
    case '==':
      return left === right;
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    default:
      return left >= right;
  }
}

function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

function asBoolean(value: unknown, op: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`${op} needs true/false, got ${show(value)}`);
  return value;
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

function syntaxError(source: string, field: string, reason: string): GitcanaryError {
  return new GitcanaryError('FIELD_INVALID', `cannot parse condition ${JSON.stringify(source)}: ${reason}`, {
    field,
    hint: 'e.g. result == "ok", result >= 0.99, result.status == "UP" && result.errors < 5',
  });
}
