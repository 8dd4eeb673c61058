import { type JudgmentRow, parseJudgment } from '../gates/judge/report.js';

// A judge gate's per-metric table as markdown shows it — the job summary and a step's pull or merge
// request description — read back from the gate's evidence text (what Git keeps of a judgment).

/** The evidence fields a judgment table is read from. */
export interface JudgedEvidence {
  gate: string;
  kind: string;
  verdict: string;
  message: string;
}

export interface JudgmentView {
  gate: string;
  icon: string;
  headline: string;
  confidence: string;
  /** What the canary was compared with (⚠️ when the stable pods stood in for a baseline). */
  baseline: string;
  rows: (Omit<JudgmentRow, 'metric'> & { metric: string })[];
}

const VERDICT_ICON: Record<string, string> = { pass: '✅', fail: '❌', inconclusive: '⚠️' };

/** The table of one judge gate's evidence; undefined for other gates and messages without one. */
export function judgmentView(gate: JudgedEvidence): JudgmentView | undefined {
  if (gate.kind !== 'judge') return undefined;
  const table = parseJudgment(gate.message);
  if (table === undefined || table.rows.length === 0) return undefined;
  return {
    gate: gate.gate,
    icon: VERDICT_ICON[gate.verdict] ?? '',
    headline: cell(table.headline),
    confidence: table.confidence,
    baseline: cell(
      table.baseline === undefined
        ? ''
        : `${table.comparedWith === 'stable' ? '⚠️ ' : ''}Baseline: ${table.baseline}`,
    ),
    rows: table.rows.map((row) => ({
      ...row,
      metric: cell(`${row.metric}${row.critical ? ' (critical)' : ''}`),
      shift: cell(row.shift),
    })),
  };
}

/** Each judge gate's newest table among `evidence` (oldest first), in the order gates first judged. */
export function latestJudgmentViews(evidence: readonly JudgedEvidence[]): JudgmentView[] {
  const views = new Map<string, JudgmentView>();
  for (const gate of evidence) {
    const view = judgmentView(gate);
    if (view !== undefined) views.set(gate.gate, view);
  }
  return [...views.values()];
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}
