import { summarizeStep } from '../config/index.js';
import { parseDuration } from '../gates/duration.js';
import { type GateEvidence, parseGateEvidence } from '../report/commit-evidence.js';
import type { Observation } from '../targets/types.js';
import { loadTargetTree, observeAll } from './apply.js';
import {
  type HistoryCommit,
  isFinished,
  type ReleaseProgress,
  readOwnProgress,
  TRAILER,
  targetsFingerprint,
} from './progress.js';
import type { ReleaseInput, ReleaseRepository } from './release.js';
import { type ReleaseStep, stateForStep } from './state.js';

/** What the release does next, and when (the shape of the engine's "what happens next" answer). */
export type StatusNext =
  /** The step at `index` commits (a change or the promotion). */
  | { kind: 'commit'; index: number }
  /** The analysis at `index` is evaluated by the next `run` or `step`. */
  | { kind: 'analysis'; index: number }
  /** The timed pause at `index` runs until `until` (ISO 8601). */
  | { kind: 'wait'; index: number; until: string }
  /** The indefinite pause at `index` waits for `gitcanary promote`. */
  | { kind: 'paused'; index: number }
  /** Nothing: every step is done, or the release ended. */
  | { kind: 'done' };

/** One step of the plan, as status shows it. */
export interface StatusStep {
  /** 1-based, as in `Gitcanary-Step: i/N`. */
  index: number;
  kind: 'change' | 'pause' | 'analysis' | 'promote';
  summary: string;
  /** Canary weight once the step is done. */
  weight: number;
  /** The gates an analysis step evaluates. */
  gates?: string[] | undefined;
}

/** One commit of the release, oldest first, with the gate verdicts its message records. */
export interface StatusCommit {
  sha: string;
  time: string;
  subject: string;
  /** The step the commit completed (`Gitcanary-Step`), 0 for the start. */
  step: number;
  action: string;
  phase: string;
  weight: number;
  gates: GateEvidence[];
}

export interface ReleaseStatus {
  release: string;
  namespace: string;
  /** No release was ever started, one is under way, or the last one ended. */
  state: 'none' | 'progressing' | 'paused' | 'finished';
  releaseId?: string | undefined;
  image?: string | undefined;
  stableImage?: string | undefined;
  phase?: string | undefined;
  action?: string | undefined;
  step?: number | undefined;
  total: number;
  weight?: number | undefined;
  nextStep?: string | undefined;
  /** What the release does next and when; undefined when there is no release. */
  next?: StatusNext | undefined;
  /** For a pause with a duration: when it ends (measured from the last commit). */
  waitingUntil?: string | undefined;
  lastCommit?: { sha: string; time: string; subject: string } | undefined;
  /** The plan of the config. */
  steps: StatusStep[];
  /** The release's commits, oldest first (gate verdicts only when asked for). */
  commits: StatusCommit[];
  manifests: { target: string; role: string; observed: Observation }[];
  /** Routers whose manifests carry different canary weights (one edited by hand, say), all named. */
  disagreement?: string | undefined;
}

/** One line naming every router's canary weight when they do not all agree; undefined when they do. */
export function weightDisagreement(
  manifests: readonly { target: string; role: string; observed: Observation }[],
): string | undefined {
  const weights = manifests.filter((m) => m.role === 'canary' && m.observed.canaryWeight !== undefined);
  if (new Set(weights.map((m) => m.observed.canaryWeight)).size <= 1) return undefined;
  return weights.map((m) => `${m.target} ${m.observed.canaryWeight}%`).join(', ');
}

export interface StatusOptions {
  now?: Date;
  /** Read each commit's message for its gate verdicts (a git call per commit). */
  evidence?: boolean;
}

/** Where the release stands: the trailers of its commits, and what the manifests say. */
export async function releaseStatus(
  input: ReleaseInput,
  repo: ReleaseRepository & { message?(sha: string): Promise<string> },
  options: StatusOptions = {},
): Promise<ReleaseStatus> {
  const history = await repo.releaseHistory(input.name, { limit: 200 });
  const progress = readOwnProgress(history, input.name, targetsFingerprint(input.targets));
  const tree = await loadTargetTree(input.targets, repo.root);
  const manifests = observeAll(input.targets, tree).map(({ key, role, observed }) => ({
    target: key,
    role,
    observed,
  }));
  const total = input.steps.length;
  // observeAll keeps the order of input.targets: the traffic routers are the ones to compare.
  const disagreement = weightDisagreement(
    manifests.filter((_, index) => input.targets[index]?.target.family === 'traffic'),
  );
  const steps = planOf(input.steps);
  const base = { release: input.name, namespace: input.namespace, total, steps, manifests, disagreement };
  if (!progress) return { ...base, state: 'none', commits: [] };
  const finished = isFinished(progress);
  const next: StatusNext = finished
    ? { kind: 'done' }
    : whatNext(input.steps, progress, options.now ?? new Date());
  const state: ReleaseStatus['state'] = finished
    ? 'finished'
    : next.kind === 'paused'
      ? 'paused'
      : 'progressing';
  const message = options.evidence === true ? repo.message?.bind(repo) : undefined;
  const commits: StatusCommit[] = [];
  // One git call per commit when asked for evidence: one after the other, not a process per commit at once.
  for (const commit of history.filter((c) => c.trailers[TRAILER.releaseId] === progress.releaseId).reverse())
    commits.push(await statusCommit(commit, message));
  const upcoming = finished ? undefined : input.steps[progress.stepIndex];
  return {
    ...base,
    state,
    releaseId: progress.releaseId,
    image: progress.image,
    // After promotion the candidate is what stable runs; the trailer keeps what the release started from.
    stableImage:
      progress.action === 'promote' || progress.action === 'finish' ? progress.image : progress.stableImage,
    phase: state === 'paused' ? 'Paused' : progress.phase,
    action: progress.action,
    step: progress.stepIndex,
    weight: progress.weight,
    nextStep: upcoming ? summarizeStep(upcoming) : undefined,
    next,
    waitingUntil: next.kind === 'wait' ? next.until : undefined,
    lastCommit: {
      sha: progress.lastCommit.sha,
      time: progress.lastCommit.time,
      subject: progress.lastCommit.subject,
    },
    commits,
  };
}

/**
 * What the release does next after its newest commit. Analyses leave no commit, so status cannot
 * tell whether one already ran: the release waits at a pause behind them (a `step` job evaluates
 * them and then waits there), and otherwise the first of them is due.
 */
function whatNext(steps: readonly ReleaseStep[], progress: ReleaseProgress, now: Date): StatusNext {
  const committedAt = Date.parse(progress.lastCommit.time);
  let analysis: number | undefined;
  for (let index = progress.stepIndex + 1; index <= steps.length; index++) {
    const step = steps[index - 1]!;
    if ('analysis' in step) {
      analysis ??= index;
      continue;
    }
    if ('pause' in step) {
      if (step.pause.duration === undefined) return { kind: 'paused', index };
      // Measured from the commit time, as the engine measures it.
      const until =
        committedAt + parseDuration(step.pause.duration, `spec.steps[${index - 1}].pause.duration`);
      if (until > now.getTime()) return { kind: 'wait', index, until: new Date(until).toISOString() };
      continue;
    }
    return analysis === undefined ? { kind: 'commit', index } : { kind: 'analysis', index: analysis };
  }
  return analysis === undefined ? { kind: 'done' } : { kind: 'analysis', index: analysis };
}

function planOf(steps: readonly ReleaseStep[]): StatusStep[] {
  // Weights do not depend on the images: any will do for the fold.
  const images = { canaryImage: '', stableImage: undefined, previousCanaryImage: undefined };
  return steps.map((step, i) => ({
    index: i + 1,
    kind:
      'pause' in step ? 'pause' : 'analysis' in step ? 'analysis' : 'promote' in step ? 'promote' : 'change',
    summary: summarizeStep(step),
    weight: stateForStep(steps, i + 1, images).canaryWeight,
    ...('analysis' in step ? { gates: [...step.analysis.gates] } : {}),
  }));
}

async function statusCommit(
  commit: HistoryCommit,
  message: ((sha: string) => Promise<string>) | undefined,
): Promise<StatusCommit> {
  const step = /^(\d+)\//.exec(commit.trailers[TRAILER.step] ?? '');
  return {
    sha: commit.sha,
    time: commit.time,
    subject: commit.subject,
    step: Number(step?.[1] ?? 0),
    action: commit.trailers[TRAILER.action] ?? 'step',
    phase: commit.trailers[TRAILER.phase] ?? '',
    weight: Number(commit.trailers[TRAILER.weight] ?? 0),
    gates: message === undefined ? [] : parseGateEvidence(await message(commit.sha)),
  };
}
