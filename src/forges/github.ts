import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { RequestError } from '@octokit/request-error';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { GitcanaryError } from '../errors.js';
import { maskSecrets, registerSecret } from '../report/secrets.js';
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

// GitHub pull requests through @octokit/rest. Rate limits are the plugins' job: plugin-throttling
// waits out primary limits until `x-ratelimit-reset` and secondary limits for `retry-after`
// (checking the answer, not guessing), plugin-retry retries server errors with backoff. A token is
// a token: GITHUB_TOKEN, a personal access token, or a GitHub App installation token.

export const GITHUB_API_URL = 'https://api.github.com';

const GitHubClient = Octokit.plugin(throttling, retry);
type Client = InstanceType<typeof GitHubClient>;

export interface GitHubForgeOptions {
  /** `owner/name`. */
  repository: string;
  token: string;
  /** REST API root: https://api.github.com, or `https://<host>/api/v3` for GitHub Enterprise Server. */
  apiUrl?: string | undefined;
  /** Told each wait for a rate limit (the engine shows it as progress). */
  onWait?: ((message: string) => void) | undefined;
  /** Retries of one request after rate limits (default 3). */
  maxRateLimitRetries?: number | undefined;
  /** A limit reset further away than this fails the request instead of waiting (default 15 min). */
  maxWaitSeconds?: number | undefined;
  /** Milliseconds per second of `retry-after` and of retry backoff; tests shrink it (default 1000). */
  secondMs?: number | undefined;
}

const DEFAULT_MAX_WAIT_SECONDS = 15 * 60;

export class GitHubForge implements Forge {
  readonly kind = 'github';
  readonly #client: Client;
  readonly #owner: string;
  readonly #repo: string;

  constructor(options: GitHubForgeOptions) {
    const [owner, repo, ...rest] = options.repository.split('/');
    if (!owner || !repo || rest.length > 0) {
      throw new GitcanaryError(
        'CONFIG_INVALID',
        `repository ${JSON.stringify(options.repository)} is not owner/name`,
        {
          field: 'spec.forge.github.repository',
        },
      );
    }
    this.#owner = owner;
    this.#repo = repo;
    registerSecret(options.token);
    const maxRetries = options.maxRateLimitRetries ?? 3;
    const maxWait = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
    const secondMs = options.secondMs ?? 1000;
    const onLimit =
      (kind: string) =>
      (retryAfter: number, request: { method: string; url: string }, _o: unknown, retryCount: number) => {
        if (retryCount >= maxRetries || retryAfter > maxWait) return false;
        options.onWait?.(
          `GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter}s`,
        );
        return true;
      };
    this.#client = new GitHubClient({
      auth: options.token,
      baseUrl: (options.apiUrl ?? GITHUB_API_URL).replace(/\/+$/, ''),
      userAgent: 'gitcanary',
      // Octokit would log each failed request itself; failures reach the user once, as our errors.
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      throttle: {
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: secondMs,
        // GitHub asks for a second between writes (three before one that notifies people): the
        // plugin's own pacing, measured in `secondMs`.
        write: new Bottleneck.Group({ maxConcurrent: 1, minTime: secondMs }),
        notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 3 * secondMs }),
      },
      // 429 is a rate limit: plugin-throttling's to wait out, not a server error to retry blindly.
      retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451], retryAfterBaseValue: secondMs },
    });
  }

  async openChangeRequest(request: NewChangeRequest): Promise<ChangeRequest> {
    const { data } = await this.#call('open a pull request', () =>
      this.#client.rest.pulls.create({
        ...this.#repository(),
        head: request.head,
        base: request.base,
        title: request.title,
        body: request.body,
        draft: request.draft ?? false,
      }),
    );
    const labels = request.labels ?? [];
    if (labels.length > 0) {
      await this.#call(`label pull request #${data.number}`, () =>
        this.#client.rest.issues.addLabels({
          ...this.#repository(),
          issue_number: data.number,
          labels: [...labels],
        }),
      );
    }
    const reviewers = request.reviewers ?? [];
    if (reviewers.length > 0) {
      // `org/team` names a team (the API wants its slug); anything else is a login.
      const teams = reviewers.filter((name) => name.includes('/')).map((name) => name.split('/').at(-1)!);
      const users = reviewers.filter((name) => !name.includes('/'));
      await this.#call(`request reviewers on pull request #${data.number}`, () =>
        this.#client.rest.pulls.requestReviewers({
          ...this.#repository(),
          pull_number: data.number,
          ...(users.length > 0 ? { reviewers: users } : {}),
          ...(teams.length > 0 ? { team_reviewers: teams } : {}),
        }),
      );
    }
    return { ...toChangeRequest(data), labels: [...labels] };
  }

  async updateChangeRequest(number: number, update: ChangeRequestUpdate): Promise<ChangeRequest> {
    const { data } = await this.#call(`update pull request #${number}`, () =>
      this.#client.rest.pulls.update({
        ...this.#repository(),
        pull_number: number,
        ...(update.title === undefined ? {} : { title: update.title }),
        ...(update.body === undefined ? {} : { body: update.body }),
      }),
    );
    return toChangeRequest(data);
  }

  async getChangeRequest(number: number): Promise<ChangeRequest> {
    const { data } = await this.#call(`read pull request #${number}`, () =>
      this.#client.rest.pulls.get({ ...this.#repository(), pull_number: number }),
    );
    const change = toChangeRequest(data);
    if (change.merge === undefined) return change;
    return { ...change, merge: { ...change.merge, method: await this.#mergeMethod(change) } };
  }

  async findChangeRequest(query: {
    head: string;
    base?: string;
    state?: 'open' | 'all';
  }): Promise<ChangeRequest | undefined> {
    const { data } = await this.#call(`find the pull request from ${query.head}`, () =>
      this.#client.rest.pulls.list({
        ...this.#repository(),
        // GitHub filters by `user:branch`; our branches live in the repository itself.
        head: `${this.#owner}:${query.head}`,
        ...(query.base === undefined ? {} : { base: query.base }),
        state: query.state ?? 'open',
        sort: 'created',
        direction: 'desc',
        per_page: 10,
      }),
    );
    const found = data[0];
    return found === undefined ? undefined : toChangeRequest(found);
  }

  async closeChangeRequest(number: number): Promise<ChangeRequest> {
    const { data } = await this.#call(`close pull request #${number}`, () =>
      this.#client.rest.pulls.update({ ...this.#repository(), pull_number: number, state: 'closed' }),
    );
    return toChangeRequest(data);
  }

  async comment(number: number, body: string): Promise<ChangeComment> {
    const { data } = await this.#call(`comment on pull request #${number}`, () =>
      this.#client.rest.issues.createComment({ ...this.#repository(), issue_number: number, body }),
    );
    return toComment(data);
  }

  async updateComment(number: number, commentId: number, body: string): Promise<ChangeComment> {
    const { data } = await this.#call(`update comment ${commentId} on pull request #${number}`, () =>
      this.#client.rest.issues.updateComment({ ...this.#repository(), comment_id: commentId, body }),
    );
    return toComment(data);
  }

  async listComments(number: number, options: { since?: string } = {}): Promise<ChangeComment[]> {
    const comments = await this.#call(`read the comments of pull request #${number}`, () =>
      this.#client.paginate(this.#client.rest.issues.listComments, {
        ...this.#repository(),
        issue_number: number,
        ...(options.since === undefined ? {} : { since: options.since }),
        per_page: 100,
      }),
    );
    return comments.map(toComment);
  }

  async listCommits(number: number): Promise<ChangeCommit[]> {
    const commits = await this.#call(`read the commits of pull request #${number}`, () =>
      this.#client.paginate(this.#client.rest.pulls.listCommits, {
        ...this.#repository(),
        pull_number: number,
        per_page: 100,
      }),
    );
    return commits.map((commit) => ({
      sha: commit.sha,
      message: commit.commit.message,
      author: commit.author?.login ?? commit.commit.author?.name ?? undefined,
    }));
  }

  async permission(user: string): Promise<Permission> {
    try {
      const { data } = await this.#client.rest.repos.getCollaboratorPermissionLevel({
        ...this.#repository(),
        username: user,
      });
      // `permission` is the classic level (maintain → write, triage → read); custom roles map onto it too.
      return (['admin', 'write', 'read'] as const).find((level) => level === data.permission) ?? 'none';
    } catch (error) {
      // Not a collaborator (or no such user): no permission, not a failure.
      if (error instanceof RequestError && error.status === 404) return 'none';
      throw this.#wrap(error, `read the permission of ${user}`);
    }
  }

  async setCommitStatus(verdict: CommitVerdict): Promise<void> {
    await this.#call(`set status ${verdict.name} on ${verdict.sha.slice(0, 7)}`, () =>
      this.#client.rest.repos.createCommitStatus({
        ...this.#repository(),
        sha: verdict.sha,
        state: verdict.state,
        context: verdict.name,
        // GitHub refuses a description over 140 characters.
        description: oneLine(verdict.description, 140),
        ...(verdict.url === undefined ? {} : { target_url: verdict.url }),
      }),
    );
  }

  async createCheckRun(verdict: CommitVerdict): Promise<void> {
    const conclusion = {
      pending: 'neutral',
      success: 'success',
      failure: 'failure',
      error: 'failure',
    } as const;
    await this.#call(`create check run ${verdict.name} on ${verdict.sha.slice(0, 7)}`, () =>
      this.#client.rest.checks.create({
        ...this.#repository(),
        name: verdict.name,
        head_sha: verdict.sha,
        ...(verdict.state === 'pending'
          ? { status: 'in_progress' as const }
          : { status: 'completed' as const, conclusion: conclusion[verdict.state] }),
        output: { title: oneLine(verdict.description, 255), summary: verdict.details ?? verdict.description },
        ...(verdict.url === undefined ? {} : { details_url: verdict.url }),
      }),
    );
  }

  async deleteBranch(branch: string): Promise<void> {
    try {
      await this.#client.rest.git.deleteRef({ ...this.#repository(), ref: `heads/${branch}` });
    } catch (error) {
      // GitHub answers 422 "Reference does not exist" for a branch already deleted (e.g. on merge).
      if (error instanceof RequestError && (error.status === 422 || error.status === 404)) return;
      throw this.#wrap(error, `delete branch ${branch}`);
    }
  }

  /**
   * The REST API does not say how a pull request was merged: a merge commit has two parents; a
   * rebase replays the head commit (same message); a squash writes a new message (title and #N).
   * A single-commit squash that kept the commit's message reads as a rebase, which lands the same tree.
   */
  async #mergeMethod(change: ChangeRequest): Promise<MergeMethod | undefined> {
    if (change.merge === undefined) return undefined;
    const merged = await this.#commit(change.merge.sha);
    if (merged.parents.length > 1) return 'merge';
    const head = await this.#commit(change.head.sha);
    return merged.message.trimEnd() === head.message.trimEnd() ? 'rebase' : 'squash';
  }

  async #commit(sha: string): Promise<{ message: string; parents: unknown[] }> {
    const { data } = await this.#call(`read commit ${sha.slice(0, 7)}`, () =>
      this.#client.rest.git.getCommit({ ...this.#repository(), commit_sha: sha }),
    );
    return { message: data.message, parents: data.parents };
  }

  #repository(): { owner: string; repo: string } {
    return { owner: this.#owner, repo: this.#repo };
  }

  async #call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.#wrap(error, what);
    }
  }

  /** Octokit's RequestError as one of ours: what failed, GitHub's message, a hint; never the token. */
  #wrap(error: unknown, what: string): GitcanaryError {
    if (!(error instanceof RequestError)) {
      return new GitcanaryError('FORGE_FAILED', maskSecrets(`GitHub: could not ${what}: ${String(error)}`), {
        resource: `github:${this.#owner}/${this.#repo}`,
      });
    }
    const headers = error.response?.headers ?? {};
    const data = error.response?.data as { message?: string; errors?: { message?: string }[] } | undefined;
    const detail = [data?.message, ...(data?.errors ?? []).map((e) => e.message)].filter(Boolean).join('; ');
    const reset = Number(headers['x-ratelimit-reset']);
    const limited =
      error.status === 429 ||
      (error.status === 403 &&
        (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined));
    const hint = limited
      ? `GitHub's rate limit${Number.isFinite(reset) && reset > 0 ? ` resets at ${new Date(reset * 1000).toISOString()}` : ''}; run again later, or use a GitHub App installation token for a higher limit`
      : HINTS[error.status];
    return new GitcanaryError(
      'FORGE_FAILED',
      maskSecrets(`GitHub: could not ${what}: HTTP ${error.status}${detail ? ` ${detail}` : ''}`),
      { resource: `github:${this.#owner}/${this.#repo}`, ...(hint ? { hint } : {}) },
    );
  }
}

const HINTS: Record<number, string> = {
  401: 'the token is invalid or expired',
  403: 'the token may not do this: it needs contents, pull-requests and statuses (or checks) write access',
  404: 'check spec.forge.github.repository and that the token can see that repository',
  422: 'GitHub refused the request as invalid (an existing pull request for the branch, or an unknown branch)',
};

function toChangeRequest(data: {
  number: number;
  html_url: string;
  title: string;
  body?: string | null;
  state: string;
  draft?: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
  merged_by?: { login: string } | null;
  head: { ref: string; sha: string };
  base: { ref: string };
  labels: { name?: string }[];
  user: { login: string } | null;
}): ChangeRequest {
  const merged = data.merged_at !== null && data.merge_commit_sha !== null;
  return {
    number: data.number,
    reference: `pull request #${data.number}`,
    url: data.html_url,
    title: data.title,
    body: data.body ?? '',
    state: merged ? 'merged' : data.state === 'open' ? 'open' : 'closed',
    draft: data.draft ?? false,
    head: { branch: data.head.ref, sha: data.head.sha },
    base: { branch: data.base.ref },
    labels: data.labels.map((label) => label.name ?? '').filter((name) => name !== ''),
    author: data.user?.login ?? '',
    merge: merged
      ? { sha: data.merge_commit_sha!, at: data.merged_at!, by: data.merged_by?.login ?? undefined }
      : undefined,
  };
}

function toComment(data: {
  id: number;
  body?: string;
  user: { login: string; type: string } | null;
  created_at: string;
  html_url: string;
}): ChangeComment {
  return {
    id: data.id,
    body: data.body ?? '',
    author: data.user?.login ?? '',
    authorIsBot: data.user?.type === 'Bot',
    createdAt: data.created_at,
    url: data.html_url,
  };
}

function oneLine(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
