import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/gates/index.js';
import {
  CANARY_IMAGE,
  createGitOps,
  demoConfig,
  FILES,
  type GitOps,
  PODINFO,
  STABLE_IMAGE,
} from '../support/gitops.js';
import { runRelease } from '../support/gitops-gates.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';
import { ERROR_RATE_QUERY, LATENCY_QUERY, requestMetrics, SCENARIOS } from './judge-series.js';

// The judge issue's "done" criterion: releases on a bare GitOps repository, driven by the engine
// in-process, gated by the judge against a real Prometheus that holds canary and baseline
// counters from half an hour before to ten minutes after now (backfilled with promtool). The
// judgment window ends at the real current time, as in a release job.

let prometheus: PrometheusServer;
let ops: GitOps | undefined;

beforeAll(async () => {
  if (!withPrometheus) return;
  // Ten minutes past now too: however long the releases take, every judgment's window is full.
  const end = Math.floor(Date.now() / 1000) + 600;
  prometheus = await startPrometheus([], { backfill: requestMetrics(SCENARIOS, end, 2400) });
});

afterAll(async () => {
  await prometheus?.stop();
});

afterEach(() => {
  ops?.dispose();
  ops = undefined;
});

const STEPS = `    - setWeight: 10
    - analysis: { gates: [judge] }
    - setWeight: 50
    - analysis: { gates: [judge] }
    - promote: {}
`;

/** The judge gate as a user writes it, reading the given scenario's series. */
function judgeGate(scenario: string, metrics: string): string {
  return `    judge:
      judge:
        prometheus: { address: ${prometheus.address} }
        lookback: 10m
        step: 15s
        groups: { canary: canary, baseline: baseline }
        variables: { scenario: ${scenario} }
        confidence: 0.98
        effectSize: 0.25
        thresholds: { pass: 95, marginal: 75 }
        metrics:
${metrics}`;
}

const ERROR_RATE = `          - name: error-rate
            query: '${ERROR_RATE_QUERY}'
            direction: increase
            critical: true
`;

async function release(scenario: string, metrics = ERROR_RATE, options: { baseline?: boolean } = {}) {
  ops = createGitOps('');
  let config = demoConfig({ steps: STEPS, gates: judgeGate(scenario, metrics) });
  if (options.baseline === true) {
    const clone = ops.clone('setup');
    const overlay = ops
      .show(FILES.canary)!
      .replace('-canary', '-baseline')
      .replace('podinfo-canary', 'podinfo-baseline');
    // The route lists the baseline's Service too, at weight 0: the router sends it the canary's share.
    const route = `${ops.show(FILES.route)!}        - serviceName: podinfo-baseline\n          servicePort: 80\n          weight: 0\n`;
    ops.pushFrom(
      clone,
      { [BASELINE]: `${overlay}replicas:\n  - name: podinfo\n    count: 0\n`, [FILES.route]: route },
      'add a baseline overlay and its backend',
    );
    config = config
      .replace(
        '  traffic:\n',
        `  baseline:\n    kustomization: { path: apps/podinfo/baseline, image: ${PODINFO}, replicas: { name: podinfo, total: 2 } }\n  traffic:\n`,
      )
      .replace(
        '        canaryService: podinfo-canary\n',
        '        canaryService: podinfo-canary\n        baselineService: podinfo-baseline\n',
      );
  }
  ops.writeConfig(config);
  return runRelease(ops.config, { image: CANARY_IMAGE });
}

const BASELINE = 'apps/podinfo/baseline/kustomization.yaml';

function judgments(events: Awaited<ReturnType<typeof release>>['events']): GateResult[] {
  return events.flatMap((event) =>
    event.type === 'gate' && event.result.kind === 'judge' ? [event.result] : [],
  );
}

describe.runIf(withPrometheus)('a release judged against its baseline on a real Prometheus', () => {
  it('promotes a canary whose error rate equals the baseline’s at 1%, each commit carrying the judgment', async () => {
    const run = await release('equal-1');

    expect(run.result.outcome).toBe('promoted');
    expect(judgments(run.events).map((result) => [result.verdict, result.value])).toEqual([
      ['pass', 100],
      ['pass', 100],
    ]);
    const log = ops!.log();
    for (const entry of log.filter((each) => /setWeight 50|promote primary/.test(each.subject))) {
      const evidence = entry.body.split('\n').slice(2);
      expect(evidence[0]).toBe('Gate evidence:');
      expect(evidence[1]).toBe(
        '- judge (judge): pass value=100 threshold pass >= 95, marginal >= 75 — score 100 (pass >= 95, marginal >= 75): pass; 1 of 1 metrics pass',
      );
      expect(evidence[2]).toMatch(
        /^ {2}metric +result +canary median +baseline median +shift \[98% interval\]/,
      );
      expect(evidence[3]).toMatch(/^ {2}error-rate \(critical\) +Pass +0\.01\d* +0\.01\d* /);
    }
  });

  it('promotes through an incident that puts canary and baseline alike at 5% errors', async () => {
    const run = await release('incident-5');

    expect(run.result.outcome).toBe('promoted');
    const [first] = judgments(run.events);
    expect(first!.judgment!.metrics[0]!.canary.summary.median).toBeCloseTo(0.05, 2);
    expect(first!.judgment!.metrics[0]!.baseline.summary.median).toBeCloseTo(0.05, 2);
  });

  it('rolls back a canary at 5% errors against a baseline at 1%, the judgment in the rollback commit', async () => {
    const run = await release('worse');

    expect(run.result).toMatchObject({
      outcome: 'rolledBack',
      exitCode: 1,
      message: `gate failed at step 2/6; rolled back to ${STABLE_IMAGE}`,
    });
    const last = ops!.log().at(-1)!;
    expect(last.trailers).toMatchObject({ 'Gitcanary-Phase': 'Failed', 'Gitcanary-Action': 'rollback' });
    const evidence = last.body.split('\n').slice(2);
    expect(evidence[1]).toBe(
      '- judge (judge): fail value=0 threshold pass >= 95, marginal >= 75 — score 0 (pass >= 95, marginal >= 75): fail; 0 of 1 metrics pass; critical error-rate High',
    );
    expect(evidence[3]).toMatch(
      /^ {2}error-rate \(critical\) +High +0\.05\d* +0\.01\d* +\+0\.04\d* \[\+0\.0\d+, \+0\.0\d+\] +\d\.\de-\d+ +\+\d+% +41\/41$/,
    );
    expect(ops!.show('apps/podinfo/canary/kustomization.yaml')).toContain('newTag: 6.0.0');
  });

  it('pauses on a marginal score: the canary is slower, and latency weighs a quarter of it', async () => {
    const run = await release(
      'slower',
      `          - name: error-rate
            query: '${ERROR_RATE_QUERY}'
            direction: increase
            critical: true
            weight: 3
          - name: latency
            query: '${LATENCY_QUERY}'
            direction: increase
            weight: 1
`,
    );

    expect(run.result).toMatchObject({
      outcome: 'paused',
      exitCode: 3,
      message: 'analysis at step 2 is inconclusive; `gitcanary promote` to go on or `abort`',
    });
    const [judged] = judgments(run.events);
    expect(judged).toMatchObject({ verdict: 'inconclusive', value: 75 });
    expect(judged!.judgment!.metrics.map((metric) => [metric.name, metric.classification])).toEqual([
      ['error-rate', 'Pass'],
      ['latency', 'High'],
    ]);
    // Paused without a commit: the last commit is still the 10% step.
    expect(ops!.log().at(-1)!.subject).toBe('gitcanary(podinfo): setWeight 10 [1/6]');
  });

  it('says in the rollback commit that it compared with the spec.baseline workload the router sent traffic, scaled to 0 again', async () => {
    const run = await release('worse', ERROR_RATE, { baseline: true });

    expect(run.result.outcome).toBe('rolledBack');
    const evidence = ops!.log().at(-1)!.body.split('\n');
    expect(evidence.at(-1)).toBe(
      "  baseline: the spec.baseline workload (kustomization apps/podinfo/baseline), stable image at the canary's scale, with the canary's share of traffic through apisix → podinfo-baseline",
    );
    expect(judgments(run.events).at(-1)!.judgment!.comparedWith).toBe('baseline');
    // The 10% step sent the baseline 10% too; the rollback sends it nothing.
    expect(ops!.show(FILES.route, run.commits[1])).toMatch(
      /podinfo-baseline\n\s+servicePort: 80\n\s+weight: 10\n/,
    );
    expect(ops!.show(FILES.route)).toMatch(/podinfo-baseline\n\s+servicePort: 80\n\s+weight: 0\n/);
    expect(ops!.show(BASELINE)).toContain('count: 0');
    expect(ops!.show(BASELINE, run.commits[0])).toContain('count: 2');
  });
});
