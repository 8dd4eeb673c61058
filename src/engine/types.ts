import type { Gate } from '../gates/types.js';
import type { Lease } from '../git/lease.js';
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
  // The image this process drove will not be promoted: a newer one replaced it (not a bad input).
  superseded: 1,
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
  /** The new commit's committer time (ISO 8601); when absent the engine reads HEAD's. */
  time?: string | undefined;
  attempts: number;
  replayed?: boolean;
}

/** The part of the git layer the engine uses. */
export interface ReleaseRepository {
  readonly root: string;
  head(): Promise<{ sha: string; time: string }>;
  commitStep(
    intent: (root: string) => Promise<StepCommit | null>,
    options?: {
      maxAttempts?: number;
      allowEmpty?: boolean;
      /** Push to this branch instead of the release's (a pull request's head); `force` overwrites it. */
      pushTo?: string;
      force?: boolean;
      /** Commit only while the release's newest commit on the remote is `newest` (GIT_TIP_MOVED else). */
      expectedRelease?: { name: string; newest: string | undefined };
    },
  ): Promise<CommitOutcome>;
  releaseHistory(releaseName: string, options?: { limit?: number }): Promise<HistoryCommit[]>;
  /**
   * Updates the remote-tracking branch that releaseHistory reads (a workdir may be behind), with
   * the release notes and leases, in one round trip. `reuseOpen`: a command's first read, made
   * right after it opened the repository: when opening fetched the same and nothing was fetched
   * or written since, that fetch stands for this one.
   */
  fetch?(options?: { reuseOpen?: boolean }): Promise<void>;
  /** Commits with gitcanary trailers made but not pushed (a run killed between commit and push). */
  unpushedCommits?(): Promise<HistoryCommit[]>;
  pushUnpushed?(): Promise<string>;
  resetToRemote?(): Promise<void>;
  /** The note on `sha` (refs/notes/gitcanary) as `fetch` last brought it, or undefined. */
  readNote(sha: string): Promise<string | undefined>;
  /** Replaces the note on `sha` with `update(current)` and pushes it, re-applied if another writer won. */
  updateNote(sha: string, update: (current: string | undefined) => string): Promise<void>;
  /** The sha a branch of the remote points at now; undefined when absent (pull-request promotion). */
  remoteTip?(branch?: string): Promise<string | undefined>;
  /** Unified diff between two commits, for a pull request's description. */
  diff?(fromSha: string, toSha: string): Promise<string>;
  /** Another branch's files in a temporary worktree (a pull request's head, to check a human's edit). */
  checkoutBranch?(
    branch: string,
  ): Promise<{ root: string; sha: string; dispose(): Promise<void> } | undefined>;
  /**
   * The release's lease on the remote (refs/gitcanary/lease/<release>), or undefined; `fetched`:
   * as `fetch` last brought it, without asking the remote again.
   */
  readLease?(release: string, options?: { fetched?: boolean }): Promise<Lease | undefined>;
  /** Writes the lease while the remote's is still `expected` (undefined: none); throws LeaseMoved else. */
  writeLease?(release: string, holder: string, expires: Date, expected: string | undefined): Promise<Lease>;
  /** Removes the lease while it is still `expected`; throws LeaseMoved else. */
  removeLease?(release: string, expected: string): Promise<void>;
}

/** A manual step's commit, proposed as a pull or merge request (src/promotion carries it out). */
export interface StepProposal {
  release: string;
  releaseId: string;
  /** The step whose commit the change request carries (`i` of `Gitcanary-Step: i/N`). */
  index: number;
  total: number;
  /** The release's branch, which the change request goes into. */
  base: string;
  /** `podinfo: canary 20% → 60%`. */
  title: string;
  /** The description of the change request carrying the pushed commit `sha`. */
  body(sha: string): Promise<string>;
  /** Pushes the step's commit to `branch` (forced: a branch gitcanary owns); returns its sha. */
  push(branch: string): Promise<string>;
  /** Whether the files at `branch` still hold the step's change, and what differs when not. */
  inspect(branch: string): Promise<{ isStepChange: boolean; differences: string[] }>;
}

/** What became of a proposed step. */
export type ProposalState = { url: string; reference: string; reason: string } & (
  | { kind: 'waiting'; opened: boolean }
  | { kind: 'approved'; via: 'merge' | 'comment'; by?: string | undefined }
  | { kind: 'aborted'; via: 'close' | 'comment'; by?: string | undefined }
  | { kind: 'refused'; hint: string }
);

/**
 * Pull-request promotion as the engine sees it: at a manual step it asks what became of the step's
 * change request (opening it the first time), and when the release moved past a step it settles it.
 * Both read only the forge and Git, so any process re-reading the release can call them.
 */
export interface StepApproval {
  /** `steps: all`: every committing step after the start goes through a change request. */
  readonly everyStep: boolean;
  /** Opens the change request when there is none yet; else reads what happened to it. */
  check(proposal: StepProposal): Promise<ProposalState>;
  /**
   * The release went on past the step at `index` (or ended there): closes its change request if it
   * is open, records why, deletes its branch. Returns whether it was merged and not settled before —
   * then the landed commit still needs its sync — or, when what was merged is not the step's change
   * (a person pushed other files to its branch), why it is refused.
   */
  settle(
    proposal: StepProposal,
    message: string,
  ): Promise<
    | { merged: boolean; reference: string; url: string; reason: string }
    | { refused: { reason: string; hint: string } }
    | undefined
  >;
  /** How long to wait before polling again, after `polls` polls (backoff). */
  pollDelay(polls: number): number;
}

export interface EngineDeps {
  repo: ReleaseRepository;
  reporter: Reporter;
  /** Builds a gate from its config (command, prometheus, webhook, http, sync, approval), importing its kind's code. */
  createGate: (name: string, config: unknown) => Promise<Gate>;
  clock?: Clock;
  signal?: AbortSignal;
  /** Pull-request promotion (`spec.promotion.pullRequest`): manual steps become change requests. */
  approval?: StepApproval | undefined;
  /**
   * How often a waiting driver re-reads the release from the remote (pauses, analysis intervals,
   * sync polls) to notice an abort, a promotion or a newer image from another process; 30s.
   */
  watchIntervalMs?: number;
  /**
   * Who drives (the CI job's web page, else host:pid): `run` holds the release's lease in Git under
   * this name while it drives, and a `run` or `step` of another holder exits 2 while it is live.
   * Undefined: no lease (the commits' compare-and-swap still keeps the history right).
   */
  holder?: string | undefined;
  /** How long a lease lasts unless renewed (every watch interval while the holder runs); 5 minutes. */
  leaseMs?: number;
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
