import type { Verdict } from '../gates/types.js';

// The gate verdicts a commit records, read back from its message: the "Gate evidence:" block that
// templates/commit-message.hbs writes. `status` and the JUnit report of `status` draw from it, so
// what a release measured is known from Git alone.

/** One gate verdict as a commit message records it (values are text there). */
export interface GateEvidence {
  gate: string;
  kind: string;
  verdict: Verdict;
  value?: string | undefined;
  threshold?: string | undefined;
  message: string;
}

// templates/commit-message.hbs: `- {{gate}} ({{kind}}): {{verdict}}[ value={{value}}][ threshold {{threshold}}] — {{message}}`
const EVIDENCE_LINE =
  /^- (.+?) \(([^()]*)\): (pass|fail|inconclusive)(?: value=(.*?))?(?: threshold (.*?))? — (.*)$/;

/**
 * The verdicts of a commit message's "Gate evidence:" block, in order (none without the block). A
 * verdict's message goes on over the lines that do not start a new verdict (a command's output);
 * a blank line or the trailers end the block.
 */
export function parseGateEvidence(message: string): GateEvidence[] {
  const lines = message.split(/\r?\n/);
  const start = lines.indexOf('Gate evidence:');
  if (start < 0) return [];
  const evidence: GateEvidence[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '') break;
    const match = EVIDENCE_LINE.exec(line);
    const last = evidence.at(-1);
    if (match === null) {
      if (last === undefined) break;
      last.message += `\n${line.trim()}`;
      continue;
    }
    const [, gate = '', kind = '', verdict = 'inconclusive', value, threshold, text = ''] = match;
    evidence.push({ gate, kind, verdict: verdict as Verdict, value, threshold, message: text });
  }
  return evidence;
}
