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

export type GateFactory = (name: string, config: unknown) => Gate;

export class GateRunner {
  readonly #configs: Record<string, unknown>;
  readonly #create: GateFactory;
  readonly #reporter: Reporter;
  readonly #built = new Map<string, Gate>();

  constructor(configs: Record<string, unknown>, create: GateFactory, reporter: Reporter) {
    this.#configs = configs;
    this.#create = create;
    this.#reporter = reporter;
  }

  /** The gate named `name`, built on first use. */
  gate(name: string): Gate {
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

  effect(name: string): GateEffect {
    return this.gate(name).effect ?? 'decide';
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

  /** One check pass over `names`: every gate evaluated, then the verdicts combined by effect. */
  async pass(names: readonly string[], context: GateContext): Promise<Pass> {
    const results = await this.evaluate(names, context);
    return {
      verdict: combine(
        names.map((name) => this.effect(name)),
        results,
      ),
      results,
    };
  }

  async #evaluateOne(name: string, context: GateContext): Promise<GateResult> {
    const gate = this.gate(name);
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

function combine(effects: readonly GateEffect[], results: readonly GateResult[]): PassVerdict {
  const by = (effect: GateEffect) => results.filter((_, i) => effects[i] === effect);
  if (by('rollback').some((result) => result.verdict === 'fail')) return 'rollback';
  const deciding = by('decide');
  if (deciding.some((result) => result.verdict === 'fail')) return 'fail';
  if (deciding.some((result) => result.verdict === 'inconclusive')) return 'inconclusive';
  return by('wait').some((result) => result.verdict !== 'pass') ? 'wait' : 'pass';
}

/** A gate cut short by SIGINT/SIGTERM says nothing about the canary: stop without committing. */
export function throwIfInterrupted(signal: AbortSignal): void {
  if (!signal.aborted) return;
  throw new GitcanaryError('INTERRUPTED', 'interrupted while waiting; nothing was committed for this step', {
    hint: 'run again (or `gitcanary step`) to resume from the Git history',
  });
}
