import { GitcanaryError } from '../errors.js';
import type { Gate, GateContext, GateEffect, GateResult } from '../gates/types.js';
import type { Reporter } from '../report/events.js';

// The gate runner: gates are built once from their configs, evaluated one after the other in the
// order an analysis lists them, and each declares its effect (decide / wait / rollback / notify),
// so the engine never inspects a gate's config to know what its verdict means.

/** What one evaluation of an analysis step (a check pass) amounts to. */
export type PassVerdict =
  /** Every deciding gate passed and every confirmation was given. */
  | 'pass'
  /** A deciding gate failed. */
  | 'fail'
  /** A deciding gate could not decide (no failure); nothing waits on it. */
  | 'inconclusive'
  /** The deciding gates passed; a confirmation (a `wait` gate) is not given yet: ask again later. */
  | 'wait'
  /** A rollback gate asked for the rollback. */
  | 'rollback';

export interface Pass {
  verdict: PassVerdict;
  /** Every gate evaluated, in order. */
  results: GateResult[];
}

/** Builds a gate from its config; async, as each gate kind's implementation is imported on first use. */
export type GateFactory = (name: string, config: unknown) => Promise<Gate>;

export class GateRunner {
  readonly #configs: Record<string, unknown>;
  readonly #create: GateFactory;
  readonly #reporter: Reporter;
  readonly #built = new Map<string, Promise<Gate>>();

  constructor(configs: Record<string, unknown>, create: GateFactory, reporter: Reporter) {
    this.#configs = configs;
    this.#create = create;
    this.#reporter = reporter;
  }

  /** The gate named `name`, built on first use. */
  gate(name: string): Promise<Gate> {
    let gate = this.#built.get(name);
    if (gate === undefined) {
      const config = this.#configs[name];
      if (config === undefined) {
        throw new GitcanaryError('CONFIG_INVALID', `gate ${name} is not defined`, {
          field: `spec.gates.${name}`,
        });
      }
      gate = this.#create(name, config);
      this.#built.set(name, gate);
    }
    return gate;
  }

  async effect(name: string): Promise<GateEffect> {
    return (await this.gate(name)).effect ?? 'decide';
  }

  /**
   * Evaluates `names` in order and reports each verdict. A gate that throws is inconclusive (it
   * never passes), except for a config error, which is the user's to fix and stops the release.
   */
  async evaluate(names: readonly string[], context: GateContext): Promise<GateResult[]> {
    const results: GateResult[] = [];
    for (const name of names) results.push(await this.#evaluateOne(name, context));
    return results;
  }

  /**
   * One check pass over `names`, in order, as Flagger's tick runs it (scheduler.go advanceCanary,
   * runAnalysis, scheduler_hooks.go): a rollback gate that asks for the rollback ends the pass; the
   * first failed deciding gate ends it (the gates after it are not asked); confirmations are asked
   * only once every deciding gate before them passed, and the first not given ends the pass.
   * `checks` (Flagger's analysis): a deciding gate that could not decide is a failed check, as
   * Flagger fails a check on any metric error; otherwise (Argo Rollouts) the pass goes on and ends
   * inconclusive.
   */
  async pass(names: readonly string[], context: GateContext, options: { checks: boolean }): Promise<Pass> {
    const results: GateResult[] = [];
    let inconclusive = false;
    for (const name of names) {
      const effect = await this.effect(name);
      if (effect === 'wait' && inconclusive) continue;
      const result = await this.#evaluateOne(name, context);
      results.push(result);
      if (effect === 'rollback' && result.verdict === 'fail') return { verdict: 'rollback', results };
      if (effect === 'decide') {
        if (result.verdict === 'fail' || (options.checks && result.verdict === 'inconclusive'))
          return { verdict: 'fail', results };
        if (result.verdict === 'inconclusive') inconclusive = true;
      }
      if (effect === 'wait' && result.verdict !== 'pass') return { verdict: 'wait', results };
    }
    return { verdict: inconclusive ? 'inconclusive' : 'pass', results };
  }

  async #evaluateOne(name: string, context: GateContext): Promise<GateResult> {
    const gate = await this.gate(name);
    let result: GateResult;
    try {
      result = await gate.evaluate(context);
    } catch (error) {
      if (error instanceof GitcanaryError && error.code === 'CONFIG_INVALID') throw error;
      result = {
        gate: name,
        kind: gate.kind,
        verdict: 'inconclusive',
        message: `could not be evaluated: ${(error as Error).message}`,
        measurements: [],
      };
    }
    throwIfInterrupted(context.signal);
    this.#reporter.event({ type: 'gate', result });
    return result;
  }
}

/** A gate cut short by SIGINT/SIGTERM says nothing about the canary: stop without committing. */
export function throwIfInterrupted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  throw new GitcanaryError('INTERRUPTED', 'interrupted while waiting; nothing was committed for this step', {
    hint: 'run again (or `gitcanary step`) to resume from the Git history',
  });
}
