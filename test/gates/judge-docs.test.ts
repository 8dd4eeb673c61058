import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createGate, gateConfigSchema } from '../../src/gates/index.js';
import { targetFor } from '../../src/targets/registry.js';

// The judge's and the baseline's YAML in docs/configuration.md is what the code accepts.

const docs = readFileSync('docs/configuration.md', 'utf8');
const snippets = [...docs.matchAll(/```yaml\n([\s\S]*?)```/g)].map(
  (match) => parse(match[1]!) as Record<string, unknown>,
);

describe('docs/configuration.md', () => {
  it('shows a judge gate and a baseline workload', () => {
    expect(snippets.some((snippet) => 'gates' in snippet)).toBe(true);
    expect(snippets.some((snippet) => 'baseline' in snippet)).toBe(true);
  });

  it.each(snippets.filter((snippet) => 'gates' in snippet))('its gates build: %j', async (snippet) => {
    for (const [name, config] of Object.entries(snippet.gates as Record<string, unknown>)) {
      const gate = await createGate(name, gateConfigSchema.parse(config));
      expect(gate.kind).toBe(Object.keys(config as object)[0]);
    }
  });

  it.each(snippets.filter((snippet) => 'baseline' in snippet))(
    'its baseline targets validate: %j',
    (snippet) => {
      for (const [key, config] of Object.entries(snippet.baseline as Record<string, unknown>)) {
        const target = targetFor(key);
        expect(target?.family).toBe('workload');
        expect(target!.configSchema.safeParse(config).error).toBeUndefined();
      }
    },
  );
});
