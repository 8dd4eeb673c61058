import type { Outcome } from '../report/events.js';
import type { Position } from './next.js';
import { isFinished, type ReleaseProgress } from './progress.js';

// One driver per release: a process driving a release re-reads it from the fetched history before
// every commit and at least once per wait interval, and this one pure function says what the
// history means for it. Another process may have aborted, promoted, superseded or advanced the
// release meanwhile; the driver then stops, or goes on from where the release stands, instead of
// committing its own view on top.

/** What a driver learns from the release as the remote has it now. */
export type Observed =
  /** The same release, not finished: decide again from `position` (it may have moved on). */
  | { kind: 'continue'; position: Position; moved: boolean }
  /** The release this driver drives ended, or a newer one replaced it: commit nothing more. */
  | { kind: 'stop'; outcome: Outcome; message: string; progress: ReleaseProgress | undefined };

/** What the driver believes: the release it drives and the newest commit it acted on. */
export interface Driven {
  releaseId: string;
  image: string;
  /** The sha of the release's newest commit as the driver last read or wrote it. */
  newest: string;
}

/**
 * The one decision about what others did: `position` is the release name's newest release on the
 * remote (undefined when its history is gone). Another release id is a newer image (supersede);
 * an abort or rollback stops with exit 1; a promotion stops with exit 0.
 */
export function observeRelease(driven: Driven, position: Position | undefined): Observed {
  if (position === undefined) {
    return {
      kind: 'stop',
      outcome: 'aborted',
      message: `the history of the release of ${driven.image} is gone from the branch (rewritten?); nothing more was committed`,
      progress: undefined,
    };
  }
  const { progress } = position;
  if (progress.releaseId !== driven.releaseId) {
    return {
      kind: 'stop',
      outcome: 'superseded',
      message: `the release of ${driven.image} was superseded by ${progress.image} (${describe(progress)}) from another process; nothing more was committed for ${driven.image}`,
      progress,
    };
  }
  const moved = progress.lastCommit.sha !== driven.newest;
  if (!isFinished(progress)) return { kind: 'continue', position, moved };
  const by = moved ? ' by another process' : '';
  const who = progress.lastCommit.trailers['Gitcanary-Promoted-By'];
  switch (progress.action) {
    case 'abort':
      return {
        kind: 'stop',
        outcome: 'aborted',
        message: `the release of ${progress.image} was aborted${by} at step ${progress.stepIndex}/${progress.total} (${short(progress)}); nothing more was committed`,
        progress,
      };
    case 'rollback':
      return {
        kind: 'stop',
        outcome: 'rolledBack',
        message: `the release of ${progress.image} was rolled back${by} at step ${progress.stepIndex}/${progress.total} (${short(progress)}); nothing more was committed`,
        progress,
      };
    default:
      return {
        kind: 'stop',
        outcome: 'promoted',
        message: `${progress.image} was promoted${by}${who ? ` (${who})` : ''} (${short(progress)}); nothing more was committed`,
        progress,
      };
  }
}

function short(progress: ReleaseProgress): string {
  return progress.lastCommit.sha.slice(0, 7);
}

function describe(progress: ReleaseProgress): string {
  return isFinished(progress)
    ? `which ended with ${progress.action}`
    : `at step ${progress.stepIndex}/${progress.total}, commit ${short(progress)}`;
}
