import { describe, expect, it } from 'vitest';
import type { Position } from '../../src/engine/next.js';
import { type Driven, observeRelease } from '../../src/engine/observe.js';
import type { ReleaseAction, ReleaseProgress } from '../../src/engine/progress.js';

// What a driver learns from the release as the remote has it now: one pure decision that run,
// step, the waits and the commits all ask before acting.

const DRIVEN: Driven = { releaseId: 'r1', image: 'podinfo:6.1.0', newest: 'aaaaaaa1111' };

function seen(changes: Partial<ReleaseProgress> & { sha?: string; promotedBy?: string } = {}): Position {
  const { sha = DRIVEN.newest, promotedBy, ...rest } = changes;
  const commit: ReleaseProgress['lastCommit'] = {
    sha,
    time: '2026-03-01T10:00:00.000Z',
    subject: '',
    trailers: promotedBy ? { 'Gitcanary-Promoted-By': promotedBy } : ({} as Record<string, string>),
  };
  const progress: ReleaseProgress = {
    releaseId: 'r1',
    image: 'podinfo:6.1.0',
    stableImage: 'podinfo:6.0.0',
    previousCanaryImage: 'podinfo:6.0.0',
    stepIndex: 2,
    total: 5,
    phase: 'Progressing',
    weight: 20,
    action: 'step',
    failedChecks: 0,
    lastCommit: commit,
    startCommit: commit,
    ...rest,
  };
  return { progress, passes: [] };
}

const ended = (action: ReleaseAction, extra: { promotedBy?: string } = {}) =>
  observeRelease(DRIVEN, seen({ action, sha: 'bbbbbbb2222', ...extra }));

describe('observeRelease', () => {
  it('goes on where nothing moved, and from the new position where another process committed', () => {
    expect(observeRelease(DRIVEN, seen())).toMatchObject({ kind: 'continue', moved: false });
    expect(
      observeRelease(DRIVEN, seen({ sha: 'bbbbbbb2222', stepIndex: 3, action: 'resume' })),
    ).toMatchObject({
      kind: 'continue',
      moved: true,
      position: { progress: { stepIndex: 3 } },
    });
  });

  it('stops with exit 1 after another process aborted or rolled back, saying where', () => {
    expect(ended('abort')).toMatchObject({
      kind: 'stop',
      outcome: 'aborted',
      message:
        'the release of podinfo:6.1.0 was aborted by another process at step 2/5 (bbbbbbb); nothing more was committed',
    });
    expect(ended('rollback')).toMatchObject({ kind: 'stop', outcome: 'rolledBack' });
  });

  it('stops with exit 0 after another process promoted or finished, naming who promoted', () => {
    expect(ended('promote', { promotedBy: 'alice' })).toMatchObject({
      kind: 'stop',
      outcome: 'promoted',
      message: 'podinfo:6.1.0 was promoted by another process (alice) (bbbbbbb); nothing more was committed',
    });
    expect(ended('finish')).toMatchObject({ kind: 'stop', outcome: 'promoted' });
  });

  it('a release this driver ended itself is not "by another process"', () => {
    expect(observeRelease(DRIVEN, seen({ action: 'abort' }))).toMatchObject({
      message: 'the release of podinfo:6.1.0 was aborted at step 2/5 (aaaaaaa); nothing more was committed',
    });
  });

  it('stops as superseded when another release id is the newest, under way or ended', () => {
    const newer = seen({ releaseId: 'r2', image: 'podinfo:6.2.0', stepIndex: 0, sha: 'ccccccc3333' });
    expect(observeRelease(DRIVEN, newer)).toEqual({
      kind: 'stop',
      outcome: 'superseded',
      message:
        'the release of podinfo:6.1.0 was superseded by podinfo:6.2.0 (at step 0/5, commit ccccccc) from another process; nothing more was committed for podinfo:6.1.0',
      progress: newer.progress,
    });
    const abortedNewer = seen({ releaseId: 'r2', image: 'podinfo:6.2.0', action: 'abort' });
    expect(observeRelease(DRIVEN, abortedNewer)).toMatchObject({
      outcome: 'superseded',
      message: expect.stringContaining('(which ended with abort)'),
    });
  });

  it('stops when the release is gone from the history (a rewritten branch)', () => {
    expect(observeRelease(DRIVEN, undefined)).toMatchObject({ kind: 'stop', progress: undefined });
  });
});
