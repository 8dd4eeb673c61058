import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  require_handlebars_runtime
} from "./chunk-KGKE37OE.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  __commonJS,
  __toESM
} from "./chunk-ZXCS2I6Q.js";

// node_modules/handlebars/runtime.js
var require_runtime = __commonJS({
  "node_modules/handlebars/runtime.js"(exports, module) {
    module.exports = require_handlebars_runtime()["default"];
  }
});

// src/shared/templates.ts
var import_runtime = __toESM(require_runtime(), 1);
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

// gitcanary-templates:precompiled-templates
var precompiledTemplates = {
  // templates/commit-message.hbs
  "ab80a9880df82eb2816e848a22dd08e7ef4adadfae5578ecf7d8e57fcf1641d1": { "0": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ((stack1 = (helper = (helper = lookupProperty(helpers, "body") || (depth0 != null ? lookupProperty(depth0, "body") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "body", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 12 }, "end": { "line": 3, "column": 20 } } }) : helper)) != null ? stack1 : "") + "\n";
  }, "1": function(container, depth0, helpers, partials, data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "\nGate evidence:\n" + ((stack1 = lookupProperty(helpers, "each").call(depth0 != null ? depth0 : container.nullContext || {}, depth0 != null ? lookupProperty(depth0, "gates") : depth0, { "name": "each", "hash": {}, "fn": container.program(2, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 6, "column": 0 }, "end": { "line": 7, "column": 9 } } })) != null ? stack1 : "");
  }, "2": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "- " + ((stack1 = (helper = (helper = lookupProperty(helpers, "gate") || (depth0 != null ? lookupProperty(depth0, "gate") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "gate", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 17 }, "end": { "line": 6, "column": 25 } } }) : helper)) != null ? stack1 : "") + " (" + ((stack1 = (helper = (helper = lookupProperty(helpers, "kind") || (depth0 != null ? lookupProperty(depth0, "kind") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "kind", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 27 }, "end": { "line": 6, "column": 35 } } }) : helper)) != null ? stack1 : "") + "): " + ((stack1 = (helper = (helper = lookupProperty(helpers, "verdict") || (depth0 != null ? lookupProperty(depth0, "verdict") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "verdict", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 38 }, "end": { "line": 6, "column": 49 } } }) : helper)) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "value") : depth0, { "name": "if", "hash": {}, "fn": container.program(3, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 6, "column": 49 }, "end": { "line": 6, "column": 85 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "threshold") : depth0, { "name": "if", "hash": {}, "fn": container.program(4, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 6, "column": 85 }, "end": { "line": 6, "column": 133 } } })) != null ? stack1 : "") + " \u2014 " + ((stack1 = (helper = (helper = lookupProperty(helpers, "message") || (depth0 != null ? lookupProperty(depth0, "message") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "message", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 136 }, "end": { "line": 6, "column": 147 } } }) : helper)) != null ? stack1 : "") + "\n";
  }, "3": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return " value=" + ((stack1 = (helper = (helper = lookupProperty(helpers, "value") || (depth0 != null ? lookupProperty(depth0, "value") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "value", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 69 }, "end": { "line": 6, "column": 78 } } }) : helper)) != null ? stack1 : "");
  }, "4": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return " threshold " + ((stack1 = (helper = (helper = lookupProperty(helpers, "threshold") || (depth0 != null ? lookupProperty(depth0, "threshold") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "threshold", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 113 }, "end": { "line": 6, "column": 126 } } }) : helper)) != null ? stack1 : "");
  }, "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ((stack1 = (helper = (helper = lookupProperty(helpers, "subject") || (depth0 != null ? lookupProperty(depth0, "subject") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(alias1, { "name": "subject", "hash": {}, "data": data, "loc": { "start": { "line": 1, "column": 0 }, "end": { "line": 1, "column": 11 } } }) : helper)) != null ? stack1 : "") + "\n\n" + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "body") : depth0, { "name": "if", "hash": {}, "fn": container.program(0, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 3, "column": 0 }, "end": { "line": 4, "column": 7 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "gates") : depth0) != null ? lookupProperty(stack1, "length") : stack1, { "name": "if", "hash": {}, "fn": container.program(1, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 4, "column": 7 }, "end": { "line": 7, "column": 16 } } })) != null ? stack1 : "") + "\n";
  }, "useData": true },
  // templates/job-summary.hbs
  "66816edc6a4aecc32cb207af096e9416b41a91a1694b25153cc04c1ffb0b50b7": { "0": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ": " + ((stack1 = (helper = (helper = lookupProperty(helpers, "release") || (depth0 != null ? lookupProperty(depth0, "release") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "release", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 51 }, "end": { "line": 3, "column": 62 } } }) : helper)) != null ? stack1 : "");
  }, "1": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return " \u2014 " + ((stack1 = (helper = (helper = lookupProperty(helpers, "outcome") || (depth0 != null ? lookupProperty(depth0, "outcome") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "outcome", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 87 }, "end": { "line": 3, "column": 98 } } }) : helper)) != null ? stack1 : "");
  }, "2": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ((stack1 = (helper = (helper = lookupProperty(helpers, "message") || (depth0 != null ? lookupProperty(depth0, "message") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "message", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 0 }, "end": { "line": 6, "column": 11 } } }) : helper)) != null ? stack1 : "") + " (exit code " + ((stack1 = (helper = (helper = lookupProperty(helpers, "exitCode") || (depth0 != null ? lookupProperty(depth0, "exitCode") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "exitCode", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 23 }, "end": { "line": 6, "column": 35 } } }) : helper)) != null ? stack1 : "") + ")\n\n";
  }, "3": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "> [!CAUTION]\n> " + ((stack1 = (helper = (helper = lookupProperty(helpers, "error") || (depth0 != null ? lookupProperty(depth0, "error") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "error", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 2 }, "end": { "line": 11, "column": 11 } } }) : helper)) != null ? stack1 : "") + "\n\n";
  }, "4": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "- **" + ((stack1 = (helper = (helper = lookupProperty(helpers, "label") || (depth0 != null ? lookupProperty(depth0, "label") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "label", "hash": {}, "data": data, "loc": { "start": { "line": 15, "column": 4 }, "end": { "line": 15, "column": 13 } } }) : helper)) != null ? stack1 : "") + "**: " + ((stack1 = (helper = (helper = lookupProperty(helpers, "value") || (depth0 != null ? lookupProperty(depth0, "value") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "value", "hash": {}, "data": data, "loc": { "start": { "line": 15, "column": 17 }, "end": { "line": 15, "column": 26 } } }) : helper)) != null ? stack1 : "") + "\n";
  }, "5": function(container, depth0, helpers, partials, data) {
    return "\n";
  }, "6": function(container, depth0, helpers, partials, data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "| Step | Change | Weight | Commit | Gates | Duration |\n| --- | --- | ---: | --- | --- | ---: |\n" + ((stack1 = lookupProperty(helpers, "each").call(depth0 != null ? depth0 : container.nullContext || {}, depth0 != null ? lookupProperty(depth0, "rows") : depth0, { "name": "each", "hash": {}, "fn": container.program(7, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 23, "column": 0 }, "end": { "line": 25, "column": 9 } } })) != null ? stack1 : "") + "\n";
  }, "7": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "| " + ((stack1 = (helper = (helper = lookupProperty(helpers, "step") || (depth0 != null ? lookupProperty(depth0, "step") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "step", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 2 }, "end": { "line": 24, "column": 10 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "change") || (depth0 != null ? lookupProperty(depth0, "change") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "change", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 13 }, "end": { "line": 24, "column": 23 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "weight") || (depth0 != null ? lookupProperty(depth0, "weight") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "weight", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 26 }, "end": { "line": 24, "column": 36 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "commit") || (depth0 != null ? lookupProperty(depth0, "commit") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "commit", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 39 }, "end": { "line": 24, "column": 49 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "gates") || (depth0 != null ? lookupProperty(depth0, "gates") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "gates", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 52 }, "end": { "line": 24, "column": 61 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "duration") || (depth0 != null ? lookupProperty(depth0, "duration") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "duration", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 64 }, "end": { "line": 24, "column": 76 } } }) : helper)) != null ? stack1 : "") + " |\n";
  }, "8": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "#### " + ((stack1 = (helper = (helper = lookupProperty(helpers, "icon") || (depth0 != null ? lookupProperty(depth0, "icon") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "icon", "hash": {}, "data": data, "loc": { "start": { "line": 29, "column": 5 }, "end": { "line": 29, "column": 13 } } }) : helper)) != null ? stack1 : "") + " Judge " + ((stack1 = (helper = (helper = lookupProperty(helpers, "gate") || (depth0 != null ? lookupProperty(depth0, "gate") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "gate", "hash": {}, "data": data, "loc": { "start": { "line": 29, "column": 20 }, "end": { "line": 29, "column": 28 } } }) : helper)) != null ? stack1 : "") + ": " + ((stack1 = (helper = (helper = lookupProperty(helpers, "headline") || (depth0 != null ? lookupProperty(depth0, "headline") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "headline", "hash": {}, "data": data, "loc": { "start": { "line": 29, "column": 30 }, "end": { "line": 29, "column": 42 } } }) : helper)) != null ? stack1 : "") + "\n\n" + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "baseline") : depth0, { "name": "if", "hash": {}, "fn": container.program(9, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 31, "column": 0 }, "end": { "line": 34, "column": 7 } } })) != null ? stack1 : "") + "| Metric | Result | Canary median | Baseline median | Shift [" + ((stack1 = (helper = (helper = lookupProperty(helpers, "confidence") || (depth0 != null ? lookupProperty(depth0, "confidence") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "confidence", "hash": {}, "data": data, "loc": { "start": { "line": 35, "column": 61 }, "end": { "line": 35, "column": 75 } } }) : helper)) != null ? stack1 : "") + " interval] | p-value | Change | Samples |\n| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |\n" + ((stack1 = lookupProperty(helpers, "each").call(alias1, depth0 != null ? lookupProperty(depth0, "rows") : depth0, { "name": "each", "hash": {}, "fn": container.program(10, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 37, "column": 0 }, "end": { "line": 39, "column": 9 } } })) != null ? stack1 : "") + "\n";
  }, "9": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ((stack1 = (helper = (helper = lookupProperty(helpers, "baseline") || (depth0 != null ? lookupProperty(depth0, "baseline") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "baseline", "hash": {}, "data": data, "loc": { "start": { "line": 32, "column": 0 }, "end": { "line": 32, "column": 12 } } }) : helper)) != null ? stack1 : "") + "\n\n";
  }, "10": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "| " + ((stack1 = (helper = (helper = lookupProperty(helpers, "metric") || (depth0 != null ? lookupProperty(depth0, "metric") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "metric", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 2 }, "end": { "line": 38, "column": 12 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "classification") || (depth0 != null ? lookupProperty(depth0, "classification") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "classification", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 15 }, "end": { "line": 38, "column": 33 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "canaryMedian") || (depth0 != null ? lookupProperty(depth0, "canaryMedian") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "canaryMedian", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 36 }, "end": { "line": 38, "column": 52 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "baselineMedian") || (depth0 != null ? lookupProperty(depth0, "baselineMedian") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "baselineMedian", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 55 }, "end": { "line": 38, "column": 73 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "shift") || (depth0 != null ? lookupProperty(depth0, "shift") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "shift", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 76 }, "end": { "line": 38, "column": 85 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "pValue") || (depth0 != null ? lookupProperty(depth0, "pValue") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "pValue", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 88 }, "end": { "line": 38, "column": 98 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "change") || (depth0 != null ? lookupProperty(depth0, "change") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "change", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 101 }, "end": { "line": 38, "column": 111 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "samples") || (depth0 != null ? lookupProperty(depth0, "samples") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "samples", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 114 }, "end": { "line": 38, "column": 125 } } }) : helper)) != null ? stack1 : "") + " |\n";
  }, "11": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return '```mermaid\nxychart-beta\n  title "' + ((stack1 = (helper = (helper = lookupProperty(helpers, "title") || (depth0 != null ? lookupProperty(depth0, "title") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "title", "hash": {}, "data": data, "loc": { "start": { "line": 45, "column": 9 }, "end": { "line": 45, "column": 18 } } }) : helper)) != null ? stack1 : "") + '"\n  x-axis "' + ((stack1 = (helper = (helper = lookupProperty(helpers, "xTitle") || (depth0 != null ? lookupProperty(depth0, "xTitle") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "xTitle", "hash": {}, "data": data, "loc": { "start": { "line": 46, "column": 10 }, "end": { "line": 46, "column": 20 } } }) : helper)) != null ? stack1 : "") + '" [' + ((stack1 = (helper = (helper = lookupProperty(helpers, "categories") || (depth0 != null ? lookupProperty(depth0, "categories") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "categories", "hash": {}, "data": data, "loc": { "start": { "line": 46, "column": 23 }, "end": { "line": 46, "column": 37 } } }) : helper)) != null ? stack1 : "") + ']\n  y-axis "' + ((stack1 = (helper = (helper = lookupProperty(helpers, "yTitle") || (depth0 != null ? lookupProperty(depth0, "yTitle") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "yTitle", "hash": {}, "data": data, "loc": { "start": { "line": 47, "column": 10 }, "end": { "line": 47, "column": 20 } } }) : helper)) != null ? stack1 : "") + '"' + ((stack1 = (helper = (helper = lookupProperty(helpers, "range") || (depth0 != null ? lookupProperty(depth0, "range") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "range", "hash": {}, "data": data, "loc": { "start": { "line": 47, "column": 21 }, "end": { "line": 47, "column": 30 } } }) : helper)) != null ? stack1 : "") + "\n" + ((stack1 = lookupProperty(helpers, "each").call(alias1, depth0 != null ? lookupProperty(depth0, "series") : depth0, { "name": "each", "hash": {}, "fn": container.program(12, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 48, "column": 0 }, "end": { "line": 50, "column": 9 } } })) != null ? stack1 : "") + "```\n\n";
  }, "12": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "  " + ((stack1 = (helper = (helper = lookupProperty(helpers, "kind") || (depth0 != null ? lookupProperty(depth0, "kind") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "kind", "hash": {}, "data": data, "loc": { "start": { "line": 49, "column": 2 }, "end": { "line": 49, "column": 10 } } }) : helper)) != null ? stack1 : "") + " [" + ((stack1 = (helper = (helper = lookupProperty(helpers, "values") || (depth0 != null ? lookupProperty(depth0, "values") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "values", "hash": {}, "data": data, "loc": { "start": { "line": 49, "column": 12 }, "end": { "line": 49, "column": 22 } } }) : helper)) != null ? stack1 : "") + "]\n";
  }, "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "### " + ((stack1 = (helper = (helper = lookupProperty(helpers, "icon") || (depth0 != null ? lookupProperty(depth0, "icon") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "icon", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 4 }, "end": { "line": 3, "column": 12 } } }) : helper)) != null ? stack1 : "") + " gitcanary " + ((stack1 = (helper = (helper = lookupProperty(helpers, "command") || (depth0 != null ? lookupProperty(depth0, "command") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "command", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 23 }, "end": { "line": 3, "column": 34 } } }) : helper)) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "release") : depth0, { "name": "if", "hash": {}, "fn": container.program(0, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 3, "column": 34 }, "end": { "line": 3, "column": 69 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "outcome") : depth0, { "name": "if", "hash": {}, "fn": container.program(1, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 3, "column": 69 }, "end": { "line": 3, "column": 105 } } })) != null ? stack1 : "") + "\n\n" + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "message") : depth0, { "name": "if", "hash": {}, "fn": container.program(2, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 5, "column": 0 }, "end": { "line": 8, "column": 7 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "error") : depth0, { "name": "if", "hash": {}, "fn": container.program(3, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 9, "column": 0 }, "end": { "line": 13, "column": 7 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "each").call(alias1, depth0 != null ? lookupProperty(depth0, "facts") : depth0, { "name": "each", "hash": {}, "fn": container.program(4, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 14, "column": 0 }, "end": { "line": 16, "column": 9 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "facts") : depth0) != null ? lookupProperty(stack1, "length") : stack1, { "name": "if", "hash": {}, "fn": container.program(5, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 17, "column": 0 }, "end": { "line": 19, "column": 7 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "rows") : depth0) != null ? lookupProperty(stack1, "length") : stack1, { "name": "if", "hash": {}, "fn": container.program(6, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 20, "column": 0 }, "end": { "line": 27, "column": 7 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "each").call(alias1, depth0 != null ? lookupProperty(depth0, "judgments") : depth0, { "name": "each", "hash": {}, "fn": container.program(8, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 28, "column": 0 }, "end": { "line": 41, "column": 9 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "each").call(alias1, depth0 != null ? lookupProperty(depth0, "charts") : depth0, { "name": "each", "hash": {}, "fn": container.program(11, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 42, "column": 0 }, "end": { "line": 53, "column": 9 } } })) != null ? stack1 : "");
  }, "useData": true },
  // templates/metrics/apisix/request-duration.hbs
  "96297c0c4946bfc22aa79e8789f5d729a3732e3ce9db19747845f76072afe01c": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'histogram_quantile(\n  0.99,\n  sum(\n    rate(\n      apisix_http_latency_bucket{\n        type=~"request",\n        route=~"' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 10, "column": 19 }, "end": { "line": 10, "column": 28 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 10, "column": 16 }, "end": { "line": 10, "column": 31 } } }) : helper)) != null ? stack1 : "") + "_" + ((stack1 = (helper = lookupProperty(helpers, "route") || alias1(depth0, "route", { "start": { "line": 10, "column": 35 }, "end": { "line": 10, "column": 40 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "route", "hash": {}, "data": data, "loc": { "start": { "line": 10, "column": 32 }, "end": { "line": 10, "column": 43 } } }) : helper)) != null ? stack1 : "") + '_.+"\n      }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 11, "column": 11 }, "end": { "line": 11, "column": 19 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 8 }, "end": { "line": 11, "column": 22 } } }) : helper)) != null ? stack1 : "") + "]\n    )\n  ) by (le)\n)\n";
  }, "useData": true },
  // templates/metrics/apisix/request-success-rate.hbs
  "d7ec4c51b01f123473d087ec9f0d4cddc524acb570c0655a574f822fab546da7": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'sum(\n  rate(\n    apisix_http_status{\n      route=~"' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 11, "column": 17 }, "end": { "line": 11, "column": 26 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 14 }, "end": { "line": 11, "column": 29 } } }) : helper)) != null ? stack1 : "") + "_" + ((stack1 = (helper = lookupProperty(helpers, "route") || alias1(depth0, "route", { "start": { "line": 11, "column": 33 }, "end": { "line": 11, "column": 38 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "route", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 30 }, "end": { "line": 11, "column": 41 } } }) : helper)) != null ? stack1 : "") + '_.+",\n      code!~"5.."\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 13, "column": 9 }, "end": { "line": 13, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 13, "column": 6 }, "end": { "line": 13, "column": 20 } } }) : helper)) != null ? stack1 : "") + ']\n  )\n)\n/\nsum(\n  rate(\n    apisix_http_status{\n      route=~"' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 20, "column": 17 }, "end": { "line": 20, "column": 26 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 20, "column": 14 }, "end": { "line": 20, "column": 29 } } }) : helper)) != null ? stack1 : "") + "_" + ((stack1 = (helper = lookupProperty(helpers, "route") || alias1(depth0, "route", { "start": { "line": 20, "column": 33 }, "end": { "line": 20, "column": 38 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "route", "hash": {}, "data": data, "loc": { "start": { "line": 20, "column": 30 }, "end": { "line": 20, "column": 41 } } }) : helper)) != null ? stack1 : "") + '_.+"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 21, "column": 9 }, "end": { "line": 21, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 21, "column": 6 }, "end": { "line": 21, "column": 20 } } }) : helper)) != null ? stack1 : "") + "]\n  )\n) * 100\n";
  }, "useData": true },
  // templates/metrics/gatewayAPI/request-duration.hbs
  "2825431354196e104361863a6756fbfd5bcb63bc3b0f49ee5aaa17b8b21ca960": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'histogram_quantile(\n  0.99,\n  sum(\n    rate(\n      istio_request_duration_milliseconds_bucket{\n        reporter="destination",\n        destination_workload_namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 10, "column": 43 }, "end": { "line": 10, "column": 52 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 10, "column": 40 }, "end": { "line": 10, "column": 55 } } }) : helper)) != null ? stack1 : "") + '",\n        destination_workload=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 11, "column": 34 }, "end": { "line": 11, "column": 40 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 31 }, "end": { "line": 11, "column": 43 } } }) : helper)) != null ? stack1 : "") + '"\n      }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 12, "column": 11 }, "end": { "line": 12, "column": 19 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 12, "column": 8 }, "end": { "line": 12, "column": 22 } } }) : helper)) != null ? stack1 : "") + "]\n    )\n  ) by (le)\n)\n";
  }, "useData": true },
  // templates/metrics/gatewayAPI/request-success-rate.hbs
  "89d11d4facd81a20b4dc6e7c355a5af62704fc2d728506dab8ae2040bdd720be": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'sum(\n  rate(\n    istio_requests_total{\n      reporter="destination",\n      destination_workload_namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 10, "column": 41 }, "end": { "line": 10, "column": 50 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 10, "column": 38 }, "end": { "line": 10, "column": 53 } } }) : helper)) != null ? stack1 : "") + '",\n      destination_workload=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 11, "column": 32 }, "end": { "line": 11, "column": 38 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 29 }, "end": { "line": 11, "column": 41 } } }) : helper)) != null ? stack1 : "") + '",\n      response_code!~"5.*"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 13, "column": 9 }, "end": { "line": 13, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 13, "column": 6 }, "end": { "line": 13, "column": 20 } } }) : helper)) != null ? stack1 : "") + ']\n  )\n)\n/\nsum(\n  rate(\n    istio_requests_total{\n      reporter="destination",\n      destination_workload_namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 21, "column": 41 }, "end": { "line": 21, "column": 50 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 21, "column": 38 }, "end": { "line": 21, "column": 53 } } }) : helper)) != null ? stack1 : "") + '",\n      destination_workload=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 22, "column": 32 }, "end": { "line": 22, "column": 38 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 22, "column": 29 }, "end": { "line": 22, "column": 41 } } }) : helper)) != null ? stack1 : "") + '"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 23, "column": 9 }, "end": { "line": 23, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 23, "column": 6 }, "end": { "line": 23, "column": 20 } } }) : helper)) != null ? stack1 : "") + "]\n  )\n)\n* 100\n";
  }, "useData": true },
  // templates/metrics/istio/request-duration.hbs
  "ad08289b12db438c0debf658b6de14b50bada9a53fd6f4774882adf2b83f1a25": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'histogram_quantile(\n  0.99,\n  sum(\n    rate(\n      istio_request_duration_milliseconds_bucket{\n        reporter="destination",\n        destination_workload_namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 9, "column": 43 }, "end": { "line": 9, "column": 52 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 9, "column": 40 }, "end": { "line": 9, "column": 55 } } }) : helper)) != null ? stack1 : "") + '",\n        destination_workload=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 10, "column": 34 }, "end": { "line": 10, "column": 40 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 10, "column": 31 }, "end": { "line": 10, "column": 43 } } }) : helper)) != null ? stack1 : "") + '"\n      }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 11, "column": 11 }, "end": { "line": 11, "column": 19 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 8 }, "end": { "line": 11, "column": 22 } } }) : helper)) != null ? stack1 : "") + "]\n    )\n  ) by (le)\n)\n";
  }, "useData": true },
  // templates/metrics/istio/request-success-rate.hbs
  "25c5ff141ef5ed72f228c2a4c3806c38862e7d5f7973042c8e31547f6cf8d6f2": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'sum(\n  rate(\n    istio_requests_total{\n      reporter="destination",\n      destination_workload_namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 7, "column": 41 }, "end": { "line": 7, "column": 50 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 7, "column": 38 }, "end": { "line": 7, "column": 53 } } }) : helper)) != null ? stack1 : "") + '",\n      destination_workload=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 8, "column": 32 }, "end": { "line": 8, "column": 38 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 8, "column": 29 }, "end": { "line": 8, "column": 41 } } }) : helper)) != null ? stack1 : "") + '",\n      response_code!~"5.*"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 10, "column": 9 }, "end": { "line": 10, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 10, "column": 6 }, "end": { "line": 10, "column": 20 } } }) : helper)) != null ? stack1 : "") + ']\n  )\n)\n/\nsum(\n  rate(\n    istio_requests_total{\n      reporter="destination",\n      destination_workload_namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 18, "column": 41 }, "end": { "line": 18, "column": 50 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 18, "column": 38 }, "end": { "line": 18, "column": 53 } } }) : helper)) != null ? stack1 : "") + '",\n      destination_workload=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 19, "column": 32 }, "end": { "line": 19, "column": 38 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 19, "column": 29 }, "end": { "line": 19, "column": 41 } } }) : helper)) != null ? stack1 : "") + '"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 20, "column": 9 }, "end": { "line": 20, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 20, "column": 6 }, "end": { "line": 20, "column": 20 } } }) : helper)) != null ? stack1 : "") + "]\n  )\n)\n* 100\n";
  }, "useData": true },
  // templates/metrics/nginx/request-duration.hbs
  "6fa24ac6b56f4db6f58be65980e196fa5a2c44c2648d16c4b8ee26590c7d92b2": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'sum(\n  rate(\n    nginx_ingress_controller_ingress_upstream_latency_seconds_sum{\n      namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 7, "column": 20 }, "end": { "line": 7, "column": 29 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 7, "column": 17 }, "end": { "line": 7, "column": 32 } } }) : helper)) != null ? stack1 : "") + '",\n      ingress="' + ((stack1 = (helper = lookupProperty(helpers, "ingress") || alias1(depth0, "ingress", { "start": { "line": 8, "column": 18 }, "end": { "line": 8, "column": 25 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "ingress", "hash": {}, "data": data, "loc": { "start": { "line": 8, "column": 15 }, "end": { "line": 8, "column": 28 } } }) : helper)) != null ? stack1 : "") + '",\n      canary!=""\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 10, "column": 9 }, "end": { "line": 10, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 10, "column": 6 }, "end": { "line": 10, "column": 20 } } }) : helper)) != null ? stack1 : "") + ']\n  )\n)\n/\nsum(\n  rate(\n    nginx_ingress_controller_ingress_upstream_latency_seconds_count{\n      namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 17, "column": 20 }, "end": { "line": 17, "column": 29 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 17, "column": 17 }, "end": { "line": 17, "column": 32 } } }) : helper)) != null ? stack1 : "") + '",\n      ingress="' + ((stack1 = (helper = lookupProperty(helpers, "ingress") || alias1(depth0, "ingress", { "start": { "line": 18, "column": 18 }, "end": { "line": 18, "column": 25 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "ingress", "hash": {}, "data": data, "loc": { "start": { "line": 18, "column": 15 }, "end": { "line": 18, "column": 28 } } }) : helper)) != null ? stack1 : "") + '",\n      canary!=""\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 20, "column": 9 }, "end": { "line": 20, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 20, "column": 6 }, "end": { "line": 20, "column": 20 } } }) : helper)) != null ? stack1 : "") + "]\n  )\n)\n* 1000\n";
  }, "useData": true },
  // templates/metrics/nginx/request-success-rate.hbs
  "2eeaef3377ee3ff3d22b46dab52f9fb6b18be57353dae93cfd55b67d168b3313": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'sum(\n  rate(\n    nginx_ingress_controller_requests{\n      namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 9, "column": 20 }, "end": { "line": 9, "column": 29 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 9, "column": 17 }, "end": { "line": 9, "column": 32 } } }) : helper)) != null ? stack1 : "") + '",\n      ingress="' + ((stack1 = (helper = lookupProperty(helpers, "ingress") || alias1(depth0, "ingress", { "start": { "line": 10, "column": 18 }, "end": { "line": 10, "column": 25 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "ingress", "hash": {}, "data": data, "loc": { "start": { "line": 10, "column": 15 }, "end": { "line": 10, "column": 28 } } }) : helper)) != null ? stack1 : "") + '",\n      canary!="",\n      status!~"5.*"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 13, "column": 9 }, "end": { "line": 13, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 13, "column": 6 }, "end": { "line": 13, "column": 20 } } }) : helper)) != null ? stack1 : "") + ']\n  )\n)\n/\nsum(\n  rate(\n    nginx_ingress_controller_requests{\n      namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 20, "column": 20 }, "end": { "line": 20, "column": 29 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 20, "column": 17 }, "end": { "line": 20, "column": 32 } } }) : helper)) != null ? stack1 : "") + '",\n      ingress="' + ((stack1 = (helper = lookupProperty(helpers, "ingress") || alias1(depth0, "ingress", { "start": { "line": 21, "column": 18 }, "end": { "line": 21, "column": 25 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "ingress", "hash": {}, "data": data, "loc": { "start": { "line": 21, "column": 15 }, "end": { "line": 21, "column": 28 } } }) : helper)) != null ? stack1 : "") + '",\n      canary!=""\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 23, "column": 9 }, "end": { "line": 23, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 23, "column": 6 }, "end": { "line": 23, "column": 20 } } }) : helper)) != null ? stack1 : "") + "]\n  )\n)\n* 100\n";
  }, "useData": true },
  // templates/metrics/smi/request-duration.hbs
  "7e9f81aa8be7198c109c8f6834f2e8a6d63c4f47fcfe8434eb94c22c99468cf2": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'histogram_quantile(\n  0.99,\n  sum(\n    rate(\n      response_latency_ms_bucket{\n        namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 8, "column": 22 }, "end": { "line": 8, "column": 31 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 8, "column": 19 }, "end": { "line": 8, "column": 34 } } }) : helper)) != null ? stack1 : "") + '",\n        deployment=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 9, "column": 24 }, "end": { "line": 9, "column": 30 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 9, "column": 21 }, "end": { "line": 9, "column": 33 } } }) : helper)) != null ? stack1 : "") + '",\n        direction="inbound"\n      }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 11, "column": 11 }, "end": { "line": 11, "column": 19 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 8 }, "end": { "line": 11, "column": 22 } } }) : helper)) != null ? stack1 : "") + "]\n    )\n  ) by (le)\n)\n";
  }, "useData": true },
  // templates/metrics/smi/request-success-rate.hbs
  "acdb74936195aae38c03692a17f473782782cdd4cb0eafc96b36df262fb102a2": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'sum(\n  rate(\n    response_total{\n      namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 7, "column": 20 }, "end": { "line": 7, "column": 29 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 7, "column": 17 }, "end": { "line": 7, "column": 32 } } }) : helper)) != null ? stack1 : "") + '",\n      deployment=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 8, "column": 22 }, "end": { "line": 8, "column": 28 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 8, "column": 19 }, "end": { "line": 8, "column": 31 } } }) : helper)) != null ? stack1 : "") + '",\n      classification!="failure",\n      direction="inbound"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 11, "column": 9 }, "end": { "line": 11, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 6 }, "end": { "line": 11, "column": 20 } } }) : helper)) != null ? stack1 : "") + ']\n  )\n)\n/\nsum(\n  rate(\n    response_total{\n      namespace="' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 18, "column": 20 }, "end": { "line": 18, "column": 29 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 18, "column": 17 }, "end": { "line": 18, "column": 32 } } }) : helper)) != null ? stack1 : "") + '",\n      deployment=~"' + ((stack1 = (helper = lookupProperty(helpers, "target") || alias1(depth0, "target", { "start": { "line": 19, "column": 22 }, "end": { "line": 19, "column": 28 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "target", "hash": {}, "data": data, "loc": { "start": { "line": 19, "column": 19 }, "end": { "line": 19, "column": 31 } } }) : helper)) != null ? stack1 : "") + '",\n      direction="inbound"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 21, "column": 9 }, "end": { "line": 21, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 21, "column": 6 }, "end": { "line": 21, "column": 20 } } }) : helper)) != null ? stack1 : "") + "]\n  )\n)\n* 100\n";
  }, "useData": true },
  // templates/metrics/traefik/request-duration.hbs
  "bb46b443866a91d78d86c98f01b26de1a15850ee056b2c5fae7417c207fa4838": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'histogram_quantile(\n  0.99,\n  sum(\n    rate(\n      traefik_service_request_duration_seconds_bucket{\n        service=~"' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 8, "column": 21 }, "end": { "line": 8, "column": 30 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 8, "column": 18 }, "end": { "line": 8, "column": 33 } } }) : helper)) != null ? stack1 : "") + "-" + ((stack1 = (helper = lookupProperty(helpers, "canaryService") || alias1(depth0, "canaryService", { "start": { "line": 8, "column": 37 }, "end": { "line": 8, "column": 50 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "canaryService", "hash": {}, "data": data, "loc": { "start": { "line": 8, "column": 34 }, "end": { "line": 8, "column": 53 } } }) : helper)) != null ? stack1 : "") + '-[0-9a-zA-Z-]+@kubernetescrd"\n      }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 9, "column": 11 }, "end": { "line": 9, "column": 19 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 9, "column": 8 }, "end": { "line": 9, "column": 22 } } }) : helper)) != null ? stack1 : "") + "]\n    )\n  ) by (le)\n)\n";
  }, "useData": true },
  // templates/metrics/traefik/request-success-rate.hbs
  "b8c6a73a76620edfe9f413eb27e95fb6684ddcbce1cd6d0277d99f3ecbdee222": { "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = container.strict, alias2 = depth0 != null ? depth0 : container.nullContext || {}, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return 'sum(\n  rate(\n    traefik_service_request_duration_seconds_bucket{\n      service=~"' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 8, "column": 19 }, "end": { "line": 8, "column": 28 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 8, "column": 16 }, "end": { "line": 8, "column": 31 } } }) : helper)) != null ? stack1 : "") + "-" + ((stack1 = (helper = lookupProperty(helpers, "canaryService") || alias1(depth0, "canaryService", { "start": { "line": 8, "column": 35 }, "end": { "line": 8, "column": 48 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "canaryService", "hash": {}, "data": data, "loc": { "start": { "line": 8, "column": 32 }, "end": { "line": 8, "column": 51 } } }) : helper)) != null ? stack1 : "") + '-[0-9a-zA-Z-]+@kubernetescrd",\n      code!~"5..",\n      le="+Inf"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 11, "column": 9 }, "end": { "line": 11, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 11, "column": 6 }, "end": { "line": 11, "column": 20 } } }) : helper)) != null ? stack1 : "") + ']\n  )\n)\n/\nsum(\n  rate(\n    traefik_service_request_duration_seconds_bucket{\n      service=~"' + ((stack1 = (helper = lookupProperty(helpers, "namespace") || alias1(depth0, "namespace", { "start": { "line": 18, "column": 19 }, "end": { "line": 18, "column": 28 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "namespace", "hash": {}, "data": data, "loc": { "start": { "line": 18, "column": 16 }, "end": { "line": 18, "column": 31 } } }) : helper)) != null ? stack1 : "") + "-" + ((stack1 = (helper = lookupProperty(helpers, "canaryService") || alias1(depth0, "canaryService", { "start": { "line": 18, "column": 35 }, "end": { "line": 18, "column": 48 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "canaryService", "hash": {}, "data": data, "loc": { "start": { "line": 18, "column": 32 }, "end": { "line": 18, "column": 51 } } }) : helper)) != null ? stack1 : "") + '-[0-9a-zA-Z-]+@kubernetescrd",\n      le="+Inf"\n    }[' + ((stack1 = (helper = lookupProperty(helpers, "interval") || alias1(depth0, "interval", { "start": { "line": 20, "column": 9 }, "end": { "line": 20, "column": 17 } }), typeof helper === alias3 ? helper.call(alias2, { "name": "interval", "hash": {}, "data": data, "loc": { "start": { "line": 20, "column": 6 }, "end": { "line": 20, "column": 20 } } }) : helper)) != null ? stack1 : "") + "]\n  )\n) * 100\n";
  }, "useData": true },
  // templates/notifications/evidence.hbs
  "9d0d331ee71d43ceef345ab6cea870533cfe162fc08eb35683bdf7ec99135032": { "0": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ((stack1 = (helper = (helper = lookupProperty(helpers, "gate") || (depth0 != null ? lookupProperty(depth0, "gate") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "gate", "hash": {}, "data": data, "loc": { "start": { "line": 2, "column": 15 }, "end": { "line": 2, "column": 23 } } }) : helper)) != null ? stack1 : "") + " (" + ((stack1 = (helper = (helper = lookupProperty(helpers, "kind") || (depth0 != null ? lookupProperty(depth0, "kind") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "kind", "hash": {}, "data": data, "loc": { "start": { "line": 2, "column": 25 }, "end": { "line": 2, "column": 33 } } }) : helper)) != null ? stack1 : "") + "): " + ((stack1 = (helper = (helper = lookupProperty(helpers, "verdict") || (depth0 != null ? lookupProperty(depth0, "verdict") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "verdict", "hash": {}, "data": data, "loc": { "start": { "line": 2, "column": 36 }, "end": { "line": 2, "column": 47 } } }) : helper)) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "value") : depth0, { "name": "if", "hash": {}, "fn": container.program(1, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 2, "column": 47 }, "end": { "line": 2, "column": 83 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "threshold") : depth0, { "name": "if", "hash": {}, "fn": container.program(2, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 2, "column": 83 }, "end": { "line": 2, "column": 131 } } })) != null ? stack1 : "") + " \u2014 " + ((stack1 = (helper = (helper = lookupProperty(helpers, "message") || (depth0 != null ? lookupProperty(depth0, "message") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "message", "hash": {}, "data": data, "loc": { "start": { "line": 2, "column": 134 }, "end": { "line": 2, "column": 145 } } }) : helper)) != null ? stack1 : "") + "\n";
  }, "1": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return " value=" + ((stack1 = (helper = (helper = lookupProperty(helpers, "value") || (depth0 != null ? lookupProperty(depth0, "value") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "value", "hash": {}, "data": data, "loc": { "start": { "line": 2, "column": 67 }, "end": { "line": 2, "column": 76 } } }) : helper)) != null ? stack1 : "");
  }, "2": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return " threshold " + ((stack1 = (helper = (helper = lookupProperty(helpers, "threshold") || (depth0 != null ? lookupProperty(depth0, "threshold") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "threshold", "hash": {}, "data": data, "loc": { "start": { "line": 2, "column": 111 }, "end": { "line": 2, "column": 124 } } }) : helper)) != null ? stack1 : "");
  }, "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return (stack1 = lookupProperty(helpers, "each").call(depth0 != null ? depth0 : container.nullContext || {}, depth0 != null ? lookupProperty(depth0, "gates") : depth0, { "name": "each", "hash": {}, "fn": container.program(0, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 2, "column": 0 }, "end": { "line": 3, "column": 9 } } })) != null ? stack1 : "";
  }, "useData": true },
  // templates/notifications/headline.hbs
  "08d70282ccb1eb5469a2ffda1a8cb79de30344b7be1ee0fd1f13e03195122424": { "0": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "Canary release of " + ((stack1 = (helper = (helper = lookupProperty(helpers, "image") || (depth0 != null ? lookupProperty(depth0, "image") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(alias1, { "name": "image", "hash": {}, "data": data, "loc": { "start": { "line": 2, "column": 37 }, "end": { "line": 2, "column": 46 } } }) : helper)) != null ? stack1 : "") + " started" + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "stableImage") : depth0, { "name": "if", "hash": {}, "fn": container.program(1, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 2, "column": 54 }, "end": { "line": 2, "column": 105 } } })) != null ? stack1 : "") + ": new revision detected, progressing canary analysis.";
  }, "1": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return " (stable " + ((stack1 = (helper = (helper = lookupProperty(helpers, "stableImage") || (depth0 != null ? lookupProperty(depth0, "stableImage") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "stableImage", "hash": {}, "data": data, "loc": { "start": { "line": 2, "column": 82 }, "end": { "line": 2, "column": 97 } } }) : helper)) != null ? stack1 : "") + ")";
  }, "2": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "Canary of " + ((stack1 = (helper = (helper = lookupProperty(helpers, "image") || (depth0 != null ? lookupProperty(depth0, "image") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "image", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 36 }, "end": { "line": 3, "column": 45 } } }) : helper)) != null ? stack1 : "") + " advanced: " + ((stack1 = (helper = (helper = lookupProperty(helpers, "summary") || (depth0 != null ? lookupProperty(depth0, "summary") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "summary", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 56 }, "end": { "line": 3, "column": 67 } } }) : helper)) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "weight") : depth0, { "name": "if", "hash": {}, "fn": container.program(3, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 3, "column": 67 }, "end": { "line": 3, "column": 114 } } })) != null ? stack1 : "") + ".";
  }, "3": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ", canary weight " + ((stack1 = (helper = (helper = lookupProperty(helpers, "weight") || (depth0 != null ? lookupProperty(depth0, "weight") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "weight", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 97 }, "end": { "line": 3, "column": 107 } } }) : helper)) != null ? stack1 : "");
  }, "4": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "Canary of " + ((stack1 = (helper = (helper = lookupProperty(helpers, "image") || (depth0 != null ? lookupProperty(depth0, "image") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(alias1, { "name": "image", "hash": {}, "data": data, "loc": { "start": { "line": 4, "column": 28 }, "end": { "line": 4, "column": 37 } } }) : helper)) != null ? stack1 : "") + " is waiting" + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "reason") : depth0, { "name": "if", "hash": {}, "fn": container.program(5, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 4, "column": 48 }, "end": { "line": 4, "column": 80 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "weight") : depth0, { "name": "if", "hash": {}, "fn": container.program(6, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 4, "column": 80 }, "end": { "line": 4, "column": 129 } } })) != null ? stack1 : "") + ".";
  }, "5": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return " " + ((stack1 = (helper = (helper = lookupProperty(helpers, "reason") || (depth0 != null ? lookupProperty(depth0, "reason") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "reason", "hash": {}, "data": data, "loc": { "start": { "line": 4, "column": 63 }, "end": { "line": 4, "column": 73 } } }) : helper)) != null ? stack1 : "");
  }, "6": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return " at canary weight " + ((stack1 = (helper = (helper = lookupProperty(helpers, "weight") || (depth0 != null ? lookupProperty(depth0, "weight") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "weight", "hash": {}, "data": data, "loc": { "start": { "line": 4, "column": 112 }, "end": { "line": 4, "column": 122 } } }) : helper)) != null ? stack1 : "");
  }, "7": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "Canary analysis of " + ((stack1 = (helper = (helper = lookupProperty(helpers, "image") || (depth0 != null ? lookupProperty(depth0, "image") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(alias1, { "name": "image", "hash": {}, "data": data, "loc": { "start": { "line": 5, "column": 46 }, "end": { "line": 5, "column": 55 } } }) : helper)) != null ? stack1 : "") + " failed a check" + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "reason") : depth0, { "name": "if", "hash": {}, "fn": container.program(8, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 5, "column": 70 }, "end": { "line": 5, "column": 103 } } })) != null ? stack1 : "") + ".";
  }, "8": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ": " + ((stack1 = (helper = (helper = lookupProperty(helpers, "reason") || (depth0 != null ? lookupProperty(depth0, "reason") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "reason", "hash": {}, "data": data, "loc": { "start": { "line": 5, "column": 86 }, "end": { "line": 5, "column": 96 } } }) : helper)) != null ? stack1 : "");
  }, "9": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "Canary of " + ((stack1 = (helper = (helper = lookupProperty(helpers, "image") || (depth0 != null ? lookupProperty(depth0, "image") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(alias1, { "name": "image", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 33 }, "end": { "line": 6, "column": 42 } } }) : helper)) != null ? stack1 : "") + " rolled back" + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "reason") : depth0, { "name": "if", "hash": {}, "fn": container.program(8, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 6, "column": 54 }, "end": { "line": 6, "column": 87 } } })) != null ? stack1 : "") + "; traffic is back on " + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "stableImage") : depth0, { "name": "if", "hash": {}, "fn": container.program(10, data, 0), "inverse": container.program(11, data, 0), "data": data, "loc": { "start": { "line": 6, "column": 108 }, "end": { "line": 6, "column": 163 } } })) != null ? stack1 : "") + ".";
  }, "10": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return (stack1 = (helper = (helper = lookupProperty(helpers, "stableImage") || (depth0 != null ? lookupProperty(depth0, "stableImage") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "stableImage", "hash": {}, "data": data, "loc": { "start": { "line": 6, "column": 127 }, "end": { "line": 6, "column": 142 } } }) : helper)) != null ? stack1 : "";
  }, "11": function(container, depth0, helpers, partials, data) {
    return "stable";
  }, "12": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "Canary analysis of " + ((stack1 = (helper = (helper = lookupProperty(helpers, "image") || (depth0 != null ? lookupProperty(depth0, "image") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "image", "hash": {}, "data": data, "loc": { "start": { "line": 7, "column": 39 }, "end": { "line": 7, "column": 48 } } }) : helper)) != null ? stack1 : "") + " completed successfully, promotion finished.";
  }, "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, alias1 = depth0 != null ? depth0 : container.nullContext || {}, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "is") : depth0) != null ? lookupProperty(stack1, "started") : stack1, { "name": "if", "hash": {}, "fn": container.program(0, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 2, "column": 0 }, "end": { "line": 2, "column": 165 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "is") : depth0) != null ? lookupProperty(stack1, "step-committed") : stack1, { "name": "if", "hash": {}, "fn": container.program(2, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 3, "column": 0 }, "end": { "line": 3, "column": 122 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "is") : depth0) != null ? lookupProperty(stack1, "paused") : stack1, { "name": "if", "hash": {}, "fn": container.program(4, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 4, "column": 0 }, "end": { "line": 4, "column": 137 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "is") : depth0) != null ? lookupProperty(stack1, "analysis-failed") : stack1, { "name": "if", "hash": {}, "fn": container.program(7, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 5, "column": 0 }, "end": { "line": 5, "column": 111 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "is") : depth0) != null ? lookupProperty(stack1, "rolled-back") : stack1, { "name": "if", "hash": {}, "fn": container.program(9, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 6, "column": 0 }, "end": { "line": 6, "column": 171 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "is") : depth0) != null ? lookupProperty(stack1, "promoted") : stack1, { "name": "if", "hash": {}, "fn": container.program(12, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 7, "column": 0 }, "end": { "line": 7, "column": 99 } } })) != null ? stack1 : "") + "\n";
  }, "useData": true },
  // templates/pull-request.hbs
  "52feecb78b47bd6200fe0f78830205d0a6be33d0a0952257e829905b12fa7311": { "0": function(container, depth0, helpers, partials, data) {
    var stack1, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "\n### Gate evidence so far\n| Gate | Kind | Verdict | Value | Threshold | Message |\n| --- | --- | --- | --- | --- | --- |\n" + ((stack1 = lookupProperty(helpers, "each").call(depth0 != null ? depth0 : container.nullContext || {}, depth0 != null ? lookupProperty(depth0, "evidence") : depth0, { "name": "each", "hash": {}, "fn": container.program(1, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 23, "column": 0 }, "end": { "line": 25, "column": 9 } } })) != null ? stack1 : "");
  }, "1": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "| " + ((stack1 = (helper = (helper = lookupProperty(helpers, "gate") || (depth0 != null ? lookupProperty(depth0, "gate") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "gate", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 2 }, "end": { "line": 24, "column": 10 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "kind") || (depth0 != null ? lookupProperty(depth0, "kind") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "kind", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 13 }, "end": { "line": 24, "column": 21 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "verdict") || (depth0 != null ? lookupProperty(depth0, "verdict") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "verdict", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 24 }, "end": { "line": 24, "column": 35 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "value") || (depth0 != null ? lookupProperty(depth0, "value") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "value", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 38 }, "end": { "line": 24, "column": 47 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "threshold") || (depth0 != null ? lookupProperty(depth0, "threshold") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "threshold", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 50 }, "end": { "line": 24, "column": 63 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "message") || (depth0 != null ? lookupProperty(depth0, "message") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "message", "hash": {}, "data": data, "loc": { "start": { "line": 24, "column": 66 }, "end": { "line": 24, "column": 77 } } }) : helper)) != null ? stack1 : "") + " |\n";
  }, "2": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "\n#### " + ((stack1 = (helper = (helper = lookupProperty(helpers, "icon") || (depth0 != null ? lookupProperty(depth0, "icon") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "icon", "hash": {}, "data": data, "loc": { "start": { "line": 29, "column": 5 }, "end": { "line": 29, "column": 13 } } }) : helper)) != null ? stack1 : "") + " Judge " + ((stack1 = (helper = (helper = lookupProperty(helpers, "gate") || (depth0 != null ? lookupProperty(depth0, "gate") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "gate", "hash": {}, "data": data, "loc": { "start": { "line": 29, "column": 20 }, "end": { "line": 29, "column": 28 } } }) : helper)) != null ? stack1 : "") + ": " + ((stack1 = (helper = (helper = lookupProperty(helpers, "headline") || (depth0 != null ? lookupProperty(depth0, "headline") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "headline", "hash": {}, "data": data, "loc": { "start": { "line": 29, "column": 30 }, "end": { "line": 29, "column": 42 } } }) : helper)) != null ? stack1 : "") + "\n" + ((stack1 = lookupProperty(helpers, "if").call(alias1, depth0 != null ? lookupProperty(depth0, "baseline") : depth0, { "name": "if", "hash": {}, "fn": container.program(3, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 30, "column": 0 }, "end": { "line": 33, "column": 7 } } })) != null ? stack1 : "") + "\n| Metric | Result | Canary median | Baseline median | Shift [" + ((stack1 = (helper = (helper = lookupProperty(helpers, "confidence") || (depth0 != null ? lookupProperty(depth0, "confidence") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "confidence", "hash": {}, "data": data, "loc": { "start": { "line": 35, "column": 61 }, "end": { "line": 35, "column": 75 } } }) : helper)) != null ? stack1 : "") + " interval] | p-value | Change | Samples |\n| --- | --- | ---: | ---: | --- | ---: | ---: | ---: |\n" + ((stack1 = lookupProperty(helpers, "each").call(alias1, depth0 != null ? lookupProperty(depth0, "rows") : depth0, { "name": "each", "hash": {}, "fn": container.program(4, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 37, "column": 0 }, "end": { "line": 39, "column": 9 } } })) != null ? stack1 : "");
  }, "3": function(container, depth0, helpers, partials, data) {
    var stack1, helper, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "\n" + ((stack1 = (helper = (helper = lookupProperty(helpers, "baseline") || (depth0 != null ? lookupProperty(depth0, "baseline") : depth0)) != null ? helper : container.hooks.helperMissing, typeof helper === "function" ? helper.call(depth0 != null ? depth0 : container.nullContext || {}, { "name": "baseline", "hash": {}, "data": data, "loc": { "start": { "line": 32, "column": 0 }, "end": { "line": 32, "column": 12 } } }) : helper)) != null ? stack1 : "") + "\n";
  }, "4": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "| " + ((stack1 = (helper = (helper = lookupProperty(helpers, "metric") || (depth0 != null ? lookupProperty(depth0, "metric") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "metric", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 2 }, "end": { "line": 38, "column": 12 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "classification") || (depth0 != null ? lookupProperty(depth0, "classification") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "classification", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 15 }, "end": { "line": 38, "column": 33 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "canaryMedian") || (depth0 != null ? lookupProperty(depth0, "canaryMedian") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "canaryMedian", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 36 }, "end": { "line": 38, "column": 52 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "baselineMedian") || (depth0 != null ? lookupProperty(depth0, "baselineMedian") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "baselineMedian", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 55 }, "end": { "line": 38, "column": 73 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "shift") || (depth0 != null ? lookupProperty(depth0, "shift") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "shift", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 76 }, "end": { "line": 38, "column": 85 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "pValue") || (depth0 != null ? lookupProperty(depth0, "pValue") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "pValue", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 88 }, "end": { "line": 38, "column": 98 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "change") || (depth0 != null ? lookupProperty(depth0, "change") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "change", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 101 }, "end": { "line": 38, "column": 111 } } }) : helper)) != null ? stack1 : "") + " | " + ((stack1 = (helper = (helper = lookupProperty(helpers, "samples") || (depth0 != null ? lookupProperty(depth0, "samples") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "samples", "hash": {}, "data": data, "loc": { "start": { "line": 38, "column": 114 }, "end": { "line": 38, "column": 125 } } }) : helper)) != null ? stack1 : "") + " |\n";
  }, "compiler": [8, ">= 4.3.0"], "main": function(container, depth0, helpers, partials, data) {
    var stack1, helper, alias1 = depth0 != null ? depth0 : container.nullContext || {}, alias2 = container.hooks.helperMissing, alias3 = "function", alias4 = container.lambda, lookupProperty = container.lookupProperty || function(parent, propertyName) {
      if (Object.prototype.hasOwnProperty.call(parent, propertyName)) {
        return parent[propertyName];
      }
      return void 0;
    };
    return "**" + ((stack1 = (helper = (helper = lookupProperty(helpers, "name") || (depth0 != null ? lookupProperty(depth0, "name") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "name", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 2 }, "end": { "line": 3, "column": 10 } } }) : helper)) != null ? stack1 : "") + "**: step " + ((stack1 = (helper = (helper = lookupProperty(helpers, "step") || (depth0 != null ? lookupProperty(depth0, "step") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "step", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 19 }, "end": { "line": 3, "column": 27 } } }) : helper)) != null ? stack1 : "") + "/" + ((stack1 = (helper = (helper = lookupProperty(helpers, "total") || (depth0 != null ? lookupProperty(depth0, "total") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "total", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 28 }, "end": { "line": 3, "column": 37 } } }) : helper)) != null ? stack1 : "") + " \u2014 " + ((stack1 = (helper = (helper = lookupProperty(helpers, "summary") || (depth0 != null ? lookupProperty(depth0, "summary") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "summary", "hash": {}, "data": data, "loc": { "start": { "line": 3, "column": 40 }, "end": { "line": 3, "column": 51 } } }) : helper)) != null ? stack1 : "") + "\n\nCanary `" + ((stack1 = (helper = (helper = lookupProperty(helpers, "image") || (depth0 != null ? lookupProperty(depth0, "image") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "image", "hash": {}, "data": data, "loc": { "start": { "line": 5, "column": 8 }, "end": { "line": 5, "column": 17 } } }) : helper)) != null ? stack1 : "") + "` against stable `" + ((stack1 = (helper = (helper = lookupProperty(helpers, "stableImage") || (depth0 != null ? lookupProperty(depth0, "stableImage") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "stableImage", "hash": {}, "data": data, "loc": { "start": { "line": 5, "column": 35 }, "end": { "line": 5, "column": 50 } } }) : helper)) != null ? stack1 : "") + "` (release `" + ((stack1 = (helper = (helper = lookupProperty(helpers, "releaseId") || (depth0 != null ? lookupProperty(depth0, "releaseId") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "releaseId", "hash": {}, "data": data, "loc": { "start": { "line": 5, "column": 62 }, "end": { "line": 5, "column": 75 } } }) : helper)) != null ? stack1 : "") + "`), now at " + ((stack1 = (helper = (helper = lookupProperty(helpers, "weight") || (depth0 != null ? lookupProperty(depth0, "weight") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "weight", "hash": {}, "data": data, "loc": { "start": { "line": 5, "column": 86 }, "end": { "line": 5, "column": 96 } } }) : helper)) != null ? stack1 : "") + "% after step " + ((stack1 = (helper = (helper = lookupProperty(helpers, "from") || (depth0 != null ? lookupProperty(depth0, "from") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "from", "hash": {}, "data": data, "loc": { "start": { "line": 5, "column": 109 }, "end": { "line": 5, "column": 117 } } }) : helper)) != null ? stack1 : "") + "/" + ((stack1 = (helper = (helper = lookupProperty(helpers, "total") || (depth0 != null ? lookupProperty(depth0, "total") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "total", "hash": {}, "data": data, "loc": { "start": { "line": 5, "column": 118 }, "end": { "line": 5, "column": 127 } } }) : helper)) != null ? stack1 : "") + ".\n\n### How to go on\n- **Merge** (merge commit, squash or rebase) to approve: the release goes on from what landed.\n- **Close** without merging to abort: gitcanary commits the rollback.\n- Or comment `/gitcanary promote` or `/gitcanary abort` (needs write permission).\n\nChange only what this step writes: a branch whose files no longer hold the step's change is refused.\n\n### Change\n```diff\n" + ((stack1 = (helper = (helper = lookupProperty(helpers, "diff") || (depth0 != null ? lookupProperty(depth0, "diff") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "diff", "hash": {}, "data": data, "loc": { "start": { "line": 16, "column": 0 }, "end": { "line": 16, "column": 8 } } }) : helper)) != null ? stack1 : "") + "\n```\n" + ((stack1 = lookupProperty(helpers, "if").call(alias1, (stack1 = depth0 != null ? lookupProperty(depth0, "evidence") : depth0) != null ? lookupProperty(stack1, "length") : stack1, { "name": "if", "hash": {}, "fn": container.program(0, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 18, "column": 0 }, "end": { "line": 26, "column": 7 } } })) != null ? stack1 : "") + ((stack1 = lookupProperty(helpers, "each").call(alias1, depth0 != null ? lookupProperty(depth0, "judgments") : depth0, { "name": "each", "hash": {}, "fn": container.program(2, data, 0), "inverse": container.noop, "data": data, "loc": { "start": { "line": 27, "column": 0 }, "end": { "line": 40, "column": 9 } } })) != null ? stack1 : "") + '\n### Weight by step\n```mermaid\nxychart-beta\n  title "' + ((stack1 = (helper = (helper = lookupProperty(helpers, "name") || (depth0 != null ? lookupProperty(depth0, "name") : depth0)) != null ? helper : alias2, typeof helper === alias3 ? helper.call(alias1, { "name": "name", "hash": {}, "data": data, "loc": { "start": { "line": 45, "column": 9 }, "end": { "line": 45, "column": 17 } } }) : helper)) != null ? stack1 : "") + ' canary weight"\n  x-axis "step" [' + ((stack1 = alias4((stack1 = depth0 != null ? lookupProperty(depth0, "chart") : depth0) != null ? lookupProperty(stack1, "categories") : stack1, depth0)) != null ? stack1 : "") + ']\n  y-axis "weight %" 0 --> 100\n  line [' + ((stack1 = alias4((stack1 = depth0 != null ? lookupProperty(depth0, "chart") : depth0) != null ? lookupProperty(stack1, "values") : stack1, depth0)) != null ? stack1 : "") + "]\n```\n";
  }, "useData": true }
};
var bundledCompiler = void 0;

// src/shared/templates.ts
function compileOptions(strict) {
  return { noEscape: true, strict };
}
function templateKey(source, strict) {
  return createHash("sha256").update(`${strict ? "strict" : "lenient"}
${source}`).digest("hex");
}
var runtime = import_runtime.default.create();
var compiler = bundledCompiler?.create();
var templates = /* @__PURE__ */ new Map();
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
async function loadTemplateCompiler() {
  compiler ??= (await import("./lib-M2EAWJ25.js")).default.create();
}
function renderSource(source, values, options) {
  const cached = `${options.strict ? "s" : "l"}:${source}`;
  let template = templates.get(cached);
  if (template === void 0) {
    template = templateOf(source, options.strict);
    templates.set(cached, template);
  }
  return template(values);
}
async function renderFile(name, values) {
  const source = templateSource(name);
  if (source === void 0)
    throw new GitcanaryError("INTERNAL", `template ${name}.hbs not found in ${templatesRoot()}`);
  if (compiler === void 0 && !(templateKey(source, false) in precompiledTemplates))
    await loadTemplateCompiler();
  return renderSource(source, values, { strict: false });
}
function templateOf(source, strict) {
  const spec = precompiledTemplates[templateKey(source, strict)];
  if (spec !== void 0) return runtime.template(spec);
  if (!source.includes("{{") && !source.includes("\0")) return () => source;
  if (compiler === void 0) throw new TemplateCompilerNeeded();
  return compiler.compile(source, compileOptions(strict));
}
var TemplateCompilerNeeded = class extends Error {
  constructor() {
    super("a template needs handlebars' compiler, which is not loaded (loadTemplateCompiler)");
  }
};
async function withTemplateCompiler(render) {
  try {
    return render();
  } catch (error) {
    if (!(error instanceof TemplateCompilerNeeded)) throw error;
    await loadTemplateCompiler();
    return render();
  }
}

export {
  templateSource,
  loadTemplateCompiler,
  renderSource,
  renderFile,
  TemplateCompilerNeeded,
  withTemplateCompiler
};
