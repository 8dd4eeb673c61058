import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GitcanaryError } from '../errors.js';
import { maskSecrets, registerSecret, registerUrlCredentials } from '../shared/secrets.js';
import { Repository } from './repository.js';
import { assertNotOption, type GitIdentity, GitRunner, gitEnvironment } from './runner.js';

export interface OpenRepositoryOptions {
  /** Remote URL (https, ssh, file) or local path of the GitOps repository, bare or not. */
  repo: string;
  branch: string;
  /** An existing clone of `repo` on `branch` to work in instead of a fresh temp clone. */
  workdir?: string;
  /** Author and committer of every gitcanary commit. */
  author: GitIdentity;
  /** Token for https remotes, sent as a per-command Authorization header, never stored. */
  token?: string;
  /** Shallow clone depth; history (and so resume) reaches no further back than this. */
  depth?: number;
}

/**
 * A working copy of `branch`: a fresh single-branch clone in a temp dir, or the given `workdir`
 * after checking it is a clean clone of that branch of `repo`.
 */
export async function openRepository(options: OpenRepositoryOptions): Promise<Repository> {
  const { branch } = options;
  assertNotOption('repository', options.repo);
  assertNotOption('branch', branch);
  const repo = isLocalPath(options.repo) ? path.resolve(options.repo) : options.repo;
  registerSecret(options.token);
  registerUrlCredentials(options.repo);
  const auth =
    options.token === undefined || options.token === '' ? undefined : { remote: repo, token: options.token };
  const env = gitEnvironment(options.author, auth);
  if (options.workdir !== undefined) return openWorkdir(options.workdir, repo, branch, env);

  const ownedDir = await mkdtemp(path.join(os.tmpdir(), 'gitcanary-'));
  try {
    const root = path.join(ownedDir, 'repo');
    const depth = options.depth === undefined ? [] : [`--depth=${Math.max(1, Math.floor(options.depth))}`];
    await new GitRunner(ownedDir, env).run([
      'clone',
      '--quiet',
      '--single-branch',
      '--no-tags',
      `--branch=${branch}`,
      ...depth,
      '--',
      repo,
      root,
    ]);
    return new Repository(root, branch, new GitRunner(root, env), ownedDir);
  } catch (error) {
    await rm(ownedDir, { recursive: true, force: true });
    throw error;
  }
}

async function openWorkdir(
  workdir: string,
  repo: string,
  branch: string,
  env: Record<string, string>,
): Promise<Repository> {
  // A workdir that does not fit is the caller's input to fix (exit 2), not a git failure.
  const refuseAt = (where: string, message: string, hint: string) =>
    new GitcanaryError('USAGE', maskSecrets(`workdir ${where}: ${message}`), { field: 'workdir', hint });
  const top = existsSync(path.resolve(workdir))
    ? await new GitRunner(path.resolve(workdir), env).runOr(['rev-parse', '--show-toplevel'], () => '')
    : '';
  if (top.trim() === '') {
    throw refuseAt(
      path.resolve(workdir),
      'is not a git working copy',
      `clone ${repo} there, or leave workdir out`,
    );
  }
  const root = await realpath(top.trim());
  const git = new GitRunner(root, env);
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

  const repository = new Repository(root, branch, git, undefined);
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
