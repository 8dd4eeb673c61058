import { baselineOf, judgeSeries } from '../../src/gates/judge/gate.js';
import type { Judgment } from '../../src/gates/judge/index.js';
import { judgeConfigSchema } from '../../src/gates/judge/schema.js';

// Judgments for report tests, computed by the judge itself (judgeSeries: the Mann-Whitney classifier
// and Kayenta's scoring) from series shaped like test/gates/judge-series.ts' tracks: a level with a
// repeating wobble every 15 s. The Prometheus tests (test/gates/judge*.test.ts) cover the queries.

const PATTERN = [0, 0.3, -0.2, 0.1, -0.3, 0.25, -0.1, -0.05];
export const JUDGMENT_END = Date.UTC(2026, 2, 2, 12, 0, 0) / 1000;

/** 41 samples (10 min every 15 s) around `level`, the wobble starting at `phase`. */
export function track(level: number, phase: number): [number, number][] {
  return Array.from({ length: 41 }, (_, i) => [
    JUDGMENT_END - 600 + 15 * i,
    Number((level * (1 + 0.2 * PATTERN[(i + phase) % PATTERN.length]!)).toFixed(6)),
  ]);
}

/** A canary at `canary` errors against a baseline at `baseline`, plus a latency metric at equal levels. */
export function judgmentOf(
  canary: number,
  baseline: number,
  compared: { workload?: string; traffic?: string[] } = {},
): Judgment {
  const config = judgeConfigSchema.parse({
    prometheus: { address: 'http://127.0.0.1:9' },
    metrics: [
      { name: 'error-rate', query: 'errors{track="{{group}}"}', direction: 'increase', critical: true },
      { name: 'latency', query: 'latency{track="{{group}}"}', direction: 'increase' },
    ],
  });
  const [errors, latency] = config.metrics as [(typeof config.metrics)[0], (typeof config.metrics)[0]];
  return judgeSeries(
    config,
    [
      { config: errors, canary: track(canary, 0), baseline: track(baseline, 3) },
      { config: latency, canary: track(0.2, 1), baseline: track(0.2, 5) },
    ],
    {
      start: new Date((JUDGMENT_END - 600) * 1000).toISOString(),
      end: new Date(JUDGMENT_END * 1000).toISOString(),
      stepSeconds: 15,
    },
    baselineOf(compared.workload, compared.traffic, 'baseline'),
  );
}
