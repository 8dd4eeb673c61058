// One scheduled `gitcanary step` of the installed CLI (clone, edit one weight, commit, push) against
// the same work as a shell script with raw git and sed, on twin repositories, interleaved.
// Target: ≤ 3× the script. Also counts the git processes one step runs (GIT_TRACE2).
// Run: npx tsx bench/step.ts [N=10]
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sparsePatterns } from '../src/git/open.js';
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
const protocolDir = path.join(dir, 'protocol');
(await import('node:fs')).mkdirSync(protocolDir);
const protocol = generateRepo(protocolDir, env, { manifests: 0, history: 20 });

// Optionally the same CLI under another Node (GITCANARY_NODE24=<path of a node 24 binary>: the
// GitHub Action's runtime, where bin/gitcanary.js turns on Node's compile cache).
const node24 = process.env.GITCANARY_NODE24;

// One weight per measured step, and two more (node 24's warm-up, the traced step): the first
// `step --image` starts the release, each later one commits one weight.
const weights = Array.from({ length: N * (node24 ? 2 : 1) + 3 }, (_, i) => i + 1);
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

// The floor under gitcanary's step: the git commands one step runs (the list the trace below
// prints: a new repository and what a clone would configure, one fetch of the branch, notes and
// leases, the sparse checkout, the lease and history reads, the note of the newest commit, then
// stage, commit, push), from a shell, with the same arguments, and Node's own start (`node -e 0`).
// What a step takes beyond the two is gitcanary's JavaScript: loading, config, planning, editing,
// rendering, and spawning from a 70 MB process.
const SPARSE = sparsePatterns([
  'apps/podinfo/canary',
  'apps/podinfo/primary',
  'apps/podinfo/routes/route.yaml',
]);
const PROTOCOL = `set -e
d=$(mktemp -d)
git init --quiet --initial-branch=main "$d/repo"
cd "$d/repo"
printf '[remote "origin"]\n\turl = "%s"\n\tfetch = "+refs/heads/main:refs/remotes/origin/main"\n[core]\n\tsparseCheckout = true\n\tsparseCheckoutCone = true\n[index]\n\tsparse = true\n' "$1" >> .git/config
printf '%s\n' ${SPARSE.map((pattern) => `'${pattern}'`).join(' ')} > .git/info/sparse-checkout
git fetch --quiet --filter=blob:none --no-tags --prune origin +refs/heads/main:refs/remotes/origin/main \
  '+refs/notes/gitcanary*:refs/notes/gitcanary*' '+refs/gitcanary/lease/*:refs/gitcanary/lease/*'
git reset --quiet --hard refs/remotes/origin/main
git for-each-ref '--format=%(objectname)%00%(contents)' refs/gitcanary/lease/podinfo >/dev/null
newest=$(git log '--format=%H%x1f%cI%x1f%s%x1f%(trailers:only,unfold,separator=%x1d)%x1e' --topo-order \
  --extended-regexp '--grep=^Gitcanary-Release: *podinfo *$' --max-count=200 refs/remotes/origin/main -- | head -c 40)
git notes --ref=refs/notes/gitcanary show "\${newest:-HEAD}" >/dev/null 2>&1 || true
sed -i "15s/weight: .*/weight: $((100 - $2))/;18s/weight: .*/weight: $2/" apps/podinfo/routes/route.yaml
git update-index --add --remove -- apps/podinfo/routes/route.yaml
git -c core.abbrev=no commit --quiet --no-verify --no-status --cleanup=verbatim --allow-empty -m "podinfo: weight $2"
git push --quiet --porcelain origin HEAD:refs/heads/main >/dev/null
rm -rf "$d"`;

if (node24)
  await timed(node24, [bin, 'step', '--config', 'gitcanary.yaml'], { cwd: dir, env, allowExit: [0, 3] });

const raw: number[] = [];
const step: number[] = [];
const stepRss: number[] = [];
const step24: number[] = [];
const gitFloor: number[] = [];
const nodeStart: number[] = [];
for (let i = 0; i < N; i++) {
  const a = await timed('sh', ['-c', SCRIPT, 'sh', `file://${theirs}`, String(i + 1)], { cwd: dir, env });
  raw.push(a.ms);
  const p = await timed('sh', ['-c', PROTOCOL, 'sh', `file://${protocol}`, String(i + 1)], { cwd: dir, env });
  gitFloor.push(p.ms);
  nodeStart.push((await timed(process.execPath, ['-e', '0'], { cwd: dir, env })).ms);
  const b = await timed(bin, ['step', '--config', 'gitcanary.yaml'], { cwd: dir, env, allowExit: [0, 3] });
  step.push(b.ms);
  stepRss.push(b.rssKb);
  if (node24) {
    const c = await timed(node24, [bin, 'step', '--config', 'gitcanary.yaml'], {
      cwd: dir,
      env,
      allowExit: [0, 3],
    });
    step24.push(c.ms);
  }
}

// The git processes of one more step, from git's own trace.
const trace = path.join(dir, 'trace.json');
await timed(bin, ['step', '--config', 'gitcanary.yaml'], {
  cwd: dir,
  env: { ...env, GIT_TRACE2_EVENT: trace },
  allowExit: [0, 3],
});
// Processes gitcanary started (depth 0 in git's trace) and those git started in turn (the server
// side of a file:// transfer, index-pack…).
const started = readFileSync(trace, 'utf8')
  .split('\n')
  .filter((line) => line.includes('"event":"start"'))
  .map((line) => JSON.parse(line) as { sid: string; argv: string[] });
const nameOf = (argv: string[]) =>
  argv.slice(1).find((arg, i, args) => !arg.startsWith('-') && args[i - 1] !== '-c') ?? '?';
const own = started.filter((event) => !event.sid.includes('/')).map((event) => nameOf(event.argv));
const children = started.length - own.length;
rmSync(trace, { force: true });

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
const g = median(gitFloor);
const n = median(nodeStart);
console.log(`  floor: gitcanary's git commands, shell   ${fmtMs(g)}  ${ratio(g, r)}`);
console.log(`  floor: node -e 0                         ${fmtMs(n)}  ${ratio(n, r)}`);
console.log(
  `  floor: both                              ${fmtMs(g + n)}  ${ratio(g + n, r)}; gitcanary's own JavaScript ≈ ${fmtMs(s - g - n)}`,
);
if (node24) {
  const s24 = median(step24);
  console.log(`  gitcanary step on node 24                ${fmtMs(s24)}  ${ratio(s24, r)}`);
}
console.log(
  `  git processes gitcanary ran in one step: ${own.length} (${own.join(' ')}); ${children} more started by git`,
);
