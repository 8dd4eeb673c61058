import { GitbeakerRequestError, Gitlab } from '@gitbeaker/rest';
import { GitcanaryError } from '../errors.js';
import { maskSecrets, registerSecret } from '../report/secrets.js';
import {
  DEFAULT_MAX_WAIT_SECONDS,
  type GitLabRequesterOptions,
  gitlabRequester,
} from './gitlab-requester.js';
import type {
  ChangeComment,
  ChangeCommit,
  ChangeRequest,
  ChangeRequestUpdate,
  CommitVerdict,
  Forge,
  MergeMethod,
  NewChangeRequest,
  Permission,
} from './types.js';

// GitLab merge requests through @gitbeaker/rest (docs.gitlab.com/api/merge_requests, /api/notes,
// /api/members, /api/commits#set-the-pipeline-status-of-a-commit, /api/branches). Waits for rate
// limits are ours (gitlab-requester.ts). The token must be a project or group access token (or a
// personal one) with the `api` scope: CI_JOB_TOKEN can neither push nor open merge requests.

export const GITLAB_API_URL = 'https://gitlab.com/api/v4';

/** GitLab's access levels (docs.gitlab.com/api/members#roles). */
export const GITLAB_ACCESS = {
  guest: 10,
  planner: 15,
  reporter: 20,
  developer: 30,
  maintainer: 40,
  owner: 50,
};

export interface GitLabForgeOptions extends GitLabRequesterOptions {
  /** Numeric project ID or its full path (`group/subgroup/project`). */
  project: string | number;
  token: string;
  /** REST API root, `https://<host>/api/v4` (GitLab CI: CI_API_V4_URL). */
  apiUrl?: string | undefined;
}

/** A GitLab user as the API embeds one (UserBasic). */
interface GitLabUser {
  id: number;
  username: string;
}

/** The fields of a merge request gitcanary reads (docs.gitlab.com/api/merge_requests#get-single-mr). */
interface GitLabMergeRequest {
  iid: number;
  web_url: string;
  title: string;
  description?: string | null;
  state: string;
  draft?: boolean;
  source_branch: string;
  target_branch: string;
  sha?: string | null;
  merge_commit_sha?: string | null;
  squash_commit_sha?: string | null;
  merged_at?: string | null;
  updated_at?: string;
  merge_user?: GitLabUser | null;
  merged_by?: GitLabUser | null;
  labels?: (string | { name: string })[];
  author?: GitLabUser | null;
}

interface GitLabNote {
  id: number;
  body: string;
  author: GitLabUser;
  created_at: string;
  updated_at?: string;
  system: boolean;
}

// GitLab names the bot user of a project or group access token `project_<id>_bot_<suffix>` or
// `group_<id>_bot_<suffix>` (docs.gitlab.com/user/project/settings/project_access_tokens#bot-users-for-projects).
const ACCESS_TOKEN_BOT = /^(project|group)_\d+_bot(_[0-9a-f]+|\d*)$/;

export class GitLabForge implements Forge {
  readonly kind = 'gitlab';
  readonly #api: InstanceType<typeof Gitlab<false>>;
  readonly #project: string | number;
  /** `gitlab:<project>`, where errors say they happened. */
  readonly #resource: string;
  #self: Promise<GitLabUser | undefined> | undefined;
  #web: Promise<string> | undefined;

  constructor(options: GitLabForgeOptions) {
    const apiUrl = (options.apiUrl ?? GITLAB_API_URL).replace(/\/+$/, '');
    if (!/^https?:\/\/[^/]+(\/.*)?\/api\/v4$/.test(apiUrl)) {
      throw new GitcanaryError(
        'CONFIG_INVALID',
        `GitLab API URL ${JSON.stringify(apiUrl)} does not end in /api/v4`,
        {
          field: 'spec.forge.gitlab.apiUrl',
          hint: 'give the REST API root, e.g. https://gitlab.example.com/api/v4 (GitLab CI sets CI_API_V4_URL)',
        },
      );
    }
    if (String(options.project).trim() === '') {
      throw new GitcanaryError('CONFIG_INVALID', 'no GitLab project for merge requests', {
        field: 'spec.forge.gitlab.project',
      });
    }
    registerSecret(options.token);
    this.#project = options.project;
    this.#resource = `gitlab:${options.project}`;
    this.#api = new Gitlab({
      // @gitbeaker appends /api/v4 to the host it is given.
      host: apiUrl.slice(0, -'/api/v4'.length),
      token: options.token,
      requesterFn: gitlabRequester({
        ...options,
        maxWaitSeconds: options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS,
      }),
    });
  }

  async openChangeRequest(request: NewChangeRequest): Promise<ChangeRequest> {
    // Reviewers are resolved before anything is created: an unknown one changes nothing.
    const reviewerIds = await this.#reviewerIds(request.reviewers ?? []);
    const labels = request.labels ?? [];
    // A draft is a title starting with `Draft:` (docs.gitlab.com/user/project/merge_requests/drafts).
    const title =
      request.draft && !/^draft:/i.test(request.title) ? `Draft: ${request.title}` : request.title;
    const created = await this.#call('open a merge request', () =>
      this.#api.MergeRequests.create(this.#project, request.head, request.base, title, {
        description: request.body,
        ...(labels.length > 0 ? { labels: labels.join(',') } : {}),
        ...(reviewerIds.length > 0 ? { reviewerIds } : {}),
      }),
    );
    return toChangeRequest(created as GitLabMergeRequest);
  }

  async updateChangeRequest(number: number, update: ChangeRequestUpdate): Promise<ChangeRequest> {
    const updated = await this.#call(`update merge request !${number}`, () =>
      this.#api.MergeRequests.edit(this.#project, number, {
        ...(update.title === undefined ? {} : { title: update.title }),
        ...(update.body === undefined ? {} : { description: update.body }),
      }),
    );
    return toChangeRequest(updated as GitLabMergeRequest);
  }

  async getChangeRequest(number: number): Promise<ChangeRequest> {
    const found = await this.#call(`read merge request !${number}`, () =>
      this.#api.MergeRequests.show(this.#project, number),
    );
    return toChangeRequest(found as GitLabMergeRequest);
  }

  async findChangeRequest(query: {
    head: string;
    base?: string;
    state?: 'open' | 'all';
  }): Promise<ChangeRequest | undefined> {
    const found = await this.#call(`find the merge request from ${query.head}`, () =>
      this.#api.MergeRequests.all({
        projectId: this.#project,
        sourceBranch: query.head,
        ...(query.base === undefined ? {} : { targetBranch: query.base }),
        state: query.state === 'all' ? undefined : 'opened',
        orderBy: 'created_at',
        sort: 'desc',
        perPage: 10,
        maxPages: 1,
      }),
    );
    const first = (found as GitLabMergeRequest[])[0];
    return first === undefined ? undefined : toChangeRequest(first);
  }

  async closeChangeRequest(number: number): Promise<ChangeRequest> {
    const closed = await this.#call(`close merge request !${number}`, () =>
      this.#api.MergeRequests.edit(this.#project, number, { stateEvent: 'close' }),
    );
    return toChangeRequest(closed as GitLabMergeRequest);
  }

  async comment(number: number, body: string): Promise<ChangeComment> {
    const note = await this.#call(`comment on merge request !${number}`, () =>
      this.#api.MergeRequestNotes.create(this.#project, number, body),
    );
    return this.#toComment(note as GitLabNote, number);
  }

  async updateComment(number: number, commentId: number, body: string): Promise<ChangeComment> {
    const note = await this.#call(`update note ${commentId} on merge request !${number}`, () =>
      this.#api.MergeRequestNotes.edit(this.#project, number, commentId, { body }),
    );
    return this.#toComment(note as GitLabNote, number);
  }

  async listComments(number: number, options: { since?: string } = {}): Promise<ChangeComment[]> {
    const notes = await this.#call(`read the notes of merge request !${number}`, () =>
      this.#api.MergeRequestNotes.all(this.#project, number, {
        sort: 'asc',
        orderBy: 'created_at',
        perPage: 100,
      }),
    );
    // The notes API has no `since`: filter on the time a note was last written.
    const since = options.since === undefined ? undefined : Date.parse(options.since);
    const kept = (notes as GitLabNote[]).filter(
      (note) => since === undefined || Date.parse(note.updated_at ?? note.created_at) >= since,
    );
    return Promise.all(kept.map((note) => this.#toComment(note, number)));
  }

  async listCommits(number: number): Promise<ChangeCommit[]> {
    const commits = await this.#call(`read the commits of merge request !${number}`, () =>
      this.#api.MergeRequests.allCommits(this.#project, number, { perPage: 100 }),
    );
    // GitLab lists a merge request's commits newest first.
    return (commits as { id: string; message: string; author_name?: string }[])
      .map((commit) => ({ sha: commit.id, message: commit.message, author: commit.author_name }))
      .reverse();
  }

  async permission(user: string): Promise<Permission> {
    const found = await this.#call(`look up the user ${user}`, () => this.#api.Users.all({ username: user }));
    const account = (found as GitLabUser[]).find((candidate) => candidate.username === user);
    if (account === undefined) return 'none';
    try {
      // `members/all` counts members inherited from parent groups (and invited groups), as GitLab's
      // own permission checks do (docs.gitlab.com/api/members#get-a-member-of-a-group-or-project-including-inherited-and-invited-members).
      const member = (await this.#api.ProjectMembers.show(this.#project, account.id, {
        includeInherited: true,
      })) as { access_level: number; state?: string };
      if (member.state !== undefined && member.state !== 'active') return 'none';
      return accessPermission(member.access_level);
    } catch (error) {
      if (statusOf(error) === 404) return 'none';
      throw this.#wrap(error, `read the access level of ${user}`);
    }
  }

  async setCommitStatus(verdict: CommitVerdict): Promise<void> {
    const state = ({ pending: 'pending', success: 'success', failure: 'failed', error: 'failed' } as const)[
      verdict.state
    ];
    try {
      await this.#api.Commits.editStatus(this.#project, verdict.sha, state, {
        name: verdict.name,
        // GitLab keeps 255 characters of a status description.
        description: oneLine(verdict.description, 255),
        ...(verdict.url === undefined ? {} : { targetUrl: verdict.url }),
      });
    } catch (error) {
      // GitLab refuses to move a status to the state it is in ("Cannot transition status via
      // :succeed from :success"): the commit already shows this verdict.
      const same = /Cannot transition status via :\w+ from :(\w+)/.exec(messageOf(error));
      if (statusOf(error) === 400 && same?.[1] === state) return;
      throw this.#wrap(error, `set status ${verdict.name} on ${verdict.sha.slice(0, 7)}`);
    }
  }

  /** GitLab has no check runs: the verdict becomes a commit status of the same name. */
  async createCheckRun(verdict: CommitVerdict): Promise<void> {
    await this.setCommitStatus(verdict);
  }

  async deleteBranch(branch: string): Promise<void> {
    try {
      await this.#api.Branches.remove(this.#project, branch);
    } catch (error) {
      if (statusOf(error) === 404) return;
      throw this.#wrap(error, `delete branch ${branch}`);
    }
  }

  async #reviewerIds(reviewers: readonly string[]): Promise<number[]> {
    const ids: number[] = [];
    for (const name of reviewers) {
      if (name.includes('/')) {
        throw new GitcanaryError(
          'CONFIG_INVALID',
          `GitLab merge requests take users as reviewers, not ${name}`,
          {
            field: 'spec.promotion.pullRequest.reviewers',
            hint: 'name users; require a group through approval rules or CODEOWNERS in GitLab instead',
          },
        );
      }
      const found = await this.#call(`look up the reviewer ${name}`, () =>
        this.#api.Users.all({ username: name }),
      );
      const user = (found as GitLabUser[]).find((candidate) => candidate.username === name);
      if (user === undefined) {
        throw new GitcanaryError('CONFIG_INVALID', `no GitLab user ${name} to request a review from`, {
          field: 'spec.promotion.pullRequest.reviewers',
          resource: this.#resource,
        });
      }
      ids.push(user.id);
    }
    return ids;
  }

  /** The token's own user: its notes are gitcanary's, never commands. */
  #currentUser(): Promise<GitLabUser | undefined> {
    this.#self ??= this.#api.Users.showCurrentUser().then(
      (user) => user as GitLabUser,
      () => undefined,
    );
    return this.#self;
  }

  async #toComment(note: GitLabNote, number: number): Promise<ChangeComment> {
    const [self, web] = await Promise.all([this.#currentUser(), this.#projectWebUrl()]);
    return {
      id: note.id,
      body: note.body,
      author: note.author.username,
      // System notes ("merged", "added 1 commit") and the access token's bot user never command.
      authorIsBot: note.system || note.author.id === self?.id || ACCESS_TOKEN_BOT.test(note.author.username),
      createdAt: note.created_at,
      url: `${web}/-/merge_requests/${number}#note_${note.id}`,
    };
  }

  /** The project's web page (GET /projects/:id), for links to notes. */
  #projectWebUrl(): Promise<string> {
    this.#web ??= this.#call('read the project', () => this.#api.Projects.show(this.#project)).then(
      (project) => (project as { web_url: string }).web_url,
    );
    return this.#web;
  }

  async #call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.#wrap(error, what);
    }
  }

  /** @gitbeaker's request error as one of ours: what failed, GitLab's message, a hint; never the token. */
  #wrap(error: unknown, what: string): GitcanaryError {
    if (error instanceof GitcanaryError) return error;
    const status = statusOf(error);
    if (status === undefined) {
      return new GitcanaryError('FORGE_FAILED', maskSecrets(`GitLab: could not ${what}: ${String(error)}`), {
        resource: this.#resource,
      });
    }
    const headers = (error as GitbeakerRequestError).cause?.response.headers;
    const reset = Number(headers?.get('ratelimit-reset'));
    const hint =
      status === 429
        ? `GitLab's rate limit${Number.isFinite(reset) && reset > 0 ? ` resets at ${new Date(reset * 1000).toISOString()}` : ''}; run again later`
        : HINTS[status];
    const detail = messageOf(error);
    return new GitcanaryError(
      'FORGE_FAILED',
      maskSecrets(`GitLab: could not ${what}: HTTP ${status}${detail ? ` ${detail}` : ''}`),
      { resource: this.#resource, ...(hint ? { hint } : {}) },
    );
  }
}

const HINTS: Record<number, string> = {
  401: 'the token is invalid, expired or revoked',
  403: 'the token may not do this: use a project or group access token with the api scope and the Developer role or more (CI_JOB_TOKEN cannot open merge requests)',
  404: 'check spec.forge.gitlab.project (default CI_PROJECT_PATH) and that the token can see that project',
  409: 'GitLab refused it as a conflict (another open merge request from this branch)',
  422: 'GitLab refused the request as invalid (an unknown branch, or a merge request that exists already)',
};

/** Owner and Maintainer administer the project, Developer pushes and merges, the rest read. */
export function accessPermission(accessLevel: number): Permission {
  if (accessLevel >= GITLAB_ACCESS.maintainer) return 'admin';
  if (accessLevel >= GITLAB_ACCESS.developer) return 'write';
  if (accessLevel >= GITLAB_ACCESS.guest) return 'read';
  return 'none';
}

function statusOf(error: unknown): number | undefined {
  return error instanceof GitbeakerRequestError ? error.cause?.response.status : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof GitbeakerRequestError ? (error.cause?.description ?? error.message) : String(error);
}

/**
 * GitLab's merge request states: `opened`, `locked` (briefly, while merging: still open, as Kargo's
 * pkg/gitprovider/gitlab/gitlab.go isMROpen reads it), `closed`, `merged`. The landed commit is the
 * merge commit; without one the squash commit; without either the branch was fast-forwarded to the
 * merge request's head (`sha`) — Kargo PR #5454 and git-cliff PR #968 read these fields so.
 */
function toChangeRequest(data: GitLabMergeRequest): ChangeRequest {
  const merged = data.state === 'merged';
  const head = data.sha ?? '';
  let merge: ChangeRequest['merge'];
  if (merged) {
    const method: MergeMethod = data.squash_commit_sha
      ? 'squash'
      : data.merge_commit_sha
        ? 'merge'
        : 'fast-forward';
    merge = {
      sha: data.merge_commit_sha ?? data.squash_commit_sha ?? head,
      method,
      at: data.merged_at ?? data.updated_at ?? '',
      by: (data.merge_user ?? data.merged_by)?.username,
    };
  }
  return {
    number: data.iid,
    reference: `merge request !${data.iid}`,
    url: data.web_url,
    title: data.title,
    body: data.description ?? '',
    state: merged ? 'merged' : data.state === 'opened' || data.state === 'locked' ? 'open' : 'closed',
    draft: data.draft ?? /^(draft:|\[draft\]|\(draft\))/i.test(data.title),
    head: { branch: data.source_branch, sha: head },
    base: { branch: data.target_branch },
    labels: (data.labels ?? []).map((label) => (typeof label === 'string' ? label : label.name)),
    author: data.author?.username ?? '',
    merge,
  };
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
