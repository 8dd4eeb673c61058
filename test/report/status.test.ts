import { describe, expect, it } from 'vitest';
import {
  judgmentsOf,
  type ReleaseStatus,
  type StatusCommit,
  type StatusStep,
} from '../../src/engine/status.js';
import { formatJudgment, type Judgment } from '../../src/gates/judge/index.js';
import { parseGateEvidence } from '../../src/report/commit-evidence.js';
import { sanitizeGateResult } from '../../src/report/evidence.js';
import { recordedVerdicts, renderStatus } from '../../src/report/index.js';
import { renderTemplate } from '../../src/report/templates.js';
import { judgmentOf } from '../support/judgment.js';

// `gitcanary status` drawn from a status model with a fixed clock and a fixed zone: golden text for
// a terminal (colour) and for a log (none). The model is what releaseStatus reads from Git (the CLI
// test reads a real one); here each shape a release can be in.

const TZ = 'Europe/Berlin';
const STABLE = 'ghcr.io/stefanprodan/podinfo:6.0.0';
const CANARY = 'ghcr.io/stefanprodan/podinfo:6.1.0';

const STEPS: StatusStep[] = [
  { index: 1, kind: 'change', summary: 'setWeight 10', weight: 10 },
  { index: 2, kind: 'pause', summary: 'pause 30s', weight: 10 },
  { index: 3, kind: 'analysis', summary: 'analysis smoke', weight: 10, gates: ['smoke'] },
  { index: 4, kind: 'change', summary: 'setHeaderRoute podinfo-canary-by-header', weight: 10 },
  { index: 5, kind: 'change', summary: 'setWeight 30', weight: 30 },
  { index: 6, kind: 'pause', summary: 'pause 10m', weight: 30 },
  {
    index: 7,
    kind: 'analysis',
    summary: 'analysis smoke, error-rate',
    weight: 30,
    gates: ['smoke', 'error-rate'],
  },
  { index: 8, kind: 'change', summary: 'setWeight 60', weight: 60 },
  { index: 9, kind: 'pause', summary: 'pause until promoted', weight: 60 },
  { index: 10, kind: 'promote', summary: 'promote', weight: 0 },
];

const sha = (n: number) => `${n}`.repeat(40).slice(0, 40).replace(/^./, 'a');
const time = (hhmmss: string) => `2026-03-02T${hhmmss}.000Z`;

function commit(step: number, at: string, extra: Partial<StatusCommit> = {}): StatusCommit {
  return {
    sha: sha(step),
    time: time(at),
    subject: `gitcanary(podinfo): ${step === 0 ? `start canary of ${CANARY}` : STEPS[step - 1]?.summary} [${step}/10]`,
    step,
    action: step === 0 ? 'start' : 'step',
    phase: 'Progressing',
    weight: STEPS[step - 1]?.weight ?? 0,
    gates: [],
    ...extra,
  };
}

const smoke = {
  gate: 'smoke',
  kind: 'command',
  verdict: 'pass' as const,
  value: '0',
  threshold: 'exit 0',
  message: 'exit 0\nerror rate 0% at 10%',
};

const UNDER_WAY: StatusCommit[] = [
  commit(0, '11:50:00'),
  commit(1, '11:50:20'),
  commit(4, '11:51:05', { gates: [smoke] }),
  commit(5, '11:56:00'),
];

function status(overrides: Partial<ReleaseStatus>): ReleaseStatus {
  const commits = overrides.commits ?? UNDER_WAY;
  const last = commits.at(-1)!;
  return {
    release: 'podinfo',
    namespace: 'test',
    state: 'progressing',
    releaseId: 'fe4057851d40',
    image: CANARY,
    stableImage: STABLE,
    phase: 'Progressing',
    action: last.action,
    step: last.step,
    total: 10,
    weight: last.weight,
    lastCommit: { sha: last.sha, time: last.time, subject: last.subject },
    steps: STEPS,
    commits,
    passes: [],
    manifests: [{ target: 'apisix', role: 'canary', observed: { canaryWeight: last.weight } }],
    ...overrides,
  };
}

// 4m 10s before the 10-minute pause after step 5 ends.
const NOW = new Date(time('12:01:50'));

const waiting = status({
  next: { kind: 'wait', index: 6, until: time('12:06:00'), reason: 'pause' },
  waitingUntil: time('12:06:00'),
});

/** Colour codes made readable: ⟨31⟩red⟨39⟩. */
const visible = (text: string) => text.replace(/\u001b\[(\d+)m/g, '⟨$1⟩');

describe('gitcanary status', () => {
  it('draws a waiting release as a tree: done steps with commits and ages, gate verdicts, until when', async () => {
    const text = renderStatus(waiting, { now: NOW, timeZone: TZ });
    await expect(text).toMatchFileSnapshot('golden/status-waiting.txt');
    expect(text).toContain('in 4m 10s');
    expect(text).not.toContain('\u001b');
  });

  it('colours icons and tags as kubectl argo rollouts does when printing to a terminal', async () => {
    const text = renderStatus(waiting, { now: NOW, timeZone: TZ, color: true });
    await expect(visible(text)).toMatchFileSnapshot('golden/status-waiting.tty.txt');
    // Colour never changes the layout.
    expect(text.replace(/\u001b\[\d+m/g, '')).toBe(renderStatus(waiting, { now: NOW, timeZone: TZ }));
  });

  it('shows a paused release waiting for gitcanary promote', async () => {
    const commits = [...UNDER_WAY, commit(8, '12:07:30', { gates: [{ ...smoke, message: 'exit 0' }] })];
    const text = renderStatus(
      status({
        state: 'paused',
        phase: 'Paused',
        commits,
        next: { kind: 'paused', index: 9, reason: 'pause' },
      }),
      { now: new Date(time('12:30:00')), timeZone: TZ },
    );
    await expect(text).toMatchFileSnapshot('golden/status-paused.txt');
  });

  it('shows a rolled-back release: the failed gate under its analysis, what never ran, the rollback commit', async () => {
    const failed = {
      gate: 'error-rate',
      kind: 'prometheus',
      verdict: 'fail' as const,
      value: '7.5',
      threshold: '<= 1',
      message: '1 of 1 measurements failed (limit 0): error-rate = 7.5 (threshold <= 1)',
    };
    const rollback = commit(5, '12:06:40', {
      sha: 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',
      subject: `gitcanary(podinfo): roll back canary of ${CANARY} [5/10]`,
      action: 'rollback',
      phase: 'Failed',
      weight: 0,
      gates: [{ ...smoke, message: 'exit 0' }, failed],
    });
    const ended = status({
      state: 'finished',
      phase: 'Failed',
      commits: [...UNDER_WAY, rollback],
      next: { kind: 'done' },
    });
    const text = renderStatus(ended, { now: new Date(time('12:10:00')), timeZone: TZ });
    await expect(text).toMatchFileSnapshot('golden/status-rolled-back.txt');
    expect(recordedVerdicts(ended).map((v) => [v.gate.gate, v.step?.index])).toEqual([
      ['smoke', 3],
      ['smoke', 7],
      ['error-rate', 7],
    ]);
  });

  it('shows a promoted release, every step done and the stable image the candidate', async () => {
    const commits = [
      ...UNDER_WAY,
      commit(8, '12:07:30', { gates: [{ ...smoke, message: 'exit 0' }] }),
      commit(9, '12:20:00', {
        action: 'resume',
        subject: 'gitcanary(podinfo): resume after setWeight 60 [9/10]',
      }),
      commit(10, '12:20:05', { action: 'promote', phase: 'Promoted', weight: 0 }),
    ];
    const text = renderStatus(
      status({ state: 'finished', phase: 'Promoted', stableImage: CANARY, commits, next: { kind: 'done' } }),
      { now: new Date('2026-03-03T09:00:00Z'), timeZone: TZ },
    );
    await expect(text).toMatchFileSnapshot('golden/status-promoted.txt');
    expect(text).toContain('(stable, canary)');
  });

  it('shows the analysis the next run evaluates once a pause has elapsed, and one not recorded yet', () => {
    const afterFirst = UNDER_WAY.slice(0, 2);
    const due = renderStatus(status({ commits: afterFirst, next: { kind: 'analysis', index: 3 } }), {
      now: new Date(time('11:51:00')),
      timeZone: TZ,
    });
    expect(due).toContain(
      'Message:         next: analysis smoke at step 3/10, evaluated by the next `gitcanary run` or `step`',
    );
    expect(due).toMatch(/├──✔ 2 pause 30s +✔ Done +10% +elapsed\n/);
    expect(due).toMatch(
      /├──◌ 3 analysis smoke +◌ Next +10% +evaluated by the next `gitcanary run` or `step`\n/,
    );

    // A `step` job that committed setWeight 30 and exited: the analysis after the 10m pause comes
    // after it; one before a pause would show as not recorded yet.
    const steps: StatusStep[] = [
      { index: 1, kind: 'change', summary: 'setWeight 10', weight: 10 },
      { index: 2, kind: 'analysis', summary: 'analysis smoke', weight: 10, gates: ['smoke'] },
      { index: 3, kind: 'pause', summary: 'pause 10m', weight: 10 },
      { index: 4, kind: 'promote', summary: 'promote', weight: 0 },
    ];
    const unrecorded = renderStatus(
      status({
        steps,
        total: 4,
        commits: [commit(0, '11:50:00'), commit(1, '11:50:20')],
        next: { kind: 'wait', index: 3, until: time('12:00:20'), reason: 'pause' },
      }),
      { now: new Date(time('11:52:00')), timeZone: TZ },
    );
    expect(unrecorded).toMatch(
      /├──\? 2 analysis smoke +\? Unrecorded +10% +runs before the next commit, which records its verdicts\n/,
    );
    expect(unrecorded).toMatch(/├──◷ 3 pause 10m +◷ Waiting +10% +until 13:00:20 CET \(in 8m 20s\)\n/);

    // The pass the engine noted on the newest commit (refs/notes/gitcanary) says it ran.
    const noted = renderStatus(
      status({
        steps,
        total: 4,
        commits: [commit(0, '11:50:00'), commit(1, '11:50:20')],
        passes: [{ step: 2, verdict: 'pass', at: time('11:50:40') }],
        next: { kind: 'wait', index: 3, until: time('12:00:40'), reason: 'pause' },
      }),
      { now: new Date(time('11:52:00')), timeZone: TZ },
    );
    expect(noted).toMatch(/├──✔ 2 analysis smoke +✔ Done +10% +1m 20s +passed, noted in Git\n/);
  });

  it('says when failed checks reached the threshold and the next run rolls back', () => {
    const text = renderStatus(
      status({
        failedChecks: 2,
        threshold: 2,
        next: { kind: 'rollback', failedChecks: 2, threshold: 2 },
      }),
      { now: NOW, timeZone: TZ },
    );
    expect(text).toContain('Message:         2 failed checks reached the threshold of 2');
    expect(text).toMatch(/6 pause 10m +✖ Failed +\d+% +2 failed checks of 2: the next run rolls back/);
  });

  it('says when no release was ever started', () => {
    const text = renderStatus(
      {
        release: 'podinfo',
        namespace: 'test',
        state: 'none',
        total: 10,
        steps: STEPS,
        commits: [],
        passes: [],
        manifests: [],
      },
      { now: NOW, timeZone: TZ },
    );
    expect(text).toBe(
      [
        'Name:            podinfo',
        'Namespace:       test',
        'Status:          • None',
        'Message:         no release found in the history of the branch',
        '',
      ].join('\n'),
    );
  });

  it('shows times in the zone asked for', () => {
    const tokyo = renderStatus(waiting, { now: NOW, timeZone: 'Asia/Tokyo' });
    expect(tokyo).toContain('until 21:06:00 GMT+9 (in 4m 10s)');
  });
});

describe('gitcanary status of a judged release', () => {
  /** A commit whose message records a judge gate's verdict, parsed back as releaseStatus does. */
  async function judgedCommit(judgment: Judgment): Promise<StatusCommit> {
    const message = await renderTemplate('commit-message', {
      subject: 'gitcanary(podinfo): rollback [7/10]',
      body: '',
      gates: [
        sanitizeGateResult({
          gate: 'kayenta',
          kind: 'judge',
          verdict: judgment.verdict,
          value: Number(judgment.score.toFixed(1)),
          threshold: 'pass >= 95, marginal >= 75',
          message: formatJudgment(judgment),
          measurements: [],
        }),
      ],
    });
    return commit(5, '12:06:40', {
      action: 'rollback',
      phase: 'RolledBack',
      weight: 0,
      gates: parseGateEvidence(message),
    });
  }

  it("prints the judge's per-metric table below the tree: medians, shift and interval, p-value, result", async () => {
    const judgment = judgmentOf(0.05, 0.01, {
      workload: 'kustomization apps/podinfo/baseline',
      traffic: ['apisix → podinfo-baseline'],
    });
    const commits = [...UNDER_WAY, await judgedCommit(judgment)];
    const text = renderStatus(status({ state: 'finished', commits, judgments: judgmentsOf(commits) }), {
      now: NOW,
      timeZone: TZ,
    });
    await expect(text).toMatchFileSnapshot('golden/status-judged.txt');
    const lines = text.split('\n');
    const at = lines.findIndex((line) => line.startsWith('Judge kayenta'));
    expect(lines[at]).toContain('score 0 (pass >= 95, marginal >= 75): fail');
    expect(lines[at]).toContain('(commit a555555, step 5)');
    expect(lines[at + 1]).toBe(
      "  Baseline: the spec.baseline workload (kustomization apps/podinfo/baseline), stable image at the canary's scale, with the canary's share of traffic through apisix → podinfo-baseline",
    );
    expect(lines[at + 2]).toMatch(
      /^ {2}METRIC +RESULT +CANARY MEDIAN +BASELINE MEDIAN +SHIFT \[98% INTERVAL\] +P-VALUE +CHANGE +SAMPLES$/,
    );
    expect(lines[at + 3]).toMatch(
      /^ {2}error-rate \(critical\) +High +0\.05\d* +0\.01\d* +\+0\.0398 \[\+0\.0391, \+0\.0406\] +\S+ +\+\d+% +41\/41$/,
    );
    expect(lines[at + 4]).toMatch(/^ {2}latency +Pass /);
  });

  it('flags a comparison with the stable pods', async () => {
    const commits = [...UNDER_WAY, await judgedCommit(judgmentOf(0.01, 0.01))];
    const text = renderStatus(status({ commits, judgments: judgmentsOf(commits) }), {
      now: NOW,
      timeZone: TZ,
    });
    expect(text).toContain(
      '  ⚠ Baseline: compared the canary with the stable pods (no spec.baseline workload)',
    );
  });

  it('shows the weight the manifests give the baseline backend next to the canary weight', () => {
    const text = renderStatus(
      status({
        manifests: [{ target: 'apisix', role: 'canary', observed: { canaryWeight: 30, baselineWeight: 30 } }],
      }),
      { now: NOW, timeZone: TZ },
    );
    expect(text).toContain(
      '  ActualWeight:  30 (the manifests now)\n  Baseline:      30 (the manifests now, to the baseline backend)',
    );
  });

  it('prints no judge block when no commit recorded a judgment', () => {
    expect(judgmentsOf(UNDER_WAY)).toEqual([]);
    expect(renderStatus(waiting, { now: NOW, timeZone: TZ })).not.toContain('Judge ');
  });
});
