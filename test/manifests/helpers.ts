import { readFileSync } from 'node:fs';
import { ManifestTree } from '../../src/manifests/index.js';

export const FORMATS = new URL('../../fixtures/formats/', import.meta.url);

export function fixture(name: string): string {
  return readFileSync(new URL(name, FORMATS), 'utf8');
}

export function treeOf(files: Record<string, string>): ManifestTree {
  return new ManifestTree(files);
}

/**
 * The one changed hunk between two texts, line by line with line endings kept (`\r` shows up):
 * `@@ <first changed line>` then `-old` and `+new` lines. Edits are single splices, so one hunk.
 */
export function hunk(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  if (head === a.length && head === b.length) return [];
  return [
    `@@ ${head + 1}`,
    ...a.slice(head, a.length - tail).map((l) => `-${l}`),
    ...b.slice(head, b.length - tail).map((l) => `+${l}`),
  ];
}
