import { z } from 'zod';
import { type Observation, sameCommit, shortCommit } from './poll.js';

// Whether an Argo CD Application has applied a commit: the part of the Application we read, and
// the decision, kept free of I/O. The rule follows `argocd app wait`, Kargo's argocd-update health
// check and gitops-promoter's ArgoCDCommitStatus: our revision synced, Healthy, and the status
// reconciled after the sync operation finished.

const revisions = z.array(z.string()).optional();
const time = z.string().optional();

/** The fields of `v1alpha1Application` the sync gate reads (Argo CD REST API). */
export const argoCdApplicationSchema = z.object({
  metadata: z.object({ name: z.string().optional(), namespace: z.string().optional() }).optional(),
  // Set while an operation is requested or running; the controller clears it when it finishes.
  operation: z.unknown().optional(),
  status: z
    .object({
      sync: z
        .object({ status: z.string().optional(), revision: z.string().optional(), revisions })
        .optional(),
      health: z.object({ status: z.string().optional(), message: z.string().optional() }).optional(),
      reconciledAt: time,
      operationState: z
        .object({
          phase: z.string().optional(),
          message: z.string().optional(),
          startedAt: time,
          finishedAt: time,
          operation: z
            .object({ sync: z.object({ revision: z.string().optional(), revisions }).optional() })
            .optional(),
          syncResult: z.object({ revision: z.string().optional(), revisions }).optional(),
        })
        .optional(),
      conditions: z
        .array(z.object({ type: z.string().optional(), message: z.string().optional() }))
        .optional(),
    })
    .optional(),
});

export type ArgoCdApplication = z.infer<typeof argoCdApplicationSchema>;

/** Operation phases after which Argo CD will not retry the same operation. */
const FAILED_PHASES = new Set(['Failed', 'Error']);
const RUNNING_PHASES = new Set(['Running', 'Terminating']);
/** Conditions Kargo treats as making health untrustworthy; shown in the reason while waiting. */
const ERROR_CONDITIONS = new Set(['ComparisonError', 'InvalidSpecError', 'SyncError']);

function revisionList(single: string | undefined, multi: string[] | undefined): string[] {
  if (multi !== undefined && multi.length > 0) return multi;
  return single === undefined || single === '' ? [] : [single];
}

/** `OutOfSync Progressing at abc1234` — what the Application shows now. */
export function describeApplication(app: ArgoCdApplication): string {
  const status = app.status;
  const synced = revisionList(status?.sync?.revision, status?.sync?.revisions);
  const sync = status?.sync?.status ?? 'Unknown';
  const health = status?.health?.status ?? 'Unknown';
  const at = synced.length > 0 ? synced.map(shortCommit).join(',') : '(no revision)';
  return `${sync} ${health} at ${at}`;
}

/**
 * Decide from one Application snapshot. `acceptedHealth` is normally `['Healthy']`; a Rollout
 * paused at a `pause: {}` step makes the Application `Suspended`.
 */
export function assessApplication(
  app: ArgoCdApplication,
  commit: string,
  acceptedHealth: readonly string[] = ['Healthy'],
): Observation {
  const status = app.status;
  const state = describeApplication(app);
  const ours = (revision: string): boolean => sameCommit(revision, commit);
  const wait = (reason: string): Observation => ({ status: 'wait', state, reason });
  const fail = (reason: string): Observation => ({ status: 'fail', state, reason });

  const operationState = status?.operationState;
  const phase = operationState?.phase;
  const resultRevisions = revisionList(
    operationState?.syncResult?.revision,
    operationState?.syncResult?.revisions,
  );
  const requestedRevisions = revisionList(
    operationState?.operation?.sync?.revision,
    operationState?.operation?.sync?.revisions,
  );
  const operationForUs = [...resultRevisions, ...requestedRevisions].some(ours);

  if (app.operation !== undefined && app.operation !== null) return wait('sync operation requested');
  if (
    operationState !== undefined &&
    (operationState.finishedAt === undefined || RUNNING_PHASES.has(phase ?? ''))
  ) {
    return wait(`sync operation ${phase ?? 'Running'}`);
  }
  if (operationState !== undefined && operationForUs && FAILED_PHASES.has(phase ?? '')) {
    const message = operationState.message === undefined ? '' : `: ${operationState.message}`;
    return fail(`sync operation ${phase} for ${shortCommit(commit)}${message}`);
  }

  const finishedAt = operationState?.finishedAt;
  if (finishedAt !== undefined) {
    const reconciledAt = status?.reconciledAt;
    // Argo CD assesses health in a separate loop: before it runs again, health predates the sync.
    if (reconciledAt === undefined || Date.parse(reconciledAt) < Date.parse(finishedAt)) {
      return wait(`status not reconciled since the sync finished at ${finishedAt}`);
    }
  }

  const synced = revisionList(status?.sync?.revision, status?.sync?.revisions);
  const revisionIsOurs = synced.some(ours) || (phase === 'Succeeded' && resultRevisions.some(ours));
  if (!revisionIsOurs) return wait(`waiting for ${shortCommit(commit)}`);

  const health = status?.health?.status ?? 'Unknown';
  if (health === 'Degraded') {
    const message = status?.health?.message;
    return fail(`Degraded at ${shortCommit(commit)}${message === undefined ? '' : `: ${message}`}`);
  }
  const errors = (status?.conditions ?? []).filter((c) => ERROR_CONDITIONS.has(c.type ?? ''));
  if (errors.length > 0) {
    return wait(errors.map((c) => `${c.type}: ${c.message ?? ''}`.trim()).join('; '));
  }
  if (status?.sync?.status !== 'Synced') return wait(`waiting for Synced at ${shortCommit(commit)}`);
  if (!acceptedHealth.includes(health)) {
    return wait(`waiting for ${acceptedHealth.join(' or ')} at ${shortCommit(commit)}`);
  }
  return { status: 'pass', state, reason: '' };
}
