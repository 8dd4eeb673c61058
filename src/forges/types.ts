// A forge hosts the GitOps repository's change requests (GitHub pull requests, GitLab merge
// requests). Pull-request promotion needs only what this interface says; each forge is one file.

/**
 * How a change landed: a merge commit, one squashed commit, GitHub's rebase, or GitLab's
 * fast-forward (the base branch now points at the change's own head).
 */
export type MergeMethod = 'merge' | 'squash' | 'rebase' | 'fast-forward';

/**
 * Repository permission levels in GitHub's words (the API's `permission` field: maintain reads as
 * write). GitLab's access levels map onto them: Owner and Maintainer → admin, Developer → write,
 * Reporter, Planner and Guest → read.
 */
export type Permission = 'admin' | 'write' | 'read' | 'none';

export interface ChangeRequest {
  /** GitHub's pull request number; GitLab's merge request IID (`!N`). */
  number: number;
  /** How people name it: `pull request #3`, `merge request !3` (default: `pull request #N`). */
  reference?: string | undefined;
  /** Web page of the change request. */
  url: string;
  title: string;
  body: string;
  /** `merged` is closed by merging; `closed` is closed without. */
  state: 'open' | 'closed' | 'merged';
  draft: boolean;
  head: { branch: string; sha: string };
  base: { branch: string };
  labels: string[];
  /** Login of who opened it. */
  author: string;
  /** Set when merged: the commit that landed on the base branch and how it got there (when known). */
  merge?: { sha: string; method?: MergeMethod | undefined; at: string; by?: string | undefined } | undefined;
}

export interface NewChangeRequest {
  /** Branch holding the change (already pushed). */
  head: string;
  /** Branch it goes into. */
  base: string;
  title: string;
  body: string;
  draft?: boolean | undefined;
  labels?: readonly string[] | undefined;
  /** Logins, or `org/team` for a team. */
  reviewers?: readonly string[] | undefined;
}

export interface ChangeRequestUpdate {
  title?: string | undefined;
  body?: string | undefined;
}

export interface ChangeComment {
  id: number;
  body: string;
  author: string;
  /** Bots' comments never carry a command (ours explain how to approve and would match). */
  authorIsBot: boolean;
  /** ISO 8601. */
  createdAt: string;
  url: string;
}

/** A commit of a change request: who wrote it tells gitcanary's commit from a human's edit. */
export interface ChangeCommit {
  sha: string;
  message: string;
  author: string | undefined;
}

export type VerdictState = 'pending' | 'success' | 'failure' | 'error';

/** A gate verdict shown on a commit (GitHub commit status or check run). */
export interface CommitVerdict {
  sha: string;
  /** Status context / check name, e.g. `gitcanary/podinfo`. */
  name: string;
  state: VerdictState;
  /** One line (GitHub keeps 140 characters of a status description). */
  description: string;
  /** Longer text (check runs only). */
  details?: string | undefined;
  url?: string | undefined;
}

export interface Forge {
  /** `github` or `gitlab`, for messages. */
  readonly kind: string;
  /** Opens a change request from a pushed branch, with labels and reviewers. */
  openChangeRequest(request: NewChangeRequest): Promise<ChangeRequest>;
  /** Rewrites the title or body (e.g. new gate evidence). */
  updateChangeRequest(number: number, update: ChangeRequestUpdate): Promise<ChangeRequest>;
  /** One change request, with its merge commit and merge method once merged. */
  getChangeRequest(number: number): Promise<ChangeRequest>;
  /** The change request from `head` (open ones unless `state: 'all'`, newest first), if any. */
  findChangeRequest(query: {
    head: string;
    base?: string;
    state?: 'open' | 'all';
  }): Promise<ChangeRequest | undefined>;
  /** Closes it without merging. */
  closeChangeRequest(number: number): Promise<ChangeRequest>;
  comment(number: number, body: string): Promise<ChangeComment>;
  /** Rewrites one of its comments in place (the progress table gitcanary keeps up to date). */
  updateComment(number: number, commentId: number, body: string): Promise<ChangeComment>;
  /** Its comments, oldest first (only those created or edited since `since`, when given). */
  listComments(number: number, options?: { since?: string }): Promise<ChangeComment[]>;
  /** Its commits, oldest first. */
  listCommits(number: number): Promise<ChangeCommit[]>;
  /** What `user` may do in the repository; `none` for someone who is not a collaborator. */
  permission(user: string): Promise<Permission>;
  /** A verdict on a commit as a commit status. */
  setCommitStatus(verdict: CommitVerdict): Promise<void>;
  /**
   * A verdict on a commit as a completed check run (GitHub; needs a GitHub App token). GitLab has
   * no check runs: it sets a commit status with the same name.
   */
  createCheckRun(verdict: CommitVerdict): Promise<void>;
  /** Deletes a branch gitcanary pushed; a branch already gone is fine. */
  deleteBranch(branch: string): Promise<void>;
}
