import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parseAllDocuments } from 'yaml';

// Validates objects against the upstream CRDs vendored in test/schemas (byte-exact copies, see
// test/schemas/SOURCES.md): what gitcanary writes must be accepted by the real API server.

export const SCHEMAS_DIR = path.join(import.meta.dirname, '..', 'schemas');

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
addFormats.default(ajv);
// Kubernetes structural-schema extensions carry no validation ajv needs to know about.
for (const keyword of [
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-validations',
  'x-kubernetes-embedded-resource',
]) {
  ajv.addKeyword(keyword);
}

const cache = new Map<string, ValidateFunction>();

/** Validator for `kind` at `apiVersion` from the CRD file `crdFile` in test/schemas. */
export function crdValidator(crdFile: string, apiVersion: string, kind: string): ValidateFunction {
  const key = `${crdFile}|${apiVersion}|${kind}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [group, version] = apiVersion.split('/') as [string, string];
  const docs = parseAllDocuments(readFileSync(path.join(SCHEMAS_DIR, crdFile), 'utf8'));
  for (const doc of Array.isArray(docs) ? docs : []) {
    const crd = doc.toJS() as {
      kind?: string;
      spec?: {
        group: string;
        names: { kind: string };
        versions: { name: string; schema?: { openAPIV3Schema: object } }[];
      };
    } | null;
    if (crd?.kind !== 'CustomResourceDefinition' || crd.spec?.group !== group || crd.spec.names.kind !== kind)
      continue;
    const served = crd.spec.versions.find((v) => v.name === version);
    if (!served?.schema) throw new Error(`${crdFile}: ${kind} has no schema for version ${version}`);
    const validate = ajv.compile(served.schema.openAPIV3Schema);
    cache.set(key, validate);
    return validate;
  }
  throw new Error(`${crdFile}: no CustomResourceDefinition for ${apiVersion} ${kind}`);
}

/** Throws with ajv's messages when `object` does not validate against its CRD. */
export function assertValidAgainstCrd(crdFile: string, object: { apiVersion: string; kind: string }): void {
  const validate = crdValidator(crdFile, object.apiVersion, object.kind);
  const { kind } = object;
  if (!(validate(object) as boolean)) {
    throw new Error(
      `${kind} does not validate against ${crdFile}: ${ajv.errorsText(validate.errors, { separator: '\n' })}`,
    );
  }
}

/** Validator for a JSON Schema file in test/schemas (e.g. kustomization.schema.json). */
export function jsonSchemaValidator(file: string): ValidateFunction {
  const hit = cache.get(file);
  if (hit) return hit;
  const schema = JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')) as object & {
    $schema?: string;
  };
  const { $schema: _, ...rest } = schema;
  const validate = ajv.compile(rest);
  cache.set(file, validate);
  return validate;
}

export { ajv };
