import { GitcanaryError } from '../errors.js';
import type { GateResult, Verdict } from '../gates/types.js';
import { NOTES_REF } from '../git/notes.js';
import { sanitizeGateResult } from '../report/evidence.js';

// What a release records between two commits, as a git note on its newest commit: each check pass
// (an analysis evaluated), when it ended and its verdict, with the gates' evidence. `run` and `step`
// read the same records, so both count failed checks, hold a failed weight and time the next pause
// the same way; the next commit carries the evidence in its message.

/** One gate's verdict as the evidence keeps it (no measurement series). */
export interface GateEvidence {
  gate: string;
  kind: string;
  verdict: Verdict;
  value?: number | string | undefined;
  threshold?: string | undefined;
  message: string;
}

/** One evaluation of an analysis step whose verdict the release must remember. */
export interface PassRecord {
  /** 1-based plan step of the analysis. */
  step: number;
  /** When the pass ended (the engine's clock), ISO 8601. */
  at: string;
  /** `pass`: the step is done. `fail`: a failed check (Flagger), the weight holds. `inconclusive`: paused. */
  verdict: Verdict;
  gates: GateEvidence[];
}

/** The note on a release commit. */
export interface ReleaseNote {
  gitcanary: 1;
  releaseId: string;
  passes: PassRecord[];
}

/** A verdict as evidence for notes and commit messages: sanitised and capped (src/report/evidence.ts). */
export function evidenceOf(result: GateResult): GateEvidence {
  const { gate, kind, verdict, value, threshold, message } = sanitizeGateResult(result);
  return {
    gate,
    kind,
    verdict,
    ...(value === undefined ? {} : { value }),
    ...(threshold === undefined ? {} : { threshold }),
    message,
  };
}

/** The passes a note holds for release `releaseId` (none for another release's or no note). */
export function readPasses(text: string | undefined, releaseId: string, sha: string): PassRecord[] {
  if (text === undefined || text.trim() === '') return [];
  let note: Partial<ReleaseNote>;
  try {
    note = JSON.parse(text) as Partial<ReleaseNote>;
  } catch (error) {
    throw unreadable(sha, error);
  }
  if (note.gitcanary !== 1 || !Array.isArray(note.passes)) throw unreadable(sha);
  if (note.releaseId !== releaseId) return [];
  for (const pass of note.passes) {
    const valid =
      Number.isInteger(pass?.step) &&
      typeof pass.at === 'string' &&
      !Number.isNaN(Date.parse(pass.at)) &&
      ['pass', 'fail', 'inconclusive'].includes(pass.verdict) &&
      Array.isArray(pass.gates);
    if (!valid) throw unreadable(sha);
  }
  return note.passes;
}

/** The note text with `pass` appended (a note of another release is replaced). */
export function appendPass(
  text: string | undefined,
  releaseId: string,
  sha: string,
  pass: PassRecord,
): string {
  let passes: PassRecord[];
  try {
    passes = readPasses(text, releaseId, sha);
  } catch {
    // A note gitcanary cannot read is not ours to keep: the release's own record replaces it.
    passes = [];
  }
  const note: ReleaseNote = { gitcanary: 1, releaseId, passes: [...passes, pass] };
  return `${JSON.stringify(note, null, 2)}\n`;
}

function unreadable(sha: string, cause?: unknown): GitcanaryError {
  return new GitcanaryError('RELEASE_STATE', `the ${NOTES_REF} note on ${sha.slice(0, 12)} is not readable`, {
    field: NOTES_REF,
    hint: `gitcanary writes that note; remove it with \`git notes --ref=${NOTES_REF} remove ${sha.slice(0, 12)}\` and push the notes ref, or restore it`,
    cause,
  });
}
