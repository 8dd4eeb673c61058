import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { SCHEMAS_DIR } from './crd.js';

// The Argo CD REST API as its server describes it (test/schemas/argocd-swagger.json, Swagger 2.0):
// request shapes (path template, method, query parameters) and response bodies (`definitions`).

interface SwaggerParameter {
  name: string;
  in: 'path' | 'query' | 'body' | 'header' | 'formData';
  type?: string;
  required?: boolean;
}

interface SwaggerOperation {
  operationId: string;
  parameters?: SwaggerParameter[];
  responses: Record<string, { schema?: { $ref?: string } }>;
}

interface SwaggerDocument {
  swagger: string;
  paths: Record<string, Record<string, SwaggerOperation>>;
  definitions: Record<string, JsonSchema>;
}

type JsonSchema = { [keyword: string]: unknown };

export interface MatchedOperation {
  template: string;
  method: string;
  operation: SwaggerOperation;
  pathParams: Record<string, string>;
}

const document = JSON.parse(
  readFileSync(path.join(SCHEMAS_DIR, 'argocd-swagger.json'), 'utf8'),
) as SwaggerDocument;

/**
 * The server marshals generated Go structs, so it never sends a field its swagger does not list:
 * close every object schema that names its properties (maps keep their `additionalProperties`).
 */
function closeObjects(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closeObjects);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) out[key] = closeObjects(value);
  if (out.properties !== undefined && out.additionalProperties === undefined && out.allOf === undefined) {
    out.additionalProperties = false;
  }
  return out;
}

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
// Swagger 2.0 definitions referenced as `#/definitions/<name>` from inside the document itself.
ajv.addSchema({ $id: 'argocd-swagger', definitions: closeObjects(document.definitions) });

const validators = new Map<string, ValidateFunction>();

/** Validator for the swagger definition `name` (e.g. `v1alpha1Application`, `runtimeError`). */
export function swaggerValidator(name: string): ValidateFunction {
  const hit = validators.get(name);
  if (hit) return hit;
  if (document.definitions[name] === undefined)
    throw new Error(`argocd-swagger.json has no definition ${name}`);
  const validate = ajv.compile({ $ref: `argocd-swagger#/definitions/${name}` });
  validators.set(name, validate);
  return validate;
}

/** ajv's errors for `value` against definition `name`, or undefined when it is valid. */
export function swaggerErrors(name: string, value: unknown): string | undefined {
  const validate = swaggerValidator(name);
  if (validate(value) as boolean) return undefined;
  return ajv.errorsText(validate.errors, { separator: '; ', dataVar: name });
}

function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

const templates = Object.keys(document.paths).map((template) => ({
  template,
  pattern: templatePattern(template),
  names: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] as string),
}));

/** The operation the API documents for `method path`, or an error message when it has none. */
export function matchOperation(method: string, pathname: string): MatchedOperation | string {
  // A literal segment beats a parameter (`/applications/manifestsWithFiles` is not `{name}`).
  const candidates = templates
    .map((t) => ({ ...t, match: t.pattern.exec(pathname) }))
    .filter((t) => t.match !== null)
    .sort((a, b) => a.names.length - b.names.length);
  if (candidates.length === 0) return `no path in argocd-swagger.json matches ${pathname}`;
  for (const candidate of candidates) {
    const operation = document.paths[candidate.template]?.[method.toLowerCase()];
    if (operation === undefined) continue;
    const pathParams: Record<string, string> = {};
    candidate.names.forEach((name, i) => {
      pathParams[name] = decodeURIComponent(candidate.match?.[i + 1] ?? '');
    });
    return { template: candidate.template, method: method.toLowerCase(), operation, pathParams };
  }
  return `argocd-swagger.json documents no ${method} on ${candidates[0]?.template}`;
}

/** Errors for query parameters the operation does not declare (or declares with another type). */
export function queryErrors(matched: MatchedOperation, query: URLSearchParams): string[] {
  const errors: string[] = [];
  const declared = new Map(
    (matched.operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p]),
  );
  for (const name of new Set(query.keys())) {
    const parameter = declared.get(name);
    if (parameter === undefined) {
      errors.push(`${matched.operation.operationId} has no query parameter ${name}`);
      continue;
    }
    const values = query.getAll(name);
    if (parameter.type !== 'array' && values.length > 1) {
      errors.push(`${matched.operation.operationId}: query parameter ${name} is not repeatable`);
    }
    if (parameter.type === 'boolean' && values.some((v) => v !== 'true' && v !== 'false')) {
      errors.push(`${matched.operation.operationId}: query parameter ${name} must be true or false`);
    }
  }
  return errors;
}

/** Name of the definition the operation answers with for `status` (`default` covers errors). */
export function responseDefinition(matched: MatchedOperation, status: number): string | undefined {
  const response = matched.operation.responses[String(status)] ?? matched.operation.responses.default;
  const ref = response?.schema?.$ref;
  return ref?.replace('#/definitions/', '');
}
