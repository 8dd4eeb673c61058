import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { formatJudgment, type Judgment } from '../../src/gates/judge/index.js';
import type { GateResult } from '../../src/gates/types.js';
import { parseGateEvidence } from '../../src/report/commit-evidence.js';
import { sanitizeGateResult } from '../../src/report/evidence.js';
import { type ReleaseEvent, ReportFiles } from '../../src/report/index.js';
import { gateCase, gateCases, junitXml } from '../../src/report/junit.js';
import { renderTemplate } from '../../src/report/templates.js';
import { judgmentOf } from '../support/judgment.js';
import { parseDotenvLikeGitLab, validateJunit } from '../support/report-formats.js';

// `--junit`: each gate evaluation a test case, valid against the JUnit schema Jenkins uses, with
// the evidence as the text GitLab's Tests tab shows.

const where = { suite: 'podinfo [2/5] analysis smoke', classname: 'gitcanary.podinfo', time: 1.5 };

function result(verdict: GateResult['verdict'], message: string): GateResult {
  return {
    gate: 'smoke',
    kind: 'command',
    verdict,
    value: verdict === 'pass' ? 0 : 1,
    threshold: 'exit 0',
    message,
    measurements: [{ verdict, value: verdict === 'pass' ? 0 : 1, message, at: '2026-03-02T12:00:00.000Z' }],
  };
}

/** The text inside each result element, as GitLab's parser takes it (create_test_case). */
function resultTexts(xml: string): { element: string; text: string }[] {
  return [...xml.matchAll(/<(failure|error|skipped)[^>]*>([\s\S]*?)<\/\1>/g)].map((m) => ({
    element: m[1]!,
    text: m[2]!,
  }));
}

function tempDir(onTestFinished: TestContext['onTestFinished']): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-reports-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the JUnit report', () => {
  it('makes a failed gate a failure carrying its evidence, a passed one a pass, an inconclusive one skipped', async () => {
    const xml = junitXml('gitcanary podinfo', [
      gateCase(result('pass', 'exit 0'), where),
      gateCase(result('fail', 'exit 1\nerror rate 7% at 30%'), {
        ...where,
        suite: 'podinfo [4/5] analysis smoke',
      }),
      gateCase(result('inconclusive', 'query failed: connection refused'), {
        ...where,
        suite: 'podinfo [4/5] analysis smoke',
      }),
    ]);

    expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain(
      '<testsuites name="gitcanary podinfo" tests="3" failures="1" errors="0" time="4.500">',
    );
    expect(xml).toContain(
      '<testsuite name="podinfo [4/5] analysis smoke" tests="2" failures="1" errors="0" skipped="1" time="3.000">',
    );
    expect(resultTexts(xml)).toEqual([
      {
        element: 'failure',
        text: [
          'smoke (command): fail',
          'value: 1',
          'threshold: exit 0',
          'message: exit 1',
          'error rate 7% at 30%',
          'measurements:',
          '- 2026-03-02T12:00:00.000Z fail value=1: exit 1',
          'error rate 7% at 30%',
        ].join('\n'),
      },
      {
        element: 'skipped',
        text: expect.stringContaining('message: query failed: connection refused'),
      },
    ]);
    expect(xml).toContain('<failure message="smoke (command): fail value=1 threshold exit 0">');
  });

  it('stays valid XML whatever a gate printed: control characters, terminal escapes, markup, broken UTF-16', async () => {
    const hostile = 'NUL\u0000 BEL\u0007 \u001b[31mred\u001b[0m <b>&amp;"quoted"</b> \ud800 \ufffe end';
    const xml = junitXml(`gitcanary ${hostile}`, [
      gateCase({ ...result('fail', hostile), gate: `smoke${hostile}` }, { ...where, suite: hostile }),
    ]);

    expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('NUL\ufffd BEL\ufffd red &lt;b&gt;&amp;amp;"quoted"&lt;/b&gt; \ufffd \ufffd end');
    expect(xml).toContain('&quot;quoted&quot;');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  });

  it('is written with the command as a test case of its own, and the dotenv file from the events, when the release rolls back', async ({
    onTestFinished,
  }) => {
    const dir = tempDir(onTestFinished);
    let now = Date.parse('2026-03-02T12:00:00.000Z');
    const files = new ReportFiles({
      command: 'run',
      dotenv: path.join(dir, 'gitcanary.env'),
      junit: path.join(dir, 'junit.xml'),
      now: () => new Date(now),
    });
    const events: ReleaseEvent[] = [
      {
        type: 'release',
        action: 'start',
        release: 'podinfo',
        releaseId: 'fe4057851d40',
        image: 'podinfo:6.1.0',
        steps: 5,
      },
      {
        type: 'commit',
        sha: 'a'.repeat(40),
        index: 0,
        total: 5,
        action: 'start',
        phase: 'Progressing',
        weight: 0,
        attempts: 1,
        subject: 's',
      },
      { type: 'step', index: 1, total: 5, summary: 'analysis smoke' },
      { type: 'gate', result: result('pass', 'exit 0') },
      { type: 'step', index: 2, total: 5, summary: 'analysis smoke' },
      { type: 'gate', result: result('fail', 'exit 1') },
      {
        type: 'commit',
        sha: 'b'.repeat(40),
        index: 0,
        total: 5,
        action: 'rollback',
        phase: 'Failed',
        weight: 0,
        attempts: 1,
        subject: 'r',
      },
      { type: 'done', outcome: 'rolledBack', exitCode: 1, message: 'gate failed at step 2/5; rolled back' },
    ];
    for (const event of events) {
      files.event(event);
      now += 2_000;
    }
    await files.write(1);

    const xml = readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
    expect([...xml.matchAll(/<testcase name="([^"]*)"/g)].map((m) => m[1])).toEqual([
      'smoke (command)',
      'smoke (command)',
      'gitcanary run',
    ]);
    // Each gate took the time from its step's start to its verdict.
    expect([...xml.matchAll(/<testcase [^>]*time="([^"]*)"/g)].map((m) => m[1])).toEqual(['2.000', '2.000']);
    expect(xml).toContain('<testcase name="gitcanary run" classname="gitcanary.podinfo"');
    expect(xml).toContain('<failure message="rolledBack: gate failed at step 2/5; rolled back">');
    expect(parseDotenvLikeGitLab(readFileSync(path.join(dir, 'gitcanary.env'), 'utf8'))).toEqual({
      GITCANARY_PHASE: 'Failed',
      GITCANARY_STEP: '0',
      GITCANARY_STEPS: '5',
      GITCANARY_WEIGHT: '0',
      GITCANARY_COMMIT: 'b'.repeat(40),
      GITCANARY_IMAGE: 'podinfo:6.1.0',
      GITCANARY_RELEASE_ID: 'fe4057851d40',
      GITCANARY_OUTCOME: 'rolledBack',
    });
  });

  it('reports a command that failed before the release was known as an error case, and writes no dotenv file', async ({
    onTestFinished,
  }) => {
    const dir = tempDir(onTestFinished);
    const files = new ReportFiles({
      command: 'step',
      dotenv: path.join(dir, 'gitcanary.env'),
      junit: path.join(dir, 'junit.xml'),
    });
    files.event({
      type: 'error',
      code: 'CONFIG_INVALID',
      message: 'weight must be between 0 and 100; got 150',
      file: 'gitcanary.yaml',
      line: 22,
      field: 'spec.steps[2].setWeight',
      exitCode: 2,
    });
    await files.write(2);

    const xml = readFileSync(path.join(dir, 'junit.xml'), 'utf8');
    expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(resultTexts(xml)).toEqual([
      {
        element: 'error',
        text: 'weight must be between 0 and 100; got 150\ngitcanary.yaml:22\nspec.steps[2].setWeight',
      },
    ]);
    expect(xml).toContain('<error message="CONFIG_INVALID: weight must be between 0 and 100; got 150">');
    expect(() => readFileSync(path.join(dir, 'gitcanary.env'))).toThrow(/ENOENT/);
  });
});

describe('the JUnit report of a judge gate', () => {
  function judged(judgment: Judgment): GateResult {
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

  it('adds a case per judged metric: its medians, shift with interval, p-value and classification', async () => {
    const judgment = judgmentOf(0.05, 0.01, {
      workload: 'kustomization apps/podinfo/baseline',
      traffic: ['apisix → podinfo-baseline'],
    });
    const xml = junitXml('gitcanary podinfo', gateCases(judged(judgment), where));
    expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('tests="3" failures="2"');
    expect(xml).toContain('<testcase name="kayenta › error-rate" classname="gitcanary.podinfo">');
    const errors = judgment.metrics[0]!;
    const [gateFailure, metricFailure] = resultTexts(xml);
    expect(gateFailure!.text).toContain('error-rate (critical)  High');
    expect(metricFailure!.element).toBe('failure');
    expect(metricFailure!.text.split('\n')).toEqual([
      'error-rate (critical): High',
      `canary median: ${Number(errors.canary.summary.median.toPrecision(3))}`,
      `baseline median: ${Number(errors.baseline.summary.median.toPrecision(3))}`,
      'shift [98% interval]: +0.0398 [+0.0391, +0.0406]',
      'p-value: 5.9e-15',
      'change: +400%',
      'samples (canary/baseline): 41/41',
      'error-rate: canary higher: 98% interval of the shift [+0.0391, +0.0406] is above 0, mean +400% (allowed +25%)',
      "baseline: the spec.baseline workload (kustomization apps/podinfo/baseline), stable image at the canary's scale, with the canary's share of traffic through apisix → podinfo-baseline",
    ]);
    expect(xml).toMatch(
      /<testcase name="kayenta › latency" classname="gitcanary.podinfo">\n\s+<system-out>latency: Pass\n/,
    );
  });

  it('skips a High metric the score still allowed, and reads the same cases from a commit message', async () => {
    const judgment = judgmentOf(0.05, 0.01);
    const lenient = { ...judged(judgment), verdict: 'inconclusive' as const };
    const message = await renderTemplate('commit-message', { subject: 's', body: '', gates: [lenient] });
    const [evidence] = parseGateEvidence(message);
    for (const gate of [lenient, evidence!]) {
      const xml = junitXml('gitcanary podinfo', gateCases(gate, where));
      expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
      expect(xml).toContain('tests="3" failures="0"');
      expect(xml).toContain(
        '<skipped message="error-rate: High, shift +0.0398 [+0.0391, +0.0406], p-value 5.9e-15 (judgment inconclusive)">',
      );
    }
  });

  it('adds no metric cases for other gates', () => {
    expect(gateCases(result('fail', 'exit 1'), where)).toHaveLength(1);
  });
});
