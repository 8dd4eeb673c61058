import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ManifestTree } from '../manifests/index.js';

const run = promisify(execFile);

/** Unified diff (git's format) of the files that differ between two trees. */
export async function treeDiff(before: ManifestTree, after: ManifestTree): Promise<string> {
  const changes = after.changedFrom(before);
  if (changes.length === 0) return '';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gitcanary-diff-'));
  try {
    const parts: string[] = [];
    for (const [i, change] of changes.entries()) {
      const a = path.join(dir, `${i}.a`);
      const b = path.join(dir, `${i}.b`);
      await writeFile(a, before.has(change.file) ? before.text(change.file) : '');
      await writeFile(b, change.text ?? '');
      // git diff --no-index exits 1 when the files differ: that is the normal case here.
      const out = await run('git', ['diff', '--no-index', '--no-color', '--', a, b], {
        maxBuffer: 64 * 1024 * 1024,
      }).then(
        (r) => r.stdout,
        (error: { stdout?: string; code?: number }) => {
          if (error.code === 1 && error.stdout !== undefined) return error.stdout;
          throw error;
        },
      );
      const oldName = before.has(change.file) ? `a/${change.file}` : '/dev/null';
      const newName = change.text === null ? '/dev/null' : `b/${change.file}`;
      // Each file's part ends with its own newline: a blank line between parts corrupts the patch.
      const body = out
        .replace(/\n$/, '')
        .split('\n')
        .slice(out.startsWith('diff --git') ? 1 : 0);
      const hunks = body.filter(
        (line) =>
          !line.startsWith('index ') &&
          !line.startsWith('--- ') &&
          !line.startsWith('+++ ') &&
          !/^(new|deleted) file mode/.test(line),
      );
      parts.push(
        [`diff --git a/${change.file} b/${change.file}`, `--- ${oldName}`, `+++ ${newName}`, ...hunks].join(
          '\n',
        ),
      );
    }
    return parts.map((part) => `${part}\n`).join('');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
