import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { releaseJsonSchema, releaseJsonSchemaText, SCHEMA_ID } from '../../src/config/index.js';
import { allTargets } from '../../src/targets/registry.js';
import { testTargets } from './targets.js';

const fixturesDir = 'fixtures/config';
const releaseFixtures = (folder: string) =>
  readdirSync(`${fixturesDir}/${folder}`).filter(
    (file) => file.endsWith('.yaml') && !file.endsWith('.flagger.yaml'),
  );

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(releaseJsonSchema(testTargets));
}

describe('published JSON Schema', () => {
  it('schema/gitcanary.schema.json is what scripts/gen-schema.ts generates now (run it after schema changes)', () => {
    expect(readFileSync('schema/gitcanary.schema.json', 'utf8')).toBe(releaseJsonSchemaText(allTargets()));
  });

  it('carries its $id, title and field descriptions', () => {
    const schema = releaseJsonSchema(testTargets) as {
      $id: string;
      title: string;
      properties: { spec: { properties: Record<string, { description?: string }> } };
    };
    expect(schema.$id).toBe(SCHEMA_ID);
    expect(schema.title).toBe('gitcanary release');
    expect(schema.properties.spec.properties.steps?.description).toBe('Argo Rollouts canary steps.');
  });

  it.each(releaseFixtures('valid'))('accepts valid/%s', (file) => {
    const validate = validator();
    const ok = validate(parse(readFileSync(`${fixturesDir}/valid/${file}`, 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  // Gate references, duration syntax and Flagger limits are cross-field or refinements: load-time only.
  it.each(['unknown-router.yaml', 'weight-120.yaml', 'missing-workload.yaml', 'steps-and-analysis.yaml'])(
    'rejects invalid/%s',
    (file) => {
      const validate = validator();
      expect(validate(parse(readFileSync(`${fixturesDir}/invalid/${file}`, 'utf8')))).toBe(false);
    },
  );

  it('lists every invalid fixture either here or as a load-time-only check', () => {
    const loadTimeOnly = ['pause-abc.yaml', 'undefined-gate.yaml', 'metric-template-ref.yaml'];
    const schemaRejected = [
      'unknown-router.yaml',
      'weight-120.yaml',
      'missing-workload.yaml',
      'steps-and-analysis.yaml',
    ];
    expect(releaseFixtures('invalid').sort()).toEqual([...loadTimeOnly, ...schemaRejected].sort());
  });
});
