import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// GitHub's REST API as GitHub publishes it (@octokit/openapi, generated/api.github.com.json, OpenAPI
// 3.0): the operation for a method and path, its query parameters, request body and responses. The
// fake GitHub server checks every request our client sends and every response it answers with.

type Schema = { [keyword: string]: unknown };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  operationId: string;
  parameters?: (Parameter | { $ref: string })[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: Schema }> }>;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas: Record<string, Schema>;
    parameters: Record<string, Parameter>;
    responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  };
}

const require = createRequire(import.meta.url);
export const GITHUB_OPENAPI_FILE = require.resolve('@octokit/openapi/generated/api.github.com.json');
const document = JSON.parse(readFileSync(GITHUB_OPENAPI_FILE, 'utf8')) as OpenApiDocument;

/** Names of component schemas used inside an `allOf`: closing them would reject the other branch's fields. */
function allOfMembers(): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const allOf = (node as Schema).allOf;
    if (Array.isArray(allOf)) {
      for (const member of allOf) {
        const ref = (member as Schema).$ref;
        if (typeof ref === 'string') names.add(ref.replace('#/components/schemas/', ''));
      }
    }
    Object.values(node).forEach(walk);
  };
  walk(document);
  return names;
}

const openByAllOf = allOfMembers();

/**
 * JSON Schema for ajv from OpenAPI 3.0: `nullable` becomes a `null` type (ajv refuses `nullable`
 * without `type`), and objects that list their properties are closed, so neither side may send a
 * field GitHub does not document — except where an `allOf` combines them.
 */
function normalize(schema: unknown, closable = true): unknown {
  if (Array.isArray(schema)) return schema.map((item) => normalize(item, closable));
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'allOf') out[key] = (value as unknown[]).map((member) => normalize(member, false));
    else if (key === 'properties' || key === 'patternProperties') {
      out[key] = Object.fromEntries(
        Object.entries(value as Schema).map(([name, property]) => [name, normalize(property)]),
      );
    } else if (key === 'example' || key === 'examples' || key === 'description') continue;
    else out[key] = normalize(value);
  }
  if (closable && out.properties !== undefined && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === 'string') {
      out.type = [out.type, 'null'];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, discriminator: false });
addFormats.default(ajv);
ajv.addSchema({
  $id: 'github',
  components: {
    schemas: Object.fromEntries(
      Object.entries(document.components.schemas).map(([name, schema]) => [
        name,
        normalize(schema, !openByAllOf.has(name)),
      ]),
    ),
  },
});

const compiled = new Map<string, ValidateFunction>();

/** Validates against an operation's (or a component's) schema; refs resolve into the document. */
function validator(key: string, schema: Schema): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    const rebased = JSON.parse(
      JSON.stringify(normalize(schema)).replace(/"#\/components\//g, '"github#/components/'),
    );
    validate = ajv.compile(rebased as Schema);
    compiled.set(key, validate);
  }
  return validate;
}

function errorsOf(validate: ValidateFunction, value: unknown, what: string): string[] {
  if (validate(value) as boolean) return [];
  return [`${what}: ${ajv.errorsText(validate.errors, { separator: '; ', dataVar: 'body' })}`];
}

export interface MatchedOperation {
  template: string;
  method: string;
  operation: Operation;
  pathParams: Record<string, string>;
}

const templates = Object.keys(document.paths).map((template) => {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string);
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return { template, names, pattern: new RegExp(`^${source}$`) };
});

/** The operation GitHub documents for `method path`, or why there is none. */
export function matchOperation(method: string, pathname: string): MatchedOperation | string {
  const candidates = templates
    .map((t) => ({ ...t, match: t.pattern.exec(pathname) }))
    .filter((t) => t.match !== null)
    // A literal segment beats a parameter (`/pulls/comments` is not `/pulls/{pull_number}`).
    .sort((a, b) => a.names.length - b.names.length);
  for (const candidate of candidates) {
    const operation = document.paths[candidate.template]?.[method.toLowerCase()];
    if (operation === undefined) continue;
    const pathParams: Record<string, string> = {};
    candidate.names.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(candidate.match?.[i + 1] ?? '');
    });
    return { template: candidate.template, method: method.toLowerCase(), operation, pathParams };
  }
  return candidates.length === 0
    ? `GitHub's OpenAPI description has no path ${pathname}`
    : `GitHub's OpenAPI description has no ${method} ${candidates[0]?.template}`;
}

function parameters(matched: MatchedOperation): Parameter[] {
  return (matched.operation.parameters ?? []).map((parameter) =>
    '$ref' in parameter
      ? (document.components.parameters[parameter.$ref.replace('#/components/parameters/', '')] as Parameter)
      : parameter,
  );
}

/** Errors in the path parameters, query and JSON body a client sent. */
export function requestErrors(matched: MatchedOperation, query: URLSearchParams, body: string): string[] {
  const { operationId } = matched.operation;
  const errors: string[] = [];
  const declared = parameters(matched);
  for (const parameter of declared.filter((p) => p.in === 'path')) {
    const value = matched.pathParams[parameter.name] ?? '';
    if (parameter.schema?.type === 'integer' && !/^\d+$/.test(value))
      errors.push(`${operationId}: path parameter ${parameter.name} must be an integer; got ${value}`);
  }
  const queryParameters = new Map(declared.filter((p) => p.in === 'query').map((p) => [p.name, p]));
  for (const name of new Set(query.keys())) {
    const parameter = queryParameters.get(name);
    if (parameter === undefined) {
      errors.push(`${operationId} has no query parameter ${name}`);
      continue;
    }
    const raw = query.get(name) ?? '';
    const value = parameter.schema?.type === 'integer' ? Number(raw) : raw;
    errors.push(
      ...errorsOf(
        validator(`${operationId}?${name}`, parameter.schema ?? {}),
        value,
        `${operationId}?${name}`,
      ),
    );
  }
  for (const parameter of queryParameters.values()) {
    if (parameter.required && !query.has(parameter.name))
      errors.push(`${operationId}: query parameter ${parameter.name} is required`);
  }
  const schema = matched.operation.requestBody?.content['application/json']?.schema;
  if (schema === undefined) {
    if (body !== '') errors.push(`${operationId} takes no request body`);
    return errors;
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [...errors, `${operationId}: request body is not JSON`];
  }
  return [
    ...errors,
    ...errorsOf(validator(`${operationId} request`, schema), json, `${operationId} request`),
  ];
}

/**
 * Errors in a response the fake sends. An error the operation does not describe (rate limits: 403/429
 * on any endpoint; a 422 listed without a body) must carry GitHub's `basic-error` body, as GitHub's do.
 */
export function responseErrors(matched: MatchedOperation, status: number, body: string): string[] {
  const { operationId } = matched.operation;
  let response = matched.operation.responses[String(status)];
  if (response?.$ref)
    response = document.components.responses[response.$ref.replace('#/components/responses/', '')];
  // GitHub answers every error with a `basic-error` body, also where the description lists none.
  const schema =
    response?.content?.['application/json']?.schema ??
    (response === undefined || status >= 400 ? { $ref: '#/components/schemas/basic-error' } : undefined);
  if (schema === undefined) {
    return body === '' ? [] : [`${operationId} ${status} has no body, got ${body.slice(0, 80)}`];
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [`${operationId} ${status}: response body is not JSON`];
  }
  return errorsOf(validator(`${operationId} ${status}`, schema), json, `${operationId} ${status} response`);
}

/** A documented example (components/examples), deep-copied for a response to start from. */
export function githubExample<T = Record<string, unknown>>(name: string): T {
  const examples = (document.components as unknown as { examples: Record<string, { value: unknown }> })
    .examples;
  const example = examples[name];
  if (example === undefined) throw new Error(`no GitHub example ${name}`);
  return structuredClone(example.value) as T;
}
