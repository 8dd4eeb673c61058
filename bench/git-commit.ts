// commitStep vs raw `git commit && git push` for the same one-line change on the same bare remote,
// measured in one run, interleaved so machine noise hits both. Prints timings and the ratio.
// Run: npx tsx bench/git-commit.ts [N]
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { openRepository } from '../src/git/index.js';

const run = promisify(execFile);
const N = Number(process.argv[2] ?? 20);
const WARMUP = 2;
const MANIFEST = 'apps/web/route.yaml';

const scratch = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-bench-'));
// Same identity and no machine config for both sides.
Object.assign(process.env, {
  HOME: scratch,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'bench',
  GIT_AUTHOR_EMAIL: 'bench@example.com',
  GIT_COMMITTER_NAME: 'bench',
  GIT_COMMITTER_EMAIL: 'bench@example.com',
});

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd })).stdout.trim();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

async function main(): Promise<void> {
  const remote = path.join(scratch, 'remote.git');
  await git(scratch, 'init', '--quiet', '--bare', '--initial-branch=main', remote);
  const raw = path.join(scratch, 'raw');
  await git(scratch, 'clone', '--quiet', remote, raw);
  await git(raw, 'checkout', '--quiet', '-b', 'main');
  await run('mkdir', ['-p', path.join(raw, 'apps/web')]);
  appendFileSync(path.join(raw, MANIFEST), 'weight: 0\n');
  await git(raw, 'add', '--all');
  await git(raw, 'commit', '--quiet', '-m', 'seed');
  await git(raw, 'push', '--quiet', 'origin', 'HEAD:main', 'HEAD:raw');
  // Two branches of one remote so the two writers never race each other.
  await git(raw, 'checkout', '--quiet', '-B', 'raw', 'origin/raw');

  const repository = await openRepository({
    repo: remote,
    branch: 'main',
    author: { name: 'bench', email: 'bench@example.com' },
  });
  const rawTimes: number[] = [];
  const stepTimes: number[] = [];
  try {
    for (let i = 0; i < N + WARMUP; i++) {
      let start = performance.now();
      appendFileSync(path.join(raw, MANIFEST), `# step ${i}\n`);
      await git(raw, 'commit', '--quiet', '--all', '-m', `raw step ${i}`);
      await git(raw, 'push', '--quiet', 'origin', 'HEAD:raw');
      if (i >= WARMUP) rawTimes.push(performance.now() - start);

      start = performance.now();
      const outcome = await repository.commitStep(async (root) => {
        appendFileSync(path.join(root, MANIFEST), `# step ${i}\n`);
        return {
          message: `step ${i}`,
          trailers: { 'Gitcanary-Step': `${i + 1}/${N + WARMUP}` },
          files: [MANIFEST],
        };
      });
      if (!outcome.committed) throw new Error(`step ${i} committed nothing`);
      if (i >= WARMUP) stepTimes.push(performance.now() - start);
    }
  } finally {
    await repository.close();
  }

  const rawMedian = median(rawTimes);
  const stepMedian = median(stepTimes);
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(`one-line change, commit + push to a local bare remote, N=${N} each (after ${WARMUP} warm-up)`);
  console.log(`  git commit && git push   median ${fmt(rawMedian)}  min ${fmt(Math.min(...rawTimes))}`);
  console.log(`  commitStep               median ${fmt(stepMedian)}  min ${fmt(Math.min(...stepTimes))}`);
  console.log(`  ratio commitStep / raw   ${(stepMedian / rawMedian).toFixed(2)}x (median)`);
}

try {
  await main();
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
