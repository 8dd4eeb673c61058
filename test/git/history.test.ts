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
