import { rmSync } from 'node:fs';
import { describe, expect, it, type TestContext } from 'vitest';
import { openRepository, type Repository } from '../../src/git/index.js';
import { NOTES_REF } from '../../src/git/notes.js';
import { AUTHOR, createRemote, git } from './fixture.js';

// The release records between commits live in git notes on the remote: written by one clone, read
// by another, and never lost when two writers note at once.

async function setup(onTestFinished: TestContext['onTestFinished']) {
  const remote = createRemote();
  const opened: Repository[] = [];
  onTestFinished(async () => {
    for (const repo of opened) await repo.close();
    remote.dispose();
  });
  const open = async () => {
    const repo = await openRepository({ repo: remote.url, branch: 'main', author: AUTHOR });
    opened.push(repo);
    return repo;
  };
  return { remote, open, seed: remote.head() };
}

const append = (line: string) => (current: string | undefined) => `${current ?? ''}${line}\n`;

describe('release notes under refs/notes/gitcanary', () => {
  it('reads nothing before anything was noted, then what another clone noted on the remote', async ({
    onTestFinished,
  }) => {
    const { remote, open, seed } = await setup(onTestFinished);
    const [writer, reader] = [await open(), await open()];
    await reader.fetch();
    expect(await reader.readNote(seed)).toBeUndefined();

    await writer.updateNote(seed, append('check 1 failed'));

    // The branch's fetch brings the notes along.
    await reader.fetch();
    expect(await reader.readNote(seed)).toBe('check 1 failed\n');
    expect(git(remote.url, 'notes', `--ref=${NOTES_REF}`, 'show', seed)).toBe('check 1 failed');
    // The branch did not move: nothing for the reconciler to sync.
    expect(remote.head()).toBe(seed);
  });

  it('keeps both records when another writer notes the same commit between our fetch and our push', async ({
    onTestFinished,
  }) => {
    const { remote, open, seed } = await setup(onTestFinished);
    const [repo, reader] = [await open(), await open()];
    await repo.updateNote(seed, append('a'));
    const other = remote.clone('other');
    let calls = 0;

    await repo.updateNote(seed, (current) => {
      calls += 1;
      if (calls === 1) {
        // After our fetch, before our push: the other writer's note lands on the remote first.
        git(other, 'fetch', '--quiet', 'origin', `+${NOTES_REF}:${NOTES_REF}`);
        git(other, 'notes', `--ref=${NOTES_REF}`, 'append', '-m', 'b', seed);
        git(other, 'push', '--quiet', 'origin', `${NOTES_REF}:${NOTES_REF}`);
      }
      return append('c')(current);
    });

    // Rejected once, then applied again on top of the other writer's note.
    expect(calls).toBe(2);
    await reader.fetch();
    expect(await reader.readNote(seed)).toBe('a\n\nb\nc\n');
  });

  it('keeps a note per commit', async ({ onTestFinished }) => {
    const { remote, open, seed } = await setup(onTestFinished);
    const repo = await open();
    const next = remote.pushFrom(remote.clone('other'), { 'x.txt': 'x\n' });
    await repo.updateNote(seed, append('on seed'));
    await repo.updateNote(next, append('on next'));
    expect(await repo.readNote(seed)).toBe('on seed\n');
    expect(await repo.readNote(next)).toBe('on next\n');
  });

  it('names the git command that failed, past the settings given for it', async ({ onTestFinished }) => {
    const { remote, open } = await setup(onTestFinished);
    const repo = await open();
    // The fetch carries `-c remote.origin.partialclonefilter=…` before its subcommand.
    rmSync(remote.url, { recursive: true, force: true });
    await expect(repo.fetch()).rejects.toThrow(/^git fetch failed: /);
  });

  it('brings the notes blobs with a fetch in a partial clone, so a read does not fetch again', async ({
    onTestFinished,
  }) => {
    const { remote, seed } = await setup(onTestFinished);
    git(remote.url, 'config', 'uploadpack.allowFilter', 'true');
    const open = () =>
      openRepository({
        repo: `file://${remote.url}`,
        branch: 'main',
        author: AUTHOR,
        paths: ['apps/web'],
      });
    const [writer, reader] = [await open(), await open()];
    onTestFinished(async () => {
      await writer.close();
      await reader.close();
    });
    await writer.updateNote(seed, append('check 1 passed'));

    await reader.fetch();
    // Nothing under refs/notes/gitcanary is missing (a partial clone's fetch leaves blobs out).
    const missing = git(reader.root, 'rev-list', '--objects', '--missing=print', NOTES_REF)
      .split('\n')
      .filter((line) => line.startsWith('?'));
    expect(missing).toEqual([]);
    expect(await reader.readNote(seed)).toBe('check 1 passed\n');
  });
});
