import { createHash } from 'node:crypto';
import { GitcanaryError, isGitcanaryError } from '../errors.js';
import type { GateContext, GateResult } from '../gates/types.js';
import type { Outcome } from '../report/events.js';
import { type Clock, sleepUntil, systemClock } from '../shared/clock.js';
import { renderFile } from '../shared/templates.js';
import type { CanaryState, Observation } from '../targets/types.js';
import { applyState, brokenTargets, loadTargetTree, observeImages } from './apply.js';
import { type CommitRequest, ReleaseWriter } from './commit.js';
import { GateRunner, throwIfInterrupted } from './gating.js';
import { ReleaseLease } from './lease.js';
import { failedChecks, isCheckPass, type Next, nextAction, type Position, retryInterval } from './next.js';
import { type Driven, type Observed, observeRelease } from './observe.js';
import { checkPlannedTrees } from './plan.js';
import {
  type HistoryCommit,
  isFinished,
  type ReleaseProgress,
  readOwnProgress,
  targetsFingerprint,
} from './progress.js';
import { isProposed, pendingProposal, proposalTitle, proposalView, proposedIndex } from './proposal.js';
import { appendPass, evidenceOf, type GateEvidence, type PassRecord, readPasses } from './records.js';
import { recoverUnpushed } from './recover.js';
import {
  finishedState,
  imagesFromObservation,
  promotedState,
  type ReleaseImages,
  rolledBackState,
  startState,
  stateAt,
  stateForStep,
} from './state.js';
import {
  type BoundTarget,
  type EngineDeps,
  EXIT_CODES,
  type ReleaseInput,
  type ReleaseResult,
  type RunOptions,
  type StepProposal,
} from './types.js';

// The engine is the only place that sequences side effects: write manifests, commit, push, wait for
// the reconciler, evaluate gates, and move on or roll back. Everything it decides comes from the
// plan and from the release's commits (see nextAction), so any process can pick the release up
// where it stands. This file is the state machine; commits are built in commit.ts, gates run in
// gating.ts, recovery is in recover.ts.

export type { Clock } from '../shared/clock.js';
export { systemClock } from '../shared/clock.js';
export { isCommitting } from './state.js';
export {
  type BoundTarget,
  type CommitOutcome,
  type EngineDeps,
  EXIT_CODES,
  type ReleaseInput,
  type ReleaseRepository,
  type ReleaseResult,
  type RunOptions,
  type StepCommit,
} from './types.js';

export class ReleaseEngine {
  readonly #plan: ReleaseInput;
  readonly #deps: EngineDeps;
  readonly #clock: Clock;
  readonly #signal: AbortSignal;
  readonly #fingerprint: string;
  readonly #writer: ReleaseWriter;
  readonly #gates: GateRunner;
  readonly #watchIntervalMs: number;
  readonly #lease: ReleaseLease;

  constructor(plan: ReleaseInput, deps: EngineDeps) {
    this.#plan = plan;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#signal = deps.signal ?? new AbortController().signal;
    this.#fingerprint = targetsFingerprint(plan.targets);
    this.#writer = new ReleaseWriter(plan, deps.repo, deps.reporter, this.#fingerprint);
    this.#gates = new GateRunner(plan.gates, deps.createGate, deps.reporter);
    this.#watchIntervalMs = deps.watchIntervalMs ?? 30_000;
    this.#lease = new ReleaseLease(plan.name, deps, this.#clock, this.#watchIntervalMs);
  }

  get total(): number {
    return this.#plan.steps.length;
  }

  /** Where the release stands, from the commit trailers. */
  async progress(): Promise<ReleaseProgress | undefined> {
    const history = await this.#deps.repo.releaseHistory(this.#plan.name, { limit: 200 });
    return readOwnProgress(history, this.#plan.name, this.#fingerprint);
  }

  /**
   * `run` (whole release) and `step` (at most one commit). Another process that starts the same
   * release first wins the start commit's compare-and-swap: this one reads again and goes on from
   * what that process committed (resumes the same image, supersedes with another one).
   */
  async run(options: RunOptions): Promise<ReleaseResult> {
    // One fetch before anything else: the lease, the release's history and its notes are read from
    // it (a scheduled `step`: the fetch that opened its repository, then its push). A read after a
    // lost race fetches again.
    await this.#deps.repo.fetch?.({ reuseOpen: true });
    await this.#lease.take(options.once, true);
    try {
      // The first attempt reads what was just fetched; a re-read after a lost race fetches.
      return await this.#rereading((attempt) => this.#runOnce(options, attempt === 1));
    } finally {
      await this.#lease.drop();
    }
  }

  /** Runs a command again from a fresh read when another process committed for the release first. */
  async #rereading(command: (attempt: number) => Promise<ReleaseResult>): Promise<ReleaseResult> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await command(attempt);
      } catch (error) {
        if (!isTipMoved(error) || attempt >= MAX_REREADS) throw error;
        this.#movedOn(error);
      }
    }
  }

  async #runOnce(options: RunOptions, fetched: boolean): Promise<ReleaseResult> {
    const recovered = await recoverUnpushed(this.#deps.repo, this.#deps.reporter, fetched);
    let progress = await this.progress();
    // `progress` is what the remote has now until the release commits or waits for a sync.
    let readNow = true;
    const image = options.image;
    if (recovered && progress && !isFinished(progress) && (image === undefined || image === progress.image)) {
      // The pushed commit is the step the interrupted run made: wait for its sync as that run would
      // have, and in `step` mode it is this call's one commit.
      const unsynced = await this.#syncedOrRolledBack(progress, progress.stepIndex);
      if (unsynced) return unsynced;
      readNow = false;
      if (options.once)
        return this.#done(
          'stepped',
          `step ${progress.stepIndex}/${this.total} pushed (left by an interrupted run)`,
          progress,
        );
    }
    if (image !== undefined) {
      if (progress === undefined || isFinished(progress)) {
        if (progress && progress.image === image) {
          return this.#finishedResult(progress);
        }
        progress = await this.#start(image, progress, 'start');
        const unsynced = await this.#syncedOrRolledBack(progress, 0);
        if (unsynced) return unsynced;
        readNow = false;
        if (options.once) return this.#done('stepped', `started release of ${image}`, progress);
      } else if (progress.image !== image) {
        if (!this.#plan.supersede) {
          throw new GitcanaryError('RELEASE_STATE', `release of ${progress.image} is in progress`, {
            hint: 'wait for it, `gitcanary abort` it, or allow superseding (remove --no-supersede)',
          });
        }
        progress = await this.#start(image, progress, 'supersede');
        const unsynced = await this.#syncedOrRolledBack(progress, 0);
        if (unsynced) return unsynced;
        readNow = false;
        if (options.once)
          return this.#done('stepped', `superseded with ${image}, restarted at step 0`, progress);
      } else {
        this.#assertSamePlan(progress);
        this.#announce(progress, 'resume');
      }
    } else {
      if (progress === undefined) {
        throw new GitcanaryError('RELEASE_STATE', 'no release in progress', {
          hint: 'pass --image to start one',
        });
      }
      if (isFinished(progress)) return this.#finishedResult(progress);
      this.#assertSamePlan(progress);
      this.#announce(progress, 'resume');
    }
    // Read just now, with nothing committed or waited for since: the state machine starts from it.
    return this.#advance(progress, options.once, readNow ? await this.#positionOf(progress) : undefined);
  }

  /**
   * `promote`, as `kubectl argo rollouts promote`: ends the pause the release is in — indefinite or
   * timed — or lets it go on past an analysis that ran and was inconclusive; it never skips an
   * analysis that has not run. The resume commit carries the evidence recorded since the last commit
   * and who promoted (`by`). `--full` skips every remaining step and promotes now, in one commit.
   */
  async promote(full: boolean, by?: string): Promise<ReleaseResult> {
    return this.#rereading(() => this.#promoteOnce(full, by));
  }

  async #promoteOnce(full: boolean, by: string | undefined): Promise<ReleaseResult> {
    const position = await this.#activePosition();
    const { progress, passes } = position;
    const evidence = passes.flatMap((pass) => pass.gates);
    if (full) {
      const images = imagesOf(progress);
      const state = promotedState(stateAt(this.#plan.steps, progress.stepIndex, images), images);
      const { targets, skipped } = await this.#writable(progress, state, 'promote --full');
      const next = await this.#writer.commit(progress, {
        index: this.total,
        state,
        action: 'promote',
        summary: 'promote (full)',
        gates: evidence,
        failedChecks: failedChecks(position),
        promotedBy: by,
        ...(targets ? { targets } : {}),
      });
      return this.#finish(next, targets, skipped.length === 0 ? '' : `; not written (${skipped.join('; ')})`);
    }
    this.#assertSamePlan(progress);
    const next = nextAction(this.#plan, position, this.#clock.now());
    const promotable = next.kind === 'paused' || (next.kind === 'wait' && next.reason === 'pause');
    if (!promotable) {
      const index = 'index' in next ? next.index : progress.stepIndex + 1;
      throw new GitcanaryError('RELEASE_STATE', `step ${index} is not a pause`, {
        hint: `the release is at ${describeNext(next, this.#plan.steps)}; promote ends a pause and never skips an analysis that has not run; \`promote --full\` skips every remaining step`,
      });
    }
    // The pause ends with a marker commit: Git records who let the release go on, and when.
    const resumed = await this.#writer.commit(progress, {
      index: next.index,
      state: stateAt(this.#plan.steps, next.index, imagesOf(progress)),
      action: 'resume',
      summary: `resume after ${this.#plan.steps[next.index - 1]!.summary}`,
      gates: evidence,
      allowEmpty: true,
      failedChecks: failedChecks(position),
      promotedBy: by,
    });
    return this.#done('stepped', `resumed after step ${next.index}`, resumed);
  }

  /** `abort`: one rollback commit, stable-only traffic. */
  async abort(): Promise<ReleaseResult> {
    return this.#rereading(() => this.#abortOnce());
  }

  async #abortOnce(): Promise<ReleaseResult> {
    const position = await this.#activePosition();
    const { progress } = position;
    const images = imagesOf(progress);
    const state = rolledBackState(
      stateAt(this.#plan.steps, progress.stepIndex, images),
      images,
      'RolledBack',
    );
    const { targets, skipped } = await this.#writable(progress, state, 'abort');
    const next = await this.#rollback(position, 'abort', [], false, targets);
    // Pull-request promotion: the change request waiting for this release is closed.
    await this.#settleProposal({ progress: next, passes: [] });
    const left = skipped.length === 0 ? '' : `; not restored (${skipped.join('; ')})`;
    return this.#done(
      'aborted',
      `aborted release of ${progress.image}; traffic is back on ${progress.stableImage ?? 'stable'}${left}`,
      next,
    );
  }

  /**
   * The targets an `abort` or `promote --full` can still write when a person broke one mid-release
   * (deleted the route file, the canary backend…): those are skipped with a warning naming what is
   * missing, so the release can always be ended. `promote --full` refuses when a workload is broken:
   * it would say Promoted while the stable workload does not run the candidate.
   */
  async #writable(
    progress: ReleaseProgress,
    state: CanaryState,
    command: 'abort' | 'promote --full',
  ): Promise<{ targets: BoundTarget[] | undefined; skipped: string[] }> {
    const broken = await brokenTargets(this.#plan.targets, this.#deps.repo.root, state);
    if (broken.length === 0) return { targets: undefined, skipped: [] };
    const named = broken.map(({ bound, error }) => `${bound.target.key} (${bound.role}): ${error.format()}`);
    const workload = broken.find(({ bound }) => bound.target.family === 'workload');
    if (command === 'promote --full' && workload !== undefined) {
      throw new GitcanaryError('RELEASE_STATE', `cannot promote ${progress.image}: ${named.join('; ')}`, {
        ...workload.error.place,
        hint: `restore it (e.g. \`git checkout ${progress.startCommit.sha.slice(0, 12)} -- <file>\`), or end the release with \`gitcanary abort\`, which restores what it still can`,
      });
    }
    for (const { bound, error } of broken) {
      this.#deps.reporter.event({
        type: 'warning',
        field: `${bound.target.key} (${bound.role})`,
        message: `${error.format()}; ${command} skips this target and writes the others`,
      });
    }
    const skippedTargets = new Set(broken.map(({ bound }) => bound));
    return { targets: this.#plan.targets.filter((bound) => !skippedTargets.has(bound)), skipped: named };
  }

  async #activePosition(): Promise<Position> {
    // A command's first read (promote, abort…): the fetch that opened the repository serves.
    await this.#deps.repo.fetch?.({ reuseOpen: true });
    await recoverUnpushed(this.#deps.repo, this.#deps.reporter, true);
    const progress = await this.progress();
    if (progress === undefined || isFinished(progress)) {
      throw new GitcanaryError('RELEASE_STATE', 'no release in progress', {
        hint: progress
          ? `the last release (${progress.image}) ended with ${progress.action}`
          : 'start one with `run --image`',
      });
    }
    return this.#positionOf(progress);
  }

  /** The records noted on the release's newest commit, as the last fetch brought them. */
  async #positionOf(progress: ReleaseProgress): Promise<Position> {
    const sha = progress.lastCommit.sha;
    return { progress, passes: readPasses(await this.#deps.repo.readNote(sha), progress.releaseId, sha) };
  }

  /** Where the release stands on the remote now: fetched, then read from its commits and notes. */
  async #read(): Promise<Position | undefined> {
    await this.#deps.repo.fetch?.();
    const progress = await this.progress();
    return progress === undefined ? undefined : this.#positionOf(progress);
  }

  /** Notes a check pass on the release's newest commit, where every process reads it. */
  async #record(progress: ReleaseProgress, pass: PassRecord): Promise<void> {
    const sha = progress.lastCommit.sha;
    await this.#deps.repo.updateNote(sha, (text) => appendPass(text, progress.releaseId, sha, pass));
  }

  /**
   * The trailers say only `i/N` and the weight, and the next step is read from the config: steps
   * changed since the release started would resume at another step (or past the promotion).
   */
  #assertSamePlan(progress: ReleaseProgress): void {
    const planned = stateAt(this.#plan.steps, progress.stepIndex, imagesOf(progress)).canaryWeight;
    if (progress.total === this.total && planned === progress.weight) return;
    const why =
      progress.total !== this.total
        ? `it was planned with ${progress.total} steps, the config has ${this.total}`
        : `it is at ${progress.weight}% after step ${progress.stepIndex}, the config's steps say ${planned}%`;
    throw new GitcanaryError(
      'RELEASE_STATE',
      `the config's steps changed since the release started: ${why}`,
      {
        hint: 'restore the steps it started with, or end it with `gitcanary abort` or `gitcanary promote --full`',
      },
    );
  }

  async #start(
    image: string,
    previous: ReleaseProgress | undefined,
    action: 'start' | 'supersede',
  ): Promise<ReleaseProgress> {
    const head = await this.#deps.repo.head();
    let images: ReleaseImages;
    if (action === 'supersede' && previous) {
      // The canary runs the superseded candidate now; what to return to is what that release recorded.
      images = {
        canaryImage: image,
        stableImage: previous.stableImage,
        previousCanaryImage: previous.previousCanaryImage,
        baselineScale: previous.baselineScale,
      };
    } else {
      images = imagesFromObservation(image, await this.#observe());
    }
    // Every state the release can commit, applied in memory first: a target that cannot write one
    // fails here, before the start commit.
    checkPlannedTrees(this.#plan, await loadTargetTree(this.#plan.targets, this.#deps.repo.root), images);
    const releaseId = createHash('sha256').update(`${image}\n${head.sha}`).digest('hex').slice(0, 12);
    const pseudo: ReleaseProgress = {
      releaseId,
      image,
      stableImage: images.stableImage,
      previousCanaryImage: images.previousCanaryImage,
      baselineScale: images.baselineScale,
      stepIndex: 0,
      total: this.total,
      phase: 'Progressing',
      weight: 0,
      action,
      failedChecks: 0,
      lastCommit: { sha: head.sha, time: head.time, subject: '', trailers: {} },
      startCommit: { sha: head.sha, time: head.time, subject: '', trailers: {} },
    };
    this.#deps.reporter.event({
      type: 'release',
      action,
      release: this.#plan.name,
      releaseId,
      image,
      steps: this.total,
      ...(action === 'supersede' && previous
        ? { message: `supersedes ${previous.image} at step ${previous.stepIndex}/${previous.total}` }
        : {}),
    });
    return this.#writer.commit(pseudo, {
      index: 0,
      state: startState(images),
      action,
      summary:
        action === 'supersede'
          ? `supersede ${previous?.image ?? ''} with ${image}`
          : `start canary of ${image}`,
      gates: [],
      allowEmpty: true,
      // The release this one follows must still be the newest: two starts never both land.
      after: previous?.lastCommit.sha ?? null,
      // A new candidate starts a new count (Flagger resets failedChecks on a new revision).
      failedChecks: 0,
    });
  }

  /**
   * The state machine: read where the release stands from the remote (its commits and the records
   * noted on the newest), ask nextAction what happens next, do it, and read again — until the
   * release ends, waits for a person, or (`step`) made its one commit or must wait. Reading Git on
   * every turn is what makes `run` and `step` count and time everything alike.
   */
  async #advance(start: ReleaseProgress, once: boolean, first?: Position): Promise<ReleaseResult> {
    // The last step announced since the newest commit (a step is announced once per visit).
    let announced = start.stepIndex;
    // What this driver last read or wrote: another process's commit since is noticed by observeRelease.
    let known = start;
    let waitingFor: string | undefined;
    // The newest commit whose pull request (if it came through one) was settled.
    let settled: string | undefined;
    let current = first;
    for (;;) {
      const read = current ?? (await this.#readRenewing());
      current = undefined;
      // Pull-request promotion: a step that landed through its change request is synced and settled,
      // also when it ended the release (a merged promote), before deciding what the history means.
      if (
        read !== undefined &&
        read.progress.releaseId === known.releaseId &&
        read.progress.lastCommit.sha !== settled
      ) {
        settled = read.progress.lastCommit.sha;
        const unsynced = await this.#settleProposal(read);
        if (unsynced) return unsynced;
      }
      const seen = observeRelease(drivenOf(known), read);
      if (seen.kind === 'stop') return this.#stopped(seen);
      const { position } = seen;
      const { progress } = position;
      if (seen.moved) announced = progress.stepIndex;
      known = progress;
      const next = nextAction(this.#plan, position, this.#clock.now());
      // The step acted on now (steps already done — a passed analysis, an elapsed pause — are not).
      if ('index' in next && announced < next.index) {
        announced = next.index;
        this.#deps.reporter.event({
          type: 'step',
          index: next.index,
          total: this.total,
          summary: this.#plan.steps[next.index - 1]!.summary,
        });
      }
      try {
        if (next.kind === 'paused' && next.reason === 'pause' && this.#deps.approval) {
          const outcome = await this.#propose(position, next.index, once);
          if (outcome) return outcome;
          continue;
        }
        if (next.kind === 'paused') {
          const message =
            next.reason === 'pause'
              ? `paused at step ${next.index}/${this.total} until \`gitcanary promote\``
              : `analysis at step ${next.index} is inconclusive; \`gitcanary promote\` to go on or \`abort\``;
          return this.#done('paused', message, progress);
        }
        if (next.kind === 'wait') {
          // Announced once per wait; the wait is slept in watch intervals, each ending in a re-read.
          const key = `${progress.lastCommit.sha} ${next.index} ${next.until.toISOString()}`;
          if (key !== waitingFor) {
            waitingFor = key;
            const step = this.#plan.steps[next.index - 1]!;
            const reason =
              next.reason === 'pause'
                ? step.summary
                : `failed check ${failedChecks(position)}/${this.#plan.checks?.threshold ?? 1} at step ${next.index}: the weight holds until the next check`;
            this.#deps.reporter.event({ type: 'wait', reason, until: next.until.toISOString() });
          }
          if (once) {
            const message =
              next.reason === 'pause'
                ? `pause until ${next.until.toISOString()}`
                : `step ${next.index} checks again at ${next.until.toISOString()}`;
            return this.#done('waiting', message, progress);
          }
          await this.#sleepTowards(next.until);
          continue;
        }
        if (next.kind === 'done') return await this.#finish(progress);
        if (next.kind === 'rollback') {
          return await this.#rollBackFor(
            position,
            [],
            `${next.failedChecks} failed checks reached the threshold ${next.threshold}`,
          );
        }
        if (next.kind === 'analysis') {
          const outcome = await this.#analyse(position, next.index, once);
          if (outcome === 'again') announced = next.index - 1;
          else if (outcome !== undefined) return outcome;
          continue;
        }
        if (this.#deps.approval?.everyStep) {
          const outcome = await this.#propose(position, next.index, once);
          if (outcome) return outcome;
          continue;
        }
        const committed = await this.#commitStep(position, next.index);
        if ('outcome' in committed) return committed;
        known = committed;
        if (once) return this.#done('stepped', `step ${next.index}/${this.total} committed`, committed);
      } catch (error) {
        // Another process committed for this release first: read what it did, never replay ours.
        if (!isTipMoved(error)) throw error;
        this.#movedOn(error);
      }
    }
  }

  /**
   * Where the release stands on the remote now, and what that means for the driver that last
   * knew `known`: the one place a driver learns what other processes did (abort, promote, a newer
   * image, a step), before every commit and once per watch interval while it waits.
   */
  async #reread(known: ReleaseProgress): Promise<Observed> {
    return observeRelease(drivenOf(known), await this.#readRenewing());
  }

  /** The release as the remote has it now, renewing this driver's lease on the way. */
  async #readRenewing(): Promise<Position | undefined> {
    await this.#lease.renew();
    return this.#read();
  }

  /** The result of a release another process ended (or replaced); a promotion not yet finished is. */
  async #stopped(seen: Extract<Observed, { kind: 'stop' }>): Promise<ReleaseResult> {
    const { progress } = seen;
    if (seen.outcome === 'promoted' && progress?.action === 'promote') {
      // A process stopped between the promote and the finish commit: finish now. The promoting
      // process finishes too; whichever loses (or meets a target it skipped) leaves it to the other.
      try {
        const finished = await this.#finishCommit(progress);
        if (finished !== progress) return this.#done('promoted', `${progress.image} promoted`, finished);
      } catch (error) {
        if (!isGitcanaryError(error) || error.code === 'INTERRUPTED') throw error;
        this.#deps.reporter.event({ type: 'progress', message: `not finished here: ${error.message}` });
      }
    }
    return this.#done(seen.outcome, seen.message, progress);
  }

  /** Sleeps until `until`, or one watch interval when that is sooner: the caller reads again. */
  async #sleepTowards(until: Date): Promise<void> {
    const left = until.getTime() - this.#clock.now().getTime();
    await this.#clock.sleep(Math.max(0, Math.min(left, this.#watchIntervalMs)), this.#signal);
  }

  /**
   * Runs `wait` (gates measuring over time, a sync poll) with a clock that reads the release again
   * once per watch interval of its sleeps: when another process moved or ended the release, the
   * wait is cut short (its signal aborts) and what was seen is returned instead of its answer.
   */
  async #watching<T>(
    known: ReleaseProgress,
    wait: (clock: Clock, signal: AbortSignal) => Promise<T>,
  ): Promise<{ answer: T } | { seen: Observed }> {
    const moved = new AbortController();
    const signal = AbortSignal.any([this.#signal, moved.signal]);
    let seen: Observed | undefined;
    // The lease taken over by another driver: this run stops (RELEASE_STATE), whatever the wait says.
    let lost: unknown;
    let last = this.#clock.now().getTime();
    const clock: Clock = {
      now: () => this.#clock.now(),
      // Slept in watch intervals at most, the release read again after each: a 5m sync delay or a
      // 10m analysis interval still notices an abort within one.
      sleep: async (ms, sleepSignal) => {
        let left = Math.max(0, ms);
        do {
          const chunk = Math.min(left, this.#watchIntervalMs);
          await this.#clock.sleep(chunk, sleepSignal);
          left -= chunk;
          if (this.#clock.now().getTime() - last < this.#watchIntervalMs || seen !== undefined) continue;
          last = this.#clock.now().getTime();
          // A failed read is no news: the commit's compare-and-swap still guards the next write.
          const now = await this.#reread(known).catch((error: unknown) => {
            if (isGitcanaryError(error) && error.code === 'RELEASE_STATE') lost = error;
            return undefined;
          });
          if (lost !== undefined) {
            moved.abort(lost);
            throw lost;
          }
          if (now === undefined || (now.kind === 'continue' && !now.moved)) continue;
          seen = now;
          moved.abort(new GitcanaryError('INTERRUPTED', 'the release moved on in another process'));
          sleepSignal?.throwIfAborted();
          return;
        } while (left > 0);
      },
    };
    try {
      const answer = await wait(clock, signal);
      if (lost !== undefined) throw lost;
      return seen === undefined ? { answer } : { seen };
    } catch (error) {
      if (lost !== undefined) throw lost;
      if (seen !== undefined && !this.#signal.aborted) return { seen };
      throw error;
    }
  }

  /** A lost compare-and-swap, reported; the caller reads the release again. */
  #movedOn(error: unknown): void {
    this.#deps.reporter.event({
      type: 'progress',
      message: `${(error as Error).message}; reading the release again`,
    });
  }

  /**
   * One check pass of the analysis at `index`, and what its verdict does: a pass is recorded and
   * the release goes on; a failed check (Flagger) is recorded and holds the weight, or rolls back
   * when the failed checks reach the threshold; any other failure rolls back; inconclusive is
   * recorded and pauses; an unconfirmed confirmation asks again after an interval (`again`).
   */
  async #analyse(
    position: Position,
    index: number,
    once: boolean,
  ): Promise<ReleaseResult | 'again' | undefined> {
    const { progress } = position;
    const step = this.#plan.steps[index - 1]!;
    if (step.kind !== 'analysis') throw new GitcanaryError('INTERNAL', `step ${index} is not an analysis`);
    const checks = isCheckPass(this.#plan, index);
    // The analysis's own waits re-read the release: another process's abort or step cuts it short.
    const watched = await this.#watching(progress, (clock, signal) =>
      this.#gates.pass(step.gates, { ...this.#gateContext(progress, index), clock, signal }, { checks }),
    );
    if ('seen' in watched) return undefined;
    const pass = watched.answer;
    const gates = pass.results.map(evidenceOf);
    const at = this.#clock.now().toISOString();
    if (pass.verdict === 'wait') {
      // Flagger's confirm-* webhooks answer "not yet" with a non-2xx status; Flagger asks again, with
      // the checks before them, every interval until one answers 2xx.
      const until = new Date(this.#clock.now().getTime() + retryInterval(this.#plan, index));
      this.#deps.reporter.event({
        type: 'wait',
        reason: `confirmation webhooks at step ${index}`,
        until: until.toISOString(),
      });
      if (once) return this.#done('waiting', `step ${index} waits for its confirmation webhooks`, progress);
      while (this.#clock.now() < until) {
        await this.#sleepTowards(until);
        const seen = await this.#reread(progress);
        if (seen.kind === 'stop' || seen.moved) return undefined;
      }
      return 'again';
    }
    const { verdict } = pass;
    if (verdict === 'rollback') {
      return this.#rollBackFor(
        position,
        gates,
        `a rollback webhook asked for it at step ${index}/${this.total}`,
      );
    }
    if (verdict === 'fail') {
      // Argo Rollouts' steps: a failed analysis aborts. Flagger's analysis: a failed check, rolled
      // back once the release's failed checks reach the threshold (scheduler.go, advanceCanary).
      const threshold = checks ? (this.#plan.checks?.threshold ?? 1) : 1;
      const failed = failedChecks(position) + 1;
      if (!checks) return this.#rollBackFor(position, gates, `gate failed at step ${index}/${this.total}`);
      if (failed >= threshold) {
        return this.#rollBackFor(
          position,
          gates,
          `${failed} failed checks reached the threshold ${threshold} at step ${index}/${this.total}`,
          true,
        );
      }
      this.#deps.reporter.event({
        type: 'progress',
        message: `failed check ${failed}/${threshold}: the weight stays at ${progress.weight}%`,
      });
    }
    await this.#record(progress, { step: index, at, verdict, gates });
    return undefined;
  }

  /** The commit of the step at `index`: the progress after it, or a result when the release ended there. */
  async #commitStep(position: Position, index: number): Promise<ReleaseResult | ReleaseProgress> {
    const step = this.#plan.steps[index - 1]!;
    const progress = await this.#writer.commit(position.progress, this.#stepRequest(position, index));
    const unsynced = await this.#syncedOrRolledBack(progress, index);
    if (unsynced) return unsynced;
    if (step.kind !== 'promote') return progress;
    await this.#afterPromotion(index, progress);
    return this.#finish(progress);
  }

  /**
   * The commit of step `index`: its State, with the evidence since the last commit. A pause's own
   * index is its resume marker (what a pull request carries when no change follows the pause).
   */
  #stepRequest(position: Position, index: number): CommitRequest {
    const step = this.#plan.steps[index - 1]!;
    const images = imagesOf(position.progress);
    const common = {
      index,
      gates: position.passes.flatMap((pass) => pass.gates),
      allowEmpty: true,
      failedChecks: failedChecks(position),
    };
    if (step.kind === 'pause') {
      return {
        ...common,
        state: stateAt(this.#plan.steps, index, images),
        action: 'resume',
        summary: `resume after ${step.summary}`,
      };
    }
    return {
      ...common,
      state: stateForStep(this.#plan.steps, index, images),
      action: step.kind === 'promote' ? 'promote' : 'step',
      summary: step.summary,
      ...(step.kind === 'promotePrimary' || step.kind === 'shift' ? { phase: 'Promoting' as const } : {}),
    };
  }

  // ── Pull-request promotion (deps.approval, src/promotion/) ─────────────────────────────────
  // The manual step at `at` becomes a change request carrying the commit the release makes next;
  // what becomes of it (merged, closed, `/gitcanary` commands) decides, and the release is read
  // from Git again after every poll, so a `gitcanary promote` or `abort` elsewhere wins as well.

  /** The change request of the manual step at `at`: opened, polled (`run`), and acted on. */
  async #propose(position: Position, at: number, once: boolean): Promise<ReleaseResult | undefined> {
    const approval = this.#deps.approval!;
    const { progress } = position;
    const index = proposedIndex(this.#plan.steps, at);
    const { proposal, request } = this.#proposal(position, index);
    for (let polls = 0; ; polls++) {
      const state = await approval.check(proposal);
      const event = (action: 'opened' | 'waiting' | 'approved' | 'aborted' | 'refused') =>
        this.#deps.reporter.event({
          type: 'pull-request',
          action,
          reference: state.reference,
          url: state.url,
          index,
          message: state.reason,
        });
      if (state.kind === 'waiting') {
        if (polls === 0) event(state.opened ? 'opened' : 'waiting');
        if (once) return this.#done('paused', `${state.reason} (${state.url})`, progress);
        const until = new Date(this.#clock.now().getTime() + approval.pollDelay(polls));
        if (polls === 0) this.#deps.reporter.event({ type: 'wait', reason: state.reason });
        await sleepUntil(this.#clock, until, this.#signal);
        // Another process may have moved the release on meanwhile (`gitcanary promote`, `abort`).
        const again = await this.#read();
        if (again?.progress.lastCommit.sha !== progress.lastCommit.sha) return undefined;
        continue;
      }
      // A merge is reported when it is settled (the loop's next read), however it was found.
      if (state.kind !== 'approved' || state.via !== 'merge') event(state.kind);
      if (state.kind === 'refused') {
        throw new GitcanaryError('RELEASE_STATE', state.reason, { hint: state.hint });
      }
      if (state.kind === 'aborted') {
        const rolledBack = await this.#rollback(position, 'abort', []);
        await approval.settle(
          proposal,
          `${state.reason}: rolled back in ${rolledBack.lastCommit.sha.slice(0, 7)}`,
        );
        await this.#afterRollback(rolledBack);
        return this.#done(
          'aborted',
          `${state.reason}; rolled back to ${progress.stableImage ?? 'stable'}`,
          rolledBack,
        );
      }
      if (state.via === 'merge') {
        // Merge commits and rebases bring the step's trailers to the branch: the loop's next read
        // finds the step done and syncs what landed. A squash may have rewritten the message: then
        // a marker commit with the step's trailers says so (the files already hold the change).
        const landed = await this.#read();
        if (landed?.progress.lastCommit.sha !== progress.lastCommit.sha) return undefined;
        await this.#writer.commit(progress, { ...request, promotedBy: state.by });
        return undefined;
      }
      // `/gitcanary promote`: the step is committed as gitcanary would have, by whom the comment says.
      const committed = await this.#writer.commit(progress, { ...request, promotedBy: state.by });
      return this.#syncedOrRolledBack(committed, index);
    }
  }

  /** The proposal of step `index`'s commit, made from where the release stands (`position`). */
  #proposal(position: Position, index: number): { proposal: StepProposal; request: CommitRequest } {
    const { progress } = position;
    const request = this.#stepRequest(position, index);
    const images = imagesOf(progress);
    const proposal: StepProposal = {
      release: this.#plan.name,
      releaseId: progress.releaseId,
      index,
      total: this.total,
      base: this.#plan.branch,
      title: proposalTitle(this.#plan.name, this.#plan.steps, progress.stepIndex, index, images),
      push: async (branch) =>
        (await this.#writer.commit(progress, request, { pushTo: branch })).lastCommit.sha,
      body: async (sha) => {
        // The pushed commit against its parent, the branch's tip it was built on.
        const diff = (await this.#deps.repo.diff?.(`${sha}~1`, sha)) ?? '';
        return renderFile(
          'pull-request',
          proposalView({
            name: this.#plan.name,
            steps: this.#plan.steps,
            progress,
            index,
            images,
            evidence: request.gates,
            diff,
          }),
        );
      },
      inspect: (branch) => this.#inspectProposal(branch, request.state, index),
    };
    return { proposal, request };
  }

  /**
   * After the release moved on: the change request of the step its newest commit made, if one
   * carried it, is closed or cleaned up; when it was merged, the reconciler must apply what
   * landed (the branch's tip: a merge commit or a squash) before anything else happens.
   */
  async #settleProposal(position: Position): Promise<ReleaseResult | undefined> {
    const approval = this.#deps.approval;
    const { progress } = position;
    if (approval === undefined || progress.action === 'finish') return undefined;
    if (progress.action === 'abort' || progress.action === 'rollback') {
      // Ended from elsewhere (`gitcanary abort`, a failed gate): the change request waiting is closed.
      const pending = pendingProposal(this.#plan.steps, progress.stepIndex, approval.everyStep);
      if (pending !== undefined) {
        await approval.settle(
          this.#proposal(position, pending).proposal,
          `the release ended with ${progress.action} in ${progress.lastCommit.sha.slice(0, 7)}`,
        );
      }
      return undefined;
    }
    const index = progress.stepIndex;
    if (!isProposed(this.#plan.steps, index, approval.everyStep)) return undefined;
    const settled = await approval.settle(
      this.#proposal(position, index).proposal,
      `step ${index}/${this.total} is in ${this.#plan.branch} (${progress.lastCommit.sha.slice(0, 7)}); the release goes on`,
    );
    if (settled !== undefined && 'refused' in settled) {
      throw new GitcanaryError('RELEASE_STATE', settled.refused.reason, { hint: settled.refused.hint });
    }
    if (settled?.merged !== true) return undefined;
    this.#deps.reporter.event({
      type: 'pull-request',
      action: 'approved',
      reference: settled.reference,
      url: settled.url,
      index,
      message: settled.reason,
    });
    const tip = (await this.#deps.repo.remoteTip?.()) ?? progress.lastCommit.sha;
    return this.#syncedOrRolledBack({ ...progress, lastCommit: { ...progress.lastCommit, sha: tip } }, index);
  }

  /** Whether a change request's branch still holds what step `index` writes (a person pushed to it). */
  async #inspectProposal(
    branch: string,
    state: ReturnType<typeof stateAt>,
    index: number,
  ): Promise<{ isStepChange: boolean; differences: string[] }> {
    // A forge may delete a merged branch; then what landed on the release's branch is checked.
    const checkout =
      (await this.#deps.repo.checkoutBranch?.(branch)) ??
      (await this.#deps.repo.checkoutBranch?.(this.#plan.branch));
    if (checkout === undefined) return { isStepChange: false, differences: [`branch ${branch} is gone`] };
    try {
      const tree = await loadTargetTree(this.#plan.targets, checkout.root);
      const changes = applyState(this.#plan.targets, tree, state).changedFrom(tree);
      return {
        isStepChange: changes.length === 0,
        differences: changes.map((change) => `${change.file} does not say what step ${index} writes`),
      };
    } catch (error) {
      return { isStepChange: false, differences: [error instanceof Error ? error.message : String(error)] };
    } finally {
      await checkout.dispose();
    }
  }

  /** The rollback commit with the evidence since the last commit and `gates`, then the post-rollout hooks. */
  async #rollBackFor(
    position: Position,
    gates: GateEvidence[],
    why: string,
    failedCheck = false,
  ): Promise<ReleaseResult> {
    const { progress } = position;
    const rolledBack = await this.#rollback(position, 'rollback', gates, failedCheck);
    await this.#afterRollback(rolledBack);
    return this.#done('rolledBack', `${why}; rolled back to ${progress.stableImage ?? 'stable'}`, rolledBack);
  }

  /**
   * Steps after the promote commit only notify (Flagger's post-rollout webhooks): the release is
   * promoted whatever they answer, so their verdicts are reported and not acted on.
   */
  async #afterPromotion(promoteIndex: number, progress: ReleaseProgress): Promise<void> {
    for (let index = promoteIndex + 1; index <= this.total; index++) {
      const step = this.#plan.steps[index - 1]!;
      if (step.kind !== 'analysis') continue;
      this.#deps.reporter.event({
        type: 'step',
        index,
        total: this.total,
        summary: `${step.summary} (after promotion)`,
      });
      // Flagger calls post-rollout hooks with the phase Succeeded; their verdicts are noted, not acted on.
      const results = await this.#gates.evaluate(step.gates, this.#gateContext(progress, index, 'Succeeded'));
      await this.#record(progress, {
        step: index,
        at: this.#clock.now().toISOString(),
        verdict: 'pass',
        gates: results.map(evidenceOf),
      });
    }
  }

  /**
   * Flagger calls post-rollout hooks after a rollback too, with the phase Failed: the notifying
   * gates among the steps after promotion are called, to notify only.
   */
  async #afterRollback(progress: ReleaseProgress): Promise<void> {
    const promoteAt = this.#plan.steps.findIndex((step) => step.kind === 'promote');
    if (promoteAt < 0) return;
    const names: string[] = [];
    for (const step of this.#plan.steps.slice(promoteAt + 1)) {
      if (step.kind !== 'analysis') continue;
      for (const name of step.gates) if ((await this.#gates.effect(name)) === 'notify') names.push(name);
    }
    if (names.length === 0) return;
    const results = await this.#gates.evaluate(
      names,
      this.#gateContext(progress, progress.stepIndex, 'Failed'),
    );
    // Noted on the rollback commit, not acted on: every verdict lands in Git.
    await this.#record(progress, {
      step: progress.stepIndex,
      at: this.#clock.now().toISOString(),
      verdict: 'pass',
      gates: results.map(evidenceOf),
    });
  }

  /** After promotion: a last commit if targets restore anything (e.g. the Rollout's own steps). */
  async #finish(
    progress: ReleaseProgress,
    targets?: readonly BoundTarget[],
    note = '',
  ): Promise<ReleaseResult> {
    const finished = await this.#finishCommit(progress, targets);
    return this.#done('promoted', `${progress.image} promoted${note}`, finished);
  }

  /** The finish commit, when the targets have anything to restore; else `progress` unchanged. */
  async #finishCommit(progress: ReleaseProgress, targets?: readonly BoundTarget[]): Promise<ReleaseProgress> {
    return this.#writer.commit(progress, {
      ...(targets ? { targets } : {}),
      index: this.total,
      state: finishedState(imagesOf(progress)),
      action: 'finish',
      summary: `finish release of ${progress.image}`,
      gates: [],
      failedChecks: progress.failedChecks,
    });
  }

  /**
   * Waits until the reconciler applied the last commit; when it did not, commits the rollback and
   * returns the result. Also after the start commit: no gate sees the candidate before it runs, as
   * Flagger checks `canaryController.IsCanaryReady` before `runPreRolloutHooks`
   * (fluxcd/flagger pkg/controller/scheduler.go, advanceCanary).
   */
  async #syncedOrRolledBack(progress: ReleaseProgress, index: number): Promise<ReleaseResult | undefined> {
    const watched = await this.#watching(progress, (clock, signal) =>
      this.#waitForSync(progress, index, clock, signal),
    );
    // Another process ended the release while it synced: stop; moved it on: the caller reads again.
    if ('seen' in watched) return watched.seen.kind === 'stop' ? this.#stopped(watched.seen) : undefined;
    const synced = watched.answer;
    if (synced.verdict === 'pass') return undefined;
    const next = await this.#rollback({ progress, passes: [] }, 'rollback', [evidenceOf(synced)]);
    await this.#afterRollback(next);
    return this.#done(
      'rolledBack',
      `sync of ${progress.lastCommit.sha.slice(0, 7)} failed; rolled back`,
      next,
    );
  }

  async #waitForSync(
    progress: ReleaseProgress,
    index: number,
    clock: Clock,
    signal: AbortSignal,
  ): Promise<GateResult> {
    const sync = this.#plan.sync;
    const pass: GateResult = {
      gate: 'sync',
      kind: 'sync',
      verdict: 'pass',
      message: 'no sync configured',
      measurements: [],
    };
    if (sync === undefined) return pass;
    if ('delayMs' in sync) {
      this.#deps.reporter.event({ type: 'wait', reason: `reconciler delay ${sync.delayMs}ms` });
      await clock.sleep(sync.delayMs, signal);
      return { ...pass, message: `waited ${sync.delayMs}ms` };
    }
    const gate = await this.#deps.createGate('sync', sync.gate);
    const result = await gate.evaluate({
      ...this.#gateContext(progress, index, 'Progressing'),
      clock,
      signal,
    });
    throwIfInterrupted(signal);
    this.#deps.reporter.event({ type: 'gate', result });
    return result;
  }

  #gateContext(progress: ReleaseProgress, index: number, phase = 'Progressing'): GateContext {
    return {
      releaseName: this.#plan.name,
      namespace: this.#plan.namespace,
      commit: progress.lastCommit.sha,
      branch: this.#plan.branch,
      stepIndex: index,
      canaryWeight: progress.weight,
      canaryImage: progress.image,
      stableImage: progress.stableImage,
      canaryService: this.#plan.canaryService,
      stableService: this.#plan.stableService,
      route: this.#plan.route,
      baselineWorkload: this.#plan.baselineWorkload,
      baselineTraffic: this.#plan.baselineTraffic,
      phase,
      variables: this.#plan.variables,
      cwd: this.#plan.configDir,
      repoRoot: this.#deps.repo.root,
      signal: this.#signal,
      clock: this.#clock,
      progress: (message) => this.#deps.reporter.event({ type: 'progress', message }),
    };
  }

  async #rollback(
    position: Position,
    action: 'rollback' | 'abort',
    gates: readonly GateEvidence[],
    failedCheck = false,
    targets?: readonly BoundTarget[],
  ): Promise<ReleaseProgress> {
    const { progress } = position;
    const images = imagesOf(progress);
    const current = stateAt(this.#plan.steps, progress.stepIndex, images);
    const request: CommitRequest = {
      index: progress.stepIndex,
      state: rolledBackState(current, images, action === 'abort' ? 'RolledBack' : 'Failed'),
      action,
      summary:
        action === 'abort' ? `abort canary of ${progress.image}` : `roll back canary of ${progress.image}`,
      gates: [...position.passes.flatMap((pass) => pass.gates), ...gates],
      allowEmpty: true,
      failedChecks: failedChecks(position) + (failedCheck ? 1 : 0),
      ...(targets ? { targets } : {}),
    };
    return this.#writer.commit(progress, request);
  }

  async #observe(): Promise<Observation> {
    return observeImages(this.#plan.targets, await loadTargetTree(this.#plan.targets, this.#deps.repo.root));
  }

  #announce(progress: ReleaseProgress, action: 'resume'): void {
    this.#deps.reporter.event({
      type: 'release',
      action,
      release: this.#plan.name,
      releaseId: progress.releaseId,
      image: progress.image,
      steps: this.total,
      message: `at step ${progress.stepIndex}/${progress.total}, weight ${progress.weight}%`,
    });
  }

  async #finishedResult(progress: ReleaseProgress): Promise<ReleaseResult> {
    if (progress.action === 'promote') {
      // A run stopped between the promote and the finish commit: finish now.
      const finished = await this.#finishCommit(progress);
      if (finished !== progress) return this.#done('promoted', `${progress.image} promoted`, finished);
    }
    if (progress.action === 'finish' || progress.action === 'promote')
      return this.#done('noop', `${progress.image} is already promoted`, progress);
    return this.#done(
      progress.action === 'abort' ? 'aborted' : 'rolledBack',
      `the release of ${progress.image} ended with ${progress.action}; push a new image to try again`,
      progress,
    );
  }

  #done(outcome: Outcome, message: string, progress: ReleaseProgress | undefined): ReleaseResult {
    const exitCode = EXIT_CODES[outcome];
    this.#deps.reporter.event({ type: 'done', outcome, exitCode, message });
    return { outcome, exitCode, message, progress };
  }
}

/** `step 3 (analysis smoke), due now` — where nextAction says the release is, for messages. */
function describeNext(next: Next, steps: ReadonlyArray<{ summary: string }>): string {
  if (!('index' in next)) return next.kind === 'done' ? 'its end' : 'a rollback';
  const step = `step ${next.index} (${steps[next.index - 1]?.summary ?? '?'})`;
  if (next.kind === 'wait') return `${step}, waiting until ${next.until.toISOString()}`;
  if (next.kind === 'analysis') return `${step}, which has not run yet`;
  return step;
}

function imagesOf(progress: ReleaseProgress): ReleaseImages {
  return {
    canaryImage: progress.image,
    stableImage: progress.stableImage,
    previousCanaryImage: progress.previousCanaryImage,
    baselineScale: progress.baselineScale,
  };
}

export type { HistoryCommit };

/** Rounds of "another process committed first, read again" before giving up (each is real progress). */
const MAX_REREADS = 20;

function isTipMoved(error: unknown): boolean {
  return isGitcanaryError(error) && error.code === 'GIT_TIP_MOVED';
}

function drivenOf(progress: ReleaseProgress): Driven {
  return { releaseId: progress.releaseId, image: progress.image, newest: progress.lastCommit.sha };
}
