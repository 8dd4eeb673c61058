import { type JudgmentTable, parseJudgment } from '../gates/judge/report.js';
import { type GateEvidence, parseGateEvidence } from '../report/commit-evidence.js';
import type { Observation } from '../targets/types.js';
import { observeEach } from './apply.js';
import { failedChecks, type Next, nextAction } from './next.js';
import { type HistoryCommit, isFinished, readOwnProgress, TRAILER, targetsFingerprint } from './progress.js';
import { readPasses } from './records.js';
import { stateForStep } from './state.js';
import type { ReleaseInput, ReleaseRepository } from './types.js';

/** What the release does next, and when: the engine's `nextAction` answer, times as ISO 8601. */
export type StatusNext =
  /** The step at `index` commits (a change or a promotion step). */
  | { kind: 'commit'; index: number }
  /** The analysis at `index` is evaluated by the next `run` or `step`. */
  | { kind: 'analysis'; index: number }
  /** A timed pause at `index` runs, or a failed check holds the weight (`retry`), until `until`. */
  | { kind: 'wait'; index: number; until: string; reason: 'pause' | 'retry' }
  /** The indefinite pause (or inconclusive analysis) at `index` waits for `gitcanary promote`. */
  | { kind: 'paused'; index: number; reason: 'pause' | 'inconclusive' }
  /** The failed checks reached the threshold: the next `run` or `step` rolls back. */
  | { kind: 'rollback'; failedChecks: number; threshold: number }
  /** Nothing: every step is done, or the release ended. */
  | { kind: 'done' };

/** One step of the plan, as status shows it. */
export interface StatusStep {
  /** 1-based, as in `Gitcanary-Step: i/N`. */
  index: number;
  kind: ReleaseInput['steps'][number]['kind'];
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

/** A check pass recorded (git notes) after the newest commit: which analysis, its verdict, when. */
export interface StatusPass {
  step: number;
  verdict: string;
  at: string;
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
  /** The step the release is at: the one it waits in, or does next. */
  nextStep?: string | undefined;
  /** What the release does next and when; undefined when there is no release. */
  next?: StatusNext | undefined;
  /** While a timed pause runs or a failed check holds the weight: when the wait ends. */
  waitingUntil?: string | undefined;
  /** Failed checks so far (Flagger's analysis), and the threshold that rolls back. */
  failedChecks?: number | undefined;
  threshold?: number | undefined;
  lastCommit?: { sha: string; time: string; subject: string } | undefined;
  /** The plan of the config. */
  steps: StatusStep[];
  /** The release's commits, oldest first (gate verdicts only when asked for). */
  commits: StatusCommit[];
  /** Check passes recorded after the newest commit (analyses that ran since), oldest first. */
  passes: StatusPass[];
  /** What each target reads in the manifests now; `missing` names what keeps it from reading them. */
  manifests: { target: string; role: string; observed: Observation; missing?: string }[];
  /** Routers whose manifests carry different canary weights (one edited by hand, say), all named. */
  disagreement?: string | undefined;
  /** Each judge gate's newest per-metric table the commits record (absent when none judged). */
  judgments?: StatusJudgment[] | undefined;
}

/** A judge gate's verdict with its per-metric table, as the commit that recorded it says. */
export interface StatusJudgment {
  gate: string;
  verdict: GateEvidence['verdict'];
  /** The commit whose gate evidence holds it. */
  commit: string;
  step: number;
  table: JudgmentTable;
}

/** The newest judgment per judge gate among the commits' evidence, in order of first appearance. */
export function judgmentsOf(commits: readonly StatusCommit[]): StatusJudgment[] {
  const newest = new Map<string, StatusJudgment>();
  for (const commit of commits) {
    for (const gate of commit.gates) {
      const table = gate.kind === 'judge' ? parseJudgment(gate.message) : undefined;
      if (table === undefined || table.rows.length === 0) continue;
      newest.set(gate.gate, {
        gate: gate.gate,
        verdict: gate.verdict,
        commit: commit.sha,
        step: commit.step,
        table,
      });
    }
  }
  return [...newest.values()];
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

/**
 * Where the release stands: the trailers of its commits, the records noted on the newest one, and
 * what the manifests say. `paused` only at a real pause: an indefinite one, or an inconclusive
 * analysis waiting for `gitcanary promote` (nextAction decides, as it does for `run` and `step`).
 */
export async function releaseStatus(
  input: ReleaseInput,
  repo: ReleaseRepository & { message?(sha: string): Promise<string> },
  options: StatusOptions = {},
): Promise<ReleaseStatus> {
  const now = options.now ?? new Date();
  // The remote's history and notes (a workdir may be behind). The `status` command's first read:
  // the fetch that opened the repository serves.
  await repo.fetch?.({ reuseOpen: true });
  const history = await repo.releaseHistory(input.name, { limit: 200 });
  const progress = readOwnProgress(history, input.name, targetsFingerprint(input.targets));
  // Each target on its own: a file deleted by hand mid-release is named, and the rest still read.
  const manifests = (await observeEach(input.targets, repo.root)).map(({ key, role, observed, missing }) => ({
    target: key,
    role,
    observed,
    ...(missing === undefined ? {} : { missing }),
  }));
  const total = input.steps.length;
  // observeAll keeps the order of input.targets: the traffic routers are the ones to compare.
  const disagreement = weightDisagreement(
    manifests.filter((_, index) => input.targets[index]?.target.family === 'traffic'),
  );
  const steps = planOf(input.steps);
  const base = { release: input.name, namespace: input.namespace, total, steps, manifests, disagreement };
  if (!progress) return { ...base, state: 'none', commits: [], passes: [] };
  const finished = isFinished(progress);
  let next: StatusNext = { kind: 'done' };
  let failed = progress.failedChecks;
  let passes: StatusPass[] = [];
  if (!finished) {
    const sha = progress.lastCommit.sha;
    const position = { progress, passes: readPasses(await repo.readNote(sha), progress.releaseId, sha) };
    failed = failedChecks(position);
    passes = position.passes.map((pass) => ({ step: pass.step, verdict: pass.verdict, at: pass.at }));
    next = statusNext(nextAction(input, position, now));
  }
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
  const judgments = judgmentsOf(commits);
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
    nextStep: 'index' in next ? input.steps[next.index - 1]?.summary : undefined,
    next,
    waitingUntil: next.kind === 'wait' ? next.until : undefined,
    ...(input.checks === undefined ? {} : { failedChecks: failed, threshold: input.checks.threshold }),
    lastCommit: {
      sha: progress.lastCommit.sha,
      time: progress.lastCommit.time,
      subject: progress.lastCommit.subject,
    },
    commits,
    passes,
    ...(judgments.length === 0 ? {} : { judgments }),
  };
}

/** The engine's answer with its times as ISO 8601 (status is printed and serialised as JSON). */
function statusNext(next: Next): StatusNext {
  switch (next.kind) {
    case 'wait':
      return { kind: 'wait', index: next.index, until: next.until.toISOString(), reason: next.reason };
    case 'analysis':
      return { kind: 'analysis', index: next.index };
    default:
      return next;
  }
}

function planOf(steps: ReleaseInput['steps']): StatusStep[] {
  // Weights do not depend on the images: any will do for the fold.
  const images = { canaryImage: '', stableImage: undefined, previousCanaryImage: undefined };
  return steps.map((step, i) => ({
    index: i + 1,
    kind: step.kind,
    summary: step.summary,
    weight: stateForStep(steps, i + 1, images).canaryWeight,
    ...(step.kind === 'analysis' ? { gates: [...step.gates] } : {}),
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
