import { TRAILER } from '../engine/progress.js';
import type { ReleaseInput } from '../engine/release.js';
import { type GateEvidence, parseGateEvidence } from '../report/commit-evidence.js';

// What a release did, read back from its commits: the trailers say step, weight, phase and action;
// the message says which gates decided the step (the "Gate evidence:" block that
// templates/commit-message.hbs writes). The job summary is drawn from this, not from a side file.

export { type GateEvidence, parseGateEvidence };

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
