import { GitcanaryError } from '../errors.js';

// The JSONPath subset the http gate supports, enough for health and metrics endpoints:
//   $              the whole document
//   .name          a member (letters, digits, `_`, `-`, `$`)
//   ['name']       a member with any characters ("name" works too)
//   [0]            an array element (non-negative index)
// Argo Rollouts' `{$.data.ok}` braces are accepted. No wildcards, filters, slices or recursion.

export type JsonPathSegment = string | number;

const MEMBER = /^\.([A-Za-z0-9_$-]+)/;
const INDEX = /^\[(\d+)\]/;
const QUOTED = /^\[(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/;

export function parseJsonPath(path: string, field = 'http.jsonPath'): JsonPathSegment[] {
  let rest = path.trim();
  if (rest.startsWith('{') && rest.endsWith('}')) rest = rest.slice(1, -1).trim();
  if (!rest.startsWith('$')) {
    throw new GitcanaryError('FIELD_INVALID', `jsonPath must start with $: ${path}`, { field });
  }
  rest = rest.slice(1);
  const segments: JsonPathSegment[] = [];
  while (rest !== '') {
    const member = MEMBER.exec(rest);
    const index = INDEX.exec(rest);
    const quoted = QUOTED.exec(rest);
    if (member !== null) {
      segments.push(member[1]!);
      rest = rest.slice(member[0].length);
    } else if (index !== null) {
      segments.push(Number(index[1]));
      rest = rest.slice(index[0].length);
    } else if (quoted !== null) {
      segments.push((quoted[1] ?? quoted[2] ?? '').replace(/\\(.)/g, '$1'));
      rest = rest.slice(quoted[0].length);
    } else {
      throw new GitcanaryError('FIELD_INVALID', `unsupported jsonPath at "${rest}" in ${path}`, {
        field,
        hint: 'supported: $.a.b, $.items[0].c, $["key with space"]',
      });
    }
  }
  return segments;
}

/** The value at `segments`; throws when a step is missing (an error, not a failed check). */
export function selectJsonPath(
  document: unknown,
  segments: readonly JsonPathSegment[],
  path: string,
): unknown {
  let current: unknown = document;
  for (const segment of segments) {
    if (
      typeof segment === 'number'
        ? Array.isArray(current) && segment < current.length
        : isRecord(current) && Object.hasOwn(current, segment)
    ) {
      current = (current as Record<string | number, unknown>)[segment];
    } else {
      throw new Error(
        `jsonPath ${path}: no ${typeof segment === 'number' ? `[${segment}]` : `"${segment}"`} in the response`,
      );
    }
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
