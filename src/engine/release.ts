import { createHash } from 'node:crypto';
import { GitcanaryError } from '../errors.js';
import type { GateContext, GateResult } from '../gates/types.js';
import type { Outcome } from '../report/events.js';
import { type Clock, sleepUntil, systemClock } from '../shared/clock.js';
import type { Observation } from '../targets/types.js';
import { loadTargetTree, observeImages } from './apply.js';
import { type CommitRequest, ReleaseWriter } from './commit.js';
import { GateRunner, throwIfInterrupted } from './gating.js';
import { confirmationInterval, nextAction, promotablePause } from './next.js';
import { planTrees } from './plan.js';
import {
  type HistoryCommit,
  isFinished,
  type ReleaseProgress,
  readOwnProgress,
  targetsFingerprint,
} from './progress.js';
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
   * `promote`: skip the current pause (like `kubectl argo rollouts promote`); `--full` skips every
   * remaining step and promotes now.
   */
  async promote(full: boolean): Promise<ReleaseResult> {
    const progress = await this.#active();
    if (full) {
      const images = imagesOf(progress);
      const state = promotedState(stateAt(this.#plan.steps, progress.stepIndex, images), images);
      const next = await this.#writer.commit(progress, {
        index: this.total,
        state,
        action: 'promote',
        summary: 'promote (full)',
        gates: [],
      });
      return this.#finish(next);
    }
    this.#assertSamePlan(progress);
    const pauseIndex = promotablePause(this.#plan.steps, progress, this.#clock.now());
    if (pauseIndex === undefined) {
      throw new GitcanaryError('RELEASE_STATE', `step ${progress.stepIndex + 1} is not a pause`, {
        hint: 'use `promote --full` to skip every remaining step',
      });
    }
    // The pause passes by a marker commit: Git records who let the release go on, and when.
    const images = imagesOf(progress);
    const next = await this.#writer.commit(progress, {
      index: pauseIndex,
      state: stateAt(this.#plan.steps, pauseIndex, images),
      action: 'resume',
      summary: `resume after ${this.#plan.steps[pauseIndex - 1]!.summary}`,
      gates: [],
      allowEmpty: true,
    });
    return this.#done('stepped', `resumed after step ${pauseIndex}`, next);
  }

  /** `abort`: one rollback commit, stable-only traffic. */
  async abort(): Promise<ReleaseResult> {
    const progress = await this.#active();
    const next = await this.#rollback(progress, 'abort', []);
    return this.#done(
      'aborted',
      `aborted release of ${progress.image}; traffic is back on ${progress.stableImage ?? 'stable'}`,
      next,
    );
  }

  async #active(): Promise<ReleaseProgress> {
    await recoverUnpushed(this.#deps.repo, this.#deps.reporter);
    const progress = await this.progress();
    if (progress === undefined || isFinished(progress)) {
      throw new GitcanaryError('RELEASE_STATE', 'no release in progress', {
        hint: progress
          ? `the last release (${progress.image}) ended with ${progress.action}`
          : 'start one with `run --image`',
      });
    }
    return progress;
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
    planTrees(this.#plan, await loadTargetTree(this.#plan.targets, this.#deps.repo.root), images);
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
    });
  }

  /**
   * The state machine: ask nextAction what happens next, do it, and ask again, until the release
   * ends, waits for a person, or (`step`) made its one commit or must wait.
   */
  async #advance(start: ReleaseProgress, once: boolean): Promise<ReleaseResult> {
    let progress = start;
    let evidence: GateResult[] = [];
    const passed = new Set<number>();
    // The step events already printed since the last commit (a step is announced once per visit).
    let announced = progress.stepIndex;
    const announce = (through: number): void => {
      for (let index = announced + 1; index <= through; index++) {
        this.#deps.reporter.event({
          type: 'step',
          index,
          total: this.total,
          summary: this.#plan.steps[index - 1]!.summary,
        });
      }
      announced = Math.max(announced, through);
    };
    for (;;) {
      const next = nextAction(this.#plan.steps, { progress, passed }, this.#clock.now());
      if (next.kind === 'done') return this.#finish(progress);
      announce(next.index);
      if (next.kind === 'paused') {
        return this.#done(
          'paused',
          `paused at step ${next.index}/${this.total} until \`gitcanary promote\``,
          progress,
        );
      }
      if (next.kind === 'wait') {
        const step = this.#plan.steps[next.index - 1]!;
        this.#deps.reporter.event({ type: 'wait', reason: step.summary, until: next.until.toISOString() });
        if (once) return this.#done('waiting', `pause until ${next.until.toISOString()}`, progress);
        await sleepUntil(this.#clock, next.until, this.#signal);
        continue;
      }
      if (next.kind === 'analysis') {
        const step = this.#plan.steps[next.index - 1]!;
        if (step.kind !== 'analysis')
          throw new GitcanaryError('INTERNAL', `step ${next.index} is not an analysis`);
        const pass = await this.#gates.pass(step.gates, this.#gateContext(progress, next.index));
        if (pass.verdict === 'wait') {
          // Flagger's confirm-* webhooks answer "not yet" with a non-2xx status; Flagger asks again
          // every analysis interval until one answers 2xx.
          const ms = confirmationInterval(this.#plan.steps, next.index);
          const until = new Date(this.#clock.now().getTime() + ms);
          this.#deps.reporter.event({
            type: 'wait',
            reason: `confirmation webhooks at step ${next.index}`,
            until: until.toISOString(),
          });
          if (once)
            return this.#done('waiting', `step ${next.index} waits for its confirmation webhooks`, progress);
          await this.#clock.sleep(ms, this.#signal);
          announced = next.index - 1; // asked again: announce it again
          continue;
        }
        evidence = [...evidence, ...pass.results];
        if (pass.verdict === 'fail' || pass.verdict === 'rollback') {
          const rolledBack = await this.#rollback(progress, 'rollback', evidence);
          await this.#afterRollback(rolledBack);
          return this.#done(
            'rolledBack',
            `gate failed at step ${next.index}/${this.total}; rolled back to ${progress.stableImage ?? 'stable'}`,
            rolledBack,
          );
        }
        if (pass.verdict === 'inconclusive') {
          // A gate that cannot be evaluated never passes: hold here, as Argo Rollouts pauses on Inconclusive.
          return this.#done(
            'paused',
            `analysis at step ${next.index} is inconclusive; \`gitcanary promote\` to go on or \`abort\``,
            progress,
          );
        }
        passed.add(next.index);
        continue;
      }
      const step = this.#plan.steps[next.index - 1]!;
      progress = await this.#writer.commit(progress, {
        index: next.index,
        state: stateForStep(this.#plan.steps, next.index, imagesOf(progress)),
        action: step.kind === 'promote' ? 'promote' : 'step',
        summary: step.summary,
        gates: evidence,
        allowEmpty: true,
      });
      evidence = [];
      passed.clear();
      const unsynced = await this.#syncedOrRolledBack(progress, next.index);
      if (unsynced) return unsynced;
      if (step.kind === 'promote') {
        await this.#afterPromotion(next.index, progress);
        return this.#finish(progress);
      }
      if (once) return this.#done('stepped', `step ${next.index}/${this.total} committed`, progress);
    }
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
      // Flagger calls post-rollout hooks with the phase Succeeded.
      await this.#gates.evaluate(step.gates, this.#gateContext(progress, index, 'Succeeded'));
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
    if (names.length > 0)
      await this.#gates.evaluate(names, this.#gateContext(progress, progress.stepIndex, 'Failed'));
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
    const next = await this.#rollback(progress, 'rollback', [synced]);
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
      phase,
      variables: this.#plan.variables,
      cwd: this.#plan.configDir,
      signal: this.#signal,
      clock: this.#clock,
      progress: (message) => this.#deps.reporter.event({ type: 'progress', message }),
    };
  }

  async #rollback(
    progress: ReleaseProgress,
    action: 'rollback' | 'abort',
    evidence: GateResult[],
  ): Promise<ReleaseProgress> {
    const images = imagesOf(progress);
    const current = stateAt(this.#plan.steps, progress.stepIndex, images);
    const request: CommitRequest = {
      index: progress.stepIndex,
      state: rolledBackState(current, images, action === 'abort' ? 'RolledBack' : 'Failed'),
      action,
      summary:
        action === 'abort' ? `abort canary of ${progress.image}` : `roll back canary of ${progress.image}`,
      gates: evidence,
      allowEmpty: true,
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

function imagesOf(progress: ReleaseProgress): ReleaseImages {
  return {
    canaryImage: progress.image,
    stableImage: progress.stableImage,
    previousCanaryImage: progress.previousCanaryImage,
    baselineScale: progress.baselineScale,
  };
}

export type { HistoryCommit };
