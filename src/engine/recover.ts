import { GitcanaryError } from '../errors.js';
import type { Reporter } from '../report/events.js';
import type { ReleaseRepository } from './types.js';

/**
 * Recovery before a command acts: a run killed between commit and push leaves its commit in the
 * working copy; its gates had passed, so push it. If the branch moved meanwhile, drop it and let
 * the step be done again. Fetches first: the history (and the tree `start` observes) must be the
 * remote's, not what a workdir last fetched. True when a left commit was pushed.
 */
export async function recoverUnpushed(
  repo: ReleaseRepository,
  reporter: Reporter,
  /** The caller fetched just now: the history is the remote's already. */
  fetched = false,
): Promise<boolean> {
  if (!fetched) await repo.fetch?.();
  const unpushed = (await repo.unpushedCommits?.()) ?? [];
  if (unpushed.length === 0) {
    await repo.resetToRemote?.();
    return false;
  }
  try {
    const sha = await repo.pushUnpushed!();
    reporter.event({
      type: 'progress',
      message: `pushed ${unpushed.length} commit(s) left by an interrupted run, up to ${sha.slice(0, 7)}`,
    });
    return true;
  } catch (error) {
    // Only a lost race drops them: a network or auth failure must not lose a step's commit.
    if (!(error instanceof GitcanaryError && error.code === 'GIT_PUSH_CONFLICT')) throw error;
    await repo.resetToRemote!();
    reporter.event({
      type: 'progress',
      message: `dropped ${unpushed.length} unpushed commit(s) of an interrupted run: the branch moved`,
    });
    return false;
  }
}
