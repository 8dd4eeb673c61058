import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { githubExample, matchOperation, requestErrors, responseErrors } from './openapi.js';

// A local stand-in for the GitHub REST API, enough for pull-request promotion: pulls, issue
// comments and labels, requested reviewers, collaborator permission, commit statuses, check runs,
// git commits and refs. Every request must be one GitHub documents (path, method, query, body) and
// every response is checked against GitHub's published OpenAPI description; responses start from
// GitHub's own examples. Violations are collected for the test to assert empty.
// With `repo`, the repository behind it is real: a bare git repository whose branches the pulls
// point at (a person's push to a pull's branch moves its head), merged as GitHub merges (a merge
// commit, a squash commit with the pull's title and description, or the commits rebased).

export interface FakePull {
  number: number;
  title: string;
  body: string;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  state: 'open' | 'closed';
  draft: boolean;
  labels: string[];
  reviewers: string[];
  teams: string[];
  user: string;
  createdAt: string;
  closedAt?: string;
  merged?: { sha: string; at: string; by: string };
}

export interface FakeComment {
  id: number;
  issue: number;
  body: string;
  user: string;
  bot: boolean;
  createdAt: string;
}

export interface RecordedCall {
  method: string;
  path: string;
  operationId: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface InjectedReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface FakeGitHub {
  /** API root to give the client, e.g. `http://127.0.0.1:1234/api/v3` for an Enterprise-style root. */
  url: string;
  owner: string;
  repo: string;
  pulls: Map<number, FakePull>;
  comments: FakeComment[];
  commits: Map<string, { message: string; parents: string[] }>;
  branches: Map<string, string>;
  /** Repository role of each collaborator: admin, maintain, write, triage, read. */
  permissions: Map<string, string>;
  statuses: Record<string, unknown>[];
  checkRuns: Record<string, unknown>[];
  calls: RecordedCall[];
  /** Requests or responses GitHub's OpenAPI description does not allow. */
  violations: string[];
  /** Answers the next requests with these replies (rate limits, outages), in order. */
  inject(...replies: InjectedReply[]): void;
  /** A branch with one commit on top of `base`, as gitcanary pushes a step's change. */
  pushBranch(branch: string, message: string): string;
  /** Merges as GitHub does for that method; returns the commit on the base branch. */
  merge(number: number, method: 'merge' | 'squash' | 'rebase', by?: string): string;
  close(number: number): void;
  addComment(issue: number, user: string, body: string, bot?: boolean): void;
  close_(): Promise<void>;
}

const NOW = '2026-01-01T00:00:00Z';

function sha(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

function gitIn(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export async function startFakeGitHub(
  options: { prefix?: string /** A bare repository the pulls' branches live in. */; repo?: string } = {},
): Promise<FakeGitHub> {
  const prefix = options.prefix ?? '';
  const bare = options.repo;
  /** A branch's head: in the real repository when there is one. */
  const branchHead = (branch: string): string | undefined => {
    if (bare === undefined) return state.branches.get(branch);
    try {
      return gitIn(bare, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`);
    } catch {
      return undefined;
    }
  };
  const commitOf = (commitSha: string): { message: string; parents: string[] } | undefined => {
    if (bare === undefined) return state.commits.get(commitSha);
    try {
      const [parents = '', message = ''] = gitIn(
        bare,
        'log',
        '-1',
        '--format=%P%x1f%B',
        commitSha,
        '--',
      ).split('\x1f');
      return { message: message.trim(), parents: parents.split(' ').filter(Boolean) };
    } catch {
      return undefined;
    }
  };
  /** An open pull follows its branch (someone may push to it). */
  const refresh = (pull: FakePull | undefined): void => {
    if (pull?.state !== 'open') return;
    const head = branchHead(pull.head.ref);
    if (head !== undefined) pull.head.sha = head;
  };
  const owner = 'acme';
  const repo = 'gitops';
  const mainSha = sha('main');
  let nextNumber = 1;
  let nextId = 1000;
  const injected: InjectedReply[] = [];
  const state = {
    pulls: new Map<number, FakePull>(),
    comments: [] as FakeComment[],
    commits: new Map<string, { message: string; parents: string[] }>([
      [mainSha, { message: 'podinfo 6.0.0', parents: [] }],
    ]),
    branches: new Map<string, string>([['main', mainSha]]),
    permissions: new Map<string, string>(),
    statuses: [] as Record<string, unknown>[],
    checkRuns: [] as Record<string, unknown>[],
    calls: [] as RecordedCall[],
    violations: [] as string[],
  };
  let base = '';

  const user = (login: string, bot = false) => ({
    ...(githubExample<Record<string, unknown>>('pull-request').user as Record<string, unknown>),
    login,
    type: bot ? 'Bot' : 'User',
    // Apps' bot accounts live under /apps/ (`github-actions[bot]` → https://github.com/apps/github-actions).
    html_url: bot
      ? `https://github.com/apps/${login.replace(/\[bot\]$/, '')}`
      : `https://github.com/${login}`,
  });

  const repository = () => {
    const example = (
      githubExample<Record<string, unknown>>('pull-request').head as { repo: Record<string, unknown> }
    ).repo;
    return { ...example, name: repo, full_name: `${owner}/${repo}`, owner: user(owner) };
  };

  const label = (name: string) => ({
    ...(githubExample<Record<string, unknown>[]>('label-items')[0] as Record<string, unknown>),
    name,
  });

  const pullJson = (pull: FakePull) => {
    const example = githubExample<Record<string, unknown>>('pull-request');
    const merged = pull.merged !== undefined;
    return {
      ...example,
      url: `${base}/repos/${owner}/${repo}/pulls/${pull.number}`,
      html_url: `https://github.com/${owner}/${repo}/pull/${pull.number}`,
      number: pull.number,
      state: pull.state,
      title: pull.title,
      body: pull.body,
      draft: pull.draft,
      user: user(pull.user, true),
      labels: pull.labels.map(label),
      // The example's team lacks the `type` the schema requires: list people only.
      requested_reviewers: pull.reviewers.map((login) => user(login)),
      requested_teams: [],
      head: { ...(example.head as object), ref: pull.head.ref, sha: pull.head.sha, repo: repository() },
      base: { ...(example.base as object), ref: pull.base.ref, sha: pull.base.sha, repo: repository() },
      created_at: pull.createdAt,
      updated_at: pull.createdAt,
      closed_at: pull.closedAt ?? null,
      merged_at: pull.merged?.at ?? null,
      merge_commit_sha: pull.merged?.sha ?? sha(`test-merge-${pull.number}`),
      merged,
      mergeable: pull.state === 'open' ? true : null,
      merged_by: pull.merged ? user(pull.merged.by) : null,
      assignee: null,
      assignees: [],
      milestone: null,
      auto_merge: null,
    };
  };

  const simplePullJson = (pull: FakePull) => {
    const full = pullJson(pull) as Record<string, unknown>;
    const example = githubExample<Record<string, unknown>[]>('pull-request-simple-items')[0] as Record<
      string,
      unknown
    >;
    return Object.fromEntries(Object.keys(example).map((key) => [key, full[key] ?? example[key]]));
  };

  const commentJson = (comment: FakeComment) => ({
    ...githubExample<Record<string, unknown>>('issue-comment'),
    id: comment.id,
    body: comment.body,
    user: user(comment.user, comment.bot),
    created_at: comment.createdAt,
    updated_at: comment.createdAt,
    html_url: `https://github.com/${owner}/${repo}/pull/${comment.issue}#issuecomment-${comment.id}`,
    issue_url: `${base}/repos/${owner}/${repo}/issues/${comment.issue}`,
  });

  const notFound = {
    status: 404,
    body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
  };

  type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

  const handle = (
    params: Record<string, string>,
    operationId: string,
    body: Record<string, unknown>,
    query: URLSearchParams,
  ): Reply => {
    const pull = state.pulls.get(Number(params.pull_number ?? params.issue_number));
    refresh(pull);
    for (const open of state.pulls.values()) refresh(open);
    switch (operationId) {
      case 'pulls/create': {
        const head = branchHead(String(body.head));
        if (head === undefined)
          return {
            status: 422,
            body: {
              message: 'Validation Failed',
              errors: [{ resource: 'PullRequest', field: 'head', code: 'invalid' }],
              documentation_url: 'https://docs.github.com/rest',
            },
          };
        const created: FakePull = {
          number: nextNumber++,
          title: String(body.title),
          body: String(body.body ?? ''),
          head: { ref: String(body.head), sha: head },
          base: { ref: String(body.base), sha: branchHead(String(body.base)) ?? mainSha },
          state: 'open',
          draft: body.draft === true,
          labels: [],
          reviewers: [],
          teams: [],
          user: 'github-actions[bot]',
          createdAt: NOW,
        };
        state.pulls.set(created.number, created);
        return { status: 201, body: pullJson(created) };
      }
      case 'pulls/get':
        return pull ? { status: 200, body: pullJson(pull) } : notFound;
      case 'pulls/update':
        if (!pull) return notFound;
        if (typeof body.title === 'string') pull.title = body.title;
        if (typeof body.body === 'string') pull.body = body.body;
        if (body.state === 'closed' && pull.state === 'open') {
          pull.state = 'closed';
          pull.closedAt = NOW;
        }
        return { status: 200, body: pullJson(pull) };
      case 'pulls/list': {
        const wanted = query.get('state') ?? 'open';
        const head = query.get('head');
        const list = [...state.pulls.values()]
          .filter((p) => wanted === 'all' || p.state === wanted)
          .filter((p) => head === null || `${owner}:${p.head.ref}` === head)
          .filter((p) => !query.has('base') || p.base.ref === query.get('base'))
          .sort((a, b) => b.number - a.number);
        return { status: 200, body: list.map(simplePullJson) };
      }
      case 'pulls/list-commits': {
        if (!pull) return notFound;
        const chain: string[] = [];
        for (let at: string | undefined = pull.head.sha; at && at !== pull.base.sha; ) {
          chain.unshift(at);
          at = commitOf(at)?.parents[0];
        }
        const example = githubExample<Record<string, unknown>[]>('commit-items')[0] as Record<
          string,
          unknown
        >;
        return {
          status: 200,
          body: chain.map((commitSha) => ({
            ...example,
            sha: commitSha,
            commit: { ...(example.commit as object), message: commitOf(commitSha)?.message ?? '' },
          })),
        };
      }
      case 'pulls/request-reviewers':
        if (!pull) return notFound;
        pull.reviewers.push(...((body.reviewers as string[] | undefined) ?? []));
        pull.teams.push(...((body.team_reviewers as string[] | undefined) ?? []));
        return { status: 201, body: simplePullJson(pull) };
      case 'issues/add-labels':
        if (!pull) return notFound;
        pull.labels.push(...(body.labels as string[]));
        return { status: 200, body: pull.labels.map(label) };
      case 'issues/create-comment': {
        if (!pull) return notFound;
        const comment: FakeComment = {
          id: nextId++,
          issue: pull.number,
          body: String(body.body),
          user: 'github-actions[bot]',
          bot: true,
          createdAt: NOW,
        };
        state.comments.push(comment);
        return { status: 201, body: commentJson(comment) };
      }
      case 'issues/update-comment': {
        const comment = state.comments.find((c) => c.id === Number(params.comment_id));
        if (!comment) return notFound;
        comment.body = String(body.body);
        return { status: 200, body: commentJson(comment) };
      }
      case 'issues/list-comments': {
        const since = query.get('since');
        const perPage = Number(query.get('per_page') ?? 30);
        const page = Number(query.get('page') ?? 1);
        const all = state.comments
          .filter((c) => c.issue === Number(params.issue_number))
          .filter((c) => since === null || c.createdAt >= since);
        const slice = all.slice((page - 1) * perPage, page * perPage);
        const last = Math.ceil(all.length / perPage);
        const link =
          page < last
            ? `<${base}/repos/${owner}/${repo}/issues/${params.issue_number}/comments?per_page=${perPage}&page=${page + 1}>; rel="next"`
            : undefined;
        return { status: 200, body: slice.map(commentJson), ...(link ? { headers: { link } } : {}) };
      }
      case 'repos/get-collaborator-permission-level': {
        const role = state.permissions.get(params.username ?? '');
        if (role === undefined) return notFound;
        // GitHub answers the role in role_name and the classic level in permission (maintain → write).
        const permission = ({ maintain: 'write', triage: 'read' } as Record<string, string>)[role] ?? role;
        const example = githubExample<Record<string, unknown>>(
          'repository-collaborator-permission-response-if-user-has-admin-permissions',
        );
        return {
          status: 200,
          body: {
            ...example,
            permission,
            role_name: role,
            // The example's user lacks the `role_name` the schema requires.
            user: { ...(example.user as object), login: params.username, role_name: role },
          },
        };
      }
      case 'repos/create-commit-status': {
        const status = { ...githubExample<Record<string, unknown>>('status'), ...body, id: nextId++ };
        state.statuses.push({ sha: params.sha, ...body });
        return { status: 201, body: status };
      }
      case 'checks/create': {
        state.checkRuns.push(body);
        const example = githubExample<Record<string, unknown>>('check-run-example-of-completed-conclusion');
        return {
          status: 201,
          body: {
            ...example,
            name: body.name,
            head_sha: body.head_sha,
            status: body.status,
            conclusion: body.conclusion ?? null,
            completed_at: body.status === 'completed' ? NOW : null,
          },
        };
      }
      case 'git/get-commit': {
        const commit = commitOf(params.commit_sha ?? '');
        if (!commit) return notFound;
        const example = githubExample<Record<string, unknown>>('git-commit-2');
        return {
          status: 200,
          body: {
            ...example,
            sha: params.commit_sha,
            message: commit.message,
            parents: commit.parents.map((parent) => ({
              sha: parent,
              url: `${base}/repos/${owner}/${repo}/git/commits/${parent}`,
              html_url: `https://github.com/${owner}/${repo}/commit/${parent}`,
            })),
          },
        };
      }
      case 'git/delete-ref': {
        const branch = (params.ref ?? '').replace(/^heads\//, '');
        const deleted =
          bare === undefined
            ? state.branches.delete(branch)
            : branchHead(branch) !== undefined &&
              gitIn(bare, 'update-ref', '-d', `refs/heads/${branch}`) === '';
        if (!deleted)
          return {
            status: 422,
            body: { message: 'Reference does not exist', documentation_url: 'https://docs.github.com/rest' },
          };
        return { status: 204 };
      }
      default:
        return {
          status: 501,
          body: {
            message: `fake GitHub does not serve ${operationId}`,
            documentation_url: 'https://docs.github.com/rest',
          },
        };
    }
  };

  /** GitHub's three merge methods on the real repository; returns the commit the base now points at. */
  const mergeInRepo = (repo: string, pull: FakePull, method: 'merge' | 'squash' | 'rebase', by: string) => {
    const target = branchHead(pull.base.ref)!;
    const head = pull.head.sha;
    // The tree GitHub would merge to (a conflict fails the test).
    const tree = gitIn(repo, 'merge-tree', '--write-tree', target, head).split('\n')[0]!;
    let landed: string;
    if (method === 'merge') {
      landed = gitIn(
        repo,
        'commit-tree',
        tree,
        '-p',
        target,
        '-p',
        head,
        '-m',
        `Merge pull request #${pull.number} from ${owner}/${pull.head.ref}\n\n${pull.title}`,
      );
    } else if (method === 'squash') {
      // The repository's default squash message: the pull's title and description.
      landed = gitIn(
        repo,
        'commit-tree',
        tree,
        '-p',
        target,
        '-m',
        `${pull.title} (#${pull.number})\n\n${pull.body}`,
      );
    } else {
      // Each commit again on the new base, with its message (the base has not moved in these tests).
      if (gitIn(repo, 'merge-base', target, head) !== target)
        throw new Error('the fake rebases onto an unmoved base only');
      landed = target;
      for (const commit of gitIn(repo, 'rev-list', '--reverse', `${target}..${head}`)
        .split('\n')
        .filter(Boolean)) {
        const message = commitOf(commit)?.message ?? '';
        landed = gitIn(repo, 'commit-tree', `${commit}^{tree}`, '-p', landed, '-m', message);
      }
    }
    gitIn(repo, 'update-ref', `refs/heads/${pull.base.ref}`, landed);
    pull.state = 'closed';
    pull.closedAt = NOW;
    pull.merged = { sha: landed, at: NOW, by };
    return landed;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const pathname = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
      const matched = matchOperation(req.method ?? 'GET', pathname);
      let reply: Reply;
      if (typeof matched === 'string') {
        state.violations.push(matched);
        reply = {
          status: 404,
          body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
        };
      } else {
        state.violations.push(...requestErrors(matched, url.searchParams, text));
        const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        state.calls.push({
          method: req.method ?? 'GET',
          path: pathname + url.search,
          operationId: matched.operation.operationId,
          body,
          headers: req.headers,
        });
        reply =
          injected.shift() ??
          handle(matched.pathParams, matched.operation.operationId, body, url.searchParams);
        const out = reply.body === undefined ? '' : JSON.stringify(reply.body);
        state.violations.push(...responseErrors(matched, reply.status, out));
      }
      res.writeHead(reply.status, {
        'content-type': 'application/json; charset=utf-8',
        'x-github-media-type': 'github.v3; format=json',
        ...reply.headers,
      });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}${prefix}`;

  return {
    url: base,
    owner,
    repo,
    ...state,
    inject: (...replies) => injected.push(...replies),
    pushBranch(branch, message) {
      const parent = state.branches.get('main') ?? mainSha;
      const commitSha = sha(`${branch}\n${message}\n${parent}`);
      state.commits.set(commitSha, { message, parents: [parent] });
      state.branches.set(branch, commitSha);
      return commitSha;
    },
    merge(number, method, by = 'alice') {
      const pull = state.pulls.get(number);
      refresh(pull);
      if (pull?.state !== 'open') throw new Error(`pull request #${number} is not open`);
      if (bare !== undefined) return mergeInRepo(bare, pull, method, by);
      const mainHead = state.branches.get(pull.base.ref) ?? mainSha;
      const head = state.commits.get(pull.head.sha);
      let landed: string;
      if (method === 'merge') {
        landed = sha(`merge ${number}`);
        state.commits.set(landed, {
          message: `Merge pull request #${number} from ${owner}/${pull.head.ref}`,
          parents: [mainHead, pull.head.sha],
        });
      } else if (method === 'squash') {
        landed = sha(`squash ${number}`);
        state.commits.set(landed, {
          message: `${pull.title} (#${number})\n\n* ${head?.message ?? ''}`,
          parents: [mainHead],
        });
      } else {
        landed = sha(`rebase ${number}`);
        state.commits.set(landed, { message: head?.message ?? '', parents: [mainHead] });
      }
      state.branches.set(pull.base.ref, landed);
      pull.state = 'closed';
      pull.closedAt = NOW;
      pull.merged = { sha: landed, at: NOW, by };
      return landed;
    },
    close(number) {
      const pull = state.pulls.get(number);
      refresh(pull);
      if (pull) {
        pull.state = 'closed';
        pull.closedAt = NOW;
      }
    },
    addComment(issue, login, body, bot = false) {
      state.comments.push({
        id: nextId++,
        issue,
        body,
        user: login,
        bot,
        createdAt: `2026-01-01T00:0${state.comments.length % 10}:00Z`,
      });
    },
    close_: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
