// Many releases: 50 releases of different apps on one branch, started at once, 5 weight steps and a
// promotion each (the installed `gitcanary run`, no waits). Total wall time, push attempts per
// commit (from each process's JSON `commit` events) and lost commits (a commit a process reported
// pushed that the branch does not hold). The baseline is the same 50 releases run one after another.
// Run: npx tsx bench/concurrent.ts [releases=50]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  benchEnv,
  fmtMs,
  generateRepo,
  git,
  installedCli,
  RELEASE_FILES,
  releaseConfig,
  scratch,
} from './lib.js';

const RELEASES = Number(process.argv[2] ?? 50);
const STEPS = [10, 20, 40, 60, 80];
// 50 writers on one branch: each push races 49 others, so the default of 5 attempts is too few.
const MAX_ATTEMPTS = 60;
const dir = scratch('concurrent');
const env = benchEnv(dir);
const bin = installedCli();

const files: Record<string, string> = {};
for (let i = 0; i < RELEASES; i++) {
  for (const [file, text] of Object.entries(RELEASE_FILES))
    files[file.replace('apps/podinfo/', `apps/app-${i}/`)] = text;
}
const repo = generateRepo(dir, env, { manifests: 0, history: 5, files });
const seed = git(repo, env, 'rev-parse', 'main');
for (let i = 0; i < RELEASES; i++) {
  writeFileSync(
    path.join(dir, `app-${i}.yaml`),
    releaseConfig(`file://${repo}`, STEPS, `app-${i}`, `app-${i}`, MAX_ATTEMPTS),
  );
}

interface Commit {
  sha: string;
  attempts: number;
}

function release(i: number): Promise<{ code: number | null; commits: Commit[] }> {
  return new Promise((resolve) => {
    const child = spawn(
      bin,
      ['run', '--json', '--config', `app-${i}.yaml`, '--image', 'ghcr.io/acme/app:2.0.0'],
      {
        cwd: dir,
        env,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('close', (code) => {
      const commits = out
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { type: string; sha?: string; attempts?: number })
        .filter((event) => event.type === 'commit')
        .map((event) => ({ sha: event.sha!, attempts: event.attempts ?? 1 }));
      resolve({ code, commits });
    });
  });
}

async function measure(parallel: boolean) {
  git(repo, env, 'update-ref', 'refs/heads/main', seed);
  git(repo, env, 'update-ref', '-d', 'refs/notes/gitcanary');
  const started = performance.now();
  const results = [];
  if (parallel) results.push(...(await Promise.all(Array.from({ length: RELEASES }, (_, i) => release(i)))));
  else for (let i = 0; i < RELEASES; i++) results.push(await release(i));
  const ms = performance.now() - started;
  const onBranch = new Set(git(repo, env, 'rev-list', 'main').split('\n'));
  const commits = results.flatMap((r) => r.commits);
  const lost = commits.filter((c) => !onBranch.has(c.sha)).length;
  const failed = results.filter((r) => r.code !== 0).length;
  const attempts = commits.map((c) => c.attempts);
  return {
    ms,
    commits: commits.length,
    lost,
    failed,
    retries: attempts.reduce((a, b) => a + b - 1, 0) / Math.max(1, commits.length),
    maxAttempts: Math.max(...attempts),
  };
}

const one = await measure(false);
const all = await measure(true);
console.log(
  `${RELEASES} releases of different apps on one branch, ${STEPS.length} weight steps + start + promote each, maxPushAttempts ${MAX_ATTEMPTS}`,
);
for (const [label, r] of [
  ['one after another', one],
  ['all at once', all],
] as const) {
  console.log(
    `  ${label.padEnd(18)} ${fmtMs(r.ms).padStart(8)}  commits ${r.commits}  push retries/commit ${r.retries.toFixed(2)} (max attempts ${r.maxAttempts})  lost ${r.lost}  failed releases ${r.failed}`,
  );
}
