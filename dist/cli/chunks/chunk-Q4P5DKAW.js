import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  describeDoc,
  toPlain
} from "./chunk-XJFDB2OJ.js";
import {
  analysisTemplateSchema,
  metricSchema,
  parseDuration,
  prometheusProviderSchema,
  webProviderSchema
} from "./chunk-RQCOFY3H.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  registerSecret
} from "./chunk-K7FAASV6.js";

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
  const key = n.computed ? evaluate(n.property, scope) : String(n.property.name);
  if (Array.isArray(object)) {
    if (typeof key !== "number" || !Number.isInteger(key))
      throw new Error(`cannot index an array with ${show(key)}`);
    const index = key < 0 ? object.length + key : key;
    if (index < 0 || index >= object.length) {
      throw new Error(`index out of range: ${key} (array length is ${object.length})`);
    }
    return object[index];
  }
  if (isRecord(object)) {
    return Object.hasOwn(object, String(key)) ? object[String(key)] : null;
  }
  if (typeof object === "string" && typeof key === "number") {
    const index = key < 0 ? object.length + key : key;
    if (index < 0 || index >= object.length) throw new Error(`index out of range: ${key}`);
    return object[index];
  }
  throw new Error(`cannot fetch ${show(key)} from ${typeName(object)}`);
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
  if (isRecord(collection)) return typeof item === "string" && Object.hasOwn(collection, item);
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
      if (isRecord(value)) return Object.keys(value).length;
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
function isRecord(value) {
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
function secretEnvName(name, key) {
  const part = (text) => text.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
  return `GITCANARY_SECRET_${part(name)}_${part(key)}`;
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
function resolveFieldRef(argName, fieldPath, tree, object) {
  const field = `args.${argName}.valueFrom.fieldRef`;
  if (object === void 0) {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      `args.${argName} reads ${fieldPath} of the Rollout, and the release has no Rollout workload`,
      {
        field,
        hint: "pass the value instead, or make spec.workload a rollout"
      }
    );
  }
  if (/^status\b/.test(fieldPath)) {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      `args.${argName} reads ${fieldPath}: a Rollout's status is not in Git`,
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
  for (const segment of parseFieldPath(fieldPath, field)) {
    value = value !== null && typeof value === "object" ? value[segment] : void 0;
  }
  if (value === void 0 || value === null || typeof value === "object") {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      `args.${argName}: ${fieldPath} of ${describeDoc(doc)} is ${value === void 0 || value === null ? "not set" : "not a single value"}`,
      {
        file: doc.file,
        resource: describeDoc(doc),
        field
      }
    );
  }
  return String(value);
}
function parseFieldPath(fieldPath, field) {
  const segments = [];
  const pattern = /\.?([A-Za-z0-9_-]+)|\[(?:'([^']*)'|"([^"]*)"|(\d+))\]/gy;
  let match;
  let end = 0;
  while ((match = pattern.exec(fieldPath)) !== null) {
    end = pattern.lastIndex;
    if (match[1] !== void 0) segments.push(match[1]);
    else if (match[4] !== void 0) segments.push(Number(match[4]));
    else segments.push(match[2] ?? match[3] ?? "");
  }
  if (end !== fieldPath.length || segments.length === 0) {
    throw new GitcanaryError("CONFIG_INVALID", `cannot read fieldPath ${JSON.stringify(fieldPath)}`, {
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
  return tree.paths().filter((path) => path.startsWith(prefix));
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
      Object.entries(value).map(([key, item]) => [key, substituteArgs(item, args, place)])
    );
  }
  return value;
}
function invalid(message, place, path = [], hint) {
  const suffix = path.map((part) => typeof part === "number" ? `[${part}]` : `.${String(part)}`).join("");
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
  const condition = (key) => {
    const text = metric[key];
    return text === void 0 || text === "" ? void 0 : compileCondition(text, `${place.field}.${key}`);
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

export {
  ERROR_RETRY_INTERVAL_MS,
  secretEnvName,
  resolveRun
};
