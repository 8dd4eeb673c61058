import { createHash } from 'node:crypto';
import { GitcanaryError } from '../errors.js';
import { GITCANARY_TRAILERS, type GitcanaryAction } from '../git/index.js';
import type { BaselineScale, Phase } from '../targets/types.js';

// Where a release stands, read back from the commit trailers alone (no side database): the newest
// commit of the release says which step was completed last, with which image, in which phase.

export const TRAILER = {
  ...GITCANARY_TRAILERS,
  /** Failed checks of the release so far (Flagger's `status.failedChecks`); absent while 0. */
  failedChecks: 'Gitcanary-Failed-Checks',
  /** Who let the release go on past a pause (`promote`): the CI user, else the local user. */
  promotedBy: 'Gitcanary-Promoted-By',
} as const;

export type ReleaseAction = GitcanaryAction;

/** The phase a commit leaves the release in: a target's phase, or `Promoting` (Flagger's) while
 * the stable workload runs the candidate and traffic moves back to it. */
export type ReleasePhase = Phase | 'Promoting';

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
  baselineScale?: BaselineScale | undefined;
  /** Fingerprint of the targets the release was started with (absent on older commits). */
  targets?: string | undefined;
  /** Last completed step, 0 = the start commit. */
  stepIndex: number;
  total: number;
  phase: ReleasePhase;
  weight: number;
  action: ReleaseAction;
  /** Failed checks up to the newest commit (the records after it add theirs). */
  failedChecks: number;
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
    baselineScale: parseBaselineScale(last),
    targets: last.trailers[TRAILER.targets],
    stepIndex: Number(step[1]),
    total: Number(step[2]),
    phase: (last.trailers[TRAILER.phase] ?? 'Progressing') as ReleasePhase,
    weight: Number(last.trailers[TRAILER.weight] ?? 0),
    action: (last.trailers[TRAILER.action] ?? 'step') as ReleaseAction,
    failedChecks: parseCount(last),
    lastCommit: last,
    startCommit: sameRelease[sameRelease.length - 1] ?? last,
  };
}

/**
 * A short hash of the targets (kind, role, config) a release writes: two configs that share
 * `metadata.name` in one repository must not drive each other's release.
 */
export function targetsFingerprint(
  targets: readonly { target: { key: string }; config: unknown; role: string }[],
): string {
  const canonical = targets.map((bound) => [bound.target.key, bound.role, sortKeys(bound.config)]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 12);
}

/**
 * The newest release's progress, as `readProgress`; a release under way that a config with other
 * targets (fingerprint `targets`) started is refused rather than driven.
 */
export function readOwnProgress(
  history: readonly HistoryCommit[],
  name: string,
  targets: string,
): ReleaseProgress | undefined {
  const progress = readProgress(history);
  if (progress === undefined || progress.targets === undefined || progress.targets === targets)
    return progress;
  if (isFinished(progress)) return progress;
  throw new GitcanaryError(
    'RELEASE_STATE',
    `the release ${name} under way (${progress.image}, step ${progress.stepIndex}/${progress.total}) was started by a config with other targets`,
    {
      field: 'metadata.name',
      hint:
        'two configs share this name in one repository: give each its own metadata.name, ' +
        'or restore the targets the release started with',
    },
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
  );
}

/** The JSON of the Gitcanary-Baseline-Scale trailer; a value we did not write is refused, not guessed. */
function parseBaselineScale(commit: HistoryCommit): BaselineScale | undefined {
  const text = commit.trailers[TRAILER.baselineScale];
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const valid =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value).every((n) => n === null || (Number.isInteger(n) && (n as number) >= 0));
  if (!valid) {
    throw new GitcanaryError(
      'RELEASE_STATE',
      `commit ${commit.sha.slice(0, 12)} has an unreadable ${TRAILER.baselineScale} trailer`,
      {
        field: TRAILER.baselineScale,
        hint: 'expected a JSON object of replica counts, e.g. {"apps/podinfo/canary#podinfo":2}',
      },
    );
  }
  return value as BaselineScale;
}

/** The Gitcanary-Failed-Checks trailer; a value we did not write is refused, not guessed. */
function parseCount(commit: HistoryCommit): number {
  const text = commit.trailers[TRAILER.failedChecks];
  if (text === undefined) return 0;
  if (!/^\d{1,6}$/.test(text)) {
    throw new GitcanaryError(
      'RELEASE_STATE',
      `commit ${commit.sha.slice(0, 12)} has an unreadable ${TRAILER.failedChecks} trailer`,
      { field: TRAILER.failedChecks, hint: 'expected a count of failed checks, e.g. 2' },
    );
  }
  return Number(text);
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value === '' || value === '-' ? undefined : value;
}
