import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  MAX_WEIGHT_WITH_BASELINE,
  allTargets,
  capabilityIssue
} from "./chunk-YODJ4H45.js";
import {
  describeDoc,
  loadTree,
  require_dist,
  toPlain
} from "./chunk-IIDQP2VW.js";
import {
  classifyMetric,
  formatJudgment,
  formatScore,
  formatThresholds,
  scoreMetrics,
  scoreVerdict
} from "./chunk-D5ES77OW.js";
import {
  DEFAULT_GROUP,
  MAX_JUDGE_SAMPLES,
  analysisTemplateSchema,
  argoAnalysisConfigSchema,
  argocdSyncSchema,
  commandConfigSchema,
  durationSchema,
  errorText,
  fluxSyncSchema,
  formatPromDuration,
  gateConfigSchema,
  httpConfigSchema,
  judgeConfigSchema,
  metricSchema,
  metricTemplateConfigSchema,
  parseDuration,
  parseGateConfig,
  pollUntilDecided,
  prometheusConfigSchema,
  prometheusProviderSchema,
  requestSignal,
  rolloutAnalysisFields,
  sameCommit,
  shortCommit,
  stateWithReason,
  timeoutSignal,
  webProviderSchema,
  webhookConfigSchema
} from "./chunk-KYXKYTL7.js";
import {
  dns1123Label,
  dns1123Subdomain,
  envVarName,
  external_exports,
  gitBranchName,
  gitRepository,
  httpHeaderName,
  httpHeaderValue,
  regexPattern,
  singleLine
} from "./chunk-LLT2LQ4I.js";
import {
  AbortError,
  DEFAULT_RETRY_POLICY,
  TransientAnswer,
  isTransientHttpFailure,
  isTransientStatus,
  pRetry,
  systemClock,
  withRetries
} from "./chunk-EJIRL6LF.js";
import {
  GitcanaryError,
  fieldPath,
  isGitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets,
  registerSecret,
  secretFromEnv
} from "./chunk-K7FAASV6.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-ZXCS2I6Q.js";

// node_modules/handlebars/dist/cjs/handlebars/utils.js
var require_utils = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/utils.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.extend = extend;
    exports.indexOf = indexOf;
    exports.escapeExpression = escapeExpression;
    exports.isEmpty = isEmpty;
    exports.createFrame = createFrame;
    exports.blockParams = blockParams;
    exports.appendContextPath = appendContextPath;
    var escape = {
      "&": "&amp;",
      "<": "&lt;",
      ">": "&gt;",
      '"': "&quot;",
      "'": "&#x27;",
      "`": "&#x60;",
      "=": "&#x3D;"
    };
    var badChars = /[&<>"'`=]/g;
    var possible = /[&<>"'`=]/;
    function escapeChar(chr) {
      return escape[chr];
    }
    function extend(obj) {
      for (var i = 1; i < arguments.length; i++) {
        for (var key2 in arguments[i]) {
          if (Object.prototype.hasOwnProperty.call(arguments[i], key2)) {
            obj[key2] = arguments[i][key2];
          }
        }
      }
      return obj;
    }
    var toString = Object.prototype.toString;
    exports.toString = toString;
    var isFunction = function isFunction2(value) {
      return typeof value === "function";
    };
    if (isFunction(/x/)) {
      exports.isFunction = isFunction = function(value) {
        return typeof value === "function" && toString.call(value) === "[object Function]";
      };
    }
    exports.isFunction = isFunction;
    var isArray = Array.isArray || function(value) {
      return value && typeof value === "object" ? toString.call(value) === "[object Array]" : false;
    };
    exports.isArray = isArray;
    function indexOf(array, value) {
      for (var i = 0, len = array.length; i < len; i++) {
        if (array[i] === value) {
          return i;
        }
      }
      return -1;
    }
    function escapeExpression(string) {
      if (typeof string !== "string") {
        if (string && typeof string.toHTML === "function") {
          return string.toHTML();
        } else if (string == null) {
          return "";
        } else if (!string) {
          return string + "";
        }
        string = "" + string;
      }
      if (!possible.test(string)) {
        return string;
      }
      return string.replace(badChars, escapeChar);
    }
    function isEmpty(value) {
      if (!value && value !== 0) {
        return true;
      } else if (isArray(value) && value.length === 0) {
        return true;
      } else {
        return false;
      }
    }
    function createFrame(object) {
      var frame = extend({}, object);
      frame._parent = object;
      return frame;
    }
    function blockParams(params, ids) {
      params.path = ids;
      return params;
    }
    function appendContextPath(contextPath, id) {
      return (contextPath ? contextPath + "." : "") + id;
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/exception.js
var require_exception = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/exception.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var errorProps = ["description", "fileName", "lineNumber", "endLineNumber", "message", "name", "number", "stack"];
    function Exception(message, node) {
      var loc = node && node.loc, line = void 0, endLineNumber = void 0, column = void 0, endColumn = void 0;
      if (loc && loc.start) {
        line = loc.start.line;
        column = loc.start.column;
        if (loc.end) {
          endLineNumber = loc.end.line;
          endColumn = loc.end.column;
        }
        message += " - " + line + ":" + column;
      }
      var tmp = Error.prototype.constructor.call(this, message);
      for (var idx = 0; idx < errorProps.length; idx++) {
        this[errorProps[idx]] = tmp[errorProps[idx]];
      }
      if (Error.captureStackTrace) {
        Error.captureStackTrace(this, Exception);
      }
      try {
        if (loc) {
          this.lineNumber = line;
          this.endLineNumber = endLineNumber;
          if (Object.defineProperty) {
            Object.defineProperty(this, "column", {
              value: column,
              enumerable: true
            });
            Object.defineProperty(this, "endColumn", {
              value: endColumn,
              enumerable: true
            });
          } else {
            this.column = column;
            this.endColumn = endColumn;
          }
        }
      } catch (nop) {
      }
    }
    Exception.prototype = new Error();
    exports["default"] = Exception;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/block-helper-missing.js
var require_block_helper_missing = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/block-helper-missing.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var _utils = require_utils();
    exports["default"] = function(instance) {
      instance.registerHelper("blockHelperMissing", function(context, options) {
        var inverse = options.inverse, fn = options.fn;
        if (context === true) {
          return fn(this);
        } else if (context === false || context == null) {
          return inverse(this);
        } else if (_utils.isArray(context)) {
          if (context.length > 0) {
            if (options.ids) {
              options.ids = [options.name];
            }
            return instance.helpers.each(context, options);
          } else {
            return inverse(this);
          }
        } else {
          if (options.data && options.ids) {
            var data = _utils.createFrame(options.data);
            data.contextPath = _utils.appendContextPath(options.data.contextPath, options.name);
            options = { data };
          }
          return fn(context, options);
        }
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/each.js
var require_each = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/each.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    function closeIterator(iterator) {
      try {
        var _close = iterator["return"];
        if (_utils.isFunction(_close)) {
          _close.call(iterator);
        }
      } catch (closeError) {
      }
    }
    exports["default"] = function(instance) {
      instance.registerHelper("each", function(context, options) {
        if (!options) {
          throw new _exception2["default"]("Must pass iterator to #each");
        }
        var fn = options.fn, inverse = options.inverse, i = 0, ret = "", data = void 0, contextPath = void 0;
        if (options.data && options.ids) {
          contextPath = _utils.appendContextPath(options.data.contextPath, options.ids[0]) + ".";
        }
        if (_utils.isFunction(context)) {
          context = context.call(this);
        }
        if (options.data) {
          data = _utils.createFrame(options.data);
        }
        function execIteration(field, index, last, value) {
          if (data) {
            data.key = field;
            data.index = index;
            data.first = index === 0;
            data.last = !!last;
            if (contextPath) {
              data.contextPath = contextPath + field;
            }
          }
          ret = ret + fn(value, {
            data,
            blockParams: _utils.blockParams([value, field], [contextPath + field, null])
          });
        }
        if (context && typeof context === "object") {
          if (_utils.isArray(context)) {
            for (var j = context.length; i < j; i++) {
              if (i in context) {
                execIteration(i, i, i === context.length - 1, context[i]);
              }
            }
          } else if (typeof Symbol === "function" && context[Symbol.iterator]) {
            var iterator = context[Symbol.iterator]();
            var current = iterator.next();
            while (!current.done) {
              var next = iterator.next();
              try {
                execIteration(i, i, next.done, current.value);
              } catch (e) {
                if (!next.done) {
                  closeIterator(iterator);
                }
                throw e;
              }
              current = next;
              i++;
            }
          } else {
            (function() {
              var priorKey = void 0;
              Object.keys(context).forEach(function(key2) {
                if (priorKey !== void 0) {
                  execIteration(priorKey, i - 1, false, context[priorKey]);
                }
                priorKey = key2;
                i++;
              });
              if (priorKey !== void 0) {
                execIteration(priorKey, i - 1, true, context[priorKey]);
              }
            })();
          }
        }
        if (i === 0) {
          ret = inverse(this);
        }
        return ret;
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/helper-missing.js
var require_helper_missing = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/helper-missing.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    exports["default"] = function(instance) {
      instance.registerHelper("helperMissing", function() {
        if (arguments.length === 1) {
          return void 0;
        } else {
          throw new _exception2["default"]('Missing helper: "' + arguments[arguments.length - 1].name + '"');
        }
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/if.js
var require_if = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/if.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    exports["default"] = function(instance) {
      instance.registerHelper("if", function(conditional, options) {
        if (arguments.length != 2) {
          throw new _exception2["default"]("#if requires exactly one argument");
        }
        if (_utils.isFunction(conditional)) {
          conditional = conditional.call(this);
        }
        if (!options.hash.includeZero && !conditional || _utils.isEmpty(conditional)) {
          return options.inverse(this);
        } else {
          return options.fn(this);
        }
      });
      instance.registerHelper("unless", function(conditional, options) {
        if (arguments.length != 2) {
          throw new _exception2["default"]("#unless requires exactly one argument");
        }
        return instance.helpers["if"].call(this, conditional, {
          fn: options.inverse,
          inverse: options.fn,
          hash: options.hash
        });
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/log.js
var require_log = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/log.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    exports["default"] = function(instance) {
      instance.registerHelper("log", function() {
        var args = [void 0], options = arguments[arguments.length - 1];
        for (var i = 0; i < arguments.length - 1; i++) {
          args.push(arguments[i]);
        }
        var level = 1;
        if (options.hash.level != null) {
          level = options.hash.level;
        } else if (options.data && options.data.level != null) {
          level = options.data.level;
        }
        args[0] = level;
        instance.log.apply(instance, args);
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/lookup.js
var require_lookup = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/lookup.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    exports["default"] = function(instance) {
      instance.registerHelper("lookup", function(obj, field, options) {
        if (!obj) {
          return obj;
        }
        return options.lookupProperty(obj, field);
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers/with.js
var require_with = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers/with.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    exports["default"] = function(instance) {
      instance.registerHelper("with", function(context, options) {
        if (arguments.length != 2) {
          throw new _exception2["default"]("#with requires exactly one argument");
        }
        if (_utils.isFunction(context)) {
          context = context.call(this);
        }
        var fn = options.fn;
        if (!_utils.isEmpty(context)) {
          var data = options.data;
          if (options.data && options.ids) {
            data = _utils.createFrame(options.data);
            data.contextPath = _utils.appendContextPath(options.data.contextPath, options.ids[0]);
          }
          return fn(context, {
            data,
            blockParams: _utils.blockParams([context], [data && data.contextPath])
          });
        } else {
          return options.inverse(this);
        }
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/helpers.js
var require_helpers = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/helpers.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.registerDefaultHelpers = registerDefaultHelpers;
    exports.moveHelperToHooks = moveHelperToHooks;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _helpersBlockHelperMissing = require_block_helper_missing();
    var _helpersBlockHelperMissing2 = _interopRequireDefault(_helpersBlockHelperMissing);
    var _helpersEach = require_each();
    var _helpersEach2 = _interopRequireDefault(_helpersEach);
    var _helpersHelperMissing = require_helper_missing();
    var _helpersHelperMissing2 = _interopRequireDefault(_helpersHelperMissing);
    var _helpersIf = require_if();
    var _helpersIf2 = _interopRequireDefault(_helpersIf);
    var _helpersLog = require_log();
    var _helpersLog2 = _interopRequireDefault(_helpersLog);
    var _helpersLookup = require_lookup();
    var _helpersLookup2 = _interopRequireDefault(_helpersLookup);
    var _helpersWith = require_with();
    var _helpersWith2 = _interopRequireDefault(_helpersWith);
    function registerDefaultHelpers(instance) {
      _helpersBlockHelperMissing2["default"](instance);
      _helpersEach2["default"](instance);
      _helpersHelperMissing2["default"](instance);
      _helpersIf2["default"](instance);
      _helpersLog2["default"](instance);
      _helpersLookup2["default"](instance);
      _helpersWith2["default"](instance);
    }
    function moveHelperToHooks(instance, helperName, keepHelper) {
      if (instance.helpers[helperName]) {
        instance.hooks[helperName] = instance.helpers[helperName];
        if (!keepHelper) {
          instance.helpers[helperName] = void 0;
        }
      }
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/decorators/inline.js
var require_inline = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/decorators/inline.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var _utils = require_utils();
    exports["default"] = function(instance) {
      instance.registerDecorator("inline", function(fn, props, container, options) {
        var ret = fn;
        if (!props.partials) {
          props.partials = {};
          ret = function(context, options2) {
            var original = container.partials;
            container.partials = _utils.extend({}, original, props.partials);
            var ret2 = fn(context, options2);
            container.partials = original;
            return ret2;
          };
        }
        props.partials[options.args[0]] = options.fn;
        return ret;
      });
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/decorators.js
var require_decorators = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/decorators.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.registerDefaultDecorators = registerDefaultDecorators;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _decoratorsInline = require_inline();
    var _decoratorsInline2 = _interopRequireDefault(_decoratorsInline);
    function registerDefaultDecorators(instance) {
      _decoratorsInline2["default"](instance);
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/logger.js
var require_logger = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/logger.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var _utils = require_utils();
    var logger = {
      methodMap: ["debug", "info", "warn", "error"],
      level: "info",
      // Maps a given level value to the `methodMap` indexes above.
      lookupLevel: function lookupLevel(level) {
        if (typeof level === "string") {
          var levelMap = _utils.indexOf(logger.methodMap, level.toLowerCase());
          if (levelMap >= 0) {
            level = levelMap;
          } else {
            level = parseInt(level, 10);
          }
        }
        return level;
      },
      // Can be overridden in the host environment
      log: function log(level) {
        level = logger.lookupLevel(level);
        if (typeof console !== "undefined" && logger.lookupLevel(logger.level) <= level) {
          var method = logger.methodMap[level];
          if (!console[method]) {
            method = "log";
          }
          for (var _len = arguments.length, message = Array(_len > 1 ? _len - 1 : 0), _key = 1; _key < _len; _key++) {
            message[_key - 1] = arguments[_key];
          }
          console[method].apply(console, message);
        }
      }
    };
    exports["default"] = logger;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/internal/proto-access.js
var require_proto_access = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/internal/proto-access.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.createProtoAccessControl = createProtoAccessControl;
    exports.resultIsAllowed = resultIsAllowed;
    exports.isPrototypeConstructor = isPrototypeConstructor;
    exports.resetLoggedProperties = resetLoggedProperties;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _logger = require_logger();
    var _logger2 = _interopRequireDefault(_logger);
    var loggedProperties = /* @__PURE__ */ Object.create(null);
    function createProtoAccessControl(runtimeOptions) {
      var propertyWhiteList = /* @__PURE__ */ Object.create(null);
      propertyWhiteList["__proto__"] = false;
      _utils.extend(propertyWhiteList, runtimeOptions.allowedProtoProperties);
      var methodWhiteList = /* @__PURE__ */ Object.create(null);
      methodWhiteList["constructor"] = false;
      methodWhiteList["__defineGetter__"] = false;
      methodWhiteList["__defineSetter__"] = false;
      methodWhiteList["__lookupGetter__"] = false;
      methodWhiteList["__lookupSetter__"] = false;
      _utils.extend(methodWhiteList, runtimeOptions.allowedProtoMethods);
      return {
        properties: {
          whitelist: propertyWhiteList,
          defaultValue: runtimeOptions.allowProtoPropertiesByDefault
        },
        methods: {
          whitelist: methodWhiteList,
          defaultValue: runtimeOptions.allowProtoMethodsByDefault
        }
      };
    }
    function resultIsAllowed(result, protoAccessControl, propertyName) {
      if (typeof result === "function") {
        return checkWhiteList(protoAccessControl.methods, propertyName);
      } else {
        return checkWhiteList(protoAccessControl.properties, propertyName);
      }
    }
    function isPrototypeConstructor(parent, propertyName, result) {
      return propertyName === "constructor" && typeof result === "function" && parent === result.prototype;
    }
    function checkWhiteList(protoAccessControlForType, propertyName) {
      if (protoAccessControlForType.whitelist[propertyName] !== void 0) {
        return protoAccessControlForType.whitelist[propertyName] === true;
      }
      if (protoAccessControlForType.defaultValue !== void 0) {
        return protoAccessControlForType.defaultValue;
      }
      logUnexpecedPropertyAccessOnce(propertyName);
      return false;
    }
    function logUnexpecedPropertyAccessOnce(propertyName) {
      if (loggedProperties[propertyName] !== true) {
        loggedProperties[propertyName] = true;
        _logger2["default"].log("error", 'Handlebars: Access has been denied to resolve the property "' + propertyName + '" because it is not an "own property" of its parent.\nYou can add a runtime option to disable the check or this warning:\nSee https://handlebarsjs.com/api-reference/runtime-options.html#options-to-control-prototype-access for details');
      }
    }
    function resetLoggedProperties() {
      Object.keys(loggedProperties).forEach(function(propertyName) {
        delete loggedProperties[propertyName];
      });
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/base.js
var require_base = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/base.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.HandlebarsEnvironment = HandlebarsEnvironment;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _utils = require_utils();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _helpers = require_helpers();
    var _decorators = require_decorators();
    var _logger = require_logger();
    var _logger2 = _interopRequireDefault(_logger);
    var _internalProtoAccess = require_proto_access();
    var VERSION = "4.7.10";
    exports.VERSION = VERSION;
    var COMPILER_REVISION = 8;
    exports.COMPILER_REVISION = COMPILER_REVISION;
    var LAST_COMPATIBLE_COMPILER_REVISION = 7;
    exports.LAST_COMPATIBLE_COMPILER_REVISION = LAST_COMPATIBLE_COMPILER_REVISION;
    var REVISION_CHANGES = {
      1: "<= 1.0.rc.2",
      // 1.0.rc.2 is actually rev2 but doesn't report it
      2: "== 1.0.0-rc.3",
      3: "== 1.0.0-rc.4",
      4: "== 1.x.x",
      5: "== 2.0.0-alpha.x",
      6: ">= 2.0.0-beta.1",
      7: ">= 4.0.0 <4.3.0",
      8: ">= 4.3.0"
    };
    exports.REVISION_CHANGES = REVISION_CHANGES;
    var objectType = "[object Object]";
    function HandlebarsEnvironment(helpers, partials, decorators) {
      this.helpers = helpers || {};
      this.partials = partials || {};
      this.decorators = decorators || {};
      _helpers.registerDefaultHelpers(this);
      _decorators.registerDefaultDecorators(this);
    }
    HandlebarsEnvironment.prototype = {
      constructor: HandlebarsEnvironment,
      logger: _logger2["default"],
      log: _logger2["default"].log,
      registerHelper: function registerHelper(name, fn) {
        if (_utils.toString.call(name) === objectType) {
          if (fn) {
            throw new _exception2["default"]("Arg not supported with multiple helpers");
          }
          _utils.extend(this.helpers, name);
        } else {
          this.helpers[name] = fn;
        }
      },
      unregisterHelper: function unregisterHelper(name) {
        delete this.helpers[name];
      },
      registerPartial: function registerPartial(name, partial) {
        if (_utils.toString.call(name) === objectType) {
          _utils.extend(this.partials, name);
        } else {
          if (typeof partial === "undefined") {
            throw new _exception2["default"]('Attempting to register a partial called "' + name + '" as undefined');
          }
          this.partials[name] = partial;
        }
      },
      unregisterPartial: function unregisterPartial(name) {
        delete this.partials[name];
      },
      registerDecorator: function registerDecorator(name, fn) {
        if (_utils.toString.call(name) === objectType) {
          if (fn) {
            throw new _exception2["default"]("Arg not supported with multiple decorators");
          }
          _utils.extend(this.decorators, name);
        } else {
          this.decorators[name] = fn;
        }
      },
      unregisterDecorator: function unregisterDecorator(name) {
        delete this.decorators[name];
      },
      /**
       * Reset the memory of illegal property accesses that have already been logged.
       * @deprecated should only be used in handlebars test-cases
       */
      resetLoggedPropertyAccesses: function resetLoggedPropertyAccesses() {
        _internalProtoAccess.resetLoggedProperties();
      }
    };
    var log = _logger2["default"].log;
    exports.log = log;
    exports.createFrame = _utils.createFrame;
    exports.logger = _logger2["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/safe-string.js
var require_safe_string = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/safe-string.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function SafeString(string) {
      this.string = string;
    }
    SafeString.prototype.toString = SafeString.prototype.toHTML = function() {
      return "" + this.string;
    };
    exports["default"] = SafeString;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/internal/wrapHelper.js
var require_wrapHelper = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/internal/wrapHelper.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.wrapHelper = wrapHelper;
    function wrapHelper(helper, transformOptionsFn) {
      if (typeof helper !== "function") {
        return helper;
      }
      var wrapper = function wrapper2() {
        var options = arguments[arguments.length - 1];
        arguments[arguments.length - 1] = transformOptionsFn(options);
        return helper.apply(this, arguments);
      };
      return wrapper;
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/runtime.js
var require_runtime = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/runtime.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.checkRevision = checkRevision;
    exports.template = template;
    exports.wrapProgram = wrapProgram;
    exports.resolvePartial = resolvePartial;
    exports.invokePartial = invokePartial;
    exports.noop = noop;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    function _interopRequireWildcard(obj) {
      if (obj && obj.__esModule) {
        return obj;
      } else {
        var newObj = {};
        if (obj != null) {
          for (var key2 in obj) {
            if (Object.prototype.hasOwnProperty.call(obj, key2)) newObj[key2] = obj[key2];
          }
        }
        newObj["default"] = obj;
        return newObj;
      }
    }
    var _utils = require_utils();
    var Utils = _interopRequireWildcard(_utils);
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _base = require_base();
    var _helpers = require_helpers();
    var _internalWrapHelper = require_wrapHelper();
    var _internalProtoAccess = require_proto_access();
    function checkRevision(compilerInfo) {
      var compilerRevision = compilerInfo && compilerInfo[0] || 1, currentRevision = _base.COMPILER_REVISION;
      if (compilerRevision >= _base.LAST_COMPATIBLE_COMPILER_REVISION && compilerRevision <= _base.COMPILER_REVISION) {
        return;
      }
      if (compilerRevision < _base.LAST_COMPATIBLE_COMPILER_REVISION) {
        var runtimeVersions = _base.REVISION_CHANGES[currentRevision], compilerVersions = _base.REVISION_CHANGES[compilerRevision];
        throw new _exception2["default"]("Template was precompiled with an older version of Handlebars than the current runtime. Please update your precompiler to a newer version (" + runtimeVersions + ") or downgrade your runtime to an older version (" + compilerVersions + ").");
      } else {
        throw new _exception2["default"]("Template was precompiled with a newer version of Handlebars than the current runtime. Please update your runtime to a newer version (" + compilerInfo[1] + ").");
      }
    }
    function template(templateSpec, env) {
      if (!env) {
        throw new _exception2["default"]("No environment passed to template");
      }
      if (!templateSpec || !templateSpec.main) {
        throw new _exception2["default"]("Unknown template object: " + typeof templateSpec);
      }
      templateSpec.main.decorator = templateSpec.main_d;
      env.VM.checkRevision(templateSpec.compiler);
      var templateWasPrecompiledWithCompilerV7 = templateSpec.compiler && templateSpec.compiler[0] === 7;
      function invokePartialWrapper(partial, context, options) {
        if (options.hash) {
          context = Utils.extend({}, context, options.hash);
          if (options.ids) {
            options.ids[0] = true;
          }
        }
        partial = env.VM.resolvePartial.call(this, partial, context, options);
        options.hooks = this.hooks;
        options.protoAccessControl = this.protoAccessControl;
        var result = env.VM.invokePartial.call(this, partial, context, options);
        if (result == null && Utils.isFunction(partial)) {
          throw new _exception2["default"]("The partial " + options.name + " returned no output: partials must return a string");
        }
        if (result == null && env.compile) {
          if (typeof partial !== "string") {
            throw new _exception2["default"]("The partial " + options.name + " could not be compiled: partials must be strings or functions returning strings");
          }
          options.partials[options.name] = env.compile(partial, templateSpec.compilerOptions, env);
          result = options.partials[options.name](context, options);
        }
        if (result != null) {
          if (options.indent) {
            var lines = result.split("\n");
            for (var i = 0, l = lines.length; i < l; i++) {
              if (!lines[i] && i + 1 === l) {
                break;
              }
              lines[i] = options.indent + lines[i];
            }
            result = lines.join("\n");
          }
          return result;
        } else {
          throw new _exception2["default"]("The partial " + options.name + " could not be compiled when running in runtime-only mode");
        }
      }
      var container = {
        strict: function strict(obj, name, loc) {
          if (!obj || !(name in obj)) {
            throw new _exception2["default"]('"' + name + '" not defined in ' + obj, {
              loc
            });
          }
          return container.lookupProperty(obj, name);
        },
        lookupProperty: function lookupProperty(parent, propertyName) {
          var result = parent[propertyName];
          if (result == null) {
            return result;
          }
          if (Object.prototype.hasOwnProperty.call(parent, propertyName) && !_internalProtoAccess.isPrototypeConstructor(parent, propertyName, result)) {
            return result;
          }
          if (_internalProtoAccess.resultIsAllowed(result, container.protoAccessControl, propertyName)) {
            return result;
          }
          return void 0;
        },
        lookup: function lookup(depths, name) {
          var len = depths.length;
          for (var i = 0; i < len; i++) {
            var result = depths[i] && container.lookupProperty(depths[i], name);
            if (result != null) {
              return result;
            }
          }
        },
        lambda: function lambda(current, context) {
          return typeof current === "function" ? current.call(context) : current;
        },
        escapeExpression: Utils.escapeExpression,
        invokePartial: invokePartialWrapper,
        fn: function fn(i) {
          var ret2 = templateSpec[i];
          ret2.decorator = templateSpec[i + "_d"];
          return ret2;
        },
        programs: [],
        program: function program(i, data, declaredBlockParams, blockParams, depths) {
          var programWrapper = this.programs[i], fn = this.fn(i);
          if (data || depths || blockParams || declaredBlockParams) {
            programWrapper = wrapProgram(this, i, fn, data, declaredBlockParams, blockParams, depths);
          } else if (!programWrapper) {
            programWrapper = this.programs[i] = wrapProgram(this, i, fn);
          }
          return programWrapper;
        },
        data: function data(value, depth) {
          while (value && depth--) {
            value = value._parent;
          }
          return value;
        },
        mergeIfNeeded: function mergeIfNeeded(param, common) {
          var obj = param || common;
          if (param && common && param !== common) {
            obj = Utils.extend({}, common, param);
          }
          return obj;
        },
        // An empty object to use as replacement for null-contexts
        nullContext: Object.seal({}),
        noop: env.VM.noop,
        compilerInfo: templateSpec.compiler
      };
      function ret(context) {
        var options = arguments.length <= 1 || arguments[1] === void 0 ? {} : arguments[1];
        var data = options.data;
        ret._setup(options);
        if (!options.partial && templateSpec.useData) {
          data = initData(context, data);
        }
        var depths = void 0, blockParams = templateSpec.useBlockParams ? [] : void 0;
        if (templateSpec.useDepths) {
          if (options.depths) {
            depths = context != options.depths[0] ? [context].concat(options.depths) : options.depths;
          } else {
            depths = [context];
          }
        }
        function main(context2) {
          return "" + templateSpec.main(container, context2, container.helpers, container.partials, data, blockParams, depths);
        }
        main = executeDecorators(templateSpec.main, main, container, options.depths || [], data, blockParams);
        return main(context, options);
      }
      ret.isTop = true;
      ret._setup = function(options) {
        if (!options.partial) {
          var mergedHelpers = {};
          addHelpers(mergedHelpers, env.helpers, container);
          addHelpers(mergedHelpers, options.helpers, container);
          container.helpers = mergedHelpers;
          if (templateSpec.usePartial) {
            container.partials = container.mergeIfNeeded(options.partials, env.partials);
          }
          if (templateSpec.usePartial || templateSpec.useDecorators) {
            container.decorators = Utils.extend({}, env.decorators, options.decorators);
          }
          container.hooks = {};
          container.protoAccessControl = _internalProtoAccess.createProtoAccessControl(options);
          var keepHelperInHelpers = options.allowCallsToHelperMissing || templateWasPrecompiledWithCompilerV7;
          _helpers.moveHelperToHooks(container, "helperMissing", keepHelperInHelpers);
          _helpers.moveHelperToHooks(container, "blockHelperMissing", keepHelperInHelpers);
        } else {
          container.protoAccessControl = options.protoAccessControl;
          container.helpers = options.helpers;
          container.partials = options.partials;
          container.decorators = options.decorators;
          container.hooks = options.hooks;
        }
      };
      ret._child = function(i, data, blockParams, depths) {
        if (templateSpec.useBlockParams && !blockParams) {
          throw new _exception2["default"]("must pass block params");
        }
        if (templateSpec.useDepths && !depths) {
          throw new _exception2["default"]("must pass parent depths");
        }
        return wrapProgram(container, i, templateSpec[i], data, 0, blockParams, depths);
      };
      return ret;
    }
    function wrapProgram(container, i, fn, data, declaredBlockParams, blockParams, depths) {
      function prog(context) {
        var options = arguments.length <= 1 || arguments[1] === void 0 ? {} : arguments[1];
        var currentDepths = depths;
        if (depths && context != depths[0] && !(context === container.nullContext && depths[0] === null)) {
          currentDepths = [context].concat(depths);
        }
        return fn(container, context, container.helpers, container.partials, options.data || data, blockParams && [options.blockParams].concat(blockParams), currentDepths);
      }
      prog = executeDecorators(fn, prog, container, depths, data, blockParams);
      prog.program = i;
      prog.depth = depths ? depths.length : 0;
      prog.blockParams = declaredBlockParams || 0;
      return prog;
    }
    function resolvePartial(partial, context, options) {
      if (!partial) {
        if (options.name === "@partial-block") {
          partial = lookupOwnProperty(options.data, "partial-block");
        } else {
          partial = lookupOwnProperty(options.partials, options.name);
        }
      } else if (typeof partial !== "function" && !options.name) {
        options.name = partial;
        partial = lookupOwnProperty(options.partials, partial);
      }
      return partial;
    }
    function invokePartial(partial, context, options) {
      var currentPartialBlock = lookupOwnProperty(options.data, "partial-block");
      options.partial = true;
      if (options.ids) {
        options.data.contextPath = options.ids[0] || options.data.contextPath;
      }
      var partialBlock = void 0;
      if (options.fn && options.fn !== noop) {
        (function() {
          options.data = _base.createFrame(options.data);
          var fn = options.fn;
          partialBlock = options.data["partial-block"] = function partialBlockWrapper(context2) {
            var options2 = arguments.length <= 1 || arguments[1] === void 0 ? {} : arguments[1];
            options2.data = _base.createFrame(options2.data);
            options2.data["partial-block"] = currentPartialBlock;
            return fn(context2, options2);
          };
          if (fn.partials) {
            options.partials = Utils.extend({}, options.partials, fn.partials);
          }
        })();
      }
      if (partial === void 0 && partialBlock) {
        partial = partialBlock;
      }
      if (partial === void 0) {
        throw new _exception2["default"]("The partial " + options.name + " could not be found");
      } else if (partial instanceof Function) {
        return partial(context, options);
      }
    }
    function noop() {
      return "";
    }
    function lookupOwnProperty(obj, name) {
      if (obj && Object.prototype.hasOwnProperty.call(obj, name)) {
        return obj[name];
      }
    }
    function initData(context, data) {
      if (!data || !("root" in data)) {
        data = data ? _base.createFrame(data) : {};
        data.root = context;
      }
      return data;
    }
    function executeDecorators(fn, prog, container, depths, data, blockParams) {
      if (fn.decorator) {
        var props = {};
        prog = fn.decorator(prog, props, container, depths && depths[0], data, blockParams, depths);
        Utils.extend(prog, props);
      }
      return prog;
    }
    function addHelpers(mergedHelpers, helpers, container) {
      if (!helpers) return;
      Object.keys(helpers).forEach(function(helperName) {
        var helper = helpers[helperName];
        mergedHelpers[helperName] = passLookupPropertyOption(helper, container);
      });
    }
    function passLookupPropertyOption(helper, container) {
      var lookupProperty = container.lookupProperty;
      return _internalWrapHelper.wrapHelper(helper, function(options) {
        options.lookupProperty = lookupProperty;
        return options;
      });
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/no-conflict.js
var require_no_conflict = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/no-conflict.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    exports["default"] = function(Handlebars2) {
      (function() {
        if (typeof globalThis === "object") return;
        Object.prototype.__defineGetter__("__magic__", function() {
          return this;
        });
        __magic__.globalThis = __magic__;
        delete Object.prototype.__magic__;
      })();
      var $Handlebars = globalThis.Handlebars;
      Handlebars2.noConflict = function() {
        if (globalThis.Handlebars === Handlebars2) {
          globalThis.Handlebars = $Handlebars;
        }
        return Handlebars2;
      };
    };
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars.runtime.js
var require_handlebars_runtime = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars.runtime.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    function _interopRequireWildcard(obj) {
      if (obj && obj.__esModule) {
        return obj;
      } else {
        var newObj = {};
        if (obj != null) {
          for (var key2 in obj) {
            if (Object.prototype.hasOwnProperty.call(obj, key2)) newObj[key2] = obj[key2];
          }
        }
        newObj["default"] = obj;
        return newObj;
      }
    }
    var _handlebarsBase = require_base();
    var base = _interopRequireWildcard(_handlebarsBase);
    var _handlebarsSafeString = require_safe_string();
    var _handlebarsSafeString2 = _interopRequireDefault(_handlebarsSafeString);
    var _handlebarsException = require_exception();
    var _handlebarsException2 = _interopRequireDefault(_handlebarsException);
    var _handlebarsUtils = require_utils();
    var Utils = _interopRequireWildcard(_handlebarsUtils);
    var _handlebarsRuntime = require_runtime();
    var runtime = _interopRequireWildcard(_handlebarsRuntime);
    var _handlebarsNoConflict = require_no_conflict();
    var _handlebarsNoConflict2 = _interopRequireDefault(_handlebarsNoConflict);
    function create() {
      var hb = new base.HandlebarsEnvironment();
      Utils.extend(hb, base);
      hb.SafeString = _handlebarsSafeString2["default"];
      hb.Exception = _handlebarsException2["default"];
      hb.Utils = Utils;
      hb.escapeExpression = Utils.escapeExpression;
      hb.VM = runtime;
      hb.template = function(spec) {
        return runtime.template(spec, hb);
      };
      return hb;
    }
    var inst = create();
    inst.create = create;
    _handlebarsNoConflict2["default"](inst);
    inst["default"] = inst;
    exports["default"] = inst;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/ast.js
var require_ast = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/ast.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var AST = {
      // Public API used to evaluate derived attributes regarding AST nodes
      helpers: {
        // a mustache is definitely a helper if:
        // * it is an eligible helper, and
        // * it has at least one parameter or hash segment
        helperExpression: function helperExpression(node) {
          return node.type === "SubExpression" || (node.type === "MustacheStatement" || node.type === "BlockStatement") && !!(node.params && node.params.length || node.hash);
        },
        scopedId: function scopedId(path3) {
          return /^\.|this\b/.test(path3.original);
        },
        // an ID is simple if it only has one part, and that part is not
        // `..` or `this`.
        simpleId: function simpleId(path3) {
          return path3.parts.length === 1 && !AST.helpers.scopedId(path3) && !path3.depth;
        }
      }
    };
    exports["default"] = AST;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/parser.js
var require_parser = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/parser.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    var handlebars2 = (function() {
      var parser = {
        trace: function trace() {
        },
        yy: {},
        symbols_: { "error": 2, "root": 3, "program": 4, "EOF": 5, "program_repetition0": 6, "statement": 7, "mustache": 8, "block": 9, "rawBlock": 10, "partial": 11, "partialBlock": 12, "content": 13, "COMMENT": 14, "CONTENT": 15, "openRawBlock": 16, "rawBlock_repetition0": 17, "END_RAW_BLOCK": 18, "OPEN_RAW_BLOCK": 19, "helperName": 20, "openRawBlock_repetition0": 21, "openRawBlock_option0": 22, "CLOSE_RAW_BLOCK": 23, "openBlock": 24, "block_option0": 25, "closeBlock": 26, "openInverse": 27, "block_option1": 28, "OPEN_BLOCK": 29, "openBlock_repetition0": 30, "openBlock_option0": 31, "openBlock_option1": 32, "CLOSE": 33, "OPEN_INVERSE": 34, "openInverse_repetition0": 35, "openInverse_option0": 36, "openInverse_option1": 37, "openInverseChain": 38, "OPEN_INVERSE_CHAIN": 39, "openInverseChain_repetition0": 40, "openInverseChain_option0": 41, "openInverseChain_option1": 42, "inverseAndProgram": 43, "INVERSE": 44, "inverseChain": 45, "inverseChain_option0": 46, "OPEN_ENDBLOCK": 47, "OPEN": 48, "mustache_repetition0": 49, "mustache_option0": 50, "OPEN_UNESCAPED": 51, "mustache_repetition1": 52, "mustache_option1": 53, "CLOSE_UNESCAPED": 54, "OPEN_PARTIAL": 55, "partialName": 56, "partial_repetition0": 57, "partial_option0": 58, "openPartialBlock": 59, "OPEN_PARTIAL_BLOCK": 60, "openPartialBlock_repetition0": 61, "openPartialBlock_option0": 62, "param": 63, "sexpr": 64, "OPEN_SEXPR": 65, "sexpr_repetition0": 66, "sexpr_option0": 67, "CLOSE_SEXPR": 68, "hash": 69, "hash_repetition_plus0": 70, "hashSegment": 71, "ID": 72, "EQUALS": 73, "blockParams": 74, "OPEN_BLOCK_PARAMS": 75, "blockParams_repetition_plus0": 76, "CLOSE_BLOCK_PARAMS": 77, "path": 78, "dataName": 79, "STRING": 80, "NUMBER": 81, "BOOLEAN": 82, "UNDEFINED": 83, "NULL": 84, "DATA": 85, "pathSegments": 86, "SEP": 87, "$accept": 0, "$end": 1 },
        terminals_: { 2: "error", 5: "EOF", 14: "COMMENT", 15: "CONTENT", 18: "END_RAW_BLOCK", 19: "OPEN_RAW_BLOCK", 23: "CLOSE_RAW_BLOCK", 29: "OPEN_BLOCK", 33: "CLOSE", 34: "OPEN_INVERSE", 39: "OPEN_INVERSE_CHAIN", 44: "INVERSE", 47: "OPEN_ENDBLOCK", 48: "OPEN", 51: "OPEN_UNESCAPED", 54: "CLOSE_UNESCAPED", 55: "OPEN_PARTIAL", 60: "OPEN_PARTIAL_BLOCK", 65: "OPEN_SEXPR", 68: "CLOSE_SEXPR", 72: "ID", 73: "EQUALS", 75: "OPEN_BLOCK_PARAMS", 77: "CLOSE_BLOCK_PARAMS", 80: "STRING", 81: "NUMBER", 82: "BOOLEAN", 83: "UNDEFINED", 84: "NULL", 85: "DATA", 87: "SEP" },
        productions_: [0, [3, 2], [4, 1], [7, 1], [7, 1], [7, 1], [7, 1], [7, 1], [7, 1], [7, 1], [13, 1], [10, 3], [16, 5], [9, 4], [9, 4], [24, 6], [27, 6], [38, 6], [43, 2], [45, 3], [45, 1], [26, 3], [8, 5], [8, 5], [11, 5], [12, 3], [59, 5], [63, 1], [63, 1], [64, 5], [69, 1], [71, 3], [74, 3], [20, 1], [20, 1], [20, 1], [20, 1], [20, 1], [20, 1], [20, 1], [56, 1], [56, 1], [79, 2], [78, 1], [86, 3], [86, 1], [6, 0], [6, 2], [17, 0], [17, 2], [21, 0], [21, 2], [22, 0], [22, 1], [25, 0], [25, 1], [28, 0], [28, 1], [30, 0], [30, 2], [31, 0], [31, 1], [32, 0], [32, 1], [35, 0], [35, 2], [36, 0], [36, 1], [37, 0], [37, 1], [40, 0], [40, 2], [41, 0], [41, 1], [42, 0], [42, 1], [46, 0], [46, 1], [49, 0], [49, 2], [50, 0], [50, 1], [52, 0], [52, 2], [53, 0], [53, 1], [57, 0], [57, 2], [58, 0], [58, 1], [61, 0], [61, 2], [62, 0], [62, 1], [66, 0], [66, 2], [67, 0], [67, 1], [70, 1], [70, 2], [76, 1], [76, 2]],
        performAction: function anonymous(yytext, yyleng, yylineno, yy, yystate, $$, _$) {
          var $0 = $$.length - 1;
          switch (yystate) {
            case 1:
              return $$[$0 - 1];
              break;
            case 2:
              this.$ = yy.prepareProgram($$[$0]);
              break;
            case 3:
              this.$ = $$[$0];
              break;
            case 4:
              this.$ = $$[$0];
              break;
            case 5:
              this.$ = $$[$0];
              break;
            case 6:
              this.$ = $$[$0];
              break;
            case 7:
              this.$ = $$[$0];
              break;
            case 8:
              this.$ = $$[$0];
              break;
            case 9:
              this.$ = {
                type: "CommentStatement",
                value: yy.stripComment($$[$0]),
                strip: yy.stripFlags($$[$0], $$[$0]),
                loc: yy.locInfo(this._$)
              };
              break;
            case 10:
              this.$ = {
                type: "ContentStatement",
                original: $$[$0],
                value: $$[$0],
                loc: yy.locInfo(this._$)
              };
              break;
            case 11:
              this.$ = yy.prepareRawBlock($$[$0 - 2], $$[$0 - 1], $$[$0], this._$);
              break;
            case 12:
              this.$ = { path: $$[$0 - 3], params: $$[$0 - 2], hash: $$[$0 - 1] };
              break;
            case 13:
              this.$ = yy.prepareBlock($$[$0 - 3], $$[$0 - 2], $$[$0 - 1], $$[$0], false, this._$);
              break;
            case 14:
              this.$ = yy.prepareBlock($$[$0 - 3], $$[$0 - 2], $$[$0 - 1], $$[$0], true, this._$);
              break;
            case 15:
              this.$ = { open: $$[$0 - 5], path: $$[$0 - 4], params: $$[$0 - 3], hash: $$[$0 - 2], blockParams: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 5], $$[$0]) };
              break;
            case 16:
              this.$ = { path: $$[$0 - 4], params: $$[$0 - 3], hash: $$[$0 - 2], blockParams: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 5], $$[$0]) };
              break;
            case 17:
              this.$ = { path: $$[$0 - 4], params: $$[$0 - 3], hash: $$[$0 - 2], blockParams: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 5], $$[$0]) };
              break;
            case 18:
              this.$ = { strip: yy.stripFlags($$[$0 - 1], $$[$0 - 1]), program: $$[$0] };
              break;
            case 19:
              var inverse = yy.prepareBlock($$[$0 - 2], $$[$0 - 1], $$[$0], $$[$0], false, this._$), program = yy.prepareProgram([inverse], $$[$0 - 1].loc);
              program.chained = true;
              this.$ = { strip: $$[$0 - 2].strip, program, chain: true };
              break;
            case 20:
              this.$ = $$[$0];
              break;
            case 21:
              this.$ = { path: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 2], $$[$0]) };
              break;
            case 22:
              this.$ = yy.prepareMustache($$[$0 - 3], $$[$0 - 2], $$[$0 - 1], $$[$0 - 4], yy.stripFlags($$[$0 - 4], $$[$0]), this._$);
              break;
            case 23:
              this.$ = yy.prepareMustache($$[$0 - 3], $$[$0 - 2], $$[$0 - 1], $$[$0 - 4], yy.stripFlags($$[$0 - 4], $$[$0]), this._$);
              break;
            case 24:
              this.$ = {
                type: "PartialStatement",
                name: $$[$0 - 3],
                params: $$[$0 - 2],
                hash: $$[$0 - 1],
                indent: "",
                strip: yy.stripFlags($$[$0 - 4], $$[$0]),
                loc: yy.locInfo(this._$)
              };
              break;
            case 25:
              this.$ = yy.preparePartialBlock($$[$0 - 2], $$[$0 - 1], $$[$0], this._$);
              break;
            case 26:
              this.$ = { path: $$[$0 - 3], params: $$[$0 - 2], hash: $$[$0 - 1], strip: yy.stripFlags($$[$0 - 4], $$[$0]) };
              break;
            case 27:
              this.$ = $$[$0];
              break;
            case 28:
              this.$ = $$[$0];
              break;
            case 29:
              this.$ = {
                type: "SubExpression",
                path: $$[$0 - 3],
                params: $$[$0 - 2],
                hash: $$[$0 - 1],
                loc: yy.locInfo(this._$)
              };
              break;
            case 30:
              this.$ = { type: "Hash", pairs: $$[$0], loc: yy.locInfo(this._$) };
              break;
            case 31:
              this.$ = { type: "HashPair", key: yy.id($$[$0 - 2]), value: $$[$0], loc: yy.locInfo(this._$) };
              break;
            case 32:
              this.$ = yy.id($$[$0 - 1]);
              break;
            case 33:
              this.$ = $$[$0];
              break;
            case 34:
              this.$ = $$[$0];
              break;
            case 35:
              this.$ = { type: "StringLiteral", value: $$[$0], original: $$[$0], loc: yy.locInfo(this._$) };
              break;
            case 36:
              this.$ = { type: "NumberLiteral", value: Number($$[$0]), original: Number($$[$0]), loc: yy.locInfo(this._$) };
              break;
            case 37:
              this.$ = { type: "BooleanLiteral", value: $$[$0] === "true", original: $$[$0] === "true", loc: yy.locInfo(this._$) };
              break;
            case 38:
              this.$ = { type: "UndefinedLiteral", original: void 0, value: void 0, loc: yy.locInfo(this._$) };
              break;
            case 39:
              this.$ = { type: "NullLiteral", original: null, value: null, loc: yy.locInfo(this._$) };
              break;
            case 40:
              this.$ = $$[$0];
              break;
            case 41:
              this.$ = $$[$0];
              break;
            case 42:
              this.$ = yy.preparePath(true, $$[$0], this._$);
              break;
            case 43:
              this.$ = yy.preparePath(false, $$[$0], this._$);
              break;
            case 44:
              $$[$0 - 2].push({ part: yy.id($$[$0]), original: $$[$0], separator: $$[$0 - 1] });
              this.$ = $$[$0 - 2];
              break;
            case 45:
              this.$ = [{ part: yy.id($$[$0]), original: $$[$0] }];
              break;
            case 46:
              this.$ = [];
              break;
            case 47:
              $$[$0 - 1].push($$[$0]);
              break;
            case 48:
              this.$ = [];
              break;
            case 49:
              $$[$0 - 1].push($$[$0]);
              break;
            case 50:
              this.$ = [];
              break;
            case 51:
              $$[$0 - 1].push($$[$0]);
              break;
            case 58:
              this.$ = [];
              break;
            case 59:
              $$[$0 - 1].push($$[$0]);
              break;
            case 64:
              this.$ = [];
              break;
            case 65:
              $$[$0 - 1].push($$[$0]);
              break;
            case 70:
              this.$ = [];
              break;
            case 71:
              $$[$0 - 1].push($$[$0]);
              break;
            case 78:
              this.$ = [];
              break;
            case 79:
              $$[$0 - 1].push($$[$0]);
              break;
            case 82:
              this.$ = [];
              break;
            case 83:
              $$[$0 - 1].push($$[$0]);
              break;
            case 86:
              this.$ = [];
              break;
            case 87:
              $$[$0 - 1].push($$[$0]);
              break;
            case 90:
              this.$ = [];
              break;
            case 91:
              $$[$0 - 1].push($$[$0]);
              break;
            case 94:
              this.$ = [];
              break;
            case 95:
              $$[$0 - 1].push($$[$0]);
              break;
            case 98:
              this.$ = [$$[$0]];
              break;
            case 99:
              $$[$0 - 1].push($$[$0]);
              break;
            case 100:
              this.$ = [$$[$0]];
              break;
            case 101:
              $$[$0 - 1].push($$[$0]);
              break;
          }
        },
        table: [{ 3: 1, 4: 2, 5: [2, 46], 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 1: [3] }, { 5: [1, 4] }, { 5: [2, 2], 7: 5, 8: 6, 9: 7, 10: 8, 11: 9, 12: 10, 13: 11, 14: [1, 12], 15: [1, 20], 16: 17, 19: [1, 23], 24: 15, 27: 16, 29: [1, 21], 34: [1, 22], 39: [2, 2], 44: [2, 2], 47: [2, 2], 48: [1, 13], 51: [1, 14], 55: [1, 18], 59: 19, 60: [1, 24] }, { 1: [2, 1] }, { 5: [2, 47], 14: [2, 47], 15: [2, 47], 19: [2, 47], 29: [2, 47], 34: [2, 47], 39: [2, 47], 44: [2, 47], 47: [2, 47], 48: [2, 47], 51: [2, 47], 55: [2, 47], 60: [2, 47] }, { 5: [2, 3], 14: [2, 3], 15: [2, 3], 19: [2, 3], 29: [2, 3], 34: [2, 3], 39: [2, 3], 44: [2, 3], 47: [2, 3], 48: [2, 3], 51: [2, 3], 55: [2, 3], 60: [2, 3] }, { 5: [2, 4], 14: [2, 4], 15: [2, 4], 19: [2, 4], 29: [2, 4], 34: [2, 4], 39: [2, 4], 44: [2, 4], 47: [2, 4], 48: [2, 4], 51: [2, 4], 55: [2, 4], 60: [2, 4] }, { 5: [2, 5], 14: [2, 5], 15: [2, 5], 19: [2, 5], 29: [2, 5], 34: [2, 5], 39: [2, 5], 44: [2, 5], 47: [2, 5], 48: [2, 5], 51: [2, 5], 55: [2, 5], 60: [2, 5] }, { 5: [2, 6], 14: [2, 6], 15: [2, 6], 19: [2, 6], 29: [2, 6], 34: [2, 6], 39: [2, 6], 44: [2, 6], 47: [2, 6], 48: [2, 6], 51: [2, 6], 55: [2, 6], 60: [2, 6] }, { 5: [2, 7], 14: [2, 7], 15: [2, 7], 19: [2, 7], 29: [2, 7], 34: [2, 7], 39: [2, 7], 44: [2, 7], 47: [2, 7], 48: [2, 7], 51: [2, 7], 55: [2, 7], 60: [2, 7] }, { 5: [2, 8], 14: [2, 8], 15: [2, 8], 19: [2, 8], 29: [2, 8], 34: [2, 8], 39: [2, 8], 44: [2, 8], 47: [2, 8], 48: [2, 8], 51: [2, 8], 55: [2, 8], 60: [2, 8] }, { 5: [2, 9], 14: [2, 9], 15: [2, 9], 19: [2, 9], 29: [2, 9], 34: [2, 9], 39: [2, 9], 44: [2, 9], 47: [2, 9], 48: [2, 9], 51: [2, 9], 55: [2, 9], 60: [2, 9] }, { 20: 25, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 36, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 4: 37, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 39: [2, 46], 44: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 4: 38, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 44: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 15: [2, 48], 17: 39, 18: [2, 48] }, { 20: 41, 56: 40, 64: 42, 65: [1, 43], 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 4: 44, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 5: [2, 10], 14: [2, 10], 15: [2, 10], 18: [2, 10], 19: [2, 10], 29: [2, 10], 34: [2, 10], 39: [2, 10], 44: [2, 10], 47: [2, 10], 48: [2, 10], 51: [2, 10], 55: [2, 10], 60: [2, 10] }, { 20: 45, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 46, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 47, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 41, 56: 48, 64: 42, 65: [1, 43], 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 33: [2, 78], 49: 49, 65: [2, 78], 72: [2, 78], 80: [2, 78], 81: [2, 78], 82: [2, 78], 83: [2, 78], 84: [2, 78], 85: [2, 78] }, { 23: [2, 33], 33: [2, 33], 54: [2, 33], 65: [2, 33], 68: [2, 33], 72: [2, 33], 75: [2, 33], 80: [2, 33], 81: [2, 33], 82: [2, 33], 83: [2, 33], 84: [2, 33], 85: [2, 33] }, { 23: [2, 34], 33: [2, 34], 54: [2, 34], 65: [2, 34], 68: [2, 34], 72: [2, 34], 75: [2, 34], 80: [2, 34], 81: [2, 34], 82: [2, 34], 83: [2, 34], 84: [2, 34], 85: [2, 34] }, { 23: [2, 35], 33: [2, 35], 54: [2, 35], 65: [2, 35], 68: [2, 35], 72: [2, 35], 75: [2, 35], 80: [2, 35], 81: [2, 35], 82: [2, 35], 83: [2, 35], 84: [2, 35], 85: [2, 35] }, { 23: [2, 36], 33: [2, 36], 54: [2, 36], 65: [2, 36], 68: [2, 36], 72: [2, 36], 75: [2, 36], 80: [2, 36], 81: [2, 36], 82: [2, 36], 83: [2, 36], 84: [2, 36], 85: [2, 36] }, { 23: [2, 37], 33: [2, 37], 54: [2, 37], 65: [2, 37], 68: [2, 37], 72: [2, 37], 75: [2, 37], 80: [2, 37], 81: [2, 37], 82: [2, 37], 83: [2, 37], 84: [2, 37], 85: [2, 37] }, { 23: [2, 38], 33: [2, 38], 54: [2, 38], 65: [2, 38], 68: [2, 38], 72: [2, 38], 75: [2, 38], 80: [2, 38], 81: [2, 38], 82: [2, 38], 83: [2, 38], 84: [2, 38], 85: [2, 38] }, { 23: [2, 39], 33: [2, 39], 54: [2, 39], 65: [2, 39], 68: [2, 39], 72: [2, 39], 75: [2, 39], 80: [2, 39], 81: [2, 39], 82: [2, 39], 83: [2, 39], 84: [2, 39], 85: [2, 39] }, { 23: [2, 43], 33: [2, 43], 54: [2, 43], 65: [2, 43], 68: [2, 43], 72: [2, 43], 75: [2, 43], 80: [2, 43], 81: [2, 43], 82: [2, 43], 83: [2, 43], 84: [2, 43], 85: [2, 43], 87: [1, 50] }, { 72: [1, 35], 86: 51 }, { 23: [2, 45], 33: [2, 45], 54: [2, 45], 65: [2, 45], 68: [2, 45], 72: [2, 45], 75: [2, 45], 80: [2, 45], 81: [2, 45], 82: [2, 45], 83: [2, 45], 84: [2, 45], 85: [2, 45], 87: [2, 45] }, { 52: 52, 54: [2, 82], 65: [2, 82], 72: [2, 82], 80: [2, 82], 81: [2, 82], 82: [2, 82], 83: [2, 82], 84: [2, 82], 85: [2, 82] }, { 25: 53, 38: 55, 39: [1, 57], 43: 56, 44: [1, 58], 45: 54, 47: [2, 54] }, { 28: 59, 43: 60, 44: [1, 58], 47: [2, 56] }, { 13: 62, 15: [1, 20], 18: [1, 61] }, { 33: [2, 86], 57: 63, 65: [2, 86], 72: [2, 86], 80: [2, 86], 81: [2, 86], 82: [2, 86], 83: [2, 86], 84: [2, 86], 85: [2, 86] }, { 33: [2, 40], 65: [2, 40], 72: [2, 40], 80: [2, 40], 81: [2, 40], 82: [2, 40], 83: [2, 40], 84: [2, 40], 85: [2, 40] }, { 33: [2, 41], 65: [2, 41], 72: [2, 41], 80: [2, 41], 81: [2, 41], 82: [2, 41], 83: [2, 41], 84: [2, 41], 85: [2, 41] }, { 20: 64, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 26: 65, 47: [1, 66] }, { 30: 67, 33: [2, 58], 65: [2, 58], 72: [2, 58], 75: [2, 58], 80: [2, 58], 81: [2, 58], 82: [2, 58], 83: [2, 58], 84: [2, 58], 85: [2, 58] }, { 33: [2, 64], 35: 68, 65: [2, 64], 72: [2, 64], 75: [2, 64], 80: [2, 64], 81: [2, 64], 82: [2, 64], 83: [2, 64], 84: [2, 64], 85: [2, 64] }, { 21: 69, 23: [2, 50], 65: [2, 50], 72: [2, 50], 80: [2, 50], 81: [2, 50], 82: [2, 50], 83: [2, 50], 84: [2, 50], 85: [2, 50] }, { 33: [2, 90], 61: 70, 65: [2, 90], 72: [2, 90], 80: [2, 90], 81: [2, 90], 82: [2, 90], 83: [2, 90], 84: [2, 90], 85: [2, 90] }, { 20: 74, 33: [2, 80], 50: 71, 63: 72, 64: 75, 65: [1, 43], 69: 73, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 72: [1, 79] }, { 23: [2, 42], 33: [2, 42], 54: [2, 42], 65: [2, 42], 68: [2, 42], 72: [2, 42], 75: [2, 42], 80: [2, 42], 81: [2, 42], 82: [2, 42], 83: [2, 42], 84: [2, 42], 85: [2, 42], 87: [1, 50] }, { 20: 74, 53: 80, 54: [2, 84], 63: 81, 64: 75, 65: [1, 43], 69: 82, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 26: 83, 47: [1, 66] }, { 47: [2, 55] }, { 4: 84, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 39: [2, 46], 44: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 47: [2, 20] }, { 20: 85, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 4: 86, 6: 3, 14: [2, 46], 15: [2, 46], 19: [2, 46], 29: [2, 46], 34: [2, 46], 47: [2, 46], 48: [2, 46], 51: [2, 46], 55: [2, 46], 60: [2, 46] }, { 26: 87, 47: [1, 66] }, { 47: [2, 57] }, { 5: [2, 11], 14: [2, 11], 15: [2, 11], 19: [2, 11], 29: [2, 11], 34: [2, 11], 39: [2, 11], 44: [2, 11], 47: [2, 11], 48: [2, 11], 51: [2, 11], 55: [2, 11], 60: [2, 11] }, { 15: [2, 49], 18: [2, 49] }, { 20: 74, 33: [2, 88], 58: 88, 63: 89, 64: 75, 65: [1, 43], 69: 90, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 65: [2, 94], 66: 91, 68: [2, 94], 72: [2, 94], 80: [2, 94], 81: [2, 94], 82: [2, 94], 83: [2, 94], 84: [2, 94], 85: [2, 94] }, { 5: [2, 25], 14: [2, 25], 15: [2, 25], 19: [2, 25], 29: [2, 25], 34: [2, 25], 39: [2, 25], 44: [2, 25], 47: [2, 25], 48: [2, 25], 51: [2, 25], 55: [2, 25], 60: [2, 25] }, { 20: 92, 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 74, 31: 93, 33: [2, 60], 63: 94, 64: 75, 65: [1, 43], 69: 95, 70: 76, 71: 77, 72: [1, 78], 75: [2, 60], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 74, 33: [2, 66], 36: 96, 63: 97, 64: 75, 65: [1, 43], 69: 98, 70: 76, 71: 77, 72: [1, 78], 75: [2, 66], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 74, 22: 99, 23: [2, 52], 63: 100, 64: 75, 65: [1, 43], 69: 101, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 20: 74, 33: [2, 92], 62: 102, 63: 103, 64: 75, 65: [1, 43], 69: 104, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 33: [1, 105] }, { 33: [2, 79], 65: [2, 79], 72: [2, 79], 80: [2, 79], 81: [2, 79], 82: [2, 79], 83: [2, 79], 84: [2, 79], 85: [2, 79] }, { 33: [2, 81] }, { 23: [2, 27], 33: [2, 27], 54: [2, 27], 65: [2, 27], 68: [2, 27], 72: [2, 27], 75: [2, 27], 80: [2, 27], 81: [2, 27], 82: [2, 27], 83: [2, 27], 84: [2, 27], 85: [2, 27] }, { 23: [2, 28], 33: [2, 28], 54: [2, 28], 65: [2, 28], 68: [2, 28], 72: [2, 28], 75: [2, 28], 80: [2, 28], 81: [2, 28], 82: [2, 28], 83: [2, 28], 84: [2, 28], 85: [2, 28] }, { 23: [2, 30], 33: [2, 30], 54: [2, 30], 68: [2, 30], 71: 106, 72: [1, 107], 75: [2, 30] }, { 23: [2, 98], 33: [2, 98], 54: [2, 98], 68: [2, 98], 72: [2, 98], 75: [2, 98] }, { 23: [2, 45], 33: [2, 45], 54: [2, 45], 65: [2, 45], 68: [2, 45], 72: [2, 45], 73: [1, 108], 75: [2, 45], 80: [2, 45], 81: [2, 45], 82: [2, 45], 83: [2, 45], 84: [2, 45], 85: [2, 45], 87: [2, 45] }, { 23: [2, 44], 33: [2, 44], 54: [2, 44], 65: [2, 44], 68: [2, 44], 72: [2, 44], 75: [2, 44], 80: [2, 44], 81: [2, 44], 82: [2, 44], 83: [2, 44], 84: [2, 44], 85: [2, 44], 87: [2, 44] }, { 54: [1, 109] }, { 54: [2, 83], 65: [2, 83], 72: [2, 83], 80: [2, 83], 81: [2, 83], 82: [2, 83], 83: [2, 83], 84: [2, 83], 85: [2, 83] }, { 54: [2, 85] }, { 5: [2, 13], 14: [2, 13], 15: [2, 13], 19: [2, 13], 29: [2, 13], 34: [2, 13], 39: [2, 13], 44: [2, 13], 47: [2, 13], 48: [2, 13], 51: [2, 13], 55: [2, 13], 60: [2, 13] }, { 38: 55, 39: [1, 57], 43: 56, 44: [1, 58], 45: 111, 46: 110, 47: [2, 76] }, { 33: [2, 70], 40: 112, 65: [2, 70], 72: [2, 70], 75: [2, 70], 80: [2, 70], 81: [2, 70], 82: [2, 70], 83: [2, 70], 84: [2, 70], 85: [2, 70] }, { 47: [2, 18] }, { 5: [2, 14], 14: [2, 14], 15: [2, 14], 19: [2, 14], 29: [2, 14], 34: [2, 14], 39: [2, 14], 44: [2, 14], 47: [2, 14], 48: [2, 14], 51: [2, 14], 55: [2, 14], 60: [2, 14] }, { 33: [1, 113] }, { 33: [2, 87], 65: [2, 87], 72: [2, 87], 80: [2, 87], 81: [2, 87], 82: [2, 87], 83: [2, 87], 84: [2, 87], 85: [2, 87] }, { 33: [2, 89] }, { 20: 74, 63: 115, 64: 75, 65: [1, 43], 67: 114, 68: [2, 96], 69: 116, 70: 76, 71: 77, 72: [1, 78], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 33: [1, 117] }, { 32: 118, 33: [2, 62], 74: 119, 75: [1, 120] }, { 33: [2, 59], 65: [2, 59], 72: [2, 59], 75: [2, 59], 80: [2, 59], 81: [2, 59], 82: [2, 59], 83: [2, 59], 84: [2, 59], 85: [2, 59] }, { 33: [2, 61], 75: [2, 61] }, { 33: [2, 68], 37: 121, 74: 122, 75: [1, 120] }, { 33: [2, 65], 65: [2, 65], 72: [2, 65], 75: [2, 65], 80: [2, 65], 81: [2, 65], 82: [2, 65], 83: [2, 65], 84: [2, 65], 85: [2, 65] }, { 33: [2, 67], 75: [2, 67] }, { 23: [1, 123] }, { 23: [2, 51], 65: [2, 51], 72: [2, 51], 80: [2, 51], 81: [2, 51], 82: [2, 51], 83: [2, 51], 84: [2, 51], 85: [2, 51] }, { 23: [2, 53] }, { 33: [1, 124] }, { 33: [2, 91], 65: [2, 91], 72: [2, 91], 80: [2, 91], 81: [2, 91], 82: [2, 91], 83: [2, 91], 84: [2, 91], 85: [2, 91] }, { 33: [2, 93] }, { 5: [2, 22], 14: [2, 22], 15: [2, 22], 19: [2, 22], 29: [2, 22], 34: [2, 22], 39: [2, 22], 44: [2, 22], 47: [2, 22], 48: [2, 22], 51: [2, 22], 55: [2, 22], 60: [2, 22] }, { 23: [2, 99], 33: [2, 99], 54: [2, 99], 68: [2, 99], 72: [2, 99], 75: [2, 99] }, { 73: [1, 108] }, { 20: 74, 63: 125, 64: 75, 65: [1, 43], 72: [1, 35], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 5: [2, 23], 14: [2, 23], 15: [2, 23], 19: [2, 23], 29: [2, 23], 34: [2, 23], 39: [2, 23], 44: [2, 23], 47: [2, 23], 48: [2, 23], 51: [2, 23], 55: [2, 23], 60: [2, 23] }, { 47: [2, 19] }, { 47: [2, 77] }, { 20: 74, 33: [2, 72], 41: 126, 63: 127, 64: 75, 65: [1, 43], 69: 128, 70: 76, 71: 77, 72: [1, 78], 75: [2, 72], 78: 26, 79: 27, 80: [1, 28], 81: [1, 29], 82: [1, 30], 83: [1, 31], 84: [1, 32], 85: [1, 34], 86: 33 }, { 5: [2, 24], 14: [2, 24], 15: [2, 24], 19: [2, 24], 29: [2, 24], 34: [2, 24], 39: [2, 24], 44: [2, 24], 47: [2, 24], 48: [2, 24], 51: [2, 24], 55: [2, 24], 60: [2, 24] }, { 68: [1, 129] }, { 65: [2, 95], 68: [2, 95], 72: [2, 95], 80: [2, 95], 81: [2, 95], 82: [2, 95], 83: [2, 95], 84: [2, 95], 85: [2, 95] }, { 68: [2, 97] }, { 5: [2, 21], 14: [2, 21], 15: [2, 21], 19: [2, 21], 29: [2, 21], 34: [2, 21], 39: [2, 21], 44: [2, 21], 47: [2, 21], 48: [2, 21], 51: [2, 21], 55: [2, 21], 60: [2, 21] }, { 33: [1, 130] }, { 33: [2, 63] }, { 72: [1, 132], 76: 131 }, { 33: [1, 133] }, { 33: [2, 69] }, { 15: [2, 12], 18: [2, 12] }, { 14: [2, 26], 15: [2, 26], 19: [2, 26], 29: [2, 26], 34: [2, 26], 47: [2, 26], 48: [2, 26], 51: [2, 26], 55: [2, 26], 60: [2, 26] }, { 23: [2, 31], 33: [2, 31], 54: [2, 31], 68: [2, 31], 72: [2, 31], 75: [2, 31] }, { 33: [2, 74], 42: 134, 74: 135, 75: [1, 120] }, { 33: [2, 71], 65: [2, 71], 72: [2, 71], 75: [2, 71], 80: [2, 71], 81: [2, 71], 82: [2, 71], 83: [2, 71], 84: [2, 71], 85: [2, 71] }, { 33: [2, 73], 75: [2, 73] }, { 23: [2, 29], 33: [2, 29], 54: [2, 29], 65: [2, 29], 68: [2, 29], 72: [2, 29], 75: [2, 29], 80: [2, 29], 81: [2, 29], 82: [2, 29], 83: [2, 29], 84: [2, 29], 85: [2, 29] }, { 14: [2, 15], 15: [2, 15], 19: [2, 15], 29: [2, 15], 34: [2, 15], 39: [2, 15], 44: [2, 15], 47: [2, 15], 48: [2, 15], 51: [2, 15], 55: [2, 15], 60: [2, 15] }, { 72: [1, 137], 77: [1, 136] }, { 72: [2, 100], 77: [2, 100] }, { 14: [2, 16], 15: [2, 16], 19: [2, 16], 29: [2, 16], 34: [2, 16], 44: [2, 16], 47: [2, 16], 48: [2, 16], 51: [2, 16], 55: [2, 16], 60: [2, 16] }, { 33: [1, 138] }, { 33: [2, 75] }, { 33: [2, 32] }, { 72: [2, 101], 77: [2, 101] }, { 14: [2, 17], 15: [2, 17], 19: [2, 17], 29: [2, 17], 34: [2, 17], 39: [2, 17], 44: [2, 17], 47: [2, 17], 48: [2, 17], 51: [2, 17], 55: [2, 17], 60: [2, 17] }],
        defaultActions: { 4: [2, 1], 54: [2, 55], 56: [2, 20], 60: [2, 57], 73: [2, 81], 82: [2, 85], 86: [2, 18], 90: [2, 89], 101: [2, 53], 104: [2, 93], 110: [2, 19], 111: [2, 77], 116: [2, 97], 119: [2, 63], 122: [2, 69], 135: [2, 75], 136: [2, 32] },
        parseError: function parseError(str, hash) {
          throw new Error(str);
        },
        parse: function parse(input) {
          var self = this, stack = [0], vstack = [null], lstack = [], table = this.table, yytext = "", yylineno = 0, yyleng = 0, recovering = 0, TERROR = 2, EOF = 1;
          this.lexer.setInput(input);
          this.lexer.yy = this.yy;
          this.yy.lexer = this.lexer;
          this.yy.parser = this;
          if (typeof this.lexer.yylloc == "undefined") this.lexer.yylloc = {};
          var yyloc = this.lexer.yylloc;
          lstack.push(yyloc);
          var ranges = this.lexer.options && this.lexer.options.ranges;
          if (typeof this.yy.parseError === "function") this.parseError = this.yy.parseError;
          function popStack(n) {
            stack.length = stack.length - 2 * n;
            vstack.length = vstack.length - n;
            lstack.length = lstack.length - n;
          }
          function lex() {
            var token;
            token = self.lexer.lex() || 1;
            if (typeof token !== "number") {
              token = self.symbols_[token] || token;
            }
            return token;
          }
          var symbol, preErrorSymbol, state, action, a, r, yyval = {}, p, len, newState, expected;
          while (true) {
            state = stack[stack.length - 1];
            if (this.defaultActions[state]) {
              action = this.defaultActions[state];
            } else {
              if (symbol === null || typeof symbol == "undefined") {
                symbol = lex();
              }
              action = table[state] && table[state][symbol];
            }
            if (typeof action === "undefined" || !action.length || !action[0]) {
              var errStr = "";
              if (!recovering) {
                expected = [];
                for (p in table[state]) if (this.terminals_[p] && p > 2) {
                  expected.push("'" + this.terminals_[p] + "'");
                }
                if (this.lexer.showPosition) {
                  errStr = "Parse error on line " + (yylineno + 1) + ":\n" + this.lexer.showPosition() + "\nExpecting " + expected.join(", ") + ", got '" + (this.terminals_[symbol] || symbol) + "'";
                } else {
                  errStr = "Parse error on line " + (yylineno + 1) + ": Unexpected " + (symbol == 1 ? "end of input" : "'" + (this.terminals_[symbol] || symbol) + "'");
                }
                this.parseError(errStr, { text: this.lexer.match, token: this.terminals_[symbol] || symbol, line: this.lexer.yylineno, loc: yyloc, expected });
              }
            }
            if (action[0] instanceof Array && action.length > 1) {
              throw new Error("Parse Error: multiple actions possible at state: " + state + ", token: " + symbol);
            }
            switch (action[0]) {
              case 1:
                stack.push(symbol);
                vstack.push(this.lexer.yytext);
                lstack.push(this.lexer.yylloc);
                stack.push(action[1]);
                symbol = null;
                if (!preErrorSymbol) {
                  yyleng = this.lexer.yyleng;
                  yytext = this.lexer.yytext;
                  yylineno = this.lexer.yylineno;
                  yyloc = this.lexer.yylloc;
                  if (recovering > 0) recovering--;
                } else {
                  symbol = preErrorSymbol;
                  preErrorSymbol = null;
                }
                break;
              case 2:
                len = this.productions_[action[1]][1];
                yyval.$ = vstack[vstack.length - len];
                yyval._$ = { first_line: lstack[lstack.length - (len || 1)].first_line, last_line: lstack[lstack.length - 1].last_line, first_column: lstack[lstack.length - (len || 1)].first_column, last_column: lstack[lstack.length - 1].last_column };
                if (ranges) {
                  yyval._$.range = [lstack[lstack.length - (len || 1)].range[0], lstack[lstack.length - 1].range[1]];
                }
                r = this.performAction.call(yyval, yytext, yyleng, yylineno, this.yy, action[1], vstack, lstack);
                if (typeof r !== "undefined") {
                  return r;
                }
                if (len) {
                  stack = stack.slice(0, -1 * len * 2);
                  vstack = vstack.slice(0, -1 * len);
                  lstack = lstack.slice(0, -1 * len);
                }
                stack.push(this.productions_[action[1]][0]);
                vstack.push(yyval.$);
                lstack.push(yyval._$);
                newState = table[stack[stack.length - 2]][stack[stack.length - 1]];
                stack.push(newState);
                break;
              case 3:
                return true;
            }
          }
          return true;
        }
      };
      var lexer = (function() {
        var lexer2 = {
          EOF: 1,
          parseError: function parseError(str, hash) {
            if (this.yy.parser) {
              this.yy.parser.parseError(str, hash);
            } else {
              throw new Error(str);
            }
          },
          setInput: function setInput(input) {
            this._input = input;
            this._more = this._less = this.done = false;
            this.yylineno = this.yyleng = 0;
            this.yytext = this.matched = this.match = "";
            this.conditionStack = ["INITIAL"];
            this.yylloc = { first_line: 1, first_column: 0, last_line: 1, last_column: 0 };
            if (this.options.ranges) this.yylloc.range = [0, 0];
            this.offset = 0;
            return this;
          },
          input: function input() {
            var ch = this._input[0];
            this.yytext += ch;
            this.yyleng++;
            this.offset++;
            this.match += ch;
            this.matched += ch;
            var lines = ch.match(/(?:\r\n?|\n).*/g);
            if (lines) {
              this.yylineno++;
              this.yylloc.last_line++;
            } else {
              this.yylloc.last_column++;
            }
            if (this.options.ranges) this.yylloc.range[1]++;
            this._input = this._input.slice(1);
            return ch;
          },
          unput: function unput(ch) {
            var len = ch.length;
            var lines = ch.split(/(?:\r\n?|\n)/g);
            this._input = ch + this._input;
            this.yytext = this.yytext.substr(0, this.yytext.length - len - 1);
            this.offset -= len;
            var oldLines = this.match.split(/(?:\r\n?|\n)/g);
            this.match = this.match.substr(0, this.match.length - 1);
            this.matched = this.matched.substr(0, this.matched.length - 1);
            if (lines.length - 1) this.yylineno -= lines.length - 1;
            var r = this.yylloc.range;
            this.yylloc = {
              first_line: this.yylloc.first_line,
              last_line: this.yylineno + 1,
              first_column: this.yylloc.first_column,
              last_column: lines ? (lines.length === oldLines.length ? this.yylloc.first_column : 0) + oldLines[oldLines.length - lines.length].length - lines[0].length : this.yylloc.first_column - len
            };
            if (this.options.ranges) {
              this.yylloc.range = [r[0], r[0] + this.yyleng - len];
            }
            return this;
          },
          more: function more() {
            this._more = true;
            return this;
          },
          less: function less(n) {
            this.unput(this.match.slice(n));
          },
          pastInput: function pastInput() {
            var past = this.matched.substr(0, this.matched.length - this.match.length);
            return (past.length > 20 ? "..." : "") + past.substr(-20).replace(/\n/g, "");
          },
          upcomingInput: function upcomingInput() {
            var next = this.match;
            if (next.length < 20) {
              next += this._input.substr(0, 20 - next.length);
            }
            return (next.substr(0, 20) + (next.length > 20 ? "..." : "")).replace(/\n/g, "");
          },
          showPosition: function showPosition() {
            var pre = this.pastInput();
            var c = new Array(pre.length + 1).join("-");
            return pre + this.upcomingInput() + "\n" + c + "^";
          },
          next: function next() {
            if (this.done) {
              return this.EOF;
            }
            if (!this._input) this.done = true;
            var token, match, tempMatch, index, col, lines;
            if (!this._more) {
              this.yytext = "";
              this.match = "";
            }
            var rules = this._currentRules();
            for (var i = 0; i < rules.length; i++) {
              tempMatch = this._input.match(this.rules[rules[i]]);
              if (tempMatch && (!match || tempMatch[0].length > match[0].length)) {
                match = tempMatch;
                index = i;
                if (!this.options.flex) break;
              }
            }
            if (match) {
              lines = match[0].match(/(?:\r\n?|\n).*/g);
              if (lines) this.yylineno += lines.length;
              this.yylloc = {
                first_line: this.yylloc.last_line,
                last_line: this.yylineno + 1,
                first_column: this.yylloc.last_column,
                last_column: lines ? lines[lines.length - 1].length - lines[lines.length - 1].match(/\r?\n?/)[0].length : this.yylloc.last_column + match[0].length
              };
              this.yytext += match[0];
              this.match += match[0];
              this.matches = match;
              this.yyleng = this.yytext.length;
              if (this.options.ranges) {
                this.yylloc.range = [this.offset, this.offset += this.yyleng];
              }
              this._more = false;
              this._input = this._input.slice(match[0].length);
              this.matched += match[0];
              token = this.performAction.call(this, this.yy, this, rules[index], this.conditionStack[this.conditionStack.length - 1]);
              if (this.done && this._input) this.done = false;
              if (token) return token;
              else return;
            }
            if (this._input === "") {
              return this.EOF;
            } else {
              return this.parseError("Lexical error on line " + (this.yylineno + 1) + ". Unrecognized text.\n" + this.showPosition(), { text: "", token: null, line: this.yylineno });
            }
          },
          lex: function lex() {
            var r = this.next();
            if (typeof r !== "undefined") {
              return r;
            } else {
              return this.lex();
            }
          },
          begin: function begin(condition) {
            this.conditionStack.push(condition);
          },
          popState: function popState() {
            return this.conditionStack.pop();
          },
          _currentRules: function _currentRules() {
            return this.conditions[this.conditionStack[this.conditionStack.length - 1]].rules;
          },
          topState: function topState() {
            return this.conditionStack[this.conditionStack.length - 2];
          },
          pushState: function begin(condition) {
            this.begin(condition);
          }
        };
        lexer2.options = {};
        lexer2.performAction = function anonymous(yy, yy_, $avoiding_name_collisions, YY_START) {
          function strip(start, end) {
            return yy_.yytext = yy_.yytext.substring(start, yy_.yyleng - end + start);
          }
          var YYSTATE = YY_START;
          switch ($avoiding_name_collisions) {
            case 0:
              if (yy_.yytext.slice(-2) === "\\\\") {
                strip(0, 1);
                this.begin("mu");
              } else if (yy_.yytext.slice(-1) === "\\") {
                strip(0, 1);
                this.begin("emu");
              } else {
                this.begin("mu");
              }
              if (yy_.yytext) return 15;
              break;
            case 1:
              return 15;
              break;
            case 2:
              this.popState();
              return 15;
              break;
            case 3:
              this.begin("raw");
              return 15;
              break;
            case 4:
              this.popState();
              if (this.conditionStack[this.conditionStack.length - 1] === "raw") {
                return 15;
              } else {
                strip(5, 9);
                return "END_RAW_BLOCK";
              }
              break;
            case 5:
              return 15;
              break;
            case 6:
              this.popState();
              return 14;
              break;
            case 7:
              return 65;
              break;
            case 8:
              return 68;
              break;
            case 9:
              return 19;
              break;
            case 10:
              this.popState();
              this.begin("raw");
              return 23;
              break;
            case 11:
              return 55;
              break;
            case 12:
              return 60;
              break;
            case 13:
              return 29;
              break;
            case 14:
              return 47;
              break;
            case 15:
              this.popState();
              return 44;
              break;
            case 16:
              this.popState();
              return 44;
              break;
            case 17:
              return 34;
              break;
            case 18:
              return 39;
              break;
            case 19:
              return 51;
              break;
            case 20:
              return 48;
              break;
            case 21:
              this.unput(yy_.yytext);
              this.popState();
              this.begin("com");
              break;
            case 22:
              this.popState();
              return 14;
              break;
            case 23:
              return 48;
              break;
            case 24:
              return 73;
              break;
            case 25:
              return 72;
              break;
            case 26:
              return 72;
              break;
            case 27:
              return 87;
              break;
            case 28:
              break;
            case 29:
              this.popState();
              return 54;
              break;
            case 30:
              this.popState();
              return 33;
              break;
            case 31:
              yy_.yytext = strip(1, 2).replace(/\\"/g, '"');
              return 80;
              break;
            case 32:
              yy_.yytext = strip(1, 2).replace(/\\'/g, "'");
              return 80;
              break;
            case 33:
              return 85;
              break;
            case 34:
              return 82;
              break;
            case 35:
              return 82;
              break;
            case 36:
              return 83;
              break;
            case 37:
              return 84;
              break;
            case 38:
              return 81;
              break;
            case 39:
              return 75;
              break;
            case 40:
              return 77;
              break;
            case 41:
              return 72;
              break;
            case 42:
              yy_.yytext = yy_.yytext.replace(/\\([\\\]])/g, "$1");
              return 72;
              break;
            case 43:
              return "INVALID";
              break;
            case 44:
              return 5;
              break;
          }
        };
        lexer2.rules = [/^(?:[^\x00]*?(?=(\{\{)))/, /^(?:[^\x00]+)/, /^(?:[^\x00]{2,}?(?=(\{\{|\\\{\{|\\\\\{\{|$)))/, /^(?:\{\{\{\{(?=[^\/]))/, /^(?:\{\{\{\{\/[^\s!"#%-,\.\/;->@\[-\^`\{-~]+(?=[=}\s\/.])\}\}\}\})/, /^(?:[^\x00]+?(?=(\{\{\{\{)))/, /^(?:[\s\S]*?--(~)?\}\})/, /^(?:\()/, /^(?:\))/, /^(?:\{\{\{\{)/, /^(?:\}\}\}\})/, /^(?:\{\{(~)?>)/, /^(?:\{\{(~)?#>)/, /^(?:\{\{(~)?#\*?)/, /^(?:\{\{(~)?\/)/, /^(?:\{\{(~)?\^\s*(~)?\}\})/, /^(?:\{\{(~)?\s*else\s*(~)?\}\})/, /^(?:\{\{(~)?\^)/, /^(?:\{\{(~)?\s*else\b)/, /^(?:\{\{(~)?\{)/, /^(?:\{\{(~)?&)/, /^(?:\{\{(~)?!--)/, /^(?:\{\{(~)?![\s\S]*?\}\})/, /^(?:\{\{(~)?\*?)/, /^(?:=)/, /^(?:\.\.)/, /^(?:\.(?=([=~}\s\/.)|])))/, /^(?:[\/.])/, /^(?:\s+)/, /^(?:\}(~)?\}\})/, /^(?:(~)?\}\})/, /^(?:"(\\["]|[^"])*")/, /^(?:'(\\[']|[^'])*')/, /^(?:@)/, /^(?:true(?=([~}\s)])))/, /^(?:false(?=([~}\s)])))/, /^(?:undefined(?=([~}\s)])))/, /^(?:null(?=([~}\s)])))/, /^(?:-?[0-9]+(?:\.[0-9]+)?(?=([~}\s)])))/, /^(?:as\s+\|)/, /^(?:\|)/, /^(?:([^\s!"#%-,\.\/;->@\[-\^`\{-~]+(?=([=~}\s\/.)|]))))/, /^(?:\[(\\\]|[^\]])*\])/, /^(?:.)/, /^(?:$)/];
        lexer2.conditions = { "mu": { "rules": [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44], "inclusive": false }, "emu": { "rules": [2], "inclusive": false }, "com": { "rules": [6], "inclusive": false }, "raw": { "rules": [3, 4, 5], "inclusive": false }, "INITIAL": { "rules": [0, 1, 44], "inclusive": true } };
        return lexer2;
      })();
      parser.lexer = lexer;
      function Parser2() {
        this.yy = {};
      }
      Parser2.prototype = parser;
      parser.Parser = Parser2;
      return new Parser2();
    })();
    exports["default"] = handlebars2;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/node-types.js
var require_node_types = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/node-types.js"(exports) {
    "use strict";
    exports.__esModule = true;
    var NODE_TYPES = ["Program", "BlockStatement", "DecoratorBlock", "PartialStatement", "PartialBlockStatement", "Decorator", "MustacheStatement", "ContentStatement", "CommentStatement", "SubExpression", "PathExpression", "StringLiteral", "NumberLiteral", "BooleanLiteral", "UndefinedLiteral", "NullLiteral", "Hash", "HashPair"];
    exports.NODE_TYPES = NODE_TYPES;
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/visitor.js
var require_visitor = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/visitor.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _utils = require_utils();
    var _nodeTypes = require_node_types();
    function Visitor() {
      this.parents = [];
    }
    function isDispatchable(visitor, type) {
      return _utils.indexOf(_nodeTypes.NODE_TYPES, type) !== -1 || !(type in Visitor.prototype) && typeof visitor[type] === "function";
    }
    Visitor.prototype = {
      constructor: Visitor,
      mutating: false,
      // Visits a given value. If mutating, will replace the value if necessary.
      acceptKey: function acceptKey(node, name) {
        var value = this.accept(node[name]);
        if (this.mutating) {
          if (value && !isDispatchable(this, value.type)) {
            throw new _exception2["default"]('Unexpected node type "' + value.type + '" found when accepting ' + name + " on " + node.type);
          }
          node[name] = value;
        }
      },
      // Performs an accept operation with added sanity check to ensure
      // required keys are not removed.
      acceptRequired: function acceptRequired(node, name) {
        this.acceptKey(node, name);
        if (!node[name]) {
          throw new _exception2["default"](node.type + " requires " + name);
        }
      },
      // Traverses a given array. If mutating, empty respnses will be removed
      // for child elements.
      acceptArray: function acceptArray(array) {
        for (var i = 0, l = array.length; i < l; i++) {
          this.acceptKey(array, i);
          if (!array[i]) {
            array.splice(i, 1);
            i--;
            l--;
          }
        }
      },
      accept: function accept(object) {
        if (!object) {
          return;
        }
        if (!isDispatchable(this, object.type) || !this[object.type]) {
          throw new _exception2["default"]("Unknown type: " + object.type, object);
        }
        if (this.current) {
          this.parents.unshift(this.current);
        }
        this.current = object;
        var ret = this[object.type](object);
        this.current = this.parents.shift();
        if (!this.mutating || ret) {
          return ret;
        } else if (ret !== false) {
          return object;
        }
      },
      Program: function Program(program) {
        this.acceptArray(program.body);
      },
      MustacheStatement: visitSubExpression,
      Decorator: visitSubExpression,
      BlockStatement: visitBlock,
      DecoratorBlock: visitBlock,
      PartialStatement: visitPartial,
      PartialBlockStatement: function PartialBlockStatement(partial) {
        visitPartial.call(this, partial);
        this.acceptKey(partial, "program");
      },
      ContentStatement: function ContentStatement() {
      },
      CommentStatement: function CommentStatement() {
      },
      SubExpression: visitSubExpression,
      PathExpression: function PathExpression() {
      },
      StringLiteral: function StringLiteral() {
      },
      NumberLiteral: function NumberLiteral() {
      },
      BooleanLiteral: function BooleanLiteral() {
      },
      UndefinedLiteral: function UndefinedLiteral() {
      },
      NullLiteral: function NullLiteral() {
      },
      Hash: function Hash(hash) {
        this.acceptArray(hash.pairs);
      },
      HashPair: function HashPair(pair) {
        this.acceptRequired(pair, "value");
      }
    };
    function visitSubExpression(mustache) {
      this.acceptRequired(mustache, "path");
      this.acceptArray(mustache.params);
      this.acceptKey(mustache, "hash");
    }
    function visitBlock(block) {
      visitSubExpression.call(this, block);
      this.acceptKey(block, "program");
      this.acceptKey(block, "inverse");
    }
    function visitPartial(partial) {
      this.acceptRequired(partial, "name");
      this.acceptArray(partial.params);
      this.acceptKey(partial, "hash");
    }
    exports["default"] = Visitor;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/whitespace-control.js
var require_whitespace_control = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/whitespace-control.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _visitor = require_visitor();
    var _visitor2 = _interopRequireDefault(_visitor);
    function WhitespaceControl() {
      var options = arguments.length <= 0 || arguments[0] === void 0 ? {} : arguments[0];
      this.options = options;
    }
    WhitespaceControl.prototype = new _visitor2["default"]();
    WhitespaceControl.prototype.Program = function(program) {
      var doStandalone = !this.options.ignoreStandalone;
      var isRoot = !this.isRootSeen;
      this.isRootSeen = true;
      var body = program.body;
      for (var i = 0, l = body.length; i < l; i++) {
        var current = body[i], strip = this.accept(current);
        if (!strip) {
          continue;
        }
        var _isPrevWhitespace = isPrevWhitespace(body, i, isRoot), _isNextWhitespace = isNextWhitespace(body, i, isRoot), openStandalone = strip.openStandalone && _isPrevWhitespace, closeStandalone = strip.closeStandalone && _isNextWhitespace, inlineStandalone = strip.inlineStandalone && _isPrevWhitespace && _isNextWhitespace;
        if (strip.close) {
          omitRight(body, i, true);
        }
        if (strip.open) {
          omitLeft(body, i, true);
        }
        if (doStandalone && inlineStandalone) {
          omitRight(body, i);
          if (omitLeft(body, i)) {
            if (current.type === "PartialStatement") {
              current.indent = /(?:^|[^ \t])([ \t]+)$/.exec(body[i - 1].original)[1];
            }
          }
        }
        if (doStandalone && openStandalone) {
          omitRight((current.program || current.inverse).body);
          omitLeft(body, i);
        }
        if (doStandalone && closeStandalone) {
          omitRight(body, i);
          omitLeft((current.inverse || current.program).body);
        }
      }
      return program;
    };
    WhitespaceControl.prototype.BlockStatement = WhitespaceControl.prototype.DecoratorBlock = WhitespaceControl.prototype.PartialBlockStatement = function(block) {
      this.accept(block.program);
      this.accept(block.inverse);
      var program = block.program || block.inverse, inverse = block.program && block.inverse, firstInverse = inverse, lastInverse = inverse;
      if (inverse && inverse.chained) {
        firstInverse = inverse.body[0].program;
        while (lastInverse.chained) {
          lastInverse = lastInverse.body[lastInverse.body.length - 1].program;
        }
      }
      var strip = {
        open: block.openStrip.open,
        close: block.closeStrip.close,
        // Determine the standalone candiacy. Basically flag our content as being possibly standalone
        // so our parent can determine if we actually are standalone
        openStandalone: isNextWhitespace(program.body),
        closeStandalone: isPrevWhitespace((firstInverse || program).body)
      };
      if (block.openStrip.close) {
        omitRight(program.body, null, true);
      }
      if (inverse) {
        var inverseStrip = block.inverseStrip;
        if (inverseStrip.open) {
          omitLeft(program.body, null, true);
        }
        if (inverseStrip.close) {
          omitRight(firstInverse.body, null, true);
        }
        if (block.closeStrip.open) {
          omitLeft(lastInverse.body, null, true);
        }
        if (!this.options.ignoreStandalone && isPrevWhitespace(program.body) && isNextWhitespace(firstInverse.body)) {
          omitLeft(program.body);
          omitRight(firstInverse.body);
        }
      } else if (block.closeStrip.open) {
        omitLeft(program.body, null, true);
      }
      return strip;
    };
    WhitespaceControl.prototype.Decorator = WhitespaceControl.prototype.MustacheStatement = function(mustache) {
      return mustache.strip;
    };
    WhitespaceControl.prototype.PartialStatement = WhitespaceControl.prototype.CommentStatement = function(node) {
      var strip = node.strip || {};
      return {
        inlineStandalone: true,
        open: strip.open,
        close: strip.close
      };
    };
    function isPrevWhitespace(body, i, isRoot) {
      if (i === void 0) {
        i = body.length;
      }
      var prev = body[i - 1], sibling = body[i - 2];
      if (!prev) {
        return isRoot;
      }
      if (prev.type === "ContentStatement") {
        return (sibling || !isRoot ? /(?:^|\S)[^\S\n]*\n\s*$/ : /^\s*$|(?:^|\S)[^\S\n]*\n\s*$/).test(prev.original);
      }
    }
    function isNextWhitespace(body, i, isRoot) {
      if (i === void 0) {
        i = -1;
      }
      var next = body[i + 1], sibling = body[i + 2];
      if (!next) {
        return isRoot;
      }
      if (next.type === "ContentStatement") {
        return (sibling || !isRoot ? /^\s*?\r?\n/ : /^\s*?(\r?\n|$)/).test(next.original);
      }
    }
    function omitRight(body, i, multiple) {
      var current = body[i == null ? 0 : i + 1];
      if (!current || current.type !== "ContentStatement" || !multiple && current.rightStripped) {
        return;
      }
      var original = current.value;
      current.value = current.value.replace(multiple ? /^\s+/ : /^[ \t]*\r?\n?/, "");
      current.rightStripped = current.value !== original;
    }
    function omitLeft(body, i, multiple) {
      var current = body[i == null ? body.length - 1 : i - 1];
      if (!current || current.type !== "ContentStatement" || !multiple && current.leftStripped) {
        return;
      }
      var original = current.value;
      current.value = current.value.replace(multiple ? /(^|\S)\s+$/ : /(^|[^ \t])[ \t]+$/, "$1");
      current.leftStripped = current.value !== original;
      return current.leftStripped;
    }
    exports["default"] = WhitespaceControl;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/helpers.js
var require_helpers2 = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/helpers.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.SourceLocation = SourceLocation;
    exports.id = id;
    exports.stripFlags = stripFlags;
    exports.stripComment = stripComment;
    exports.preparePath = preparePath;
    exports.prepareMustache = prepareMustache;
    exports.prepareRawBlock = prepareRawBlock;
    exports.prepareBlock = prepareBlock;
    exports.prepareProgram = prepareProgram;
    exports.preparePartialBlock = preparePartialBlock;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    function validateClose(open, close) {
      close = close.path ? close.path.original : close;
      if (open.path.original !== close) {
        var errorNode = { loc: open.path.loc };
        throw new _exception2["default"](open.path.original + " doesn't match " + close, errorNode);
      }
    }
    function SourceLocation(source, locInfo) {
      this.source = source;
      this.start = {
        line: locInfo.first_line,
        column: locInfo.first_column
      };
      this.end = {
        line: locInfo.last_line,
        column: locInfo.last_column
      };
    }
    function id(token) {
      if (/^\[.*\]$/.test(token)) {
        return token.substring(1, token.length - 1);
      } else {
        return token;
      }
    }
    function stripFlags(open, close) {
      return {
        open: open.charAt(2) === "~",
        close: close.charAt(close.length - 3) === "~"
      };
    }
    function stripComment(comment) {
      return comment.replace(/^\{\{~?!-?-?/, "").replace(/-?-?~?\}\}$/, "");
    }
    function preparePath(data, parts, loc) {
      loc = this.locInfo(loc);
      var original = data ? "@" : "", dig = [], depth = 0;
      for (var i = 0, l = parts.length; i < l; i++) {
        var part = parts[i].part, isLiteral = parts[i].original !== part;
        original += (parts[i].separator || "") + part;
        if (!isLiteral && (part === ".." || part === "." || part === "this")) {
          if (dig.length > 0) {
            throw new _exception2["default"]("Invalid path: " + original, { loc });
          } else if (part === "..") {
            depth++;
          }
        } else {
          dig.push(part);
        }
      }
      return {
        type: "PathExpression",
        data,
        depth,
        parts: dig,
        original,
        loc
      };
    }
    function prepareMustache(path3, params, hash, open, strip, locInfo) {
      var escapeFlag = open.charAt(3) || open.charAt(2), escaped = escapeFlag !== "{" && escapeFlag !== "&";
      var decorator = /\*/.test(open);
      return {
        type: decorator ? "Decorator" : "MustacheStatement",
        path: path3,
        params,
        hash,
        escaped,
        strip,
        loc: this.locInfo(locInfo)
      };
    }
    function prepareRawBlock(openRawBlock, contents, close, locInfo) {
      validateClose(openRawBlock, close);
      locInfo = this.locInfo(locInfo);
      var program = {
        type: "Program",
        body: contents,
        strip: {},
        loc: locInfo
      };
      return {
        type: "BlockStatement",
        path: openRawBlock.path,
        params: openRawBlock.params,
        hash: openRawBlock.hash,
        program,
        openStrip: {},
        inverseStrip: {},
        closeStrip: {},
        loc: locInfo
      };
    }
    function prepareBlock(openBlock, program, inverseAndProgram, close, inverted, locInfo) {
      if (close && close.path) {
        validateClose(openBlock, close);
      }
      var decorator = /\*/.test(openBlock.open);
      program.blockParams = openBlock.blockParams;
      var inverse = void 0, inverseStrip = void 0;
      if (inverseAndProgram) {
        if (decorator) {
          throw new _exception2["default"]("Unexpected inverse block on decorator", inverseAndProgram);
        }
        if (inverseAndProgram.chain) {
          inverseAndProgram.program.body[0].closeStrip = close.strip;
        }
        inverseStrip = inverseAndProgram.strip;
        inverse = inverseAndProgram.program;
      }
      if (inverted) {
        inverted = inverse;
        inverse = program;
        program = inverted;
      }
      return {
        type: decorator ? "DecoratorBlock" : "BlockStatement",
        path: openBlock.path,
        params: openBlock.params,
        hash: openBlock.hash,
        program,
        inverse,
        openStrip: openBlock.strip,
        inverseStrip,
        closeStrip: close && close.strip,
        loc: this.locInfo(locInfo)
      };
    }
    function prepareProgram(statements, loc) {
      if (!loc && statements.length) {
        var firstLoc = statements[0].loc, lastLoc = statements[statements.length - 1].loc;
        if (firstLoc && lastLoc) {
          loc = {
            source: firstLoc.source,
            start: {
              line: firstLoc.start.line,
              column: firstLoc.start.column
            },
            end: {
              line: lastLoc.end.line,
              column: lastLoc.end.column
            }
          };
        }
      }
      return {
        type: "Program",
        body: statements,
        strip: {},
        loc
      };
    }
    function preparePartialBlock(open, program, close, locInfo) {
      validateClose(open, close);
      return {
        type: "PartialBlockStatement",
        name: open.path,
        params: open.params,
        hash: open.hash,
        program,
        openStrip: open.strip,
        closeStrip: close && close.strip,
        loc: this.locInfo(locInfo)
      };
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/base.js
var require_base2 = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/base.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.parseWithoutProcessing = parseWithoutProcessing;
    exports.parse = parse;
    function _interopRequireWildcard(obj) {
      if (obj && obj.__esModule) {
        return obj;
      } else {
        var newObj = {};
        if (obj != null) {
          for (var key2 in obj) {
            if (Object.prototype.hasOwnProperty.call(obj, key2)) newObj[key2] = obj[key2];
          }
        }
        newObj["default"] = obj;
        return newObj;
      }
    }
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _parser = require_parser();
    var _parser2 = _interopRequireDefault(_parser);
    var _whitespaceControl = require_whitespace_control();
    var _whitespaceControl2 = _interopRequireDefault(_whitespaceControl);
    var _helpers = require_helpers2();
    var Helpers = _interopRequireWildcard(_helpers);
    var _utils = require_utils();
    exports.parser = _parser2["default"];
    var yy = {};
    _utils.extend(yy, Helpers);
    function parseWithoutProcessing(input, options) {
      if (input.type === "Program") {
        return input;
      }
      _parser2["default"].yy = yy;
      yy.locInfo = function(locInfo) {
        return new yy.SourceLocation(options && options.srcName, locInfo);
      };
      var ast = _parser2["default"].parse(input);
      return ast;
    }
    function parse(input, options) {
      var ast = parseWithoutProcessing(input, options);
      var strip = new _whitespaceControl2["default"](options);
      return strip.accept(ast);
    }
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/compiler.js
var require_compiler = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/compiler.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.Compiler = Compiler;
    exports.precompile = precompile;
    exports.compile = compile;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _utils = require_utils();
    var _ast = require_ast();
    var _ast2 = _interopRequireDefault(_ast);
    var _nodeTypes = require_node_types();
    var slice = [].slice;
    function Compiler() {
    }
    Compiler.prototype = {
      compiler: Compiler,
      equals: function equals(other) {
        var len = this.opcodes.length;
        if (other.opcodes.length !== len) {
          return false;
        }
        for (var i = 0; i < len; i++) {
          var opcode = this.opcodes[i], otherOpcode = other.opcodes[i];
          if (opcode.opcode !== otherOpcode.opcode || !argEquals(opcode.args, otherOpcode.args)) {
            return false;
          }
        }
        len = this.children.length;
        for (var i = 0; i < len; i++) {
          if (!this.children[i].equals(other.children[i])) {
            return false;
          }
        }
        return true;
      },
      guid: 0,
      compile: function compile2(program, options) {
        this.sourceNode = [];
        this.opcodes = [];
        this.children = [];
        this.options = options;
        this.stringParams = options.stringParams;
        this.trackIds = options.trackIds;
        options.blockParams = options.blockParams || [];
        options.knownHelpers = _utils.extend(/* @__PURE__ */ Object.create(null), {
          helperMissing: true,
          blockHelperMissing: true,
          each: true,
          "if": true,
          unless: true,
          "with": true,
          log: true,
          lookup: true
        }, options.knownHelpers);
        return this.accept(program);
      },
      compileProgram: function compileProgram(program) {
        var childCompiler = new this.compiler(), result = childCompiler.compile(program, this.options), guid = this.guid++;
        this.usePartial = this.usePartial || result.usePartial;
        this.children[guid] = result;
        this.useDepths = this.useDepths || result.useDepths;
        return guid;
      },
      accept: function accept(node) {
        if (_utils.indexOf(_nodeTypes.NODE_TYPES, node.type) === -1 || !this[node.type]) {
          throw new _exception2["default"]("Unknown type: " + node.type, node);
        }
        this.sourceNode.unshift(node);
        var ret = this[node.type](node);
        this.sourceNode.shift();
        return ret;
      },
      Program: function Program(program) {
        validateBlockParams(program);
        this.options.blockParams.unshift(program.blockParams);
        var body = program.body, bodyLength = body.length;
        for (var i = 0; i < bodyLength; i++) {
          this.accept(body[i]);
        }
        this.options.blockParams.shift();
        this.isSimple = bodyLength === 1;
        this.blockParams = program.blockParams ? program.blockParams.length : 0;
        return this;
      },
      BlockStatement: function BlockStatement(block) {
        transformLiteralToPath(block);
        var program = block.program, inverse = block.inverse;
        program = program && this.compileProgram(program);
        inverse = inverse && this.compileProgram(inverse);
        var type = this.classifySexpr(block);
        if (type === "helper") {
          this.helperSexpr(block, program, inverse);
        } else if (type === "simple") {
          this.simpleSexpr(block);
          this.opcode("pushProgram", program);
          this.opcode("pushProgram", inverse);
          this.opcode("emptyHash");
          this.opcode("blockValue", block.path.original);
        } else {
          this.ambiguousSexpr(block, program, inverse);
          this.opcode("pushProgram", program);
          this.opcode("pushProgram", inverse);
          this.opcode("emptyHash");
          this.opcode("ambiguousBlockValue");
        }
        this.opcode("append");
      },
      DecoratorBlock: function DecoratorBlock(decorator) {
        var program = decorator.program && this.compileProgram(decorator.program);
        var params = this.setupFullMustacheParams(decorator, program, void 0), path3 = decorator.path;
        this.useDecorators = true;
        this.opcode("registerDecorator", params.length, path3.original);
      },
      PartialStatement: function PartialStatement(partial) {
        this.usePartial = true;
        var program = partial.program;
        if (program) {
          program = this.compileProgram(partial.program);
        }
        var params = partial.params;
        if (params.length > 1) {
          throw new _exception2["default"]("Unsupported number of partial arguments: " + params.length, partial);
        } else if (!params.length) {
          if (this.options.explicitPartialContext) {
            this.opcode("pushLiteral", "undefined");
          } else {
            params.push({ type: "PathExpression", parts: [], depth: 0 });
          }
        }
        var partialName = partial.name.original, isDynamic = partial.name.type === "SubExpression";
        if (isDynamic) {
          this.accept(partial.name);
        }
        this.setupFullMustacheParams(partial, program, void 0, true);
        var indent = partial.indent || "";
        if (this.options.preventIndent && indent) {
          this.opcode("appendContent", indent);
          indent = "";
        }
        this.opcode("invokePartial", isDynamic, partialName, indent);
        this.opcode("append");
      },
      PartialBlockStatement: function PartialBlockStatement(partialBlock) {
        this.PartialStatement(partialBlock);
      },
      MustacheStatement: function MustacheStatement(mustache) {
        this.SubExpression(mustache);
        if (mustache.escaped && !this.options.noEscape) {
          this.opcode("appendEscaped");
        } else {
          this.opcode("append");
        }
      },
      Decorator: function Decorator(decorator) {
        this.DecoratorBlock(decorator);
      },
      ContentStatement: function ContentStatement(content) {
        if (content.value != null && typeof content.value !== "string") {
          throw invalidAst(content, "value must be a string");
        }
        if (content.value) {
          this.opcode("appendContent", content.value);
        }
      },
      CommentStatement: function CommentStatement() {
      },
      SubExpression: function SubExpression(sexpr) {
        transformLiteralToPath(sexpr);
        var type = this.classifySexpr(sexpr);
        if (type === "simple") {
          this.simpleSexpr(sexpr);
        } else if (type === "helper") {
          this.helperSexpr(sexpr);
        } else {
          this.ambiguousSexpr(sexpr);
        }
      },
      ambiguousSexpr: function ambiguousSexpr(sexpr, program, inverse) {
        var path3 = sexpr.path, name = path3.parts[0], isBlock = program != null || inverse != null;
        this.opcode("getContext", validateDepth(path3));
        this.opcode("pushProgram", program);
        this.opcode("pushProgram", inverse);
        path3.strict = true;
        this.accept(path3);
        this.opcode("invokeAmbiguous", name, isBlock);
      },
      simpleSexpr: function simpleSexpr(sexpr) {
        var path3 = sexpr.path;
        path3.strict = true;
        this.accept(path3);
        this.opcode("resolvePossibleLambda");
      },
      helperSexpr: function helperSexpr(sexpr, program, inverse) {
        var params = this.setupFullMustacheParams(sexpr, program, inverse), path3 = sexpr.path, name = path3.parts[0];
        if (this.options.knownHelpers[name]) {
          this.opcode("invokeKnownHelper", params.length, name);
        } else if (this.options.knownHelpersOnly) {
          throw new _exception2["default"]("You specified knownHelpersOnly, but used the unknown helper " + name, sexpr);
        } else {
          path3.strict = true;
          path3.falsy = true;
          this.accept(path3);
          this.opcode("invokeHelper", params.length, path3.original, _ast2["default"].helpers.simpleId(path3));
        }
      },
      PathExpression: function PathExpression(path3) {
        var depth = validateDepth(path3);
        var parts = validateParts(path3);
        this.addDepth(depth);
        this.opcode("getContext", depth);
        var name = parts[0], scoped = _ast2["default"].helpers.scopedId(path3), blockParamId = !depth && !scoped && this.blockParamIndex(name);
        if (blockParamId) {
          this.opcode("lookupBlockParam", blockParamId, parts);
        } else if (!name) {
          this.opcode("pushContext");
        } else if (path3.data) {
          this.options.data = true;
          this.opcode("lookupData", depth, parts, path3.strict);
        } else {
          this.opcode("lookupOnContext", parts, path3.falsy, path3.strict, scoped);
        }
      },
      StringLiteral: function StringLiteral(string) {
        validateLiteral(string);
        this.opcode("pushString", string.value);
      },
      NumberLiteral: function NumberLiteral(number) {
        validateLiteral(number);
        this.opcode("pushLiteral", number.value);
      },
      BooleanLiteral: function BooleanLiteral(bool) {
        validateLiteral(bool);
        this.opcode("pushLiteral", bool.value);
      },
      UndefinedLiteral: function UndefinedLiteral() {
        this.opcode("pushLiteral", "undefined");
      },
      NullLiteral: function NullLiteral() {
        this.opcode("pushLiteral", "null");
      },
      Hash: function Hash(hash) {
        var pairs = hash.pairs, i = 0, l = void 0;
        if (!_utils.isArray(pairs)) {
          throw invalidAst(hash, "pairs must be an array");
        }
        l = pairs.length;
        for (var j = 0; j < l; j++) {
          if (!pairs[j] || typeof pairs[j].key !== "string") {
            throw invalidAst(hash, "pair keys must be strings");
          }
        }
        this.opcode("pushHash");
        for (; i < l; i++) {
          this.pushParam(pairs[i].value);
        }
        while (i--) {
          this.opcode("assignToHash", pairs[i].key);
        }
        this.opcode("popHash");
      },
      // HELPERS
      opcode: function opcode(name) {
        this.opcodes.push({
          opcode: name,
          args: slice.call(arguments, 1),
          loc: this.sourceNode[0].loc
        });
      },
      addDepth: function addDepth(depth) {
        if (!depth) {
          return;
        }
        this.useDepths = true;
      },
      classifySexpr: function classifySexpr(sexpr) {
        validateParts(sexpr.path);
        var isSimple = _ast2["default"].helpers.simpleId(sexpr.path);
        var isBlockParam = isSimple && !!this.blockParamIndex(sexpr.path.parts[0]);
        var isHelper = !isBlockParam && _ast2["default"].helpers.helperExpression(sexpr);
        var isEligible = !isBlockParam && (isHelper || isSimple);
        if (isEligible && !isHelper) {
          var _name = sexpr.path.parts[0], options = this.options;
          if (options.knownHelpers[_name]) {
            isHelper = true;
          } else if (options.knownHelpersOnly) {
            isEligible = false;
          }
        }
        if (isHelper) {
          return "helper";
        } else if (isEligible) {
          return "ambiguous";
        } else {
          return "simple";
        }
      },
      pushParams: function pushParams(params) {
        for (var i = 0, l = params.length; i < l; i++) {
          this.pushParam(params[i]);
        }
      },
      pushParam: function pushParam(val) {
        validateLiteral(val);
        var value = val.value != null ? val.value : val.original || "";
        var depth = validateDepth(val);
        if (this.stringParams) {
          if (typeof value !== "number" && typeof value !== "boolean") {
            value = String(value);
          }
          if (value.replace) {
            value = value.replace(/^(\.?\.\/)*/g, "").replace(/\//g, ".");
          }
          if (depth) {
            this.addDepth(depth);
          }
          this.opcode("getContext", depth);
          this.opcode("pushStringParam", value, val.type);
          if (val.type === "SubExpression") {
            this.accept(val);
          }
        } else {
          if (this.trackIds) {
            var blockParamIndex = void 0;
            if (val.parts && !_ast2["default"].helpers.scopedId(val) && !depth) {
              blockParamIndex = this.blockParamIndex(validateParts(val)[0]);
            }
            if (blockParamIndex) {
              var blockParamChild = val.parts.slice(1).join(".");
              this.opcode("pushId", "BlockParam", blockParamIndex, blockParamChild);
            } else {
              value = val.original || value;
              if (value.replace) {
                value = value.replace(/^this(?:\.|$)/, "").replace(/^\.\//, "").replace(/^\.$/, "");
              }
              this.opcode("pushId", val.type, value);
            }
          }
          this.accept(val);
        }
      },
      setupFullMustacheParams: function setupFullMustacheParams(sexpr, program, inverse, omitEmpty) {
        var params = sexpr.params;
        this.pushParams(params);
        this.opcode("pushProgram", program);
        this.opcode("pushProgram", inverse);
        if (sexpr.hash) {
          this.accept(sexpr.hash);
        } else {
          this.opcode("emptyHash", omitEmpty);
        }
        return params;
      },
      blockParamIndex: function blockParamIndex(name) {
        for (var depth = 0, len = this.options.blockParams.length; depth < len; depth++) {
          var blockParams = this.options.blockParams[depth], param = blockParams && _utils.indexOf(blockParams, name);
          if (blockParams && param >= 0) {
            return [depth, param];
          }
        }
      }
    };
    function precompile(input, options, env) {
      if (input == null || typeof input !== "string" && input.type !== "Program") {
        throw new _exception2["default"]("You must pass a string or Handlebars AST to Handlebars.precompile. You passed " + input);
      }
      options = options || {};
      if (!("data" in options)) {
        options.data = true;
      }
      if (options.compat) {
        options.useDepths = true;
      }
      var ast = env.parse(input, options), environment = new env.Compiler().compile(ast, options);
      return new env.JavaScriptCompiler().compile(environment, options);
    }
    function compile(input, options, env) {
      if (options === void 0) options = {};
      if (input == null || typeof input !== "string" && input.type !== "Program") {
        throw new _exception2["default"]("You must pass a string or Handlebars AST to Handlebars.compile. You passed " + input);
      }
      options = _utils.extend({}, options);
      if (!("data" in options)) {
        options.data = true;
      }
      if (options.compat) {
        options.useDepths = true;
      }
      var compiled2 = void 0;
      function compileInput() {
        var ast = env.parse(input, options), environment = new env.Compiler().compile(ast, options), templateSpec = new env.JavaScriptCompiler().compile(environment, options, void 0, true);
        return env.template(templateSpec);
      }
      function ret(context, execOptions) {
        if (!compiled2) {
          compiled2 = compileInput();
        }
        return compiled2.call(this, context, execOptions);
      }
      ret._setup = function(setupOptions) {
        if (!compiled2) {
          compiled2 = compileInput();
        }
        return compiled2._setup(setupOptions);
      };
      ret._child = function(i, data, blockParams, depths) {
        if (!compiled2) {
          compiled2 = compileInput();
        }
        return compiled2._child(i, data, blockParams, depths);
      };
      return ret;
    }
    function invalidAst(node, message) {
      return new _exception2["default"]("Invalid AST: " + node.type + " " + message, node);
    }
    function validateDepth(node) {
      var depth = node.depth;
      if (depth == null) {
        return 0;
      }
      if (typeof depth !== "number" || !isFinite(depth) || Math.floor(depth) !== depth || depth < 0) {
        throw invalidAst(node, "depth must be a non-negative integer");
      }
      return depth;
    }
    function validateLiteral(node) {
      var value = node.value;
      if (node.type === "StringLiteral" && typeof value !== "string") {
        throw invalidAst(node, "value must be a string");
      } else if (node.type === "NumberLiteral" && typeof value !== "number") {
        throw invalidAst(node, "value must be a number");
      } else if (node.type === "BooleanLiteral" && typeof value !== "boolean") {
        throw invalidAst(node, "value must be a boolean");
      }
    }
    function validateStringArray(node, value, name) {
      if (!_utils.isArray(value)) {
        throw invalidAst(node, name + " must be an array");
      }
      for (var i = 0; i < value.length; i++) {
        if (typeof value[i] !== "string") {
          throw invalidAst(node, name + " must only contain strings");
        }
      }
      return value;
    }
    function validateParts(path3) {
      return validateStringArray(path3, path3.parts, "parts");
    }
    function validateBlockParams(program) {
      if (program.blockParams != null) {
        validateStringArray(program, program.blockParams, "blockParams");
      }
    }
    function argEquals(a, b) {
      if (a === b) {
        return true;
      }
      if (_utils.isArray(a) && _utils.isArray(b) && a.length === b.length) {
        for (var i = 0; i < a.length; i++) {
          if (!argEquals(a[i], b[i])) {
            return false;
          }
        }
        return true;
      }
    }
    function transformLiteralToPath(sexpr) {
      if (!sexpr.path.parts) {
        var literal = sexpr.path;
        sexpr.path = {
          type: "PathExpression",
          data: false,
          depth: 0,
          parts: [literal.original + ""],
          original: literal.original + "",
          loc: literal.loc
        };
      }
    }
  }
});

// gitcanary-unused:source-map
var require_source_map = __commonJS({
  "gitcanary-unused:source-map"(exports, module) {
    module.exports = {};
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/code-gen.js
var require_code_gen = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/code-gen.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.safeJsonLiteral = safeJsonLiteral;
    var _utils = require_utils();
    var NEEDS_ESCAPING = /[\x00-\x1f\\"\u2028\u2029<\ud800-\udfff]/;
    var SCRIPT_DELIMITERS = /<(?=!--|\/?script)/gi;
    function escapeScriptDelimiters(code) {
      return code.replace(SCRIPT_DELIMITERS, "\\u003C");
    }
    function escapeSurrogate(surrogate) {
      return "\\u" + surrogate.charCodeAt(0).toString(16);
    }
    function safeJsonLiteral(value) {
      return escapeScriptDelimiters(JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029").replace(/[\ud800-\udfff]/g, escapeSurrogate));
    }
    var SourceNode = void 0;
    try {
      if (typeof define !== "function" || !define.amd) {
        SourceMap = require_source_map();
        SourceNode = SourceMap.SourceNode;
      }
    } catch (err) {
    }
    var SourceMap;
    if (!SourceNode) {
      SourceNode = function(line, column, srcFile, chunks) {
        this.src = "";
        if (chunks) {
          this.add(chunks);
        }
      };
      SourceNode.prototype = {
        add: function add(chunks) {
          if (_utils.isArray(chunks)) {
            chunks = chunks.join("");
          }
          this.src += chunks;
        },
        prepend: function prepend(chunks) {
          if (_utils.isArray(chunks)) {
            chunks = chunks.join("");
          }
          this.src = chunks + this.src;
        },
        toStringWithSourceMap: function toStringWithSourceMap() {
          return { code: this.toString() };
        },
        toString: function toString() {
          return this.src;
        }
      };
    }
    function castChunk(chunk, codeGen, loc) {
      if (_utils.isArray(chunk)) {
        var ret = [];
        for (var i = 0, len = chunk.length; i < len; i++) {
          ret.push(codeGen.wrap(chunk[i], loc));
        }
        return ret;
      } else if (typeof chunk === "boolean" || typeof chunk === "number") {
        return chunk + "";
      }
      return chunk;
    }
    function CodeGen(srcFile) {
      this.srcFile = srcFile;
      this.source = [];
    }
    CodeGen.prototype = {
      isEmpty: function isEmpty() {
        return !this.source.length;
      },
      prepend: function prepend(source, loc) {
        this.source.unshift(this.wrap(source, loc));
      },
      push: function push(source, loc) {
        this.source.push(this.wrap(source, loc));
      },
      merge: function merge() {
        var source = this.empty();
        this.each(function(line) {
          source.add(["  ", line, "\n"]);
        });
        return source;
      },
      each: function each(iter) {
        for (var i = 0, len = this.source.length; i < len; i++) {
          iter(this.source[i]);
        }
      },
      empty: function empty() {
        var loc = this.currentLocation || { start: {} };
        return new SourceNode(loc.start.line, loc.start.column, this.srcFile);
      },
      wrap: function wrap(chunk) {
        var loc = arguments.length <= 1 || arguments[1] === void 0 ? this.currentLocation || { start: {} } : arguments[1];
        if (chunk instanceof SourceNode) {
          return chunk;
        }
        chunk = castChunk(chunk, this, loc);
        return new SourceNode(loc.start.line, loc.start.column, this.srcFile, chunk);
      },
      functionCall: function functionCall(fn, type, params) {
        params = this.generateList(params);
        return this.wrap([fn, type ? "." + type + "(" : "(", params, ")"]);
      },
      quotedString: function quotedString(str) {
        str = str + "";
        if (!NEEDS_ESCAPING.test(str)) {
          return '"' + str + '"';
        }
        return safeJsonLiteral(str);
      },
      objectLiteral: function objectLiteral(obj) {
        var _this = this;
        var pairs = [];
        Object.keys(obj).forEach(function(key2) {
          var value = castChunk(obj[key2], _this);
          if (value !== "undefined") {
            pairs.push([_this.quotedString(key2), ":", value]);
          }
        });
        var ret = this.generateList(pairs);
        ret.prepend("{");
        ret.add("}");
        return ret;
      },
      generateList: function generateList(entries) {
        var ret = this.empty();
        for (var i = 0, len = entries.length; i < len; i++) {
          if (i) {
            ret.add(",");
          }
          ret.add(castChunk(entries[i], this));
        }
        return ret;
      },
      generateArray: function generateArray(entries) {
        var ret = this.generateList(entries);
        ret.prepend("[");
        ret.add("]");
        return ret;
      }
    };
    exports["default"] = CodeGen;
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js
var require_javascript_compiler = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/javascript-compiler.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _base = require_base();
    var _exception = require_exception();
    var _exception2 = _interopRequireDefault(_exception);
    var _utils = require_utils();
    var _codeGen = require_code_gen();
    var _codeGen2 = _interopRequireDefault(_codeGen);
    function Literal(value) {
      this.value = value;
    }
    function JavaScriptCompiler() {
    }
    JavaScriptCompiler.prototype = {
      // PUBLIC API: You can override these methods in a subclass to provide
      // alternative compiled forms for name lookup and buffering semantics
      nameLookup: function nameLookup(parent, name) {
        return this.internalNameLookup(parent, name);
      },
      depthedLookup: function depthedLookup(name) {
        return [this.aliasable("container.lookup"), "(depths, ", this.quotedString(name), ")"];
      },
      compilerInfo: function compilerInfo() {
        var revision = _base.COMPILER_REVISION, versions = _base.REVISION_CHANGES[revision];
        return [revision, versions];
      },
      appendToBuffer: function appendToBuffer(source, location, explicit) {
        if (!_utils.isArray(source)) {
          source = [source];
        }
        source = this.source.wrap(source, location);
        if (this.environment.isSimple) {
          return ["return ", source, ";"];
        } else if (explicit) {
          return ["buffer += ", source, ";"];
        } else {
          source.appendToBuffer = true;
          return source;
        }
      },
      initializeBuffer: function initializeBuffer() {
        return this.quotedString("");
      },
      // END PUBLIC API
      internalNameLookup: function internalNameLookup(parent, name) {
        this.lookupPropertyFunctionIsUsed = true;
        return ["lookupProperty(", parent, ",", this.quotedString(name), ")"];
      },
      lookupPropertyFunctionIsUsed: false,
      compile: function compile(environment, options, context, asObject) {
        this.environment = environment;
        this.options = options;
        this.stringParams = this.options.stringParams;
        this.trackIds = this.options.trackIds;
        this.precompile = !asObject;
        this.name = this.environment.name;
        this.isChild = !!context;
        this.context = context || {
          decorators: [],
          programs: [],
          environments: []
        };
        this.preamble();
        this.stackSlot = 0;
        this.stackVars = [];
        this.aliases = {};
        this.registers = { list: [] };
        this.hashes = [];
        this.compileStack = [];
        this.inlineStack = [];
        this.blockParams = [];
        this.compileChildren(environment, options);
        this.useDepths = this.useDepths || environment.useDepths || environment.useDecorators || this.options.compat;
        this.useBlockParams = this.useBlockParams || environment.useBlockParams;
        var opcodes = environment.opcodes, opcode = void 0, firstLoc = void 0, i = void 0, l = void 0;
        for (i = 0, l = opcodes.length; i < l; i++) {
          opcode = opcodes[i];
          this.source.currentLocation = opcode.loc;
          firstLoc = firstLoc || opcode.loc;
          this[opcode.opcode].apply(this, opcode.args);
        }
        this.source.currentLocation = firstLoc;
        this.pushSource("");
        if (this.stackSlot || this.inlineStack.length || this.compileStack.length) {
          throw new _exception2["default"]("Compile completed with content left on stack");
        }
        if (!this.decorators.isEmpty()) {
          this.useDecorators = true;
          this.decorators.prepend(["var decorators = container.decorators, ", this.lookupPropertyFunctionVarDeclaration(), ";\n"]);
          this.decorators.push("return fn;");
          if (asObject) {
            this.decorators = Function.apply(this, ["fn", "props", "container", "depth0", "data", "blockParams", "depths", this.decorators.merge()]);
          } else {
            this.decorators.prepend("function(fn, props, container, depth0, data, blockParams, depths) {\n");
            this.decorators.push("}\n");
            this.decorators = this.decorators.merge();
          }
        } else {
          this.decorators = void 0;
        }
        var fn = this.createFunctionContext(asObject);
        if (!this.isChild) {
          var ret = {
            compiler: this.compilerInfo(),
            main: fn
          };
          if (this.decorators) {
            ret.main_d = this.decorators;
            ret.useDecorators = true;
          }
          var _context = this.context;
          var programs = _context.programs;
          var decorators = _context.decorators;
          for (i = 0, l = programs.length; i < l; i++) {
            ret[i] = programs[i];
            if (decorators[i]) {
              ret[i + "_d"] = decorators[i];
              ret.useDecorators = true;
            }
          }
          if (this.environment.usePartial) {
            ret.usePartial = true;
          }
          if (this.options.data) {
            ret.useData = true;
          }
          if (this.useDepths) {
            ret.useDepths = true;
          }
          if (this.useBlockParams) {
            ret.useBlockParams = true;
          }
          if (this.options.compat) {
            ret.compat = true;
          }
          if (!asObject) {
            ret.compiler = JSON.stringify(ret.compiler);
            this.source.currentLocation = { start: { line: 1, column: 0 } };
            ret = this.objectLiteral(ret);
            if (options.srcName) {
              ret = ret.toStringWithSourceMap({ file: options.destName });
              ret.map = ret.map && ret.map.toString();
            } else {
              ret = ret.toString();
            }
          } else {
            ret.compilerOptions = this.options;
          }
          return ret;
        } else {
          return fn;
        }
      },
      preamble: function preamble() {
        this.lastContext = 0;
        this.source = new _codeGen2["default"](this.options.srcName);
        this.decorators = new _codeGen2["default"](this.options.srcName);
      },
      createFunctionContext: function createFunctionContext(asObject) {
        var _this = this;
        var varDeclarations = "";
        var locals = this.stackVars.concat(this.registers.list);
        if (locals.length > 0) {
          varDeclarations += ", " + locals.join(", ");
        }
        var aliasCount = 0;
        Object.keys(this.aliases).forEach(function(alias) {
          var node = _this.aliases[alias];
          if (node.children && node.referenceCount > 1) {
            varDeclarations += ", alias" + ++aliasCount + "=" + alias;
            node.children[0] = "alias" + aliasCount;
          }
        });
        if (this.lookupPropertyFunctionIsUsed) {
          varDeclarations += ", " + this.lookupPropertyFunctionVarDeclaration();
        }
        var params = ["container", "depth0", "helpers", "partials", "data"];
        if (this.useBlockParams || this.useDepths) {
          params.push("blockParams");
        }
        if (this.useDepths) {
          params.push("depths");
        }
        var source = this.mergeSource(varDeclarations);
        if (asObject) {
          params.push(source);
          return Function.apply(this, params);
        } else {
          return this.source.wrap(["function(", params.join(","), ") {\n  ", source, "}"]);
        }
      },
      mergeSource: function mergeSource(varDeclarations) {
        var isSimple = this.environment.isSimple, appendOnly = !this.forceBuffer, appendFirst = void 0, sourceSeen = void 0, bufferStart = void 0, bufferEnd = void 0;
        this.source.each(function(line) {
          if (line.appendToBuffer) {
            if (bufferStart) {
              line.prepend("  + ");
            } else {
              bufferStart = line;
            }
            bufferEnd = line;
          } else {
            if (bufferStart) {
              if (!sourceSeen) {
                appendFirst = true;
              } else {
                bufferStart.prepend("buffer += ");
              }
              bufferEnd.add(";");
              bufferStart = bufferEnd = void 0;
            }
            sourceSeen = true;
            if (!isSimple) {
              appendOnly = false;
            }
          }
        });
        if (appendOnly) {
          if (bufferStart) {
            bufferStart.prepend("return ");
            bufferEnd.add(";");
          } else if (!sourceSeen) {
            this.source.push('return "";');
          }
        } else {
          varDeclarations += ", buffer = " + (appendFirst ? "" : this.initializeBuffer());
          if (bufferStart) {
            bufferStart.prepend("return buffer + ");
            bufferEnd.add(";");
          } else {
            this.source.push("return buffer;");
          }
        }
        if (varDeclarations) {
          this.source.prepend("var " + varDeclarations.substring(2) + (appendFirst ? "" : ";\n"));
        }
        return this.source.merge();
      },
      lookupPropertyFunctionVarDeclaration: function lookupPropertyFunctionVarDeclaration() {
        return "\n      lookupProperty = container.lookupProperty || function(parent, propertyName) {\n        if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {\n          return parent[propertyName];\n        }\n        return undefined\n    }\n    ".trim();
      },
      // [blockValue]
      //
      // On stack, before: hash, inverse, program, value
      // On stack, after: return value of blockHelperMissing
      //
      // The purpose of this opcode is to take a block of the form
      // `{{#this.foo}}...{{/this.foo}}`, resolve the value of `foo`, and
      // replace it on the stack with the result of properly
      // invoking blockHelperMissing.
      blockValue: function blockValue(name) {
        var blockHelperMissing = this.aliasable("container.hooks.blockHelperMissing"), params = [this.contextName(0)];
        this.setupHelperArgs(name, 0, params);
        var blockName = this.popStack();
        params.splice(1, 0, blockName);
        this.push(this.source.functionCall(blockHelperMissing, "call", params));
      },
      // [ambiguousBlockValue]
      //
      // On stack, before: hash, inverse, program, value
      // Compiler value, before: lastHelper=value of last found helper, if any
      // On stack, after, if no lastHelper: same as [blockValue]
      // On stack, after, if lastHelper: value
      ambiguousBlockValue: function ambiguousBlockValue() {
        var blockHelperMissing = this.aliasable("container.hooks.blockHelperMissing"), params = [this.contextName(0)];
        this.setupHelperArgs("", 0, params, true);
        this.flushInline();
        var current = this.topStack();
        params.splice(1, 0, current);
        this.pushSource(["if (!", this.lastHelper, ") { ", current, " = ", this.source.functionCall(blockHelperMissing, "call", params), "}"]);
      },
      // [appendContent]
      //
      // On stack, before: ...
      // On stack, after: ...
      //
      // Appends the string value of `content` to the current buffer
      appendContent: function appendContent(content) {
        if (this.pendingContent) {
          content = this.pendingContent + content;
        } else {
          this.pendingLocation = this.source.currentLocation;
        }
        this.pendingContent = content;
      },
      // [append]
      //
      // On stack, before: value, ...
      // On stack, after: ...
      //
      // Coerces `value` to a String and appends it to the current buffer.
      //
      // If `value` is truthy, or 0, it is coerced into a string and appended
      // Otherwise, the empty string is appended
      append: function append() {
        if (this.isInline()) {
          this.replaceStack(function(current) {
            return [" != null ? ", current, ' : ""'];
          });
          this.pushSource(this.appendToBuffer(this.popStack()));
        } else {
          var local = this.popStack();
          this.pushSource(["if (", local, " != null) { ", this.appendToBuffer(local, void 0, true), " }"]);
          if (this.environment.isSimple) {
            this.pushSource(["else { ", this.appendToBuffer("''", void 0, true), " }"]);
          }
        }
      },
      // [appendEscaped]
      //
      // On stack, before: value, ...
      // On stack, after: ...
      //
      // Escape `value` and append it to the buffer
      appendEscaped: function appendEscaped() {
        this.pushSource(this.appendToBuffer([this.aliasable("container.escapeExpression"), "(", this.popStack(), ")"]));
      },
      // [getContext]
      //
      // On stack, before: ...
      // On stack, after: ...
      // Compiler value, after: lastContext=depth
      //
      // Set the value of the `lastContext` compiler value to the depth
      getContext: function getContext(depth) {
        this.lastContext = depth;
      },
      // [pushContext]
      //
      // On stack, before: ...
      // On stack, after: currentContext, ...
      //
      // Pushes the value of the current context onto the stack.
      pushContext: function pushContext() {
        this.pushStackLiteral(this.contextName(this.lastContext));
      },
      // [lookupOnContext]
      //
      // On stack, before: ...
      // On stack, after: currentContext[name], ...
      //
      // Looks up the value of `name` on the current context and pushes
      // it onto the stack.
      lookupOnContext: function lookupOnContext(parts, falsy, strict, scoped) {
        var i = 0;
        if (!scoped && this.options.compat && !this.lastContext) {
          this.push(this.depthedLookup(parts[i++]));
        } else {
          this.pushContext();
        }
        this.resolvePath("context", parts, i, falsy, strict);
      },
      // [lookupBlockParam]
      //
      // On stack, before: ...
      // On stack, after: blockParam[name], ...
      //
      // Looks up the value of `parts` on the given block param and pushes
      // it onto the stack.
      lookupBlockParam: function lookupBlockParam(blockParamId, parts) {
        this.useBlockParams = true;
        this.push(["blockParams[", blockParamId[0], "][", blockParamId[1], "]"]);
        this.resolvePath("context", parts, 1);
      },
      // [lookupData]
      //
      // On stack, before: ...
      // On stack, after: data, ...
      //
      // Push the data lookup operator
      lookupData: function lookupData(depth, parts, strict) {
        if (!depth) {
          this.pushStackLiteral("data");
        } else {
          this.pushStackLiteral("container.data(data, " + depth + ")");
        }
        this.resolvePath("data", parts, 0, true, strict);
      },
      resolvePath: function resolvePath(type, parts, startPartIndex, falsy, strict) {
        var _this2 = this;
        if (this.options.strict || this.options.assumeObjects) {
          this.push(strictLookup(this.options.strict && strict, this, parts, startPartIndex, type));
          return;
        }
        var len = parts.length;
        var _loop = function(i2) {
          _this2.replaceStack(function(current) {
            var lookup = _this2.nameLookup(current, parts[i2], type);
            if (!falsy) {
              return [" != null ? ", lookup, " : ", current];
            } else {
              return [" && ", lookup];
            }
          });
        };
        for (var i = startPartIndex; i < len; i++) {
          _loop(i);
        }
      },
      // [resolvePossibleLambda]
      //
      // On stack, before: value, ...
      // On stack, after: resolved value, ...
      //
      // If the `value` is a lambda, replace it on the stack by
      // the return value of the lambda
      resolvePossibleLambda: function resolvePossibleLambda() {
        this.push([this.aliasable("container.lambda"), "(", this.popStack(), ", ", this.contextName(0), ")"]);
      },
      // [pushStringParam]
      //
      // On stack, before: ...
      // On stack, after: string, currentContext, ...
      //
      // This opcode is designed for use in string mode, which
      // provides the string value of a parameter along with its
      // depth rather than resolving it immediately.
      pushStringParam: function pushStringParam(string, type) {
        this.pushContext();
        this.pushString(type);
        if (type !== "SubExpression") {
          if (typeof string === "string") {
            this.pushString(string);
          } else {
            this.pushStackLiteral(string);
          }
        }
      },
      emptyHash: function emptyHash(omitEmpty) {
        if (this.trackIds) {
          this.push("{}");
        }
        if (this.stringParams) {
          this.push("{}");
          this.push("{}");
        }
        this.pushStackLiteral(omitEmpty ? "undefined" : "{}");
      },
      pushHash: function pushHash() {
        if (this.hash) {
          this.hashes.push(this.hash);
        }
        this.hash = { values: {}, types: [], contexts: [], ids: [] };
      },
      popHash: function popHash() {
        var hash = this.hash;
        this.hash = this.hashes.pop();
        if (this.trackIds) {
          this.push(this.objectLiteral(hash.ids));
        }
        if (this.stringParams) {
          this.push(this.objectLiteral(hash.contexts));
          this.push(this.objectLiteral(hash.types));
        }
        this.push(this.objectLiteral(hash.values));
      },
      // [pushString]
      //
      // On stack, before: ...
      // On stack, after: quotedString(string), ...
      //
      // Push a quoted version of `string` onto the stack
      pushString: function pushString(string) {
        this.pushStackLiteral(this.quotedString(string));
      },
      // [pushLiteral]
      //
      // On stack, before: ...
      // On stack, after: value, ...
      //
      // Pushes a value onto the stack. This operation prevents
      // the compiler from creating a temporary variable to hold
      // it.
      pushLiteral: function pushLiteral(value) {
        this.pushStackLiteral(value);
      },
      // [pushProgram]
      //
      // On stack, before: ...
      // On stack, after: program(guid), ...
      //
      // Push a program expression onto the stack. This takes
      // a compile-time guid and converts it into a runtime-accessible
      // expression.
      pushProgram: function pushProgram(guid) {
        if (guid != null) {
          this.pushStackLiteral(this.programExpression(guid));
        } else {
          this.pushStackLiteral(null);
        }
      },
      // [registerDecorator]
      //
      // On stack, before: hash, program, params..., ...
      // On stack, after: ...
      //
      // Pops off the decorator's parameters, invokes the decorator,
      // and inserts the decorator into the decorators list.
      registerDecorator: function registerDecorator(paramSize, name) {
        var foundDecorator = this.nameLookup("decorators", name, "decorator"), options = this.setupHelperArgs(name, paramSize);
        this.decorators.push(["var decorator = ", foundDecorator, ";"]);
        this.decorators.push(['if (typeof decorator !== "function") { throw new Error(', this.quotedString('Missing decorator: "' + name + '"'), "); }"]);
        this.decorators.push(["fn = ", this.decorators.functionCall("decorator", "", ["fn", "props", "container", options]), " || fn;"]);
      },
      // [invokeHelper]
      //
      // On stack, before: hash, inverse, program, params..., ...
      // On stack, after: result of helper invocation
      //
      // Pops off the helper's parameters, invokes the helper,
      // and pushes the helper's return value onto the stack.
      //
      // If the helper is not found, `helperMissing` is called.
      invokeHelper: function invokeHelper(paramSize, name, isSimple) {
        var nonHelper = this.popStack(), helper = this.setupHelper(paramSize, name);
        var possibleFunctionCalls = [];
        if (isSimple) {
          possibleFunctionCalls.push(helper.name);
        }
        possibleFunctionCalls.push(nonHelper);
        if (!this.options.strict) {
          possibleFunctionCalls.push(this.aliasable("container.hooks.helperMissing"));
        }
        var functionLookupCode = ["(", this.itemsSeparatedBy(possibleFunctionCalls, "||"), ")"];
        var functionCall = this.source.functionCall(functionLookupCode, "call", helper.callParams);
        this.push(functionCall);
      },
      itemsSeparatedBy: function itemsSeparatedBy(items, separator) {
        var result = [];
        result.push(items[0]);
        for (var i = 1; i < items.length; i++) {
          result.push(separator, items[i]);
        }
        return result;
      },
      // [invokeKnownHelper]
      //
      // On stack, before: hash, inverse, program, params..., ...
      // On stack, after: result of helper invocation
      //
      // This operation is used when the helper is known to exist,
      // so a `helperMissing` fallback is not required.
      invokeKnownHelper: function invokeKnownHelper(paramSize, name) {
        var helper = this.setupHelper(paramSize, name);
        this.push(this.source.functionCall(helper.name, "call", helper.callParams));
      },
      // [invokeAmbiguous]
      //
      // On stack, before: hash, inverse, program, params..., ...
      // On stack, after: result of disambiguation
      //
      // This operation is used when an expression like `{{foo}}`
      // is provided, but we don't know at compile-time whether it
      // is a helper or a path.
      //
      // This operation emits more code than the other options,
      // and can be avoided by passing the `knownHelpers` and
      // `knownHelpersOnly` flags at compile-time.
      invokeAmbiguous: function invokeAmbiguous(name, helperCall) {
        this.useRegister("helper");
        var nonHelper = this.popStack();
        this.emptyHash();
        var helper = this.setupHelper(0, name, helperCall);
        var helperName = this.lastHelper = this.nameLookup("helpers", name, "helper");
        var lookup = ["(", "(helper = ", helperName, " || ", nonHelper, ")"];
        if (!this.options.strict) {
          lookup[0] = "(helper = ";
          lookup.push(" != null ? helper : ", this.aliasable("container.hooks.helperMissing"));
        }
        this.push(["(", lookup, helper.paramsInit ? ["),(", helper.paramsInit] : [], "),", "(typeof helper === ", this.aliasable('"function"'), " ? ", this.source.functionCall("helper", "call", helper.callParams), " : helper))"]);
      },
      // [invokePartial]
      //
      // On stack, before: context, ...
      // On stack after: result of partial invocation
      //
      // This operation pops off a context, invokes a partial with that context,
      // and pushes the result of the invocation back.
      invokePartial: function invokePartial(isDynamic, name, indent) {
        var params = [], options = this.setupParams(name, 1, params);
        if (isDynamic) {
          name = this.popStack();
          delete options.name;
        }
        if (indent) {
          options.indent = this.quotedString(indent);
        }
        options.helpers = "helpers";
        options.partials = "partials";
        options.decorators = "container.decorators";
        if (!isDynamic) {
          params.unshift(this.nameLookup("partials", name, "partial"));
        } else {
          params.unshift(name);
        }
        if (this.options.compat) {
          options.depths = "depths";
        }
        options = this.objectLiteral(options);
        params.push(options);
        this.push(this.source.functionCall("container.invokePartial", "", params));
      },
      // [assignToHash]
      //
      // On stack, before: value, ..., hash, ...
      // On stack, after: ..., hash, ...
      //
      // Pops a value off the stack and assigns it to the current hash
      assignToHash: function assignToHash(key2) {
        var value = this.popStack(), context = void 0, type = void 0, id = void 0;
        if (this.trackIds) {
          id = this.popStack();
        }
        if (this.stringParams) {
          type = this.popStack();
          context = this.popStack();
        }
        var hash = this.hash;
        if (context) {
          hash.contexts[key2] = context;
        }
        if (type) {
          hash.types[key2] = type;
        }
        if (id) {
          hash.ids[key2] = id;
        }
        hash.values[key2] = value;
      },
      pushId: function pushId(type, name, child) {
        if (type === "BlockParam") {
          this.pushStackLiteral("blockParams[" + name[0] + "].path[" + name[1] + "]" + (child ? " + " + this.quotedString("." + child) : ""));
        } else if (type === "PathExpression") {
          this.pushString(name);
        } else if (type === "SubExpression") {
          this.pushStackLiteral("true");
        } else {
          this.pushStackLiteral("null");
        }
      },
      // HELPERS
      compiler: JavaScriptCompiler,
      compileChildren: function compileChildren(environment, options) {
        var children = environment.children, child = void 0, compiler = void 0;
        for (var i = 0, l = children.length; i < l; i++) {
          child = children[i];
          compiler = new this.compiler();
          var existing = this.matchExistingProgram(child);
          if (existing == null) {
            var index = this.context.programs.push("") - 1;
            child.index = index;
            child.name = "program" + index;
            this.context.programs[index] = compiler.compile(child, options, this.context, !this.precompile);
            this.context.decorators[index] = compiler.decorators;
            this.context.environments[index] = child;
            this.useDepths = this.useDepths || compiler.useDepths;
            this.useBlockParams = this.useBlockParams || compiler.useBlockParams;
            child.useDepths = this.useDepths;
            child.useBlockParams = this.useBlockParams;
          } else {
            child.index = existing.index;
            child.name = "program" + existing.index;
            this.useDepths = this.useDepths || existing.useDepths;
            this.useBlockParams = this.useBlockParams || existing.useBlockParams;
          }
        }
      },
      matchExistingProgram: function matchExistingProgram(child) {
        for (var i = 0, len = this.context.environments.length; i < len; i++) {
          var environment = this.context.environments[i];
          if (environment && environment.equals(child)) {
            return environment;
          }
        }
      },
      programExpression: function programExpression(guid) {
        var child = this.environment.children[guid], programParams = [child.index, "data", child.blockParams];
        if (this.useBlockParams || this.useDepths) {
          programParams.push("blockParams");
        }
        if (this.useDepths) {
          programParams.push("depths");
        }
        return "container.program(" + programParams.join(", ") + ")";
      },
      useRegister: function useRegister(name) {
        if (!this.registers[name]) {
          this.registers[name] = true;
          this.registers.list.push(name);
        }
      },
      push: function push(expr) {
        if (!(expr instanceof Literal)) {
          expr = this.source.wrap(expr);
        }
        this.inlineStack.push(expr);
        return expr;
      },
      pushStackLiteral: function pushStackLiteral(item) {
        this.push(new Literal(item));
      },
      pushSource: function pushSource(source) {
        if (this.pendingContent) {
          this.source.push(this.appendToBuffer(this.source.quotedString(this.pendingContent), this.pendingLocation));
          this.pendingContent = void 0;
        }
        if (source) {
          this.source.push(source);
        }
      },
      replaceStack: function replaceStack(callback) {
        var prefix = ["("], stack = void 0, createdStack = void 0, usedLiteral = void 0;
        if (!this.isInline()) {
          throw new _exception2["default"]("replaceStack on non-inline");
        }
        var top = this.popStack(true);
        if (top instanceof Literal) {
          stack = [top.value];
          prefix = ["(", stack];
          usedLiteral = true;
        } else {
          createdStack = true;
          var _name = this.incrStack();
          prefix = ["((", this.push(_name), " = ", top, ")"];
          stack = this.topStack();
        }
        var item = callback.call(this, stack);
        if (!usedLiteral) {
          this.popStack();
        }
        if (createdStack) {
          this.stackSlot--;
        }
        this.push(prefix.concat(item, ")"));
      },
      incrStack: function incrStack() {
        this.stackSlot++;
        if (this.stackSlot > this.stackVars.length) {
          this.stackVars.push("stack" + this.stackSlot);
        }
        return this.topStackName();
      },
      topStackName: function topStackName() {
        return "stack" + this.stackSlot;
      },
      flushInline: function flushInline() {
        var inlineStack = this.inlineStack;
        this.inlineStack = [];
        for (var i = 0, len = inlineStack.length; i < len; i++) {
          var entry = inlineStack[i];
          if (entry instanceof Literal) {
            this.compileStack.push(entry);
          } else {
            var stack = this.incrStack();
            this.pushSource([stack, " = ", entry, ";"]);
            this.compileStack.push(stack);
          }
        }
      },
      isInline: function isInline() {
        return this.inlineStack.length;
      },
      popStack: function popStack(wrapped) {
        var inline = this.isInline(), item = (inline ? this.inlineStack : this.compileStack).pop();
        if (!wrapped && item instanceof Literal) {
          return item.value;
        } else {
          if (!inline) {
            if (!this.stackSlot) {
              throw new _exception2["default"]("Invalid stack pop");
            }
            this.stackSlot--;
          }
          return item;
        }
      },
      topStack: function topStack() {
        var stack = this.isInline() ? this.inlineStack : this.compileStack, item = stack[stack.length - 1];
        if (item instanceof Literal) {
          return item.value;
        } else {
          return item;
        }
      },
      contextName: function contextName(context) {
        if (this.useDepths && context) {
          return "depths[" + context + "]";
        } else {
          return "depth" + context;
        }
      },
      quotedString: function quotedString(str) {
        return this.source.quotedString(str);
      },
      objectLiteral: function objectLiteral(obj) {
        return this.source.objectLiteral(obj);
      },
      aliasable: function aliasable(name) {
        var ret = this.aliases[name];
        if (ret) {
          ret.referenceCount++;
          return ret;
        }
        ret = this.aliases[name] = this.source.wrap(name);
        ret.aliasable = true;
        ret.referenceCount = 1;
        return ret;
      },
      setupHelper: function setupHelper(paramSize, name, blockHelper) {
        var params = [], paramsInit = this.setupHelperArgs(name, paramSize, params, blockHelper);
        var foundHelper = this.nameLookup("helpers", name, "helper"), callContext = this.aliasable(this.contextName(0) + " != null ? " + this.contextName(0) + " : (container.nullContext || {})");
        return {
          params,
          paramsInit,
          name: foundHelper,
          callParams: [callContext].concat(params)
        };
      },
      setupParams: function setupParams(helper, paramSize, params) {
        var options = {}, contexts = [], types = [], ids = [], objectArgs = !params, param = void 0;
        if (objectArgs) {
          params = [];
        }
        options.name = this.quotedString(helper);
        options.hash = this.popStack();
        if (this.trackIds) {
          options.hashIds = this.popStack();
        }
        if (this.stringParams) {
          options.hashTypes = this.popStack();
          options.hashContexts = this.popStack();
        }
        var inverse = this.popStack(), program = this.popStack();
        if (program || inverse) {
          options.fn = program || "container.noop";
          options.inverse = inverse || "container.noop";
        }
        var i = paramSize;
        while (i--) {
          param = this.popStack();
          params[i] = param;
          if (this.trackIds) {
            ids[i] = this.popStack();
          }
          if (this.stringParams) {
            types[i] = this.popStack();
            contexts[i] = this.popStack();
          }
        }
        if (objectArgs) {
          options.args = this.source.generateArray(params);
        }
        if (this.trackIds) {
          options.ids = this.source.generateArray(ids);
        }
        if (this.stringParams) {
          options.types = this.source.generateArray(types);
          options.contexts = this.source.generateArray(contexts);
        }
        if (this.options.data) {
          options.data = "data";
        }
        if (this.useBlockParams) {
          options.blockParams = "blockParams";
        }
        return options;
      },
      setupHelperArgs: function setupHelperArgs(helper, paramSize, params, useRegister) {
        var options = this.setupParams(helper, paramSize, params);
        options.loc = locationLiteral(this);
        options = this.objectLiteral(options);
        if (useRegister) {
          this.useRegister("options");
          params.push("options");
          return ["options=", options];
        } else if (params) {
          params.push(options);
          return "";
        } else {
          return options;
        }
      }
    };
    (function() {
      var reservedWords = "break else new var case finally return void catch for switch while continue function this with default if throw delete in try do instanceof typeof abstract enum int short boolean export interface static byte extends long super char final native synchronized class float package throws const goto private transient debugger implements protected volatile double import public let yield await null true false".split(" ");
      var compilerWords = JavaScriptCompiler.RESERVED_WORDS = {};
      for (var i = 0, l = reservedWords.length; i < l; i++) {
        compilerWords[reservedWords[i]] = true;
      }
    })();
    JavaScriptCompiler.isValidJavaScriptVariableName = function(name) {
      return !JavaScriptCompiler.RESERVED_WORDS[name] && /^[a-zA-Z_$][0-9a-zA-Z_$]*$/.test(name);
    };
    function locationLiteral(compiler) {
      var loc = compiler.source.currentLocation;
      return loc ? _codeGen.safeJsonLiteral(loc) : "undefined";
    }
    function strictLookup(requireTerminal, compiler, parts, startPartIndex, type) {
      var stack = compiler.popStack(), len = parts.length;
      if (requireTerminal) {
        len--;
      }
      for (var i = startPartIndex; i < len; i++) {
        stack = compiler.nameLookup(stack, parts[i], type);
      }
      if (requireTerminal) {
        return [compiler.aliasable("container.strict"), "(", stack, ", ", compiler.quotedString(parts[len]), ", ", locationLiteral(compiler), " )"];
      } else {
        return stack;
      }
    }
    exports["default"] = JavaScriptCompiler;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars.js
var require_handlebars = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars.js"(exports, module) {
    "use strict";
    exports.__esModule = true;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _handlebarsRuntime = require_handlebars_runtime();
    var _handlebarsRuntime2 = _interopRequireDefault(_handlebarsRuntime);
    var _handlebarsCompilerAst = require_ast();
    var _handlebarsCompilerAst2 = _interopRequireDefault(_handlebarsCompilerAst);
    var _handlebarsCompilerBase = require_base2();
    var _handlebarsCompilerCompiler = require_compiler();
    var _handlebarsCompilerJavascriptCompiler = require_javascript_compiler();
    var _handlebarsCompilerJavascriptCompiler2 = _interopRequireDefault(_handlebarsCompilerJavascriptCompiler);
    var _handlebarsCompilerVisitor = require_visitor();
    var _handlebarsCompilerVisitor2 = _interopRequireDefault(_handlebarsCompilerVisitor);
    var _handlebarsNoConflict = require_no_conflict();
    var _handlebarsNoConflict2 = _interopRequireDefault(_handlebarsNoConflict);
    var _create = _handlebarsRuntime2["default"].create;
    function create() {
      var hb = _create();
      hb.compile = function(input, options) {
        return _handlebarsCompilerCompiler.compile(input, options, hb);
      };
      hb.precompile = function(input, options) {
        return _handlebarsCompilerCompiler.precompile(input, options, hb);
      };
      hb.AST = _handlebarsCompilerAst2["default"];
      hb.Compiler = _handlebarsCompilerCompiler.Compiler;
      hb.JavaScriptCompiler = _handlebarsCompilerJavascriptCompiler2["default"];
      hb.Parser = _handlebarsCompilerBase.parser;
      hb.parse = _handlebarsCompilerBase.parse;
      hb.parseWithoutProcessing = _handlebarsCompilerBase.parseWithoutProcessing;
      return hb;
    }
    var inst = create();
    inst.create = create;
    _handlebarsNoConflict2["default"](inst);
    inst.Visitor = _handlebarsCompilerVisitor2["default"];
    inst["default"] = inst;
    exports["default"] = inst;
    module.exports = exports["default"];
  }
});

// node_modules/handlebars/dist/cjs/handlebars/compiler/printer.js
var require_printer = __commonJS({
  "node_modules/handlebars/dist/cjs/handlebars/compiler/printer.js"(exports) {
    "use strict";
    exports.__esModule = true;
    exports.print = print;
    exports.PrintVisitor = PrintVisitor;
    function _interopRequireDefault(obj) {
      return obj && obj.__esModule ? obj : { "default": obj };
    }
    var _visitor = require_visitor();
    var _visitor2 = _interopRequireDefault(_visitor);
    function print(ast) {
      return new PrintVisitor().accept(ast);
    }
    function PrintVisitor() {
      this.padding = 0;
    }
    PrintVisitor.prototype = new _visitor2["default"]();
    PrintVisitor.prototype.pad = function(string) {
      var out = "";
      for (var i = 0, l = this.padding; i < l; i++) {
        out += "  ";
      }
      out += string + "\n";
      return out;
    };
    PrintVisitor.prototype.Program = function(program) {
      var out = "", body = program.body, i = void 0, l = void 0;
      if (program.blockParams) {
        var blockParams = "BLOCK PARAMS: [";
        for (i = 0, l = program.blockParams.length; i < l; i++) {
          blockParams += " " + program.blockParams[i];
        }
        blockParams += " ]";
        out += this.pad(blockParams);
      }
      for (i = 0, l = body.length; i < l; i++) {
        out += this.accept(body[i]);
      }
      this.padding--;
      return out;
    };
    PrintVisitor.prototype.MustacheStatement = function(mustache) {
      return this.pad("{{ " + this.SubExpression(mustache) + " }}");
    };
    PrintVisitor.prototype.Decorator = function(mustache) {
      return this.pad("{{ DIRECTIVE " + this.SubExpression(mustache) + " }}");
    };
    PrintVisitor.prototype.BlockStatement = PrintVisitor.prototype.DecoratorBlock = function(block) {
      var out = "";
      out += this.pad((block.type === "DecoratorBlock" ? "DIRECTIVE " : "") + "BLOCK:");
      this.padding++;
      out += this.pad(this.SubExpression(block));
      if (block.program) {
        out += this.pad("PROGRAM:");
        this.padding++;
        out += this.accept(block.program);
        this.padding--;
      }
      if (block.inverse) {
        if (block.program) {
          this.padding++;
        }
        out += this.pad("{{^}}");
        this.padding++;
        out += this.accept(block.inverse);
        this.padding--;
        if (block.program) {
          this.padding--;
        }
      }
      this.padding--;
      return out;
    };
    PrintVisitor.prototype.PartialStatement = function(partial) {
      var content = "PARTIAL:" + partial.name.original;
      if (partial.params[0]) {
        content += " " + this.accept(partial.params[0]);
      }
      if (partial.hash) {
        content += " " + this.accept(partial.hash);
      }
      return this.pad("{{> " + content + " }}");
    };
    PrintVisitor.prototype.PartialBlockStatement = function(partial) {
      var content = "PARTIAL BLOCK:" + partial.name.original;
      if (partial.params[0]) {
        content += " " + this.accept(partial.params[0]);
      }
      if (partial.hash) {
        content += " " + this.accept(partial.hash);
      }
      content += " " + this.pad("PROGRAM:");
      this.padding++;
      content += this.accept(partial.program);
      this.padding--;
      return this.pad("{{> " + content + " }}");
    };
    PrintVisitor.prototype.ContentStatement = function(content) {
      return this.pad("CONTENT[ '" + content.value + "' ]");
    };
    PrintVisitor.prototype.CommentStatement = function(comment) {
      return this.pad("{{! '" + comment.value + "' }}");
    };
    PrintVisitor.prototype.SubExpression = function(sexpr) {
      var params = sexpr.params, paramStrings = [], hash = void 0;
      for (var i = 0, l = params.length; i < l; i++) {
        paramStrings.push(this.accept(params[i]));
      }
      params = "[" + paramStrings.join(", ") + "]";
      hash = sexpr.hash ? " " + this.accept(sexpr.hash) : "";
      return this.accept(sexpr.path) + " " + params + hash;
    };
    PrintVisitor.prototype.PathExpression = function(id) {
      var path3 = id.parts.join("/");
      return (id.data ? "@" : "") + "PATH:" + path3;
    };
    PrintVisitor.prototype.StringLiteral = function(string) {
      return '"' + string.value + '"';
    };
    PrintVisitor.prototype.NumberLiteral = function(number) {
      return "NUMBER{" + number.value + "}";
    };
    PrintVisitor.prototype.BooleanLiteral = function(bool) {
      return "BOOLEAN{" + bool.value + "}";
    };
    PrintVisitor.prototype.UndefinedLiteral = function() {
      return "UNDEFINED";
    };
    PrintVisitor.prototype.NullLiteral = function() {
      return "NULL";
    };
    PrintVisitor.prototype.Hash = function(hash) {
      var pairs = hash.pairs, joinedPairs = [];
      for (var i = 0, l = pairs.length; i < l; i++) {
        joinedPairs.push(this.accept(pairs[i]));
      }
      return "HASH{" + joinedPairs.join(", ") + "}";
    };
    PrintVisitor.prototype.HashPair = function(pair) {
      return pair.key + "=" + this.accept(pair.value);
    };
  }
});

// node_modules/handlebars/lib/index.js
var require_lib = __commonJS({
  "node_modules/handlebars/lib/index.js"(exports, module) {
    var handlebars2 = require_handlebars()["default"];
    var printer = require_printer();
    handlebars2.PrintVisitor = printer.PrintVisitor;
    handlebars2.print = printer.print;
    module.exports = handlebars2;
    function extension(module2, filename) {
      var fs = __require("fs");
      var templateString = fs.readFileSync(filename, "utf8");
      module2.exports = handlebars2.compile(templateString);
    }
    if (typeof __require !== "undefined" && __require.extensions) {
      __require.extensions[".handlebars"] = extension;
      __require.extensions[".hbs"] = extension;
    }
  }
});

// src/gates/index.ts
import { existsSync as existsSync2 } from "node:fs";

// src/gates/analysis.ts
function isErrorMeasurement(measurement) {
  return measurement.error === true;
}
async function runMeasurements(measureOnce, limits, signal, onMeasurement, clock = systemClock) {
  const measurements = [];
  let taken = 0;
  let failed = 0;
  let inconclusive = 0;
  let consecutiveErrors = 0;
  let consecutiveSuccesses = 0;
  const successLimit = limits.consecutiveSuccessLimit ?? 0;
  let ended = limits.until?.aborted === true;
  if (!ended && (limits.initialDelayMs ?? 0) > 0)
    ended = await waitUnless(limits.initialDelayMs, signal, limits.until, clock);
  while (!ended && taken < limits.count) {
    if (measurements.length > 0) {
      const last2 = measurements[measurements.length - 1];
      const wait = isErrorMeasurement(last2) ? limits.errorIntervalMs ?? limits.intervalMs : limits.intervalMs;
      if (await waitUnless(wait, signal, limits.until, clock)) break;
    }
    signal.throwIfAborted();
    const measurement = await measureSafely(measureOnce, signal, clock);
    measurements.push(measurement);
    onMeasurement?.(measurement, measurements.length - 1);
    if (isErrorMeasurement(measurement)) {
      consecutiveSuccesses = 0;
      consecutiveErrors += 1;
      if (consecutiveErrors > limits.consecutiveErrorLimit) {
        return {
          verdict: "fail",
          value: measurement.value,
          message: `${consecutiveErrors} consecutive errors (limit ${limits.consecutiveErrorLimit}): ${measurement.message}`,
          measurements
        };
      }
      continue;
    }
    consecutiveErrors = 0;
    taken += 1;
    if (measurement.verdict === "fail") failed += 1;
    if (measurement.verdict === "inconclusive") inconclusive += 1;
    consecutiveSuccesses = measurement.verdict === "pass" ? consecutiveSuccesses + 1 : 0;
    if (limits.failureLimit >= 0 && failed > limits.failureLimit) {
      return {
        verdict: "fail",
        value: measurement.value,
        message: `${tally(limits, `${failed} of ${taken} measurements failed (limit ${limits.failureLimit})`)}${measurement.message}`,
        measurements
      };
    }
    if (inconclusive > limits.inconclusiveLimit) {
      return {
        verdict: "inconclusive",
        value: measurement.value,
        message: `${tally(limits, `${inconclusive} of ${taken} measurements inconclusive (limit ${limits.inconclusiveLimit})`)}${measurement.message}`,
        measurements
      };
    }
    if (successLimit > 0 && consecutiveSuccesses >= successLimit) {
      return {
        verdict: "pass",
        value: measurement.value,
        message: `${consecutiveSuccesses} consecutive successes (consecutiveSuccessLimit ${successLimit}): ${measurement.message}`,
        measurements
      };
    }
  }
  if (successLimit > 0 && taken >= limits.count) {
    const last2 = measurements.at(-1);
    return {
      verdict: limits.failureLimit >= 0 ? "inconclusive" : "fail",
      value: last2?.value,
      message: `consecutiveSuccessLimit ${successLimit} not reached in ${taken} measurements${last2 ? `: ${last2.message}` : ""}`,
      measurements
    };
  }
  const last = measurements.at(-1);
  const tolerated = [
    failed > 0 ? `${failed} failed (limit ${limits.failureLimit})` : "",
    inconclusive > 0 ? `${inconclusive} inconclusive (limit ${limits.inconclusiveLimit})` : ""
  ].filter((part) => part !== "");
  const summary = taken === 1 || taken === 0 ? "" : `${taken} measurements${tolerated.length > 0 ? `, ${tolerated.join(", ")}` : ""}: `;
  const stopped = limits.until?.aborted === true;
  return {
    verdict: last === void 0 && !stopped ? "inconclusive" : "pass",
    value: last?.value,
    message: `${summary}${last?.message ?? (stopped ? "step ended before the first measurement" : "no measurement")}`,
    measurements
  };
}
async function waitUnless(ms, signal, until, clock) {
  if (until === void 0) {
    await clock.sleep(ms, signal);
    return false;
  }
  if (until.aborted) return true;
  try {
    await clock.sleep(ms, AbortSignal.any([signal, until]));
  } catch (error) {
    if (signal.aborted) throw error;
  }
  return until.aborted;
}
function tally(limits, text) {
  return limits.count > 1 ? `${text}: ` : "";
}
async function measureSafely(measureOnce, signal, clock) {
  try {
    return await measureOnce();
  } catch (error) {
    signal.throwIfAborted();
    const message = error instanceof Error ? error.message : String(error);
    const measurement = {
      verdict: "inconclusive",
      message: `error: ${message}`,
      at: clock.now().toISOString(),
      error: true
    };
    return measurement;
  }
}
function limitsFrom(config, intervalMs) {
  return {
    intervalMs,
    count: config.count,
    failureLimit: config.failureLimit,
    inconclusiveLimit: config.inconclusiveLimit,
    consecutiveErrorLimit: config.consecutiveErrorLimit
  };
}

// src/gates/http-jsonpath.ts
var MEMBER = /^\.([A-Za-z0-9_$-]+)/;
var INDEX = /^\[(\d+)\]/;
var QUOTED = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/;
function parseJsonPath(path3, field = "http.jsonPath") {
  let rest = path3.trim();
  if (rest.startsWith("{") && rest.endsWith("}")) rest = rest.slice(1, -1).trim();
  if (!rest.startsWith("$")) {
    throw new GitcanaryError("FIELD_INVALID", `jsonPath must start with $: ${path3}`, { field });
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
      throw new GitcanaryError("FIELD_INVALID", `unsupported jsonPath at "${rest}" in ${path3}`, {
        field,
        hint: 'supported: $.a.b, $.items[0].c, $["key with space"]'
      });
    }
  }
  return segments;
}
function selectJsonPath(document, segments, path3) {
  let current = document;
  for (const segment of segments) {
    if (typeof segment === "number" ? Array.isArray(current) && segment < current.length : isRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      throw new Error(
        `jsonPath ${path3}: no ${typeof segment === "number" ? `[${segment}]` : `"${segment}"`} in the response`
      );
    }
  }
  return current;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// src/gates/fetch.ts
async function fetchAnswer(url, init, options) {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  let attempts = 0;
  try {
    return await withRetries(
      async () => {
        attempts += 1;
        const signal = timeoutSignal(options.timeoutMs, options.signal);
        const response = await fetch(url, { ...init, signal });
        const answer = await readCapped(response, options.maxBytes ?? 4 * 1024 * 1024);
        const reason = options.transient?.(answer);
        if (reason !== void 0) throw new TransientAnswer(reason, answer);
        return answer;
      },
      { isTransient: isTransientHttpFailure, policy, signal: options.signal }
    );
  } catch (error) {
    if (options.signal.aborted) throw error;
    const tried = attempts > 1 ? ` (tried ${attempts} times)` : "";
    if (error instanceof TransientAnswer) throw new TransientAnswer(`${error.message}${tried}`, error.answer);
    throw new FetchFailed(`${describeFailure(error)}${tried}`, isTimeout(error), { cause: error });
  }
}
var FetchFailed = class extends Error {
  constructor(message, timedOut, options) {
    super(message, options);
    this.timedOut = timedOut;
    this.name = "FetchFailed";
  }
  timedOut;
};
function isTimeout(error) {
  return error instanceof Error && error.name === "TimeoutError";
}
function describeFailure(error) {
  const parts = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    if (!parts.includes(current.message)) parts.push(current.message);
    current = current.cause;
  }
  return parts.length === 0 ? String(error) : parts.join(": ");
}
async function readCapped(response, maxBytes) {
  const reader = response.body?.getReader();
  const chunks = [];
  let size = 0;
  let truncated = false;
  if (reader !== void 0) {
    for (; ; ) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > maxBytes) {
        truncated = true;
        await reader.cancel();
        break;
      }
    }
  }
  const body = Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8");
  return { status: response.status, body, truncated };
}

// src/shared/templates.ts
var import_handlebars = __toESM(require_lib(), 1);
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
var handlebars = import_handlebars.default.create();
var compiled = /* @__PURE__ */ new Map();
var root;
function templatesRoot() {
  if (root !== void 0) return root;
  let dir = import.meta.dirname;
  for (; ; ) {
    const candidate = path.join(dir, "templates");
    if (existsSync(path.join(candidate, "commit-message.hbs"))) {
      root = candidate;
      return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new GitcanaryError("INTERNAL", "templates/ not found next to gitcanary");
    dir = parent;
  }
}
function templateSource(name) {
  const file = path.join(templatesRoot(), `${name}.hbs`);
  return existsSync(file) ? readFileSync(file, "utf8") : void 0;
}
function renderSource(source, values, options) {
  const key2 = `${options.strict ? "s" : "l"}:${source}`;
  let template = compiled.get(key2);
  if (template === void 0) {
    template = handlebars.compile(source, { noEscape: true, strict: options.strict });
    compiled.set(key2, template);
  }
  return template(values);
}
function renderFile(name, values) {
  const source = templateSource(name);
  if (source === void 0)
    throw new GitcanaryError("INTERNAL", `template ${name}.hbs not found in ${templatesRoot()}`);
  return renderSource(source, values, { strict: false });
}

// src/gates/templates.ts
function contextValues(context, variables = {}) {
  const allVariables = { ...context.variables, ...variables };
  return {
    releaseName: context.releaseName,
    name: context.releaseName,
    namespace: context.namespace,
    commit: context.commit,
    branch: context.branch,
    stepIndex: context.stepIndex,
    canaryWeight: context.canaryWeight,
    canaryImage: context.canaryImage,
    stableImage: context.stableImage,
    canaryService: context.canaryService,
    stableService: context.stableService,
    route: context.route,
    phase: context.phase,
    ...allVariables,
    variables: allVariables
  };
}
var TEMPLATE_CHECK_CONTEXT = {
  releaseName: "release",
  namespace: "default",
  commit: "0000000000000000000000000000000000000000",
  branch: "main",
  stepIndex: 1,
  canaryWeight: 10,
  canaryImage: "registry.example/app:2",
  stableImage: "registry.example/app:1",
  canaryService: "app-canary",
  stableService: "app-primary",
  route: "app",
  phase: "Progressing",
  variables: {},
  signal: new AbortController().signal,
  progress: () => void 0
};
function renderTemplate(source, values, escapeValue, field) {
  try {
    return renderSource(source, escapeValues(values, escapeValue), { strict: true });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0].replace(
      / not defined in \[object Object\] - (\d+):(\d+)$/,
      " is not a template variable (line $1, column $2)"
    );
    throw new GitcanaryError("FIELD_INVALID", `cannot render template: ${message}`, {
      field,
      hint: "template variables: releaseName, namespace, commit, canaryWeight, canaryService, stableService, route, target, interval, variables.*",
      cause: error
    });
  }
}
function escapeValues(values, escapeValue) {
  const out = {};
  for (const [key2, value] of Object.entries(values)) {
    if (value === void 0) out[key2] = escapeValue("");
    else if (typeof value === "object") out[key2] = escapeValues(value, escapeValue);
    else out[key2] = escapeValue(String(value));
  }
  return out;
}
function escapePromQLString(value) {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}
function shellQuote(value) {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
function builtinMetricTemplate(router, name) {
  const source = /^[A-Za-z][A-Za-z0-9-]*$/.test(router) ? templateSource(`metrics/${router}/${name}`) : void 0;
  if (source === void 0) {
    throw new GitcanaryError("FIELD_INVALID", `no built-in template ${name} for router ${router}`, {
      field: "prometheus.template"
    });
  }
  return source;
}

// src/gates/prometheus.ts
var PrometheusGate = class {
  constructor(name, config, options = {}) {
    this.name = name;
    this.options = options;
    this.config = parseGateConfig(prometheusConfigSchema, config, "prometheus");
    this.intervalMs = parseDuration(this.config.interval, "prometheus.interval");
    this.timeoutMs = parseDuration(this.config.timeout, "prometheus.timeout");
    this.renderQuery(TEMPLATE_CHECK_CONTEXT);
  }
  name;
  options;
  kind = "prometheus";
  config;
  intervalMs;
  timeoutMs;
  /** The PromQL this gate runs for `context`, values escaped for PromQL strings. */
  renderQuery(context) {
    const source = this.config.query ?? builtinMetricTemplate(this.config.router ?? "", this.config.template ?? "request-success-rate");
    const base = contextValues(context, this.config.variables);
    const target = stringOr(base.target, context.releaseName);
    const values = {
      target,
      service: target,
      ingress: stringOr(base.route, ""),
      interval: formatPromDuration(this.intervalMs),
      ...base
    };
    return renderTemplate(source, values, escapePromQLString, "prometheus.query").trim();
  }
  async evaluate(context) {
    const threshold = formatThreshold(this.config.thresholdRange);
    let query;
    try {
      query = this.renderQuery(context);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const token = this.config.bearerTokenEnv === void 0 ? void 0 : secretFromEnv(this.config.bearerTokenEnv);
    const outcome = await runMeasurements(
      () => this.measure(query, token, context.signal),
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${measurement.message}`),
      context.clock
    );
    return { gate: this.name, kind: this.kind, threshold, ...outcome, message: maskSecrets(outcome.message) };
  }
  async measure(query, token, signal) {
    const value = await instantQuery(this.config.address, query, {
      headers: this.config.headers ?? {},
      token,
      signal,
      timeoutMs: this.timeoutMs,
      retry: this.options.retry
    });
    const at = (/* @__PURE__ */ new Date()).toISOString();
    if (value === void 0) throw new Error(`${this.name}: no data (empty result)`);
    if (Number.isNaN(value)) {
      const threshold2 = formatThreshold(this.config.thresholdRange);
      return { verdict: "fail", value: "NaN", message: `${this.name} = NaN (threshold ${threshold2})`, at };
    }
    const threshold = formatThreshold(this.config.thresholdRange);
    const verdict = inRange(value, this.config.thresholdRange) ? "pass" : "fail";
    return { verdict, value, message: `${this.name} = ${formatValue(value)} (threshold ${threshold})`, at };
  }
};
async function instantQuery(address, query, options) {
  return sampleValue(await prometheusApi(address, "api/v1/query", { query }, options));
}
async function rangeQuery(address, query, range, options) {
  const params = { query, start: String(range.start), end: String(range.end), step: String(range.step) };
  const data = await prometheusApi(address, "api/v1/query_range", params, options);
  if (data.resultType !== "matrix")
    throw new Error(`query returned a ${data.resultType}, expected a range vector`);
  const series = data.result;
  if (series.length === 0) return [];
  if (series.length > 1) throw severalSeries(series);
  return series[0].values.map(([time2, value]) => [time2, parseSampleValue(value)]);
}
async function prometheusApi(address, endpoint, params, options) {
  const url = new URL(endpoint, address.endsWith("/") ? address : `${address}/`);
  const headers = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
    ...options.headers
  };
  if (options.token !== void 0) headers.authorization = `Bearer ${options.token}`;
  let answer;
  try {
    answer = await fetchAnswer(
      url,
      { method: "POST", headers, body: new URLSearchParams(params) },
      {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? 3e4,
        retry: options.retry,
        transient: ({ status, body: body2 }) => {
          if (isTransientStatus(status)) return `prometheus query failed: HTTP ${status}: ${excerpt(body2)}`;
          if (parseResponse(body2) === void 0)
            return `prometheus answered HTTP ${status} that is not its JSON: ${excerpt(body2)}`;
          return void 0;
        }
      }
    );
  } catch (error) {
    options.signal.throwIfAborted();
    if (error instanceof TransientAnswer) throw new Error(error.message);
    throw new Error(
      `prometheus ${url.origin} unreachable: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  const body = parseResponse(answer.body);
  if (answer.status < 200 || answer.status >= 300 || body?.status !== "success") {
    const reason = body?.error ?? excerpt(answer.body);
    throw new Error(`prometheus query failed: HTTP ${answer.status}: ${reason}`);
  }
  if (body.data === void 0) throw new Error("prometheus answered without data");
  return body.data;
}
function parseResponse(text) {
  try {
    const parsed = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && typeof parsed.status === "string" ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function excerpt(text) {
  return text.slice(0, 200).replace(/\s+/g, " ").trim();
}
function sampleValue(data) {
  if (data.resultType === "scalar") return parseSampleValue(data.result[1]);
  if (data.resultType === "vector") {
    const samples = data.result;
    if (samples.length === 0) return void 0;
    if (samples.length > 1) throw severalSeries(samples);
    return parseSampleValue(samples[0].value[1]);
  }
  throw new Error(`query returned a ${data.resultType}, expected a scalar or an instant vector`);
}
function severalSeries(series) {
  const labels = series.slice(0, 3).map((each) => JSON.stringify(each.metric));
  return new Error(
    `query returned ${series.length} series, expected one (aggregate with sum/avg): ${labels.join(", ")}`
  );
}
function parseSampleValue(text) {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}
function inRange(value, range) {
  return (range.min === void 0 || value >= range.min) && (range.max === void 0 || value <= range.max);
}
function formatThreshold(range) {
  if (range.min !== void 0 && range.max !== void 0) return `[${range.min}, ${range.max}]`;
  if (range.min !== void 0) return `>= ${range.min}`;
  return `<= ${range.max}`;
}
function formatValue(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
function stringOr(value, fallback) {
  return typeof value === "string" && value !== "" ? value : fallback;
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
    const value = sampleValue2(text);
    return { value, shown: formatSample(text) };
  }
  if (data.resultType === "vector") {
    const samples = data.result;
    const values = samples.map((sample) => sampleValue2(sample.value[1]));
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
function sampleValue2(text) {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}
function formatSample(text) {
  const value = sampleValue2(text);
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
  const path3 = config.jsonPath === void 0 || config.jsonPath === "" ? "{$}" : config.jsonPath;
  let value;
  try {
    value = selectJsonPath(data, parseJsonPath(path3, "web.jsonPath"), path3);
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
  let root2;
  try {
    root2 = jsep(source);
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
  if (root2.type === "Compound") {
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
      const value = evaluate(root2, { result, closure: void 0 });
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
  return tree.paths().filter((path3) => path3.startsWith(prefix));
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
function invalid(message, place, path3 = [], hint) {
  const suffix = path3.map((part) => typeof part === "number" ? `[${part}]` : `.${String(part)}`).join("");
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
  }
  name;
  options;
  kind = "sync";
  config;
  deadlineMs;
  pollIntervalMs;
  baseUrl;
  /** Only this client skips certificate checks (`insecure`); made with the first request. */
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
  async get(url, token, signal) {
    const headers = { accept: "application/json" };
    if (token !== void 0) headers.authorization = `Bearer ${token}`;
    const client = url.protocol === "https:" ? await import("node:https") : await import("node:http");
    if (this.config.insecure === true && url.protocol === "https:")
      this.agent ??= new (await import("node:https")).Agent({ rejectUnauthorized: false, keepAlive: true });
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
  const root2 = parser.parseExpression();
  parser.expectEnd();
  return {
    source,
    evaluate(result) {
      const value = evaluateNode(root2, result);
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
    const path3 = [];
    for (; ; ) {
      if (this.takeOp(".")) {
        const name = this.tokens[this.position];
        if (name?.kind !== "word")
          throw syntaxError(this.source, this.field, "expected a member name after .");
        path3.push(name.value);
        this.position += 1;
      } else if (this.takeOp("[")) {
        const key2 = this.tokens[this.position];
        if (key2?.kind !== "number" && key2?.kind !== "string") {
          throw syntaxError(this.source, this.field, "expected an index or a quoted key in [ ]");
        }
        path3.push(key2.value);
        this.position += 1;
        if (!this.takeOp("]")) throw syntaxError(this.source, this.field, "missing ]");
      } else {
        return path3;
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
function member2(value, path3) {
  let current = value;
  for (const key2 of path3) {
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
          `${call2}, expected ${formatExpectStatus(this.config.expectStatus)}${excerpt2(body)}`
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
      if (this.jsonPath !== void 0) throw new Error(`response is not JSON${excerpt2(body)}`);
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
function excerpt2(body) {
  const text = body.trim().replace(/\s+/g, " ");
  return text === "" ? "" : `: ${truncate(text, 200)}`;
}
function truncate(text, max = 80) {
  return text.length > max ? `${text.slice(0, max)}\u2026` : text;
}

// src/gates/judge/gate.ts
var JudgeGate = class {
  constructor(name, config, options = {}) {
    this.name = name;
    this.config = parseGateConfig(judgeConfigSchema, config, "judge");
    this.lookbackMs = parseDuration(this.config.lookback, "judge.lookback");
    this.stepMs = parseDuration(this.config.step, "judge.step");
    this.timeoutMs = parseDuration(this.config.prometheus.timeout, "judge.prometheus.timeout");
    this.intervalMs = parseDuration(this.config.interval, "judge.interval");
    this.now = options.now ?? (() => /* @__PURE__ */ new Date());
    if (this.stepMs < 1e3 || this.lookbackMs < this.stepMs) {
      throw new GitcanaryError("CONFIG_INVALID", "judge needs step >= 1s and lookback >= step", {
        field: "judge.step"
      });
    }
    const samples = Math.floor(this.lookbackMs / this.stepMs) + 1;
    if (samples > MAX_JUDGE_SAMPLES) {
      throw new GitcanaryError("CONFIG_INVALID", `lookback / step asks for ${samples} samples per group`, {
        field: "judge.step",
        hint: `at most ${MAX_JUDGE_SAMPLES}: raise step or shorten lookback`
      });
    }
  }
  name;
  kind = "judge";
  config;
  lookbackMs;
  stepMs;
  timeoutMs;
  intervalMs;
  now;
  /** The PromQL of `metric` for one group; values escaped for PromQL strings. */
  renderQuery(metric, group, context) {
    const values = {
      ...contextValues(context, this.config.variables),
      group,
      lookback: formatPromDuration(this.lookbackMs),
      step: formatPromDuration(this.stepMs)
    };
    return renderTemplate(
      metric.query,
      values,
      escapePromQLString,
      `judge.metrics.${metric.name}.query`
    ).trim();
  }
  async evaluate(context) {
    const threshold = formatThresholds(this.config.thresholds);
    let metrics;
    try {
      metrics = this.config.metrics.map((metric) => ({
        config: metric,
        canary: this.renderQuery(metric, this.config.groups.canary, context),
        baseline: this.renderQuery(metric, this.config.groups.baseline, context)
      }));
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const token = this.config.prometheus.bearerTokenEnv === void 0 ? void 0 : secretFromEnv(this.config.prometheus.bearerTokenEnv);
    let judgment;
    const outcome = await runMeasurements(
      async () => {
        judgment = await this.judge(metrics, token, context);
        return measurementOf(judgment);
      },
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${measurement.message.split("\n")[0]}`)
    );
    return {
      gate: this.name,
      kind: this.kind,
      threshold,
      ...outcome,
      message: maskSecrets(outcome.message),
      ...judgment === void 0 ? {} : { judgment }
    };
  }
  /** One judgment over the window ending now. */
  async judge(metrics, token, context) {
    const endMs = this.now().getTime();
    const range = { start: (endMs - this.lookbackMs) / 1e3, end: endMs / 1e3, step: this.stepMs / 1e3 };
    const options = {
      headers: this.config.prometheus.headers ?? {},
      token,
      signal: timeoutSignal(this.timeoutMs, context.signal)
    };
    const queryFor = async (query, metric, group) => {
      try {
        return await rangeQuery(this.config.prometheus.address, query, range, options);
      } catch (error) {
        throw new Error(`${metric} (${group}): ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const { canary: canaryGroup, baseline: baselineGroup } = this.config.groups;
    const series = await Promise.all(
      metrics.map(async ({ config, canary, baseline }) => {
        const [canarySamples, baselineSamples] = await Promise.all([
          queryFor(canary, config.name, canaryGroup),
          queryFor(baseline, config.name, baselineGroup)
        ]);
        return { config, canary: canarySamples, baseline: baselineSamples };
      })
    );
    return judgeSeries(
      this.config,
      series,
      {
        start: new Date(range.start * 1e3).toISOString(),
        end: new Date(endMs).toISOString(),
        stepSeconds: range.step
      },
      baselineOf(context.baselineWorkload, context.baselineTraffic, baselineGroup)
    );
  }
};
function judgeSeries(config, series, window, baseline) {
  const { canary: canaryGroup, baseline: baselineGroup } = config.groups;
  const judged = series.map(({ config: metric, canary, baseline: base }) => {
    const result = classifyMetric(
      canary.map(([, value]) => value),
      base.map(([, value]) => value),
      {
        direction: metric.direction,
        confidence: config.confidence,
        effectSize: metric.effectSize ?? config.effectSize,
        nanStrategy: metric.nanStrategy,
        outlierFactor: metric.outliers?.strategy === "remove" ? metric.outliers.outlierFactor : void 0
      }
    );
    return {
      name: metric.name,
      group: metric.group ?? DEFAULT_GROUP,
      weight: metric.weight,
      critical: metric.critical,
      direction: metric.direction,
      classification: result.classification,
      reason: result.reason,
      canary: { group: canaryGroup, samples: canary, summary: result.canary },
      baseline: { group: baselineGroup, samples: base, summary: result.baseline },
      pValue: result.test?.pValue,
      pMethod: result.test?.method,
      shift: result.test?.shift,
      relativeChange: result.relativeChange
    };
  });
  const score = scoreMetrics(judged, config.groupWeights);
  return {
    verdict: scoreVerdict(score, config.thresholds),
    score: score.score,
    thresholds: config.thresholds,
    confidence: config.confidence,
    effectSize: config.effectSize,
    window,
    groups: score.groups,
    criticalFailures: score.criticalFailures,
    metrics: judged,
    ...baseline
  };
}
function baselineOf(workload, traffic, group) {
  if (workload !== void 0 && traffic !== void 0 && traffic.length > 0) {
    return {
      comparedWith: "baseline",
      baselineNote: `the spec.baseline workload (${workload}), stable image at the canary's scale, with the canary's share of traffic through ${traffic.join(", ")}`
    };
  }
  const why = workload === void 0 ? "no spec.baseline workload" : `the spec.baseline workload (${workload}) gets no traffic: no router names a baselineService`;
  return {
    comparedWith: "stable",
    baselineNote: `compared the canary with the stable pods (${why}): "${group}" is what the queries select, pods that ran longer than the canary (warm caches, more traffic)`
  };
}
function measurementOf(judgment) {
  return {
    verdict: judgment.verdict,
    value: Number(formatScore(judgment.score)),
    message: formatJudgment(judgment),
    at: (/* @__PURE__ */ new Date()).toISOString()
  };
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
var MAX_BODY_BYTES2 = 64 * 1024;
var PostTimeoutError = class extends Error {
  constructor(timeoutMs) {
    super(`no answer within ${timeoutMs}ms`);
    this.timeoutMs = timeoutMs;
    this.name = "PostTimeoutError";
  }
  timeoutMs;
};
async function postJson(url, body, options) {
  const target = new URL(url);
  const client = target.protocol === "https:" ? await import("node:https") : target.protocol === "http:" ? await import("node:http") : void 0;
  if (client === void 0) throw new Error(`unsupported URL scheme ${target.protocol}`);
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
      const excerpt3 = ok ? "" : bodyExcerpt(answer.body);
      const tries = answer.attempts > 1 ? ` after ${answer.attempts} attempts` : "";
      measurement = {
        verdict: verdictFor(effect, ok),
        value: answer.status,
        message: maskSecrets(
          `${target} answered HTTP ${answer.status}${tries}${describe(effect, ok, answer.status)}${excerpt3}`
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
    if (config.kubeconfig !== void 0 && !existsSync2(config.kubeconfig)) {
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
    const { FluxSyncGate } = await import("./flux-GBDARWGZ.js");
    return new FluxSyncGate(this.name, this.config).evaluate(context);
  }
};

// src/config/load.ts
var import_yaml = __toESM(require_dist(), 1);
import { lstat, readFile, readlink, stat } from "node:fs/promises";
import path2 from "node:path";

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
  const claim = (name, path3) => {
    if (names.has(name)) issues.push({ path: path3, message: `gate name \`${name}\` is used twice in analysis` });
    names.set(name, path3);
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
    const path3 = (first?.path ?? []).map((part) => typeof part === "symbol" ? String(part) : part);
    throw new GitcanaryError("CONFIG_INVALID", first?.message ?? "invalid analysis", {
      field: fieldPath([...sourceField.split("."), ...path3])
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
external_exports.config({ jitless: true });
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
      `pass the file, e.g. ${path2.join(file, "gitcanary.yaml")}`
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
  const dir = path2.dirname(path2.resolve(file));
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
  const repo = isRemoteRepo(config.spec.git.repo) ? config.spec.git.repo : path2.resolve(dir, config.spec.git.repo);
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
  require_lib,
  renderFile,
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
