import { createHash } from 'node:crypto';
import { summarizeStep } from '../config/index.js';
import { GitcanaryError } from '../errors.js';
import { parseDuration } from '../gates/duration.js';
import type { WebhookType } from '../gates/schemas.js';
import { type Gate, type GateContext, type GateResult, worstVerdict } from '../gates/types.js';
import { webhookFiresAt } from '../gates/webhook.js';
import { writeTree } from '../manifests/index.js';
import type { Outcome, Reporter } from '../report/events.js';
import { renderTemplate } from '../report/templates.js';
import type { CanaryState, Observation, Target, TargetRole } from '../targets/types.js';
import { applyState, loadTargetTree, observeImages } from './apply.js';
import { planTrees } from './plan.js';
import {
  type HistoryCommit,
  isFinished,
  type ReleaseAction,
  type ReleaseProgress,
  readOwnProgress,
  TRAILER,
  targetsFingerprint,
} from './progress.js';
import {
  finishedState,
  imagesFromObservation,
  isCommitting,
  promotedState,
  type ReleaseImages,
  type ReleaseStep,
  rolledBackState,
  startState,
  stateAt,
  stateForStep,
} from './state.js';

// The engine is the only place that sequences side effects: write manifests, commit, push, wait for
// the reconciler, evaluate gates, and move on or roll back. Everything it decides comes from the
// plan and from the release's commits, so any process can pick the release up where it stands.

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
  steps: ReleaseStep[];
  gates: Record<string, unknown>;
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
}

export interface Clock {
  now(): Date;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms, signal) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(signal.reason);
      });
    }),
};

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

export class ReleaseEngine {
  readonly #plan: ReleaseInput;
  readonly #deps: EngineDeps;
  readonly #clock: Clock;
  readonly #signal: AbortSignal;
  readonly #fingerprint: string;

  constructor(plan: ReleaseInput, deps: EngineDeps) {
    this.#plan = plan;
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#signal = deps.signal ?? new AbortController().signal;
    this.#fingerprint = targetsFingerprint(plan.targets);
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
    const recovered = await this.#recover();
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
      const next = await this.#commit(progress, {
        index: this.total,
        state,
        action: 'promote',
        summary: 'promote (full)',
        gates: [],
      });
      return this.#finish(next);
    }
    this.#assertSamePlan(progress);
    const pauseIndex = this.#currentPause(progress);
    if (pauseIndex === undefined) {
      throw new GitcanaryError('RELEASE_STATE', `step ${progress.stepIndex + 1} is not a pause`, {
        hint: 'use `promote --full` to skip every remaining step',
      });
    }
    // The pause passes by a marker commit: Git records who let the release go on, and when.
    const images = imagesOf(progress);
    const next = await this.#commit(progress, {
      index: pauseIndex,
      state: stateAt(this.#plan.steps, pauseIndex, images),
      action: 'resume',
      summary: `resume after ${summarizeStep(this.#plan.steps[pauseIndex - 1]!)}`,
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

  /**
   * A run killed between commit and push leaves its commit in the working copy: its gates had
   * passed, so push it; if the branch moved meanwhile, drop it and let the step be done again.
   * Fetches first: the history (and the tree `start` observes) must be the remote's, not what a
   * workdir last fetched. True when a left commit was pushed.
   */
  async #recover(): Promise<boolean> {
    const repo = this.#deps.repo;
    await repo.fetch?.();
    const unpushed = (await repo.unpushedCommits?.()) ?? [];
    if (unpushed.length === 0) {
      await repo.resetToRemote?.();
      return false;
    }
    try {
      const sha = await repo.pushUnpushed!();
      this.#deps.reporter.event({
        type: 'progress',
        message: `pushed ${unpushed.length} commit(s) left by an interrupted run, up to ${sha.slice(0, 7)}`,
      });
      return true;
    } catch (error) {
      // Only a lost race drops them: a network or auth failure must not lose a step's commit.
      if (!(error instanceof GitcanaryError && error.code === 'GIT_PUSH_CONFLICT')) throw error;
      await repo.resetToRemote!();
      this.#deps.reporter.event({
        type: 'progress',
        message: `dropped ${unpushed.length} unpushed commit(s) of an interrupted run: the branch moved`,
      });
      return false;
    }
  }

  async #active(): Promise<ReleaseProgress> {
    await this.#recover();
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

  /**
   * The 1-based index of the indefinite pause the release waits at; with none before the next
   * commit, the last analysis it can have reached (an inconclusive analysis pauses the release and
   * leaves no commit to say which one; a timed pause still running is never skipped with the
   * analyses after it). Undefined when there is nothing to go on past.
   */
  #currentPause(progress: ReleaseProgress): number | undefined {
    let analysis: number | undefined;
    let pauseRunning = false;
    for (let index = progress.stepIndex + 1; index <= this.total; index++) {
      const step = this.#plan.steps[index - 1]!;
      if ('pause' in step) {
        const duration = step.pause?.duration;
        if (duration === undefined) return index;
        const ms = parseDuration(duration, `spec.steps[${index - 1}].pause.duration`);
        if (Date.parse(progress.lastCommit.time) + ms > this.#clock.now().getTime()) pauseRunning = true;
        continue;
      }
      if ('analysis' in step) {
        if (!pauseRunning) analysis = index;
        continue;
      }
      return analysis;
    }
    return analysis;
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
    return this.#commit(pseudo, {
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

  async #advance(start: ReleaseProgress, once: boolean): Promise<ReleaseResult> {
    let progress = start;
    let evidence: GateResult[] = [];
    let index = progress.stepIndex + 1;
    // Analysis and pauses after the last commit are re-evaluated when resuming: they left no commit.
    while (index <= this.total) {
      const step = this.#plan.steps[index - 1]!;
      this.#deps.reporter.event({ type: 'step', index, total: this.total, summary: summarizeStep(step) });
      if ('pause' in step) {
        const waited = await this.#pause(progress, step.pause?.duration, index, once);
        if (waited) return waited;
        index++;
        continue;
      }
      if ('analysis' in step) {
        const results = await this.#evaluate(step.analysis.gates, progress, index);
        const verdict = worstVerdict(results.map((r) => r.verdict));
        if (verdict === 'inconclusive' && this.#onlyConfirmationsPending(step.analysis.gates, results)) {
          const waiting = await this.#awaitConfirmation(progress, index, once);
          if (waiting) return waiting;
          continue; // ask the confirm-* webhooks again
        }
        evidence = [...evidence, ...results];
        if (verdict === 'fail') {
          const next = await this.#rollback(progress, 'rollback', evidence);
          await this.#afterRollback(next);
          return this.#done(
            'rolledBack',
            `gate failed at step ${index}/${this.total}; rolled back to ${progress.stableImage ?? 'stable'}`,
            next,
          );
        }
        if (verdict === 'inconclusive') {
          // A gate that cannot be evaluated never passes: hold here, as Argo Rollouts pauses on Inconclusive.
          return this.#done(
            'paused',
            `analysis at step ${index} is inconclusive; \`gitcanary promote\` to go on or \`abort\``,
            progress,
          );
        }
        index++;
        continue;
      }
      const images = imagesOf(progress);
      const state = stateForStep(this.#plan.steps, index, images);
      const committed = await this.#commit(progress, {
        index,
        state,
        action: 'promote' in step ? 'promote' : 'step',
        summary: summarizeStep(step),
        gates: evidence,
        allowEmpty: true,
      });
      evidence = [];
      progress = committed;
      const unsynced = await this.#syncedOrRolledBack(progress, index);
      if (unsynced) return unsynced;
      if ('promote' in step) {
        await this.#afterPromotion(index, progress);
        return this.#finish(progress);
      }
      if (once) return this.#done('stepped', `step ${index}/${this.total} committed`, progress);
      index++;
    }
    return this.#finish(progress);
  }

  /**
   * Steps after the promote commit only notify (Flagger's post-rollout webhooks): the release is
   * promoted whatever they answer, so their verdicts are reported and not acted on.
   */
  async #afterPromotion(promoteIndex: number, progress: ReleaseProgress): Promise<void> {
    for (let index = promoteIndex + 1; index <= this.total; index++) {
      const step = this.#plan.steps[index - 1]!;
      if (!('analysis' in step)) continue;
      this.#deps.reporter.event({
        type: 'step',
        index,
        total: this.total,
        summary: `${summarizeStep(step)} (after promotion)`,
      });
      // Flagger calls post-rollout hooks with the phase Succeeded.
      await this.#evaluate(step.analysis.gates, progress, index, 'Succeeded');
    }
  }

  /**
   * Flagger calls post-rollout hooks after a rollback too, with the phase Failed: the post-rollout
   * webhooks among the steps after promotion are called, to notify only.
   */
  async #afterRollback(progress: ReleaseProgress): Promise<void> {
    const promoteAt = this.#plan.steps.findIndex((step) => 'promote' in step);
    if (promoteAt < 0) return;
    const names = this.#plan.steps
      .slice(promoteAt + 1)
      .flatMap((step) => ('analysis' in step ? step.analysis.gates : []))
      .filter((name) => this.#webhookType(name) === 'post-rollout');
    if (names.length > 0) await this.#evaluate(names, progress, progress.stepIndex, 'Failed');
  }

  #webhookType(name: string): WebhookType | undefined {
    return (this.#plan.gates[name] as { webhook?: { type?: WebhookType } } | undefined)?.webhook?.type;
  }

  /**
   * Flagger's confirm-* webhooks answer "not yet" with a non-2xx status (an inconclusive verdict)
   * and Flagger asks again every analysis interval until one answers 2xx. True when they are all
   * that holds this analysis step (a failed gate still rolls back; any other inconclusive gate pauses).
   */
  #onlyConfirmationsPending(names: readonly string[], results: GateResult[]): boolean {
    const pending = names.filter((_, i) => results[i]?.verdict === 'inconclusive');
    return (
      pending.length > 0 &&
      pending.every((name) => {
        const type = this.#webhookType(name);
        return type !== undefined && webhookFiresAt[type].effect === 'wait';
      })
    );
  }

  /**
   * `run` sleeps one interval, then the step is evaluated again; `step` exits `waiting` and the next
   * scheduled job asks again. The interval is that of the last timed pause before this step (the
   * Flagger expansion puts `pause: <interval>` before each check), else Flagger's default 60s.
   */
  async #awaitConfirmation(
    progress: ReleaseProgress,
    index: number,
    once: boolean,
  ): Promise<ReleaseResult | undefined> {
    let ms = 60_000;
    for (let before = index - 1; before >= 1; before--) {
      const step = this.#plan.steps[before - 1]!;
      if ('pause' in step && step.pause?.duration !== undefined) {
        ms = parseDuration(step.pause.duration, `spec.steps[${before - 1}].pause.duration`);
        break;
      }
    }
    const until = new Date(this.#clock.now().getTime() + ms).toISOString();
    this.#deps.reporter.event({ type: 'wait', reason: `confirmation webhooks at step ${index}`, until });
    if (once) return this.#done('waiting', `step ${index} waits for its confirmation webhooks`, progress);
    await this.#clock.sleep(ms, this.#signal);
    return undefined;
  }

  /** After promotion: a last commit if targets restore anything (e.g. the Rollout's own steps). */
  async #finish(progress: ReleaseProgress): Promise<ReleaseResult> {
    return this.#done('promoted', `${progress.image} promoted`, await this.#finishCommit(progress));
  }

  /** The finish commit, when the targets have anything to restore; else `progress` unchanged. */
  async #finishCommit(progress: ReleaseProgress): Promise<ReleaseProgress> {
    return this.#commit(progress, {
      index: this.total,
      state: finishedState(imagesOf(progress)),
      action: 'finish',
      summary: `finish release of ${progress.image}`,
      gates: [],
    });
  }

  /** Returns a result when the release must wait (or exit in step mode); undefined when the pause is over. */
  async #pause(
    progress: ReleaseProgress,
    duration: string | number | undefined,
    index: number,
    once: boolean,
  ): Promise<ReleaseResult | undefined> {
    if (duration === undefined) {
      return this.#done(
        'paused',
        `paused at step ${index}/${this.total} until \`gitcanary promote\``,
        progress,
      );
    }
    const ms = parseDuration(duration, `spec.steps[${index - 1}].pause.duration`);
    // Measured from the commit time so scheduled `step` jobs see the same deadline.
    const until = new Date(Date.parse(progress.lastCommit.time) + ms);
    const left = until.getTime() - this.#clock.now().getTime();
    if (left <= 0) return undefined;
    this.#deps.reporter.event({
      type: 'wait',
      reason: `pause ${describeDuration(duration)}`,
      until: until.toISOString(),
    });
    if (once) return this.#done('waiting', `pause until ${until.toISOString()}`, progress);
    await this.#clock.sleep(left, this.#signal);
    return undefined;
  }

  async #evaluate(
    names: readonly string[],
    progress: ReleaseProgress,
    index: number,
    phase = 'Progressing',
  ): Promise<GateResult[]> {
    const context = this.#gateContext(progress, index, phase);
    const results = await Promise.all(
      names.map(async (name) => {
        const config = this.#plan.gates[name];
        if (config === undefined) {
          throw new GitcanaryError('CONFIG_INVALID', `gate ${name} is not defined`, {
            field: `spec.gates.${name}`,
          });
        }
        try {
          return await this.#deps.createGate(name, config).evaluate(context);
        } catch (error) {
          if (error instanceof GitcanaryError && error.code === 'CONFIG_INVALID') throw error;
          return {
            gate: name,
            kind: 'unknown',
            verdict: 'inconclusive',
            message: `could not be evaluated: ${(error as Error).message}`,
            measurements: [],
          } satisfies GateResult;
        }
      }),
    );
    this.#throwIfInterrupted();
    for (const result of results) this.#deps.reporter.event({ type: 'gate', result });
    return results;
  }

  /** A gate cut short by SIGINT/SIGTERM says nothing about the canary: stop without committing. */
  #throwIfInterrupted(): void {
    if (!this.#signal.aborted) return;
    throw new GitcanaryError(
      'INTERRUPTED',
      'interrupted while waiting; nothing was committed for this step',
      {
        hint: 'run again (or `gitcanary step`) to resume from the Git history',
      },
    );
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
    this.#throwIfInterrupted();
    this.#deps.reporter.event({ type: 'gate', result });
    return result;
  }

  #gateContext(progress: ReleaseProgress, index: number, phase: string): GateContext {
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
      phase,
      variables: this.#plan.variables,
      cwd: this.#plan.configDir,
      repoRoot: this.#deps.repo.root,
      signal: this.#signal,
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
    const state = rolledBackState(current, images, action === 'abort' ? 'RolledBack' : 'Failed');
    return this.#commit(progress, {
      index: progress.stepIndex,
      state,
      action,
      summary:
        action === 'abort' ? `abort canary of ${progress.image}` : `roll back canary of ${progress.image}`,
      gates: evidence,
      allowEmpty: true,
    });
  }

  /** One commit: apply every target to the tree, write, commit with trailers, push (replaying on conflict). */
  async #commit(
    progress: ReleaseProgress,
    step: {
      index: number;
      state: CanaryState;
      action: ReleaseAction;
      summary: string;
      gates: GateResult[];
      allowEmpty?: boolean;
    },
  ): Promise<ReleaseProgress> {
    const trailers: Record<string, string> = {
      [TRAILER.release]: this.#plan.name,
      [TRAILER.releaseId]: progress.releaseId,
      [TRAILER.step]: `${step.index}/${this.total}`,
      [TRAILER.phase]: step.state.phase,
      [TRAILER.weight]: String(step.state.canaryWeight),
      [TRAILER.image]: progress.image,
      [TRAILER.stableImage]: progress.stableImage ?? '-',
      [TRAILER.previousImage]: progress.previousCanaryImage ?? '-',
      [TRAILER.targets]: this.#fingerprint,
      ...(progress.baselineScale && Object.keys(progress.baselineScale).length > 0
        ? { [TRAILER.baselineScale]: JSON.stringify(progress.baselineScale) }
        : {}),
      [TRAILER.action]: step.action,
    };
    const subject = `gitcanary(${this.#plan.name}): ${step.summary} [${step.index}/${this.total}]`;
    const message = renderTemplate('commit-message', {
      subject,
      body: `Release ${progress.releaseId}: ${progress.image}, canary weight ${step.state.canaryWeight}%, phase ${step.state.phase}.`,
      // As text, so that a measured 0 (exit code, error count) still shows in the evidence.
      gates: step.gates.map((gate) => ({
        ...gate,
        value: gate.value === undefined ? undefined : String(gate.value),
      })),
    }).trimEnd();
    const outcome = await this.#deps.repo.commitStep(
      async (root) => {
        // Re-run on every replay: the intent is re-applied to whatever head the remote has now.
        const files = await this.#apply(root, step.state);
        return { message, trailers, files };
      },
      { maxAttempts: this.#plan.maxPushAttempts, allowEmpty: step.allowEmpty ?? false },
    );
    if (!outcome.committed) return progress;
    const head = await this.#deps.repo.head();
    const sha = outcome.sha ?? head.sha;
    this.#deps.reporter.event({
      type: 'commit',
      sha,
      index: step.index,
      total: this.total,
      action: step.action,
      phase: step.state.phase,
      weight: step.state.canaryWeight,
      attempts: outcome.attempts,
      subject,
    });
    const commit: HistoryCommit = { sha, time: head.time, subject, trailers };
    return {
      ...progress,
      stepIndex: step.index,
      phase: step.state.phase,
      weight: step.state.canaryWeight,
      action: step.action,
      lastCommit: commit,
      startCommit: step.index === 0 ? commit : progress.startCommit,
    };
  }

  /** Apply all targets to the manifests under `root`; returns the repository paths written. */
  async #apply(root: string, state: CanaryState): Promise<string[]> {
    const base = await loadTargetTree(this.#plan.targets, root);
    return writeTree(root, base, applyState(this.#plan.targets, base, state));
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

function describeDuration(duration: string | number): string {
  return typeof duration === 'number' ? `${duration}s` : duration;
}

export { isCommitting };
