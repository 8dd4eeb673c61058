import { describe, expect, it } from 'vitest';
import type { RecordedCommit } from '../../src/action/history.js';
import { renderSummary } from '../../src/action/summary.js';
import { formatJudgment, type Judgment } from '../../src/gates/judge/index.js';
import type { GateResult } from '../../src/gates/types.js';
import { parseGateEvidence } from '../../src/report/commit-evidence.js';
import type { ReleaseEvent } from '../../src/report/events.js';
import { sanitizeGateResult } from '../../src/report/evidence.js';
import { renderTemplate } from '../../src/report/templates.js';
import { judgmentOf } from '../support/judgment.js';
import { mermaidBlocks, parseXyChart } from './mermaid.js';

// The job summary shows a judge gate's per-metric table (medians, shift with its interval, p-value,
// classification) and, when this run judged, a chart of both series per metric.

function judgeResult(judgment: Judgment): GateResult {
  return sanitizeGateResult({
    gate: 'kayenta',
    kind: 'judge',
    verdict: judgment.verdict,
    value: Number(judgment.score.toFixed(1)),
    threshold: 'pass >= 95, marginal >= 75',
    message: formatJudgment(judgment),
    measurements: [],
    judgment,
  });
}

function commit(step: number, gates: RecordedCommit['gates'] = []): RecordedCommit {
  return {
    sha: `${step}`.repeat(40),
    time: new Date(Date.UTC(2026, 2, 2, 11, 50 + step)).toISOString(),
    subject: `gitcanary(shop): step ${step} [${step}/4]`,
    step,
    total: 4,
    weight: step * 10,
    phase: 'Progressing',
    action: 'step',
    image: 'shop:2',
    gates,
  };
}

describe('the job summary of a judged release', () => {
  it("tables each metric and charts the canary's and the baseline's series", async () => {
    const judgment = judgmentOf(0.05, 0.01, {
      workload: 'kustomization apps/shop/baseline',
      traffic: ['apisix → shop-baseline'],
    });
    const events: ReleaseEvent[] = [{ type: 'gate', result: judgeResult(judgment) }];
    const markdown = await renderSummary({
      command: 'run',
      release: 'shop',
      exitCode: 1,
      events,
      record: { release: 'shop', releaseId: 'r1', commits: [commit(0), commit(1)] },
    });
    expect(markdown).toContain('#### ❌ Judge kayenta: score 0 (pass >= 95, marginal >= 75): fail');
    expect(markdown).toContain(
      "Baseline: the spec.baseline workload (kustomization apps/shop/baseline), stable image at the canary's scale, with the canary's share of traffic through apisix → shop-baseline",
    );
    expect(markdown).toContain(
      '| Metric | Result | Canary median | Baseline median | Shift [98% interval] | p-value | Change | Samples |',
    );
    const errors = judgment.metrics[0]!;
    expect(markdown).toContain(
      `| error-rate (critical) | High | ${Number(errors.canary.summary.median.toPrecision(3))} | ${Number(errors.baseline.summary.median.toPrecision(3))} | +0.0398 [+0.0391, +0.0406] |`,
    );
    expect(markdown).toMatch(/\| latency \| Pass \| 0\.2\d* \| 0\.2\d* \|/);

    const charts = mermaidBlocks(markdown).map(parseXyChart);
    const judged = charts.filter((chart) => chart.title.startsWith('Judge kayenta: '));
    expect(judged.map((chart) => chart.title)).toEqual([
      'Judge kayenta: error-rate High, canary (first line) vs baseline (second)',
      'Judge kayenta: latency Pass, canary (first line) vs baseline (second)',
    ]);
    const [canary, baseline] = judged[0]!.series;
    expect(canary!.values).toEqual(errors.canary.samples.map(([, value]) => value));
    expect(baseline!.values).toEqual(errors.baseline.samples.map(([, value]) => value));
    expect(judged[0]!.categories[0]).toBe('+0s');
    expect(judged[0]!.categories.at(-1)).toBe('+10m');
  });

  it('tables a judgment recorded in a commit message when this job did not judge, flagging a stable-pods comparison', async () => {
    const judgment = judgmentOf(0.01, 0.01);
    const message = await renderTemplate('commit-message', {
      subject: 'gitcanary(shop): setWeight 20 [2/4]',
      body: '',
      gates: [judgeResult(judgment)],
    });
    const markdown = await renderSummary({
      command: 'step',
      release: 'shop',
      exitCode: 0,
      events: [],
      record: {
        release: 'shop',
        releaseId: 'r1',
        commits: [commit(0), commit(2, parseGateEvidence(message))],
      },
    });
    expect(markdown).toContain('#### ✅ Judge kayenta: score 100 (pass >= 95, marginal >= 75): pass');
    expect(markdown).toContain(
      '⚠️ Baseline: compared the canary with the stable pods (no spec.baseline workload)',
    );
    expect(markdown).toMatch(/\| error-rate \(critical\) \| Pass \|/);
    // Only the samples of a run draw a chart: the commit keeps the table.
    expect(
      mermaidBlocks(markdown)
        .map(parseXyChart)
        .some((chart) => chart.title.startsWith('Judge')),
    ).toBe(false);
  });

  it('draws at most 60 points per series', async () => {
    const judgment = judgmentOf(0.05, 0.01);
    const long = (samples: [number, number][]) =>
      Array.from(
        { length: 300 },
        (_, i) => [samples[0]![0] + i, samples[i % samples.length]![1]] as [number, number],
      );
    const metrics = judgment.metrics.map((metric) => ({
      ...metric,
      canary: { ...metric.canary, samples: long(metric.canary.samples) },
      baseline: { ...metric.baseline, samples: long(metric.baseline.samples) },
    }));
    const markdown = await renderSummary({
      command: 'run',
      exitCode: 0,
      events: [{ type: 'gate', result: { ...judgeResult(judgment), judgment: { ...judgment, metrics } } }],
    });
    const judged = mermaidBlocks(markdown)
      .map(parseXyChart)
      .filter((chart) => chart.title.startsWith('Judge'));
    expect(judged).toHaveLength(2);
    for (const chart of judged) {
      expect(chart.categories.length).toBeLessThanOrEqual(60);
      expect(chart.series).toHaveLength(2);
    }
  });
});
