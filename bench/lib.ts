// What the benches share: a scratch dir, git with no machine config, a generated GitOps repository
// (git fast-import: thousands of files and a deep history in seconds), the CLI installed as a user
// installs it (`npm pack` + `npm install` of the tarball), and timing of processes with their peak
// RSS. Every bench measures a baseline in the same run, interleaved with what it compares.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = path.join(import.meta.dirname, '..');

/** A temp dir removed when the process exits. */
export function scratch(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `gitcanary-bench-${prefix}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The same identity and no system/global git config for gitcanary and the baselines. */
export function benchEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_AUTHOR_NAME: 'bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
    LC_ALL: 'C',
  };
}

export function git(cwd: string, env: NodeJS.ProcessEnv, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 30 }).trim();
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export interface Run {
  ms: number;
  /** Peak RSS of the process (GNU time's %M), in KB. */
  rssKb: number;
  stdout: string;
}

/** Runs a command under /usr/bin/time: wall time and peak RSS; throws on a non-zero exit. */
export function timed(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; allowExit?: readonly number[] },
): Promise<Run> {
  const rssFile = path.join(os.tmpdir(), `gitcanary-bench-rss-${process.pid}-${Math.random()}`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-o', rssFile, '-f', '%M', command, ...args], {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => {
      const ms = performance.now() - started;
      const rss = existsSync(rssFile) ? readFileSync(rssFile, 'utf8').trim().split('\n').pop() : '';
      rmSync(rssFile, { force: true });
      if (code !== 0 && !(options.allowExit ?? []).includes(code ?? -1)) {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stdout}\n${stderr}`));
        return;
      }
      resolve({ ms, rssKb: Number(rss), stdout });
    });
  });
}

/**
 * The CLI as a user installs it: `npm pack` of this checkout (its prepack builds dist/), then
 * `npm install` of the tarball into a temp project. Reused across runs while the tarball is the
 * same (keyed by its hash). Returns the path of the installed `gitcanary` bin.
 */
export function installedCli(): string {
  // Another build to compare with (an earlier commit's install): its bin's path.
  if (process.env.GITCANARY_BENCH_BIN) return process.env.GITCANARY_BENCH_BIN;
  const packDir = scratch('pack');
  execFileSync('npm', ['pack', '--silent', '--pack-destination', packDir], { cwd: ROOT, stdio: 'ignore' });
  const tarball = path.join(packDir, readdirSync(packDir).find((file) => file.endsWith('.tgz'))!);
  const hash = createHash('sha256').update(readFileSync(tarball)).digest('hex').slice(0, 16);
  const prefix = path.join(os.tmpdir(), `gitcanary-bench-install-${hash}`);
  const bin = path.join(prefix, 'node_modules', '.bin', 'gitcanary');
  if (!existsSync(bin)) {
    mkdirSync(prefix, { recursive: true });
    writeFileSync(path.join(prefix, 'package.json'), '{"name":"bench","version":"1.0.0","private":true}\n');
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball],
      { cwd: prefix, stdio: 'ignore' },
    );
  }
  return bin;
}

const ROUTE = (weight: number) => `apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: podinfo
  namespace: test
spec:
  http:
    - name: method
      match:
        hosts: [app.example.com]
        paths: [/*]
      backends:
        - serviceName: podinfo-primary
          servicePort: 80
          weight: ${100 - weight}
        - serviceName: podinfo-canary
          servicePort: 80
          weight: ${weight}
`;

const KUSTOMIZATION = (suffix: string) => `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: test
nameSuffix: -${suffix}
resources:
  - ../base
images:
  - name: ghcr.io/stefanprodan/podinfo
    newTag: 6.0.0
`;

/** An unrelated app's manifest (what a monorepo holds thousands of). */
export const UNRELATED = (i: number, revision = 0) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 50}
  annotations: {revision: "${revision}"}
spec:
  replicas: 2
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
        - name: app
          image: registry.example.com/team-${i % 50}/app-${i}:1.${revision}.0
`;

/** The release's own files: a primary and a canary overlay and an ApisixRoute (Flagger's APISIX shape). */
export const RELEASE_FILES: Record<string, string> = {
  'apps/podinfo/primary/kustomization.yaml': KUSTOMIZATION('primary'),
  'apps/podinfo/canary/kustomization.yaml': KUSTOMIZATION('canary'),
  'apps/podinfo/base/kustomization.yaml': 'resources: []\n',
  'apps/podinfo/routes/route.yaml': ROUTE(0),
};

/** A release config for the repository at `repo` with `weights` setWeight steps, no waits. */
export function releaseConfig(
  repo: string,
  weights: readonly number[],
  name = 'podinfo',
  app = 'podinfo',
  maxPushAttempts = 5,
): string {
  return `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata:
  name: ${name}
  namespace: test
spec:
  git:
    repo: ${repo}
    branch: main
    author: { name: bench, email: bench@example.com }
  options: { maxPushAttempts: ${maxPushAttempts} }
  workload:
    kustomization: { path: apps/${app}/canary, image: ghcr.io/stefanprodan/podinfo }
  stable:
    kustomization: { path: apps/${app}/primary, image: ghcr.io/stefanprodan/podinfo }
  traffic:
    - apisix:
        file: apps/${app}/routes/route.yaml
        route: podinfo
        rules: [method]
        stableService: podinfo-primary
        canaryService: podinfo-canary
  steps:
${weights.map((weight) => `    - setWeight: ${weight}`).join('\n')}
    - promote: {}
`;
}

export interface RepoShape {
  /** Unrelated manifests, spread over folders of 100. */
  manifests: number;
  /** Commits after the first, each changing `perCommit` unrelated manifests. */
  history: number;
  perCommit?: number;
  /** Release files; default: one release under apps/podinfo. */
  files?: Record<string, string>;
}

/**
 * A bare repository on `main` built by `git fast-import` (so 50,000 files and hundreds of commits
 * take seconds), serving partial clones as GitHub and GitLab do (uploadpack.allowFilter).
 */
export function generateRepo(dir: string, env: NodeJS.ProcessEnv, shape: RepoShape): string {
  const bare = path.join(dir, 'gitops.git');
  git(dir, env, 'init', '--quiet', '--bare', '--initial-branch=main', bare);
  git(bare, env, 'config', 'uploadpack.allowFilter', 'true');
  const chunks: string[] = [];
  let mark = 0;
  let time = 1_700_000_000;
  let parent = 0;
  const blob = (text: string) => {
    mark += 1;
    chunks.push(`blob\nmark :${mark}\ndata ${Buffer.byteLength(text)}\n${text}\n`);
    return mark;
  };
  const commit = (message: string, files: [string, number][], first: boolean) => {
    mark += 1;
    time += 60;
    const lines = [
      'commit refs/heads/main',
      `mark :${mark}`,
      `committer bench <bench@example.com> ${time} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      ...(first ? [] : [`from :${parent}`]),
      ...files.map(([file, blobMark]) => `M 100644 :${blobMark} ${file}`),
      '',
    ];
    chunks.push(lines.join('\n'));
    parent = mark;
  };
  const unrelatedPath = (i: number) => `apps/team-${Math.floor(i / 100)}/app-${i}/deployment.yaml`;
  const initial: [string, number][] = [];
  for (let i = 0; i < shape.manifests; i++) initial.push([unrelatedPath(i), blob(UNRELATED(i))]);
  for (const [file, text] of Object.entries(shape.files ?? RELEASE_FILES)) initial.push([file, blob(text)]);
  commit('initial', initial, true);
  const perCommit = shape.perCommit ?? 5;
  for (let c = 1; c <= shape.history; c++) {
    const changed: [string, number][] = [];
    for (let k = 0; k < perCommit; k++) {
      const i = (c * 7919 + k * 104_729) % Math.max(1, shape.manifests);
      if (shape.manifests > 0) changed.push([unrelatedPath(i), blob(UNRELATED(i, c))]);
    }
    if (changed.length === 0) changed.push(['history.txt', blob(`${c}\n`)]);
    commit(`team change ${c}`, dedupe(changed), false);
  }
  execFileSync('git', ['fast-import', '--quiet'], {
    cwd: bare,
    env,
    input: chunks.join(''),
    maxBuffer: 1 << 30,
  });
  git(bare, env, 'gc', '--quiet', '--aggressive', '--prune=now');
  return bare;
}

function dedupe(files: [string, number][]): [string, number][] {
  return [...new Map(files).entries()];
}

export function fmtMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
}

export function fmtMb(kb: number): string {
  return `${(kb / 1024).toFixed(1)} MB`;
}

export function ratio(a: number, b: number): string {
  return `${(a / b).toFixed(2)}x`;
}
