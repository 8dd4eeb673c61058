import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Tests must not depend on the machine's git config: no system nor global file.
process.env.GIT_CONFIG_GLOBAL = os.devNull;
process.env.GIT_CONFIG_NOSYSTEM = '1';
process.env.GIT_AUTHOR_NAME = 'Other Writer';
process.env.GIT_AUTHOR_EMAIL = 'other@example.com';
process.env.GIT_COMMITTER_NAME = 'Other Writer';
process.env.GIT_COMMITTER_EMAIL = 'other@example.com';

export const AUTHOR = { name: 'gitcanary', email: 'gitcanary@example.com' };

/** Runs git in `cwd` and returns trimmed stdout. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export interface Remote {
  /** Scratch dir holding the bare remote and any clones; remove with dispose(). */
  dir: string;
  /** Path of the bare repository on `main`. */
  url: string;
  /** A separate clone: the other writer racing us on the branch. */
  clone(name: string): string;
  /** Commits `files` (path → content, null deletes) in `cloneDir` and pushes to main. */
  pushFrom(cloneDir: string, files: Record<string, string | null>, message?: string): string;
  head(branch?: string): string;
  dispose(): void;
}

/** A bare remote on `main` seeded with `files`. */
export function createRemote(
  files: Record<string, string> = { 'apps/web/kustomization.yaml': 'images: []\n' },
): Remote {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-test-'));
  const url = path.join(dir, 'remote.git');
  git(dir, 'init', '--quiet', '--bare', '--initial-branch=main', url);
  const remote: Remote = {
    dir,
    url,
    clone(name) {
      const target = path.join(dir, name);
      git(dir, 'clone', '--quiet', url, target);
      git(target, 'checkout', '--quiet', '-B', 'main');
      return target;
    },
    pushFrom(cloneDir, changes, message = 'other writer') {
      git(cloneDir, 'pull', '--quiet', '--ff-only', 'origin', 'main');
      for (const [file, content] of Object.entries(changes)) {
        const target = path.join(cloneDir, file);
        if (content === null) rmSync(target);
        else {
          mkdirSync(path.dirname(target), { recursive: true });
          writeFileSync(target, content);
        }
        git(cloneDir, 'add', '--all', '--', file);
      }
      git(cloneDir, 'commit', '--quiet', '-m', message);
      git(cloneDir, 'push', '--quiet', 'origin', 'HEAD:main');
      return git(cloneDir, 'rev-parse', 'HEAD');
    },
    head(branch = 'main') {
      return git(url, 'rev-parse', `refs/heads/${branch}`);
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const seed = path.join(dir, 'seed');
  mkdirSync(seed);
  git(seed, 'init', '--quiet', '--initial-branch=main');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(seed, file)), { recursive: true });
    writeFileSync(path.join(seed, file), content);
  }
  git(seed, 'add', '--all');
  git(seed, 'commit', '--quiet', '-m', 'seed');
  git(seed, 'push', '--quiet', url, 'HEAD:main');
  return remote;
}
