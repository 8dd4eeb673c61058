import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GITCANARY_TRAILERS, LeaseMoved, openRepository, type Repository } from '../../src/git/index.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

// Compare-and-swap on one release's commits (commitStep's expectedRelease) and the release lease
// (refs/gitcanary/lease/<release>), on a real bare remote and a second real clone as the other writer.

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

/** A commit of release `release` (a gitcanary trailer) appending `line`. */
function releaseStep(line: string, release = 'web') {
  return async (root: string) => {
    const file = path.join(root, KUSTOMIZATION);
    writeFileSync(file, `${readFileSync(file, 'utf8')}# ${line}\n`);
    return {
      message: `${release}: ${line}`,
      trailers: { [GITCANARY_TRAILERS.release]: release, [GITCANARY_TRAILERS.step]: '1/2' },
      files: [KUSTOMIZATION],
    };
  };
}

async function other(): Promise<Repository> {
  return openRepository({ repo: remote.url, branch: 'main', author: AUTHOR });
}

describe('compare-and-swap on a release (expectedRelease)', () => {
  it('commits the first release commit only while the release has none, and the next only on the newest', async () => {
    const first = await repository.commitStep(releaseStep('start'), {
      expectedRelease: { name: 'web', newest: undefined },
    });
    expect(first.committed).toBe(true);
    const again = repository.commitStep(releaseStep('start again'), {
      expectedRelease: { name: 'web', newest: undefined },
    });
    await expect(again).rejects.toMatchObject({
      code: 'GIT_TIP_MOVED',
      message: `release web moved on from no commit to ${first.sha.slice(0, 7)}: another process committed for it first; nothing was pushed`,
    });
    const next = await repository.commitStep(releaseStep('step 1'), {
      expectedRelease: { name: 'web', newest: first.sha },
    });
    expect(git(remote.url, 'log', '--format=%s', 'main')).toBe(`web: step 1\nweb: start\nseed`);
    expect(next.committed).toBe(true);
  });

  it('replays over another app’s commit landing during the step, but never over one of the release', async () => {
    const start = await repository.commitStep(releaseStep('start'), {
      expectedRelease: { name: 'web', newest: undefined },
    });
    const clone = remote.clone('other');
    let runs = 0;
    const outcome = await repository.commitStep(
      async (root) => {
        runs += 1;
        // Another app's commit lands between our fetch and our push: not a race of this release.
        if (runs === 1) remote.pushFrom(clone, { 'apps/api/config.yaml': 'replicas: 3\n' }, 'api: scale');
        return releaseStep('step 1')(root);
      },
      { expectedRelease: { name: 'web', newest: start.sha } },
    );
    expect(outcome).toMatchObject({ committed: true, attempts: 2, replayed: true });
    expect(git(remote.url, 'log', '--format=%s', 'main')).toBe('web: step 1\napi: scale\nweb: start\nseed');

    // Now another process commits for the release between our fetch and our push: refused, not replayed.
    const rival = await other();
    let rivalRuns = 0;
    const racing = repository.commitStep(
      async (root) => {
        rivalRuns += 1;
        if (rivalRuns === 1) await rival.commitStep(releaseStep('step 2 (theirs)'));
        return releaseStep('step 2 (ours)')(root);
      },
      { expectedRelease: { name: 'web', newest: outcome.sha } },
    );
    await expect(racing).rejects.toMatchObject({ code: 'GIT_TIP_MOVED' });
    await rival.close();
    expect(rivalRuns).toBe(1);
    expect(git(remote.url, 'log', '-1', '--format=%s', 'main')).toBe('web: step 2 (theirs)');
  });

  it('counts only the named release: another release’s commit does not move it', async () => {
    const web = await repository.commitStep(releaseStep('start'), {
      expectedRelease: { name: 'web', newest: undefined },
    });
    await repository.commitStep(releaseStep('start', 'api'), {
      expectedRelease: { name: 'api', newest: undefined },
    });
    const next = await repository.commitStep(releaseStep('step 1'), {
      expectedRelease: { name: 'web', newest: web.sha },
    });
    expect(next.committed).toBe(true);
  });
});

describe('the release lease (refs/gitcanary/lease/<release>)', () => {
  it('is written, read back by another clone, renewed on its own sha and removed', async () => {
    expect(await repository.readLease('web')).toBeUndefined();
    const expires = new Date('2030-01-01T00:00:00.000Z');
    const lease = await repository.writeLease('web', 'https://ci.example.com/job/1', expires, undefined);
    const reader = await other();
    expect(await reader.readLease('web')).toEqual({
      holder: 'https://ci.example.com/job/1',
      expires: expires.toISOString(),
      sha: lease.sha,
    });
    const renewed = await repository.writeLease(
      'web',
      'https://ci.example.com/job/1',
      new Date('2030-01-02'),
      lease.sha,
    );
    expect((await reader.readLease('web'))?.sha).toBe(renewed.sha);
    // The lease is no commit of the branch.
    expect(git(remote.url, 'log', '--format=%s', 'main')).toBe('seed');
    await repository.removeLease('web', renewed.sha);
    expect(await reader.readLease('web')).toBeUndefined();
    await reader.close();
  });

  it('of two drivers taking a free lease at once, exactly one wins; a stale expectation is refused', async () => {
    const rival = await other();
    const expires = new Date(Date.now() + 60_000);
    const results = await Promise.allSettled([
      repository.writeLease('web', 'host-a:1', expires, undefined),
      rival.writeLease('web', 'host-b:2', expires, undefined),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((result) => result.status === 'rejected');
    expect(lost?.status === 'rejected' && lost.reason).toBeInstanceOf(LeaseMoved);
    const held = await repository.readLease('web');
    expect(['host-a:1', 'host-b:2']).toContain(held?.holder);
    // Renewing or removing with a sha that is not the remote's is refused. (A later expiry: the same
    // holder and expiry in the same second make the same commit, and pushing it changes nothing.)
    const later = new Date(expires.getTime() + 60_000);
    await expect(rival.writeLease('web', 'host-b:2', later, '0'.repeat(40))).rejects.toBeInstanceOf(
      LeaseMoved,
    );
    await expect(rival.removeLease('web', '0'.repeat(40))).rejects.toBeInstanceOf(LeaseMoved);
    expect((await repository.readLease('web'))?.sha).toBe(held?.sha);
    await rival.close();
  });
});
