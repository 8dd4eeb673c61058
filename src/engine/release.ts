import { createHash } from 'node:crypto';
import { GitcanaryError } from '../errors.js';
import type { GateContext, GateResult } from '../gates/types.js';
import type { Outcome } from '../report/events.js';
import { type Clock, sleepUntil, systemClock } from '../shared/clock.js';
import type { Observation } from '../targets/types.js';
import { loadTargetTree, observeImages } from './apply.js';
import { type CommitRequest, ReleaseWriter } from './commit.js';
import { GateRunner, throwIfInterrupted } from './gating.js';
import { failedChecks, isCheckPass, type Next, nextAction, type Position, retryInterval } from './next.js';
import { checkPlannedTrees } from './plan.js';
import {
  type HistoryCommit,
  isFinished,
  type ReleaseProgress,
  readOwnProgress,
  targetsFingerprint,
} from './progress.js';
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
  type EngineDeps,
  EXIT_CODES,
  type ReleaseInput,
  type ReleaseResult,
  type RunOptions,
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

  constructor(plan: ReleaseInput, deps: EngineDeps) {
    this.#plan = plan;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#signal = deps.signal ?? new AbortController().signal;
    this.#fingerprint = targetsFingerprint(plan.targets);
    this.#writer = new ReleaseWriter(plan, deps.repo, deps.reporter, this.#fingerprint);
    this.#gates = new GateRunner(plan.gates, deps.createGate, deps.reporter);
  }

  get total(): number {
    return this.#plan.steps.length;
  }

  /** Where the release stands, from the commit trailers. */
  async progress(): Promise<ReleaseProgress | undefined> {
    const history = await this.#deps.repo.releaseHistory(this.#plan.name, { limit: 200 });
    return readOwnProgress(history, this.#plan.name, this.#fingerprint);
  }

  /** `run` (whole release) and `step` (at most one commit). */
  async run(options: RunOptions): Promise<ReleaseResult> {
    const recovered = await recoverUnpushed(this.#deps.repo, this.#deps.reporter);
    let progress = await this.progress();
    const image = options.image;
    if (recovered && progress && !isFinished(progress) && (image === undefined || image === progress.image)) {
      // The pushed commit is the step the interrupted run made: wait for its sync as that run would
      // have, and in `step` mode it is this call's one commit.
      const unsynced = await this.#syncedOrRolledBack(progress, progress.stepIndex);
      if (unsynced) return unsynced;
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
    return this.#advance(progress, options.once);
  }

  /**
   * `promote`, as `kubectl argo rollouts promote`: ends the pause the release is in — indefinite or
   * timed — or lets it go on past an analysis that ran and was inconclusive; it never skips an
   * analysis that has not run. The resume commit carries the evidence recorded since the last commit
   * and who promoted (`by`). `--full` skips every remaining step and promotes now, in one commit.
   */
  async promote(full: boolean, by?: string): Promise<ReleaseResult> {
    const position = await this.#activePosition();
    const { progress, passes } = position;
    const evidence = passes.flatMap((pass) => pass.gates);
    if (full) {
      const images = imagesOf(progress);
      const state = promotedState(stateAt(this.#plan.steps, progress.stepIndex, images), images);
      const next = await this.#writer.commit(progress, {
        index: this.total,
        state,
        action: 'promote',
        summary: 'promote (full)',
        gates: evidence,
        failedChecks: failedChecks(position),
        promotedBy: by,
      });
      return this.#finish(next);
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
    const position = await this.#activePosition();
    const { progress } = position;
    const next = await this.#rollback(position, 'abort', []);
    return this.#done(
      'aborted',
      `aborted release of ${progress.image}; traffic is back on ${progress.stableImage ?? 'stable'}`,
      next,
    );
  }

  async #activePosition(): Promise<Position> {
    await recoverUnpushed(this.#deps.repo, this.#deps.reporter);
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
  async #advance(start: ReleaseProgress, once: boolean): Promise<ReleaseResult> {
    // The last step announced since the newest commit (a step is announced once per visit).
    let announced = start.stepIndex;
    let newest = start.lastCommit.sha;
    for (;;) {
      const position = await this.#read();
      if (position === undefined || isFinished(position.progress)) {
        return this.#finishedResult(position?.progress ?? start);
      }
      const { progress } = position;
      if (progress.releaseId !== start.releaseId) {
        throw new GitcanaryError(
          'RELEASE_STATE',
          `the release of ${start.image} was superseded by ${progress.image} while this run went on; nothing more was committed for ${start.image}`,
          { hint: 'the newer release goes on with `gitcanary run` or `gitcanary step`' },
        );
      }
      if (progress.lastCommit.sha !== newest) {
        newest = progress.lastCommit.sha;
        announced = progress.stepIndex;
      }
      const next = nextAction(this.#plan, position, this.#clock.now());
      if (next.kind === 'done') return this.#finish(progress);
      if (next.kind === 'rollback') {
        return this.#rollBackFor(
          position,
          [],
          `${next.failedChecks} failed checks reached the threshold ${next.threshold}`,
        );
      }
      // The step acted on now (steps already done — a passed analysis, an elapsed pause — are not).
      if (announced < next.index) {
        announced = next.index;
        this.#deps.reporter.event({
          type: 'step',
          index: next.index,
          total: this.total,
          summary: this.#plan.steps[next.index - 1]!.summary,
        });
      }
      if (next.kind === 'paused') {
        const message =
          next.reason === 'pause'
            ? `paused at step ${next.index}/${this.total} until \`gitcanary promote\``
            : `analysis at step ${next.index} is inconclusive; \`gitcanary promote\` to go on or \`abort\``;
        return this.#done('paused', message, progress);
      }
      if (next.kind === 'wait') {
        const step = this.#plan.steps[next.index - 1]!;
        const reason =
          next.reason === 'pause'
            ? step.summary
            : `failed check ${failedChecks(position)}/${this.#plan.checks?.threshold ?? 1} at step ${next.index}: the weight holds until the next check`;
        this.#deps.reporter.event({ type: 'wait', reason, until: next.until.toISOString() });
        if (once) {
          const message =
            next.reason === 'pause'
              ? `pause until ${next.until.toISOString()}`
              : `step ${next.index} checks again at ${next.until.toISOString()}`;
          return this.#done('waiting', message, progress);
        }
        await sleepUntil(this.#clock, next.until, this.#signal);
        continue;
      }
      if (next.kind === 'analysis') {
        const outcome = await this.#analyse(position, next.index, once);
        if (outcome === 'again') announced = next.index - 1;
        else if (outcome !== undefined) return outcome;
        continue;
      }
      const committed = await this.#commitStep(position, next.index);
      if ('outcome' in committed) return committed;
      if (once) return this.#done('stepped', `step ${next.index}/${this.total} committed`, committed);
    }
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
    const pass = await this.#gates.pass(step.gates, this.#gateContext(progress, index), { checks });
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
      await sleepUntil(this.#clock, until, this.#signal);
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
    const progress = await this.#writer.commit(position.progress, {
      index,
      state: stateForStep(this.#plan.steps, index, imagesOf(position.progress)),
      action: step.kind === 'promote' ? 'promote' : 'step',
      summary: step.summary,
      gates: position.passes.flatMap((pass) => pass.gates),
      allowEmpty: true,
      ...(step.kind === 'promotePrimary' || step.kind === 'shift' ? { phase: 'Promoting' as const } : {}),
      failedChecks: failedChecks(position),
    });
    const unsynced = await this.#syncedOrRolledBack(progress, index);
    if (unsynced) return unsynced;
    if (step.kind !== 'promote') return progress;
    await this.#afterPromotion(index, progress);
    return this.#finish(progress);
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
    const names = this.#plan.steps
      .slice(promoteAt + 1)
      .flatMap((step) => (step.kind === 'analysis' ? step.gates : []))
      .filter((name) => this.#gates.effect(name) === 'notify');
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
  async #finish(progress: ReleaseProgress): Promise<ReleaseResult> {
    return this.#done('promoted', `${progress.image} promoted`, await this.#finishCommit(progress));
  }

  /** The finish commit, when the targets have anything to restore; else `progress` unchanged. */
  async #finishCommit(progress: ReleaseProgress): Promise<ReleaseProgress> {
    return this.#writer.commit(progress, {
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
   * returns the result. Also after the start commit: as Flagger waits for the canary to be ready
   * before pre-rollout hooks, no gate sees the candidate before it runs.
   */
  async #syncedOrRolledBack(progress: ReleaseProgress, index: number): Promise<ReleaseResult | undefined> {
    const synced = await this.#waitForSync(progress, index);
    if (synced.verdict === 'pass') return undefined;
    const next = await this.#rollback({ progress, passes: [] }, 'rollback', [evidenceOf(synced)]);
    await this.#afterRollback(next);
    return this.#done(
      'rolledBack',
      `sync of ${progress.lastCommit.sha.slice(0, 7)} failed; rolled back`,
      next,
    );
  }

  async #waitForSync(progress: ReleaseProgress, index: number): Promise<GateResult> {
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
      await this.#clock.sleep(sync.delayMs, this.#signal);
      return { ...pass, message: `waited ${sync.delayMs}ms` };
    }
    const result = await this.#deps
      .createGate('sync', sync.gate)
      .evaluate(this.#gateContext(progress, index, 'Progressing'));
    throwIfInterrupted(this.#signal);
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
