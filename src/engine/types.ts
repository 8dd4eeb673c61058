import type { Gate } from '../gates/types.js';
import type { Outcome, Reporter } from '../report/events.js';
import type { Clock } from '../shared/clock.js';
import type { Target, TargetRole } from '../targets/types.js';
import type { HistoryCommit, ReleaseProgress } from './progress.js';
import type { ReleaseStep } from './state.js';

// The engine's types and ports: what it takes from the config (ReleaseInput), the part of the git
// layer it drives (ReleaseRepository), and what a command returns (ReleaseResult).

export const EXIT_CODES = {
  promoted: 0,
  stepped: 0,
  noop: 0,
  rolledBack: 1,
  aborted: 1,
  waiting: 3,
  paused: 3,
} as const;

export interface BoundTarget {
  target: Target<unknown>;
  config: unknown;
  role: TargetRole;
}

/** Everything the engine needs from the config, already validated and planned. */
export interface ReleaseInput {
  name: string;
  namespace: string;
  branch: string;
  targets: BoundTarget[];
  /** The plan, durations parsed; the engine numbers them from 1 (`Gitcanary-Step: i/N`). */
  steps: ReleaseStep[];
  gates: Record<string, unknown>;
  /**
   * Flagger's analysis: analyses before the promotion are check passes; failed ones count against
   * `threshold` for the whole release and hold the weight for `intervalMs`. Undefined: Argo Rollouts'
   * steps, where a failed analysis rolls back at once.
   */
  checks?: { intervalMs: number; threshold: number } | undefined;
  /** Waited after every commit: a sync gate config, or a fixed delay. */
  sync: { gate: unknown } | { delayMs: number } | undefined;
  supersede: boolean;
  maxPushAttempts: number;
  variables: Record<string, string>;
  /** Folder of the config file: command gates run there, so `./scripts/smoke.sh` is found. */
  configDir?: string | undefined;
  canaryService?: string | undefined;
  stableService?: string | undefined;
  route?: string | undefined;
  /** The `spec.baseline` workload, described for gate evidence; undefined without one. */
  baselineWorkload?: string | undefined;
  /** Routers that send the baseline the canary's share (`apisix → podinfo-baseline`); empty when none does. */
  baselineTraffic?: string[] | undefined;
  /** Web page of the CI job running the release (src/forges/ci.ts), for the Gitcanary-Job trailer. */
  jobUrl?: string | undefined;
}

export interface StepCommit {
  message: string;
  trailers: Record<string, string>;
  files: string[];
}

export interface CommitOutcome {
  committed: boolean;
  sha?: string | undefined;
  attempts: number;
  replayed?: boolean;
}

/** The part of the git layer the engine uses. */
export interface ReleaseRepository {
  readonly root: string;
  head(): Promise<{ sha: string; time: string }>;
  commitStep(
    intent: (root: string) => Promise<StepCommit | null>,
    options?: { maxAttempts?: number; allowEmpty?: boolean },
  ): Promise<CommitOutcome>;
  releaseHistory(releaseName: string, options?: { limit?: number }): Promise<HistoryCommit[]>;
  /** Updates the remote-tracking branch that releaseHistory reads (a workdir may be behind). */
  fetch?(): Promise<void>;
  /** Commits with gitcanary trailers made but not pushed (a run killed between commit and push). */
  unpushedCommits?(): Promise<HistoryCommit[]>;
  pushUnpushed?(): Promise<string>;
  resetToRemote?(): Promise<void>;
  /** The note on `sha` (refs/notes/gitcanary) as `fetch` last brought it, or undefined. */
  readNote(sha: string): Promise<string | undefined>;
  /** Replaces the note on `sha` with `update(current)` and pushes it, re-applied if another writer won. */
  updateNote(sha: string, update: (current: string | undefined) => string): Promise<void>;
}

export interface EngineDeps {
  repo: ReleaseRepository;
  reporter: Reporter;
  /** Builds a gate from its config (command, prometheus, webhook, http, sync, approval). */
  createGate: (name: string, config: unknown) => Gate;
  clock?: Clock;
  signal?: AbortSignal;
}

export interface RunOptions {
  /** Candidate image; required to start a release, optional to resume one. */
  image?: string | undefined;
  /** `step` mode: advance at most one commit, never sleep. */
  once: boolean;
}

export interface ReleaseResult {
  outcome: Outcome;
  exitCode: number;
  message: string;
  progress: ReleaseProgress | undefined;
}
