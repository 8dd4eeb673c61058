import { existsSync, realpathSync, rmSync } from 'node:fs';
import { appendFile, lstat, mkdir, mkdtemp, readlink, realpath, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GitcanaryError } from '../errors.js';
import type { RetryPolicy } from '../retry.js';
import { maskSecrets, registerSecret, registerUrlCredentials } from '../shared/secrets.js';
import { Repository, remoteReadArgs } from './repository.js';
import {
  assertNotOption,
  CONTROL_CHARACTERS,
  type GitCredentials,
  type GitIdentity,
  GitRunner,
  gitEnvironment,
  httpOrigin,
} from './runner.js';

/** How gitcanary signs its commits, as git does it (`gpg.format`, `user.signingkey`, `commit.gpgsign`). */
export interface SigningOptions {
  /** git's `gpg.format`: `ssh`, `openpgp` (gpg) or `x509` (gpgsm). */
  format: 'ssh' | 'openpgp' | 'x509';
  /**
   * git's `user.signingkey`: for ssh the path of a private key (or of a public key whose private
   * half an ssh-agent holds, or `key::ssh-ed25519 AAAA…`), for openpgp/x509 a key id in the keyring.
   */
  key?: string | undefined;
  /** An ssh private key's text (a CI secret): written to a 0600 file in a private temp dir, removed on exit. */
  privateKey?: string | undefined;
}

export interface OpenRepositoryOptions {
  /** Remote URL (https, ssh, file) or local path of the GitOps repository, bare or not. */
  repo: string;
  branch: string;
  /** An existing clone of `repo` on `branch` to work in instead of a fresh temp clone. */
  workdir?: string;
  /** Author and committer of every gitcanary commit. */
  author: GitIdentity;
  /**
   * Token for http(s) remotes (basic auth as `x-access-token`, like actions/checkout). Credentials
   * written into the URL (`https://user:token@host/…`) are taken out of it the same way. Either is
   * sent as a per-command header and never stored in the clone's `.git/config`.
   */
  token?: string;
  /**
   * Check out only these paths (files or folders, relative to the repository root: what the
   * release reads and writes), over a partial clone (`--filter=blob:none`, when the remote is not a
   * local path): time and memory then follow the release's files, not the repository's size.
   * Ignored with `workdir`. Undefined: the whole tree.
   */
  paths?: readonly string[] | undefined;
  /** Shallow clone depth; history (and so resume) reaches no further back than this. */
  depth?: number;
  /** Sign every commit. */
  signing?: SigningOptions | undefined;
  /** SIGINT/SIGTERM: kills running git commands; the clone is still removed. */
  signal?: AbortSignal | undefined;
  /** Retries of clone, fetch and push (default: src/retry.ts). */
  retry?: RetryPolicy | undefined;
  /**
   * An http(s) transfer slower than 1 KB/s for this long is given up (and retried): git's
   * `http.lowSpeedLimit`/`http.lowSpeedTime`. Default 60 s.
   */
  stallSeconds?: number | undefined;
}

// Temp dirs this process made (clones, key files): removed by close(), and on every other way out
// of the process (an error thrown past close, process.exit after a second SIGINT) by the exit hook.
const ownedTempDirs = new Set<string>();
let exitHookInstalled = false;

function trackTempDir(dir: string): void {
  ownedTempDirs.add(dir);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', removeOwnedTempDirs);
}

/** Removes every temp dir this process still owns, synchronously (safe in an `exit` handler). */
export function removeOwnedTempDirs(): void {
  for (const dir of ownedTempDirs) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      // Best effort on the way out; nothing else can be done about a folder we cannot remove.
    }
    ownedTempDirs.delete(dir);
  }
}

/** Temp dirs not yet removed (tests check that every exit path empties this). */
export function liveTempDirs(): string[] {
  return [...ownedTempDirs];
}

async function makeTempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  trackTempDir(dir);
  return dir;
}

async function removeTempDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
  ownedTempDirs.delete(dir);
}

/**
 * A working copy of `branch`: a fresh single-branch clone in a temp dir, or the given `workdir`
 * after checking it is a clean clone of that branch of `repo`.
 */
export async function openRepository(options: OpenRepositoryOptions): Promise<Repository> {
  const { branch } = options;
  assertNotOption('repository', options.repo);
  assertNotOption('branch', branch);
  registerSecret(options.token);
  registerUrlCredentials(options.repo);
  const { url, credentials: fromUrl } = splitCredentials(options.repo);
  const repo = isLocalPath(url) ? path.resolve(url) : url;
  const origin = httpOrigin(repo);
  const credentials: GitCredentials | undefined =
    origin === undefined
      ? undefined
      : options.token !== undefined && options.token !== ''
        ? { origin, username: 'x-access-token', password: options.token }
        : fromUrl && { ...fromUrl, origin };

  const privateDirs: string[] = [];
  try {
    const config: Record<string, string> = {
      'http.lowSpeedLimit': '1000',
      'http.lowSpeedTime': String(Math.max(1, Math.round(options.stallSeconds ?? 60))),
      // A short-lived clone needs no housekeeping: no `git maintenance run --auto` after every
      // fetch and commit (one process each), no auto gc.
      'maintenance.auto': 'false',
      'gc.auto': '0',
      ...(await signingConfig(options.signing, privateDirs)),
    };
    const env = gitEnvironment(options.author, { credentials, config });
    const runnerOptions = { signal: options.signal, retry: options.retry };
    if (options.workdir !== undefined) {
      return await openWorkdir(options.workdir, repo, branch, env, runnerOptions, privateDirs);
    }

    const ownedDir = await makeTempDir('gitcanary-');
    privateDirs.push(ownedDir);
    const root = path.join(ownedDir, 'repo');
    const git = new GitRunner(root, env, runnerOptions);
    // The local branch is named as the remote's (a git older than 2.28, which ignores the setting,
    // names it master: gitcanary pushes HEAD to refs/heads/<branch> either way).
    await new GitRunner(ownedDir, env, runnerOptions).run([
      '-c',
      `init.defaultBranch=${branch}`,
      'init',
      '--quiet',
      root,
    ]);
    // What `git clone` would configure, written with the repository: origin, and for a sparse
    // checkout cone mode with a sparse index. The one fetch below brings the branch with the
    // notes and leases a command reads first, which a single-branch clone cannot (it fetches its
    // branch alone): a clone and a second fetch were two round trips to the server.
    await appendFile(
      path.join(root, '.git', 'config'),
      cloneConfig(repo, branch, options.paths !== undefined),
    );
    if (options.paths !== undefined) await writeSparsePatterns(root, options.paths);
    const depth = options.depth === undefined ? [] : [`--depth=${Math.max(1, Math.floor(options.depth))}`];
    // Blobs come on demand, the checkout's in one batch (the reset below). A server (or a local
    // repository) that does not allow filters sends everything, as a plain clone.
    const filter = options.paths !== undefined ? ['--filter=blob:none'] : [];
    const fetched = await git.runRemote(
      ['fetch', ...filter, ...depth, ...remoteReadArgs(branch)],
      (message) => (MISSING_REMOTE_REF.test(message) ? 'missing' : undefined),
    );
    if (fetched === 'missing') {
      throw new GitcanaryError('GIT_FAILED', maskSecrets(`branch ${branch} not found in ${repo}`), {
        field: 'spec.git.branch',
        hint: 'check spec.git.branch (or --branch), or push the branch first',
      });
    }
    // The branch, its index and its working tree (the sparse set only) at what was fetched.
    await git.run(['reset', '--quiet', '--hard', `refs/remotes/origin/${branch}`]);
    if (options.paths !== undefined) await widenToLinkTargets(git, root, options.paths);
    return new Repository(
      root,
      branch,
      git,
      ownedDir,
      () => Promise.all(privateDirs.map(removeTempDir)).then(() => undefined),
      true,
      true,
    );
  } catch (error) {
    await Promise.all(privateDirs.map(removeTempDir));
    throw error;
  }
}

/**
 * Cone-mode sparse-checkout patterns (git-sparse-checkout(1), "INTERNALS — CONE PATTERN SET") for
 * these paths: each path as a whole folder, and the folders above it with only their own files.
 * Cone mode is what lets git keep a sparse index (`index.sparse`): the index then lists a few
 * hundred entries instead of every file of the repository, which is what makes reset, commit and
 * update-index cost the same in 1,000 and 50,000 manifests. A path naming a file is checked out
 * with the files next to it (its folder is a parent in the cone). Glob characters are escaped.
 */
export function sparsePatterns(paths: readonly string[]): string[] {
  const recursive = new Set<string>();
  const parents = new Set<string>();
  for (const given of paths) {
    if (CONTROL_CHARACTERS.test(given)) continue;
    const relative = path.posix.normalize(given.split(path.sep).join('/')).replace(/^(\.\/)+|\/+$/g, '');
    if (relative === '' || relative === '.') return ['/*'];
    if (relative === '..' || relative.startsWith('../') || path.posix.isAbsolute(relative)) continue;
    const parts = relative.split('/');
    recursive.add(parts.join('/'));
    for (let depth = 1; depth < parts.length; depth++) parents.add(parts.slice(0, depth).join('/'));
  }
  const literal = (dir: string) => dir.replace(/[\\*?[\]!#]/g, '\\$&');
  const covered = (dir: string) => [...recursive].some((r) => dir === r || dir.startsWith(`${r}/`));
  const patterns = ['/*', '!/*/'];
  for (const dir of [...parents].sort()) {
    if (covered(dir)) continue;
    patterns.push(`/${literal(dir)}/`, `!/${literal(dir)}/*/`);
  }
  for (const dir of [...recursive].sort()) {
    if ([...recursive].some((r) => dir !== r && dir.startsWith(`${r}/`))) continue;
    patterns.push(`/${literal(dir)}/`);
  }
  return patterns;
}

const MISSING_REMOTE_REF = /couldn't find remote ref/i;

/**
 * The `.git/config` lines `git clone` would write for `repo` (origin, tracking `branch`), and for
 * a sparse checkout cone mode with a sparse index (git-config(1): a value in double quotes with
 * `\\` and `\"` escaped; a URL holds no newline, assertNotOption and the runner refuse those).
 */
function cloneConfig(repo: string, branch: string, sparse: boolean): string {
  const quoted = (value: string) => `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  return [
    '[remote "origin"]',
    `\turl = ${quoted(repo)}`,
    `\tfetch = ${quoted(`+refs/heads/${branch}:refs/remotes/origin/${branch}`)}`,
    ...(sparse
      ? ['[core]', '\tsparseCheckout = true', '\tsparseCheckoutCone = true', '[index]', '\tsparse = true']
      : []),
    '',
  ].join('\n');
}

/** The cone patterns of `paths`, in `.git/info/sparse-checkout` (read by the checkout). */
async function writeSparsePatterns(root: string, paths: readonly string[]): Promise<void> {
  const file = path.join(root, '.git', 'info', 'sparse-checkout');
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${sparsePatterns(paths).join('\n')}\n`);
}

/**
 * A configured path that is a symbolic link brings its target into the sparse set, so the
 * manifest loader can follow it (`sparse-checkout reapply`: git's own way to widen a checkout
 * with a sparse index).
 */
async function widenToLinkTargets(git: GitRunner, root: string, given: readonly string[]): Promise<void> {
  const targets: string[] = [];
  for (const entry of given) {
    const at = path.resolve(root, entry);
    const link = await lstat(at).catch(() => undefined);
    if (!link?.isSymbolicLink()) continue;
    targets.push(path.relative(root, path.resolve(path.dirname(at), await readlink(at))));
  }
  if (targets.length === 0) return;
  await writeSparsePatterns(root, [...given, ...targets]);
  await git.run(['sparse-checkout', 'reapply']);
}

/** The `git -c` settings that sign every commit; key text from a secret goes to a private file. */
async function signingConfig(
  signing: SigningOptions | undefined,
  privateDirs: string[],
): Promise<Record<string, string>> {
  if (signing === undefined) return {};
  let key = signing.key;
  if (signing.privateKey !== undefined) {
    registerSecret(signing.privateKey);
    const dir = await makeTempDir('gitcanary-key-');
    privateDirs.push(dir);
    key = path.join(dir, 'signing-key');
    // ssh-keygen refuses a private key file others can read; it also wants a final newline.
    await writeFile(key, `${signing.privateKey.replace(/\s+$/, '')}\n`, { mode: 0o600 });
  }
  if (key === undefined || key.trim() === '') {
    throw new GitcanaryError('CONFIG_INVALID', 'commit signing needs a key', {
      field: 'spec.git.signing.key',
      hint: 'set key (a key file or key id) or keyEnv (a variable holding one, or an ssh private key)',
    });
  }
  return { 'commit.gpgsign': 'true', 'gpg.format': signing.format, 'user.signingkey': key };
}

async function openWorkdir(
  workdir: string,
  repo: string,
  branch: string,
  env: Record<string, string>,
  runnerOptions: { signal?: AbortSignal | undefined; retry?: RetryPolicy | undefined },
  privateDirs: readonly string[],
): Promise<Repository> {
  // A workdir that does not fit is the caller's input to fix (exit 2), not a git failure.
  const refuseAt = (where: string, message: string, hint: string) =>
    new GitcanaryError('USAGE', maskSecrets(`workdir ${where}: ${message}`), { field: 'workdir', hint });
  const top = existsSync(path.resolve(workdir))
    ? await new GitRunner(path.resolve(workdir), env, runnerOptions).runOr(
        ['rev-parse', '--show-toplevel'],
        () => '',
      )
    : '';
  if (top.trim() === '') {
    throw refuseAt(
      path.resolve(workdir),
      'is not a git working copy',
      `clone ${repo} there, or leave workdir out`,
    );
  }
  const root = await realpath(top.trim());
  const git = new GitRunner(root, env, runnerOptions);
  const refuse = (message: string, hint: string) => refuseAt(root, message, hint);

  const origin = (await git.runOr(['remote', 'get-url', 'origin'], () => '')).trim();
  if (origin === '') throw refuse('has no remote "origin"', `clone ${repo} there, or leave workdir out`);
  if (remoteIdentity(origin, root) !== remoteIdentity(repo, process.cwd())) {
    throw refuse(
      `is a clone of ${origin}, not of ${repo}`,
      'point workdir at a clone of the configured repository',
    );
  }
  const tracked = await git.runOr(
    ['rev-parse', '--verify', '--quiet', `refs/remotes/origin/${branch}`],
    () => '',
  );
  if (tracked.trim() === '') throw refuse(`has no origin/${branch}`, `fetch or check out ${branch} first`);
  // A detached HEAD (CI checkouts of a sha) is fine; another branch checked out is not ours to move.
  const current = (await git.runOr(['symbolic-ref', '--quiet', '--short', 'HEAD'], () => '')).trim();
  if (current !== '' && current !== branch) {
    throw refuse(`has ${current} checked out, not ${branch}`, `check out ${branch}`);
  }
  // Every step resets hard to origin/<branch>: refuse rather than destroy someone's work.
  const changed = await git.run(['status', '--porcelain', '--untracked-files=no']);
  if (changed.trim() !== '')
    throw refuse('has uncommitted changes to tracked files', 'commit or discard them');

  const repository = new Repository(root, branch, git, undefined, () =>
    Promise.all(privateDirs.map(removeTempDir)).then(() => undefined),
  );
  const ahead = (await git.run(['rev-list', '--count', `refs/remotes/origin/${branch}..HEAD`])).trim();
  const ours = await repository.unpushedCommits();
  if (Number(ahead) > ours.length) {
    throw refuse(
      `has ${Number(ahead) - ours.length} local commit(s) not written by gitcanary ahead of origin/${branch}`,
      'push or drop them before running gitcanary here',
    );
  }
  return repository;
}

/**
 * The URL without its user and password, and those as credentials: git would store the URL as
 * given in the clone's `.git/config` (remote.origin.url), token included. A user alone is a token
 * too (`https://<token>@github.com/…`, which GitHub accepts with any password).
 */
export function splitCredentials(remote: string): {
  url: string;
  credentials: Omit<GitCredentials, 'origin'> | undefined;
} {
  if (!/^https?:\/\//i.test(remote)) return { url: remote, credentials: undefined };
  let parsed: URL;
  try {
    parsed = new URL(remote);
  } catch {
    return { url: remote, credentials: undefined };
  }
  if (parsed.username === '' && parsed.password === '') return { url: remote, credentials: undefined };
  const username = safeDecode(parsed.username);
  const password = safeDecode(parsed.password);
  parsed.username = '';
  parsed.password = '';
  return {
    url: parsed.toString(),
    credentials: password === '' ? { username, password: 'x-oauth-basic' } : { username, password },
  };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** True for a plain filesystem path (not a URL nor scp-like `host:path`). */
function isLocalPath(remote: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:\/\//i.test(remote) && !/^[^/\\]{2,}:/.test(remote);
}

/** `host/path` (lowercase host, no user, port or `.git`) so https, ssh and scp forms of one repo match. */
function remoteIdentity(remote: string, base: string): string {
  let where: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) {
    try {
      const url = new URL(remote);
      where =
        url.protocol === 'file:'
          ? resolveReal(decodeURIComponent(url.pathname))
          : `${url.hostname.toLowerCase()}${url.pathname}`;
    } catch {
      where = remote;
    }
  } else if (!isLocalPath(remote)) {
    const colon = remote.indexOf(':');
    const host = remote.slice(0, colon).replace(/^[^@]*@/, '');
    where = `${host.toLowerCase()}/${remote.slice(colon + 1).replace(/^\/+/, '')}`;
  } else {
    where = resolveReal(path.resolve(base, remote));
  }
  return where
    .replace(/\/+$/, '')
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
}

/** The path with symlinks resolved (/var vs /private/var), or as given when it doesn't exist. */
function resolveReal(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
