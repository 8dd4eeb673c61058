import { writeTree } from '../manifests/index.js';
import type { Reporter } from '../report/events.js';
import { renderFile } from '../shared/templates.js';
import type { CanaryState } from '../targets/types.js';
import { applyState, loadTargetTree } from './apply.js';
import {
  type HistoryCommit,
  type ReleaseAction,
  type ReleasePhase,
  type ReleaseProgress,
  TRAILER,
} from './progress.js';
import type { GateEvidence } from './records.js';
import type { BoundTarget, ReleaseInput, ReleaseRepository } from './types.js';

// Commit building: every commit of a release is the State applied by every target to the tree the
// remote has now, a message with the gate evidence, and the trailers `status` and resume read back.

export interface CommitRequest {
  /** The step this commit completes (0 = start; the step count for a promotion or finish). */
  index: number;
  state: CanaryState;
  action: ReleaseAction;
  summary: string;
  /** Gate verdicts since the previous commit: the evidence this commit carries. */
  gates: readonly GateEvidence[];
  /** Commit even when no file changes (a marker: start, resume, rollback of an untouched tree). */
  allowEmpty?: boolean;
  /** The release's phase after this commit when it is not the targets' (`Promoting`). */
  phase?: ReleasePhase;
  /** Failed checks of the release up to this commit (0 for a new release). */
  failedChecks: number;
  /** Who let the release go on (a `promote`). */
  promotedBy?: string | undefined;
  /**
   * The newest commit of the release name this commit must follow on the remote (compare-and-swap;
   * GIT_TIP_MOVED when another process committed for the release first): by default the commit
   * `progress` was read from; null when no release of this name has a commit yet.
   */
  after?: string | null;
  /** Only these targets write (abort and `promote --full` past a target broken by hand); default all. */
  targets?: readonly BoundTarget[];
}

export class ReleaseWriter {
  readonly #plan: ReleaseInput;
  readonly #repo: ReleaseRepository;
  readonly #reporter: Reporter;
  readonly #fingerprint: string;

  constructor(plan: ReleaseInput, repo: ReleaseRepository, reporter: Reporter, fingerprint: string) {
    this.#plan = plan;
    this.#repo = repo;
    this.#reporter = reporter;
    this.#fingerprint = fingerprint;
  }

  get total(): number {
    return this.#plan.steps.length;
  }

  /**
   * One commit: apply every target to the tree, write, commit with trailers, push (replaying the
   * intent on a newer head when the push loses a race to another app's commit; a commit of this
   * release by another process throws GIT_TIP_MOVED instead: the caller re-reads). Returns the progress after it, or
   * `progress` unchanged when nothing was committed.
   */
  async commit(
    progress: ReleaseProgress,
    request: CommitRequest,
    options: { pushTo?: string } = {},
  ): Promise<ReleaseProgress> {
    const trailers = this.trailers(progress, request);
    const subject = `gitcanary(${this.#plan.name}): ${request.summary} [${request.index}/${this.total}]`;
    const message = await commitMessage(subject, progress, request);
    const outcome = await this.#repo.commitStep(
      async (root) => {
        // Re-run on every replay: the intent is re-applied to whatever head the remote has now.
        const files = await this.#apply(root, request.state, request.targets ?? this.#plan.targets);
        return { message, trailers, files };
      },
      {
        maxAttempts: this.#plan.maxPushAttempts,
        allowEmpty: request.allowEmpty ?? false,
        // A pull request's branch is gitcanary's own: each proposal overwrites it. The release's own
        // branch is written only while this release's newest commit there is still the one we read.
        ...(options.pushTo === undefined
          ? {
              expectedRelease: {
                name: this.#plan.name,
                newest: request.after === undefined ? progress.lastCommit.sha : (request.after ?? undefined),
              },
            }
          : { pushTo: options.pushTo, force: true }),
      },
    );
    if (!outcome.committed) return progress;
    const head =
      outcome.time === undefined || outcome.sha === undefined
        ? await this.#repo.head()
        : { sha: outcome.sha, time: outcome.time };
    const sha = outcome.sha ?? head.sha;
    // A proposed commit is on a branch, not the release's: the pull request reports it.
    if (options.pushTo === undefined)
      this.#reporter.event({
        type: 'commit',
        sha,
        index: request.index,
        total: this.total,
        action: request.action,
        phase: request.phase ?? request.state.phase,
        weight: request.state.canaryWeight,
        attempts: outcome.attempts,
        subject,
      });
    const commit: HistoryCommit = { sha, time: head.time, subject, trailers };
    return {
      ...progress,
      stepIndex: request.index,
      phase: request.phase ?? request.state.phase,
      weight: request.state.canaryWeight,
      action: request.action,
      failedChecks: request.failedChecks,
      lastCommit: commit,
      startCommit: request.index === 0 ? commit : progress.startCommit,
    };
  }

  /** The trailers of a release commit: where the release stands after it. */
  trailers(progress: ReleaseProgress, request: CommitRequest): Record<string, string> {
    return {
      [TRAILER.release]: this.#plan.name,
      [TRAILER.releaseId]: progress.releaseId,
      [TRAILER.step]: `${request.index}/${this.total}`,
      [TRAILER.phase]: request.phase ?? request.state.phase,
      [TRAILER.weight]: String(request.state.canaryWeight),
      [TRAILER.image]: progress.image,
      [TRAILER.stableImage]: progress.stableImage ?? '-',
      [TRAILER.previousImage]: progress.previousCanaryImage ?? '-',
      [TRAILER.targets]: this.#fingerprint,
      ...(progress.baselineScale && Object.keys(progress.baselineScale).length > 0
        ? { [TRAILER.baselineScale]: JSON.stringify(progress.baselineScale) }
        : {}),
      ...(request.failedChecks > 0 ? { [TRAILER.failedChecks]: String(request.failedChecks) } : {}),
      ...(request.promotedBy === undefined ? {} : { [TRAILER.promotedBy]: oneLine(request.promotedBy) }),
      [TRAILER.action]: request.action,
      ...(this.#plan.jobUrl ? { [TRAILER.job]: this.#plan.jobUrl } : {}),
    };
  }

  /** Apply all targets to the manifests under `root`; returns the repository paths written. */
  async #apply(root: string, state: CanaryState, targets: readonly BoundTarget[]): Promise<string[]> {
    const base = await loadTargetTree(targets, root);
    return writeTree(root, base, applyState(targets, base, state));
  }
}

/** A trailer value is one line of printable text. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || 'unknown';
}

/** The commit message: subject, the release line, and the gate evidence since the last commit. */
export async function commitMessage(
  subject: string,
  progress: ReleaseProgress,
  request: CommitRequest,
): Promise<string> {
  const message = await renderFile('commit-message', {
    subject,
    body: `Release ${progress.releaseId}: ${progress.image}, canary weight ${request.state.canaryWeight}%, phase ${request.phase ?? request.state.phase}.`,
    // As text, so that a measured 0 (exit code, error count) still shows in the evidence.
    gates: request.gates.map((gate) => ({
      ...gate,
      value: gate.value === undefined ? undefined : String(gate.value),
    })),
  });
  return message.trimEnd();
}
