// The error catalog: every failure a user can cause or meet is a GitcanaryError with a code, the
// place (file:line:column, resource, field) and a hint. The CLI prints them; the Action annotates.

export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'CONFIG_NOT_FOUND'
  | 'USAGE'
  | 'YAML_INVALID'
  | 'YAML_ALIAS_LIMIT'
  | 'FILE_NOT_FOUND'
  | 'FILE_EMPTY'
  | 'PATH_OUTSIDE_REPO'
  | 'RESOURCE_NOT_FOUND'
  | 'RESOURCE_DUPLICATE'
  | 'FIELD_INVALID'
  | 'FIELD_MISSING'
  | 'BACKEND_MISSING'
  | 'IMAGE_REF_INVALID'
  | 'WEIGHT_INVALID'
  | 'EDIT_UNCONFIRMED'
  | 'SCHEMA_INVALID'
  | 'GIT_FAILED'
  | 'GIT_PUSH_CONFLICT'
  | 'GIT_TIP_MOVED'
  | 'RELEASE_STATE'
  | 'GATE_FAILED'
  | 'SYNC_FAILED'
  | 'FORGE_FAILED'
  | 'INTERRUPTED'
  | 'INTERNAL';

export interface ErrorPlace {
  /** Repository-relative (or user-given) path of the file. */
  file?: string;
  /** 1-based line and column in that file. */
  line?: number;
  column?: number;
  /** `Kind/name` or `Kind/namespace/name` of the Kubernetes resource. */
  resource?: string;
  /** Dotted path of the field inside the resource or config, e.g. `spec.http[0].backends[1].weight`. */
  field?: string;
}

export interface ErrorDetails extends ErrorPlace {
  hint?: string;
  cause?: unknown;
}

export class GitcanaryError extends Error {
  readonly code: ErrorCode;
  readonly place: ErrorPlace;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    const { hint, cause, ...place } = details;
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'GitcanaryError';
    this.code = code;
    this.place = place;
    this.hint = hint;
  }

  /** `file:line:column: resource: field: message (hint)` — one line for people. */
  format(): string {
    const { file, line, column, resource, field } = this.place;
    const where = [
      file === undefined ? undefined : [file, line, column].filter((p) => p !== undefined).join(':'),
      resource,
      field,
    ].filter((p): p is string => p !== undefined && p !== '');
    const hint = this.hint === undefined ? '' : ` (hint: ${this.hint})`;
    return `${where.length > 0 ? `${where.join(': ')}: ` : ''}${this.message}${hint}`;
  }

  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, ...this.place, hint: this.hint };
  }
}

export function isGitcanaryError(error: unknown): error is GitcanaryError {
  return error instanceof GitcanaryError;
}

/** Dotted field path with `[i]` for sequence indexes, as users read them in errors. */
export function fieldPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out;
}
