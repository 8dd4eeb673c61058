import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { parseConfig } from '../../src/config/index.js';

// Every YAML snippet in README.md and docs/ is loaded: a release config must pass the same
// validation `validate` and `run` apply, anything else must at least be YAML.

const ROOT = path.join(import.meta.dirname, '..', '..');
const FILES = ['README.md', ...readdirSync(path.join(ROOT, 'docs')).map((name) => `docs/${name}`)].filter(
  (file) => file.endsWith('.md'),
);

function snippets(file: string): { line: number; text: string }[] {
  const text = readFileSync(path.join(ROOT, file), 'utf8');
  const out: { line: number; text: string }[] = [];
  for (const match of text.matchAll(/^```ya?ml\n([\s\S]*?)^```/gm)) {
    out.push({ line: text.slice(0, match.index).split('\n').length, text: match[1]! });
  }
  return out;
}

describe('YAML in the documentation', () => {
  const all = FILES.flatMap((file) => snippets(file).map((snippet) => ({ file, ...snippet })));

  it('has snippets to check', () => {
    expect(all.length).toBeGreaterThan(0);
  });

  it.each(all.map((snippet) => [`${snippet.file}:${snippet.line}`, snippet] as const))(
    '%s loads',
    (_, snippet) => {
      const documents = parseAllDocuments(snippet.text);
      for (const document of Array.isArray(documents) ? documents : []) expect(document.errors).toEqual([]);
      if (/^kind: Release$/m.test(snippet.text)) {
        expect(() => parseConfig(snippet.text, `${snippet.file}:${snippet.line}`)).not.toThrow();
      }
    },
  );
});
