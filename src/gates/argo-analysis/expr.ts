import jsep, { type Expression } from 'jsep';
import { GitcanaryError } from '../../errors.js';

// Argo Rollouts' `successCondition` / `failureCondition` language: github.com/expr-lang/expr, with
// the environment Argo's utils/evaluate/evaluate.go (`EvalCondition`) gives it — `result`, `asInt`,
// `asFloat`, `isNaN`, `isInf`, `isNil`, `default` — plus expr's own builtins the docs use (`len`,
// `all`, `any`, `none`, `one`, `filter`, `map`, `count`, `abs`, `min`, `max`, …).
//
// No JS port of expr exists; the JS expression libraries each miss part of it (CEL has `size()` and
// macros instead of `len()`/`all(list, pred)`, filtrex and jexl have other grammars for indexing,
// expr-eval is unmaintained). So the parsing is jsep's (a maintained JS expression parser), set up
// with expr's operators (`and`/`or`/`not`, `in`, `contains`, `matches`, …) and its predicate
// closures (`{# > 0.9}` or a bare `# > 0.9`), and the evaluation below follows expr's rules: Go-like
// values, no implicit string/number conversion, comparing mismatched types is an error.

const CLOSURE = 'Closure';
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;

let configured = false;

/** jsep is a process-wide singleton: expr's operators and closures are registered once. */
function configureJsep(): void {
  if (configured) return;
  configured = true;
  jsep.addIdentifierChar('#');
  jsep.addBinaryOp('or', 1);
  jsep.addBinaryOp('and', 2);
  for (const op of ['in', 'contains', 'startsWith', 'endsWith', 'matches']) jsep.addBinaryOp(op, 7);
  jsep.addUnaryOp('not');
  // `{ # > 0.5 }`: expr's predicate closure, evaluated with `#` bound to each element.
  jsep.hooks.add('gobble-token', function gobbleClosure(this: jsep.HookScope, env) {
    if (this.code !== OPEN_CURLY) return;
    this.index += 1;
    const body = this.gobbleExpression();
    this.gobbleSpaces();
    if ((this.code as number) !== CLOSE_CURLY) this.throwError('Unclosed {');
    this.index += 1;
    env.node = { type: CLOSURE, body } as unknown as Expression;
  });
}

/** A compiled condition; `evaluate` throws (a measurement error in Argo's terms) on type errors. */
export interface ExprCondition {
  readonly source: string;
  evaluate(result: unknown): boolean;
}

/** Parses `source`; a syntax error is a config error naming `field`. */
export function compileCondition(source: string, field: string): ExprCondition {
  configureJsep();
  let root: Expression;
  try {
    root = jsep(source);
  } catch (error) {
    throw new GitcanaryError(
      'FIELD_INVALID',
      `cannot parse condition ${JSON.stringify(source)}: ${(error as Error).message}`,
      {
        field,
        hint: "Argo Rollouts' expression language, e.g. result[0] >= 0.95, len(result) > 0 && result[0] < 1",
      },
    );
  }
  if (root.type === 'Compound') {
    throw new GitcanaryError(
      'FIELD_INVALID',
      `cannot parse condition ${JSON.stringify(source)}: two expressions in a row`,
      {
        field,
      },
    );
  }
  return {
    source,
    evaluate(result) {
      const value = evaluate(root, { result, closure: undefined });
      // EvalCondition: "expected bool, but got %T".
      if (typeof value !== 'boolean') throw new Error(`expected bool, but got ${typeName(value)}`);
      return value;
    },
  };
}

interface Scope {
  result: unknown;
  /** `#` inside a closure. */
  closure: { value: unknown } | undefined;
}

type Node = Expression & Record<string, unknown>;

function evaluate(node: Expression, scope: Scope): unknown {
  const n = node as Node;
  switch (node.type) {
    case 'Literal':
      return n.value;
    case 'Identifier':
      return identifier(String(n.name), scope);
    case 'ArrayExpression':
      return (n.elements as Expression[]).map((element) => evaluate(element, scope));
    case 'MemberExpression':
      return member(evaluate(n.object as Expression, scope), n, scope);
    case 'UnaryExpression':
      return unary(String(n.operator), evaluate(n.argument as Expression, scope));
    case 'BinaryExpression':
      return binary(String(n.operator), n.left as Expression, n.right as Expression, scope);
    case 'ConditionalExpression':
      return truth(evaluate(n.test as Expression, scope), '?:')
        ? evaluate(n.consequent as Expression, scope)
        : evaluate(n.alternate as Expression, scope);
    case 'CallExpression':
      return call(n, scope);
    case CLOSURE:
      return evaluate(n.body as Expression, scope);
    default:
      throw new Error(`unsupported expression ${node.type}`);
  }
}

function identifier(name: string, scope: Scope): unknown {
  if (name === 'result') return scope.result;
  if (name === '#') {
    if (scope.closure === undefined) throw new Error('# outside a predicate');
    return scope.closure.value;
  }
  if (name === 'nil') return null;
  if (name.startsWith('#')) {
    // `#.field` parses as one identifier only when written `#field`; expr has no such form.
    throw new Error(`unknown name ${name}`);
  }
  throw new Error(`unknown name ${name}`);
}

function member(object: unknown, n: Node, scope: Scope): unknown {
  const key = n.computed ? evaluate(n.property as Expression, scope) : String((n.property as Node).name);
  if (Array.isArray(object)) {
    if (typeof key !== 'number' || !Number.isInteger(key))
      throw new Error(`cannot index an array with ${show(key)}`);
    // expr allows negative indexes from the end.
    const index = key < 0 ? object.length + key : key;
    if (index < 0 || index >= object.length) {
      throw new Error(`index out of range: ${key} (array length is ${object.length})`);
    }
    return object[index];
  }
  if (isRecord(object)) {
    // A missing key of a map is nil in expr, not an error.
    return Object.hasOwn(object, String(key)) ? object[String(key)] : null;
  }
  if (typeof object === 'string' && typeof key === 'number') {
    const index = key < 0 ? object.length + key : key;
    if (index < 0 || index >= object.length) throw new Error(`index out of range: ${key}`);
    return object[index];
  }
  throw new Error(`cannot fetch ${show(key)} from ${typeName(object)}`);
}

function unary(operator: string, value: unknown): unknown {
  if (operator === '!' || operator === 'not') return !truth(value, operator);
  if (operator === '-' || operator === '+') {
    if (typeof value !== 'number') throw new Error(`invalid operation: ${operator}${typeName(value)}`);
    return operator === '-' ? -value : value;
  }
  throw new Error(`unsupported operator ${operator}`);
}

function binary(operator: string, leftNode: Expression, rightNode: Expression, scope: Scope): unknown {
  // `&&` and `||` short-circuit, and need booleans on both sides they look at.
  if (operator === '&&' || operator === 'and') {
    return truth(evaluate(leftNode, scope), operator) && truth(evaluate(rightNode, scope), operator);
  }
  if (operator === '||' || operator === 'or') {
    return truth(evaluate(leftNode, scope), operator) || truth(evaluate(rightNode, scope), operator);
  }
  if (operator === '??') {
    const left = evaluate(leftNode, scope);
    return left === null || left === undefined ? evaluate(rightNode, scope) : left;
  }
  const left = evaluate(leftNode, scope);
  const right = evaluate(rightNode, scope);
  switch (operator) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return compare(operator, left, right);
    case '+':
      if (typeof left === 'string' && typeof right === 'string') return left + right;
      return arithmetic(operator, left, right);
    case '-':
    case '*':
    case '/':
    case '%':
    case '**':
      return arithmetic(operator, left, right);
    case 'in':
      return contains(right, left);
    case 'contains':
      return strings(operator, left, right, (a, b) => a.includes(b));
    case 'startsWith':
      return strings(operator, left, right, (a, b) => a.startsWith(b));
    case 'endsWith':
      return strings(operator, left, right, (a, b) => a.endsWith(b));
    case 'matches':
      return strings(operator, left, right, (a, b) => new RegExp(b).test(a));
    default:
      throw new Error(`unsupported operator ${operator}`);
  }
}

function truth(value: unknown, operator: string): boolean {
  if (typeof value !== 'boolean') throw new Error(`invalid operation: ${operator} on ${typeName(value)}`);
  return value;
}

function equal(left: unknown, right: unknown): boolean {
  if (left === undefined) left = null;
  if (right === undefined) right = null;
  if (typeof left === 'number' && typeof right === 'number') return left === right;
  if (typeof left !== typeof right) return false;
  if (typeof left === 'object' && left !== null) return JSON.stringify(left) === JSON.stringify(right);
  return left === right;
}

function compare(operator: string, left: unknown, right: unknown): boolean {
  const bothNumbers = typeof left === 'number' && typeof right === 'number';
  const bothStrings = typeof left === 'string' && typeof right === 'string';
  if (!bothNumbers && !bothStrings) {
    // expr: "invalid operation: < (mismatched types string and float64)".
    throw new Error(
      `invalid operation: ${operator} (mismatched types ${typeName(left)} and ${typeName(right)})`,
    );
  }
  const a = left as number | string;
  const b = right as number | string;
  if (operator === '<') return a < b;
  if (operator === '<=') return a <= b;
  if (operator === '>') return a > b;
  return a >= b;
}

function arithmetic(operator: string, left: unknown, right: unknown): number {
  if (typeof left !== 'number' || typeof right !== 'number') {
    throw new Error(
      `invalid operation: ${operator} (mismatched types ${typeName(left)} and ${typeName(right)})`,
    );
  }
  switch (operator) {
    case '+':
      return left + right;
    case '-':
      return left - right;
    case '*':
      return left * right;
    case '/':
      return left / right;
    case '%':
      if (!Number.isInteger(left) || !Number.isInteger(right))
        throw new Error('invalid operation: % on floats');
      if (right === 0) throw new Error('integer divide by zero');
      return left % right;
    default:
      return left ** right;
  }
}

function contains(collection: unknown, item: unknown): boolean {
  if (Array.isArray(collection)) return collection.some((element) => equal(element, item));
  if (isRecord(collection)) return typeof item === 'string' && Object.hasOwn(collection, item);
  if (collection === null || collection === undefined) return false;
  throw new Error(`invalid operation: in ${typeName(collection)}`);
}

function strings(
  operator: string,
  left: unknown,
  right: unknown,
  test: (left: string, right: string) => boolean,
): boolean {
  if (typeof left !== 'string' || typeof right !== 'string') {
    throw new Error(
      `invalid operation: ${operator} (mismatched types ${typeName(left)} and ${typeName(right)})`,
    );
  }
  return test(left, right);
}

/** Functions: Argo's environment first (evaluate.go), then expr's builtins. */
function call(n: Node, scope: Scope): unknown {
  const callee = n.callee as Node;
  if (callee.type !== 'Identifier') throw new Error('only named functions can be called');
  const name = String(callee.name);
  const argumentNodes = n.arguments as Expression[];
  const args = () => argumentNodes.map((argument) => evaluate(argument, scope));
  const arity = (count: number) => {
    if (argumentNodes.length !== count)
      throw new Error(
        `${name}() takes ${count} argument${count === 1 ? '' : 's'}, got ${argumentNodes.length}`,
      );
  };
  switch (name) {
    // Argo's `default` and `isNil` look at the measured result, whatever their first argument.
    case 'default': {
      arity(2);
      const fallback = evaluate(argumentNodes[1]!, scope);
      return scope.result === null || scope.result === undefined ? fallback : scope.result;
    }
    case 'isNil':
      arity(1);
      return scope.result === null || scope.result === undefined;
    case 'isNaN': {
      arity(1);
      const [value] = args();
      if (typeof value !== 'number') throw new Error(`isNaN() needs a float64, got ${typeName(value)}`);
      return Number.isNaN(value);
    }
    case 'isInf': {
      arity(1);
      const [value] = args();
      if (typeof value !== 'number') throw new Error(`isInf() needs a float64, got ${typeName(value)}`);
      return value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY;
    }
    case 'asInt':
    case 'int': {
      arity(1);
      const value = toNumber(args()[0], name, /^[+-]?\d+$/);
      return Math.trunc(value);
    }
    case 'asFloat':
    case 'float':
      arity(1);
      return toNumber(args()[0], name, /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(Inf|NaN)$/i);
    case 'string':
      arity(1);
      return String(args()[0]);
    case 'len': {
      arity(1);
      const [value] = args();
      if (typeof value === 'string' || Array.isArray(value)) return value.length;
      if (isRecord(value)) return Object.keys(value).length;
      throw new Error(`invalid argument for len (type ${typeName(value)})`);
    }
    case 'abs': {
      arity(1);
      const [value] = args();
      if (typeof value !== 'number') throw new Error(`invalid argument for abs (type ${typeName(value)})`);
      return Math.abs(value);
    }
    case 'min':
    case 'max': {
      const values = args().flatMap((value) => (Array.isArray(value) ? value : [value]));
      if (values.length === 0 || values.some((value) => typeof value !== 'number'))
        throw new Error(`${name}() needs numbers`);
      return name === 'min' ? Math.min(...(values as number[])) : Math.max(...(values as number[]));
    }
    case 'sum':
    case 'mean': {
      arity(1);
      const [value] = args();
      if (!Array.isArray(value) || value.some((element) => typeof element !== 'number'))
        throw new Error(`${name}() needs an array of numbers`);
      const total = (value as number[]).reduce((sum, element) => sum + element, 0);
      return name === 'sum' ? total : value.length === 0 ? 0 : total / value.length;
    }
    case 'first':
    case 'last': {
      arity(1);
      const [value] = args();
      if (!Array.isArray(value)) throw new Error(`${name}() needs an array`);
      return (name === 'first' ? value[0] : value[value.length - 1]) ?? null;
    }
    case 'lower':
    case 'upper':
    case 'trim': {
      arity(1);
      const [value] = args();
      if (typeof value !== 'string') throw new Error(`${name}() needs a string`);
      return name === 'lower' ? value.toLowerCase() : name === 'upper' ? value.toUpperCase() : value.trim();
    }
    case 'all':
    case 'any':
    case 'none':
    case 'one':
    case 'filter':
    case 'map':
    case 'count':
      return predicate(name, argumentNodes, scope);
    default:
      throw new Error(`unknown function ${name}()`);
  }
}

/** expr's closure builtins: `all(list, {# > 0.9})` or `all(list, # > 0.9)`. */
function predicate(name: string, argumentNodes: Expression[], scope: Scope): unknown {
  if (argumentNodes.length !== 2) throw new Error(`${name}() takes a list and a predicate`);
  const list = evaluate(argumentNodes[0]!, scope);
  if (!Array.isArray(list)) throw new Error(`${name}() needs an array, got ${typeName(list)}`);
  const body = argumentNodes[1]!;
  const apply = (value: unknown) => evaluate(body, { ...scope, closure: { value } });
  const test = (value: unknown) => truth(apply(value), `${name}()`);
  switch (name) {
    case 'all':
      return list.every(test);
    case 'any':
      return list.some(test);
    case 'none':
      return !list.some(test);
    case 'one':
      return list.filter(test).length === 1;
    case 'filter':
      return list.filter(test);
    case 'count':
      return list.filter(test).length;
    default:
      return list.map(apply);
  }
}

function toNumber(value: unknown, name: string, pattern: RegExp): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && pattern.test(value.trim())) {
    const text = value.trim();
    if (/^[+-]?inf$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
    return Number(text);
  }
  // Argo's asInt/asFloat panic on what strconv cannot parse: the measurement errors.
  throw new Error(`${name}() cannot parse ${show(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Go's names for the types, as expr's messages use them. */
function typeName(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'string') return 'string';
  if (Array.isArray(value)) return '[]interface {}';
  return 'map[string]interface {}';
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}
