import { describe, expect, it } from 'vitest';
import { runMeasurements } from '../../src/gates/analysis.js';
import type { Measurement, MeasurementLimits, Verdict } from '../../src/gates/types.js';

// The measurement loop's Argo knobs the AnalysisTemplates need (analysis/analysis.go
// assessMetricStatus; consecutiveSuccessLimit and failureLimit -1 as the AnalysisTemplate CRD
// describes them), on scripted measurements: what each limit decides and how many measurements it
// takes to decide.

type Script = (Verdict | 'error')[];

function scripted(script: Script): { measure: () => Promise<Measurement>; calls: () => number } {
  let index = 0;
  return {
    calls: () => index,
    measure: async () => {
      const step = script[Math.min(index, script.length - 1)]!;
      index += 1;
      if (step === 'error') throw new Error('prometheus unreachable');
      return { verdict: step, value: index, message: `m${index} ${step}`, at: new Date().toISOString() };
    },
  };
}

const limits = (overrides: Partial<MeasurementLimits>): MeasurementLimits => ({
  intervalMs: 1,
  count: 3,
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  ...overrides,
});

const run = (script: Script, overrides: Partial<MeasurementLimits>) => {
  const { measure, calls } = scripted(script);
  return runMeasurements(measure, limits(overrides), new AbortController().signal).then((outcome) => ({
    ...outcome,
    calls: calls(),
  }));
};

describe('the measurement loop with Argo’s limits', () => {
  it('passes early once consecutiveSuccessLimit passes come in a row', async () => {
    const outcome = await run(['fail', 'pass', 'pass', 'fail'], {
      count: 4,
      failureLimit: 2,
      consecutiveSuccessLimit: 2,
    });
    expect(outcome.verdict).toBe('pass');
    expect(outcome.calls).toBe(3);
    expect(outcome.message).toContain('2 consecutive successes (consecutiveSuccessLimit 2)');
  });

  it('is inconclusive at count without the streak while failureLimit applies, failed when it is -1', async () => {
    const script: Script = ['pass', 'fail', 'pass', 'fail'];
    expect((await run(script, { count: 4, failureLimit: 3, consecutiveSuccessLimit: 2 })).verdict).toBe(
      'inconclusive',
    );
    expect((await run(script, { count: 4, failureLimit: -1, consecutiveSuccessLimit: 2 })).verdict).toBe(
      'fail',
    );
  });

  it('an error breaks the streak of successes', async () => {
    const outcome = await run(['pass', 'error', 'pass', 'fail'], {
      count: 3,
      failureLimit: -1,
      consecutiveSuccessLimit: 2,
      errorIntervalMs: 1,
    });
    expect(outcome.verdict).toBe('fail');
    expect(outcome.calls).toBe(4);
  });

  it('never fails on failures with failureLimit -1', async () => {
    const outcome = await run(['fail', 'fail', 'fail', 'pass', 'pass'], {
      count: 5,
      failureLimit: -1,
      consecutiveSuccessLimit: 2,
    });
    expect(outcome.verdict).toBe('pass');
    expect(outcome.calls).toBe(5);
  });

  it('measures without a count until `until` aborts, then passes', async () => {
    const until = new AbortController();
    const { measure, calls } = scripted(['pass']);
    setTimeout(() => until.abort(), 60);
    const outcome = await runMeasurements(
      measure,
      limits({ count: Number.POSITIVE_INFINITY, intervalMs: 10, until: until.signal }),
      new AbortController().signal,
    );
    expect(outcome.verdict).toBe('pass');
    expect(calls()).toBeGreaterThanOrEqual(3);
  });

  it('passes a run stopped before its first measurement, as Argo does', async () => {
    const until = new AbortController();
    const { measure, calls } = scripted(['fail']);
    setTimeout(() => until.abort(), 20);
    const outcome = await runMeasurements(
      measure,
      limits({ initialDelayMs: 5_000, until: until.signal }),
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({ verdict: 'pass', message: 'step ended before the first measurement' });
    expect(calls()).toBe(0);
  });

  it('waits errorIntervalMs after an error and intervalMs after a measurement', async () => {
    const started = Date.now();
    const outcome = await run(['error', 'pass'], { count: 1, intervalMs: 5_000, errorIntervalMs: 50 });
    expect(outcome.verdict).toBe('pass');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
