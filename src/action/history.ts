import { TRAILER } from '../engine/progress.js';
import type { ReleaseInput } from '../engine/release.js';
import type { Verdict } from '../gates/types.js';

// What a release did, read back from its commits: the trailers say step, weight, phase and action;
// the message says which gates decided the step (the "Gate evidence:" block that
// templates/commit-message.hbs writes). The job summary is drawn from this, not from a side file.

/** One gate verdict as a commit message records it (values are text there). */
export interface GateEvidence {
  gate: string;
  kind: string;
  verdict: Verdict;
  value?: string | undefined;
  threshold?: string | undefined;
  message: string;
}

export interface RecordedCommit {
  sha: string;
  /** Commit time, ISO 8601. */
  time: string;
  subject: string;
  step: number;
  total: number;
  weight: number;
  phase: string;
  action: string;
  image: string;
  gates: GateEvidence[];
}

export interface ReleaseRecord {
  release: string;
  releaseId: string;
  /** The release's commits, oldest first. */
  commits: RecordedCommit[];
}

/** The part of the git layer the record needs. */
export interface RecordSource {
  releaseHistory(
    releaseName: string,
    options?: { limit?: number },
  ): Promise<{ sha: string; time: string; subject: string; trailers: Record<string, string> }[]>;
  message(sha: string): Promise<string>;
}

/** The newest release of `input.name` on the branch, oldest commit first; undefined when none. */
export async function readReleaseRecord(
  repo: RecordSource,
  input: Pick<ReleaseInput, 'name'>,
): Promise<ReleaseRecord | undefined> {
  const history = await repo.releaseHistory(input.name, { limit: 200 });
  const releaseId = history[0]?.trailers[TRAILER.releaseId];
  if (releaseId === undefined) return undefined;
  const own = history.filter((commit) => commit.trailers[TRAILER.releaseId] === releaseId).reverse();
  const commits = await Promise.all(
    own.map(async (commit): Promise<RecordedCommit> => {
      const [step = '0', total = '0'] = (commit.trailers[TRAILER.step] ?? '0/0').split('/');
      return {
        sha: commit.sha,
        time: commit.time,
        subject: commit.subject,
        step: Number(step),
        total: Number(total),
        weight: Number(commit.trailers[TRAILER.weight] ?? 0),
        phase: commit.trailers[TRAILER.phase] ?? '',
        action: commit.trailers[TRAILER.action] ?? '',
        image: commit.trailers[TRAILER.image] ?? '',
        gates: parseGateEvidence(await repo.message(commit.sha)),
      };
    }),
  );
  return { release: input.name, releaseId, commits };
}

// templates/commit-message.hbs: `- {{gate}} ({{kind}}): {{verdict}}[ value={{value}}][ threshold {{threshold}}] — {{message}}`
const EVIDENCE_LINE =
  /^- (.+?) \(([^()]*)\): (pass|fail|inconclusive)(?: value=(.*?))?(?: threshold (.*?))? — (.*)$/;

/**
 * The gate verdicts of a commit message's "Gate evidence:" block (none when it has no such block). A
 * verdict's message may go on over indented lines (a command's output); a blank line ends the block.
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
    if (!match) {
      if (last === undefined) break;
      last.message += `\n${line}`;
      continue;
    }
    const [, gate = '', kind = '', verdict, value, threshold, text = ''] = match;
    evidence.push({ gate, kind, verdict: verdict as Verdict, value, threshold, message: text });
  }
  return evidence;
}
