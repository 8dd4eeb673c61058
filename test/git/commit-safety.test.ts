import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GITCANARY_TRAILERS, openRepository, type Repository } from '../../src/git/index.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

const KUSTOMIZATION = 'apps/web/kustomization.yaml';

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

function append(line: string, body = '') {
  return async (root: string) => {
    const file = path.join(root, KUSTOMIZATION);
    writeFileSync(file, `${readFileSync(file, 'utf8')}# ${line}\n`);
    return {
      message: `web: ${line}${body === '' ? '' : `\n\n${body}`}`,
      trailers: { [GITCANARY_TRAILERS.release]: 'web', [GITCANARY_TRAILERS.step]: '1/2' },
      files: [KUSTOMIZATION],
    };
  };
}

describe('commit messages go to git through a file, never argv', () => {
  it('commits a 140 KB line, terminal escapes and a leading dash as they are', async () => {
    const long = 'x'.repeat(140 * 1024);
    const body = `--amend\n\u001b[31mred\u001b[0m and a bell \u0007\n${long}`;

    await repository.commitStep(append('hostile body', body));

    const message = git(remote.url, 'log', '-1', '--format=%B', 'main');
    expect(message).toContain(long);
    expect(message).toContain('--amend\n\u001b[31mred');
    expect(git(remote.url, 'log', '-1', '--format=%(trailers:key=Gitcanary-Step,valueonly)', 'main')).toBe(
      '1/2',
    );
  });

  it('commits a message holding NUL bytes, showing each as ␀ (git cannot store NUL)', async () => {
    await repository.commitStep(append('nul', 'before\u0000after'));
    expect(git(remote.url, 'log', '-1', '--format=%b', 'main')).toContain('before\u2400after');
  });

  it('leaves no message file behind in the git dir', async () => {
    await repository.commitStep(append('clean'));
    expect(existsSync(path.join(repository.root, '.git', 'GITCANARY_COMMIT_MSG'))).toBe(false);
    expect(git(repository.root, 'status', '--porcelain', '--ignored')).toBe('');
  });
});

describe('compare-and-swap push (expectedTip)', () => {
  it('pushes while the remote tip is still the expected sha', async () => {
    const tip = remote.head();
    const outcome = await repository.commitStep(append('cas'), { expectedTip: tip });
    expect(outcome).toMatchObject({ committed: true, attempts: 1, replayed: false });
    expect(git(remote.url, 'rev-parse', 'main~1')).toBe(tip);
  });

  it('refuses before running the intent when the branch already moved', async () => {
    const tip = remote.head();
    const other = remote.clone('other');
    const theirs = remote.pushFrom(other, { 'other.txt': 'theirs\n' });
    let ran = false;

    const pushing = repository.commitStep(
      async (root) => {
        ran = true;
        return append('late')(root);
      },
      { expectedTip: tip },
    );

    await expect(pushing).rejects.toMatchObject({ code: 'GIT_TIP_MOVED' });
    expect(ran).toBe(false);
    expect(remote.head()).toBe(theirs);
  });

  it('loses a race at the server without replaying: the other writer’s commit stays the tip', async () => {
    const tip = remote.head();
    const other = remote.clone('other');
    let theirs = '';
    let runs = 0;

    const pushing = repository.commitStep(
      async (root) => {
        runs += 1;
        // The other writer lands between our fetch and our push.
        theirs = remote.pushFrom(other, { 'other.txt': 'theirs\n' });
        return append('racing')(root);
      },
      { expectedTip: tip },
    );

    await expect(pushing).rejects.toMatchObject({
      code: 'GIT_TIP_MOVED',
      message: expect.stringContaining(`moved on from ${tip.slice(0, 7)}`),
    });
    expect(runs).toBe(1);
    expect(remote.head()).toBe(theirs);
    expect(git(remote.url, 'log', '--format=%s', 'main')).not.toContain('web: racing');
    expect(await repository.unpushedCommits()).toEqual([]);
  });

  it('reads the remote tip without fetching', async () => {
    expect(await repository.remoteTip()).toBe(remote.head());
    expect(await repository.remoteTip('no-such-branch')).toBeUndefined();
  });
});
