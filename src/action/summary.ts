import type { ReleaseStatus } from '../engine/status.js';
import { GitcanaryError } from '../errors.js';
import type { Judgment } from '../gates/judge/index.js';
import type { GateResult } from '../gates/types.js';
import type { ReleaseEvent } from '../report/events.js';
import { type JudgmentView, latestJudgmentViews } from '../report/judgments.js';
import { maskSecrets } from '../report/secrets.js';
import { renderTemplate } from '../report/templates.js';
import type { GateEvidence, RecordedCommit, ReleaseRecord } from './history.js';

// The job summary: the release as a table (step, weight, commit, gate verdicts with their measured
// values, time the step took) and mermaid charts GitHub renders natively, drawn from the release's
// commits (the whole release, also when this job made one step of it) and this run's events.

export interface SummaryInput {
  command: string;
  /** Release name, when the config could be read. */
  release?: string | undefined;
  exitCode: number;
  /** This run's events, in order. */
  events: readonly ReleaseEvent[];
  /** The release's commits, from the history of the branch. */
  record?: ReleaseRecord | undefined;
  /** Where the release stands now (the same `releaseStatus` the CLI prints). */
  status?: ReleaseStatus | undefined;
  error?: unknown;
  /** Web link of a commit of the GitOps repository, when it has a web home. */
  commitUrl?: ((sha: string) => string | undefined) | undefined;
}

interface Row {
  step: string;
  change: string;
  weight: string;
  commit: string;
  gates: string;
  duration: string;
}

interface Chart {
  title: string;
  xTitle: string;
  categories: string;
  yTitle: string;
  range: string;
  /** One or more series over the same categories (a judged metric: canary, then baseline). */
  series: { kind: 'line' | 'bar'; values: string }[];
}

/** Points a judged metric's chart draws at most (every k-th sample beyond). */
const MAX_CHART_POINTS = 60;

const VERDICT_ICON: Record<string, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️' };

const OUTCOME_ICON: Record<string, string> = {
  promoted: '✅',
  stepped: '⏩',
  noop: '✅',
  waiting: '⏸️',
  paused: '⏸️',
  rolledBack: '↩️',
  aborted: '↩️',
  superseded: '⏭️',
};

/** The summary as GitHub-flavoured markdown, secrets masked. */
export async function renderSummary(input: SummaryInput): Promise<string> {
  return maskSecrets(await renderTemplate('job-summary', summaryView(input)));
}

/** What the template shows; exported for tests of the parts a template can't be asked about. */
export function summaryView(input: SummaryInput) {
  const done = [...input.events].reverse().find((event) => event.type === 'done');
  const outcome = done?.type === 'done' ? done.outcome : undefined;
  const fold = foldEvents(input.events);
  const commits = input.record?.commits ?? [];
  const rows: Row[] = commits.map((commit, index) => ({
    step: `${commit.step}/${commit.total}`,
    change: cell(changeOf(commit, input.record?.release)),
    weight: `${commit.weight}%`,
    commit: commitCell(commit.sha, input.commitUrl),
    gates: cell(
      [...commit.gates, ...(fold.afterCommit.get(commit.sha) ?? []).map(evidenceOf)]
        .map(describeGate)
        .join('<br>'),
    ),
    duration: index === 0 ? '—' : formatDuration(elapsed(commits[index - 1]!.time, commit.time)),
  }));
  if (fold.pending.length > 0 && fold.pendingStep) {
    rows.push({
      step: `${fold.pendingStep.index}/${fold.pendingStep.total}`,
      change: cell(`${fold.pendingStep.summary} (no commit)`),
      weight: commits.length > 0 ? `${commits.at(-1)!.weight}%` : '—',
      commit: '—',
      gates: cell(fold.pending.map(evidenceOf).map(describeGate).join('<br>')),
      duration: '—',
    });
  }
  const status = input.status;
  const facts: { label: string; value: string }[] = [];
  const fact = (label: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') facts.push({ label, value: cell(String(value)) });
  };
  if (status && status.state !== 'none') {
    fact('Image', code(status.image));
    fact('Stable', code(status.stableImage));
    fact('Phase', status.phase);
    fact('Step', `${status.step}/${status.total}${status.nextStep ? `, next: ${status.nextStep}` : ''}`);
    fact('Canary weight', `${status.weight}%`);
    fact('Waiting until', status.waitingUntil);
    fact('Release id', code(status.releaseId));
  }
  if (commits.length > 1) fact('Duration', formatDuration(elapsed(commits[0]!.time, commits.at(-1)!.time)));
  return {
    command: input.command,
    release: input.release ?? '',
    icon: input.error === undefined ? (OUTCOME_ICON[outcome ?? ''] ?? 'ℹ️') : '❌',
    outcome: outcome ?? (input.error === undefined ? '' : 'failed'),
    message: done?.type === 'done' ? done.message : '',
    error: input.error === undefined ? '' : describeError(input.error),
    exitCode: input.exitCode,
    facts,
    rows,
    judgments: judgments(commits, input.events),
    charts: [
      weightChart(commits),
      ...gateCharts(commits, fold),
      ...latestJudgments(input.events).flatMap(judgmentCharts),
    ].filter((chart) => chart !== undefined),
  };
}

interface EventFold {
  /** Gates evaluated right after a commit (its sync), which its message cannot hold. */
  afterCommit: Map<string, GateResult[]>;
  /** Gates evaluated after this run's last commit: not in any commit message. */
  pending: GateResult[];
  pendingStep: { index: number; total: number; summary: string } | undefined;
}

function foldEvents(events: readonly ReleaseEvent[]): EventFold {
  const afterCommit = new Map<string, GateResult[]>();
  let lastCommit: string | undefined;
  let pending: GateResult[] = [];
  let pendingStep: EventFold['pendingStep'];
  for (const event of events) {
    if (event.type === 'commit') {
      lastCommit = event.sha;
      pending = [];
      pendingStep = undefined;
    } else if (event.type === 'step') {
      lastCommit = undefined;
      pendingStep = event;
    } else if (event.type === 'gate') {
      if (lastCommit !== undefined)
        afterCommit.set(lastCommit, [...(afterCommit.get(lastCommit) ?? []), event.result]);
      else pending.push(event.result);
    }
  }
  return { afterCommit, pending, pendingStep };
}

function evidenceOf(result: GateResult): GateEvidence {
  return {
    gate: result.gate,
    kind: result.kind,
    verdict: result.verdict,
    value: result.value === undefined ? undefined : String(result.value),
    threshold: result.threshold,
    message: result.message,
  };
}

function describeGate(gate: GateEvidence): string {
  const value = gate.value === undefined ? '' : ` ${gate.value}`;
  const threshold = gate.threshold === undefined ? '' : ` (${gate.threshold})`;
  return `${VERDICT_ICON[gate.verdict] ?? ''} ${gate.gate}${value}${threshold}`.trim();
}

/** The commit subject without `gitcanary(<name>): ` and ` [i/N]`. */
function changeOf(commit: RecordedCommit, release: string | undefined): string {
  const prefix = `gitcanary(${release ?? ''}): `;
  const subject = commit.subject.startsWith(prefix) ? commit.subject.slice(prefix.length) : commit.subject;
  return subject.replace(/ \[\d+\/\d+\]$/, '');
}

function commitCell(sha: string, commitUrl: SummaryInput['commitUrl']): string {
  const url = commitUrl?.(sha);
  return url === undefined ? `\`${sha.slice(0, 7)}\`` : `[\`${sha.slice(0, 7)}\`](${url})`;
}

/** The canary weight at each commit of the release, over the time since its start. */
function weightChart(commits: readonly RecordedCommit[]): Chart | undefined {
  if (commits.length === 0) return undefined;
  const start = commits[0]!.time;
  return {
    title: 'Canary weight',
    xTitle: 'time since start',
    categories: commits
      .map((commit) => label(`+${formatDuration(elapsed(start, commit.time), '')}`))
      .join(', '),
    yTitle: 'weight %',
    range: ' 0 --> 100',
    series: [{ kind: 'line', values: commits.map((commit) => chartNumber(commit.weight)).join(', ') }],
  };
}

/** One chart per gate with numeric values: what it measured at each step. */
function gateCharts(commits: readonly RecordedCommit[], fold: EventFold): Chart[] {
  const series = new Map<string, { step: string; value: number }[]>();
  // Labelled by the commit that recorded the verdicts: `step 3`, `rollback 3`, `promote 5`.
  const add = (step: string, gates: readonly GateEvidence[]) => {
    for (const gate of gates) {
      const value = Number(gate.value);
      if (gate.value === undefined || gate.value.trim() === '' || !Number.isFinite(value)) continue;
      series.set(gate.gate, [...(series.get(gate.gate) ?? []), { step, value }]);
    }
  };
  for (const commit of commits) {
    add(`${commit.action} ${commit.step}`, [
      ...commit.gates,
      ...(fold.afterCommit.get(commit.sha) ?? []).map(evidenceOf),
    ]);
  }
  if (fold.pendingStep) add(`step ${fold.pendingStep.index}`, fold.pending.map(evidenceOf));
  return [...series].map(([gate, points]) => ({
    title: `Gate ${gate}`,
    xTitle: 'measured at',
    categories: unique(points.map((point) => point.step))
      .map(label)
      .join(', '),
    yTitle: 'value',
    range: '',
    series: [{ kind: 'bar', values: points.map((point) => chartNumber(point.value)).join(', ') }],
  }));
}

/** This run's newest result of each judge gate that judged (it carries both series). */
function latestJudgments(events: readonly ReleaseEvent[]): { gate: string; judgment: Judgment }[] {
  const latest = new Map<string, Judgment>();
  for (const event of events) {
    if (event.type === 'gate' && event.result.judgment !== undefined)
      latest.set(event.result.gate, event.result.judgment);
  }
  return [...latest].map(([gate, judgment]) => ({ gate, judgment }));
}

/**
 * Each judge gate's newest per-metric table: from this run's result when it judged, else from the
 * newest commit whose gate evidence records one (a job that made one step of the release).
 */
function judgments(commits: readonly RecordedCommit[], events: readonly ReleaseEvent[]): JudgmentView[] {
  return latestJudgmentViews([
    ...commits.flatMap((commit) => commit.gates),
    ...events.flatMap((event) => (event.type === 'gate' ? [evidenceOf(event.result)] : [])),
  ]);
}

/** Per judged metric, both series over the judgment's window: canary first, baseline second. */
function judgmentCharts({ gate, judgment }: { gate: string; judgment: Judgment }): Chart[] {
  const start = Date.parse(judgment.window.start) / 1000;
  return judgment.metrics.flatMap((metric) => {
    const baseline = new Map(metric.baseline.samples);
    // Both groups' samples at the same instants (a range query's steps), thinned to a readable chart.
    const paired = metric.canary.samples
      .filter(
        ([at, value]) => baseline.has(at) && Number.isFinite(value) && Number.isFinite(baseline.get(at)),
      )
      .map(([at, value]) => ({ at, canary: value, baseline: baseline.get(at)! }));
    if (paired.length === 0) return [];
    const every = Math.ceil(paired.length / MAX_CHART_POINTS);
    const points = paired.filter((_, index) => index % every === 0);
    return [
      {
        title:
          `Judge ${gate}: ${metric.name} ${metric.classification}, ${metric.canary.group} (first line) vs ${metric.baseline.group} (second)`.replace(
            /"/g,
            "'",
          ),
        xTitle: 'since window start',
        categories: unique(points.map((point) => `+${formatDuration((point.at - start) * 1000, '')}`))
          .map(label)
          .join(', '),
        yTitle: metric.name,
        range: '',
        series: [
          { kind: 'line', values: points.map((point) => chartNumber(point.canary)).join(', ') },
          { kind: 'line', values: points.map((point) => chartNumber(point.baseline)).join(', ') },
        ],
      },
    ];
  });
}

/** Band labels must differ, or mermaid draws two bars in one place: repeats get ` (2)`, ` (3)`… */
function unique(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((text) => {
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    return count === 1 ? text : `${text} (${count})`;
  });
}

/** A quoted xychart label: mermaid's lexer ends a string at the next `"`. */
function label(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}

/** A plain decimal: mermaid's xychart lexer reads no exponent (`1e-7`). */
export function chartNumber(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(12).replace(/0+$/, '').replace(/\.$/, '');
}

function elapsed(from: string, to: string): number {
  return Math.max(0, Date.parse(to) - Date.parse(from));
}

/** `1h 5m`, `2m 30s`, `12s`. */
export function formatDuration(ms: number, separator = ' '): string {
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = h > 0 ? [`${h}h`, `${m}m`] : m > 0 ? [`${m}m`, `${s}s`] : [`${s}s`];
  return parts.filter((part, index) => index === 0 || !part.startsWith('0')).join(separator);
}

function describeError(error: unknown): string {
  if (error instanceof GitcanaryError) return `${error.code}: ${error.format()}`;
  return error instanceof Error ? error.message : String(error);
}

function code(text: string | undefined): string | undefined {
  return text === undefined ? undefined : `\`${text}\``;
}

/** Text for one table cell: no pipe ends the cell, no newline ends the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
