import { GITCANARY_TRAILERS, type GitcanaryAction } from '../git/index.js';
import type { Phase } from '../targets/types.js';

// Where a release stands, read back from the commit trailers alone (no side database): the newest
// commit of the release says which step was completed last, with which image, in which phase.

export const TRAILER = GITCANARY_TRAILERS;

export type ReleaseAction = GitcanaryAction;

export interface HistoryCommit {
  sha: string;
  /** Commit time, ISO 8601. */
  time: string;
  subject: string;
  trailers: Record<string, string>;
}

export interface ReleaseProgress {
  releaseId: string;
  image: string;
  stableImage: string | undefined;
  previousCanaryImage: string | undefined;
  /** Last completed step, 0 = the start commit. */
  stepIndex: number;
  total: number;
  phase: Phase;
  weight: number;
  action: ReleaseAction;
  /** The newest commit of the release: pauses are measured from its time. */
  lastCommit: HistoryCommit;
  /** The release's start commit (first commit with this release id). */
  startCommit: HistoryCommit;
}

// A promote commit ends the release; a `finish` commit may follow when targets restore originals.
const TERMINAL_ACTIONS: ReadonlySet<ReleaseAction> = new Set(['promote', 'finish', 'rollback', 'abort']);

/** True when the release needs nothing more: promoted and finished, rolled back or aborted. */
export function isFinished(progress: ReleaseProgress): boolean {
  return TERMINAL_ACTIONS.has(progress.action);
}

/** The newest release's progress from history (newest first), or undefined when there is none. */
export function readProgress(history: readonly HistoryCommit[]): ReleaseProgress | undefined {
  const last = history[0];
  if (!last) return undefined;
  const releaseId = last.trailers[TRAILER.releaseId];
  const image = last.trailers[TRAILER.image];
  const step = /^(\d+)\/(\d+)$/.exec(last.trailers[TRAILER.step] ?? '');
  if (!releaseId || !image || !step) return undefined;
  const sameRelease = history.filter((c) => c.trailers[TRAILER.releaseId] === releaseId);
  return {
    releaseId,
    image,
    stableImage: emptyToUndefined(last.trailers[TRAILER.stableImage]),
    previousCanaryImage: emptyToUndefined(last.trailers[TRAILER.previousImage]),
    stepIndex: Number(step[1]),
    total: Number(step[2]),
    phase: (last.trailers[TRAILER.phase] ?? 'Progressing') as Phase,
    weight: Number(last.trailers[TRAILER.weight] ?? 0),
    action: (last.trailers[TRAILER.action] ?? 'step') as ReleaseAction,
    lastCommit: last,
    startCommit: sameRelease[sameRelease.length - 1] ?? last,
  };
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === '-' ? undefined : value;
}
