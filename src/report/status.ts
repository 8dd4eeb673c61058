import type { ReleaseStatus, StatusCommit, StatusJudgment, StatusStep } from '../engine/status.js';
import type { GateEvidence } from './commit-evidence.js';
import {
  type Colors,
  colors,
  describeUntil,
  humanDuration,
  localTime,
  padVisible,
  terminalSafe,
  visibleLength,
} from './format.js';
import { maskSecrets } from './secrets.js';

// `gitcanary status` drawn the way `kubectl argo rollouts get rollout` draws a Rollout
// (argo-rollouts pkg/kubectl-argo-rollouts/cmd/get/get_rollout.go PrintRollout and
// PrintRolloutTree, cmd/get/get.go getPrefixes and colorMapping, info/info.go icons): a block of
// `Label:  value` lines, then a tree with NAME / STATUS / … columns, branches drawn with ├── └── │,
// and the same icons and colours. Here the tree is the plan: each step with its commit, weight and
// age, each analysis with its gates' verdicts, and what the release waits for and until when.
// Pure: the status (read from Git), the time and the zone in, text out.

// argo-rollouts info/info.go
const ICON = {
  waiting: '◷',
  progressing: '◌',
  warning: '⚠',
  unknown: '?',
  ok: '✔',
  bad: '✖',
  paused: '॥',
  neutral: '•',
} as const;
// argo-rollouts cmd/get/get.go: IconRollout, IconAnalysis
const ICON_RELEASE = '⟳';
const ICON_GATE = 'α';

export interface StatusRenderOptions {
  now: Date;
  color?: boolean;
  /** IANA zone for times; the process's local zone when undefined. */
  timeZone?: string | undefined;
}

type Icon = (typeof ICON)[keyof typeof ICON];

/** One line of the tree. */
export interface StatusRow {
  depth: 0 | 1 | 2;
  icon: Icon | typeof ICON_RELEASE | typeof ICON_GATE;
  name: string;
  statusIcon: Icon;
  status: string;
  weight?: number | undefined;
  commit?: string | undefined;
  /** Commit time, ISO 8601. */
  time?: string | undefined;
  info: string;
}

/** Routers whose manifests carry different canary weights (edited by hand, say): each named. */
function disagreement(status: ReleaseStatus, c: ReturnType<typeof colors>): string[] {
  return status.disagreement === undefined
    ? []
    : [field('  Routers:', `${c.red('disagree')}: ${status.disagreement}`)];
}

/** Targets that cannot read their manifests (a file deleted by hand mid-release): each named. */
function missing(status: ReleaseStatus, c: ReturnType<typeof colors>): string[] {
  return status.manifests.flatMap((m) =>
    m.missing === undefined ? [] : [field('  Missing:', `${c.red(`${m.target} (${m.role})`)}: ${m.missing}`)],
  );
}

/** The status as text for people (colour when asked), secrets masked. */
export function renderStatus(status: ReleaseStatus, options: StatusRenderOptions): string {
  const c = colors(options.color ?? false);
  if (status.state === 'none') {
    return maskSecrets(
      [
        field('Name:', status.release),
        field('Namespace:', status.namespace),
        field('Status:', `${c.dim(ICON.neutral)} None`),
        field('Message:', 'no release found in the history of the branch'),
        ...disagreement(status, c),
        ...missing(status, c),
        '',
      ].join('\n'),
    );
  }
  const [icon, word] = overall(status);
  const observed = status.manifests.map((m) => m.observed.canaryWeight).find((w) => w !== undefined);
  const baseline = status.manifests.map((m) => m.observed.baselineWeight).find((w) => w !== undefined);
  const lines = [
    field('Name:', status.release),
    field('Namespace:', status.namespace),
    field('Status:', `${paint(c, icon)} ${word}`),
    field('Message:', message(status, options)),
    field('Release:', status.releaseId ?? ''),
    field('Strategy:', 'Canary, through Git'),
    field('  Step:', `${status.step}/${status.total}`),
    field('  SetWeight:', String(status.weight)),
    ...(observed === undefined ? [] : [field('  ActualWeight:', `${observed} (the manifests now)`)]),
    ...(baseline === undefined
      ? []
      : [field('  Baseline:', `${baseline} (the manifests now, to the baseline backend)`)]),
    ...disagreement(status, c),
    ...missing(status, c),
    ...images(status, c),
  ];
  if (status.lastCommit) {
    const { sha, subject, time } = status.lastCommit;
    const when = `${humanDuration(options.now.getTime() - Date.parse(time))} ago, ${localTime(time, options.now, options.timeZone)}`;
    lines.push(field('Commit:', `${c.yellow(sha.slice(0, 7))} ${subject} (${when})`));
  }
  lines.push('', ...table(statusRows(status, options), options, c), '');
  for (const judgment of status.judgments ?? []) lines.push(...judgmentLines(judgment, c), '');
  return maskSecrets(lines.join('\n'));
}

/** The tree's rows: the release, then each step (its gates below an analysis), then how it ended. */
export function statusRows(status: ReleaseStatus, options: StatusRenderOptions): StatusRow[] {
  const [icon, word] = overall(status);
  const rows: StatusRow[] = [
    { depth: 0, icon: ICON_RELEASE, name: status.release, statusIcon: icon, status: word, info: '' },
  ];
  const start = status.commits[0];
  if (start) rows.push(commitRow(`0 ${start.action === 'supersede' ? 'supersede' : 'start'}`, start));
  const gatesAt = evidenceByStep(status);
  // A release that ended early ran as far as the last step its final commit has verdicts for.
  const reached = Math.max(
    status.step ?? 0,
    ...recordedVerdicts(status)
      .filter((v) => v.commit === status.commits.at(-1))
      .map((v) => v.step?.index ?? 0),
  );
  const committed = new Map<number, StatusCommit>();
  for (const commit of status.commits)
    if (commit.action === 'step' || commit.action === 'promote' || commit.action === 'resume')
      committed.set(commit.step, commit);
  for (const step of status.steps) {
    const row = stepRow(
      step,
      status,
      committed.get(step.index),
      gatesAt.get(step.index) ?? [],
      reached,
      options,
    );
    rows.push(row);
    for (const gate of gatesAt.get(step.index) ?? []) rows.push(gateRow(gate));
  }
  for (const commit of status.commits.slice(1)) {
    if (commit.action === 'step' || commit.action === 'promote' || commit.action === 'resume') continue;
    rows.push(commitRow(commit.action, commit));
    for (const gate of gatesAt.get(-status.commits.indexOf(commit)) ?? []) rows.push(gateRow(gate));
  }
  return rows;
}

function stepRow(
  step: StatusStep,
  status: ReleaseStatus,
  commit: StatusCommit | undefined,
  gates: GateEvidence[],
  reached: number,
  options: StatusRenderOptions,
): StatusRow {
  const base = {
    depth: 1 as const,
    icon: ICON.neutral,
    name: `${step.index} ${step.summary}`,
    weight: step.weight,
  };
  const done = (info = ''): StatusRow => ({
    ...base,
    icon: ICON.ok,
    statusIcon: ICON.ok,
    status: 'Done',
    info,
  });
  if (commit) {
    const info = commit.action === 'resume' ? 'promoted by `gitcanary promote`' : '';
    return { ...done(info), commit: commit.sha, time: commit.time };
  }
  if (gates.length > 0) {
    const verdicts = gates.map((gate) => gate.verdict);
    if (verdicts.includes('fail'))
      return { ...base, icon: ICON.bad, statusIcon: ICON.bad, status: 'Failed', info: '' };
    if (verdicts.includes('inconclusive'))
      return { ...base, icon: ICON.warning, statusIcon: ICON.warning, status: 'Inconclusive', info: '' };
    return done();
  }
  const last = status.step ?? 0;
  if (step.index <= last) return done();
  if (status.state === 'finished') {
    // Promoted: every step ran. Rolled back or aborted: what came after the step it reached never ran.
    if (status.action === 'promote' || status.action === 'finish' || step.index < reached) return done();
    return { ...base, statusIcon: ICON.neutral, status: 'Skipped', info: 'not run' };
  }
  const next = status.next;
  if (next === undefined || next.kind === 'done') return done();
  if (next.kind === 'rollback') {
    return step.index === last + 1
      ? {
          ...base,
          icon: ICON.bad,
          statusIcon: ICON.bad,
          status: 'Failed',
          info: `${next.failedChecks} failed checks of ${next.threshold}: the next run rolls back`,
        }
      : { ...base, statusIcon: ICON.neutral, status: 'Pending', info: '' };
  }
  if (step.index > next.index) return { ...base, statusIcon: ICON.neutral, status: 'Pending', info: '' };
  if (step.index < next.index) {
    if (step.kind === 'pause') return done('elapsed');
    // An analysis leaves no commit: its passes are noted on the newest commit (refs/notes/gitcanary).
    const pass = status.passes.filter((p) => p.step === step.index).at(-1);
    if (pass?.verdict === 'pass') return { ...done('passed, noted in Git'), time: pass.at };
    return {
      ...base,
      icon: ICON.unknown,
      statusIcon: ICON.unknown,
      status: 'Unrecorded',
      info: 'runs before the next commit, which records its verdicts',
    };
  }
  switch (next.kind) {
    case 'wait':
      return {
        ...base,
        icon: ICON.waiting,
        statusIcon: ICON.waiting,
        status: 'Waiting',
        info: `${next.reason === 'retry' ? 'a failed check holds the weight; checked again ' : ''}${describeUntil(next.until, options.now, options.timeZone)}`,
      };
    case 'paused':
      return {
        ...base,
        icon: ICON.paused,
        statusIcon: ICON.paused,
        status: 'Paused',
        info: `${next.reason === 'inconclusive' ? 'inconclusive; ' : ''}until \`gitcanary promote\``,
      };
    case 'analysis':
      return {
        ...base,
        icon: ICON.progressing,
        statusIcon: ICON.progressing,
        status: 'Next',
        info: 'evaluated by the next `gitcanary run` or `step`',
      };
    case 'commit':
      return {
        ...base,
        icon: ICON.progressing,
        statusIcon: ICON.progressing,
        status: 'Next',
        info: 'committed by the next `gitcanary run` or `step`',
      };
  }
}

function commitRow(name: string, commit: StatusCommit): StatusRow {
  const ended = commit.action === 'rollback' || commit.action === 'abort';
  const icon = ended ? ICON.bad : ICON.ok;
  return {
    depth: 1,
    icon,
    name,
    statusIcon: icon,
    status: ended ? commit.phase : 'Done',
    weight: commit.weight,
    commit: commit.sha,
    time: commit.time,
    info: '',
  };
}

function gateRow(gate: GateEvidence): StatusRow {
  const icon = gate.verdict === 'pass' ? ICON.ok : gate.verdict === 'fail' ? ICON.bad : ICON.warning;
  const value = gate.value === undefined ? '' : `value=${gate.value} `;
  const threshold = gate.threshold === undefined ? '' : `threshold ${gate.threshold} `;
  const [first = ''] = gate.message.split('\n');
  return {
    depth: 2,
    icon: ICON_GATE,
    name: `${gate.gate} (${gate.kind})`,
    statusIcon: icon,
    status: gate.verdict,
    info: clip(terminalSafe(`${value}${threshold}— ${first}`), 100),
  };
}

/** A gate verdict a commit recorded, with the analysis step it belongs to. */
export interface RecordedVerdict {
  gate: GateEvidence;
  commit: StatusCommit;
  /** The analysis step (1-based); undefined when no analysis names the gate (the sync of a commit). */
  step: StatusStep | undefined;
}

/**
 * Every verdict the release's commits record, oldest first. A commit records the verdicts measured
 * since the commit before it, so they belong to the analysis steps between the two; a rollback's
 * to those after the last committed step.
 */
export function recordedVerdicts(status: ReleaseStatus): RecordedVerdict[] {
  const verdicts: RecordedVerdict[] = [];
  status.commits.forEach((commit, position) => {
    const previous = status.commits[position - 1]?.step ?? 0;
    const ended = commit.action === 'rollback' || commit.action === 'abort';
    const upTo = ended ? status.total + 1 : commit.step;
    for (const gate of commit.gates) {
      const step = status.steps.find(
        (s) =>
          s.index > previous &&
          s.index < upTo &&
          s.gates?.includes(gate.gate) === true &&
          !verdicts.some((v) => v.step === s && v.gate.gate === gate.gate),
      );
      verdicts.push({ gate, commit, step });
    }
  });
  return verdicts;
}

/** The verdicts by analysis step; those of no analysis under minus their commit's position. */
function evidenceByStep(status: ReleaseStatus): Map<number, GateEvidence[]> {
  const byStep = new Map<number, GateEvidence[]>();
  for (const { gate, commit, step } of recordedVerdicts(status)) {
    const key = step?.index ?? -status.commits.indexOf(commit);
    byStep.set(key, [...(byStep.get(key) ?? []), gate]);
  }
  return byStep;
}

/** The icon and word of the STATUS column for the whole release. */
function overall(status: ReleaseStatus): [Icon, string] {
  if (status.state === 'finished') {
    if (status.action === 'promote' || status.action === 'finish') return [ICON.ok, 'Promoted'];
    return [ICON.bad, status.action === 'abort' ? 'Aborted' : 'RolledBack'];
  }
  if (status.state === 'paused') return [ICON.paused, 'Paused'];
  if (status.next?.kind === 'wait') return [ICON.waiting, 'Waiting'];
  return [ICON.progressing, 'Progressing'];
}

/** The Message line: what the release waits for and until when, or how it ended. */
function message(status: ReleaseStatus, options: StatusRenderOptions): string {
  const next = status.next;
  const at = (index: number) => {
    const step = status.steps[index - 1];
    return `${step?.summary ?? 'step'} at step ${index}/${status.total}`;
  };
  if (status.state === 'finished') {
    const ago = status.lastCommit
      ? ` ${humanDuration(options.now.getTime() - Date.parse(status.lastCommit.time))} ago`
      : '';
    if (status.action === 'promote' || status.action === 'finish') return `promoted${ago}`;
    const failed = status.commits.at(-1)?.gates.find((gate) => gate.verdict !== 'pass');
    const why = failed
      ? `: gate ${failed.gate} ${failed.verdict}${failed.value ? ` (value ${failed.value})` : ''}`
      : '';
    return `${status.action === 'abort' ? 'aborted' : 'rolled back'}${ago}${clip(terminalSafe(why), 100)}`;
  }
  if (next === undefined || next.kind === 'done')
    return 'every step is done: the next `gitcanary run` finishes it';
  switch (next.kind) {
    case 'rollback':
      return `${next.failedChecks} failed checks reached the threshold of ${next.threshold}: the next \`gitcanary run\` or \`step\` rolls back`;
    case 'wait':
      return `${next.reason === 'retry' ? 'a failed check holds the weight: ' : 'waits: '}${at(next.index)}, ${describeUntil(next.until, options.now, options.timeZone)}`;
    case 'paused':
      return `paused${next.reason === 'inconclusive' ? ' (inconclusive analysis)' : ''}: ${at(next.index)}, until \`gitcanary promote\``;
    case 'analysis':
      return `next: ${at(next.index)}, evaluated by the next \`gitcanary run\` or \`step\``;
    case 'commit':
      return `next: ${at(next.index)}, committed by the next \`gitcanary run\` or \`step\``;
  }
}

const COLUMNS = ['NAME', 'STATUS', 'WEIGHT', 'COMMIT', 'AGE', 'INFO'] as const;

/** The rows as aligned columns (argo-rollouts uses a tabwriter with padding 2), tree drawn in NAME. */
function table(rows: StatusRow[], options: StatusRenderOptions, c: Colors): string[] {
  const prefixes = treePrefixes(rows);
  const cells = rows.map((row, i) => {
    const name = `${prefixes[i]}${paint(c, row.icon)} ${row.depth === 0 ? c.bold(row.name) : row.name}`;
    const pending = row.status === 'Pending' || row.status === 'Skipped';
    return [
      pending ? c.dim(name) : name,
      `${paint(c, row.statusIcon)} ${row.status}`,
      row.weight === undefined ? '' : `${row.weight}%`,
      row.commit === undefined ? '' : c.yellow(row.commit.slice(0, 7)),
      row.time === undefined ? '' : humanDuration(options.now.getTime() - Date.parse(row.time)),
      row.info,
    ];
  });
  const all = [[...COLUMNS], ...cells];
  const widths = COLUMNS.map((_, col) => Math.max(...all.map((cell) => visibleLength(cell[col] ?? ''))));
  return all.map((cell) =>
    cell
      .map((text, col) => (col === cell.length - 1 ? text : padVisible(text, widths[col]! + 2)))
      .join('')
      .trimEnd(),
  );
}

/** argo-rollouts getPrefixes: `├──` / `└──` before a node, `│  ` / `   ` below it. */
function treePrefixes(rows: StatusRow[]): string[] {
  return rows.map((row, i) => {
    if (row.depth === 0) return '';
    const lastAmong = (from: number, depth: number) => {
      for (let j = from + 1; j < rows.length; j++) {
        if (rows[j]!.depth < depth) return true;
        if (rows[j]!.depth === depth) return false;
      }
      return true;
    };
    if (row.depth === 1) return lastAmong(i, 1) ? '└──' : '├──';
    let parent = i - 1;
    while (rows[parent]!.depth !== 1) parent--;
    return `${lastAmong(parent, 1) ? '   ' : '│  '}${lastAmong(i, 2) ? '└──' : '├──'}`;
  });
}

// argo-rollouts cmd/get/get.go colorMapping
function paint(c: Colors, icon: string): string {
  switch (icon) {
    case ICON.waiting:
    case ICON.unknown:
      return c.yellow(icon);
    case ICON.progressing:
      return c.blueBright(icon);
    case ICON.warning:
    case ICON.bad:
      return c.red(icon);
    case ICON.ok:
      return c.green(icon);
    default:
      return icon;
  }
}

/** argo-rollouts formatImage: each image once, tagged `canary` / `stable`. */
function images(status: ReleaseStatus, c: Colors): string[] {
  if (status.image === status.stableImage)
    return [field('Images:', `${status.image} (${c.green('stable')}, ${c.yellow('canary')})`)];
  return [
    field('Images:', `${status.image} (${c.yellow('canary')})`),
    ...(status.stableImage === undefined ? [] : [field('', `${status.stableImage} (${c.green('stable')})`)]),
  ];
}

// argo-rollouts tableFormat: "%-17s%v\n"
function field(label: string, value: string): string {
  return `${label.padEnd(17)}${value}`.trimEnd();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * A judge gate's per-metric table below the tree: the score line, what the canary was compared
 * with (flagged when the stable pods stood in for a baseline), then one row per metric.
 */
function judgmentLines(judgment: StatusJudgment, c: Colors): string[] {
  const { table } = judgment;
  const icon = judgment.verdict === 'pass' ? ICON.ok : judgment.verdict === 'fail' ? ICON.bad : ICON.warning;
  const header = [
    'METRIC',
    'RESULT',
    'CANARY MEDIAN',
    'BASELINE MEDIAN',
    `SHIFT [${table.confidence} INTERVAL]`,
    'P-VALUE',
    'CHANGE',
    'SAMPLES',
  ];
  const rows = table.rows.map((row) => [
    `${row.metric}${row.critical ? ' (critical)' : ''}`,
    row.classification,
    row.canaryMedian,
    row.baselineMedian,
    row.shift,
    row.pValue,
    row.change,
    row.samples,
  ]);
  const cells = [header, ...rows].map((row) => row.map((cell) => terminalSafe(cell)));
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]!.length)));
  const render = (row: string[]) =>
    `  ${row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd()}`;
  const baseline =
    table.baseline === undefined
      ? []
      : [
          `  ${table.comparedWith === 'stable' ? `${paint(c, ICON.warning)} ` : ''}Baseline: ${terminalSafe(table.baseline)}`,
        ];
  return [
    `Judge ${terminalSafe(judgment.gate)} ${paint(c, icon)} ${terminalSafe(table.headline)} (commit ${c.yellow(judgment.commit.slice(0, 7))}, step ${judgment.step})`,
    ...baseline,
    c.dim(render(cells[0]!)),
    ...cells.slice(1).map(render),
    ...table.notes.map((note) => `  ${terminalSafe(note)}`),
  ];
}
