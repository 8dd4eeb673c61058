import type { GateResult, Measurement } from '../gates/types.js';

// Gate output is evidence, not an argument: whatever a gate printed (a NUL byte, terminal escapes,
// a 140 KB line, a fake trailer) reaches a commit message, a terminal or a JSON event only through
// this one pure function. It keeps text, drops control, and caps the size with a note of the cut.

/** Most characters of one line of evidence; a longer line keeps its head and tail. */
export const EVIDENCE_LINE_LIMIT = 400;
/** Most characters of one gate's message (about 40 full lines); the newest output is kept. */
export const EVIDENCE_MESSAGE_LIMIT = 4_000;
/** Most characters of a value or threshold (one line). */
export const EVIDENCE_VALUE_LIMIT = 200;
/** Most measurements kept per gate (the newest). */
export const EVIDENCE_MEASUREMENTS_LIMIT = 50;

// ANSI/VT sequences: CSI (`ESC [ … final`), OSC (`ESC ] … BEL|ESC \`), DCS/PM/APC/SOS strings,
// two-character escapes, and their 8-bit C1 forms.
const ESCAPE_SEQUENCE =
  /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|(?:\u001b[\]PX^_]|[\u0090\u009d-\u009f])[\s\S]*?(?:\u0007|\u001b\\|\u009c|$)|\u001b[@-Z\\-_ -/]*[0-~]?/g;
// What is left of control: C0 but tab and newline, DEL, C1, and the bidi overrides and isolates
// that make text read differently than it is ("Trojan Source").
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text a person or git can read safely: escape sequences removed, carriage returns as line
 * breaks, other control characters shown as `�` (NUL as `␀`), lines capped at `lineLimit`, the
 * whole capped at `limit` characters keeping the end (a command's last lines say why it failed).
 */
export function sanitizeEvidence(
  text: string,
  limit = EVIDENCE_MESSAGE_LIMIT,
  lineLimit = EVIDENCE_LINE_LIMIT,
): string {
  const cleaned = text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\u0000/g, '\u2400')
    .replace(CONTROL, '\ufffd');
  const lines = cleaned.split('\n').map((line) => capLine(line, lineLimit));
  let out = lines.join('\n');
  if (out.length <= limit) return out;
  // Keep the first line (the verdict: `exit 1`, `timed out after…`) and as much of the end as fits.
  const [first = '', ...rest] = lines;
  const head = capLine(first, Math.min(lineLimit, Math.floor(limit / 4)));
  const budget = Math.max(0, limit - head.length - 80);
  const tail = rest.join('\n');
  const kept = tail.slice(tail.length - budget);
  const from = kept.indexOf('\n');
  const whole = from >= 0 && from < kept.length - 1 ? kept.slice(from + 1) : kept;
  const cut = out.length - head.length - whole.length;
  out = `${head}\n  … [${cut} characters of output cut]\n${whole}`;
  return out;
}

/** One line: no line breaks, at most `limit` characters. */
export function sanitizeEvidenceLine(text: string, limit = EVIDENCE_VALUE_LIMIT): string {
  return capLine(
    sanitizeEvidence(text, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY).replace(/\n+/g, ' '),
    limit,
  );
}

/**
 * A gate result as evidence: every text field sanitised and capped, message lines after the
 * first indented so gate output can never start a line of its own in a commit message (a fake
 * `Gitcanary-Phase:` trailer, a blank line ending the paragraph), and at most
 * `EVIDENCE_MEASUREMENTS_LIMIT` measurements. Pure: the engine, the reporters and PR bodies call it.
 */
export function sanitizeGateResult(result: GateResult): GateResult {
  return {
    ...result,
    gate: sanitizeEvidenceLine(result.gate, 100),
    kind: sanitizeEvidenceLine(result.kind, 100),
    value: sanitizeValue(result.value),
    threshold: result.threshold === undefined ? undefined : sanitizeEvidenceLine(result.threshold),
    message: indentContinuation(sanitizeEvidence(result.message)),
    measurements: result.measurements.slice(-EVIDENCE_MEASUREMENTS_LIMIT).map(sanitizeMeasurement),
  };
}

function sanitizeMeasurement(measurement: Measurement): Measurement {
  return {
    ...measurement,
    value: sanitizeValue(measurement.value),
    message: indentContinuation(sanitizeEvidence(measurement.message, EVIDENCE_LINE_LIMIT * 2)),
  };
}

function sanitizeValue(value: number | string | undefined): number | string | undefined {
  return typeof value === 'string' ? sanitizeEvidenceLine(value) : value;
}

function indentContinuation(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  const lines = rest
    .filter((line) => line.trim() !== '')
    .map((line) => (/^\s/.test(line) ? line : `  ${line}`));
  return [first, ...lines].join('\n');
}

function capLine(line: string, limit: number): string {
  if (line.length <= limit) return line;
  const note = ` … [${line.length - limit} characters cut] … `;
  const keep = Math.max(0, limit - note.length);
  const head = Math.ceil(keep / 2);
  return `${line.slice(0, head)}${note}${line.slice(line.length - (keep - head))}`;
}
