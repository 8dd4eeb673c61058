import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { createGate, type GateConfig, gateConfigSchema } from '../../src/gates/index.js';
import { baselineOf } from '../../src/gates/judge/gate.js';
import { type JudgeConfigInput, JudgeGate } from '../../src/gates/judge/index.js';
import { gateContext } from '../support/gate-context.js';
import { freePort, startHttpServer } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';
import { ERROR_RATE_QUERY, LATENCY_QUERY, requestMetrics, SCENARIOS } from './judge-series.js';

// The judge against a real Prometheus holding half an hour of backfilled canary and baseline
// counters (judge-series.ts); each judgment's window ends at the moment the data ends.

const end = new Date(Math.floor(Date.now() / 1000) * 1000);
let prometheus: PrometheusServer;

beforeAll(async () => {
  if (!withPrometheus) return;
  prometheus = await startPrometheus([], { backfill: requestMetrics(SCENARIOS, end.getTime() / 1000) });
});

afterAll(async () => {
  await prometheus?.stop();
});

const errorRate = {
  name: 'error-rate',
  query: ERROR_RATE_QUERY,
  direction: 'increase',
  critical: true,
} as const;
const latency = { name: 'latency', query: LATENCY_QUERY, direction: 'increase' } as const;

function judge(scenario: string, config: Partial<JudgeConfigInput> = {}): JudgeGate {
  return new JudgeGate(
    'judge',
    {
      prometheus: { address: prometheus.address },
      lookback: '10m',
      step: '15s',
      groups: { canary: 'canary', baseline: 'baseline' },
      metrics: [errorRate],
      variables: { scenario },
      ...config,
    },
    { now: () => end },
  );
}

describe.runIf(withPrometheus)('the judge gate against a real Prometheus', () => {
  it('passes equal error rates at 1%, with both series of 41 samples in its judgment', async () => {
    const result = await judge('equal-1').evaluate(gateContext());
    expect(result).toMatchObject({ gate: 'judge', kind: 'judge', verdict: 'pass', value: 100 });
    expect(result.threshold).toBe('pass >= 95, marginal >= 75');
    const metric = result.judgment!.metrics[0]!;
    expect(metric).toMatchObject({ name: 'error-rate', classification: 'Pass', critical: true });
    expect(metric.canary.samples).toHaveLength(41);
    expect(metric.baseline.samples).toHaveLength(41);
    expect(metric.canary.samples.at(-1)![0]).toBe(end.getTime() / 1000);
    expect(metric.canary.summary.median).toBeCloseTo(0.01, 3);
    expect(metric.baseline.summary.median).toBeCloseTo(0.01, 3);
    expect(metric.shift!.lower).toBeLessThanOrEqual(0);
    expect(metric.shift!.upper).toBeGreaterThanOrEqual(0);
    expect(metric.pValue).toBeGreaterThan(0.5);
    expect(result.judgment!.window).toEqual({
      start: new Date(end.getTime() - 600_000).toISOString(),
      end: end.toISOString(),
      stepSeconds: 15,
    });
  });

  it('passes equal error rates at 5%: an incident that hits canary and baseline alike', async () => {
    const result = await judge('incident-5').evaluate(gateContext());
    expect(result.verdict).toBe('pass');
    expect(result.judgment!.metrics[0]!.canary.summary.median).toBeCloseTo(0.05, 2);
  });

  it('fails a canary at 5% errors against a baseline at 1%, naming the critical metric, the shift and its interval', async () => {
    const result = await judge('worse').evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: 0 });
    const metric = result.judgment!.metrics[0]!;
    expect(metric.classification).toBe('High');
    expect(metric.shift!.estimate).toBeCloseTo(0.04, 2);
    expect(metric.shift!.lower).toBeGreaterThan(0.035);
    expect(metric.pValue).toBeLessThan(1e-10);
    expect(metric.relativeChange).toBeCloseTo(4, 1);
    // The data is counted back from the window's end, so the evidence is the same on every run.
    expect(result.message.split('\n')).toEqual([
      'score 0 (pass >= 95, marginal >= 75): fail; 0 of 1 metrics pass; critical error-rate High',
      '  metric                 result  canary median  baseline median  shift [98% interval]      p-value  change  samples',
      '  error-rate (critical)  High    0.0506         0.0101           +0.0401 [+0.039, +0.041]  5.9e-15  +400%   41/41',
      '  error-rate: canary higher: 98% interval of the shift [+0.039, +0.041] is above 0, mean +400% (allowed +25%)',
      '  baseline: compared the canary with the stable pods (no spec.baseline workload): "baseline" is what the queries select, pods that ran longer than the canary (warm caches, more traffic)',
    ]);
    expect(result.judgment!.comparedWith).toBe('stable');
  });

  it('scores a slower canary as marginal (inconclusive) when latency weighs a quarter', async () => {
    const result = await judge('slower', {
      metrics: [
        { ...errorRate, weight: 3 },
        { ...latency, weight: 1 },
      ],
    }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'inconclusive', value: 75 });
    expect(result.judgment!.metrics.map((m) => m.classification)).toEqual(['Pass', 'High']);
    expect(result.message.split('\n')[0]).toBe(
      'score 75 (pass >= 95, marginal >= 75): inconclusive; 1 of 2 metrics pass',
    );
  });

  it('names the spec.baseline workload and the routers that send it traffic, when the release has both', async () => {
    const result = await judge('equal-1').evaluate(
      gateContext({
        baselineWorkload: 'kustomization apps/podinfo/baseline',
        baselineTraffic: ['apisix → podinfo-baseline'],
      }),
    );
    expect(result.judgment!.comparedWith).toBe('baseline');
    expect(result.judgment!.baselineNote).toBe(
      "the spec.baseline workload (kustomization apps/podinfo/baseline), stable image at the canary's scale, with the canary's share of traffic through apisix → podinfo-baseline",
    );
    expect(result.message.split('\n').at(-1)).toBe(`  baseline: ${result.judgment!.baselineNote}`);
  });

  it('says it compared with the stable pods when the spec.baseline workload gets no traffic', async () => {
    const result = await judge('equal-1').evaluate(
      gateContext({ baselineWorkload: 'kustomization apps/podinfo/baseline', baselineTraffic: [] }),
    );
    expect(result.judgment!.comparedWith).toBe('stable');
    expect(result.message.split('\n').at(-1)).toBe(
      '  baseline: compared the canary with the stable pods (the spec.baseline workload (kustomization apps/podinfo/baseline) gets no traffic: no router names a baselineService): "baseline" is what the queries select, pods that ran longer than the canary (warm caches, more traffic)',
    );
  });

  it('scores by group weights, as Kayenta', async () => {
    const result = await judge('slower', {
      metrics: [
        { ...errorRate, critical: false, group: 'errors' },
        { ...latency, group: 'latency' },
      ],
      groupWeights: { errors: 60, latency: 40 },
      thresholds: { pass: 90, marginal: 50 },
    }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'inconclusive', value: 60 });
    expect(result.judgment!.groups).toEqual([
      { name: 'errors', score: 100, weight: 60, noData: false },
      { name: 'latency', score: 0, weight: 40, noData: false },
    ]);
    expect(result.message.split('\n')[0]).toContain('groups errors 100 × 60%, latency 0 × 40%');
  });

  it('fails a slower canary when latency is critical', async () => {
    const result = await judge('slower', { metrics: [errorRate, { ...latency, critical: true }] }).evaluate(
      gateContext(),
    );
    expect(result.verdict).toBe('fail');
    expect(result.judgment!.criticalFailures).toEqual(['latency']);
  });

  it('is inconclusive when a group has no series, and fails when the metric is critical', async () => {
    const missing = await judge('equal-1', {
      groups: { canary: 'canary', baseline: 'nobody' },
      metrics: [{ ...errorRate, critical: false }],
    }).evaluate(gateContext());
    expect(missing.verdict).toBe('inconclusive');
    expect(missing.judgment!.metrics[0]).toMatchObject({
      classification: 'NoData',
      reason: 'no baseline samples',
    });
    const critical = await judge('equal-1', { groups: { canary: 'canary', baseline: 'nobody' } }).evaluate(
      gateContext(),
    );
    expect(critical.verdict).toBe('fail');
  });

  it('renders {{group}} and the variables into each query, escaped for PromQL', () => {
    const gate = judge('we"ird');
    expect(gate.renderQuery(gate.config.metrics[0]!, 'canary', gateContext())).toContain(
      'http_requests_total{scenario="we\\"ird",track="canary",code=~"5.."}',
    );
  });

  it('counts an unreachable Prometheus as errors and fails after consecutiveErrorLimit', async () => {
    const port = await freePort();
    const gate = new JudgeGate('judge', {
      prometheus: { address: `http://127.0.0.1:${port}` },
      metrics: [errorRate],
      variables: { scenario: 'equal-1' },
      interval: 0.02,
      consecutiveErrorLimit: 1,
    });
    const result = await gate.evaluate(gateContext());
    expect(result.verdict).toBe('fail');
    // The groups are queried together: whichever failed last is named.
    expect(result.message).toMatch(
      /^2 consecutive errors \(limit 1\): error: error-rate \((canary|baseline)\): prometheus .* unreachable/,
    );
    expect(result.judgment).toBeUndefined();
  });

  it('sends the headers and the bearer token from the environment, as the prometheus gate, and never shows the token', async () => {
    process.env.GITCANARY_TEST_JUDGE_TOKEN = 'judge-token-5b7e21';
    // A loopback proxy in front of the real Prometheus records what the gate sends.
    const proxy = await startHttpServer(async (request) => {
      const answer = await fetch(`${prometheus.address}${request.path}`, {
        method: request.method,
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: request.body,
      });
      return {
        status: answer.status,
        body: await answer.text(),
        headers: { 'content-type': 'application/json' },
      };
    });
    try {
      const result = await new JudgeGate(
        'judge',
        {
          prometheus: {
            address: proxy.url,
            headers: { 'X-Scope-OrgID': 'tenant-a' },
            bearerTokenEnv: 'GITCANARY_TEST_JUDGE_TOKEN',
          },
          metrics: [errorRate],
          variables: { scenario: 'worse' },
        },
        { now: () => end },
      ).evaluate(gateContext());
      expect(result.verdict).toBe('fail');
      expect(proxy.requests).toHaveLength(2);
      for (const request of proxy.requests) {
        expect(request.path).toBe('/api/v1/query_range');
        expect(request.headers.authorization).toBe('Bearer judge-token-5b7e21');
        expect(request.headers['x-scope-orgid']).toBe('tenant-a');
        expect(new URLSearchParams(request.body).get('step')).toBe('15');
      }
      expect(JSON.stringify(result)).not.toContain('judge-token-5b7e21');
    } finally {
      delete process.env.GITCANARY_TEST_JUDGE_TOKEN;
      await proxy.close();
    }
  });

  it('is built from a release config gate block by createGate', async () => {
    const config = gateConfigSchema.parse({
      judge: {
        prometheus: { address: prometheus.address },
        metrics: [errorRate],
        variables: { scenario: 'worse' },
      },
    }) as GateConfig;
    expect((await createGate('judge', config)).kind).toBe('judge');
  });
});

describe('what the judge compares with', () => {
  it('compares with the baseline only when a spec.baseline workload gets traffic from a router', () => {
    expect(baselineOf('kustomization apps/b', ['istio → b'], 'baseline').comparedWith).toBe('baseline');
    for (const [workload, traffic] of [
      [undefined, undefined],
      [undefined, ['istio → b']],
      ['kustomization apps/b', undefined],
      ['kustomization apps/b', []],
    ] as const) {
      const seen = baselineOf(workload, traffic, 'primary');
      expect(seen.comparedWith, `${workload} ${traffic}`).toBe('stable');
      expect(seen.baselineNote).toMatch(
        /^compared the canary with the stable pods \(.+\): "primary" is what/,
      );
    }
  });
});

describe('judge config', () => {
  const base = { prometheus: { address: 'http://prometheus:9090' }, metrics: [errorRate] };
  const invalid = (config: object): string => {
    try {
      new JudgeGate('judge', { ...base, ...config } as JudgeConfigInput);
    } catch (error) {
      return error instanceof GitcanaryError ? `${error.place.field}: ${error.message}` : String(error);
    }
    return 'accepted';
  };

  it("accepts the issue's example and fills in Kayenta's NetflixACAJudge defaults", () => {
    const gate = new JudgeGate('judge', base);
    expect(gate.config).toMatchObject({
      lookback: '10m',
      step: '15s',
      confidence: 0.98,
      effectSize: 0.25,
      thresholds: { pass: 95, marginal: 75 },
      groups: { canary: 'canary', baseline: 'baseline' },
    });
    expect(gate.config.metrics[0]).toMatchObject({ weight: 1, nanStrategy: 'remove' });
  });

  it.each([
    [
      { thresholds: { pass: 70, marginal: 80 } },
      'judge.thresholds: invalid judge gate: thresholds.marginal must be <= thresholds.pass',
    ],
    [
      { groups: { canary: 'a', baseline: 'a' } },
      'judge.groups: invalid judge gate: groups.canary and groups.baseline must differ',
    ],
    [{ metrics: [errorRate, errorRate] }, 'judge.metrics: invalid judge gate: metric names must be unique'],
    [
      { groupWeights: { latency: 50 } },
      'judge.groupWeights.latency: invalid judge gate: no metric is in group latency; groups: default',
    ],
    [
      { groupWeights: { default: 80 } },
      'judge.groupWeights: invalid judge gate: group weights add up to 80; they must add up to 100',
    ],
    [{ confidence: 1 }, 'judge.confidence: invalid judge gate: Too big: expected number to be <1'],
    [{ lookback: '1h', step: '1s' }, 'judge.step: lookback / step asks for 3601 samples per group'],
    [
      { metrics: [{ ...errorRate, direction: 'up' }] },
      'judge.metrics[0].direction: invalid judge gate: Invalid option: expected one of "increase"|"decrease"|"either"',
    ],
  ])('refuses %j', (config, message) => {
    expect(invalid(config)).toBe(message);
  });
});
