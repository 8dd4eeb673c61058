import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";

// src/gates/http-jsonpath.ts
var MEMBER = /^\.([A-Za-z0-9_$-]+)/;
var INDEX = /^\[(\d+)\]/;
var QUOTED = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/;
function parseJsonPath(path, field = "http.jsonPath") {
  let rest = path.trim();
  if (rest.startsWith("{") && rest.endsWith("}")) rest = rest.slice(1, -1).trim();
  if (!rest.startsWith("$")) {
    throw new GitcanaryError("FIELD_INVALID", `jsonPath must start with $: ${path}`, { field });
  }
  rest = rest.slice(1);
  const segments = [];
  while (rest !== "") {
    const member = MEMBER.exec(rest);
    const index = INDEX.exec(rest);
    const quoted = QUOTED.exec(rest);
    if (member !== null) {
      segments.push(member[1]);
      rest = rest.slice(member[0].length);
    } else if (index !== null) {
      segments.push(Number(index[1]));
      rest = rest.slice(index[0].length);
    } else if (quoted !== null) {
      segments.push((quoted[1] ?? quoted[2] ?? "").replace(/\\(.)/g, "$1"));
      rest = rest.slice(quoted[0].length);
    } else {
      throw new GitcanaryError("FIELD_INVALID", `unsupported jsonPath at "${rest}" in ${path}`, {
        field,
        hint: 'supported: $.a.b, $.items[0].c, $["key with space"]'
      });
    }
  }
  return segments;
}
function selectJsonPath(document, segments, path) {
  let current = document;
  for (const segment of segments) {
    if (typeof segment === "number" ? Array.isArray(current) && segment < current.length : isRecord(current) && Object.hasOwn(current, segment)) {
      current = current[segment];
    } else {
      throw new Error(
        `jsonPath ${path}: no ${typeof segment === "number" ? `[${segment}]` : `"${segment}"`} in the response`
      );
    }
  }
  return current;
}
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export {
  parseJsonPath,
  selectJsonPath
};
