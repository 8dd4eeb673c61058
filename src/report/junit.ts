import { parseJudgment } from '../gates/judge/report.js';
import type { GateResult } from '../gates/types.js';
import type { GateEvidence } from './commit-evidence.js';
import { maskSecrets } from './secrets.js';

// `--junit <file>`: each gate evaluation a test case, so a pipeline's Tests tab (GitLab, Jenkins)
// shows why a release stopped. GitLab's parser (lib/gitlab/ci/parsers/test/junit.rb,
// create_test_case) shows the *text* of <failure>, <error> and <skipped>, and a failure's
// system-out after it; an element with attributes but no text would show as a hash, so every
// result element carries its evidence as text. Validated in tests against the JUnit schema of
// Jenkins' xUnit plugin (junit-10.xsd).

export type CaseResult =
  | { kind: 'passed' }
  /** The gate failed: the release was rolled back. */
  | { kind: 'failure'; message: string; text: string }
  /** The command itself failed (bad input, git, network). */
  | { kind: 'error'; message: string; text: string }
  /** Inconclusive: neither passed nor failed; the release paused or waits. */
  | { kind: 'skipped'; message: string; text: string };

export interface JunitCase {
  /** The <testsuite> it belongs to: one per step. */
  suite: string;
  name: string;
  classname: string;
  /** Seconds. */
  time?: number | undefined;
  /** ISO 8601. */
  timestamp?: string | undefined;
  result: CaseResult;
  /** <system-out>: the evidence of a passing gate. */
  output?: string | undefined;
}

/** A gate's verdict as a test case. */
export function gateCase(
  gate: GateResult | GateEvidence,
  where: { suite: string; classname: string; time?: number | undefined; timestamp?: string | undefined },
): JunitCase {
  const evidence = describeEvidence(gate);
  const headline = `${gate.gate} (${gate.kind}): ${gate.verdict}${gate.value === undefined ? '' : ` value=${gate.value}`}${gate.threshold === undefined ? '' : ` threshold ${gate.threshold}`}`;
  const result: CaseResult =
    gate.verdict === 'pass'
      ? { kind: 'passed' }
      : gate.verdict === 'fail'
        ? { kind: 'failure', message: headline, text: evidence }
        : { kind: 'skipped', message: `inconclusive: ${firstLine(gate.message)}`, text: evidence };
  return {
    ...where,
    name: `${gate.gate} (${gate.kind})`,
    result,
    ...(gate.verdict === 'pass' ? { output: evidence } : {}),
  };
}

/**
 * A gate's test cases: its verdict, and for a judge gate one case per judged metric (read from the
 * judgment table in its evidence, so `status --junit` has them from Git too), named
 * `<gate> › <metric>` and carrying its medians, shift with interval, p-value and classification.
 * A metric classified High or Low is a failure when the judgment failed, skipped otherwise (the
 * score allowed it); NoData is skipped.
 */
export function gateCases(
  gate: GateResult | GateEvidence,
  where: { suite: string; classname: string; time?: number | undefined; timestamp?: string | undefined },
): JunitCase[] {
  const cases = [gateCase(gate, where)];
  const table = gate.kind === 'judge' ? parseJudgment(gate.message) : undefined;
  for (const row of table?.rows ?? []) {
    const lines = [
      `${row.metric}${row.critical ? ' (critical)' : ''}: ${row.classification}`,
      `canary median: ${row.canaryMedian}`,
      `baseline median: ${row.baselineMedian}`,
      `shift [${table!.confidence} interval]: ${row.shift}`,
      `p-value: ${row.pValue}`,
      `change: ${row.change}`,
      `samples (canary/baseline): ${row.samples}`,
      ...table!.notes.filter((note) => note.startsWith(`${row.metric}: `)),
      ...(table!.baseline === undefined ? [] : [`baseline: ${table!.baseline}`]),
    ];
    const text = lines.join('\n');
    const headline = `${row.metric}: ${row.classification}, shift ${row.shift}, p-value ${row.pValue}`;
    const result: CaseResult =
      row.classification === 'Pass'
        ? { kind: 'passed' }
        : row.classification !== 'NoData' && gate.verdict === 'fail'
          ? { kind: 'failure', message: headline, text }
          : { kind: 'skipped', message: `${headline} (judgment ${gate.verdict})`, text };
    cases.push({
      ...where,
      time: undefined,
      name: `${gate.gate} › ${row.metric}`,
      result,
      ...(result.kind === 'passed' ? { output: text } : {}),
    });
  }
  return cases;
}

/** Everything a gate measured, as lines: the verdict, the message, each measurement. */
function describeEvidence(gate: GateResult | GateEvidence): string {
  const lines = [
    `${gate.gate} (${gate.kind}): ${gate.verdict}`,
    ...(gate.value === undefined ? [] : [`value: ${gate.value}`]),
    ...(gate.threshold === undefined ? [] : [`threshold: ${gate.threshold}`]),
    `message: ${gate.message}`,
  ];
  const measurements = 'measurements' in gate ? gate.measurements : [];
  if (measurements.length > 0) {
    lines.push('measurements:');
    for (const m of measurements)
      lines.push(`- ${m.at} ${m.verdict}${m.value === undefined ? '' : ` value=${m.value}`}: ${m.message}`);
  }
  return lines.join('\n');
}

/** The report: <testsuites> with one <testsuite> per suite name, in order of first appearance. */
export function junitXml(name: string, cases: readonly JunitCase[]): string {
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c]);
  const count = (list: readonly JunitCase[], kind: CaseResult['kind']) =>
    list.filter((c) => c.result.kind === kind).length;
  const seconds = (list: readonly JunitCase[]) => list.reduce((sum, c) => sum + (c.time ?? 0), 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attributes({
      name,
      tests: cases.length,
      failures: count(cases, 'failure'),
      errors: count(cases, 'error'),
      time: formatSeconds(seconds(cases)),
    })}>`,
  ];
  for (const [suite, list] of suites) {
    out.push(
      `  <testsuite${attributes({
        name: suite,
        tests: list.length,
        failures: count(list, 'failure'),
        errors: count(list, 'error'),
        skipped: count(list, 'skipped'),
        time: formatSeconds(seconds(list)),
        timestamp: list[0]?.timestamp,
      })}>`,
    );
    for (const c of list) out.push(...testcase(c));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function testcase(c: JunitCase): string[] {
  const open = `    <testcase${attributes({
    name: c.name,
    classname: c.classname,
    time: c.time === undefined ? undefined : formatSeconds(c.time),
    timestamp: c.timestamp,
  })}`;
  const children: string[] = [];
  if (c.result.kind !== 'passed') {
    const { kind, message, text } = c.result;
    children.push(`      <${kind}${attributes({ message })}>${xmlText(text)}</${kind}>`);
  }
  if (c.output !== undefined) children.push(`      <system-out>${xmlText(c.output)}</system-out>`);
  return children.length === 0 ? [`${open}/>`] : [`${open}>`, ...children, '    </testcase>'];
}

function attributes(values: Record<string, string | number | undefined>): string {
  return Object.entries(values)
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => ` ${key}="${xmlAttribute(String(value))}"`)
    .join('');
}

// ANSI escape sequences (coloured command output) go whole; what XML 1.0 cannot hold at all (most
// C0 controls, lone surrogates, U+FFFE/U+FFFF) and the C1 controls it discourages become U+FFFD.
const ESCAPE_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b[@-Z\\-_]/g;
const NOT_XML = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Text XML 1.0 can carry, secrets masked. */
export function xmlSafe(text: string): string {
  return maskSecrets(text).replace(ESCAPE_SEQUENCE, '').replace(NOT_XML, '\ufffd');
}

function xmlText(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function xmlAttribute(text: string): string {
  // Parsers normalise whitespace in attribute values: keep line breaks and tabs as references.
  return xmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function formatSeconds(seconds: number): string {
  return seconds.toFixed(3);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}
