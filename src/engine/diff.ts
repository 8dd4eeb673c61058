import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ManifestTree } from '../manifests/index.js';

const run = promisify(execFile);

/** Unified diff (git's format) of the files that differ between two trees. */
export async function treeDiff(before: ManifestTree, after: ManifestTree): Promise<string> {
  const changes = after.changedFiles(before);
  if (changes.length === 0) return '';
  const dir = await mkdtemp(path.join(os.tmpdir(), 'gitcanary-diff-'));
  try {
    const parts: string[] = [];
    for (const [i, file] of changes.entries()) {
      const a = path.join(dir, `${i}.a`);
      const b = path.join(dir, `${i}.b`);
      // In pieces: a large file's planned states are not put together as strings to diff them.
      await writeFile(a, before.has(file) ? before.chunks(file) : '');
      await writeFile(b, after.has(file) ? after.chunks(file) : '');
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
      const oldName = before.has(file) ? `a/${file}` : '/dev/null';
      const newName = after.has(file) ? `b/${file}` : '/dev/null';
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
      parts.push([`diff --git a/${file} b/${file}`, `--- ${oldName}`, `+++ ${newName}`, ...hunks].join('\n'));
    }
    return parts.map((part) => `${part}\n`).join('');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
