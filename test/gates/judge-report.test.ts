import { describe, expect, it } from 'vitest';
import { formatJudgment, parseJudgment } from '../../src/gates/judge/index.js';
import { parseGateEvidence } from '../../src/report/commit-evidence.js';
import { sanitizeGateResult } from '../../src/report/evidence.js';
import { renderTemplate } from '../../src/report/templates.js';
import { judgmentOf } from '../support/judgment.js';

// The judgment table is evidence: written into the gate's message (and so the commit's "Gate
// evidence:" block), it reads back row by row from Git alone, for status, JUnit and summaries.

describe('the judgment table as evidence', () => {
  it('reads back every row, the confidence and what the canary was compared with, from its text', () => {
    const judgment = judgmentOf(0.05, 0.01);
    const table = parseJudgment(formatJudgment(judgment))!;
    expect(table.headline).toMatch(
      /^score 0 \(pass >= 95, marginal >= 75\): fail; 1 of 2 metrics pass; critical error-rate High$/,
    );
    expect(table.confidence).toBe('98%');
    expect(table.rows.map((row) => [row.metric, row.critical, row.classification])).toEqual([
      ['error-rate', true, 'High'],
      ['latency', false, 'Pass'],
    ]);
    const [errors] = table.rows;
    expect(errors!.canaryMedian).toBe(
      String(Number(judgment.metrics[0]!.canary.summary.median.toPrecision(3))),
    );
    expect(errors!.shift).toBe('+0.0398 [+0.0391, +0.0406]');
    expect(errors!.samples).toBe('41/41');
    expect(table.comparedWith).toBe('stable');
    expect(table.baseline).toContain('compared the canary with the stable pods');
  });

  it('survives the commit message: sanitised, written by the template, parsed back from the evidence block', async () => {
    const judgment = judgmentOf(0.05, 0.01, {
      workload: 'kustomization apps/shop/baseline',
      traffic: ['istio → shop-baseline'],
    });
    const result = sanitizeGateResult({
      gate: 'judge',
      kind: 'judge',
      verdict: judgment.verdict,
      value: 0,
      threshold: 'pass >= 95, marginal >= 75',
      message: formatJudgment(judgment),
      measurements: [],
      judgment,
    });
    const message = await renderTemplate('commit-message', {
      subject: 'gitcanary(shop): rollback [3/5]',
      body: '',
      gates: [result],
    });
    const [evidence] = parseGateEvidence(message);
    const table = parseJudgment(evidence!.message)!;
    expect(table.rows).toEqual(parseJudgment(formatJudgment(judgment))!.rows);
    expect(table.comparedWith).toBe('baseline');
    expect(table.baseline).toContain('through istio → shop-baseline');
  });

  it('is no table for a message that holds none', () => {
    expect(parseJudgment('exit 0')).toBeUndefined();
  });
});
