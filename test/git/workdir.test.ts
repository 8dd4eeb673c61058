import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCommitMessage, GITCANARY_TRAILERS, openRepository } from '../../src/git/index.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

let remote: Remote;
let workdir: string;

beforeEach(() => {
  remote = createRemote();
  workdir = remote.clone('work');
});

afterEach(() => remote.dispose());

/** What a run killed between commit and push leaves behind: a local commit with our trailers. */
function commitWithoutPushing(message: string, trailers: Record<string, string>): string {
  writeFileSync(path.join(workdir, 'apps/web/kustomization.yaml'), `images: []\n# ${message}\n`);
  git(workdir, 'commit', '--quiet', '--all', '-m', formatCommitMessage(message, trailers));
  return git(workdir, 'rev-parse', 'HEAD');
}

describe('openRepository with a workdir', () => {
  it('reports an unpushed gitcanary commit and can push it', async () => {
    const sha = commitWithoutPushing('web: weight 20', {
      [GITCANARY_TRAILERS.release]: 'web',
      [GITCANARY_TRAILERS.step]: '2/5',
    });
    const repository = await openRepository({ repo: remote.url, branch: 'main', workdir, author: AUTHOR });

    const unpushed = await repository.unpushedCommits();
    expect(unpushed).toMatchObject([
      { sha, subject: 'web: weight 20', trailers: { 'Gitcanary-Release': 'web', 'Gitcanary-Step': '2/5' } },
    ]);
    expect(await repository.pushUnpushed()).toBe(sha);
    expect(remote.head()).toBe(sha);
    expect(await repository.unpushedCommits()).toEqual([]);
  });

  it('drops an unpushed gitcanary commit on resetToRemote', async () => {
    const seed = remote.head();
    commitWithoutPushing('web: weight 20', { [GITCANARY_TRAILERS.release]: 'web' });
    const repository = await openRepository({ repo: remote.url, branch: 'main', workdir, author: AUTHOR });

    await repository.resetToRemote();
    expect(await repository.unpushedCommits()).toEqual([]);
    expect((await repository.head()).sha).toBe(seed);
  });

  it('commits steps in the workdir and leaves it in place on close', async () => {
    const repository = await openRepository({
      repo: `file://${remote.url}`,
      branch: 'main',
      workdir,
      author: AUTHOR,
    });
    expect(repository.root).toBe(git(workdir, 'rev-parse', '--show-toplevel'));
    writeFileSync(path.join(workdir, 'untracked-notes.txt'), 'mine\n');

    const outcome = await repository.commitStep(async (root) => {
      writeFileSync(path.join(root, 'apps/web/kustomization.yaml'), 'images: [web]\n');
      return { message: 'web: start', trailers: {}, files: ['apps/web/kustomization.yaml'] };
    });
    await repository.close();

    expect(remote.head()).toBe(outcome.sha);
    expect(existsSync(path.join(workdir, 'untracked-notes.txt'))).toBe(true);
  });

  it('refuses a workdir on another branch', async () => {
    git(workdir, 'checkout', '--quiet', '-b', 'feature');
    const opening = openRepository({ repo: remote.url, branch: 'main', workdir, author: AUTHOR });
    await expect(opening).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/feature checked out, not main/),
    });
  });

  it('refuses a workdir with local commits gitcanary did not write', async () => {
    commitWithoutPushing('hand-made change', {});
    const opening = openRepository({ repo: remote.url, branch: 'main', workdir, author: AUTHOR });
    await expect(opening).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/1 local commit\(s\) not written/),
    });
  });

  it('refuses a workdir with uncommitted changes to tracked files', async () => {
    writeFileSync(path.join(workdir, 'apps/web/kustomization.yaml'), 'images: [edited]\n');
    const opening = openRepository({ repo: remote.url, branch: 'main', workdir, author: AUTHOR });
    await expect(opening).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(/uncommitted changes/),
    });
  });

  it('refuses a folder that is not a git working copy, or does not exist, as bad input', async () => {
    const plain = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-plain-'));
    try {
      for (const dir of [plain, path.join(plain, 'missing')]) {
        const opening = openRepository({ repo: remote.url, branch: 'main', workdir: dir, author: AUTHOR });
        await expect(opening).rejects.toMatchObject({
          code: 'USAGE',
          message: `workdir ${dir}: is not a git working copy`,
          place: { field: 'workdir' },
        });
      }
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('refuses a workdir cloned from another repository', async () => {
    const elsewhere = createRemote();
    try {
      const opening = openRepository({ repo: elsewhere.url, branch: 'main', workdir, author: AUTHOR });
      await expect(opening).rejects.toMatchObject({
        code: 'USAGE',
        message: expect.stringMatching(/is a clone of/),
      });
    } finally {
      elsewhere.dispose();
    }
  });
});

describe('openRepository with a fresh clone', () => {
  it('clones into a temp dir that close() removes', async () => {
    const repository = await openRepository({ repo: remote.url, branch: 'main', author: AUTHOR, depth: 1 });
    expect(git(repository.root, 'rev-parse', 'HEAD')).toBe(remote.head());
    await repository.close();
    expect(existsSync(repository.root)).toBe(false);
  });

  it('writes a remote whose path holds quotes, backslashes, spaces, # and ; as git reads it back', async () => {
    const odd = path.join(remote.dir, 'we"ird \\ pa#th;x.git');
    git(remote.dir, 'clone', '--quiet', '--bare', remote.url, odd);
    const repository = await openRepository({ repo: odd, branch: 'main', author: AUTHOR, paths: ['apps'] });
    try {
      expect(git(repository.root, 'remote', 'get-url', 'origin')).toBe(odd);
      expect(git(repository.root, 'rev-parse', 'HEAD')).toBe(remote.head());
      expect(git(repository.root, 'config', '--get', 'core.sparseCheckoutCone')).toBe('true');
    } finally {
      await repository.close();
    }
  });

  it('fails with GIT_FAILED naming the branch the remote does not have', async () => {
    const opening = openRepository({ repo: remote.url, branch: 'nope', author: AUTHOR });
    await expect(opening).rejects.toMatchObject({
      code: 'GIT_FAILED',
      message: `branch nope not found in ${remote.url}`,
      place: { field: 'spec.git.branch' },
    });
  });
});
