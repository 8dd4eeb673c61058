import { GitcanaryError } from '../../errors.js';
import { loadTree } from '../../manifests/index.js';
import { systemClock } from '../../shared/clock.js';
import { maskSecrets } from '../../shared/secrets.js';
import { runMeasurements } from '../analysis.js';
import { parseDuration } from '../duration.js';
import { parseGateConfig } from '../schemas.js';
import type { Gate, GateContext, GateResult, Measurement, MeasurementLimits, Verdict } from '../types.js';
import { measureMetric } from './providers.js';
import { type ArgoAnalysisConfig, type ArgoAnalysisConfigInput, argoAnalysisConfigSchema } from './schema.js';
import { ERROR_RETRY_INTERVAL_MS, type ResolvedMetric, type RunSpec, resolveRun } from './templates.js';

// The `argoAnalysis` gate: one AnalysisRun of AnalysisTemplates read from the GitOps repository at
// the commit being evaluated. As Argo Rollouts' analysis controller (analysis/analysis.go):
// every metric is measured on its own schedule, all at once; a metric that ends Failed, Error or
// Inconclusive terminates the run (IsTerminating), and metrics still running then end Successful;
// the run's phase is the worst metric's (IsWorse: Successful < Inconclusive < Error < Failed),
// dry-run metrics left out. Error maps to fail here: Argo aborts the Rollout on Error as on Failed.

export class ArgoAnalysisGate implements Gate {
  readonly kind = 'argoAnalysis';
  readonly config: ArgoAnalysisConfig;
  private readonly runForMs: number | undefined;

  constructor(
    readonly name: string,
    config: ArgoAnalysisConfigInput,
  ) {
    this.config = parseGateConfig(argoAnalysisConfigSchema, config, 'argoAnalysis');
    this.runForMs =
      this.config.runFor === undefined ? undefined : parseDuration(this.config.runFor, 'argoAnalysis.runFor');
  }

  /** Loads the templates and resolves args: what `run` checks before its first commit. */
  async check(repoRoot: string, namespace: string): Promise<RunSpec> {
    const tree = await loadTree(repoRoot, [this.config.path]);
    return resolveRun(tree, {
      templates: this.config.templates,
      args: this.config.args,
      dryRun: this.config.dryRun,
      measurementRetention: this.config.measurementRetention,
      namespace,
      fieldRefObject: this.config.fieldRefObject,
      background: this.runForMs !== undefined,
    });
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    const threshold = this.config.templates.map((ref) => ref.templateName).join(', ');
    if (context.repoRoot === undefined) {
      throw new GitcanaryError('INTERNAL', 'the argoAnalysis gate needs the GitOps working copy', {
        field: `gates.${this.name}`,
      });
    }
    let run: RunSpec;
    try {
      run = await this.check(context.repoRoot, context.namespace);
    } catch (error) {
      // A template broken after the release started fails the gate (a bad template never passes).
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: 'fail', threshold, message, measurements: [] };
    }
    const outcome = await this.#measure(run.metrics, context);
    const mask = (text: string) =>
      maskSecrets(run.secrets.reduce((out, secret) => out.split(secret).join('*****'), text));
    return {
      gate: this.name,
      kind: this.kind,
      threshold,
      verdict: outcome.verdict,
      value: outcome.value,
      message: mask(outcome.message),
      measurements: outcome.measurements.map((measurement) => ({
        ...measurement,
        message: mask(measurement.message),
      })),
    };
  }

  async #measure(
    metrics: readonly ResolvedMetric[],
    context: GateContext,
  ): Promise<{
    verdict: Verdict;
    value?: number | string | undefined;
    message: string;
    measurements: Measurement[];
  }> {
    // `terminate` stops metrics still measuring once one decided the run; `stepEnded` is runFor.
    const terminate = new AbortController();
    const stepEnded = new AbortController();
    const ended =
      this.runForMs === undefined
        ? undefined
        : (context.clock ?? systemClock)
            .sleep(this.runForMs, AbortSignal.any([context.signal, terminate.signal]))
            .then(
              () => stepEnded.abort(),
              () => undefined,
            );
    const results = await Promise.all(
      metrics.map(async (metric) => {
        const limits: MeasurementLimits = {
          intervalMs: metric.intervalMs ?? ERROR_RETRY_INTERVAL_MS,
          count: metric.count ?? Number.POSITIVE_INFINITY,
          failureLimit: metric.failureLimit,
          inconclusiveLimit: metric.inconclusiveLimit,
          consecutiveErrorLimit: metric.consecutiveErrorLimit,
          consecutiveSuccessLimit: metric.consecutiveSuccessLimit,
          initialDelayMs: metric.initialDelayMs,
          errorIntervalMs: ERROR_RETRY_INTERVAL_MS,
          until: AbortSignal.any([terminate.signal, stepEnded.signal]),
        };
        const outcome = await runMeasurements(
          () => measureMetric(metric, { signal: context.signal }),
          limits,
          context.signal,
          (measurement, index) =>
            context.progress(`${this.name}/${metric.name} #${index + 1}: ${measurement.message}`),
          context.clock,
        );
        if (!metric.dryRun && outcome.verdict !== 'pass') terminate.abort();
        return { metric, outcome };
      }),
    );
    const counted = results.filter(({ metric }) => !metric.dryRun);
    // A background run spends its whole pause: metrics done early leave the rest of it to wait out.
    if (counted.every(({ outcome }) => outcome.verdict === 'pass')) await ended;
    terminate.abort();
    await ended;
    const worst = counted.reduce<(typeof results)[number] | undefined>(
      (current, result) =>
        current === undefined || rank(result.outcome.verdict) > rank(current.outcome.verdict)
          ? result
          : current,
      undefined,
    );
    const verdict: Verdict = worst?.outcome.verdict ?? 'pass';
    const lines = results.map(({ metric, outcome }) => {
      const tag = metric.dryRun ? ' (dry run)' : '';
      return `${metric.name}${tag}: ${word(outcome.verdict)}: ${outcome.message}`;
    });
    const measurements = results.flatMap(({ metric, outcome }) =>
      // measurementRetention: the latest N per metric (Argo keeps 10 unless told).
      outcome.measurements.slice(-metric.retention).map((measurement) => ({
        ...measurement,
        message: `${metric.name}: ${measurement.message}`,
      })),
    );
    return {
      verdict,
      value: (worst ?? results[0])?.outcome.value,
      message: lines.length === 1 ? lines[0]! : lines.join('; '),
      measurements,
    };
  }
}

/** Argo's IsWorse order over gitcanary verdicts (Error is already a fail). */
function rank(verdict: Verdict): number {
  return verdict === 'fail' ? 2 : verdict === 'inconclusive' ? 1 : 0;
}

function word(verdict: Verdict): string {
  return verdict === 'pass' ? 'Successful' : verdict === 'fail' ? 'Failed' : 'Inconclusive';
}
