export { LEASE_PREFIX, type Lease, LeaseMoved } from './lease.js';
export {
  liveTempDirs,
  type OpenRepositoryOptions,
  openRepository,
  removeOwnedTempDirs,
  type SigningOptions,
  splitCredentials,
} from './open.js';
export {
  type CommitInfo,
  type CommitOutcome,
  type CommitStepOptions,
  type ReleaseCommit,
  Repository,
  type StepCommit,
  type StepIntent,
} from './repository.js';
export type { GitIdentity } from './runner.js';
export {
  formatCommitMessage,
  GITCANARY_ACTIONS,
  GITCANARY_TRAILERS,
  type GitcanaryAction,
  type GitcanaryTrailer,
  validateTrailers,
} from './trailers.js';
