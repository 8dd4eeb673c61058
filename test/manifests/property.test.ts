import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setIn, valueAt } from '../../src/manifests/index.js';
import { treeOf } from './helpers.js';

// One ApisixRoute written in many of the ways users write it; setting weights must touch only the
// weight lines, whatever the formatting.
interface Variant {
  indent: 2 | 4;
  indentless: boolean;
  eol: '\n' | '\r\n';
  quote: 'plain' | 'double' | 'single';
  comment: boolean;
  before: boolean;
  after: boolean;
  finalNewline: boolean;
}

const OTHER_DOC = [
  'apiVersion: v1',
  'kind: Service',
  'metadata:',
  '  name: shop-canary # svc',
  'spec:',
  '  ports:',
  '  - port: 80',
];

function weightText(weight: number, variant: Variant): string {
  if (variant.quote === 'double') return `"${weight}"`;
  if (variant.quote === 'single') return `'${weight}'`;
  return String(weight);
}

/** The manifest's lines and the indexes of the two weight lines. */
function render(
  variant: Variant,
  weights: [number, number],
): { lines: string[]; weightLines: [number, number] } {
  const u = ' '.repeat(variant.indent);
  // Sequence items under a key: `- ` at the key's column (indentless) or one unit in.
  const seq = variant.indentless ? '' : u;
  const item = `${'- '.padEnd(variant.indent, ' ')}`;
  const lines: string[] = [];
  if (variant.before) lines.push(...OTHER_DOC, '---');
  lines.push(
    'apiVersion: apisix.apache.org/v2',
    'kind: ApisixRoute',
    'metadata:',
    `${u}name: shop`,
    'spec:',
    `${u}http:`,
  );
  const http = `${u}${seq}`;
  const rule = http + ' '.repeat(item.length);
  lines.push(`${http}${item}name: main`, `${rule}backends:`);
  const backends = `${rule}${seq}`;
  const backend = backends + ' '.repeat(item.length);
  const weightLines: number[] = [];
  for (const [i, name] of ['shop-stable', 'shop-canary'].entries()) {
    lines.push(`${backends}${item}serviceName: ${name}`, `${backend}servicePort: 80`);
    weightLines.push(lines.length);
    lines.push(
      `${backend}weight: ${weightText(weights[i]!, variant)}${variant.comment ? '  # managed' : ''}`,
    );
  }
  if (variant.after) lines.push('---', ...OTHER_DOC);
  return { lines, weightLines: weightLines as [number, number] };
}

function textOf(lines: string[], variant: Variant): string {
  return lines.join(variant.eol) + (variant.finalNewline ? variant.eol : '');
}

const variants = fc.record<Variant>({
  indent: fc.constantFrom(2, 4),
  indentless: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
  quote: fc.constantFrom('plain', 'double', 'single'),
  comment: fc.boolean(),
  before: fc.boolean(),
  after: fc.boolean(),
  finalNewline: fc.boolean(),
});
const weight = fc.integer({ min: 0, max: 100 });

describe('setting weights on formatting variants of one ApisixRoute', () => {
  it('changes only the weight lines, and the result reads back as the weights set', () => {
    fc.assert(
      fc.property(variants, weight, weight, weight, (variant, old, stable, canary) => {
        const before = render(variant, [old, 100 - old]);
        const text = textOf(before.lines, variant);
        const tree = treeOf({ 'route.yaml': text });
        const doc = tree.find({ kind: 'ApisixRoute', name: 'shop' });
        // Quoted weights are strings (as in annotations); plain ones are numbers.
        const as = (w: number): number | string => (variant.quote === 'plain' ? w : String(w));
        const path = (i: number) => ['spec', 'http', 0, 'backends', i, 'weight'];
        const next = setIn(setIn(tree, doc, path(0), as(stable)), doc, path(1), as(canary));

        const expected = render(variant, [stable, canary]);
        expect(next.text('route.yaml')).toBe(textOf(expected.lines, variant));
        const lines = next.text('route.yaml').split(variant.eol);
        for (const [i, line] of before.lines.entries()) {
          if (!before.weightLines.includes(i)) expect(lines[i]).toBe(line);
        }
        const after = next.find({ kind: 'ApisixRoute', name: 'shop' });
        expect([valueAt(after, path(0)), valueAt(after, path(1))]).toEqual([as(stable), as(canary)]);
      }),
      { numRuns: 300 },
    );
  });

  it('inserts a missing weight as one new line in the backend’s indentation', () => {
    fc.assert(
      fc.property(variants, weight, (variant, canary) => {
        const before = render(variant, [100, 0]);
        const withoutCanaryWeight = before.lines.filter((_, i) => i !== before.weightLines[1]);
        const text = textOf(withoutCanaryWeight, variant);
        const tree = treeOf({ 'route.yaml': text });
        const doc = tree.find({ kind: 'ApisixRoute', name: 'shop' });
        const next = setIn(tree, doc, ['spec', 'http', 0, 'backends', 1, 'weight'], canary);
        const indent = before.lines[before.weightLines[1]]!.match(/^ */)![0];
        const lines = [...withoutCanaryWeight];
        lines.splice(before.weightLines[1], 0, `${indent}weight: ${canary}`);
        expect(next.text('route.yaml')).toBe(textOf(lines, variant));
      }),
      { numRuns: 200 },
    );
  });
});
