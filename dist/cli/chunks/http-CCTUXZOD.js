import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  parseJsonPath,
  selectJsonPath
} from "./chunk-AYWPWCQ3.js";
import {
  FetchFailed,
  fetchAnswer
} from "./chunk-NDP2KJ5T.js";
import {
  TransientAnswer,
  isTransientStatus
} from "./chunk-WMZLU4BU.js";
import {
  TEMPLATE_CHECK_CONTEXT,
  contextValues,
  limitsFrom,
  renderTemplate,
  runMeasurements
} from "./chunk-O3G3HMHV.js";
import "./chunk-XS2OQZ4O.js";
import "./chunk-DDVRK4SU.js";
import "./chunk-KGKE37OE.js";
import "./chunk-5YYKMCEQ.js";
import "./chunk-YNPOA2B2.js";
import {
  httpConfigSchema,
  parseDuration,
  parseGateConfig
} from "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets,
  secretFromEnv
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/gates/http-condition.ts
function parseCondition(source, field) {
  const tokens = tokenize(source, field);
  const parser = new Parser(tokens, source, field);
  const root = parser.parseExpression();
  parser.expectEnd();
  return {
    source,
    evaluate(result) {
      const value = evaluateNode(root, result);
      if (typeof value !== "boolean")
        throw new Error(`condition ${source} gave ${show(value)}, not true/false`);
      return value;
    }
  };
}
var OPERATORS = ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "(", ")", "[", "]", "."];
function tokenize(source, field) {
  const tokens = [];
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
      let value = "";
      let j = 1;
      while (j < rest.length && rest[j] !== quote) {
        if (rest[j] === "\\" && j + 1 < rest.length) j += 1;
        value += rest[j];
        j += 1;
      }
      if (j >= rest.length) throw syntaxError(source, field, "unterminated string");
      tokens.push({ kind: "string", value });
      i += j + 1;
    } else if (number !== null && !(number[0].startsWith("-") && lastIsValue(tokens))) {
      tokens.push({ kind: "number", value: Number(number[0]) });
      i += number[0].length;
    } else if (word !== null) {
      tokens.push({ kind: "word", value: word[0] });
      i += word[0].length;
    } else {
      const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
      if (op === void 0) throw syntaxError(source, field, `unexpected "${rest[0]}"`);
      tokens.push({ kind: "op", value: op });
      i += op.length;
    }
  }
  return tokens;
}
function lastIsValue(tokens) {
  const last = tokens.at(-1);
  return last !== void 0 && (last.kind !== "op" || last.value === ")" || last.value === "]");
}
var Parser = class {
  constructor(tokens, source, field) {
    this.tokens = tokens;
    this.source = source;
    this.field = field;
  }
  tokens;
  source;
  field;
  position = 0;
  parseExpression() {
    let left = this.parseAnd();
    while (this.takeOp("||")) left = { kind: "logic", op: "||", left, right: this.parseAnd() };
    return left;
  }
  expectEnd() {
    const token = this.tokens[this.position];
    if (token !== void 0)
      throw syntaxError(this.source, this.field, `unexpected "${String(token.value)}"`);
  }
  parseAnd() {
    let left = this.parseNot();
    while (this.takeOp("&&")) left = { kind: "logic", op: "&&", left, right: this.parseNot() };
    return left;
  }
  parseNot() {
    if (this.takeOp("!")) return { kind: "not", operand: this.parseNot() };
    const left = this.parsePrimary();
    const token = this.tokens[this.position];
    if (token?.kind === "op" && ["==", "!=", "<", "<=", ">", ">="].includes(token.value)) {
      this.position += 1;
      return { kind: "compare", op: token.value, left, right: this.parsePrimary() };
    }
    return left;
  }
  parsePrimary() {
    const token = this.tokens[this.position];
    if (token === void 0) throw syntaxError(this.source, this.field, "unexpected end");
    this.position += 1;
    if (token.kind === "number" || token.kind === "string") return { kind: "literal", value: token.value };
    if (token.kind === "op" && token.value === "(") {
      const inner = this.parseExpression();
      if (!this.takeOp(")")) throw syntaxError(this.source, this.field, "missing )");
      return inner;
    }
    if (token.kind === "word") {
      if (token.value === "true") return { kind: "literal", value: true };
      if (token.value === "false") return { kind: "literal", value: false };
      if (token.value === "null") return { kind: "literal", value: null };
      if (token.value === "result") return { kind: "result", path: this.parseMembers() };
    }
    throw syntaxError(
      this.source,
      this.field,
      `unexpected "${String(token.value)}" (only result and literals)`
    );
  }
  parseMembers() {
    const path = [];
    for (; ; ) {
      if (this.takeOp(".")) {
        const name = this.tokens[this.position];
        if (name?.kind !== "word")
          throw syntaxError(this.source, this.field, "expected a member name after .");
        path.push(name.value);
        this.position += 1;
      } else if (this.takeOp("[")) {
        const key = this.tokens[this.position];
        if (key?.kind !== "number" && key?.kind !== "string") {
          throw syntaxError(this.source, this.field, "expected an index or a quoted key in [ ]");
        }
        path.push(key.value);
        this.position += 1;
        if (!this.takeOp("]")) throw syntaxError(this.source, this.field, "missing ]");
      } else {
        return path;
      }
    }
  }
  takeOp(op) {
    const token = this.tokens[this.position];
    if (token?.kind === "op" && token.value === op) {
      this.position += 1;
      return true;
    }
    return false;
  }
};
function evaluateNode(node, result) {
  switch (node.kind) {
    case "literal":
      return node.value;
    case "result":
      return member(result, node.path);
    case "not":
      return !asBoolean(evaluateNode(node.operand, result), "!");
    case "logic": {
      const left = asBoolean(evaluateNode(node.left, result), node.op);
      if (node.op === "&&" ? !left : left) return left;
      return asBoolean(evaluateNode(node.right, result), node.op);
    }
    case "compare":
      return compare(node.op, evaluateNode(node.left, result), evaluateNode(node.right, result));
  }
}
function member(value, path) {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key)) {
      throw new Error(`result has no ${typeof key === "number" ? `[${key}]` : `.${key}`}`);
    }
    current = current[key];
  }
  return current;
}
function compare(op, left, right) {
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (leftNumber !== void 0 && rightNumber !== void 0 && (typeof left === "number" || typeof right === "number")) {
    return ordered(op, leftNumber, rightNumber);
  }
  if (op === "==" || op === "!=") {
    const equal = isScalar(left) && isScalar(right) ? left === right : void 0;
    if (equal === void 0) throw new Error(`cannot compare ${show(left)} ${op} ${show(right)}`);
    return op === "==" ? equal : !equal;
  }
  if (typeof left === "string" && typeof right === "string") return ordered(op, left, right);
  throw new Error(`cannot order ${show(left)} ${op} ${show(right)}`);
}
function ordered(op, left, right) {
  switch (op) {
    case "==":
      return left === right;
    case "!=":
      return left !== right;
    case "<":
      return left < right;
    case "<=":
      return left <= right;
    case ">":
      return left > right;
    default:
      return left >= right;
  }
}
function asNumber(value) {
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
    return Number(value);
  return void 0;
}
function asBoolean(value, op) {
  if (typeof value !== "boolean") throw new Error(`${op} needs true/false, got ${show(value)}`);
  return value;
}
function isScalar(value) {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}
function show(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}\u2026` : text;
}
function syntaxError(source, field, reason) {
  return new GitcanaryError("FIELD_INVALID", `cannot parse condition ${JSON.stringify(source)}: ${reason}`, {
    field,
    hint: 'e.g. result == "ok", result >= 0.99, result.status == "UP" && result.errors < 5'
  });
}

// src/gates/http.ts
var HttpGate = class {
  constructor(name, config, options = {}) {
    this.name = name;
    this.options = options;
    this.config = parseGateConfig(httpConfigSchema, config, "http");
    this.intervalMs = parseDuration(this.config.interval, "http.interval");
    this.timeoutMs = parseDuration(this.config.timeout, "http.timeout");
    this.jsonPath = this.config.jsonPath === void 0 ? void 0 : parseJsonPath(this.config.jsonPath);
    this.successCondition = this.config.successCondition === void 0 ? void 0 : parseCondition(this.config.successCondition, "http.successCondition");
    this.failureCondition = this.config.failureCondition === void 0 ? void 0 : parseCondition(this.config.failureCondition, "http.failureCondition");
    const url = this.renderUrl(TEMPLATE_CHECK_CONTEXT);
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
      throw new GitcanaryError("CONFIG_INVALID", `the url does not render to an http(s) URL: ${url}`, {
        field: "http.url"
      });
    }
  }
  name;
  options;
  kind = "http";
  config;
  intervalMs;
  timeoutMs;
  jsonPath;
  successCondition;
  failureCondition;
  /** The URL for `context`, every value URL-encoded. */
  renderUrl(context) {
    return renderTemplate(this.config.url, contextValues(context), encodeURIComponent, "http.url");
  }
  /** Human threshold: the conditions when set, else the expected status. */
  get threshold() {
    const conditions = [
      this.successCondition === void 0 ? "" : this.successCondition.source,
      this.failureCondition === void 0 ? "" : `fail if ${this.failureCondition.source}`
    ].filter((part) => part !== "");
    return conditions.length > 0 ? conditions.join("; ") : `HTTP ${formatExpectStatus(this.config.expectStatus)}`;
  }
  async evaluate(context) {
    const threshold = this.threshold;
    let url;
    try {
      url = this.renderUrl(context);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const token = this.config.bearerTokenEnv === void 0 ? void 0 : secretFromEnv(this.config.bearerTokenEnv);
    const outcome = await runMeasurements(
      () => this.measure(url, token, context.signal),
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${measurement.message}`),
      context.clock
    );
    return { gate: this.name, kind: this.kind, threshold, ...outcome, message: maskSecrets(outcome.message) };
  }
  async measure(url, token, signal) {
    const headers = { ...this.config.headers };
    if (token !== void 0) headers.authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetchAnswer(
        url,
        { method: this.config.method, headers, body: this.config.body },
        {
          signal,
          timeoutMs: this.timeoutMs,
          retry: this.options.retry,
          // A 5xx or 429 the check did not ask for is an outage until the retries say otherwise.
          transient: (answer) => {
            if (isTransientStatus(answer.status) && !statusMatches(answer.status, this.config.expectStatus))
              return `HTTP ${answer.status}`;
            if (this.jsonPath !== void 0 && statusMatches(answer.status, this.config.expectStatus) && !isJson(answer.body))
              return "response is not JSON";
            return void 0;
          }
        }
      );
    } catch (error) {
      signal.throwIfAborted();
      if (error instanceof TransientAnswer && error.answer !== void 0)
        response = { ...error.answer, truncated: false };
      else {
        const reason = error instanceof FetchFailed && error.timedOut ? `timed out after ${this.config.timeout}${error.message.replace(/^.*?( \(tried \d+ times\))?$/, "$1")}` : `unreachable: ${error instanceof Error ? error.message : String(error)}`;
        throw new Error(maskSecrets(`${this.config.method} ${url} ${reason}`));
      }
    }
    const body = response.body;
    const at = (/* @__PURE__ */ new Date()).toISOString();
    const call = `${this.config.method} ${url} \u2192 ${response.status}`;
    if (!statusMatches(response.status, this.config.expectStatus)) {
      return {
        verdict: "fail",
        value: response.status,
        message: maskSecrets(
          `${call}, expected ${formatExpectStatus(this.config.expectStatus)}${excerpt(body)}`
        ),
        at
      };
    }
    if (this.jsonPath === void 0 && this.successCondition === void 0 && this.failureCondition === void 0) {
      return { verdict: "pass", value: response.status, message: maskSecrets(call), at };
    }
    const result = this.result(body);
    const shown = typeof result === "object" && result !== null ? JSON.stringify(result) : String(result);
    const value = typeof result === "number" || typeof result === "string" ? result : shown;
    const succeeded = this.successCondition?.evaluate(result);
    const failed = this.failureCondition?.evaluate(result);
    let verdict;
    if (failed === true) verdict = "fail";
    else if (succeeded === true) verdict = "pass";
    else if (this.successCondition !== void 0 && this.failureCondition !== void 0)
      verdict = "inconclusive";
    else if (this.successCondition !== void 0) verdict = "fail";
    else verdict = "pass";
    const message = `${call}, result ${truncate(shown)} (${this.threshold})`;
    return { verdict, value, message: maskSecrets(message), at };
  }
  /** The value conditions see: the jsonPath selection, else the JSON body, else the text. */
  result(body) {
    let document;
    try {
      document = JSON.parse(body);
    } catch {
      if (this.jsonPath !== void 0) throw new Error(`response is not JSON${excerpt(body)}`);
      return body.trim();
    }
    return this.jsonPath === void 0 ? document : selectJsonPath(document, this.jsonPath, this.config.jsonPath ?? "$");
  }
};
function isJson(body) {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
function statusMatches(status, expected) {
  if (typeof expected === "number") return status === expected;
  if (Array.isArray(expected)) return expected.includes(status);
  return Math.floor(status / 100) === Number(expected[0]);
}
function formatExpectStatus(expected) {
  return Array.isArray(expected) ? expected.join("|") : String(expected);
}
function excerpt(body) {
  const text = body.trim().replace(/\s+/g, " ");
  return text === "" ? "" : `: ${truncate(text, 200)}`;
}
function truncate(text, max = 80) {
  return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}
export {
  HttpGate,
  statusMatches
};
