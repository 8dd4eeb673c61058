import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  MAX_WEIGHT_WITH_BASELINE,
  allTargets,
  capabilityIssue
} from "./chunk-N5V7TXSN.js";
import {
  describeDoc,
  loadTree,
  require_dist,
  toPlain
} from "./chunk-A62AR74P.js";
import {
  FetchFailed,
  JudgeGate,
  PrometheusGate,
  TEMPLATE_CHECK_CONTEXT,
  contextValues,
  fetchAnswer,
  limitsFrom,
  prometheusApi,
  renderTemplate,
  runMeasurements,
  shellQuote
} from "./chunk-F3VDPRNV.js";
import {
  errorText,
  pollUntilDecided,
  requestSignal,
  sameCommit,
  shortCommit,
  stateWithReason
} from "./chunk-QXQBTMOH.js";
import {
  AbortError,
  GitcanaryError,
  TransientAnswer,
  analysisTemplateSchema,
  argoAnalysisConfigSchema,
  argocdSyncSchema,
  commandConfigSchema,
  dns1123Label,
  dns1123Subdomain,
  durationSchema,
  envVarName,
  external_exports,
  fieldPath,
  fluxSyncSchema,
  gateConfigSchema,
  gitBranchName,
  gitRepository,
  httpConfigSchema,
  httpHeaderName,
  httpHeaderValue,
  isGitcanaryError,
  isTransientHttpFailure,
  isTransientStatus,
  maskSecrets,
  metricSchema,
  metricTemplateConfigSchema,
  pRetry,
  parseDuration,
  parseGateConfig,
  prometheusProviderSchema,
  regexPattern,
  registerSecret,
  rolloutAnalysisFields,
  secretFromEnv,
  singleLine,
  systemClock,
  timeoutSignal,
  webProviderSchema,
  webhookConfigSchema,
  withRetries
} from "./chunk-T5OPNEEO.js";
import {
  __toESM
} from "./chunk-ZXCS2I6Q.js";

// src/gates/index.ts
import { existsSync } from "node:fs";

// src/gates/http-jsonpath.ts
var MEMBER = /^\.([A-Za-z0-9_$-]+)/;
var INDEX = /^\[(\d+)\]/;
var QUOTED = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/;
function parseJsonPath(path2, field = "http.jsonPath") {
  let rest = path2.trim();
  if (rest.startsWith("{") && rest.endsWith("}")) rest = rest.slice(1, -1).trim();
  if (!rest.startsWith("$")) {
    throw new GitcanaryError("FIELD_INVALID", `jsonPath must start with $: ${path2}`, { field });
  }
  rest = rest.slice(1);
  const segments = [];
  while (rest !== "") {
    const member3 = MEMBER.exec(rest);
    const index = INDEX.exec(rest);
    const quoted = QUOTED.exec(rest);
    if (member3 !== null) {
      segments.push(member3[1]);
      rest = rest.slice(member3[0].length);
    } else if (index !== null) {
      segments.push(Number(index[1]));
      rest = rest.slice(index[0].length);
    } else if (quoted !== null) {
      segments.push((quoted[1] ?? quoted[2] ?? "").replace(/\\(.)/g, "$1"));
      rest = rest.slice(quoted[0].length);
    } else {
      throw new GitcanaryError("FIELD_INVALID", `unsupported jsonPath at "${rest}" in ${path2}`, {
        field,
        hint: 'supported: $.a.b, $.items[0].c, $["key with space"]'
      });
    }
  }
  return segments;
}
function selectJsonPath(document, segments, path2) {
  let current = document;
  for (const segment of segments) {
    if (typeof segment === "number" ? Array.isArray(current) && segment < current.length : isRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      throw new Error(
        `jsonPath ${path2}: no ${typeof segment === "number" ? `[${segment}]` : `"${segment}"`} in the response`
      );
    }
  }
  return current;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/gates/argo-analysis/providers.ts
var PROMETHEUS_ADDRESS_ENV = "ARGO_ROLLOUTS_PROMETHEUS_ADDRESS";
async function measureMetric(metric, options) {
  const { value, shown } = metric.provider.kind === "prometheus" ? await queryPrometheus(metric, options) : await callWeb(metric, options);
  const at = (/* @__PURE__ */ new Date()).toISOString();
  if (value === NOT_EVALUATED) {
    return {
      verdict: "pass",
      value: shown,
      message: `${metric.name} = ${shown} (not JSON: successful as is)`,
      at
    };
  }
  const verdict = evaluateResult(value, metric);
  return {
    verdict,
    value: shown,
    message: `${metric.name} = ${shown}${describeConditions(metric, verdict)}`,
    at
  };
}
var NOT_EVALUATED = /* @__PURE__ */ Symbol("not evaluated");
function evaluateResult(result, metric) {
  const { successCondition, failureCondition } = metric;
  if (successCondition === void 0 && failureCondition === void 0) return "pass";
  let success = successCondition?.evaluate(result) ?? false;
  let failure = failureCondition?.evaluate(result) ?? false;
  if (failureCondition === void 0) failure = !success;
  if (successCondition === void 0) success = !failure;
  if (failure) return "fail";
  return success ? "pass" : "inconclusive";
}
function describeConditions(metric, verdict) {
  const parts = [
    metric.successCondition ? metric.successCondition.source : "",
    metric.failureCondition ? `fail if ${metric.failureCondition.source}` : ""
  ].filter((part) => part !== "");
  if (parts.length === 0) return "";
  return ` (${parts.join("; ")}: ${verdict === "pass" ? "successful" : verdict === "fail" ? "failed" : "inconclusive"})`;
}
async function queryPrometheus(metric, options) {
  if (metric.provider.kind !== "prometheus") throw new Error("not a prometheus metric");
  const config = metric.provider.config;
  const address = prometheusAddress(config.address, options.env);
  if (address === void 0)
    throw new Error(`prometheus address is not configured (set it, or ${PROMETHEUS_ADDRESS_ENV})`);
  const headers = Object.fromEntries((config.headers ?? []).map((header) => [header.key, header.value]));
  const timeoutMs = (config.timeout && config.timeout > 0 ? config.timeout : 30) * 1e3;
  const data = await prometheusApi(
    address,
    "api/v1/query",
    { query: config.query },
    { headers, token: void 0, signal: timeoutSignal(timeoutMs, options.signal) }
  );
  if (data.resultType === "scalar") {
    const [, text] = data.result;
    const value = sampleValue(text);
    return { value, shown: formatSample(text) };
  }
  if (data.resultType === "vector") {
    const samples = data.result;
    const values = samples.map((sample) => sampleValue(sample.value[1]));
    return { value: values, shown: `[${samples.map((sample) => formatSample(sample.value[1])).join(",")}]` };
  }
  throw new Error(`Prometheus metric type not supported: ${data.resultType}`);
}
function prometheusAddress(address, env = process.env) {
  const chosen = address !== void 0 && address !== "" ? address : env[PROMETHEUS_ADDRESS_ENV];
  if (chosen === void 0 || chosen === "") return void 0;
  if (!URL.canParse(chosen)) throw new Error(`prometheus address is not in url format: ${chosen}`);
  return chosen;
}
function sampleValue(text) {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}
function formatSample(text) {
  const value = sampleValue(text);
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}
async function callWeb(metric, options) {
  if (metric.provider.kind !== "web") throw new Error("not a web metric");
  const config = metric.provider.config;
  const method = config.method ?? "GET";
  if (config.body !== void 0 && config.body !== "" && config.jsonBody !== void 0) {
    throw new Error("use either Body or JSONBody; both cannot exists for WebMetric payload");
  }
  const hasBody = config.body !== void 0 && config.body !== "" || config.jsonBody !== void 0;
  if (hasBody && method === "GET")
    throw new Error("Body/JSONBody can only be used with POST or PUT WebMetric Method types");
  const headers = new Headers();
  for (const header of config.headers ?? []) headers.set(header.key, header.value);
  if (config.jsonBody !== void 0) headers.set("content-type", "application/json");
  const timeoutMs = (config.timeoutSeconds && config.timeoutSeconds > 0 ? config.timeoutSeconds : 10) * 1e3;
  let response;
  try {
    response = await fetch(config.url, {
      method,
      headers,
      ...hasBody ? { body: config.jsonBody !== void 0 ? JSON.stringify(config.jsonBody) : config.body } : {},
      signal: timeoutSignal(timeoutMs, options.signal),
      redirect: "follow"
    });
  } catch (error) {
    options.signal.throwIfAborted();
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new Error(`${method} ${new URL(config.url).origin} failed: ${error.message}${cause}`);
  }
  const text = await response.text();
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`received non 2xx response code: ${response.status}`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { value: NOT_EVALUATED, shown: text.slice(0, 200) };
  }
  const path2 = config.jsonPath === void 0 || config.jsonPath === "" ? "{$}" : config.jsonPath;
  let value;
  try {
    value = selectJsonPath(data, parseJsonPath(path2, "web.jsonPath"), path2);
  } catch (error) {
    throw new Error(`Could not find JSONPath in body: ${error.message}`);
  }
  return { value, shown: JSON.stringify(value) };
}

// node_modules/jsep/dist/jsep.js
var Hooks = class {
  /**
   * @callback HookCallback
   * @this {*|Jsep} this
   * @param {Jsep} env
   * @returns: void
   */
  /**
   * Adds the given callback to the list of callbacks for the given hook.
   *
   * The callback will be invoked when the hook it is registered for is run.
   *
   * One callback function can be registered to multiple hooks and the same hook multiple times.
   *
   * @param {string|object} name The name of the hook, or an object of callbacks keyed by name
   * @param {HookCallback|boolean} callback The callback function which is given environment variables.
   * @param {?boolean} [first=false] Will add the hook to the top of the list (defaults to the bottom)
   * @public
   */
  add(name, callback, first) {
    if (typeof arguments[0] != "string") {
      for (let name2 in arguments[0]) {
        this.add(name2, arguments[0][name2], arguments[1]);
      }
    } else {
      (Array.isArray(name) ? name : [name]).forEach(function(name2) {
        this[name2] = this[name2] || [];
        if (callback) {
          this[name2][first ? "unshift" : "push"](callback);
        }
      }, this);
    }
  }
  /**
   * Runs a hook invoking all registered callbacks with the given environment variables.
   *
   * Callbacks will be invoked synchronously and in the order in which they were registered.
   *
   * @param {string} name The name of the hook.
   * @param {Object<string, any>} env The environment variables of the hook passed to all callbacks registered.
   * @public
   */
  run(name, env) {
    this[name] = this[name] || [];
    this[name].forEach(function(callback) {
      callback.call(env && env.context ? env.context : env, env);
    });
  }
};
var Plugins = class {
  constructor(jsep2) {
    this.jsep = jsep2;
    this.registered = {};
  }
  /**
   * @callback PluginSetup
   * @this {Jsep} jsep
   * @returns: void
   */
  /**
   * Adds the given plugin(s) to the registry
   *
   * @param {object} plugins
   * @param {string} plugins.name The name of the plugin
   * @param {PluginSetup} plugins.init The init function
   * @public
   */
  register(...plugins) {
    plugins.forEach((plugin) => {
      if (typeof plugin !== "object" || !plugin.name || !plugin.init) {
        throw new Error("Invalid JSEP plugin format");
      }
      if (this.registered[plugin.name]) {
        return;
      }
      plugin.init(this.jsep);
      this.registered[plugin.name] = plugin;
    });
  }
};
var Jsep = class _Jsep {
  /**
   * @returns {string}
   */
  static get version() {
    return "1.6.0";
  }
  /**
   * @returns {string}
   */
  static toString() {
    return "JavaScript Expression Parser (JSEP) v" + _Jsep.version;
  }
  // ==================== CONFIG ================================
  /**
   * @method addUnaryOp
   * @param {string} op_name The name of the unary op to add
   * @returns {Jsep}
   */
  static addUnaryOp(op_name) {
    _Jsep.max_unop_len = Math.max(op_name.length, _Jsep.max_unop_len);
    _Jsep.unary_ops[op_name] = 1;
    return _Jsep;
  }
  /**
   * @method jsep.addBinaryOp
   * @param {string} op_name The name of the binary op to add
   * @param {number} precedence The precedence of the binary op (can be a float). Higher number = higher precedence
   * @param {boolean} [isRightAssociative=false] whether operator is right-associative
   * @returns {Jsep}
   */
  static addBinaryOp(op_name, precedence, isRightAssociative) {
    _Jsep.max_binop_len = Math.max(op_name.length, _Jsep.max_binop_len);
    _Jsep.binary_ops[op_name] = precedence;
    if (isRightAssociative) {
      _Jsep.right_associative.add(op_name);
    } else {
      _Jsep.right_associative.delete(op_name);
    }
    return _Jsep;
  }
  /**
   * @method addIdentifierChar
   * @param {string} char The additional character to treat as a valid part of an identifier
   * @returns {Jsep}
   */
  static addIdentifierChar(char) {
    _Jsep.additional_identifier_chars.add(char);
    return _Jsep;
  }
  /**
   * @method addLiteral
   * @param {string} literal_name The name of the literal to add
   * @param {*} literal_value The value of the literal
   * @returns {Jsep}
   */
  static addLiteral(literal_name, literal_value) {
    _Jsep.literals[literal_name] = literal_value;
    return _Jsep;
  }
  /**
   * @method removeUnaryOp
   * @param {string} op_name The name of the unary op to remove
   * @returns {Jsep}
   */
  static removeUnaryOp(op_name) {
    delete _Jsep.unary_ops[op_name];
    if (op_name.length === _Jsep.max_unop_len) {
      _Jsep.max_unop_len = _Jsep.getMaxKeyLen(_Jsep.unary_ops);
    }
    return _Jsep;
  }
  /**
   * @method removeAllUnaryOps
   * @returns {Jsep}
   */
  static removeAllUnaryOps() {
    _Jsep.unary_ops = {};
    _Jsep.max_unop_len = 0;
    return _Jsep;
  }
  /**
   * @method removeIdentifierChar
   * @param {string} char The additional character to stop treating as a valid part of an identifier
   * @returns {Jsep}
   */
  static removeIdentifierChar(char) {
    _Jsep.additional_identifier_chars.delete(char);
    return _Jsep;
  }
  /**
   * @method removeBinaryOp
   * @param {string} op_name The name of the binary op to remove
   * @returns {Jsep}
   */
  static removeBinaryOp(op_name) {
    delete _Jsep.binary_ops[op_name];
    if (op_name.length === _Jsep.max_binop_len) {
      _Jsep.max_binop_len = _Jsep.getMaxKeyLen(_Jsep.binary_ops);
    }
    _Jsep.right_associative.delete(op_name);
    return _Jsep;
  }
  /**
   * @method removeAllBinaryOps
   * @returns {Jsep}
   */
  static removeAllBinaryOps() {
    _Jsep.binary_ops = {};
    _Jsep.max_binop_len = 0;
    return _Jsep;
  }
  /**
   * @method removeLiteral
   * @param {string} literal_name The name of the literal to remove
   * @returns {Jsep}
   */
  static removeLiteral(literal_name) {
    delete _Jsep.literals[literal_name];
    return _Jsep;
  }
  /**
   * @method removeAllLiterals
   * @returns {Jsep}
   */
  static removeAllLiterals() {
    _Jsep.literals = {};
    return _Jsep;
  }
  // ==================== END CONFIG ============================
  /**
   * @returns {string}
   */
  get char() {
    return this.expr.charAt(this.index);
  }
  /**
   * @returns {number}
   */
  get code() {
    return this.expr.charCodeAt(this.index);
  }
  /**
   * @param {string} expr a string with the passed in express
   * @returns Jsep
   */
  constructor(expr) {
    this.expr = expr;
    this.index = 0;
  }
  /**
   * static top-level parser
   * @returns {jsep.Expression}
   */
  static parse(expr) {
    return new _Jsep(expr).parse();
  }
  /**
   * Get the longest key length of any object
   * @param {object} obj
   * @returns {number}
   */
  static getMaxKeyLen(obj) {
    return Math.max(0, ...Object.keys(obj).map((k) => k.length));
  }
  /**
   * `ch` is a character code in the next three functions
   * @param {number} ch
   * @returns {boolean}
   */
  static isDecimalDigit(ch) {
    return ch >= 48 && ch <= 57;
  }
  /**
   * Returns the precedence of a binary operator or `0` if it isn't a binary operator. Can be float.
   * @param {string} op_val
   * @returns {number}
   */
  static binaryPrecedence(op_val) {
    return _Jsep.binary_ops[op_val] || 0;
  }
  /**
   * Looks for start of identifier
   * @param {number} ch
   * @returns {boolean}
   */
  static isIdentifierStart(ch) {
    return ch >= 65 && ch <= 90 || // A...Z
    ch >= 97 && ch <= 122 || // a...z
    ch >= 128 && !_Jsep.binary_ops[String.fromCharCode(ch)] || // any non-ASCII that is not an operator
    _Jsep.additional_identifier_chars.has(String.fromCharCode(ch));
  }
  /**
   * @param {number} ch
   * @returns {boolean}
   */
  static isIdentifierPart(ch) {
    return _Jsep.isIdentifierStart(ch) || _Jsep.isDecimalDigit(ch);
  }
  /**
   * throw error at index of the expression
   * @param {string} message
   * @throws
   */
  throwError(message) {
    const error = new Error(message + " at character " + this.index);
    error.index = this.index;
    error.description = message;
    throw error;
  }
  /**
   * Run a given hook
   * @param {string} name
   * @param {jsep.Expression|false} [node]
   * @returns {?jsep.Expression}
   */
  runHook(name, node) {
    if (_Jsep.hooks[name]) {
      const env = { context: this, node };
      _Jsep.hooks.run(name, env);
      return env.node;
    }
    return node;
  }
  /**
   * Runs a given hook until one returns a node
   * @param {string} name
   * @returns {?jsep.Expression}
   */
  searchHook(name) {
    if (_Jsep.hooks[name]) {
      const env = { context: this };
      _Jsep.hooks[name].find(function(callback) {
        callback.call(env.context, env);
        return env.node;
      });
      return env.node;
    }
  }
  /**
   * Push `index` up to the next non-space character
   */
  gobbleSpaces() {
    let ch = this.code;
    while (ch === _Jsep.SPACE_CODE || ch === _Jsep.TAB_CODE || ch === _Jsep.LF_CODE || ch === _Jsep.CR_CODE) {
      ch = this.expr.charCodeAt(++this.index);
    }
    this.runHook("gobble-spaces");
  }
  /**
   * Top-level method to parse all expressions and returns compound or single node
   * @returns {jsep.Expression}
   */
  parse() {
    this.runHook("before-all");
    const nodes = this.gobbleExpressions();
    const node = nodes.length === 1 ? nodes[0] : {
      type: _Jsep.COMPOUND,
      body: nodes
    };
    return this.runHook("after-all", node);
  }
  /**
   * top-level parser (but can be reused within as well)
   * @param {number} [untilICode]
   * @returns {jsep.Expression[]}
   */
  gobbleExpressions(untilICode) {
    let nodes = [], ch_i, node;
    while (this.index < this.expr.length) {
      ch_i = this.code;
      if (ch_i === _Jsep.SEMCOL_CODE || ch_i === _Jsep.COMMA_CODE) {
        this.index++;
      } else {
        if (node = this.gobbleExpression()) {
          nodes.push(node);
        } else if (this.index < this.expr.length) {
          if (ch_i === untilICode) {
            break;
          }
          this.throwError('Unexpected "' + this.char + '"');
        }
      }
    }
    return nodes;
  }
  /**
   * The main parsing function.
   * @returns {?jsep.Expression}
   */
  gobbleExpression() {
    const node = this.searchHook("gobble-expression") || this.gobbleBinaryExpression();
    this.gobbleSpaces();
    return this.runHook("after-expression", node);
  }
  /**
   * Search for the operation portion of the string (e.g. `+`, `===`)
   * Start by taking the longest possible binary operations (3 characters: `===`, `!==`, `>>>`)
   * and move down from 3 to 2 to 1 character until a matching binary operation is found
   * then, return that binary operation
   * @returns {string|boolean}
   */
  gobbleBinaryOp() {
    this.gobbleSpaces();
    let to_check = this.expr.substr(this.index, _Jsep.max_binop_len);
    let tc_len = to_check.length;
    while (tc_len > 0) {
      if (_Jsep.binary_ops.hasOwnProperty(to_check) && (!_Jsep.isIdentifierStart(this.code) || this.index + to_check.length < this.expr.length && !_Jsep.isIdentifierPart(this.expr.charCodeAt(this.index + to_check.length)))) {
        this.index += tc_len;
        return to_check;
      }
      to_check = to_check.substr(0, --tc_len);
    }
    return false;
  }
  /**
   * This function is responsible for gobbling an individual expression,
   * e.g. `1`, `1+2`, `a+(b*2)-Math.sqrt(2)`
   * @returns {?jsep.BinaryExpression}
   */
  gobbleBinaryExpression() {
    let node, biop, prec, stack, biop_info, left, right, i, cur_biop;
    left = this.gobbleToken();
    if (!left) {
      return left;
    }
    biop = this.gobbleBinaryOp();
    if (!biop) {
      return left;
    }
    biop_info = { value: biop, prec: _Jsep.binaryPrecedence(biop), right_a: _Jsep.right_associative.has(biop) };
    right = this.gobbleToken();
    if (!right) {
      this.throwError("Expected expression after " + biop);
    }
    stack = [left, biop_info, right];
    while (biop = this.gobbleBinaryOp()) {
      prec = _Jsep.binaryPrecedence(biop);
      if (prec === 0) {
        this.index -= biop.length;
        break;
      }
      biop_info = { value: biop, prec, right_a: _Jsep.right_associative.has(biop) };
      cur_biop = biop;
      const comparePrev = (prev) => biop_info.right_a && prev.right_a ? prec > prev.prec : prec <= prev.prec;
      while (stack.length > 2 && comparePrev(stack[stack.length - 2])) {
        right = stack.pop();
        biop = stack.pop().value;
        left = stack.pop();
        node = {
          type: _Jsep.BINARY_EXP,
          operator: biop,
          left,
          right
        };
        stack.push(node);
      }
      node = this.gobbleToken();
      if (!node) {
        this.throwError("Expected expression after " + cur_biop);
      }
      stack.push(biop_info, node);
    }
    i = stack.length - 1;
    node = stack[i];
    while (i > 1) {
      node = {
        type: _Jsep.BINARY_EXP,
        operator: stack[i - 1].value,
        left: stack[i - 2],
        right: node
      };
      i -= 2;
    }
    return node;
  }
  /**
   * An individual part of a binary expression:
   * e.g. `foo.bar(baz)`, `1`, `"abc"`, `(a % 2)` (because it's in parenthesis)
   * @returns {boolean|jsep.Expression}
   */
  gobbleToken() {
    let ch, to_check, tc_len, node;
    this.gobbleSpaces();
    node = this.searchHook("gobble-token");
    if (node) {
      return this.runHook("after-token", node);
    }
    ch = this.code;
    if (_Jsep.isDecimalDigit(ch) || ch === _Jsep.PERIOD_CODE) {
      return this.gobbleNumericLiteral();
    }
    if (ch === _Jsep.SQUOTE_CODE || ch === _Jsep.DQUOTE_CODE) {
      node = this.gobbleStringLiteral();
    } else if (ch === _Jsep.OBRACK_CODE) {
      node = this.gobbleArray();
    } else {
      to_check = this.expr.substr(this.index, _Jsep.max_unop_len);
      tc_len = to_check.length;
      while (tc_len > 0) {
        if (_Jsep.unary_ops.hasOwnProperty(to_check) && (!_Jsep.isIdentifierStart(this.code) || this.index + to_check.length < this.expr.length && !_Jsep.isIdentifierPart(this.expr.charCodeAt(this.index + to_check.length)))) {
          this.index += tc_len;
          const argument = this.gobbleToken();
          if (!argument) {
            this.throwError("missing unaryOp argument");
          }
          return this.runHook("after-token", {
            type: _Jsep.UNARY_EXP,
            operator: to_check,
            argument,
            prefix: true
          });
        }
        to_check = to_check.substr(0, --tc_len);
      }
      if (_Jsep.isIdentifierStart(ch)) {
        node = this.gobbleIdentifier();
        if (_Jsep.literals.hasOwnProperty(node.name)) {
          node = {
            type: _Jsep.LITERAL,
            value: _Jsep.literals[node.name],
            raw: node.name
          };
        } else if (node.name === _Jsep.this_str) {
          node = { type: _Jsep.THIS_EXP };
        }
      } else if (ch === _Jsep.OPAREN_CODE) {
        node = this.gobbleGroup();
      }
    }
    if (!node) {
      return this.runHook("after-token", false);
    }
    node = this.gobbleTokenProperty(node);
    return this.runHook("after-token", node);
  }
  /**
   * Gobble properties of of identifiers/strings/arrays/groups.
   * e.g. `foo`, `bar.baz`, `foo['bar'].baz`
   * It also gobbles function calls:
   * e.g. `Math.acos(obj.angle)`
   * @param {jsep.Expression} node
   * @returns {jsep.Expression}
   */
  gobbleTokenProperty(node) {
    this.gobbleSpaces();
    let ch = this.code;
    while (ch === _Jsep.PERIOD_CODE || ch === _Jsep.OBRACK_CODE || ch === _Jsep.OPAREN_CODE || ch === _Jsep.QUMARK_CODE) {
      let optional;
      if (ch === _Jsep.QUMARK_CODE) {
        if (this.expr.charCodeAt(this.index + 1) !== _Jsep.PERIOD_CODE) {
          break;
        }
        optional = true;
        this.index += 2;
        this.gobbleSpaces();
        ch = this.code;
      }
      this.index++;
      if (ch === _Jsep.OBRACK_CODE) {
        node = {
          type: _Jsep.MEMBER_EXP,
          computed: true,
          object: node,
          property: this.gobbleExpression()
        };
        if (!node.property) {
          this.throwError('Unexpected "' + this.char + '"');
        }
        this.gobbleSpaces();
        ch = this.code;
        if (ch !== _Jsep.CBRACK_CODE) {
          this.throwError("Unclosed [");
        }
        this.index++;
      } else if (ch === _Jsep.OPAREN_CODE) {
        node = {
          type: _Jsep.CALL_EXP,
          "arguments": this.gobbleArguments(_Jsep.CPAREN_CODE),
          callee: node
        };
      } else if (ch === _Jsep.PERIOD_CODE || optional) {
        if (optional) {
          this.index--;
        }
        this.gobbleSpaces();
        node = {
          type: _Jsep.MEMBER_EXP,
          computed: false,
          object: node,
          property: this.gobbleIdentifier()
        };
      }
      if (optional) {
        node.optional = true;
      }
      this.gobbleSpaces();
      ch = this.code;
    }
    return node;
  }
  /**
   * Parse simple numeric literals: `12`, `3.4`, `.5`. Do this by using a string to
   * keep track of everything in the numeric literal and then calling `parseFloat` on that string
   * @returns {jsep.Literal}
   */
  gobbleNumericLiteral() {
    let number = "", ch, chCode;
    while (_Jsep.isDecimalDigit(this.code)) {
      number += this.expr.charAt(this.index++);
    }
    if (this.code === _Jsep.PERIOD_CODE) {
      number += this.expr.charAt(this.index++);
      while (_Jsep.isDecimalDigit(this.code)) {
        number += this.expr.charAt(this.index++);
      }
    }
    ch = this.char;
    if (ch === "e" || ch === "E") {
      number += this.expr.charAt(this.index++);
      ch = this.char;
      if (ch === "+" || ch === "-") {
        number += this.expr.charAt(this.index++);
      }
      while (_Jsep.isDecimalDigit(this.code)) {
        number += this.expr.charAt(this.index++);
      }
      if (!_Jsep.isDecimalDigit(this.expr.charCodeAt(this.index - 1))) {
        this.throwError("Expected exponent (" + number + this.char + ")");
      }
    }
    chCode = this.code;
    if (_Jsep.isIdentifierStart(chCode)) {
      this.throwError("Variable names cannot start with a number (" + number + this.char + ")");
    } else if (chCode === _Jsep.PERIOD_CODE || number.length === 1 && number.charCodeAt(0) === _Jsep.PERIOD_CODE) {
      this.throwError("Unexpected period");
    }
    return {
      type: _Jsep.LITERAL,
      value: parseFloat(number),
      raw: number
    };
  }
  /**
   * Parses a string literal, staring with single or double quotes with basic support for escape codes
   * e.g. `"hello world"`, `'this is\nJSEP'`
   * @returns {jsep.Literal}
   */
  gobbleStringLiteral() {
    let str = "";
    const startIndex = this.index;
    const quote = this.expr.charAt(this.index++);
    let closed = false;
    while (this.index < this.expr.length) {
      let ch = this.expr.charAt(this.index++);
      if (ch === quote) {
        closed = true;
        break;
      } else if (ch === "\\") {
        ch = this.expr.charAt(this.index++);
        switch (ch) {
          case "n":
            str += "\n";
            break;
          case "r":
            str += "\r";
            break;
          case "t":
            str += "	";
            break;
          case "b":
            str += "\b";
            break;
          case "f":
            str += "\f";
            break;
          case "v":
            str += "\v";
            break;
          default:
            str += ch;
        }
      } else {
        str += ch;
      }
    }
    if (!closed) {
      this.throwError('Unclosed quote after "' + str + '"');
    }
    return {
      type: _Jsep.LITERAL,
      value: str,
      raw: this.expr.substring(startIndex, this.index)
    };
  }
  /**
   * Gobbles only identifiers
   * e.g.: `foo`, `_value`, `$x1`
   * Also, this function checks if that identifier is a literal:
   * (e.g. `true`, `false`, `null`) or `this`
   * @returns {jsep.Identifier}
   */
  gobbleIdentifier() {
    let ch = this.code, start = this.index;
    if (_Jsep.isIdentifierStart(ch)) {
      this.index++;
    } else {
      this.throwError("Unexpected " + this.char);
    }
    while (this.index < this.expr.length) {
      ch = this.code;
      if (_Jsep.isIdentifierPart(ch)) {
        this.index++;
      } else {
        break;
      }
    }
    return {
      type: _Jsep.IDENTIFIER,
      name: this.expr.slice(start, this.index)
    };
  }
  /**
   * Gobbles a list of arguments within the context of a function call
   * or array literal. This function also assumes that the opening character
   * `(` or `[` has already been gobbled, and gobbles expressions and commas
   * until the terminator character `)` or `]` is encountered.
   * e.g. `foo(bar, baz)`, `my_func()`, or `[bar, baz]`
   * @param {number} termination
   * @returns {jsep.Expression[]}
   */
  gobbleArguments(termination) {
    const args = [];
    let closed = false;
    let separator_count = 0;
    while (this.index < this.expr.length) {
      this.gobbleSpaces();
      let ch_i = this.code;
      if (ch_i === termination) {
        closed = true;
        this.index++;
        if (termination === _Jsep.CPAREN_CODE && separator_count && separator_count >= args.length) {
          this.throwError("Unexpected token " + String.fromCharCode(termination));
        }
        break;
      } else if (ch_i === _Jsep.COMMA_CODE) {
        this.index++;
        separator_count++;
        if (separator_count !== args.length) {
          if (termination === _Jsep.CPAREN_CODE) {
            this.throwError("Unexpected token ,");
          } else if (termination === _Jsep.CBRACK_CODE) {
            for (let arg = args.length; arg < separator_count; arg++) {
              args.push(null);
            }
          }
        }
      } else if (args.length !== separator_count && separator_count !== 0) {
        this.throwError("Expected comma");
      } else {
        const node = this.gobbleExpression();
        if (!node || node.type === _Jsep.COMPOUND) {
          this.throwError("Expected comma");
        }
        args.push(node);
      }
    }
    if (!closed) {
      this.throwError("Expected " + String.fromCharCode(termination));
    }
    return args;
  }
  /**
   * Responsible for parsing a group of things within parentheses `()`
   * that have no identifier in front (so not a function call)
   * This function assumes that it needs to gobble the opening parenthesis
   * and then tries to gobble everything within that parenthesis, assuming
   * that the next thing it should see is the close parenthesis. If not,
   * then the expression probably doesn't have a `)`
   * @returns {boolean|jsep.Expression}
   */
  gobbleGroup() {
    this.index++;
    let nodes = this.gobbleExpressions(_Jsep.CPAREN_CODE);
    if (this.code === _Jsep.CPAREN_CODE) {
      this.index++;
      if (nodes.length === 1) {
        return nodes[0];
      } else if (!nodes.length) {
        return false;
      } else {
        return {
          type: _Jsep.SEQUENCE_EXP,
          expressions: nodes
        };
      }
    } else {
      this.throwError("Unclosed (");
    }
  }
  /**
   * Responsible for parsing Array literals `[1, 2, 3]`
   * This function assumes that it needs to gobble the opening bracket
   * and then tries to gobble the expressions as arguments.
   * @returns {jsep.ArrayExpression}
   */
  gobbleArray() {
    this.index++;
    return {
      type: _Jsep.ARRAY_EXP,
      elements: this.gobbleArguments(_Jsep.CBRACK_CODE)
    };
  }
};
var hooks = new Hooks();
Object.assign(Jsep, {
  hooks,
  plugins: new Plugins(Jsep),
  // Node Types
  // ----------
  // This is the full set of types that any JSEP node can be.
  // Store them here to save space when minified
  COMPOUND: "Compound",
  SEQUENCE_EXP: "SequenceExpression",
  IDENTIFIER: "Identifier",
  MEMBER_EXP: "MemberExpression",
  LITERAL: "Literal",
  THIS_EXP: "ThisExpression",
  CALL_EXP: "CallExpression",
  UNARY_EXP: "UnaryExpression",
  BINARY_EXP: "BinaryExpression",
  ARRAY_EXP: "ArrayExpression",
  TAB_CODE: 9,
  LF_CODE: 10,
  CR_CODE: 13,
  SPACE_CODE: 32,
  PERIOD_CODE: 46,
  // '.'
  COMMA_CODE: 44,
  // ','
  SQUOTE_CODE: 39,
  // single quote
  DQUOTE_CODE: 34,
  // double quotes
  OPAREN_CODE: 40,
  // (
  CPAREN_CODE: 41,
  // )
  OBRACK_CODE: 91,
  // [
  CBRACK_CODE: 93,
  // ]
  QUMARK_CODE: 63,
  // ?
  SEMCOL_CODE: 59,
  // ;
  COLON_CODE: 58,
  // :
  // Operations
  // ----------
  // Use a quickly-accessible map to store all of the unary operators
  // Values are set to `1` (it really doesn't matter)
  unary_ops: {
    "-": 1,
    "!": 1,
    "~": 1,
    "+": 1
  },
  // Also use a map for the binary operations but set their values to their
  // binary precedence for quick reference (higher number = higher precedence)
  // see [Order of operations](https://developer.mozilla.org/en-US/docs/Web/JavaScript/Reference/Operators/Operator_Precedence)
  binary_ops: {
    "||": 1,
    "??": 1,
    "&&": 2,
    "|": 3,
    "^": 4,
    "&": 5,
    "==": 6,
    "!=": 6,
    "===": 6,
    "!==": 6,
    "<": 7,
    ">": 7,
    "<=": 7,
    ">=": 7,
    "<<": 8,
    ">>": 8,
    ">>>": 8,
    "+": 9,
    "-": 9,
    "*": 10,
    "/": 10,
    "%": 10,
    "**": 11
  },
  // sets specific binary_ops as right-associative
  right_associative: /* @__PURE__ */ new Set(["**"]),
  // Additional valid identifier chars, apart from a-z, A-Z and 0-9 (except on the starting char)
  additional_identifier_chars: /* @__PURE__ */ new Set(["$", "_"]),
  // Literals
  // ----------
  // Store the values to return for the various literals we may encounter
  literals: {
    "true": true,
    "false": false,
    "null": null
  },
  // Except for `this`, which is special. This could be changed to something like `'self'` as well
  this_str: "this"
});
Jsep.max_unop_len = Jsep.getMaxKeyLen(Jsep.unary_ops);
Jsep.max_binop_len = Jsep.getMaxKeyLen(Jsep.binary_ops);
var jsep = (expr) => new Jsep(expr).parse();
var stdClassProps = Object.getOwnPropertyNames(class Test {
});
Object.getOwnPropertyNames(Jsep).filter((prop) => !stdClassProps.includes(prop) && jsep[prop] === void 0).forEach((m) => {
  jsep[m] = Jsep[m];
});
jsep.Jsep = Jsep;
var CONDITIONAL_EXP = "ConditionalExpression";
var ternary = {
  name: "ternary",
  init(jsep2) {
    jsep2.hooks.add("after-expression", function gobbleTernary(env) {
      if (env.node && this.code === jsep2.QUMARK_CODE) {
        this.index++;
        const test = env.node;
        const consequent = this.gobbleExpression();
        if (!consequent) {
          this.throwError("Expected expression");
        }
        this.gobbleSpaces();
        if (this.code === jsep2.COLON_CODE) {
          this.index++;
          const alternate = this.gobbleExpression();
          if (!alternate) {
            this.throwError("Expected expression");
          }
          env.node = {
            type: CONDITIONAL_EXP,
            test,
            consequent,
            alternate
          };
          if (test.operator && jsep2.binary_ops[test.operator] <= 0.9) {
            let newTest = test;
            while (newTest.right.operator && jsep2.binary_ops[newTest.right.operator] <= 0.9) {
              newTest = newTest.right;
            }
            env.node.test = newTest.right;
            newTest.right = env.node;
            env.node = test;
          }
        } else {
          this.throwError("Expected :");
        }
      }
    });
  }
};
jsep.plugins.register(ternary);

// src/gates/argo-analysis/expr.ts
var CLOSURE = "Closure";
var OPEN_CURLY = 123;
var CLOSE_CURLY = 125;
var configured = false;
function configureJsep() {
  if (configured) return;
  configured = true;
  jsep.addIdentifierChar("#");
  jsep.addBinaryOp("or", 1);
  jsep.addBinaryOp("and", 2);
  for (const op of ["in", "contains", "startsWith", "endsWith", "matches"]) jsep.addBinaryOp(op, 7);
  jsep.addUnaryOp("not");
  jsep.hooks.add("gobble-token", function gobbleClosure(env) {
    if (this.code !== OPEN_CURLY) return;
    this.index += 1;
    const body = this.gobbleExpression();
    this.gobbleSpaces();
    if (this.code !== CLOSE_CURLY) this.throwError("Unclosed {");
    this.index += 1;
    env.node = { type: CLOSURE, body };
  });
}
function compileCondition(source, field) {
  configureJsep();
  let root;
  try {
    root = jsep(source);
  } catch (error) {
    throw new GitcanaryError(
      "FIELD_INVALID",
      `cannot parse condition ${JSON.stringify(source)}: ${error.message}`,
      {
        field,
        hint: "Argo Rollouts' expression language, e.g. result[0] >= 0.95, len(result) > 0 && result[0] < 1"
      }
    );
  }
  if (root.type === "Compound") {
    throw new GitcanaryError(
      "FIELD_INVALID",
      `cannot parse condition ${JSON.stringify(source)}: two expressions in a row`,
      {
        field
      }
    );
  }
  return {
    source,
    evaluate(result) {
      const value = evaluate(root, { result, closure: void 0 });
      if (typeof value !== "boolean") throw new Error(`expected bool, but got ${typeName(value)}`);
      return value;
    }
  };
}
function evaluate(node, scope) {
  const n = node;
  switch (node.type) {
    case "Literal":
      return n.value;
    case "Identifier":
      return identifier(String(n.name), scope);
    case "ArrayExpression":
      return n.elements.map((element) => evaluate(element, scope));
    case "MemberExpression":
      return member(evaluate(n.object, scope), n, scope);
    case "UnaryExpression":
      return unary(String(n.operator), evaluate(n.argument, scope));
    case "BinaryExpression":
      return binary(String(n.operator), n.left, n.right, scope);
    case "ConditionalExpression":
      return truth(evaluate(n.test, scope), "?:") ? evaluate(n.consequent, scope) : evaluate(n.alternate, scope);
    case "CallExpression":
      return call(n, scope);
    case CLOSURE:
      return evaluate(n.body, scope);
    default:
      throw new Error(`unsupported expression ${node.type}`);
  }
}
function identifier(name, scope) {
  if (name === "result") return scope.result;
  if (name === "#") {
    if (scope.closure === void 0) throw new Error("# outside a predicate");
    return scope.closure.value;
  }
  if (name === "nil") return null;
  if (name.startsWith("#")) {
    throw new Error(`unknown name ${name}`);
  }
  throw new Error(`unknown name ${name}`);
}
function member(object, n, scope) {
  const key2 = n.computed ? evaluate(n.property, scope) : String(n.property.name);
  if (Array.isArray(object)) {
    if (typeof key2 !== "number" || !Number.isInteger(key2))
      throw new Error(`cannot index an array with ${show(key2)}`);
    const index = key2 < 0 ? object.length + key2 : key2;
    if (index < 0 || index >= object.length) {
      throw new Error(`index out of range: ${key2} (array length is ${object.length})`);
    }
    return object[index];
  }
  if (isRecord2(object)) {
    return Object.hasOwn(object, String(key2)) ? object[String(key2)] : null;
  }
  if (typeof object === "string" && typeof key2 === "number") {
    const index = key2 < 0 ? object.length + key2 : key2;
    if (index < 0 || index >= object.length) throw new Error(`index out of range: ${key2}`);
    return object[index];
  }
  throw new Error(`cannot fetch ${show(key2)} from ${typeName(object)}`);
}
function unary(operator, value) {
  if (operator === "!" || operator === "not") return !truth(value, operator);
  if (operator === "-" || operator === "+") {
    if (typeof value !== "number") throw new Error(`invalid operation: ${operator}${typeName(value)}`);
    return operator === "-" ? -value : value;
  }
  throw new Error(`unsupported operator ${operator}`);
}
function binary(operator, leftNode, rightNode, scope) {
  if (operator === "&&" || operator === "and") {
    return truth(evaluate(leftNode, scope), operator) && truth(evaluate(rightNode, scope), operator);
  }
  if (operator === "||" || operator === "or") {
    return truth(evaluate(leftNode, scope), operator) || truth(evaluate(rightNode, scope), operator);
  }
  if (operator === "??") {
    const left2 = evaluate(leftNode, scope);
    return left2 === null || left2 === void 0 ? evaluate(rightNode, scope) : left2;
  }
  const left = evaluate(leftNode, scope);
  const right = evaluate(rightNode, scope);
  switch (operator) {
    case "==":
      return equal(left, right);
    case "!=":
      return !equal(left, right);
    case "<":
    case "<=":
    case ">":
    case ">=":
      return compare(operator, left, right);
    case "+":
      if (typeof left === "string" && typeof right === "string") return left + right;
      return arithmetic(operator, left, right);
    case "-":
    case "*":
    case "/":
    case "%":
    case "**":
      return arithmetic(operator, left, right);
    case "in":
      return contains(right, left);
    case "contains":
      return strings(operator, left, right, (a, b) => a.includes(b));
    case "startsWith":
      return strings(operator, left, right, (a, b) => a.startsWith(b));
    case "endsWith":
      return strings(operator, left, right, (a, b) => a.endsWith(b));
    case "matches":
      return strings(operator, left, right, (a, b) => new RegExp(b).test(a));
    default:
      throw new Error(`unsupported operator ${operator}`);
  }
}
function truth(value, operator) {
  if (typeof value !== "boolean") throw new Error(`invalid operation: ${operator} on ${typeName(value)}`);
  return value;
}
function equal(left, right) {
  if (left === void 0) left = null;
  if (right === void 0) right = null;
  if (typeof left === "number" && typeof right === "number") return left === right;
  if (typeof left !== typeof right) return false;
  if (typeof left === "object" && left !== null) return JSON.stringify(left) === JSON.stringify(right);
  return left === right;
}
function compare(operator, left, right) {
  const bothNumbers = typeof left === "number" && typeof right === "number";
  const bothStrings = typeof left === "string" && typeof right === "string";
  if (!bothNumbers && !bothStrings) {
    throw new Error(
      `invalid operation: ${operator} (mismatched types ${typeName(left)} and ${typeName(right)})`
    );
  }
  const a = left;
  const b = right;
  if (operator === "<") return a < b;
  if (operator === "<=") return a <= b;
  if (operator === ">") return a > b;
  return a >= b;
}
function arithmetic(operator, left, right) {
  if (typeof left !== "number" || typeof right !== "number") {
    throw new Error(
      `invalid operation: ${operator} (mismatched types ${typeName(left)} and ${typeName(right)})`
    );
  }
  switch (operator) {
    case "+":
      return left + right;
    case "-":
      return left - right;
    case "*":
      return left * right;
    case "/":
      return left / right;
    case "%":
      if (!Number.isInteger(left) || !Number.isInteger(right))
        throw new Error("invalid operation: % on floats");
      if (right === 0) throw new Error("integer divide by zero");
      return left % right;
    default:
      return left ** right;
  }
}
function contains(collection, item) {
  if (Array.isArray(collection)) return collection.some((element) => equal(element, item));
  if (isRecord2(collection)) return typeof item === "string" && Object.hasOwn(collection, item);
  if (collection === null || collection === void 0) return false;
  throw new Error(`invalid operation: in ${typeName(collection)}`);
}
function strings(operator, left, right, test) {
  if (typeof left !== "string" || typeof right !== "string") {
    throw new Error(
      `invalid operation: ${operator} (mismatched types ${typeName(left)} and ${typeName(right)})`
    );
  }
  return test(left, right);
}
function call(n, scope) {
  const callee = n.callee;
  if (callee.type !== "Identifier") throw new Error("only named functions can be called");
  const name = String(callee.name);
  const argumentNodes = n.arguments;
  const args = () => argumentNodes.map((argument) => evaluate(argument, scope));
  const arity = (count) => {
    if (argumentNodes.length !== count)
      throw new Error(
        `${name}() takes ${count} argument${count === 1 ? "" : "s"}, got ${argumentNodes.length}`
      );
  };
  switch (name) {
    // Argo's `default` and `isNil` look at the measured result, whatever their first argument.
    case "default": {
      arity(2);
      const fallback = evaluate(argumentNodes[1], scope);
      return scope.result === null || scope.result === void 0 ? fallback : scope.result;
    }
    case "isNil":
      arity(1);
      return scope.result === null || scope.result === void 0;
    case "isNaN": {
      arity(1);
      const [value] = args();
      if (typeof value !== "number") throw new Error(`isNaN() needs a float64, got ${typeName(value)}`);
      return Number.isNaN(value);
    }
    case "isInf": {
      arity(1);
      const [value] = args();
      if (typeof value !== "number") throw new Error(`isInf() needs a float64, got ${typeName(value)}`);
      return value === Number.POSITIVE_INFINITY || value === Number.NEGATIVE_INFINITY;
    }
    case "asInt":
    case "int": {
      arity(1);
      const value = toNumber(args()[0], name, /^[+-]?\d+$/);
      return Math.trunc(value);
    }
    case "asFloat":
    case "float":
      arity(1);
      return toNumber(args()[0], name, /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(Inf|NaN)$/i);
    case "string":
      arity(1);
      return String(args()[0]);
    case "len": {
      arity(1);
      const [value] = args();
      if (typeof value === "string" || Array.isArray(value)) return value.length;
      if (isRecord2(value)) return Object.keys(value).length;
      throw new Error(`invalid argument for len (type ${typeName(value)})`);
    }
    case "abs": {
      arity(1);
      const [value] = args();
      if (typeof value !== "number") throw new Error(`invalid argument for abs (type ${typeName(value)})`);
      return Math.abs(value);
    }
    case "min":
    case "max": {
      const values = args().flatMap((value) => Array.isArray(value) ? value : [value]);
      if (values.length === 0 || values.some((value) => typeof value !== "number"))
        throw new Error(`${name}() needs numbers`);
      return name === "min" ? Math.min(...values) : Math.max(...values);
    }
    case "sum":
    case "mean": {
      arity(1);
      const [value] = args();
      if (!Array.isArray(value) || value.some((element) => typeof element !== "number"))
        throw new Error(`${name}() needs an array of numbers`);
      const total = value.reduce((sum, element) => sum + element, 0);
      return name === "sum" ? total : value.length === 0 ? 0 : total / value.length;
    }
    case "first":
    case "last": {
      arity(1);
      const [value] = args();
      if (!Array.isArray(value)) throw new Error(`${name}() needs an array`);
      return (name === "first" ? value[0] : value[value.length - 1]) ?? null;
    }
    case "lower":
    case "upper":
    case "trim": {
      arity(1);
      const [value] = args();
      if (typeof value !== "string") throw new Error(`${name}() needs a string`);
      return name === "lower" ? value.toLowerCase() : name === "upper" ? value.toUpperCase() : value.trim();
    }
    case "all":
    case "any":
    case "none":
    case "one":
    case "filter":
    case "map":
    case "count":
      return predicate(name, argumentNodes, scope);
    default:
      throw new Error(`unknown function ${name}()`);
  }
}
function predicate(name, argumentNodes, scope) {
  if (argumentNodes.length !== 2) throw new Error(`${name}() takes a list and a predicate`);
  const list = evaluate(argumentNodes[0], scope);
  if (!Array.isArray(list)) throw new Error(`${name}() needs an array, got ${typeName(list)}`);
  const body = argumentNodes[1];
  const apply = (value) => evaluate(body, { ...scope, closure: { value } });
  const test = (value) => truth(apply(value), `${name}()`);
  switch (name) {
    case "all":
      return list.every(test);
    case "any":
      return list.some(test);
    case "none":
      return !list.some(test);
    case "one":
      return list.filter(test).length === 1;
    case "filter":
      return list.filter(test);
    case "count":
      return list.filter(test).length;
    default:
      return list.map(apply);
  }
}
function toNumber(value, name, pattern) {
  if (typeof value === "number") return value;
  if (typeof value === "string" && pattern.test(value.trim())) {
    const text = value.trim();
    if (/^[+-]?inf$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
    return Number(text);
  }
  throw new Error(`${name}() cannot parse ${show(value)}`);
}
function isRecord2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function typeName(value) {
  if (value === null || value === void 0) return "<nil>";
  if (typeof value === "number") return "float64";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "[]interface {}";
  return "map[string]interface {}";
}
function show(value) {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

// src/gates/argo-analysis/templates.ts
var DEFAULT_RETENTION = 10;
var DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
var ERROR_RETRY_INTERVAL_MS = 1e4;
function secretEnvName(name, key2) {
  const part = (text) => text.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  return `GITCANARY_SECRET_${part(name)}_${part(key2)}`;
}
function resolveRun(tree, request) {
  const templates = request.templates.map((ref) => findTemplate(tree, ref, request.namespace));
  const templateArgs = mergeTemplateArgs(templates);
  const args = mergeArgs(templateArgs, request.args ?? []);
  const secrets = [];
  const values = /* @__PURE__ */ new Map();
  for (const arg of args) {
    const value = resolveArg(arg, tree, request, secrets);
    values.set(arg.name, value);
  }
  const dryRun = [
    ...templates.flatMap(({ template }) => template.spec.dryRun ?? []),
    ...request.dryRun ?? []
  ];
  const retention = [
    ...templates.flatMap(({ template }) => template.spec.measurementRetention ?? []),
    ...request.measurementRetention ?? []
  ];
  const seen = /* @__PURE__ */ new Map();
  const metrics = [];
  for (const { template, doc } of templates) {
    template.spec.metrics.forEach((raw, index) => {
      const field = `spec.metrics[${index}]`;
      const place = { file: doc.file, resource: describeDoc(doc), field };
      const resolved = substituteArgs(raw, values, place);
      const parsed = metricSchema.safeParse(resolved);
      if (!parsed.success)
        throw invalid(
          parsed.error.issues[0]?.message ?? "invalid metric",
          place,
          parsed.error.issues[0]?.path
        );
      const metric = parsed.data;
      const source = describeDoc(doc);
      const previous = seen.get(metric.name);
      if (previous !== void 0) {
        throw invalid(
          `metric \`${metric.name}\` is in both ${previous} and ${source}`,
          place,
          ["name"],
          "Argo Rollouts refuses to merge templates whose metrics share a name"
        );
      }
      seen.set(metric.name, source);
      metrics.push(
        resolveMetric(
          metric,
          source,
          place,
          request.background,
          matches(dryRun, metric.name),
          retentionFor(retention, metric.name)
        )
      );
    });
  }
  return { metrics, secrets };
}
function findTemplate(tree, ref, namespace) {
  const kind = ref.clusterScope ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
  let candidates = tree.resources(tree.paths(), { kind, name: ref.templateName }).filter((doc2) => doc2.apiVersion?.startsWith("argoproj.io/"));
  if (candidates.length > 1 && kind === "AnalysisTemplate") {
    candidates = candidates.filter((doc2) => doc2.namespace === void 0 || doc2.namespace === namespace);
  }
  if (candidates.length === 0) {
    throw new GitcanaryError("RESOURCE_NOT_FOUND", `${kind} ${ref.templateName} is not in the repository`, {
      resource: `${kind}/${ref.templateName}`,
      hint: ref.clusterScope ? "commit the ClusterAnalysisTemplate to the GitOps repository" : "commit the AnalysisTemplate to the GitOps repository (or set clusterScope: true for a ClusterAnalysisTemplate)"
    });
  }
  if (candidates.length > 1) {
    throw new GitcanaryError(
      "RESOURCE_DUPLICATE",
      `${kind} ${ref.templateName} is defined ${candidates.length} times`,
      {
        resource: `${kind}/${ref.templateName}`,
        hint: `files: ${candidates.map((doc2) => doc2.file).join(", ")}`
      }
    );
  }
  const doc = candidates[0];
  const parsed = analysisTemplateSchema.safeParse(toPlain(doc));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      issue?.message ?? "invalid template",
      { file: doc.file, resource: describeDoc(doc), field: "" },
      issue?.path
    );
  }
  return { template: parsed.data, doc };
}
function mergeTemplateArgs(templates) {
  const byName = /* @__PURE__ */ new Map();
  for (const { template, doc } of templates) {
    for (const arg of template.spec.args ?? []) {
      const known = byName.get(arg.name);
      if (known !== void 0 && known.value !== void 0 && arg.value !== void 0 && known.value !== arg.value) {
        throw new GitcanaryError(
          "CONFIG_INVALID",
          `arg \`${arg.name}\` has two default values: ${JSON.stringify(known.value)} and ${JSON.stringify(arg.value)}`,
          {
            file: doc.file,
            resource: describeDoc(doc),
            field: "spec.args"
          }
        );
      }
      if (known === void 0 || known.value === void 0) byName.set(arg.name, arg);
    }
  }
  return [...byName.values()];
}
function mergeArgs(templateArgs, incoming) {
  return templateArgs.map((arg) => {
    const given = incoming.find((candidate) => candidate.name === arg.name);
    if (given === void 0) return arg;
    if (given.value !== void 0 && given.valueFrom !== void 0) {
      throw new GitcanaryError("CONFIG_INVALID", `arg \`${arg.name}\` sets both value and valueFrom`, {
        field: `args.${arg.name}`
      });
    }
    return {
      name: arg.name,
      ...given.value !== void 0 ? { value: given.value } : {},
      ...given.valueFrom ? { valueFrom: given.valueFrom } : {}
    };
  });
}
function resolveArg(arg, tree, request, secrets) {
  if (arg.valueFrom === void 0) {
    if (arg.value === void 0) {
      throw new GitcanaryError(
        "CONFIG_INVALID",
        `args.${arg.name} was not resolved: the template gives no value and the analysis passes none`,
        {
          field: `args.${arg.name}`,
          hint: `add { name: ${arg.name}, value: ... } to the analysis args`
        }
      );
    }
    return String(arg.value);
  }
  const { fieldRef, secretKeyRef, podTemplateHashValue } = arg.valueFrom;
  if (secretKeyRef !== void 0) {
    const env = request.env ?? process.env;
    const name = secretEnvName(secretKeyRef.name, secretKeyRef.key);
    const value = env[name];
    if (value === void 0) {
      throw new GitcanaryError(
        "CONFIG_INVALID",
        `args.${arg.name} reads Secret ${secretKeyRef.name} key ${secretKeyRef.key}, which Git does not hold`,
        {
          field: `args.${arg.name}.valueFrom.secretKeyRef`,
          hint: `set the environment variable ${name} to that value`
        }
      );
    }
    registerSecret(value);
    secrets.push(value);
    return value;
  }
  if (fieldRef !== void 0)
    return resolveFieldRef(arg.name, fieldRef.fieldPath, tree, request.fieldRefObject);
  if (podTemplateHashValue !== void 0) {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      `args.${arg.name} uses podTemplateHashValue: ${podTemplateHashValue}, which only the Argo Rollouts controller knows`,
      {
        field: `args.${arg.name}.valueFrom.podTemplateHashValue`,
        hint: "select the canary by something Git holds (a label, the canary Service) and pass it as a value"
      }
    );
  }
  throw new GitcanaryError("CONFIG_INVALID", `args.${arg.name}: valueFrom names no source`, {
    field: `args.${arg.name}.valueFrom`
  });
}
function resolveFieldRef(argName, fieldPath2, tree, object) {
  const field = `args.${argName}.valueFrom.fieldRef`;
  if (object === void 0) {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      `args.${argName} reads ${fieldPath2} of the Rollout, and the release has no Rollout workload`,
      {
        field,
        hint: "pass the value instead, or make spec.workload a rollout"
      }
    );
  }
  if (/^status\b/.test(fieldPath2)) {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      `args.${argName} reads ${fieldPath2}: a Rollout's status is not in Git`,
      {
        field,
        hint: "pass the value instead"
      }
    );
  }
  const doc = tree.find(
    { kind: object.kind, name: object.name, namespace: object.namespace },
    filesUnder(tree, object.file)
  );
  let value = toPlain(doc);
  for (const segment of parseFieldPath(fieldPath2, field)) {
    value = value !== null && typeof value === "object" ? value[segment] : void 0;
  }
  if (value === void 0 || value === null || typeof value === "object") {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      `args.${argName}: ${fieldPath2} of ${describeDoc(doc)} is ${value === void 0 || value === null ? "not set" : "not a single value"}`,
      {
        file: doc.file,
        resource: describeDoc(doc),
        field
      }
    );
  }
  return String(value);
}
function parseFieldPath(fieldPath2, field) {
  const segments = [];
  const pattern = /\.?([A-Za-z0-9_-]+)|\[(?:'([^']*)'|"([^"]*)"|(\d+))\]/gy;
  let match;
  let end = 0;
  while ((match = pattern.exec(fieldPath2)) !== null) {
    end = pattern.lastIndex;
    if (match[1] !== void 0) segments.push(match[1]);
    else if (match[4] !== void 0) segments.push(Number(match[4]));
    else segments.push(match[2] ?? match[3] ?? "");
  }
  if (end !== fieldPath2.length || segments.length === 0) {
    throw new GitcanaryError("CONFIG_INVALID", `cannot read fieldPath ${JSON.stringify(fieldPath2)}`, {
      field,
      hint: "e.g. metadata.labels['env'] or spec.strategy.canary.canaryService"
    });
  }
  return segments;
}
function filesUnder(tree, file) {
  const folder = file.replace(/\/+$/, "");
  if (tree.has(folder)) return [folder];
  const prefix = folder === "" || folder === "." ? "" : `${folder}/`;
  return tree.paths().filter((path2) => path2.startsWith(prefix));
}
function substituteArgs(value, args, place) {
  if (typeof value === "string") {
    return value.replace(/\{\{([^{}]*)\}\}/g, (whole, tag) => {
      const name = /^\s*args\.([A-Za-z0-9_.-]+)\s*$/.exec(tag)?.[1];
      const replacement = name === void 0 ? void 0 : args.get(name);
      if (replacement === void 0) {
        throw invalid(
          `failed to resolve ${whole}`,
          place,
          [],
          name === void 0 ? "only {{args.<name>}} placeholders are resolved in AnalysisTemplates" : `declare ${name} in the template's spec.args`
        );
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substituteArgs(item, args, place));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key2, item]) => [key2, substituteArgs(item, args, place)])
    );
  }
  return value;
}
function invalid(message, place, path2 = [], hint) {
  const suffix = path2.map((part) => typeof part === "number" ? `[${part}]` : `.${String(part)}`).join("");
  return new GitcanaryError("CONFIG_INVALID", message, {
    file: place.file,
    resource: place.resource,
    field: `${place.field}${suffix}`.replace(/^\./, ""),
    ...hint ? { hint } : {}
  });
}
var SUPPORTED_PROVIDERS = ["prometheus", "web"];
function resolveMetric(metric, source, place, background, dryRun, retention) {
  const at = (field) => ({ ...place, field: `${place.field}.${field}` });
  const kinds = Object.keys(metric.provider);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === void 0 || !SUPPORTED_PROVIDERS.includes(kind)) {
    throw invalid(
      `metric \`${metric.name}\` uses provider ${kinds.join(", ") || "(none)"}, which gitcanary cannot run`,
      at("provider"),
      [],
      `gitcanary evaluates the ${SUPPORTED_PROVIDERS.join(" and ")} providers; measure it with a gitcanary gate (command, http) instead`
    );
  }
  const provider = parseProvider(kind, metric.provider[kind], at(`provider.${kind}`));
  const intervalMs = metric.interval === void 0 || metric.interval === "" ? void 0 : duration(metric.interval, at("interval"));
  const countValue = metric.count === void 0 ? 0 : Number(metric.count);
  const count = countValue > 0 ? countValue : intervalMs === void 0 ? 1 : void 0;
  if (count !== void 0 && count > 1 && intervalMs === void 0) {
    throw invalid(
      `metric \`${metric.name}\` has count ${count} and no interval`,
      at("count"),
      [],
      "set interval: the time between measurements"
    );
  }
  if (count === void 0 && !background) {
    throw invalid(
      `metric \`${metric.name}\` runs indefinitely (interval without count), which an analysis step cannot wait for`,
      at("count"),
      [],
      "set count, or run the template as background analysis"
    );
  }
  const failureLimit = intOr(metric.failureLimit, 0);
  const consecutiveSuccessLimit = intOr(metric.consecutiveSuccessLimit, 0);
  if (failureLimit < 0 && consecutiveSuccessLimit <= 0) {
    throw invalid(
      `metric \`${metric.name}\` disables failureLimit (-1) without a consecutiveSuccessLimit`,
      at("failureLimit")
    );
  }
  if (count !== void 0 && consecutiveSuccessLimit > count) {
    throw invalid(
      `metric \`${metric.name}\`: consecutiveSuccessLimit ${consecutiveSuccessLimit} exceeds count ${count}`,
      at("consecutiveSuccessLimit")
    );
  }
  const condition = (key2) => {
    const text = metric[key2];
    return text === void 0 || text === "" ? void 0 : compileCondition(text, `${place.field}.${key2}`);
  };
  return {
    name: metric.name,
    source,
    provider,
    intervalMs,
    initialDelayMs: metric.initialDelay === void 0 || metric.initialDelay === "" ? 0 : duration(metric.initialDelay, at("initialDelay")),
    count,
    failureLimit,
    inconclusiveLimit: intOr(metric.inconclusiveLimit, 0),
    consecutiveErrorLimit: intOr(metric.consecutiveErrorLimit, DEFAULT_CONSECUTIVE_ERROR_LIMIT),
    consecutiveSuccessLimit,
    successCondition: condition("successCondition"),
    failureCondition: condition("failureCondition"),
    dryRun,
    retention: retention !== void 0 && retention > 0 ? retention : DEFAULT_RETENTION
  };
}
function parseProvider(kind, config, place) {
  if (kind === "prometheus") {
    const parsed2 = prometheusProviderSchema.safeParse(config);
    if (!parsed2.success)
      throw invalid(parsed2.error.issues[0]?.message ?? "invalid", place, parsed2.error.issues[0]?.path);
    if (parsed2.data.authentication !== void 0) {
      throw invalid(
        "prometheus authentication (sigv4, oauth2) is not supported",
        { ...place, field: `${place.field}.authentication` },
        [],
        "use headers with a token read from args"
      );
    }
    return { kind: "prometheus", config: parsed2.data };
  }
  const parsed = webProviderSchema.safeParse(config);
  if (!parsed.success)
    throw invalid(parsed.error.issues[0]?.message ?? "invalid", place, parsed.error.issues[0]?.path);
  return { kind: "web", config: parsed.data };
}
function duration(text, place) {
  try {
    return parseDuration(text, place.field);
  } catch (error) {
    throw invalid(`invalid duration ${JSON.stringify(text)}`, place, [], error.hint);
  }
}
function intOr(value, fallback) {
  return value === void 0 ? fallback : Number(value);
}
function matches(entries, name) {
  return entries.some((entry) => nameMatches(entry.metricName, name));
}
function retentionFor(entries, name) {
  return entries.filter((entry) => nameMatches(entry.metricName, name)).at(-1)?.limit;
}
function nameMatches(pattern, name) {
  if (pattern === name) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(name);
  } catch {
    return false;
  }
}

// src/gates/argo-analysis/gate.ts
var ArgoAnalysisGate = class {
  constructor(name, config) {
    this.name = name;
    this.config = parseGateConfig(argoAnalysisConfigSchema, config, "argoAnalysis");
    this.runForMs = this.config.runFor === void 0 ? void 0 : parseDuration(this.config.runFor, "argoAnalysis.runFor");
  }
  name;
  kind = "argoAnalysis";
  config;
  runForMs;
  /** Loads the templates and resolves args: what `run` checks before its first commit. */
  async check(repoRoot, namespace) {
    const tree = await loadTree(repoRoot, [this.config.path]);
    return resolveRun(tree, {
      templates: this.config.templates,
      args: this.config.args,
      dryRun: this.config.dryRun,
      measurementRetention: this.config.measurementRetention,
      namespace,
      fieldRefObject: this.config.fieldRefObject,
      background: this.runForMs !== void 0
    });
  }
  async evaluate(context) {
    const threshold = this.config.templates.map((ref) => ref.templateName).join(", ");
    if (context.repoRoot === void 0) {
      throw new GitcanaryError("INTERNAL", "the argoAnalysis gate needs the GitOps working copy", {
        field: `gates.${this.name}`
      });
    }
    let run;
    try {
      run = await this.check(context.repoRoot, context.namespace);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const outcome = await this.#measure(run.metrics, context);
    const mask = (text) => maskSecrets(run.secrets.reduce((out, secret) => out.split(secret).join("*****"), text));
    return {
      gate: this.name,
      kind: this.kind,
      threshold,
      verdict: outcome.verdict,
      value: outcome.value,
      message: mask(outcome.message),
      measurements: outcome.measurements.map((measurement) => ({
        ...measurement,
        message: mask(measurement.message)
      }))
    };
  }
  async #measure(metrics, context) {
    const terminate = new AbortController();
    const stepEnded = new AbortController();
    const ended = this.runForMs === void 0 ? void 0 : (context.clock ?? systemClock).sleep(this.runForMs, AbortSignal.any([context.signal, terminate.signal])).then(
      () => stepEnded.abort(),
      () => void 0
    );
    const results = await Promise.all(
      metrics.map(async (metric) => {
        const limits = {
          intervalMs: metric.intervalMs ?? ERROR_RETRY_INTERVAL_MS,
          count: metric.count ?? Number.POSITIVE_INFINITY,
          failureLimit: metric.failureLimit,
          inconclusiveLimit: metric.inconclusiveLimit,
          consecutiveErrorLimit: metric.consecutiveErrorLimit,
          consecutiveSuccessLimit: metric.consecutiveSuccessLimit,
          initialDelayMs: metric.initialDelayMs,
          errorIntervalMs: ERROR_RETRY_INTERVAL_MS,
          until: AbortSignal.any([terminate.signal, stepEnded.signal])
        };
        const outcome = await runMeasurements(
          () => measureMetric(metric, { signal: context.signal }),
          limits,
          context.signal,
          (measurement, index) => context.progress(`${this.name}/${metric.name} #${index + 1}: ${measurement.message}`),
          context.clock
        );
        if (!metric.dryRun && outcome.verdict !== "pass") terminate.abort();
        return { metric, outcome };
      })
    );
    const counted = results.filter(({ metric }) => !metric.dryRun);
    if (counted.every(({ outcome }) => outcome.verdict === "pass")) await ended;
    terminate.abort();
    await ended;
    const worst = counted.reduce(
      (current, result) => current === void 0 || rank(result.outcome.verdict) > rank(current.outcome.verdict) ? result : current,
      void 0
    );
    const verdict = worst?.outcome.verdict ?? "pass";
    const lines = results.map(({ metric, outcome }) => {
      const tag = metric.dryRun ? " (dry run)" : "";
      return `${metric.name}${tag}: ${word(outcome.verdict)}: ${outcome.message}`;
    });
    const measurements = results.flatMap(
      ({ metric, outcome }) => (
        // measurementRetention: the latest N per metric (Argo keeps 10 unless told).
        outcome.measurements.slice(-metric.retention).map((measurement) => ({
          ...measurement,
          message: `${metric.name}: ${measurement.message}`
        }))
      )
    );
    return {
      verdict,
      value: (worst ?? results[0])?.outcome.value,
      message: lines.length === 1 ? lines[0] : lines.join("; "),
      measurements
    };
  }
};
function rank(verdict) {
  return verdict === "fail" ? 2 : verdict === "inconclusive" ? 1 : 0;
}
function word(verdict) {
  return verdict === "pass" ? "Successful" : verdict === "fail" ? "Failed" : "Inconclusive";
}

// src/gates/argocd.ts
import http from "node:http";
import https from "node:https";

// src/gates/argocd-state.ts
var revisions = external_exports.array(external_exports.string()).optional();
var time = external_exports.string().optional();
var argoCdApplicationSchema = external_exports.object({
  metadata: external_exports.object({ name: external_exports.string().optional(), namespace: external_exports.string().optional() }).optional(),
  // Set while an operation is requested or running; the controller clears it when it finishes.
  operation: external_exports.unknown().optional(),
  status: external_exports.object({
    sync: external_exports.object({ status: external_exports.string().optional(), revision: external_exports.string().optional(), revisions }).optional(),
    health: external_exports.object({ status: external_exports.string().optional(), message: external_exports.string().optional() }).optional(),
    reconciledAt: time,
    operationState: external_exports.object({
      phase: external_exports.string().optional(),
      message: external_exports.string().optional(),
      startedAt: time,
      finishedAt: time,
      operation: external_exports.object({ sync: external_exports.object({ revision: external_exports.string().optional(), revisions }).optional() }).optional(),
      syncResult: external_exports.object({ revision: external_exports.string().optional(), revisions }).optional()
    }).optional(),
    conditions: external_exports.array(external_exports.object({ type: external_exports.string().optional(), message: external_exports.string().optional() })).optional()
  }).optional()
});
var FAILED_PHASES = /* @__PURE__ */ new Set(["Failed", "Error"]);
var RUNNING_PHASES = /* @__PURE__ */ new Set(["Running", "Terminating"]);
var ERROR_CONDITIONS = /* @__PURE__ */ new Set(["ComparisonError", "InvalidSpecError", "SyncError"]);
function revisionList(single, multi) {
  if (multi !== void 0 && multi.length > 0) return multi;
  return single === void 0 || single === "" ? [] : [single];
}
function describeApplication(app) {
  const status = app.status;
  const synced = revisionList(status?.sync?.revision, status?.sync?.revisions);
  const sync = status?.sync?.status ?? "Unknown";
  const health = status?.health?.status ?? "Unknown";
  const at = synced.length > 0 ? synced.map(shortCommit).join(",") : "(no revision)";
  return `${sync} ${health} at ${at}`;
}
function assessApplication(app, commit, acceptedHealth = ["Healthy"]) {
  const status = app.status;
  const state = describeApplication(app);
  const ours = (revision) => sameCommit(revision, commit);
  const wait = (reason) => ({ status: "wait", state, reason });
  const fail = (reason) => ({ status: "fail", state, reason });
  const operationState = status?.operationState;
  const phase = operationState?.phase;
  const resultRevisions = revisionList(
    operationState?.syncResult?.revision,
    operationState?.syncResult?.revisions
  );
  const requestedRevisions = revisionList(
    operationState?.operation?.sync?.revision,
    operationState?.operation?.sync?.revisions
  );
  const operationForUs = [...resultRevisions, ...requestedRevisions].some(ours);
  if (app.operation !== void 0 && app.operation !== null) return wait("sync operation requested");
  if (operationState !== void 0 && (operationState.finishedAt === void 0 || RUNNING_PHASES.has(phase ?? ""))) {
    return wait(`sync operation ${phase ?? "Running"}`);
  }
  if (operationState !== void 0 && operationForUs && FAILED_PHASES.has(phase ?? "")) {
    const message = operationState.message === void 0 ? "" : `: ${operationState.message}`;
    return fail(`sync operation ${phase} for ${shortCommit(commit)}${message}`);
  }
  const finishedAt = operationState?.finishedAt;
  if (finishedAt !== void 0) {
    const reconciledAt = status?.reconciledAt;
    if (reconciledAt === void 0 || Date.parse(reconciledAt) < Date.parse(finishedAt)) {
      return wait(`status not reconciled since the sync finished at ${finishedAt}`);
    }
  }
  const synced = revisionList(status?.sync?.revision, status?.sync?.revisions);
  const revisionIsOurs = synced.some(ours) || phase === "Succeeded" && resultRevisions.some(ours);
  if (!revisionIsOurs) return wait(`waiting for ${shortCommit(commit)}`);
  const health = status?.health?.status ?? "Unknown";
  if (health === "Degraded") {
    const message = status?.health?.message;
    return fail(`Degraded at ${shortCommit(commit)}${message === void 0 ? "" : `: ${message}`}`);
  }
  const errors = (status?.conditions ?? []).filter((c) => ERROR_CONDITIONS.has(c.type ?? ""));
  if (errors.length > 0) {
    return wait(errors.map((c) => `${c.type}: ${c.message ?? ""}`.trim()).join("; "));
  }
  if (status?.sync?.status !== "Synced") return wait(`waiting for Synced at ${shortCommit(commit)}`);
  if (!acceptedHealth.includes(health)) {
    return wait(`waiting for ${acceptedHealth.join(" or ")} at ${shortCommit(commit)}`);
  }
  return { status: "pass", state, reason: "" };
}

// src/gates/argocd.ts
var MAX_BODY_BYTES = 16 * 1024 * 1024;
var DEFAULT_TOKEN_ENV = "ARGOCD_AUTH_TOKEN";
var DEFAULT_DEADLINE = "10m";
var DEFAULT_POLL_INTERVAL = "5s";
var TLS_TRUST_ERRORS = /* @__PURE__ */ new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID"
]);
var ArgoCdSyncGate = class {
  constructor(name, config, options = {}) {
    this.name = name;
    this.options = options;
    this.config = parseGateConfig(argocdSyncSchema, config, "sync.argocd");
    this.deadlineMs = parseDuration(
      this.config.progressDeadline ?? DEFAULT_DEADLINE,
      "sync.argocd.progressDeadline"
    );
    this.pollIntervalMs = this.options.pollIntervalMs ?? parseDuration(this.config.pollInterval ?? DEFAULT_POLL_INTERVAL, "sync.argocd.pollInterval");
    const server = /^[a-z][a-z0-9+.-]*:\/\//i.test(this.config.server) ? this.config.server : `https://${this.config.server}`;
    this.baseUrl = new URL(server.endsWith("/") ? server : `${server}/`);
    this.agent = this.config.insecure === true && this.baseUrl.protocol === "https:" ? new https.Agent({ rejectUnauthorized: false, keepAlive: true }) : void 0;
  }
  name;
  options;
  kind = "sync";
  config;
  deadlineMs;
  pollIntervalMs;
  baseUrl;
  agent;
  /** `podinfo` or `apps-namespace/podinfo` (Applications in any namespace). */
  applicationRef() {
    const [first, second] = this.config.application.split("/", 2);
    return second === void 0 ? { name: first, appNamespace: void 0 } : { name: second, appNamespace: first };
  }
  async evaluate(context) {
    const { name: application } = this.applicationRef();
    const label = `argocd ${application}`;
    const threshold = `synced ${shortCommit(context.commit)} ${(this.options.acceptedHealth ?? ["Healthy"]).join("|")}`;
    const result = (verdict, message, outcome2) => ({
      gate: this.name,
      kind: this.kind,
      verdict,
      value: outcome2?.last.state,
      threshold,
      message: maskSecrets(message),
      measurements: outcome2?.measurements ?? []
    });
    let token;
    try {
      token = this.token();
    } catch (error) {
      return result("fail", isGitcanaryError(error) ? error.format() : String(error));
    }
    let polls = 0;
    const outcome = await pollUntilDecided(
      (remainingMs) => this.observe(context, token, polls++ === 0, remainingMs),
      {
        deadlineMs: this.deadlineMs,
        intervalMs: this.pollIntervalMs,
        signal: context.signal,
        clock: context.clock,
        onChange: (observation) => context.progress(maskSecrets(progressLine(label, observation)))
      }
    );
    const { last } = outcome;
    if (outcome.aborted)
      return result("inconclusive", `${label}: aborted while ${progressLine("", last)}`, outcome);
    if (outcome.timedOut) {
      return result(
        "fail",
        `${label}: ${shortCommit(context.commit)} not synced and healthy within ${this.config.progressDeadline ?? DEFAULT_DEADLINE}; last state: ${stateWithReason(last)}`,
        outcome
      );
    }
    if (last.status === "fail") return result("fail", `${label}: ${stateWithReason(last)}`, outcome);
    return result("pass", `${label}: ${last.state} (reconciled after sync)`, outcome);
  }
  token() {
    const variable = this.config.tokenEnv ?? DEFAULT_TOKEN_ENV;
    const value = secretFromEnv(variable);
    if ((value === void 0 || value === "") && this.config.tokenEnv !== void 0) {
      throw new GitcanaryError("CONFIG_INVALID", `environment variable ${variable} is not set`, {
        field: "sync.argocd.tokenEnv",
        hint: "create a token with `argocd account generate-token` and export it"
      });
    }
    return value === "" ? void 0 : value;
  }
  applicationUrl(refresh) {
    const { name, appNamespace } = this.applicationRef();
    const url = new URL(`api/v1/applications/${encodeURIComponent(name)}`, this.baseUrl);
    if (refresh) url.searchParams.set("refresh", "normal");
    if (appNamespace !== void 0) url.searchParams.set("appNamespace", appNamespace);
    if (this.config.project !== void 0) url.searchParams.append("projects", this.config.project);
    return url;
  }
  async observe(context, token, refresh, remainingMs) {
    const url = this.applicationUrl(refresh);
    const where = `${this.baseUrl.origin}${this.baseUrl.pathname}`;
    let answer;
    try {
      answer = await withRetries(
        async () => {
          const signal = requestSignal(context.signal, remainingMs, this.options.requestTimeoutMs);
          const got = await this.get(url, token, signal);
          if (isTransientStatus(got.status)) throw new TransientAnswer(`HTTP ${got.status}`, got);
          if (got.status === 200 && !isJson(got.body)) throw new TransientAnswer("not JSON", got);
          return got;
        },
        {
          isTransient: (error) => isTransientHttpFailure(error) && !isTlsTrustError(error),
          policy: this.options.retry,
          signal: context.signal
        }
      );
    } catch (error) {
      if (error instanceof TransientAnswer && error.answer !== void 0)
        return this.assess(error.answer, url, where, context);
      const code = error.code;
      if (typeof code === "string" && TLS_TRUST_ERRORS.has(code)) {
        return {
          status: "fail",
          state: "TLS",
          reason: `cannot verify the certificate of ${where}: ${errorText(error)} (add its CA with NODE_EXTRA_CA_CERTS, or set insecure: true for a self-signed certificate)`
        };
      }
      return {
        status: "wait",
        state: "unreachable",
        reason: `cannot reach ${where}: ${errorText(error)}`,
        unreachable: true
      };
    }
    return this.assess(answer, url, where, context);
  }
  /** What one answer of the API server says about the sync of `context.commit`. */
  assess(answer, url, where, context) {
    const { status } = answer;
    if (status === 401 || status === 403) {
      const variable = this.config.tokenEnv ?? DEFAULT_TOKEN_ENV;
      return {
        status: "fail",
        state: `HTTP ${status}`,
        reason: `Argo CD at ${where} refused the token from $${variable} (HTTP ${status}${apiMessage(answer.body)}); check that it is valid and may get this application (Argo CD also answers 403 for applications that do not exist)`
      };
    }
    if (status === 404) {
      return {
        status: "fail",
        state: "HTTP 404",
        reason: `application ${this.config.application} not found at ${where}${apiMessage(answer.body)}`
      };
    }
    if (status >= 500 || status === 429) {
      return {
        status: "wait",
        state: `HTTP ${status}`,
        reason: `Argo CD answered ${status}${apiMessage(answer.body)}`
      };
    }
    if (status !== 200) {
      return {
        status: "fail",
        state: `HTTP ${status}`,
        reason: `Argo CD answered ${status}${apiMessage(answer.body)}`
      };
    }
    let body;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return {
        status: "fail",
        state: "not JSON",
        reason: `${url.pathname} at ${where} did not answer JSON; is server the Argo CD API URL?`
      };
    }
    const parsed = argoCdApplicationSchema.safeParse(body);
    if (!parsed.success) {
      return {
        status: "fail",
        state: "unexpected answer",
        reason: `not an Argo CD Application: ${parsed.error.message}`
      };
    }
    return assessApplication(parsed.data, context.commit, this.options.acceptedHealth);
  }
  /** One GET; the body is read up to MAX_BODY_BYTES (a server streaming garbage cannot fill the heap). */
  get(url, token, signal) {
    const headers = { accept: "application/json" };
    if (token !== void 0) headers.authorization = `Bearer ${token}`;
    const client = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        { method: "GET", headers, agent: this.agent, signal },
        (response) => {
          const chunks = [];
          let size = 0;
          response.on("data", (chunk) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              response.destroy();
              resolve({ status: response.statusCode ?? 0, body: "" });
              return;
            }
            chunks.push(chunk);
          });
          response.on("error", reject);
          response.on(
            "end",
            () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") })
          );
        }
      );
      request.on("error", reject);
      request.end();
    });
  }
};
function isTlsTrustError(error) {
  const code = error?.code;
  return typeof code === "string" && TLS_TRUST_ERRORS.has(code);
}
function isJson(body) {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
function progressLine(label, observation) {
  const prefix = label === "" ? "" : `${label}: `;
  return `${prefix}${stateWithReason(observation)}`;
}
function apiMessage(body) {
  try {
    const parsed = JSON.parse(body);
    return typeof parsed.message === "string" && parsed.message !== "" ? `: ${parsed.message}` : "";
  } catch {
    return "";
  }
}

// src/gates/command.ts
var OUTPUT_TAIL_LINES = 20;
var CommandGate = class {
  constructor(name, config) {
    this.name = name;
    this.config = parseGateConfig(commandConfigSchema, config, "command");
    this.intervalMs = parseDuration(this.config.interval, "command.interval");
    this.timeoutMs = parseDuration(this.config.timeout, "command.timeout");
    this.renderCommand(TEMPLATE_CHECK_CONTEXT);
  }
  name;
  kind = "command";
  config;
  intervalMs;
  timeoutMs;
  /** The shell command for `context`, every value shell-quoted. */
  renderCommand(context) {
    return renderTemplate(this.config.command, contextValues(context), shellQuote, "command.command");
  }
  async evaluate(context) {
    const threshold = "exit 0";
    let command;
    try {
      command = this.renderCommand(context);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const outcome = await runMeasurements(
      () => this.run(command, context.signal, context.cwd),
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${firstLine(measurement.message)}`),
      context.clock
    );
    return { gate: this.name, kind: this.kind, threshold, ...outcome };
  }
  async run(command, signal, cwd) {
    signal.throwIfAborted();
    const { $ } = await import("./build-7JGQE7QV.js");
    signal.throwIfAborted();
    const child = $({
      nothrow: true,
      quiet: true,
      verbose: false,
      detached: true,
      env: { ...process.env, ...this.config.env },
      ...cwd === void 0 ? {} : { cwd }
    })`bash -c ${command}`;
    const group = child.pid;
    if (group !== void 0) liveGroups.add(group);
    let timedOut = false;
    let grace;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(group, "SIGKILL");
    }, this.timeoutMs);
    const onAbort = () => {
      killGroup(group, "SIGTERM");
      grace = setTimeout(() => killGroup(group, "SIGKILL"), KILL_GRACE_MS);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    let output;
    try {
      output = await child;
    } finally {
      clearTimeout(timer);
      clearTimeout(grace);
      signal.removeEventListener("abort", onAbort);
      if (group !== void 0) liveGroups.delete(group);
    }
    signal.throwIfAborted();
    const at = (/* @__PURE__ */ new Date()).toISOString();
    const tail = outputTail(output.stdall);
    if (timedOut) {
      killGroup(group, "SIGKILL");
      return {
        verdict: "fail",
        value: "timeout",
        message: maskSecrets(`timed out after ${this.config.timeout}${tail}`),
        at
      };
    }
    const code = output.exitCode;
    const value = code ?? `signal ${output.signal ?? "unknown"}`;
    return {
      verdict: code === 0 ? "pass" : "fail",
      value,
      message: maskSecrets(`${code === null ? `killed by ${value}` : `exit ${code}`}${tail}`),
      at
    };
  }
};
var KILL_GRACE_MS = 3e3;
var liveGroups = /* @__PURE__ */ new Set();
process.on("exit", () => {
  for (const group of liveGroups) killGroup(group, "SIGKILL");
});
function killGroup(pid, signal) {
  if (pid === void 0) return;
  try {
    process.kill(-pid, signal);
  } catch {
  }
}
function outputTail(output) {
  const lines = output.replace(/\s+$/, "").split("\n");
  if (lines.length === 1 && lines[0] === "") return "";
  const kept = lines.slice(-OUTPUT_TAIL_LINES);
  const skipped = lines.length - kept.length;
  return `
${skipped > 0 ? `  \u2026 ${skipped} lines
` : ""}${kept.map((line) => `  ${line}`).join("\n")}`;
}
function firstLine(text) {
  return text.split("\n", 1)[0] ?? "";
}

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
        throw new Error(`condition ${source} gave ${show2(value)}, not true/false`);
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
    const word2 = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
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
    } else if (word2 !== null) {
      tokens.push({ kind: "word", value: word2[0] });
      i += word2[0].length;
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
    const path2 = [];
    for (; ; ) {
      if (this.takeOp(".")) {
        const name = this.tokens[this.position];
        if (name?.kind !== "word")
          throw syntaxError(this.source, this.field, "expected a member name after .");
        path2.push(name.value);
        this.position += 1;
      } else if (this.takeOp("[")) {
        const key2 = this.tokens[this.position];
        if (key2?.kind !== "number" && key2?.kind !== "string") {
          throw syntaxError(this.source, this.field, "expected an index or a quoted key in [ ]");
        }
        path2.push(key2.value);
        this.position += 1;
        if (!this.takeOp("]")) throw syntaxError(this.source, this.field, "missing ]");
      } else {
        return path2;
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
      return member2(result, node.path);
    case "not":
      return !asBoolean(evaluateNode(node.operand, result), "!");
    case "logic": {
      const left = asBoolean(evaluateNode(node.left, result), node.op);
      if (node.op === "&&" ? !left : left) return left;
      return asBoolean(evaluateNode(node.right, result), node.op);
    }
    case "compare":
      return compare2(node.op, evaluateNode(node.left, result), evaluateNode(node.right, result));
  }
}
function member2(value, path2) {
  let current = value;
  for (const key2 of path2) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, key2)) {
      throw new Error(`result has no ${typeof key2 === "number" ? `[${key2}]` : `.${key2}`}`);
    }
    current = current[key2];
  }
  return current;
}
function compare2(op, left, right) {
  const leftNumber = asNumber(left);
  const rightNumber = asNumber(right);
  if (leftNumber !== void 0 && rightNumber !== void 0 && (typeof left === "number" || typeof right === "number")) {
    return ordered(op, leftNumber, rightNumber);
  }
  if (op === "==" || op === "!=") {
    const equal2 = isScalar(left) && isScalar(right) ? left === right : void 0;
    if (equal2 === void 0) throw new Error(`cannot compare ${show2(left)} ${op} ${show2(right)}`);
    return op === "==" ? equal2 : !equal2;
  }
  if (typeof left === "string" && typeof right === "string") return ordered(op, left, right);
  throw new Error(`cannot order ${show2(left)} ${op} ${show2(right)}`);
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
  if (typeof value !== "boolean") throw new Error(`${op} needs true/false, got ${show2(value)}`);
  return value;
}
function isScalar(value) {
  return value === null || ["string", "number", "boolean"].includes(typeof value);
}
function show2(value) {
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
            if (this.jsonPath !== void 0 && statusMatches(answer.status, this.config.expectStatus) && !isJson2(answer.body))
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
    const call2 = `${this.config.method} ${url} \u2192 ${response.status}`;
    if (!statusMatches(response.status, this.config.expectStatus)) {
      return {
        verdict: "fail",
        value: response.status,
        message: maskSecrets(
          `${call2}, expected ${formatExpectStatus(this.config.expectStatus)}${excerpt(body)}`
        ),
        at
      };
    }
    if (this.jsonPath === void 0 && this.successCondition === void 0 && this.failureCondition === void 0) {
      return { verdict: "pass", value: response.status, message: maskSecrets(call2), at };
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
    const message = `${call2}, result ${truncate(shown)} (${this.threshold})`;
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
function isJson2(body) {
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

// src/gates/metric-template.ts
var metricTemplateSchema = external_exports.looseObject({
  spec: external_exports.looseObject({
    provider: external_exports.looseObject({
      type: external_exports.string().optional(),
      address: external_exports.string().optional(),
      secretRef: external_exports.looseObject({ name: external_exports.string().min(1) }).optional(),
      insecureSkipVerify: external_exports.boolean().optional()
    }),
    query: external_exports.string().min(1)
  })
});
var MetricTemplateGate = class {
  constructor(name, config) {
    this.name = name;
    this.config = parseGateConfig(metricTemplateConfigSchema, config, "metricTemplate");
  }
  name;
  kind = "metricTemplate";
  config;
  /** The prometheus gate the MetricTemplate amounts to; what `run` checks before its first commit. */
  async check(repoRoot, namespace, env = process.env) {
    const tree = await loadTree(repoRoot, [this.config.path]);
    return this.prometheusGate(tree, namespace, env);
  }
  prometheusGate(tree, namespace, env) {
    const { templateRef } = this.config;
    const wanted = templateRef.namespace ?? namespace;
    const docs = tree.resources(tree.paths(), { kind: "MetricTemplate", name: templateRef.name }).filter((doc2) => doc2.apiVersion?.startsWith("flagger.app/")).filter((doc2, _, all) => all.length === 1 || doc2.namespace === void 0 || doc2.namespace === wanted);
    const resource = `MetricTemplate/${wanted}/${templateRef.name}`;
    if (docs.length !== 1) {
      throw new GitcanaryError(
        docs.length === 0 ? "RESOURCE_NOT_FOUND" : "RESOURCE_DUPLICATE",
        docs.length === 0 ? `MetricTemplate ${templateRef.name} is not in the repository` : `MetricTemplate ${templateRef.name} is defined ${docs.length} times`,
        {
          resource,
          field: `gates.${this.name}.metricTemplate.templateRef`,
          hint: docs.length === 0 ? "commit the MetricTemplate to the GitOps repository" : `files: ${docs.map((doc2) => doc2.file).join(", ")}`
        }
      );
    }
    const doc = docs[0];
    const place = { file: doc.file, resource: describeDoc(doc) };
    const parsed = metricTemplateSchema.safeParse(toPlain(doc));
    if (!parsed.success) {
      throw new GitcanaryError(
        "CONFIG_INVALID",
        `invalid MetricTemplate: ${parsed.error.issues[0]?.message}`,
        {
          ...place,
          field: (parsed.error.issues[0]?.path ?? []).map(String).join(".")
        }
      );
    }
    const { provider, query } = parsed.data.spec;
    if ((provider.type ?? "prometheus") !== "prometheus") {
      throw new GitcanaryError(
        "CONFIG_INVALID",
        `MetricTemplate provider ${provider.type} is not supported; gitcanary runs prometheus MetricTemplates`,
        {
          ...place,
          field: "spec.provider.type",
          hint: "measure it with a gitcanary gate (command, http) instead"
        }
      );
    }
    if (provider.insecureSkipVerify) {
      throw new GitcanaryError("CONFIG_INVALID", "insecureSkipVerify is not supported for MetricTemplates", {
        ...place,
        field: "spec.provider.insecureSkipVerify"
      });
    }
    if (provider.address === void 0 || !URL.canParse(provider.address)) {
      throw new GitcanaryError(
        "CONFIG_INVALID",
        `prometheus address ${provider.address ?? "(none)"} is not a valid URL`,
        {
          ...place,
          field: "spec.provider.address"
        }
      );
    }
    const headers = {};
    if (provider.secretRef !== void 0) {
      const credentials = ["username", "password"].map((key2) => {
        const variable = secretEnvName(provider.secretRef.name, key2);
        const value = env[variable];
        if (value === void 0) {
          throw new GitcanaryError(
            "CONFIG_INVALID",
            `MetricTemplate ${templateRef.name} needs the ${key2} of Secret ${provider.secretRef.name}, which Git does not hold`,
            {
              ...place,
              field: "spec.provider.secretRef",
              hint: `set the environment variable ${variable}`
            }
          );
        }
        registerSecret(value);
        return value;
      });
      const basic = `Basic ${Buffer.from(`${credentials[0]}:${credentials[1]}`).toString("base64")}`;
      registerSecret(basic);
      headers.authorization = basic;
    }
    const { templateRef: _ref, path: _path, ...measurement } = this.config;
    return new PrometheusGate(this.name, {
      ...measurement,
      address: provider.address,
      query,
      ...Object.keys(headers).length > 0 ? { headers } : {}
    });
  }
  async evaluate(context) {
    if (context.repoRoot === void 0) {
      throw new GitcanaryError("INTERNAL", "the metricTemplate gate needs the GitOps working copy", {
        field: `gates.${this.name}`
      });
    }
    let gate;
    try {
      gate = await this.check(context.repoRoot, context.namespace);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", message, measurements: [] };
    }
    return { ...await gate.evaluate(context), kind: this.kind };
  }
};

// src/gates/webhook.ts
import { createHash } from "node:crypto";

// src/gates/post-json.ts
import http2 from "node:http";
import https2 from "node:https";
var MAX_BODY_BYTES2 = 64 * 1024;
var PostTimeoutError = class extends Error {
  constructor(timeoutMs) {
    super(`no answer within ${timeoutMs}ms`);
    this.timeoutMs = timeoutMs;
    this.name = "PostTimeoutError";
  }
  timeoutMs;
};
function postJson(url, body, options) {
  const target = new URL(url);
  const client = target.protocol === "https:" ? https2 : target.protocol === "http:" ? http2 : void 0;
  if (client === void 0) return Promise.reject(new Error(`unsupported URL scheme ${target.protocol}`));
  const timeout = timeoutSignal(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return new Promise((resolve, reject) => {
    const fail = (error) => {
      if (timeout.aborted && !options.signal?.aborted) reject(new PostTimeoutError(options.timeoutMs));
      else if (options.signal?.aborted) reject(options.signal.reason);
      else reject(error);
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...options.headers
        },
        signal,
        ...target.protocol === "https:" && options.insecure ? { rejectUnauthorized: false } : {}
      },
      (response) => {
        const chunks = [];
        let size = 0;
        response.on("data", (chunk) => {
          if (size < MAX_BODY_BYTES2) chunks.push(chunk);
          size += chunk.length;
        });
        response.on(
          "end",
          () => resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES2).toString("utf8")
          })
        );
        response.on("error", fail);
      }
    );
    request.on("error", fail);
    request.end(body);
  });
}
function isCertificateError(error) {
  const code = error?.code;
  return typeof code === "string" && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

// src/gates/webhook.ts
var webhookFiresAt = {
  // Before the canary gets any change (Flagger: before scaling up the canary); manual approval.
  "confirm-rollout": { at: "before-first-step", effect: "wait" },
  // Before the first traffic moves to the canary (Flagger: failures count toward threshold).
  "pre-rollout": { at: "before-traffic", effect: "gate" },
  // On every analysis iteration, before the metric checks.
  rollout: { at: "each-analysis", effect: "gate" },
  // Right before each weight increase.
  "confirm-traffic-increase": { at: "before-weight-increase", effect: "wait" },
  // Before promotion; metrics and rollout hooks keep running while it waits.
  "confirm-promotion": { at: "before-promotion", effect: "wait" },
  // After promotion or rollback; Flagger only logs a failure (runPostRolloutHooks).
  "post-rollout": { at: "after-release", effect: "notify" },
  // Polled while Progressing or waiting for a confirmation; 2xx stops the release as failed.
  rollback: { at: "while-progressing", effect: "rollback" },
  // On every event Flagger would emit (sendEventToWebhook); sent by src/notify, never decides.
  event: { at: "every-event", effect: "notify" }
};
function webhookChecksum(subject) {
  const candidate = subject.canaryImage ?? subject.commit;
  return createHash("sha256").update(`${subject.namespace}/${subject.releaseName}@${candidate}`).digest("hex").slice(0, 16);
}
function webhookPayload(subject, metadata) {
  const payload = {
    name: subject.releaseName,
    namespace: subject.namespace,
    phase: subject.phase,
    checksum: webhookChecksum(subject)
  };
  if (metadata !== void 0 && Object.keys(metadata).length > 0) payload.metadata = sortedKeys(metadata);
  return payload;
}
function eventPayload(subject, metadata, eventMessage, eventType, now = /* @__PURE__ */ new Date()) {
  return webhookPayload(subject, {
    ...metadata,
    eventMessage,
    eventType,
    timestamp: String(now.getTime())
  });
}
function sortedKeys(map) {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function flaggerAccepts(status) {
  return status >= 200 && status <= 202;
}
function retryableStatus(status) {
  return status === 429 || status >= 500 && status !== 501;
}
var FLAGGER_BACKOFF = { minMs: 1e3, maxMs: 3e4 };
var RetryableAnswer = class extends Error {
  constructor(answer) {
    super(`HTTP ${answer.status}`);
    this.answer = answer;
  }
  answer;
};
async function callWebhook(url, payload, options) {
  const body = JSON.stringify(payload);
  const backoff = options.backoff ?? FLAGGER_BACKOFF;
  let attempts = 0;
  try {
    return await pRetry(
      async () => {
        attempts += 1;
        let answer;
        try {
          answer = await postJson(url, body, {
            timeoutMs: options.timeoutMs,
            insecure: options.disableTLS,
            signal: options.signal
          });
        } catch (error) {
          if (options.signal.aborted || isCertificateError(error)) throw new AbortError(error);
          throw error;
        }
        if (retryableStatus(answer.status)) throw new RetryableAnswer(answer);
        return { ...answer, attempts };
      },
      {
        retries: options.retries,
        factor: 2,
        minTimeout: backoff.minMs,
        maxTimeout: backoff.maxMs,
        randomize: false,
        signal: options.signal
      }
    );
  } catch (error) {
    if (error instanceof RetryableAnswer) return { ...error.answer, attempts };
    throw error;
  }
}
var WebhookGate = class {
  constructor(name, config, backoff) {
    this.name = name;
    this.backoff = backoff;
    this.config = parseGateConfig(webhookConfigSchema, config, "webhook");
    this.timeoutMs = parseDuration(this.config.timeout, "webhook.timeout");
  }
  name;
  backoff;
  kind = "webhook";
  config;
  timeoutMs;
  /** The engine acts on the verdict as Flagger acts on this webhook type (see webhookFiresAt). */
  get effect() {
    const { effect } = webhookFiresAt[this.config.type];
    return effect === "gate" ? "decide" : effect;
  }
  async evaluate(context) {
    const effect = webhookFiresAt[this.config.type].effect;
    const payload = this.config.type === "event" ? eventPayload(
      context,
      this.config.metadata,
      `${this.name}: ${context.phase} at step ${context.stepIndex}`,
      "Normal"
    ) : webhookPayload(context, this.config.metadata);
    const target = `${this.config.type} webhook ${maskSecrets(this.config.url)}`;
    const at = () => (/* @__PURE__ */ new Date()).toISOString();
    let measurement;
    try {
      const answer = await callWebhook(this.config.url, payload, {
        timeoutMs: this.timeoutMs,
        retries: this.config.retries,
        disableTLS: this.config.disableTLS,
        signal: context.signal,
        backoff: this.backoff
      });
      const ok = flaggerAccepts(answer.status);
      const excerpt2 = ok ? "" : bodyExcerpt(answer.body);
      const tries = answer.attempts > 1 ? ` after ${answer.attempts} attempts` : "";
      measurement = {
        verdict: verdictFor(effect, ok),
        value: answer.status,
        message: maskSecrets(
          `${target} answered HTTP ${answer.status}${tries}${describe(effect, ok, answer.status)}${excerpt2}`
        ),
        at: at()
      };
    } catch (error) {
      context.signal.throwIfAborted();
      const reason = error instanceof PostTimeoutError ? `timed out after ${this.config.timeout}` : errorMessage(error);
      measurement = {
        verdict: unreachableVerdict(effect),
        value: "error",
        message: maskSecrets(`${target} ${reason}${describe(effect, false, void 0)}`),
        at: at()
      };
    }
    context.progress(`${this.name}: ${measurement.message}`);
    return {
      gate: this.name,
      kind: this.kind,
      verdict: measurement.verdict,
      value: measurement.value,
      threshold: THRESHOLDS[effect],
      message: measurement.message,
      measurements: [measurement]
    };
  }
};
var THRESHOLDS = {
  gate: "HTTP 200-202",
  wait: "HTTP 200-202",
  rollback: "no HTTP 200-202 (200-202 requests rollback)",
  notify: "notification (never fails the release)"
};
function verdictFor(effect, ok) {
  if (effect === "notify") return "pass";
  if (effect === "rollback") return ok ? "fail" : "pass";
  if (effect === "wait") return ok ? "pass" : "inconclusive";
  return ok ? "pass" : "fail";
}
function unreachableVerdict(effect) {
  if (effect === "gate") return "fail";
  if (effect === "wait") return "inconclusive";
  return "pass";
}
function describe(effect, ok, status) {
  if (effect === "notify") return ok ? "" : " (notification only: the release goes on)";
  if (effect === "rollback") return ok ? ": rollback requested" : ": no rollback requested";
  const refused = status !== void 0 && status >= 203 && status < 300 ? " (Flagger counts only 200-202 as success)" : "";
  if (effect === "wait" && !ok) return `: not confirmed yet${refused}`;
  return refused;
}
function bodyExcerpt(body) {
  const text = body.trim().replace(/\s+/g, " ");
  if (text === "") return "";
  return `: ${text.length > 200 ? `${text.slice(0, 200)}\u2026` : text}`;
}
function errorMessage(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `unreachable: ${error.message}${cause}`;
}

// src/gates/index.ts
var builders = {
  command: (name, config) => new CommandGate(name, config),
  prometheus: (name, config) => new PrometheusGate(name, config),
  webhook: (name, config) => new WebhookGate(name, config),
  http: (name, config) => new HttpGate(name, config),
  judge: (name, config) => new JudgeGate(name, config),
  argoAnalysis: (name, config) => new ArgoAnalysisGate(name, config),
  metricTemplate: (name, config) => new MetricTemplateGate(name, config),
  sync: (name, config) => syncGate(name, config)
};
function createGate(name, config) {
  if ("command" in config && typeof config.command === "string") {
    const { name: shown, ...command } = config;
    return new CommandGate(shown ?? name, command);
  }
  const kind = Object.keys(config).find((key2) => key2 !== "name");
  const build = kind === void 0 ? void 0 : builders[kind];
  if (kind === "approval") {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      "approval gates need pull-request mode, which this version does not have",
      {
        field: `spec.gates.${name}.approval`,
        hint: "use a `pause: {}` step and `gitcanary promote` for manual approval"
      }
    );
  }
  if (build === void 0 || kind === void 0) {
    throw new GitcanaryError("CONFIG_INVALID", `unknown gate kind ${kind ?? "(none)"}`, {
      field: `spec.gates.${name}`
    });
  }
  return build(config.name ?? name, config[kind]);
}
async function checkGates(gates, repoRoot, namespace) {
  for (const [name, config] of Object.entries(gates)) {
    await createGate(name, config).check?.(repoRoot, namespace);
  }
}
function syncGate(name, config) {
  if ("argocd" in config) {
    const { acceptHealth, ...argocd } = config.argocd;
    return new ArgoCdSyncGate(name, argocd, acceptHealth ? { acceptedHealth: acceptHealth } : {});
  }
  return new LazyFluxSyncGate(name, config.flux);
}
var LazyFluxSyncGate = class {
  constructor(name, config) {
    this.name = name;
    this.config = config;
    parseGateConfig(fluxSyncSchema, config, "sync.flux");
    if (config.kubeconfig !== void 0 && !existsSync(config.kubeconfig)) {
      throw new GitcanaryError("CONFIG_INVALID", `kubeconfig ${config.kubeconfig} does not exist`, {
        field: "sync.flux.kubeconfig",
        hint: "leave kubeconfig out to use $KUBECONFIG, ~/.kube/config or the in-cluster account"
      });
    }
  }
  name;
  config;
  kind = "sync";
  async evaluate(context) {
    const { FluxSyncGate } = await import("./flux-CBXG5ZST.js");
    return new FluxSyncGate(this.name, this.config).evaluate(context);
  }
};

// src/config/load.ts
var import_yaml = __toESM(require_dist(), 1);
import { lstat, readFile, readlink, stat } from "node:fs/promises";
import path from "node:path";

// src/config/steps.ts
var weightSchema = external_exports.number().int().min(0, "weight must be between 0 and 100").max(100, "weight must be between 0 and 100");
var stringMatchSchema = external_exports.strictObject({
  exact: httpHeaderValue.optional(),
  prefix: httpHeaderValue.optional(),
  regex: regexPattern.optional()
}).refine((match) => Object.values(match).filter((value) => value !== void 0).length === 1, {
  message: "set exactly one of exact, prefix or regex"
});
var headerMatchSchema = external_exports.strictObject({
  headerName: httpHeaderName,
  headerValue: stringMatchSchema
});
var mirrorMatchSchema = external_exports.strictObject({
  method: stringMatchSchema.optional(),
  path: stringMatchSchema.optional(),
  headers: external_exports.record(httpHeaderName, stringMatchSchema).optional()
});
var pauseSchema = external_exports.strictObject({
  duration: durationSchema.optional().describe(
    'How long to wait; omit to wait until `gitcanary promote` (Argo Rollouts: int seconds or "30s").'
  )
}).describe("Wait a duration, or indefinitely until promoted.");
var canaryScaleSchema = external_exports.strictObject({
  replicas: external_exports.number().int().nonnegative().optional(),
  weight: weightSchema.optional(),
  matchTrafficWeight: external_exports.boolean().optional()
}).refine((scale) => Object.values(scale).filter((value) => value !== void 0).length === 1, {
  message: "set exactly one of replicas, weight or matchTrafficWeight"
}).describe("Scale the canary without changing traffic weight.");
var headerRouteSchema = external_exports.strictObject({
  name: dns1123Subdomain.describe("Managed route name; routers name a resource after it."),
  match: external_exports.array(headerMatchSchema).optional().describe("All must match; omit to remove the route.")
}).describe("Send requests whose headers match to the canary only.");
var mirrorRouteSchema = external_exports.strictObject({
  name: dns1123Subdomain.describe("Managed route name; routers name a resource after it."),
  percentage: weightSchema.optional().describe("Percent of matching requests mirrored (default 100)."),
  match: external_exports.array(mirrorMatchSchema).optional().describe("Any may match; omit to remove the route.")
}).describe("Mirror matching requests to the canary.");
var gatesAnalysisSchema = external_exports.strictObject({
  gates: external_exports.array(external_exports.string().min(1)).min(1).describe("Names of gates in spec.gates, evaluated in order.")
}).describe("Evaluate gates; a failing gate rolls the release back.");
var templatesAnalysisSchema = external_exports.strictObject(rolloutAnalysisFields).describe("Argo Rollouts' analysis step: AnalysisTemplates from the repository, with args.");
var analysisStepSchema = external_exports.union([gatesAnalysisSchema, templatesAnalysisSchema], {
  error: () => "an analysis step lists `gates:` (names in spec.gates) or `templates:` (Argo AnalysisTemplates in the repository)"
});
var stepShape = {
  setWeight: weightSchema.optional().describe("Percent of traffic to the canary, 0\u2013100."),
  pause: pauseSchema.optional(),
  setCanaryScale: canaryScaleSchema.optional(),
  setHeaderRoute: headerRouteSchema.optional(),
  setMirrorRoute: mirrorRouteSchema.optional(),
  analysis: analysisStepSchema.optional(),
  promote: external_exports.strictObject({}).optional().describe("Promote: the stable workload gets the candidate.")
};
var STEP_KINDS = Object.keys(stepShape);
var stepObjectSchema = external_exports.strictObject(stepShape, {
  error: (issue) => issue.code === "unrecognized_keys" ? `unknown step ${issue.keys.map((key2) => `\`${key2}\``).join(", ")}; known: ${STEP_KINDS.join(", ")}` : void 0
}).refine((step) => Object.values(step).filter((value) => value !== void 0).length === 1, {
  message: `a step sets exactly one of ${STEP_KINDS.join(", ")}`
}).meta({ minProperties: 1, maxProperties: 1 });
var stepSchema = stepObjectSchema;
function isTemplatesAnalysis(analysis) {
  return "templates" in analysis;
}
function routesTraffic(step) {
  return "setWeight" in step || "setHeaderRoute" in step || "setMirrorRoute" in step;
}

// src/config/argo-analysis.ts
var backgroundAnalysisSchema = external_exports.strictObject({
  ...rolloutAnalysisFields,
  startingStep: external_exports.number().int().nonnegative().optional().describe("Index (from 0) of the step from which the analysis runs (Argo: default 0).")
}).describe(
  "Argo Rollouts' background analysis: AnalysisTemplates measured during every timed pause from startingStep on."
);
function argoAnalysisGateName(analysis, stepNumber, background = false) {
  const names = analysis.templates.map((ref) => ref.templateName).join("+");
  return `${names}@${background ? "background-" : ""}step${stepNumber}`;
}
function planArgoAnalysis(steps, background, workload, targets) {
  const fieldRefObject = Object.entries(workload).filter(([, config]) => config !== void 0).map(([key2, config]) => targets.find((target) => target.key === key2)?.fieldRefObject?.(config)).find((object) => object !== void 0);
  const gates = {};
  const gate = (analysis, extra) => {
    const { analysisRunMetadata: _metadata, ...fields } = analysis;
    const { startingStep: _start, ...rest } = fields;
    return {
      argoAnalysis: { ...rest, path: ".", ...fieldRefObject ? { fieldRefObject } : {}, ...extra }
    };
  };
  const planned = steps.map((step, index) => {
    if ("analysis" in step && isTemplatesAnalysis(step.analysis)) {
      const name = argoAnalysisGateName(step.analysis, index + 1);
      gates[name] = gate(step.analysis, {});
      return { analysis: { gates: [name] } };
    }
    if (background !== void 0 && index >= (background.startingStep ?? 0) && "pause" in step && step.pause.duration !== void 0) {
      const name = argoAnalysisGateName(background, index + 1, true);
      gates[name] = gate(background, { runFor: step.pause.duration });
      return { analysis: { gates: [name] } };
    }
    return step;
  });
  return { steps: planned, gates };
}

// src/config/notifications.ts
var NOTIFICATION_TRIGGERS = [
  "started",
  "step-committed",
  "paused",
  "analysis-failed",
  "rolled-back",
  "promoted"
];
var notificationTriggerSchema = external_exports.enum(NOTIFICATION_TRIGGERS);
var providerTypeSchema = external_exports.enum([
  "slack",
  "msteams",
  "discord",
  "gchat",
  "googlechat",
  "rocket",
  "webhook"
]);
var notificationProviderSchema = external_exports.strictObject({
  type: providerTypeSchema,
  urlEnv: external_exports.string().min(1).optional().describe("Environment variable holding the webhook URL."),
  urlFile: external_exports.string().min(1).optional().describe("File holding the webhook URL (a mounted secret); relative to this file."),
  address: external_exports.string().optional().describe("Not accepted: a webhook URL is a secret and does not belong in Git; use urlEnv or urlFile."),
  channel: external_exports.string().min(1).optional().describe("Slack / Rocket.Chat channel (legacy webhooks)."),
  username: external_exports.string().min(1).optional().describe("Bot name shown (Slack, Discord, Rocket.Chat)."),
  format: external_exports.enum(["messageCard", "adaptiveCard"]).optional().describe(
    "Microsoft Teams: messageCard for connector webhooks (default, as Flagger), adaptiveCard for Workflows webhooks."
  ),
  timeout: durationSchema.optional().describe("Time one post may take (default 5s, as Flagger).")
}).superRefine((provider, ctx) => {
  if (provider.address !== void 0) {
    ctx.addIssue({
      code: "custom",
      path: ["address"],
      message: "a webhook URL is a secret: put it in an environment variable (urlEnv) or a file (urlFile)"
    });
  } else if (provider.urlEnv === void 0 === (provider.urlFile === void 0)) {
    ctx.addIssue({ code: "custom", path: [], message: "set exactly one of urlEnv or urlFile" });
  }
  if (provider.format !== void 0 && provider.type !== "msteams") {
    ctx.addIssue({ code: "custom", path: ["format"], message: "format applies to msteams providers only" });
  }
});
var providerUseSchema = external_exports.union([external_exports.string().min(1), notificationProviderSchema]);
var notificationsSchema = external_exports.strictObject({
  providers: external_exports.record(external_exports.string().min(1), notificationProviderSchema).default({}).describe("Providers by name, used by triggers and by analysis.alerts providerRef."),
  triggers: external_exports.array(
    external_exports.strictObject({
      on: external_exports.array(notificationTriggerSchema).min(1).describe("Triggers that send to this provider."),
      provider: providerUseSchema.describe("A provider name from providers, or a provider inline.")
    })
  ).default([]),
  commitUrl: external_exports.string().min(1).optional().describe(
    "Link to a commit, a template over {{sha}}; derived from spec.git.repo for GitHub and GitLab when unset."
  )
}).describe("Chat and webhook notifications (Argo Rollouts-style triggers).");
var flaggerAlertSchema = external_exports.strictObject({
  name: external_exports.string().min(1),
  severity: external_exports.enum(["", "info", "warn", "error"]).optional().describe("info: every alert; warn: warnings and errors; error: errors only (default info)."),
  providerRef: external_exports.strictObject({
    name: external_exports.string().min(1).describe("A provider in spec.notifications.providers."),
    namespace: external_exports.string().optional().describe("Accepted for Flagger's sake; providers are not namespaced here.")
  }).optional(),
  provider: notificationProviderSchema.optional().describe("The provider inline, instead of providerRef.")
}).refine((alert) => alert.providerRef === void 0 !== (alert.provider === void 0), {
  message: "set exactly one of providerRef or provider"
});
function notificationIssues(notifications, alerts) {
  const defined = Object.keys(notifications?.providers ?? {});
  const unknown = (name) => `provider \`${name}\` is not defined in spec.notifications.providers; defined: ${defined.join(", ") || "(none)"}`;
  const issues = [];
  notifications?.triggers.forEach((trigger, index) => {
    if (typeof trigger.provider === "string" && !defined.includes(trigger.provider)) {
      issues.push({
        path: ["spec", "notifications", "triggers", index, "provider"],
        message: unknown(trigger.provider)
      });
    }
  });
  alerts?.forEach((alert, index) => {
    if (alert.providerRef !== void 0 && !defined.includes(alert.providerRef.name)) {
      issues.push({
        path: ["spec", "analysis", "alerts", index, "providerRef", "name"],
        message: unknown(alert.providerRef.name)
      });
    }
  });
  return issues;
}

// src/config/flagger.ts
var DEFAULT_METRICS_SERVER = "http://prometheus:9090";
var FLAGGER_DEFAULTS = {
  interval: "60s",
  threshold: 1,
  metricInterval: "1m",
  maxWeight: 100
};
var BUILTIN_METRICS = ["request-success-rate", "request-duration"];
var MIRROR_ROUTE = "mirror";
var percentSchema = external_exports.number().int().min(1, "weight must be between 1 and 100").max(100, "weight must be between 1 and 100");
var flaggerStringMatchSchema = external_exports.strictObject({
  exact: external_exports.string().optional(),
  prefix: external_exports.string().optional(),
  suffix: external_exports.string().optional(),
  regex: external_exports.string().optional()
}).refine((match) => Object.values(match).filter((value) => value !== void 0).length === 1, {
  message: "set exactly one of exact, prefix, suffix or regex"
});
var flaggerMatchSchema = external_exports.strictObject({
  headers: external_exports.record(external_exports.string(), flaggerStringMatchSchema).optional(),
  queryParams: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
  sourceLabels: external_exports.record(external_exports.string(), external_exports.string()).optional()
});
var flaggerMetricSchema = external_exports.strictObject({
  name: external_exports.string().min(1).describe("Built-in request-success-rate / request-duration, or any name with `query`."),
  interval: durationSchema.optional().describe("Query window, `{{interval}}` in the query (default 1m)."),
  thresholdRange: external_exports.strictObject({ min: external_exports.number().optional(), max: external_exports.number().optional() }).optional(),
  threshold: external_exports.number().optional().describe("Deprecated in Flagger: a minimum for request-success-rate, else a maximum."),
  query: external_exports.string().min(1).optional().describe("PromQL; a handlebars template."),
  templateRef: external_exports.strictObject({ name: external_exports.string().min(1), namespace: external_exports.string().optional() }).optional().describe("A MetricTemplate (prometheus provider) read from the GitOps repository."),
  templateVariables: external_exports.record(external_exports.string(), external_exports.string()).optional()
});
var flaggerWebhookSchema = external_exports.strictObject({
  name: external_exports.string().min(1),
  url: external_exports.url(),
  // Flagger treats an empty type as `rollout`.
  type: external_exports.enum([
    "",
    "confirm-rollout",
    "pre-rollout",
    "rollout",
    "confirm-traffic-increase",
    "confirm-promotion",
    "post-rollout",
    "rollback",
    "event"
  ]).optional(),
  timeout: durationSchema.optional(),
  metadata: external_exports.record(external_exports.string(), external_exports.string()).optional(),
  retries: external_exports.number().int().nonnegative().optional().describe("HTTP retries of one call (default 0)."),
  muteAlert: external_exports.boolean().optional().describe("No alerts for this webhook."),
  disableTLS: external_exports.boolean().optional().describe("Skip TLS verification for this webhook.")
});
var sessionAffinitySchema = external_exports.looseObject({
  cookieName: external_exports.string().min(1)
});
var readyThresholdSchema = external_exports.number().min(0).max(100).optional().describe("Percent of pods that must be available (Flagger default 100).");
var flaggerAnalysisSchema = external_exports.strictObject({
  interval: durationSchema.optional().describe("Time between checks and weight increases (default 60s)."),
  threshold: external_exports.number().int().min(1).optional().describe("Failed check passes, over the whole release, that roll it back (default 1)."),
  maxWeight: percentSchema.optional().describe("Advance until the canary weight reaches this (default 100)."),
  stepWeight: percentSchema.optional().describe("Weight added each interval."),
  stepWeights: external_exports.array(percentSchema).min(1).optional().describe("Weights to set in order."),
  stepWeightPromotion: percentSchema.optional().describe("After the primary runs the candidate, move traffic back to it this much per interval."),
  iterations: external_exports.number().int().min(1).optional().describe("Checks to run for A/B testing and Blue/Green."),
  match: external_exports.array(flaggerMatchSchema).min(1).optional().describe("A/B testing: requests sent to the canary."),
  mirror: external_exports.boolean().optional().describe("Mirror traffic to the canary before shifting it."),
  mirrorWeight: percentSchema.optional().describe("Percent of traffic mirrored (default 100)."),
  metrics: external_exports.array(flaggerMetricSchema).optional(),
  webhooks: external_exports.array(flaggerWebhookSchema).optional(),
  metricsServer: external_exports.url().optional().describe(
    `Prometheus for the built-in metrics (Flagger's metricsServer; default ${DEFAULT_METRICS_SERVER}).`
  ),
  alerts: external_exports.array(flaggerAlertSchema).optional().describe("Flagger's alerts: chat providers by severity."),
  sessionAffinity: sessionAffinitySchema.optional().describe("Not supported: refused with the reason."),
  primaryReadyThreshold: readyThresholdSchema,
  canaryReadyThreshold: readyThresholdSchema
}).describe("Flagger's analysis block; expands into steps.");
function flaggerIssues(analysis, context) {
  const issues = [];
  if (analysis.iterations === void 0 && analysis.stepWeight === void 0 && analysis.stepWeights === void 0) {
    issues.push({
      path: [],
      message: "set one of stepWeight, stepWeights or iterations (as Flagger requires)"
    });
  }
  if (analysis.match !== void 0 && analysis.iterations === void 0) {
    issues.push({ path: ["match"], message: "A/B testing (match) needs iterations" });
  }
  analysis.match?.forEach((match, index) => {
    for (const key2 of ["queryParams", "sourceLabels"]) {
      if (match[key2] !== void 0) {
        issues.push({
          path: ["match", index, key2],
          message: `match.${key2} is not supported yet; match on headers`
        });
      }
    }
    if (match.headers === void 0 || Object.keys(match.headers).length === 0) {
      issues.push({ path: ["match", index], message: "a match entry needs headers" });
    }
  });
  if (analysis.sessionAffinity !== void 0) {
    issues.push({
      path: ["sessionAffinity"],
      message: "sessionAffinity is not supported: Flagger makes the mesh set a cookie on the canary's responses and route that cookie back to the canary, and no gitcanary router writes such a response header; for sticky canary traffic use A/B testing (iterations with match on a header or cookie)"
    });
  }
  for (const key2 of ["primaryReadyThreshold", "canaryReadyThreshold"]) {
    const value = analysis[key2];
    if (value !== void 0 && value !== 100) {
      issues.push({
        path: [key2],
        message: `${key2} ${value} is not supported: gitcanary takes readiness from the reconciler, whose Healthy means every replica is available (100, the default, is accepted)`
      });
    }
  }
  if (analysis.stepWeightPromotion !== void 0 && context.stable === false) {
    issues.push({
      path: ["stepWeightPromotion"],
      message: "stepWeightPromotion moves traffic back to a primary that already runs the candidate; it needs spec.stable (the Flagger shape). With an Argo Rollout the promotion is one commit"
    });
  }
  const names = /* @__PURE__ */ new Map();
  const claim = (name, path2) => {
    if (names.has(name)) issues.push({ path: path2, message: `gate name \`${name}\` is used twice in analysis` });
    names.set(name, path2);
  };
  analysis.metrics?.forEach((metric, index) => {
    claim(metric.name, ["metrics", index, "name"]);
    issues.push(
      ...metricIssues(metric, context).map((issue) => ({
        ...issue,
        path: ["metrics", index, ...issue.path]
      }))
    );
  });
  analysis.webhooks?.forEach((webhook, index) => {
    claim(webhook.name, ["webhooks", index, "name"]);
  });
  return issues;
}
function metricIssues(metric, context) {
  if (metric.templateRef !== void 0 && metric.query !== void 0) {
    return [{ path: ["query"], message: "set either templateRef or query, not both" }];
  }
  const issues = [];
  const range = metricRange(metric);
  if (range === void 0 || (range.min ?? range.max) === void 0) {
    issues.push({ path: ["thresholdRange"], message: "a metric needs thresholdRange with min, max or both" });
  }
  if (metric.query === void 0 && metric.templateRef === void 0) {
    if (!BUILTIN_METRICS.includes(metric.name)) {
      issues.push({
        path: ["name"],
        message: `\`${metric.name}\` is not a built-in metric (${BUILTIN_METRICS.join(", ")}); write \`query:\``
      });
    } else if (!(context.metricTemplates ?? []).includes(metric.name)) {
      issues.push({
        path: ["name"],
        message: `built-in metric \`${metric.name}\` needs a traffic router with metrics (${(context.metricRouters ?? []).join(", ") || "none"}); got ${context.router ?? "none"}`
      });
    }
  }
  return issues;
}
function metricRange(metric) {
  if (metric.thresholdRange !== void 0 || metric.threshold === void 0) return metric.thresholdRange;
  return metric.name === "request-success-rate" && metric.query === void 0 ? { min: metric.threshold } : { max: metric.threshold };
}
function expandFlaggerAnalysis(analysis, context = {}) {
  const [issue] = flaggerIssues(analysis, context);
  if (issue !== void 0) {
    throw new GitcanaryError("CONFIG_INVALID", issue.message, {
      field: fieldPath(["spec", "analysis", ...issue.path])
    });
  }
  const interval = analysis.interval ?? FLAGGER_DEFAULTS.interval;
  const webhooks = analysis.webhooks ?? [];
  const gates = {};
  for (const webhook of webhooks) gates[webhook.name] = webhookGate(webhook);
  for (const metric of analysis.metrics ?? []) gates[metric.name] = metricGate(metric, analysis, context);
  const hooksOf = (type) => webhooks.filter((webhook) => (webhook.type || "rollout") === type).map((webhook) => webhook.name);
  const rollback = hooksOf("rollback");
  const checks = [...hooksOf("rollout"), ...(analysis.metrics ?? []).map((metric) => metric.name)];
  const preRollout = hooksOf("pre-rollout");
  const confirmTraffic = hooksOf("confirm-traffic-increase");
  const confirmPromotion = hooksOf("confirm-promotion");
  const steps = [];
  const pass = (...names) => {
    const gateNames = [...rollback, ...names.flat()];
    if (gateNames.length > 0) steps.push({ analysis: { gates: gateNames } });
  };
  const tick = (...names) => {
    steps.push({ pause: { duration: interval } });
    pass(...names);
  };
  const mirror = (on) => steps.push({
    setMirrorRoute: on ? { name: MIRROR_ROUTE, percentage: analysis.mirrorWeight ?? 100, match: [{ path: { prefix: "/" } }] } : { name: MIRROR_ROUTE }
  });
  if (hooksOf("confirm-rollout").length > 0) pass(hooksOf("confirm-rollout"));
  if (analysis.iterations !== void 0 && analysis.match !== void 0) {
    pass(preRollout);
    analysis.match.forEach((match, index, all) => {
      steps.push({
        setHeaderRoute: {
          name: all.length === 1 ? "ab-testing" : `ab-testing-${index + 1}`,
          match: headerMatches(match.headers ?? {})
        }
      });
    });
    for (let iteration = 1; iteration < analysis.iterations; iteration++) tick(checks);
    tick(checks, confirmPromotion);
  } else if (analysis.iterations !== void 0) {
    pass(preRollout);
    if (analysis.mirror) mirror(true);
    for (let iteration = 1; iteration < analysis.iterations; iteration++) tick(checks);
    tick(checks, confirmPromotion);
    if (analysis.mirror) mirror(false);
    steps.push({ setWeight: 100 });
    tick(checks);
  } else {
    const weights = progressiveWeights(analysis);
    pass(preRollout, confirmTraffic);
    if (analysis.mirror) {
      mirror(true);
      tick(checks);
      mirror(false);
    }
    for (const [index, weight] of weights.entries()) {
      if (index > 0) tick(checks, confirmTraffic);
      steps.push({ setWeight: weight });
    }
    tick(checks, confirmTraffic, confirmPromotion);
  }
  steps.push({ promote: {} });
  const postRollout = hooksOf("post-rollout");
  if (postRollout.length > 0) steps.push({ analysis: { gates: postRollout } });
  return {
    steps,
    gates,
    eventWebhooks: hooksOf("event"),
    intervalMs: parseDuration(interval, "spec.analysis.interval"),
    threshold: analysis.threshold ?? FLAGGER_DEFAULTS.threshold
  };
}
function progressiveWeights(analysis) {
  if (analysis.stepWeights !== void 0) return [...analysis.stepWeights];
  const step = analysis.stepWeight;
  if (step === void 0) return [];
  const maxWeight = analysis.maxWeight ?? FLAGGER_DEFAULTS.maxWeight;
  const weights = [];
  for (let weight = step; ; weight += step) {
    weights.push(Math.min(weight, 100));
    if (weight >= maxWeight || weight >= 100) return weights;
  }
}
function headerMatches(headers) {
  return Object.entries(headers).map(([headerName, value]) => ({
    headerName,
    // Argo's header match has no suffix; a suffix becomes an anchored regex.
    headerValue: value.suffix !== void 0 ? { regex: `.*${value.suffix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` } : { ...value }
  }));
}
var FLAGGER_MEASUREMENT = { count: 1, failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 0 };
function metricGate(metric, analysis, context) {
  const window = metric.interval ?? FLAGGER_DEFAULTS.metricInterval;
  const variables = {
    ...metric.templateVariables,
    interval: typeof window === "number" ? `${window}s` : window
  };
  if (metric.templateRef !== void 0) {
    return gateConfigSchema.parse({
      metricTemplate: {
        templateRef: metric.templateRef,
        thresholdRange: metricRange(metric),
        variables,
        ...FLAGGER_MEASUREMENT
      }
    });
  }
  const source = metric.query !== void 0 ? { query: metric.query } : { template: metric.name, router: context.router };
  return gateConfigSchema.parse({
    prometheus: {
      address: analysis.metricsServer ?? DEFAULT_METRICS_SERVER,
      ...source,
      thresholdRange: metricRange(metric),
      variables,
      ...FLAGGER_MEASUREMENT
    }
  });
}
function webhookGate(webhook) {
  const { name: _name, type, ...fields } = webhook;
  return gateConfigSchema.parse({ webhook: { ...fields, type: type || "rollout" } });
}
var canaryObjectSchema = external_exports.looseObject({
  apiVersion: external_exports.literal("flagger.app/v1beta1"),
  kind: external_exports.literal("Canary"),
  spec: external_exports.looseObject({
    provider: external_exports.string().optional(),
    analysis: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
    // v1alpha3's name, still read by Flagger's GetAnalysis.
    canaryAnalysis: external_exports.record(external_exports.string(), external_exports.unknown()).optional()
  })
});
function fromFlaggerCanary(canary) {
  const parsed = canaryObjectSchema.safeParse(canary);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    throw new GitcanaryError("CONFIG_INVALID", `not a Flagger Canary: ${first?.message ?? "invalid"}`, {
      field: first?.path.join("."),
      hint: "expected apiVersion flagger.app/v1beta1, kind Canary"
    });
  }
  const { spec } = parsed.data;
  const source = spec.analysis ?? spec.canaryAnalysis;
  const sourceField = spec.analysis !== void 0 ? "spec.analysis" : "spec.canaryAnalysis";
  if (source === void 0) {
    throw new GitcanaryError("CONFIG_INVALID", "the Canary has no analysis", { field: "spec.analysis" });
  }
  const result = flaggerAnalysisSchema.safeParse(source);
  if (!result.success) {
    const [first] = result.error.issues;
    const path2 = (first?.path ?? []).map((part) => typeof part === "symbol" ? String(part) : part);
    throw new GitcanaryError("CONFIG_INVALID", first?.message ?? "invalid analysis", {
      field: fieldPath([...sourceField.split("."), ...path2])
    });
  }
  return { analysis: result.data, provider: spec.provider };
}

// src/config/routers.ts
function trafficRouters(traffic, targets) {
  return traffic.flatMap(
    (block) => Object.keys(block).flatMap((key2) => {
      const router = targets.find((target) => target.key === key2)?.router;
      return router === void 0 ? [] : [router];
    })
  );
}
function flaggerContext(traffic, targets) {
  const first = traffic.map((block) => Object.keys(block)[0]).find((key2) => key2 !== void 0);
  const router = trafficRouters(traffic, targets)[0];
  return {
    router: first,
    metricTemplates: router?.key === first ? router?.metricTemplates ?? [] : [],
    metricRouters: targets.filter((target) => (target.router?.metricTemplates.length ?? 0) > 0).map((t) => t.key)
  };
}
function routerStepIssues(steps, routers, at) {
  const issues = [];
  const active = /* @__PURE__ */ new Set();
  steps.forEach((step, index) => {
    if ("setHeaderRoute" in step) {
      const { name, match } = step.setHeaderRoute;
      if (match === void 0 || match.length === 0) {
        active.delete(name);
        return;
      }
      active.add(name);
      for (const router of routers) {
        const issue = capabilityIssue(router, { headerRoute: { name, match } }) ?? (active.size > router.capabilities.headerRoutes ? `router \`${router.key}\` holds ${router.capabilities.headerRoutes} header route${router.capabilities.headerRoutes === 1 ? "" : "s"} at a time; remove ${[...active].filter((n) => n !== name).join(", ")} first (setHeaderRoute without match)` : void 0);
        if (issue !== void 0) issues.push({ path: [...at(index), "setHeaderRoute"], message: issue });
      }
    }
    if ("setMirrorRoute" in step && (step.setMirrorRoute.match?.length ?? 0) > 0) {
      for (const router of routers) {
        const issue = capabilityIssue(router, {
          mirrorRoute: { name: step.setMirrorRoute.name, percentage: step.setMirrorRoute.percentage ?? 100 }
        });
        if (issue !== void 0) issues.push({ path: [...at(index), "setMirrorRoute"], message: issue });
      }
    }
  });
  return issues;
}
function metricTemplateIssues(gates, targets) {
  const issues = [];
  for (const [name, gate] of Object.entries(gates)) {
    if (!("prometheus" in gate) || gate.prometheus.template === void 0) continue;
    const key2 = gate.prometheus.router;
    const router = targets.find((target) => target.key === key2)?.router;
    const withTemplate = targets.filter((target) => target.router?.metricTemplates.includes(gate.prometheus.template ?? "")).map((target) => target.key);
    if (router === void 0 || !router.metricTemplates.includes(gate.prometheus.template)) {
      issues.push({
        path: ["spec", "gates", name, "prometheus", "router"],
        message: `no built-in template \`${gate.prometheus.template}\` for router \`${key2 ?? "(none)"}\`; routers with it: ${withTemplate.join(", ") || "none"}`
      });
    }
  }
  return issues;
}
function baselineIssues(traffic, targets, hasBaselineWorkload, steps, at) {
  const issues = [];
  const carrying = [];
  traffic.forEach((block, index) => {
    for (const [key2, config] of Object.entries(block)) {
      const router = targets.find((target) => target.key === key2)?.router;
      const backend = config === void 0 ? void 0 : router?.baselineBackend?.(config);
      if (backend === void 0) continue;
      carrying.push(key2);
      if (!hasBaselineWorkload) {
        issues.push({
          path: ["spec", "traffic", index, key2, "baselineService"],
          message: `router \`${key2}\` sends traffic to the baseline backend "${backend}", but no spec.baseline workload serves it; add spec.baseline or remove the baseline backend`
        });
      }
    }
  });
  if (carrying.length === 0) return issues;
  steps?.forEach((step, index) => {
    if (!("setWeight" in step) || step.setWeight === void 0) return;
    if (step.setWeight <= MAX_WEIGHT_WITH_BASELINE) return;
    issues.push({
      path: [...at(index), "setWeight"],
      message: `with a baseline backend (${carrying.join(", ")}) the canary weight is at most ${MAX_WEIGHT_WITH_BASELINE}: the baseline gets the same share and stable the rest, so ${step.setWeight} would leave stable ${100 - 2 * step.setWeight}%; the promote step sends all traffic to the new version`
    });
  });
  return issues;
}

// src/config/plan.ts
function planRelease(config) {
  const { spec } = config;
  let steps;
  let gates = { ...spec.gates };
  let checks;
  let eventWebhooks = [];
  if (spec.analysis !== void 0) {
    const expansion = expandFlaggerAnalysis(spec.analysis, {
      ...flaggerContext(spec.traffic, allTargets()),
      stable: spec.stable !== void 0
    });
    steps = expansion.steps;
    gates = { ...gates, ...expansion.gates };
    checks = { intervalMs: expansion.intervalMs, threshold: expansion.threshold };
    eventWebhooks = expansion.eventWebhooks;
  } else {
    const argo = planArgoAnalysis(spec.steps ?? [], spec.backgroundAnalysis, spec.workload, allTargets());
    steps = argo.steps;
    gates = { ...gates, ...argo.gates };
  }
  const implicitPromote = !steps.some((step) => "promote" in step);
  if (implicitPromote) steps.push({ promote: {} });
  let planned = steps.map((step, index) => ({
    ...planStep(step, spec.analysis === void 0 ? `spec.steps[${index}]` : "spec.analysis"),
    summary: summarizeStep(step)
  }));
  if (spec.stable !== void 0) {
    const interval = spec.analysis?.interval ?? FLAGGER_DEFAULTS.interval;
    planned = flaggerPromotion(planned, {
      stepWeightPromotion: spec.analysis?.stepWeightPromotion,
      pause: checks === void 0 ? void 0 : { duration: interval, ms: checks.intervalMs }
    });
  }
  return {
    steps: planned.map((step, index) => ({ ...step, index })),
    gates,
    implicitPromote,
    checks,
    eventWebhooks
  };
}
function flaggerPromotion(steps, options) {
  const at = steps.findIndex((step) => step.kind === "promote");
  if (at < 0) return steps;
  let weight = 0;
  for (const step of steps.slice(0, at)) {
    if (step.kind === "change" && "setWeight" in step.step) weight = step.step.setWeight;
  }
  const tick = () => options.pause === void 0 ? [] : [
    {
      kind: "pause",
      durationMs: options.pause.ms,
      summary: summarizeStep({ pause: { duration: options.pause.duration } })
    }
  ];
  const promotion = [
    { kind: "promotePrimary", summary: "promote primary" },
    ...tick()
  ];
  const by = options.stepWeightPromotion;
  if (by !== void 0) {
    for (let canary = weight - by; canary > 0; canary -= by) {
      promotion.push({
        kind: "shift",
        weight: canary,
        summary: `shift traffic to primary (canary ${canary}%)`
      });
      promotion.push(...tick());
    }
  }
  promotion.push(steps[at]);
  return [...steps.slice(0, at), ...promotion, ...steps.slice(at + 1)];
}
function planStep(step, field) {
  if ("pause" in step) {
    const { duration: duration2 } = step.pause;
    return {
      kind: "pause",
      durationMs: duration2 === void 0 ? void 0 : parseDuration(duration2, `${field}.pause.duration`)
    };
  }
  if ("analysis" in step) return { kind: "analysis", gates: [...step.analysis.gates] };
  if ("promote" in step) return { kind: "promote" };
  return { kind: "change", step };
}
function summarizeStep(step) {
  if ("setWeight" in step) return `setWeight ${step.setWeight}`;
  if ("pause" in step) {
    const { duration: duration2 } = step.pause;
    if (duration2 === void 0) return "pause until promoted";
    return `pause ${typeof duration2 === "number" ? `${duration2}s` : duration2}`;
  }
  if ("setCanaryScale" in step) {
    const { replicas, weight, matchTrafficWeight } = step.setCanaryScale;
    if (matchTrafficWeight) return "setCanaryScale matchTrafficWeight";
    return replicas !== void 0 ? `setCanaryScale replicas ${replicas}` : `setCanaryScale weight ${weight}`;
  }
  if ("setHeaderRoute" in step) {
    const { name, match } = step.setHeaderRoute;
    return match?.length ? `setHeaderRoute ${name}` : `remove header route ${name}`;
  }
  if ("setMirrorRoute" in step) {
    const { name, match, percentage } = step.setMirrorRoute;
    return match?.length ? `setMirrorRoute ${name} ${percentage ?? 100}%` : `remove mirror route ${name}`;
  }
  if ("analysis" in step) return `analysis ${step.analysis.gates.join(", ")}`;
  return "promote";
}

// src/config/promotion.ts
var pullRequestPromotionSchema = external_exports.strictObject({
  steps: external_exports.enum(["pauses", "all"]).default("pauses").describe(
    "Which steps become pull requests: each indefinite `pause: {}` (pauses), or every committing step (all)."
  ),
  labels: external_exports.array(external_exports.string().min(1)).default([]).describe("Labels put on each pull request."),
  reviewers: external_exports.array(external_exports.string().min(1)).default([]).describe("Reviewers requested on each pull request: logins, or `org/team` for a team."),
  draft: external_exports.boolean().default(false).describe("Open the pull requests as drafts.")
}).describe("Manual steps become pull requests: merging one promotes, closing it aborts.");
var promotionSchema = external_exports.strictObject({ pullRequest: pullRequestPromotionSchema.optional() }).describe("How a release goes on past its manual steps.");
var githubForgeSchema = external_exports.strictObject({
  apiUrl: external_exports.url({ protocol: /^https?$/ }).optional().describe(
    "REST API root; GitHub Enterprise Server: https://<host>/api/v3. Default: GITHUB_API_URL, else https://api.github.com."
  ),
  repository: external_exports.string().regex(/^[\w.-]+\/[\w.-]+$/, "a repository is owner/name").optional().describe("owner/name of the repository the pull requests go to. Default: GITHUB_REPOSITORY."),
  tokenEnv: external_exports.string().min(1).default("GITHUB_TOKEN").describe(
    "Environment variable holding the token (GITHUB_TOKEN, a personal access token or a GitHub App installation token)."
  )
}).describe("GitHub or GitHub Enterprise Server.");
var gitlabForgeSchema = external_exports.strictObject({
  apiUrl: external_exports.url({ protocol: /^https?$/ }).regex(/\/api\/v4\/?$/, "the REST API root ends in /api/v4").optional().describe(
    "REST API root, https://<host>/api/v4. Default: CI_API_V4_URL, else https://gitlab.com/api/v4."
  ),
  project: external_exports.union([
    external_exports.string().regex(
      /^(\d+|[\w.-]+(\/[\w.-]+)+)$/,
      "a project is its full path (group/project) or its numeric ID"
    ),
    external_exports.number().int().positive()
  ]).optional().describe(
    "Full path (group/subgroup/project) or numeric ID of the project the merge requests go to. Default: CI_PROJECT_ID."
  ),
  tokenEnv: external_exports.string().min(1).refine((name) => name !== "CI_JOB_TOKEN", "CI_JOB_TOKEN can neither push nor open merge requests").default("GITLAB_TOKEN").describe(
    "Environment variable holding a project or group access token (role Developer or more, scope api). CI_JOB_TOKEN cannot push or open merge requests."
  )
}).describe("GitLab.com or a self-managed GitLab.");
var forgeSchema = external_exports.strictObject({ github: githubForgeSchema.optional(), gitlab: gitlabForgeSchema.optional() }).refine((forge) => forge.github === void 0 !== (forge.gitlab === void 0), {
  message: "name one forge: github or gitlab"
}).describe(
  "Where pull or merge requests are opened. Optional in CI: GitHub on an Actions runner (GITHUB_REPOSITORY, GITHUB_API_URL), GitLab in GitLab CI (CI_PROJECT_ID, CI_API_V4_URL)."
);

// src/config/schema.ts
var API_VERSION = "gitcanary.dev/v1alpha1";
var SCHEMA_ID = "https://gitcanary.dev/schema/gitcanary.schema.json";
var exactlyOne = (value) => Object.values(value).filter((field) => field !== void 0).length === 1;
var listKeys = (keys) => keys.length === 0 ? "(none registered)" : keys.join(", ");
function targetBlockSchema(family, targets, exact) {
  const keys = targets.map((target) => target.key);
  const noun = family === "workload" ? "workload target" : "traffic router";
  const shape = Object.fromEntries(
    targets.map((target) => [target.key, target.configSchema.optional()])
  );
  return external_exports.strictObject(shape, {
    error: (issue) => issue.code === "unrecognized_keys" ? `unknown ${noun} ${issue.keys.map((key2) => `\`${key2}\``).join(", ")}; known: ${listKeys(keys)}` : void 0
  }).refine(
    (block) => exact ? exactlyOne(block) : Object.values(block).some((field) => field !== void 0),
    {
      message: `${exact ? "set exactly one" : "set at least one"} ${noun}: ${listKeys(keys)}`
    }
  ).meta(exact ? { minProperties: 1, maxProperties: 1 } : { minProperties: 1 });
}
var metadataSchema = external_exports.strictObject({
  name: external_exports.string().regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    "a name is lowercase letters, digits and dashes (DNS-1123 label)"
  ).max(63).describe("Release name: in commit trailers, reports and gate templates."),
  namespace: dns1123Label.default("default").describe("Namespace for gate templates and webhook payloads.")
});
var signingSchema = external_exports.strictObject({
  format: external_exports.enum(["ssh", "openpgp", "x509"]).default("ssh").describe("git's gpg.format: ssh (ssh-keygen), openpgp (gpg) or x509 (gpgsm)."),
  key: singleLine.min(1).optional().describe(
    "git's user.signingkey: an ssh key file (or key::<public key> with an agent), or a gpg key id."
  ),
  keyEnv: envVarName.optional().describe(
    "Environment variable holding the key (a path or id as for key), or an ssh private key itself."
  )
}).refine((signing) => signing.key === void 0 !== (signing.keyEnv === void 0), {
  message: "set exactly one of key or keyEnv"
}).describe("Sign every commit, as git does with commit.gpgsign.");
var gitSchema = external_exports.strictObject({
  repo: gitRepository.describe("GitOps repository: a URL, or a path relative to this file."),
  branch: gitBranchName.default("main"),
  author: external_exports.strictObject({ name: singleLine.min(1), email: external_exports.email() }).optional().describe("Commit author."),
  tokenEnv: envVarName.optional().describe("Environment variable holding the push token, e.g. GITHUB_TOKEN."),
  signing: signingSchema.optional()
});
var releaseSyncSchema = external_exports.strictObject({
  argocd: argocdSyncSchema.optional(),
  flux: fluxSyncSchema.optional(),
  delay: durationSchema.optional().describe("Fixed wait, when no reconciler can be asked.")
}).refine(exactlyOne, { message: "set exactly one of argocd, flux or delay" }).meta({ minProperties: 1, maxProperties: 1 }).describe("Waited after every commit: the reconciler applied that commit.");
var optionsSchema = external_exports.strictObject({
  // Flagger restarts the analysis when the target changes mid-release; superseding does the same.
  supersede: external_exports.boolean().default(true).describe("A new candidate image restarts a release under way."),
  maxPushAttempts: external_exports.number().int().min(1).default(5).describe("Pushes tried when the branch moved.")
});
function releaseSchema(targets) {
  const workload = targets.filter((target) => target.family === "workload");
  const traffic = targets.filter((target) => target.family === "traffic");
  const specSchema = external_exports.strictObject({
    git: gitSchema,
    workload: targetBlockSchema("workload", workload, false).describe("Where the candidate image goes."),
    stable: targetBlockSchema("workload", workload, false).optional().describe("Where the image goes on promotion (Flagger-style primary)."),
    baseline: targetBlockSchema("workload", workload, false).optional().describe(
      "A fresh copy of stable for the judge to compare the canary with: the stable image at the canary's scale while a release runs, scaled to 0 after it."
    ),
    traffic: external_exports.array(targetBlockSchema("traffic", traffic, true)).default([]).describe("Traffic routers, each a single-key object."),
    steps: external_exports.array(stepSchema).min(1).optional().describe("Argo Rollouts canary steps."),
    backgroundAnalysis: backgroundAnalysisSchema.optional(),
    analysis: flaggerAnalysisSchema.optional(),
    gates: external_exports.record(external_exports.string().min(1), gateConfigSchema).default({}).describe("Gates by name, referenced from analysis steps."),
    sync: releaseSyncSchema.optional(),
    notifications: notificationsSchema.optional(),
    promotion: promotionSchema.optional(),
    forge: forgeSchema.optional(),
    options: optionsSchema.default({ supersede: true, maxPushAttempts: 5 })
  }).meta({ oneOf: [{ required: ["steps"] }, { required: ["analysis"] }] });
  return external_exports.strictObject({
    apiVersion: external_exports.literal(API_VERSION),
    kind: external_exports.literal("Release"),
    metadata: metadataSchema,
    spec: specSchema
  }).superRefine((config, ctx) => {
    for (const issue of crossFieldIssues(config.spec, targets)) ctx.addIssue({ code: "custom", ...issue });
  }).meta({
    $id: SCHEMA_ID,
    title: "gitcanary release",
    description: "A canary release driven through Git."
  });
}
function defaultReleaseSchema() {
  return releaseSchema(allTargets());
}
function crossFieldIssues(spec, targets) {
  const issues = [];
  const gateNames = Object.keys(spec.gates);
  const router = spec.traffic.map((block) => Object.keys(block)[0]).find((key2) => key2 !== void 0);
  const routers = trafficRouters(spec.traffic, targets);
  const context = { ...flaggerContext(spec.traffic, targets), stable: spec.stable !== void 0 };
  issues.push(...metricTemplateIssues(spec.gates, targets));
  if (spec.steps !== void 0) {
    issues.push(...routerStepIssues(spec.steps, routers, (index) => ["spec", "steps", index]));
  }
  const hasBaseline = spec.baseline !== void 0;
  issues.push(
    ...baselineIssues(spec.traffic, targets, hasBaseline, spec.steps, (index) => ["spec", "steps", index])
  );
  if (spec.steps !== void 0 && spec.analysis !== void 0) {
    issues.push({ path: ["spec", "analysis"], message: "set either steps or analysis, not both" });
  }
  if (spec.steps === void 0 && spec.analysis === void 0) {
    issues.push({ path: ["spec"], message: "set steps (Argo Rollouts) or analysis (Flagger)" });
  }
  if (spec.backgroundAnalysis !== void 0 && spec.steps === void 0) {
    issues.push({
      path: ["spec", "backgroundAnalysis"],
      message: "background analysis runs alongside spec.steps; set steps"
    });
  }
  spec.steps?.forEach((step, index) => {
    if (!("analysis" in step) || isTemplatesAnalysis(step.analysis)) return;
    step.analysis.gates.forEach((name, gateIndex) => {
      if (!gateNames.includes(name)) {
        issues.push({
          path: ["spec", "steps", index, "analysis", "gates", gateIndex],
          message: `gate \`${name}\` is not defined in spec.gates; defined: ${gateNames.join(", ") || "(none)"}`
        });
      }
    });
  });
  const promoteAt = spec.steps?.findIndex((step) => "promote" in step) ?? -1;
  spec.steps?.forEach((step, index) => {
    if (promoteAt < 0 || index <= promoteAt || "analysis" in step) return;
    issues.push({
      path: ["spec", "steps", index],
      message: `no step but analysis may follow promote (step ${promoteAt + 1}): the release ends there; move this step before it`
    });
  });
  const firstRouting = spec.steps?.findIndex(routesTraffic) ?? -1;
  if (router === void 0 && (firstRouting >= 0 || spec.analysis !== void 0)) {
    issues.push({
      path: firstRouting >= 0 ? ["spec", "steps", firstRouting] : ["spec", "analysis"],
      message: "moving traffic needs a traffic router in spec.traffic"
    });
  }
  if (spec.analysis !== void 0) {
    const flagger = flaggerIssues(spec.analysis, context);
    for (const issue of flagger) {
      issues.push({ path: ["spec", "analysis", ...issue.path], message: issue.message });
    }
    if (flagger.length === 0) {
      const { steps } = expandFlaggerAnalysis(spec.analysis, context);
      for (const issue of routerStepIssues(steps, routers, () => [])) {
        const field = issue.path[0] === "setMirrorRoute" ? "mirror" : "match";
        issues.push({ path: ["spec", "analysis", field], message: issue.message });
      }
      const [overweight] = baselineIssues(spec.traffic, targets, true, steps, () => []);
      if (overweight !== void 0) {
        const field = spec.analysis.stepWeights !== void 0 ? "stepWeights" : "maxWeight";
        issues.push({ path: ["spec", "analysis", field], message: overweight.message });
      }
    }
    const generated = [
      ...(spec.analysis.metrics ?? []).map((metric) => metric.name),
      ...(spec.analysis.webhooks ?? []).map((webhook) => webhook.name)
    ];
    for (const name of generated.filter((name2) => gateNames.includes(name2))) {
      issues.push({
        path: ["spec", "gates", name],
        message: `gate \`${name}\` is also a metric or webhook in spec.analysis; rename one`
      });
    }
  }
  issues.push(...notificationIssues(spec.notifications, spec.analysis?.alerts));
  return issues;
}

// src/config/load.ts
var MAX_CONFIG_BYTES = 1024 * 1024;
async function loadConfig(file, options = {}) {
  const text = await readConfigFile(file);
  return parseConfig(text, file, options);
}
async function readConfigFile(file) {
  const refuse = (message, hint, cause) => new GitcanaryError("CONFIG_INVALID", message, { file, hint, cause });
  const link = await lstat(file).catch(() => void 0);
  const target = await stat(file).catch((error) => error);
  if (target instanceof Error) {
    if (link?.isSymbolicLink() && target.code === "ENOENT") {
      const to = await readlink(file).catch(() => "?");
      throw refuse(
        `the config file is a symlink to ${to}, which does not exist`,
        "point it at the config file",
        target
      );
    }
    if (target.code === "ELOOP")
      throw refuse("the config file is a symlink loop", "point it at the config file", target);
    if (target.code === "ENOENT" || target.code === "ENOTDIR") {
      throw new GitcanaryError("CONFIG_NOT_FOUND", "config file not found", {
        file,
        hint: "create gitcanary.yaml (see fixtures/config/) or pass its path",
        cause: target
      });
    }
    throw refuse(
      `cannot read the config file (${target.code ?? target.message})`,
      "check its permissions",
      target
    );
  }
  if (target.isDirectory()) {
    throw refuse(
      "--config names a folder, not a file",
      `pass the file, e.g. ${path.join(file, "gitcanary.yaml")}`
    );
  }
  if (!target.isFile()) throw refuse("the config is not a regular file", "pass the config file itself");
  if (target.size > MAX_CONFIG_BYTES) {
    throw refuse(
      `the config file is ${target.size} bytes; a release config is at most ${MAX_CONFIG_BYTES}`,
      "pass the release config, not another file"
    );
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw refuse(
      `cannot read the config file (${error.code ?? String(error)})`,
      "check its permissions",
      error
    );
  }
}
function parseConfig(text, file, options = {}) {
  const lineCounter = new import_yaml.LineCounter();
  const docs = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false });
  const documents = Array.isArray(docs) ? docs : [];
  const doc = documents[0];
  if (doc === void 0 || doc.contents === null) {
    throw new GitcanaryError("CONFIG_INVALID", "the config file holds no document", { file });
  }
  const syntaxError2 = documents.flatMap((document) => document.errors)[0];
  if (syntaxError2 !== void 0) {
    const at = lineCounter.linePos(syntaxError2.pos[0]);
    throw new GitcanaryError("YAML_INVALID", syntaxError2.message.split("\n")[0] ?? "invalid YAML", {
      file,
      line: at.line,
      column: at.col
    });
  }
  if (documents.length > 1) {
    const at = lineCounter.linePos(documents[1]?.range[0] ?? 0);
    throw new GitcanaryError("CONFIG_INVALID", "expected one YAML document, found several", {
      file,
      line: at.line,
      column: at.col
    });
  }
  let input;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new GitcanaryError("YAML_ALIAS_LIMIT", "too many alias expansions in the config", {
      file,
      cause: error
    });
  }
  const schema = options.targets === void 0 ? defaultReleaseSchema() : releaseSchema(options.targets);
  const result = schema.safeParse(input);
  if (!result.success) throw configError(file, doc, lineCounter, result.error.issues);
  const dir = path.dirname(path.resolve(file));
  const config = result.data;
  const gateIssue = gateBuildIssue(config);
  if (gateIssue !== void 0) {
    const { error, at } = gateIssue;
    const placed = placeIssue(
      { code: "custom", path: at, message: error.message, input: void 0 },
      doc,
      lineCounter
    );
    throw new GitcanaryError(error.code, error.message, {
      file,
      line: placed.line,
      column: placed.column,
      field: fieldPath(at),
      hint: error.hint,
      cause: error
    });
  }
  const repo = isRemoteRepo(config.spec.git.repo) ? config.spec.git.repo : path.resolve(dir, config.spec.git.repo);
  return { config: { ...config, spec: { ...config.spec, git: { ...config.spec.git, repo } } }, file, dir };
}
function isRemoteRepo(repo) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[\w.-]+@[\w.-]+:/.test(repo);
}
function gateBuildIssue(config) {
  const { spec } = config;
  const analysis = spec.analysis;
  const gates = planRelease(config).gates;
  const attempts = Object.entries(gates).map(([name, gate]) => {
    const metric = analysis?.metrics?.findIndex((m) => m.name === name) ?? -1;
    const webhook = analysis?.webhooks?.findIndex((w) => w.name === name) ?? -1;
    const at = name in spec.gates ? ["spec", "gates", name] : metric >= 0 ? ["spec", "analysis", "metrics", metric] : ["spec", "analysis", "webhooks", Math.max(webhook, 0)];
    return { at, build: () => createGate(name, gate) };
  });
  if (spec.sync?.argocd !== void 0 || spec.sync?.flux !== void 0) {
    const { delay: _delay, ...sync } = spec.sync;
    attempts.push({ at: ["spec"], build: () => createGate("sync", { sync }) });
  }
  for (const { at, build } of attempts) {
    try {
      build();
    } catch (error) {
      if (!(error instanceof GitcanaryError)) throw error;
      const inner = error.place.field?.replace(/^spec\.gates\.[^.]+\./, "") ?? "";
      const fromGate = at[1] === "gates" || at[0] === "spec" && at.length === 1;
      const field = fromGate && inner !== "" ? inner.split(".") : [];
      return { error, at: [...at, ...field] };
    }
  }
  return void 0;
}
function configError(file, doc, lineCounter, zodIssues) {
  const issues = dedupe(zodIssues.flatMap(bestIssues)).map((issue) => placeIssue(issue, doc, lineCounter));
  const [first, ...rest] = issues;
  const more = rest.map(
    (issue) => `
  ${file}:${issue.line ?? "?"}:${issue.column ?? "?"}: ${issue.field}: ${issue.message}`
  );
  return new GitcanaryError(
    "CONFIG_INVALID",
    `${first?.message ?? "invalid config"}${more.length > 0 ? `
  and ${more.length} more:${more.join("")}` : ""}`,
    {
      file,
      line: first?.line,
      column: first?.column,
      field: first?.field,
      hint: "the JSON Schema schema/gitcanary.schema.json lists every field",
      cause: issues
    }
  );
}
function bestIssues(issue) {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
  const depth = (branch) => Math.max(...branch.map((inner) => inner.path.length));
  const best = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0] ?? [];
  const ordered2 = [...best].sort(
    (a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys")
  );
  return ordered2.flatMap((inner) => bestIssues({ ...inner, path: [...issue.path, ...inner.path] }));
}
function dedupe(issues) {
  const unknownAt = new Set(
    issues.filter((issue) => issue.code === "unrecognized_keys").map((issue) => key(issue.path))
  );
  return issues.filter((issue) => issue.code !== "custom" || !unknownAt.has(key(issue.path)));
}
var key = (issuePath) => JSON.stringify(issuePath.map(String));
function placeIssue(issue, doc, lineCounter) {
  const issuePath = issue.path.filter((part) => typeof part !== "symbol");
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : void 0;
  const fullPath = unknownKey === void 0 ? issuePath : [...issuePath, unknownKey];
  const { node, found, isKey } = deepestNode(doc, fullPath, unknownKey !== void 0);
  let message = issue.message;
  if (found && !isKey && (0, import_yaml.isScalar)(node) && !message.includes(`\`${String(node.value)}\``)) {
    message += `; got ${JSON.stringify(node.toJSON())}`;
  }
  if (!found && issue.code === "invalid_type" && issue.input === void 0) {
    message = `\`${String(issuePath.at(-1))}\` is required`;
  }
  const offset = node?.range?.[0];
  const at = offset === void 0 ? void 0 : lineCounter.linePos(offset);
  return { message, field: fieldPath(fullPath) || "(root)", line: at?.line, column: at?.col };
}
function deepestNode(doc, issuePath, preferKey) {
  let current = doc.contents;
  let keyNode;
  for (let depth = 0; depth < issuePath.length; depth++) {
    const part = issuePath[depth];
    const pair = (0, import_yaml.isMap)(current) ? current.items.find((item) => (0, import_yaml.isScalar)(item.key) && item.key.value === part) : void 0;
    const next = (0, import_yaml.isMap)(current) ? pair?.value : current?.get?.(part, true);
    const isLast = depth === issuePath.length - 1;
    if ((0, import_yaml.isPair)(pair) && isLast && (preferKey || next === null || next === void 0 || !(0, import_yaml.isScalar)(next))) {
      return { node: pair.key, found: true, isKey: true };
    }
    if (next === void 0 || next === null) {
      return { node: keyNode ?? current, found: false, isKey: keyNode !== void 0 };
    }
    keyNode = (0, import_yaml.isPair)(pair) ? pair.key : next;
    current = next;
  }
  return { node: current, found: true, isKey: false };
}

// src/config/warnings.ts
function configWarnings(config, env) {
  const warnings = [];
  const { tokenEnv } = config.spec.git;
  if (tokenEnv !== void 0 && (env[tokenEnv] ?? "") === "") {
    warnings.push({
      field: "spec.git.tokenEnv",
      message: `${tokenEnv} is not set: git will fetch and push without a token`
    });
  }
  const argocdToken = config.spec.sync?.argocd?.tokenEnv;
  if (argocdToken !== void 0 && (env[argocdToken] ?? "") === "") {
    warnings.push({
      field: "spec.sync.argocd.tokenEnv",
      message: `${argocdToken} is not set: the sync gate will fail after the first commit`
    });
  }
  for (const [name, gate] of Object.entries(config.spec.gates)) {
    const kind = "prometheus" in gate ? "prometheus" : "http" in gate ? "http" : void 0;
    const variable = "prometheus" in gate ? gate.prometheus.bearerTokenEnv : "http" in gate ? gate.http.bearerTokenEnv : void 0;
    if (kind === void 0 || variable === void 0 || (env[variable] ?? "") !== "") continue;
    warnings.push({
      field: `spec.gates.${name}.${kind}.bearerTokenEnv`,
      message: `${variable} is not set: the gate asks without a token`
    });
  }
  warnings.push(...weightWarnings(config));
  return warnings;
}
function weightWarnings(config) {
  const warnings = [];
  let previous;
  for (const [index, step] of (config.spec.steps ?? []).entries()) {
    if ("promote" in step) break;
    if (!("setWeight" in step)) continue;
    if (previous !== void 0 && step.setWeight < previous.weight) {
      warnings.push({
        field: fieldPath(["spec", "steps", index, "setWeight"]),
        message: `weight ${step.setWeight} after ${previous.weight} (step ${previous.index + 1}): traffic goes back to stable before promotion`
      });
    }
    previous = { weight: step.setWeight, index };
  }
  return warnings;
}
function imageWarning(current, candidate) {
  if (current === void 0) return void 0;
  const repository = (image) => image.replace(/@.*$/, "").replace(/:[^/:]*$/, "");
  if (repository(current) === repository(candidate)) return void 0;
  return {
    field: "--image",
    message: `${candidate} is not from ${repository(current)}, the repository the canary runs now`
  };
}

export {
  flaggerIssues,
  fromFlaggerCanary,
  API_VERSION,
  secretEnvName,
  resolveRun,
  postJson,
  webhookFiresAt,
  eventPayload,
  flaggerAccepts,
  callWebhook,
  createGate,
  checkGates,
  planRelease,
  loadConfig,
  parseConfig,
  configWarnings,
  imageWarning
};
