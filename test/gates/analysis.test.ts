import { describe, expect, it } from 'vitest';
import { isErrorMeasurement, runMeasurements } from '../../src/gates/analysis.js';
import type { Measurement, MeasurementLimits, Verdict } from '../../src/gates/types.js';
import { VirtualClock } from '../support/virtual-clock.js';

const limits = (overrides: Partial<MeasurementLimits> = {}): MeasurementLimits => ({
  intervalMs: 10,
  count: 1,
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  ...overrides,
});

/** measureOnce that plays a script: a verdict, or 'error' to throw. */
function script(steps: (Verdict | 'error')[]): {
  measureOnce: () => Promise<Measurement>;
  calls: () => number;
} {
  let index = 0;
  return {
    calls: () => index,
    measureOnce: async () => {
      const step = steps[Math.min(index, steps.length - 1)]!;
      index += 1;
      if (step === 'error') throw new Error('connection refused');
      return {
        verdict: step,
        value: index,
        message: `measurement ${index} ${step}`,
        at: new Date().toISOString(),
      };
    },
  };
}

const signal = () => new AbortController().signal;

describe('runMeasurements', () => {
  it('passes with one passing measurement and reports its value', async () => {
    const outcome = await runMeasurements(script(['pass']).measureOnce, limits(), signal());
    expect(outcome).toMatchObject({ verdict: 'pass', value: 1, message: 'measurement 1 pass' });
  });

  it('tolerates failures up to failureLimit', async () => {
    const outcome = await runMeasurements(
      script(['fail', 'pass', 'fail']).measureOnce,
      limits({ count: 3, failureLimit: 2 }),
      signal(),
    );
    expect(outcome.verdict).toBe('pass');
    expect(outcome.message).toBe('3 measurements, 2 failed (limit 2): measurement 3 fail');
  });

  it('fails as soon as failures exceed failureLimit', async () => {
    const run = script(['pass', 'fail', 'fail', 'pass']);
    const outcome = await runMeasurements(run.measureOnce, limits({ count: 4, failureLimit: 1 }), signal());
    expect(outcome).toMatchObject({ verdict: 'fail', value: 3 });
    expect(outcome.message).toBe('2 of 3 measurements failed (limit 1): measurement 3 fail');
    expect(run.calls()).toBe(3);
  });

  it('is inconclusive when inconclusive measurements exceed inconclusiveLimit', async () => {
    const outcome = await runMeasurements(
      script(['inconclusive', 'inconclusive']).measureOnce,
      limits({ count: 3, inconclusiveLimit: 1 }),
      signal(),
    );
    expect(outcome.verdict).toBe('inconclusive');
    expect(outcome.measurements).toHaveLength(2);
  });

  it('does not spend count on errors and resets the error streak on success', async () => {
    const run = script(['error', 'error', 'pass', 'error', 'pass']);
    const outcome = await runMeasurements(
      run.measureOnce,
      limits({ count: 2, consecutiveErrorLimit: 2 }),
      signal(),
    );
    expect(outcome.verdict).toBe('pass');
    expect(outcome.measurements.map((m) => (isErrorMeasurement(m) ? 'error' : m.verdict))).toEqual([
      'error',
      'error',
      'pass',
      'error',
      'pass',
    ]);
  });

  it('fails after more than consecutiveErrorLimit errors in a row', async () => {
    const outcome = await runMeasurements(
      script(['error']).measureOnce,
      limits({ consecutiveErrorLimit: 2 }),
      signal(),
    );
    expect(outcome.verdict).toBe('fail');
    expect(outcome.measurements).toHaveLength(3);
    expect(outcome.message).toBe('3 consecutive errors (limit 2): error: connection refused');
  });

  it('waits the interval between measurements on its clock, not before the first', async () => {
    const clock = new VirtualClock();
    const times: number[] = [];
    const started = clock.now().getTime();
    await runMeasurements(
      async () => {
        times.push(clock.now().getTime() - started);
        return { verdict: 'pass', message: 'ok', at: '' };
      },
      limits({ count: 3, intervalMs: 60_000 }),
      signal(),
      undefined,
      clock,
    );
    // Virtual time: a minute between measurements, none of it waited for real.
    expect(times).toEqual([0, 60_000, 120_000]);
    expect(clock.slept).toEqual([60_000, 60_000]);
  });

  it('reports each measurement as it is taken', async () => {
    const seen: string[] = [];
    await runMeasurements(
      script(['pass', 'fail']).measureOnce,
      limits({ count: 2, failureLimit: 1 }),
      signal(),
      (m, i) => seen.push(`${i}:${m.verdict}`),
    );
    expect(seen).toEqual(['0:pass', '1:fail']);
  });

  it('stops waiting as soon as the release is aborted', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const running = runMeasurements(
      script(['pass']).measureOnce,
      limits({ count: 2, intervalMs: 60_000 }),
      controller.signal,
    );
    setTimeout(() => controller.abort(new Error('aborted by user')), 50);
    await expect(running).rejects.toThrow('aborted by user');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
