import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// A GitOps repository for end-to-end release tests: a bare remote on `main` seeded from a fixture
// (real `git init`, commit, `clone --bare`), a gitcanary.yaml next to it, and readers for what the
// remote holds afterwards (log with trailers, files at a ref).

// Tests must not depend on the machine's git config; other writers are a person, not gitcanary.
process.env.GIT_CONFIG_GLOBAL = os.devNull;
process.env.GIT_CONFIG_NOSYSTEM = '1';
process.env.GIT_AUTHOR_NAME = 'platform team';
process.env.GIT_AUTHOR_EMAIL = 'platform@example.com';
process.env.GIT_COMMITTER_NAME = 'platform team';
process.env.GIT_COMMITTER_EMAIL = 'platform@example.com';

export const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures');

export const PODINFO = 'ghcr.io/stefanprodan/podinfo';
export const STABLE_IMAGE = `${PODINFO}:6.0.0`;
export const CANARY_IMAGE = `${PODINFO}:6.1.0`;

/** The demo fixture's files gitcanary edits. */
export const FILES = {
  primary: 'apps/podinfo/primary/kustomization.yaml',
  canary: 'apps/podinfo/canary/kustomization.yaml',
  route: 'apps/podinfo/routes/route.yaml',
  headerRoutes: 'apps/podinfo/routes/podinfo-gitcanary-routes.yaml',
} as const;

/** Runs git in `cwd`; returns stdout with the trailing newline removed. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).replace(
    /\n$/,
    '',
  );
}

export interface LogEntry {
  subject: string;
  /** Message body without the subject and without the trailer block. */
  body: string;
  trailers: Record<string, string>;
}

export interface GitOps {
  /** Scratch folder: the bare remote, the config and any clones. */
  dir: string;
  /** Path of the bare repository. */
  bare: string;
  /** Path of gitcanary.yaml (its `spec.git.repo` is `./gitops.git`). */
  config: string;
  /** Writes the config file (replacing it). */
  writeConfig(text: string): void;
  /** The commits on `main`, oldest first. */
  log(ref?: string): LogEntry[];
  /** Commit times (ISO, whole seconds as git stores them) of the commits on `main`, oldest first. */
  times(ref?: string): string[];
  /** A file's bytes at a ref of the bare repo, or undefined when the file is not there. */
  show(file: string, ref?: string): string | undefined;
  /** `git <args>` in `cwd` (default: the bare repository). */
  gitIn(args: string[], cwd?: string): string;
  /** Sha of `main` on the remote. */
  head(): string;
  /** A normal clone of the remote on `main`. */
  clone(name: string): string;
  /** Commits `files` (path → content) in a clone and pushes them to `main`, as another writer would. */
  pushFrom(cloneDir: string, files: Record<string, string>, message: string): string;
  dispose(): void;
}

/** A bare GitOps repository made from `fixtures/<fixture>/repo`, with `config` written next to it. */
export function createGitOps(config: string, fixture = 'demo'): GitOps {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-e2e-'));
  const bare = path.join(dir, 'gitops.git');
  const seed = path.join(dir, 'seed');
  cpSync(path.join(FIXTURES, fixture, 'repo'), seed, { recursive: true });
  git(seed, 'init', '--quiet', '--initial-branch=main');
  git(seed, 'add', '--all');
  git(seed, 'commit', '--quiet', '-m', 'podinfo 6.0.0 on primary and canary');
  git(dir, 'clone', '--quiet', '--bare', seed, bare);
  rmSync(seed, { recursive: true, force: true });
  const configFile = path.join(dir, 'gitcanary.yaml');
  writeFileSync(configFile, config);

  return {
    dir,
    bare,
    config: configFile,
    writeConfig(text) {
      writeFileSync(configFile, text);
    },
    log(ref = 'main') {
      const out = git(
        bare,
        'log',
        '--reverse',
        '--topo-order',
        '--format=%s%x1f%b%x1f%(trailers:only,unfold,separator=%x1d)%x1e',
        ref,
      );
      return out
        .split('\x1e')
        .map((record) => record.replace(/^\n/, ''))
        .filter((record) => record !== '')
        .map((record) => {
          const [subject = '', body = '', trailers = ''] = record.split('\x1f');
          return { subject, body: withoutTrailers(body), trailers: parseTrailers(trailers) };
        });
    },
    times(ref = 'main') {
      return git(bare, 'log', '--reverse', '--format=%cI', ref)
        .split('\n')
        .map((time) => new Date(time).toISOString());
    },
    show(file, ref = 'main') {
      try {
        return execFileSync('git', ['show', `${ref}:${file}`], {
          cwd: bare,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        });
      } catch {
        return undefined;
      }
    },
    gitIn(args, cwd = bare) {
      return git(cwd, ...args);
    },
    head() {
      return git(bare, 'rev-parse', 'refs/heads/main');
    },
    clone(name) {
      const target = path.join(dir, name);
      git(dir, 'clone', '--quiet', '--branch=main', bare, target);
      return target;
    },
    pushFrom(cloneDir, files, message) {
      git(cloneDir, 'pull', '--quiet', '--ff-only', 'origin', 'main');
      for (const [file, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(cloneDir, file)), { recursive: true });
        writeFileSync(path.join(cloneDir, file), content);
        git(cloneDir, 'add', '--', file);
      }
      git(cloneDir, 'commit', '--quiet', '-m', message);
      git(cloneDir, 'push', '--quiet', 'origin', 'HEAD:main');
      return git(cloneDir, 'rev-parse', 'HEAD');
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fixture file's original bytes. */
export function fixtureFile(file: string, fixture = 'demo'): string {
  return readFileSync(path.join(FIXTURES, fixture, 'repo', file), 'utf8');
}

export interface DemoConfigOptions {
  /** YAML of `spec.steps` items, each line indented by 4 spaces. */
  steps?: string;
  /** YAML of `spec.gates` entries, each line indented by 4 spaces. */
  gates?: string;
  /** Extra `spec` lines (e.g. `  options: { supersede: false }`). */
  extra?: string;
  /** Extra `spec.git` fields, e.g. `, tokenEnv: GITCANARY_TEST_TOKEN`. */
  git?: string;
  /** `spec.traffic` block items, indented by 4 spaces. */
  traffic?: string;
}

export const DEMO_STEPS = `    - setWeight: 10
    - analysis: { gates: [smoke] }
    - setHeaderRoute:
        name: podinfo-canary-by-header
        match:
          - headerName: x-canary
            headerValue: { exact: "always" }
    - pause: { duration: 2m }
    - setWeight: 30
    - analysis: { gates: [smoke] }
    - setWeight: 60
    - pause: { duration: 1m }
    - analysis: { gates: [smoke] }
    - setHeaderRoute: { name: podinfo-canary-by-header }
    - promote: {}
`;

/** Passes below 30% canary weight, fails from there on like the demo's `--fail` smoke test. */
export const FAIL_FROM_30 = `    smoke:
      command:
        command: 'if [ {{canaryWeight}} -ge 30 ]; then echo "error rate 7% at {{canaryWeight}}%"; exit 1; fi; echo "error rate 0% at {{canaryWeight}}%"'
        timeout: 10s
`;

export const PASSING = `    smoke:
      command: { command: 'echo "error rate 0% at {{canaryWeight}}%"', timeout: 10s }
`;

export const DEMO_TRAFFIC = `    - apisix:
        file: apps/podinfo/routes/route.yaml
        route: podinfo
        rules: [method]
        stableService: podinfo-primary
        canaryService: podinfo-canary
`;

/** The demo's release config with the given steps and gates; the repo is `./gitops.git`. */
export function demoConfig(options: DemoConfigOptions = {}): string {
  return `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata:
  name: podinfo
  namespace: test
spec:
  git: { repo: ./gitops.git, branch: main, author: { name: gitcanary, email: gitcanary@example.com }${options.git ?? ''} }
  workload:
    kustomization: { path: apps/podinfo/canary, image: ${PODINFO} }
  stable:
    kustomization: { path: apps/podinfo/primary, image: ${PODINFO} }
  traffic:
${options.traffic ?? DEMO_TRAFFIC}  steps:
${options.steps ?? DEMO_STEPS}  gates:
${options.gates ?? PASSING}${options.extra ?? ''}`;
}

function parseTrailers(field: string): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of field.split('\x1d')) {
    const colon = line.indexOf(':');
    if (colon > 0) trailers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return trailers;
}

/** `%b` ends with the trailer block; the body is what comes before it. */
function withoutTrailers(body: string): string {
  const paragraphs = body.replace(/\s+$/, '').split('\n\n');
  const last = paragraphs[paragraphs.length - 1] ?? '';
  const isTrailerBlock = last !== '' && last.split('\n').every((line) => /^[A-Za-z0-9-]+: /.test(line));
  return (isTrailerBlock ? paragraphs.slice(0, -1) : paragraphs).join('\n\n');
}
