import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);

// src/errors.ts
var GitcanaryError = class extends Error {
  code;
  place;
  hint;
  constructor(code, message, details = {}) {
    const { hint, cause, ...place } = details;
    super(message, cause === void 0 ? void 0 : { cause });
    this.name = "GitcanaryError";
    this.code = code;
    this.place = place;
    this.hint = hint;
  }
  /** `file:line:column: resource: field: message (hint)` — one line for people. */
  format() {
    const { file, line, column, resource, field } = this.place;
    const where = [
      file === void 0 ? void 0 : [file, line, column].filter((p) => p !== void 0).join(":"),
      resource,
      field
    ].filter((p) => p !== void 0 && p !== "");
    const hint = this.hint === void 0 ? "" : ` (hint: ${this.hint})`;
    return `${where.length > 0 ? `${where.join(": ")}: ` : ""}${this.message}${hint}`;
  }
  toJSON() {
    return { code: this.code, message: this.message, ...this.place, hint: this.hint };
  }
};
function isGitcanaryError(error) {
  return error instanceof GitcanaryError;
}
function fieldPath(path) {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out === "" ? part : `.${part}`;
  }
  return out;
}

export {
  GitcanaryError,
  isGitcanaryError,
  fieldPath
};
