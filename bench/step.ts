// One scheduled `gitcanary step` of the installed CLI (clone, edit one weight, commit, push) against
// the same work as a shell script with raw git and sed, on twin repositories, interleaved.
// Target: ≤ 3× the script. Also counts the git processes one step runs (GIT_TRACE2).
// Run: npx tsx bench/step.ts [N=10]
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  benchEnv,
  fmtMb,
  fmtMs,
  generateRepo,
  installedCli,
  median,
  ratio,
  releaseConfig,
  scratch,
  timed,
} from './lib.js';

const N = Number(process.argv[2] ?? 10);
const dir = scratch('step');
const env = benchEnv(dir);
const bin = installedCli();

const ours = generateRepo(path.join(dir), env, { manifests: 0, history: 20 });
const theirsDir = path.join(dir, 'raw');
(await import('node:fs')).mkdirSync(theirsDir);
const theirs = generateRepo(theirsDir, env, { manifests: 0, history: 20 });

// Weights 1..N+2: the first `step --image` starts the release, each later one commits one weight.
const weights = Array.from({ length: N + 2 }, (_, i) => i + 1);
writeFileSync(path.join(dir, 'gitcanary.yaml'), releaseConfig(`file://${ours}`, weights));
const IMAGE = 'ghcr.io/stefanprodan/podinfo:6.1.0';
await timed(bin, ['step', '--config', 'gitcanary.yaml', '--image', IMAGE], {
  cwd: dir,
  env,
  allowExit: [0, 3],
});

const SCRIPT = `set -e
git clone --quiet --single-branch --no-tags --branch main "$1" w
sed -i "15s/weight: .*/weight: $((100 - $2))/;18s/weight: .*/weight: $2/" w/apps/podinfo/routes/route.yaml
git -C w commit --quiet --all -m "podinfo: weight $2"
git -C w push --quiet origin HEAD:main
rm -rf w`;

const raw: number[] = [];
const step: number[] = [];
const stepRss: number[] = [];
for (let i = 0; i < N; i++) {
  const a = await timed('sh', ['-c', SCRIPT, 'sh', `file://${theirs}`, String(i + 1)], { cwd: dir, env });
  raw.push(a.ms);
  const b = await timed(bin, ['step', '--config', 'gitcanary.yaml'], { cwd: dir, env, allowExit: [0, 3] });
  step.push(b.ms);
  stepRss.push(b.rssKb);
}

// The git processes of one more step, from git's own trace.
const trace = path.join(dir, 'trace.json');
await timed(bin, ['step', '--config', 'gitcanary.yaml'], {
  cwd: dir,
  env: { ...env, GIT_TRACE2_EVENT: trace },
  allowExit: [0, 3],
});
const commands = readFileSync(trace, 'utf8')
  .split('\n')
  .filter((line) => line.includes('"event":"start"'))
  .map(
    (line) =>
      (JSON.parse(line) as { argv: string[] }).argv.slice(1).find((arg) => !arg.startsWith('-')) ?? '?',
  );
rmSync(trace, { force: true });
const top = commands;

const r = median(raw);
const s = median(step);
console.log(
  `one weight step, installed CLI vs raw git + sed script, file:// remote, N=${N} interleaved (median)`,
);
console.log(`  shell script (clone, sed, commit, push)  ${fmtMs(r)}`);
console.log(`  gitcanary step                           ${fmtMs(s)}  peak rss ${fmtMb(median(stepRss))}`);
console.log(
  `  ratio                                    ${ratio(s, r)} ${s / r <= 3 ? '(target ≤ 3x: met)' : '(target ≤ 3x: NOT met)'}`,
);
console.log(`  git processes in one step (incl. server side): ${top.length}: ${top.join(' ')}`);
