import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { ManifestTree, sliceDocuments } from '../../src/manifests/index.js';

// The tree parses a file one document at a time, found by its markers without parsing. For every
// stream the parser reads, the documents must be the same: count, values and source positions.

const FORMATS = path.join(import.meta.dirname, '..', '..', 'fixtures', 'formats');

function expectSameAsParser(text: string): void {
  const parsed = parseAllDocuments(text, { uniqueKeys: true, merge: true });
  const whole = Array.isArray(parsed) ? parsed : [];
  if (whole.some((document) => document.errors.length > 0)) return;
  const tree = new ManifestTree({ 'f.yaml': text });
  expect(sliceDocuments(text)).toHaveLength(whole.length);
  for (const [index, document] of whole.entries()) {
    const lazy = tree.document('f.yaml', index)!;
    const plain = (doc: typeof document) => {
      try {
        return doc.toJS({ maxAliasCount: 100 });
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(plain(lazy.document)).toEqual(plain(document));
    // Ranges are offsets in the text the document was parsed from, which starts at `offset`.
    const local = lazy.document.contents?.range;
    expect(local?.map((at) => at + lazy.offset)).toEqual(document.contents?.range);
    if (local)
      expect(lazy.source.slice(local[0], local[2])).toBe(
        text.slice(local[0] + lazy.offset, local[2] + lazy.offset),
      );
  }
}

const piece = fc.constantFrom(
  'a: 1\n',
  'kind: ApisixRoute\nmetadata:\n  name: shop\n',
  '# a comment\n',
  '\n',
  'list:\n- x\n- y\n',
  'text: |\n  keep\n  lines\n',
  'folded: >-\n  one\n  two\n',
  'flow: {a: [1, 2]}\n',
  "quoted: '--- not a marker'\n",
  'key: "... not an end"\n',
  'anchor: &x {a: 1}\nalias: *x\n',
  '  # indented comment\n',
);
const separator = fc.constantFrom(
  '---\n',
  '--- # start\n',
  '...\n---\n',
  '...\n',
  '...\n# between\n---\n',
  '--- \n',
);

describe('documents found by their markers', () => {
  it('are the parser’s documents for every fixture in fixtures/formats', () => {
    for (const name of readdirSync(FORMATS).filter((file) => /\.ya?ml$/.test(file))) {
      expectSameAsParser(readFileSync(path.join(FORMATS, name), 'utf8'));
    }
  });

  it('are the parser’s documents for generated streams', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(piece, { maxLength: 4 }), separator), { maxLength: 6 }),
        fc.array(piece, { maxLength: 3 }),
        fc.boolean(),
        (parts, tail, crlf) => {
          let text = parts.map(([body, sep]) => `${body.join('')}${sep}`).join('') + tail.join('');
          if (crlf) text = text.replace(/\n/g, '\r\n');
          expectSameAsParser(text);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('parse only the documents a lookup can match', () => {
    const others = Array.from({ length: 1000 }, (_, i) => `kind: ConfigMap\nmetadata:\n  name: cm-${i}\n`);
    const text = [...others, 'kind: ApisixRoute\nmetadata:\n  name: shop\n'].join('---\n');
    const tree = new ManifestTree({ 'f.yaml': text });
    expect(tree.find({ kind: 'ApisixRoute', name: 'shop' }).index).toBe(1000);
    // Asking for another kind finds nothing without parsing the ConfigMaps either.
    expect(tree.resources(['f.yaml'], { kind: 'Rollout' })).toEqual([]);
  });
});
