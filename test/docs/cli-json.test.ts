import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JSON_LINE_TYPES } from '../../src/report/index.js';
import { type CliRun, runCli } from '../support/cli.js';
import { CANARY_IMAGE, createGitOps, demoConfig, FAIL_FROM_30 } from '../support/gitops.js';

// `--json` is a documented, stable stream: docs/cli.md has a section per line type with a table of
// its fields and an example. Every type the code can print is documented, every example parses
// and says only what its table says, and what the CLI really prints (run, status, plan, validate,
// an error) keeps to the tables.

const DOC = readFileSync(path.join(import.meta.dirname, '..', '..', 'docs', 'cli.md'), 'utf8');

interface Documented {
  /** Field name (dotted for a field of an object field) → optional. */
  fields: Map<string, boolean>;
  examples: string[];
}

function documentedTypes(): Map<string, Documented> {
  const section = DOC.slice(DOC.indexOf('\n## JSON lines'));
  const end = section.indexOf('\n## ', 1);
  const body = end < 0 ? section : section.slice(0, end);
  const types = new Map<string, Documented>();
  for (const part of body.split(/\n### /).slice(1)) {
    const name = /^`([^`]+)`/.exec(part)?.[1];
    if (name === undefined) continue;
    const fields = new Map<string, boolean>();
    for (const row of part.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm))
      fields.set(row[1]!, row[2]!.includes('optional'));
    const examples = [...part.matchAll(/```json\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.trim().split('\n'));
    types.set(name, { fields, examples });
  }
  return types;
}

const DOCUMENTED = documentedTypes();

/** What is wrong with a line against the docs; empty when it keeps to them. */
function problems(line: Record<string, unknown>): string[] {
  const type = line.type;
  if (typeof type !== 'string') return ['no type'];
  const doc = DOCUMENTED.get(type);
  if (doc === undefined) return [`type ${type} is not documented`];
  const out: string[] = [];
  if (typeof line.time !== 'string' || Number.isNaN(Date.parse(line.time)) || !line.time.endsWith('Z'))
    out.push(`${type}: time is not ISO 8601 UTC`);
  for (const key of Object.keys(line))
    if (key !== 'type' && key !== 'time' && !doc.fields.has(key))
      out.push(`${type}: field ${key} is not documented`);
  for (const [field, optional] of doc.fields) {
    const [parent, child] = field.split('.');
    if (child === undefined) {
      if (!optional && !(field in line)) out.push(`${type}: documented field ${field} is missing`);
      continue;
    }
    const object = line[parent!];
    if (object === undefined || typeof object !== 'object' || object === null) continue;
    if (!optional && !(child in object)) out.push(`${type}: documented field ${field} is missing`);
  }
  // An object with documented children says nothing more than they do.
  for (const [field, value] of Object.entries(line)) {
    const children = [...doc.fields.keys()]
      .filter((f) => f.startsWith(`${field}.`))
      .map((f) => f.slice(field.length + 1));
    if (children.length === 0 || typeof value !== 'object' || value === null || Array.isArray(value))
      continue;
    for (const key of Object.keys(value))
      if (!children.includes(key)) out.push(`${type}: field ${field}.${key} is not documented`);
  }
  return out;
}

describe('the --json stream in docs/cli.md', () => {
  it('documents every line type the CLI can print, and no other', () => {
    expect([...DOCUMENTED.keys()].sort()).toEqual([...JSON_LINE_TYPES].sort());
  });

  it('has an example per type that parses and keeps to its table', () => {
    for (const [type, doc] of DOCUMENTED) {
      expect(doc.examples.length, `examples of ${type}`).toBeGreaterThan(0);
      for (const example of doc.examples) {
        const line = JSON.parse(example) as Record<string, unknown>;
        expect(line.type).toBe(type);
        expect(problems(line)).toEqual([]);
      }
    }
  });

  const config = demoConfig({
    steps:
      '    - setWeight: 10\n    - analysis: { gates: [smoke] }\n    - setWeight: 30\n    - analysis: { gates: [smoke] }\n',
    gates: FAIL_FROM_30,
    extra: '  sync: { delay: 1s }\n',
  });

  /** The lines the runs printed, parsed. */
  const linesOf = (runs: CliRun[]) =>
    runs.flatMap((run) =>
      run.stdout
        .trimEnd()
        .split('\n')
        .map((text) => JSON.parse(text) as Record<string, unknown>),
    );

  it('is what the CLI prints for an error, validate and plan', async ({ onTestFinished }) => {
    const ops = createGitOps(config);
    onTestFinished(() => ops.dispose());

    const runs = [
      await runCli(ops, ['step', '--json']),
      await runCli(ops, ['validate', '--json']),
      await runCli(ops, ['plan', '--json', '--image', CANARY_IMAGE]),
    ];

    expect(runs.map((run) => run.code)).toEqual([2, 0, 0]);
    const lines = linesOf(runs);
    expect(new Set(lines.map((line) => line.type))).toEqual(new Set(['error', 'validation', 'plan']));
    expect(lines.flatMap(problems)).toEqual([]);
  });

  it('is what the CLI prints for a release that rolls back, and its status', async ({ onTestFinished }) => {
    const ops = createGitOps(config);
    onTestFinished(() => ops.dispose());

    const runs = [
      await runCli(ops, ['run', '--json', '--image', CANARY_IMAGE]),
      await runCli(ops, ['status', '--json']),
    ];

    expect(runs.map((run) => run.code)).toEqual([1, 0]);
    const lines = linesOf(runs);
    expect(new Set(lines.map((line) => line.type))).toEqual(
      new Set(['release', 'commit', 'wait', 'step', 'progress', 'gate', 'done', 'status']),
    );
    expect(lines.flatMap(problems)).toEqual([]);
  });
});
