import { type Clock, sleep as clockSleep, systemClock } from '../shared/clock.js';
import type { Measurement, MeasurementLimits, Verdict } from './types.js';

// The measurement loop shared by every measured gate, with Argo Rollouts' analysis semantics:
// measure now, then every interval up to `count`; more than `failureLimit` failed measurements
// fail, more than `inconclusiveLimit` inconclusive ones make the gate inconclusive, and more than
// `consecutiveErrorLimit` errors in a row fail it. Both limits stop the loop early, as Argo does.
// An error (measureOnce threw: server down, HTTP 5xx, bad query) does not use up `count`: the gate
// measures again next interval, so an unreachable provider can only ever fail, never pass.
// Argo's other knobs (analysis/analysis.go `assessMetricStatus`; consecutiveSuccessLimit and
// failureLimit -1 as analysis-template-crd.yaml describes them, newer than the analysis.go read):
// `initialDelayMs` before the first measurement, `errorIntervalMs` after an error, failureLimit -1
// (failures never fail), `consecutiveSuccessLimit` (that many passes in a row pass early; reaching
// `count` without them is inconclusive, or a failure when failureLimit is -1), and `until`: a loop
// without a count ends when the step does, passing unless a limit was crossed.

/** What the loop decided; a gate adds its name, kind and threshold to make a GateResult. */
export interface MeasurementOutcome {
  verdict: Verdict;
  /** The deciding value: the last measurement's, or the measurement that tipped a limit. */
  value?: number | string | undefined;
  message: string;
  measurements: Measurement[];
}

/** A measurement that could not be taken; recorded as inconclusive, counted only as an error. */
export interface ErrorMeasurement extends Measurement {
  error: true;
}

export function isErrorMeasurement(measurement: Measurement): measurement is ErrorMeasurement {
  return (measurement as Partial<ErrorMeasurement>).error === true;
}

/** Defaults from Argo Rollouts' analysis (count 1, no tolerance, 4 consecutive errors). */
export const DEFAULT_LIMITS: MeasurementLimits = {
  intervalMs: 60_000,
  count: 1,
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
};

export async function runMeasurements(
  measureOnce: () => Promise<Measurement>,
  limits: MeasurementLimits,
  signal: AbortSignal,
  onMeasurement?: (measurement: Measurement, index: number) => void,
  clock: Clock = systemClock,
): Promise<MeasurementOutcome> {
  const measurements: Measurement[] = [];
  let taken = 0;
  let failed = 0;
  let inconclusive = 0;
  let consecutiveErrors = 0;
  let consecutiveSuccesses = 0;
  const successLimit = limits.consecutiveSuccessLimit ?? 0;
  let ended = limits.until?.aborted === true;
  if (!ended && (limits.initialDelayMs ?? 0) > 0)
    ended = await waitUnless(limits.initialDelayMs!, signal, limits.until, clock);

  while (!ended && taken < limits.count) {
    if (measurements.length > 0) {
      const last = measurements[measurements.length - 1]!;
      const wait = isErrorMeasurement(last)
        ? (limits.errorIntervalMs ?? limits.intervalMs)
        : limits.intervalMs;
      if (await waitUnless(wait, signal, limits.until, clock)) break;
    }
    signal.throwIfAborted();

    const measurement = await measureSafely(measureOnce, signal, clock);
    measurements.push(measurement);
    onMeasurement?.(measurement, measurements.length - 1);

    if (isErrorMeasurement(measurement)) {
      consecutiveSuccesses = 0;
      consecutiveErrors += 1;
      if (consecutiveErrors > limits.consecutiveErrorLimit) {
        return {
          verdict: 'fail',
          value: measurement.value,
          message: `${consecutiveErrors} consecutive errors (limit ${limits.consecutiveErrorLimit}): ${measurement.message}`,
          measurements,
        };
      }
      continue;
    }
    consecutiveErrors = 0;
    taken += 1;
    if (measurement.verdict === 'fail') failed += 1;
    if (measurement.verdict === 'inconclusive') inconclusive += 1;
    consecutiveSuccesses = measurement.verdict === 'pass' ? consecutiveSuccesses + 1 : 0;

    if (limits.failureLimit >= 0 && failed > limits.failureLimit) {
      return {
        verdict: 'fail',
        value: measurement.value,
        message: `${tally(limits, `${failed} of ${taken} measurements failed (limit ${limits.failureLimit})`)}${measurement.message}`,
        measurements,
      };
    }
    if (inconclusive > limits.inconclusiveLimit) {
      return {
        verdict: 'inconclusive',
        value: measurement.value,
        message: `${tally(limits, `${inconclusive} of ${taken} measurements inconclusive (limit ${limits.inconclusiveLimit})`)}${measurement.message}`,
        measurements,
      };
    }
    if (successLimit > 0 && consecutiveSuccesses >= successLimit) {
      return {
        verdict: 'pass',
        value: measurement.value,
        message: `${consecutiveSuccesses} consecutive successes (consecutiveSuccessLimit ${successLimit}): ${measurement.message}`,
        measurements,
      };
    }
  }

  if (successLimit > 0 && taken >= limits.count) {
    // Count reached without the streak: inconclusive while failureLimit also applies, else failed.
    const last = measurements.at(-1);
    return {
      verdict: limits.failureLimit >= 0 ? 'inconclusive' : 'fail',
      value: last?.value,
      message: `consecutiveSuccessLimit ${successLimit} not reached in ${taken} measurements${last ? `: ${last.message}` : ''}`,
      measurements,
    };
  }

  const last = measurements.at(-1);
  const tolerated = [
    failed > 0 ? `${failed} failed (limit ${limits.failureLimit})` : '',
    inconclusive > 0 ? `${inconclusive} inconclusive (limit ${limits.inconclusiveLimit})` : '',
  ].filter((part) => part !== '');
  const summary =
    taken === 1 || taken === 0
      ? ''
      : `${taken} measurements${tolerated.length > 0 ? `, ${tolerated.join(', ')}` : ''}: `;
  // A run told to stop before its first measurement is successful in Argo (assessMetricStatus).
  const stopped = limits.until?.aborted === true;
  return {
    verdict: last === undefined && !stopped ? 'inconclusive' : 'pass',
    value: last?.value,
    message: `${summary}${last?.message ?? (stopped ? 'step ended before the first measurement' : 'no measurement')}`,
    measurements,
  };
}

/** Waits `ms` on `clock` unless `until` aborts first (true then); rejects when `signal` aborts. */
async function waitUnless(
  ms: number,
  signal: AbortSignal,
  until: AbortSignal | undefined,
  clock: Clock,
): Promise<boolean> {
  if (until === undefined) {
    await clock.sleep(ms, signal);
    return false;
  }
  if (until.aborted) return true;
  try {
    await clock.sleep(ms, AbortSignal.any([signal, until]));
  } catch (error) {
    if (signal.aborted) throw error;
  }
  return until.aborted;
}

/** The tally prefix, only when the gate measures more than once (one measurement speaks for itself). */
function tally(limits: MeasurementLimits, text: string): string {
  return limits.count > 1 ? `${text}: ` : '';
}

/** Runs one measurement; a thrown error becomes an error measurement unless the run was aborted. */
async function measureSafely(
  measureOnce: () => Promise<Measurement>,
  signal: AbortSignal,
  clock: Clock,
): Promise<Measurement> {
  try {
    return await measureOnce();
  } catch (error) {
    signal.throwIfAborted();
    const message = error instanceof Error ? error.message : String(error);
    const measurement: ErrorMeasurement = {
      verdict: 'inconclusive',
      message: `error: ${message}`,
      at: clock.now().toISOString(),
      error: true,
    };
    return measurement;
  }
}

/** Waits `ms` of wall time, rejecting with the signal's reason as soon as it aborts (the shared sleep). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return clockSleep(ms, signal);
}

/** The parsed measurement fields of a gate config, in the shape the loop takes. */
export function limitsFrom(
  config: {
    count: number;
    failureLimit: number;
    inconclusiveLimit: number;
    consecutiveErrorLimit: number;
  },
  intervalMs: number,
): MeasurementLimits {
  return {
    intervalMs,
    count: config.count,
    failureLimit: config.failureLimit,
    inconclusiveLimit: config.inconclusiveLimit,
    consecutiveErrorLimit: config.consecutiveErrorLimit,
  };
}
