import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  formatCommitMessage,
  GITCANARY_TRAILERS,
  openRepository,
  type Repository,
} from '../../src/git/index.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

let remote: Remote;
let repository: Repository;

/** Commits one step of `release` straight through commitStep. */
async function step(release: string, index: number, body = ''): Promise<string> {
  const outcome = await repository.commitStep(async (root) => {
    writeFileSync(path.join(root, `${release}.txt`), `step ${index}\n`);
    return {
      message: `${release}: step ${index}${body === '' ? '' : `\n\n${body}`}`,
      trailers: { [GITCANARY_TRAILERS.release]: release, [GITCANARY_TRAILERS.step]: `${index}/9` },
      files: [`${release}.txt`],
    };
  });
  return outcome.sha;
}

beforeAll(async () => {
  remote = createRemote();
  repository = await openRepository({ repo: remote.url, branch: 'main', author: AUTHOR });
  await step('web', 1);
  await step('web-2', 1);
  await step('api', 1, 'Mentions Gitcanary-Release: web in the body, which is not a trailer.\n\nSee: web');
  await step('web', 2);
  await step('web', 3);
});

afterAll(async () => {
  await repository.close();
  remote.dispose();
});

describe('releaseHistory', () => {
  it('lists the release commits newest first with commit time, subject and trailers', async () => {
    const history = await repository.releaseHistory('web');

    expect(history.map((commit) => commit.subject)).toEqual(['web: step 3', 'web: step 2', 'web: step 1']);
    expect(history[0]).toEqual({
      sha: remote.head(),
      time: new Date(Number(git(remote.url, 'log', '-1', '--format=%ct', 'main')) * 1000).toISOString(),
      subject: 'web: step 3',
      trailers: { 'Gitcanary-Release': 'web', 'Gitcanary-Step': '3/9' },
    });
  });

  it('matches the release name exactly, not as a prefix or a regular expression', async () => {
    expect((await repository.releaseHistory('web-2')).map((commit) => commit.subject)).toEqual([
      'web-2: step 1',
    ]);
    expect(await repository.releaseHistory('we.')).toEqual([]);
    expect(await repository.releaseHistory('nothing')).toEqual([]);
  });

  it('stops at the limit', async () => {
    const history = await repository.releaseHistory('web', { limit: 2 });
    expect(history.map((commit) => commit.subject)).toEqual(['web: step 3', 'web: step 2']);
  });
});

describe('reading commits', () => {
  it('head() gives the checked-out commit and its commit time', async () => {
    const head = await repository.head();
    expect(head.sha).toBe(remote.head());
    expect(head.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
  });

  it('diff() gives the unified diff between two commits and show() one commit', async () => {
    const [latest, previous] = await repository.releaseHistory('web', { limit: 2 });
    const diff = await repository.diff(previous!.sha, latest!.sha);
    expect(diff.replace(/^index \w+\.\.\w+ /m, 'index _.._ ')).toBe(
      [
        'diff --git a/web.txt b/web.txt',
        'index _.._ 100644',
        '--- a/web.txt',
        '+++ b/web.txt',
        '@@ -1 +1 @@',
        '-step 2',
        '+step 3',
        '',
      ].join('\n'),
    );
    const shown = await repository.show(latest!.sha);
    expect(shown).toContain('Gitcanary-Step: 3/9');
    expect(shown).toContain('+step 3');
  });

  it('refuses a revision that git would read as an option', async () => {
    await expect(repository.diff('--output=/tmp/x')).rejects.toMatchObject({ code: 'USAGE' });
  });
});

describe('formatCommitMessage', () => {
  it('keeps # lines and puts the trailers after a blank line', () => {
    expect(formatCommitMessage('web: weight 20\n\n# not a comment\n', { 'Gitcanary-Weight': '20' })).toBe(
      'web: weight 20\n\n# not a comment\n\nGitcanary-Weight: 20\n',
    );
  });

  it('rejects keys git would not parse as trailers and empty values', () => {
    expect(() => formatCommitMessage('x', { 'Gitcanary Weight': '20' })).toThrow(/not a git trailer token/);
    expect(() => formatCommitMessage('x', { 'Gitcanary-Weight': ' ' })).toThrow(/empty/);
    expect(() => formatCommitMessage('x', { 'Gitcanary-Weight': '20\r' })).toThrow(/single line/);
  });
});

describe('releaseHistory through a merged pull request', () => {
  it('puts a step merged as a second parent before its own parent, whatever the commit dates say', async () => {
    // A pull request's step commit (second parent of the merge) dated before the commit it was
    // built on: git log's default order walks by date and would name the older step newest.
    const merged = createRemote();
    const env = (date: string) => ({
      ...process.env,
      GIT_AUTHOR_NAME: AUTHOR.name,
      GIT_AUTHOR_EMAIL: AUTHOR.email,
      GIT_COMMITTER_NAME: AUTHOR.name,
      GIT_COMMITTER_EMAIL: AUTHOR.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
    });
    const commit = (date: string, message: string, ...parents: string[]) =>
      execFileSync(
        'git',
        [
          'commit-tree',
          '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
          ...parents.flatMap((p) => ['-p', p]),
          '-m',
          message,
        ],
        { cwd: merged.url, env: env(date), encoding: 'utf8' },
      ).trim();
    const trailers = (index: number) => `\n\nGitcanary-Release: web\nGitcanary-Step: ${index}/7`;
    const started = commit('2026-12-02T10:00:00Z', `web: step 0${trailers(0)}`);
    const first = commit('2026-12-02T10:05:00Z', `web: step 1${trailers(1)}`, started);
    const proposed = commit('2026-12-02T10:04:00Z', `web: step 4${trailers(4)}`, first);
    const merge = commit(
      '2026-12-02T10:06:00Z',
      'Merge pull request #1\n\npodinfo: canary 20% → 60%',
      first,
      proposed,
    );
    git(merged.url, 'update-ref', 'refs/heads/main', merge);
    const reader = await openRepository({ repo: merged.url, branch: 'main', author: AUTHOR });
    try {
      expect(git(merged.url, 'log', '--format=%s', 'main').split('\n').slice(1, 3)).toEqual([
        'web: step 1',
        'web: step 4',
      ]);
      const history = await reader.releaseHistory('web');
      expect(history.map((entry) => entry.subject)).toEqual(['web: step 4', 'web: step 1', 'web: step 0']);
      expect((await reader.releaseHistory('web', { limit: 1 }))[0]?.sha).toBe(proposed);
    } finally {
      await reader.close();
      merged.dispose();
    }
  });
});
