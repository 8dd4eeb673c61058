import { z } from 'zod';
import { type Observation, sameCommit, shortCommit } from './poll.js';

// Whether a Flux Kustomization has applied a commit, decided from one snapshot: the revision
// kustomize-controller last applied, its Ready condition, and whether that status is current
// (observedGeneration == metadata.generation), as `flux reconcile` and kstatus read them.

const condition = z.object({
  type: z.string(),
  status: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
  observedGeneration: z.number().optional(),
});

/** The fields of a `kustomize.toolkit.fluxcd.io/v1` Kustomization the gate reads. */
export const kustomizationSchema = z.object({
  metadata: z.object({ generation: z.number().optional() }).optional(),
  spec: z.object({ suspend: z.boolean().optional() }).optional(),
  status: z
    .object({
      observedGeneration: z.number().optional(),
      lastAppliedRevision: z.string().optional(),
      lastAttemptedRevision: z.string().optional(),
      conditions: z.array(condition).optional(),
    })
    .optional(),
});

/** The fields of a `source.toolkit.fluxcd.io/v1` GitRepository the gate reads. */
export const gitRepositorySchema = z.object({
  status: z
    .object({
      artifact: z.object({ revision: z.string().optional() }).optional(),
      conditions: z.array(condition).optional(),
    })
    .optional(),
});

export type Kustomization = z.infer<typeof kustomizationSchema>;
export type GitRepository = z.infer<typeof gitRepositorySchema>;

/**
 * Ready=False reasons kustomize-controller retries on its own without a new attempt failing:
 * waiting for dependencies or for the source artifact.
 */
const TRANSIENT_REASONS = new Set([
  'DependencyNotReady',
  'ArtifactFailed',
  'Progressing',
  'ProgressingWithRetry',
]);

/**
 * The commit in a Flux revision: `main@sha1:<sha>` (Flux v2 since 2.0), `sha1:<sha>` (a commit
 * ref), `main/<sha>` (before 2.0), or a plain `<sha>`.
 */
export function commitOfRevision(revision: string): string {
  let rest = revision.trim();
  const at = rest.lastIndexOf('@');
  if (at >= 0) rest = rest.slice(at + 1);
  rest = rest.replace(/^sha(?:1|256):/, '');
  const slash = rest.lastIndexOf('/');
  return slash >= 0 ? rest.slice(slash + 1) : rest;
}

export function revisionIsCommit(revision: string | undefined, commit: string): boolean {
  return revision !== undefined && sameCommit(commitOfRevision(revision), commit);
}

function shortRevision(revision: string | undefined): string {
  return revision === undefined || revision === '' ? '(none)' : shortCommit(commitOfRevision(revision));
}

function readyOf(conditions: z.infer<typeof condition>[] | undefined): z.infer<typeof condition> | undefined {
  return conditions?.find((c) => c.type === 'Ready');
}

/** `Ready=Unknown Progressing at abc1234` — what the Kustomization shows now. */
export function describeKustomization(kustomization: Kustomization): string {
  const status = kustomization.status;
  const ready = readyOf(status?.conditions);
  const readiness =
    ready === undefined ? 'Ready=Unknown' : `Ready=${ready.status} ${ready.reason ?? ''}`.trim();
  const applied = shortRevision(status?.lastAppliedRevision);
  const attempted = status?.lastAttemptedRevision;
  const attempt =
    attempted !== undefined && attempted !== status?.lastAppliedRevision
      ? ` (attempted ${shortRevision(attempted)})`
      : '';
  return `${readiness} at ${applied}${attempt}`;
}

export function assessKustomization(kustomization: Kustomization, commit: string): Observation {
  const status = kustomization.status;
  const state = describeKustomization(kustomization);
  const wait = (reason: string): Observation => ({ status: 'wait', state, reason });
  const short = shortCommit(commit);

  // A suspended Kustomization is not reconciled at all, so waiting could only end at the deadline.
  if (kustomization.spec?.suspend === true) {
    return { status: 'fail', state, reason: 'suspended (resume it with `flux resume kustomization`)' };
  }
  const generation = kustomization.metadata?.generation;
  const observed = status?.observedGeneration;
  if (generation !== undefined && observed !== generation) {
    return wait(`status.observedGeneration ${observed ?? 'unset'} behind metadata.generation ${generation}`);
  }
  const ready = readyOf(status?.conditions);
  if (
    ready?.observedGeneration !== undefined &&
    generation !== undefined &&
    ready.observedGeneration !== generation
  ) {
    return wait(`Ready condition observed generation ${ready.observedGeneration}, not ${generation}`);
  }
  if (
    ready?.status === 'False' &&
    revisionIsCommit(status?.lastAttemptedRevision, commit) &&
    !TRANSIENT_REASONS.has(ready.reason ?? '')
  ) {
    return {
      status: 'fail',
      state,
      reason: `Ready=False ${ready.reason ?? ''} for ${short}${ready.message === undefined ? '' : `: ${ready.message}`}`,
    };
  }
  if (!revisionIsCommit(status?.lastAppliedRevision, commit)) return wait(`waiting for ${short}`);
  if (ready?.status !== 'True') return wait(`waiting for Ready=True at ${short}`);
  return { status: 'pass', state, reason: '' };
}

/** The source must carry our commit too; only waits (its failures show in the reason). */
export function assessGitRepository(name: string, repository: GitRepository, commit: string): Observation {
  const revision = repository.status?.artifact?.revision;
  const state = `GitRepository ${name} at ${shortRevision(revision)}`;
  if (revisionIsCommit(revision, commit)) return { status: 'pass', state, reason: '' };
  const ready = readyOf(repository.status?.conditions);
  const failing =
    ready?.status === 'False' ? `; Ready=False ${ready.reason ?? ''}: ${ready.message ?? ''}`.trimEnd() : '';
  return { status: 'wait', state, reason: `waiting for ${shortCommit(commit)}${failing}` };
}
