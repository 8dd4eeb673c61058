import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { GITCANARY_TRAILERS, openRepository, type Repository, type StepCommit } from '../../src/git/index.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

const KUSTOMIZATION = 'apps/web/kustomization.yaml';

function stepTrailers(step: string, weight: number): Record<string, string> {
  return {
    [GITCANARY_TRAILERS.release]: 'web',
    [GITCANARY_TRAILERS.releaseId]: 'web-0001',
    [GITCANARY_TRAILERS.step]: step,
    [GITCANARY_TRAILERS.weight]: String(weight),
    [GITCANARY_TRAILERS.action]: 'step',
  };
}

/** An intent that appends a line to the kustomization, as a weight step would edit it. */
function appendLine(line: string, seen: string[] = []) {
  return async (root: string): Promise<StepCommit> => {
    const file = path.join(root, KUSTOMIZATION);
    const before = readFileSync(file, 'utf8');
    seen.push(before);
    writeFileSync(file, `${before}${line}\n`);
    return { message: `web: ${line}`, trailers: stepTrailers('1/3', 10), files: [KUSTOMIZATION] };
  };
}

let remote: Remote;
let repository: Repository;

beforeEach(async () => {
  remote = createRemote();
  repository = await openRepository({ repo: remote.url, branch: 'main', author: AUTHOR });
});

afterEach(async () => {
  await repository.close();
  remote.dispose();
});

describe('commitStep', () => {
  it('commits the intent with author, committer and trailers, and pushes it', async () => {
    const outcome = await repository.commitStep(appendLine('# weight 10'));

    // The committer time it reports is the commit's own (the engine does not read it back).
    const time = new Date(git(remote.url, 'log', '-1', '--format=%cI', 'main')).toISOString();
    expect(outcome).toEqual({ committed: true, sha: remote.head(), time, attempts: 1, replayed: false });
    expect(git(remote.url, 'log', '-1', '--format=%an <%ae>|%cn <%ce>', 'main')).toBe(
      'gitcanary <gitcanary@example.com>|gitcanary <gitcanary@example.com>',
    );
    expect(git(remote.url, 'log', '-1', '--format=%B', 'main')).toBe(
      [
        'web: # weight 10',
        '',
        'Gitcanary-Release: web',
        'Gitcanary-Release-Id: web-0001',
        'Gitcanary-Step: 1/3',
        'Gitcanary-Weight: 10',
        'Gitcanary-Action: step',
      ].join('\n'),
    );
    // git itself reads the block back as trailers.
    expect(git(remote.url, 'log', '-1', '--format=%(trailers:key=Gitcanary-Step,valueonly)', 'main')).toBe(
      '1/3',
    );
    const [latest] = await repository.releaseHistory('web');
    expect(latest?.trailers).toEqual(stepTrailers('1/3', 10));
    expect(latest?.subject).toBe('web: # weight 10');
  });

  it('sets the commit date to now, not to a date in the environment', async () => {
    process.env.GIT_COMMITTER_DATE = '2001-01-01T00:00:00Z';
    try {
      const before = Date.now();
      await repository.commitStep(appendLine('# now'));
      const committed = Number(git(remote.url, 'log', '-1', '--format=%ct', 'main')) * 1000;
      expect(committed).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    } finally {
      delete process.env.GIT_COMMITTER_DATE;
    }
  });

  it('makes no empty commit when the intent changes nothing or returns null', async () => {
    const seed = remote.head();
    const rewrite = async (root: string): Promise<StepCommit> => {
      const file = path.join(root, KUSTOMIZATION);
      writeFileSync(file, readFileSync(file, 'utf8'));
      return { message: 'web: no-op', trailers: stepTrailers('1/3', 10), files: [KUSTOMIZATION] };
    };

    expect(await repository.commitStep(rewrite)).toEqual({
      committed: false,
      sha: seed,
      attempts: 1,
      replayed: false,
    });
    expect(await repository.commitStep(async () => null)).toMatchObject({ committed: false, sha: seed });
    expect(remote.head()).toBe(seed);
    expect((await repository.head()).sha).toBe(seed);
  });

  it('stages exactly the listed files: additions and deletions, nothing else', async () => {
    const outcome = await repository.commitStep(async (root) => {
      rmSync(path.join(root, KUSTOMIZATION));
      writeFileSync(path.join(root, 'apps/web/rollout.yaml'), 'kind: Rollout\n');
      writeFileSync(path.join(root, 'scratch.txt'), 'not part of the step\n');
      return {
        message: 'web: move to a Rollout',
        trailers: stepTrailers('1/3', 0),
        files: [KUSTOMIZATION, path.join(root, 'apps/web/rollout.yaml')],
      };
    });

    expect(outcome.committed).toBe(true);
    expect(git(remote.url, 'show', '--name-status', '--format=', 'main').split('\n').sort()).toEqual([
      'A\tapps/web/rollout.yaml',
      `D\t${KUSTOMIZATION}`,
    ]);
  });

  it('re-applies the intent on the new head when another writer pushed first', async () => {
    const other = remote.clone('other');
    const seen: string[] = [];
    let theirs = '';
    const outcome = await repository.commitStep(async (root) => {
      // The other writer lands between our fetch and our push, once.
      if (theirs === '') theirs = remote.pushFrom(other, { [KUSTOMIZATION]: 'images: []\n# theirs\n' });
      return appendLine('# ours', seen)(root);
    });

    expect(outcome).toMatchObject({ committed: true, attempts: 2, replayed: true });
    expect(seen).toEqual(['images: []\n', 'images: []\n# theirs\n']);
    expect(remote.head()).toBe(outcome.sha);
    expect(git(remote.url, 'rev-parse', `${outcome.sha}^`)).toBe(theirs);
    expect(git(remote.url, 'show', `main:${KUSTOMIZATION}`)).toBe('images: []\n# theirs\n# ours');
  });

  it('stops at once and pushes nothing when the intent throws on the new head', async () => {
    const other = remote.clone('other');
    let runs = 0;
    const conflict = new Error('weight was changed by someone else');
    const attempt = repository.commitStep(async (root) => {
      runs += 1;
      if (runs === 1) {
        remote.pushFrom(other, { [KUSTOMIZATION]: 'images: [changed]\n' });
        return appendLine('# ours')(root);
      }
      writeFileSync(path.join(root, 'half-written.yaml'), 'partial\n');
      throw conflict;
    });

    await expect(attempt).rejects.toBe(conflict);
    expect(runs).toBe(2);
    const theirs = remote.head();
    expect(git(remote.url, 'log', '--format=%s', 'main')).toBe('other writer\nseed');
    expect((await repository.head()).sha).toBe(theirs);
    expect(git(repository.root, 'status', '--porcelain')).toBe('');
    expect(existsSync(path.join(repository.root, 'half-written.yaml'))).toBe(false);
  });

  it('gives up with GIT_PUSH_CONFLICT after maxAttempts when the branch keeps moving', async () => {
    const other = remote.clone('other');
    let runs = 0;
    const attempt = repository.commitStep(
      async (root) => {
        runs += 1;
        remote.pushFrom(other, { [`busy/${runs}.txt`]: 'x\n' });
        return appendLine('# ours')(root);
      },
      { maxAttempts: 3 },
    );

    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitcanaryError);
    expect(error).toMatchObject({ code: 'GIT_PUSH_CONFLICT' });
    expect((error as GitcanaryError).message).toMatch(/branch main .*3 time/);
    expect(runs).toBe(3);
    expect(git(remote.url, 'log', '--format=%s', 'main')).not.toContain('web: # ours');
  });

  it('commits locally only when push is false', async () => {
    const seed = remote.head();
    const outcome = await repository.commitStep(appendLine('# plan'), { push: false });

    expect(outcome.committed).toBe(true);
    expect(remote.head()).toBe(seed);
    expect(git(repository.root, 'rev-parse', `${outcome.sha}^`)).toBe(seed);
    expect(await repository.unpushedCommits()).toMatchObject([{ sha: outcome.sha }]);
  });

  it('pushes to another branch for PR mode, and force-overwrites it when asked', async () => {
    const seed = remote.head();
    const first = await repository.commitStep(appendLine('# pr 1'), { pushTo: 'gitcanary/web' });
    expect(remote.head('gitcanary/web')).toBe(first.sha);
    expect(remote.head()).toBe(seed);

    // The PR branch was built on main; a new version of the step replaces it.
    const rejected = repository.commitStep(appendLine('# pr 2'), { pushTo: 'gitcanary/web', maxAttempts: 1 });
    await expect(rejected).rejects.toMatchObject({ code: 'GIT_PUSH_CONFLICT' });
    const second = await repository.commitStep(appendLine('# pr 2'), {
      pushTo: 'gitcanary/web',
      force: true,
    });
    expect(remote.head('gitcanary/web')).toBe(second.sha);
    expect(git(remote.url, 'rev-parse', `${second.sha}^`)).toBe(seed);
  });

  it('rejects a trailer value with a newline and commits nothing', async () => {
    const seed = remote.head();
    const attempt = repository.commitStep(async (root) => ({
      ...(await appendLine('# bad')(root)),
      trailers: { [GITCANARY_TRAILERS.image]: 'ghcr.io/acme/web:1.2.3\nGitcanary-Phase: Promoted' },
    }));

    await expect(attempt).rejects.toMatchObject({
      code: 'GIT_FAILED',
      message: expect.stringMatching(/single line/),
    });
    expect(remote.head()).toBe(seed);
    expect(git(repository.root, 'status', '--porcelain')).toBe('');
  });

  it('refuses a step file outside the repository', async () => {
    const attempt = repository.commitStep(async () => ({
      message: 'x',
      trailers: {},
      files: ['../escape.yaml'],
    }));
    await expect(attempt).rejects.toMatchObject({ code: 'PATH_OUTSIDE_REPO' });
  });
});
