import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

// A local stand-in for the GitLab REST API v4, enough for merge-request promotion: merge requests,
// their notes and commits, users, inherited members, commit statuses, branches and the project.
// The repository behind it is real: a bare git repository whose branches the merge requests point
// at, merged as GitLab merges (a merge commit, a squash commit, a fast-forward). Every request must
// be one GitLab documents (path, query, body: test/schemas/gitlab-rest.schema.json, written from
// GitLab's REST docs) and every answer is checked against the same file. Violations are collected
// for the test to assert empty.

const SCHEMA = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', 'schemas', 'gitlab-rest.schema.json'), 'utf8'),
) as { operations: Operation[] };

interface Operation {
  id: string;
  method: string;
  path: string;
  query?: Record<string, object>;
  body?: object;
  responses: Record<string, object>;
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema(SCHEMA);
const compiled = new Map<string, ValidateFunction>();
function validator(key: string, schema: object): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}
function errorsOf(key: string, schema: object, value: unknown): string[] {
  const validate = validator(key, schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message}`);
}

export interface FakeUser {
  id: number;
  username: string;
  bot?: boolean;
}

export interface FakeMergeRequest {
  iid: number;
  id: number;
  title: string;
  description: string;
  sourceBranch: string;
  targetBranch: string;
  state: 'opened' | 'closed' | 'locked' | 'merged';
  labels: string[];
  reviewers: number[];
  author: FakeUser;
  createdAt: string;
  updatedAt: string;
  /** Head while open; the head that was merged or closed afterwards. */
  headAtClose?: string;
  merged?: { mergeCommit: string | null; squashCommit: string | null; at: string; by: FakeUser };
  closedAt?: string;
}

export interface FakeNote {
  id: number;
  iid: number;
  body: string;
  author: FakeUser;
  system: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface RecordedCall {
  operation: string;
  method: string;
  /** Path under /api/v4 with its query, as sent (encoded). */
  path: string;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export interface InjectedReply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export type FakeMergeMethod = 'merge' | 'squash' | 'squash-merge' | 'fast-forward';

export interface FakeGitLab {
  /** `http://127.0.0.1:<port>/api/v4`, what CI_API_V4_URL holds. */
  apiUrl: string;
  projectId: number;
  projectPath: string;
  token: string;
  /** The access token's bot user: notes gitcanary writes are by it. */
  bot: FakeUser;
  mergeRequests: Map<number, FakeMergeRequest>;
  notes: FakeNote[];
  statuses: Record<string, unknown>[];
  /** Access level of each member (direct or inherited), by username. */
  members: Map<string, number>;
  calls: RecordedCall[];
  violations: string[];
  /** A person GitLab knows (users can be looked up by name). */
  addUser(username: string): FakeUser;
  addNote(iid: number, username: string, body: string, options?: { system?: boolean; at?: string }): FakeNote;
  /** Merges as GitLab does for that method (`squash`: squash and fast-forward); returns the commit on the target. */
  merge(iid: number, method: FakeMergeMethod, by?: string): string;
  close(iid: number, by?: string): void;
  inject(...replies: InjectedReply[]): void;
  close_(): Promise<void>;
}

const NOW = '2026-01-01T00:00:00.000Z';

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

export async function startFakeGitLab(options: {
  /** The bare repository the project serves. */
  repo: string;
  token: string;
  projectPath?: string;
}): Promise<FakeGitLab> {
  const projectPath = options.projectPath ?? 'acme/gitops';
  const projectId = 7;
  const web = `https://gitlab.example.com/${projectPath}`;
  const users = new Map<string, FakeUser>();
  let nextUserId = 100;
  const addUser = (username: string, bot = false): FakeUser => {
    const existing = users.get(username);
    if (existing) return existing;
    const user = { id: nextUserId++, username, bot };
    users.set(username, user);
    return user;
  };
  const bot = addUser(`project_${projectId}_bot_3f9c1a2b4d5e6f70`, true);
  const injected: InjectedReply[] = [];
  const state = {
    mergeRequests: new Map<number, FakeMergeRequest>(),
    notes: [] as FakeNote[],
    statuses: [] as Record<string, unknown>[],
    members: new Map<string, number>([[bot.username, 40]]),
    calls: [] as RecordedCall[],
    violations: [] as string[],
  };
  let nextIid = 1;
  let nextId = 5000;
  let base = '';

  const branchHead = (branch: string): string | undefined => {
    try {
      return git(options.repo, 'rev-parse', '--verify', '--quiet', `refs/heads/${branch}`);
    } catch {
      return undefined;
    }
  };
  const userJson = (user: FakeUser) => ({
    id: user.id,
    username: user.username,
    name: user.bot ? 'gitcanary' : user.username,
    state: 'active',
    locked: false,
    avatar_url: null,
    web_url: `https://gitlab.example.com/${user.username}`,
  });
  const mrHead = (mr: FakeMergeRequest) =>
    mr.state === 'opened' ? (branchHead(mr.sourceBranch) ?? null) : (mr.headAtClose ?? null);
  const mrJson = (mr: FakeMergeRequest) => ({
    id: mr.id,
    iid: mr.iid,
    project_id: projectId,
    title: mr.title,
    description: mr.description,
    state: mr.state,
    created_at: mr.createdAt,
    updated_at: mr.updatedAt,
    // merged_by is deprecated in favour of merge_user; GitLab still sends both.
    merged_by: mr.merged ? userJson(mr.merged.by) : null,
    merge_user: mr.merged ? userJson(mr.merged.by) : null,
    merged_at: mr.merged?.at ?? null,
    closed_by: null,
    closed_at: mr.closedAt ?? null,
    target_branch: mr.targetBranch,
    source_branch: mr.sourceBranch,
    upvotes: 0,
    downvotes: 0,
    author: userJson(mr.author),
    assignees: [],
    reviewers: mr.reviewers.map((id) => userJson([...users.values()].find((u) => u.id === id)!)),
    source_project_id: projectId,
    target_project_id: projectId,
    labels: mr.labels,
    draft: /^draft:/i.test(mr.title),
    work_in_progress: /^draft:/i.test(mr.title),
    merge_when_pipeline_succeeds: false,
    merge_status: 'can_be_merged',
    detailed_merge_status: mr.state === 'opened' ? 'mergeable' : 'not_open',
    sha: mrHead(mr),
    merge_commit_sha: mr.merged?.mergeCommit ?? null,
    squash_commit_sha: mr.merged?.squashCommit ?? null,
    squash: mr.merged?.squashCommit != null,
    should_remove_source_branch: null,
    force_remove_source_branch: false,
    web_url: `${web}/-/merge_requests/${mr.iid}`,
    references: { short: `!${mr.iid}`, relative: `!${mr.iid}`, full: `${projectPath}!${mr.iid}` },
  });
  const noteJson = (note: FakeNote) => {
    const mr = state.mergeRequests.get(note.iid)!;
    return {
      id: note.id,
      type: null,
      body: note.body,
      attachment: null,
      author: userJson(note.author),
      created_at: note.createdAt,
      updated_at: note.updatedAt,
      system: note.system,
      noteable_id: mr.id,
      noteable_type: 'MergeRequest',
      project_id: projectId,
      noteable_iid: mr.iid,
      resolvable: false,
      confidential: false,
      internal: false,
    };
  };
  const commitJson = (sha: string) => {
    const [author, email, date, parents, ...message] = git(
      options.repo,
      'show',
      '-s',
      '--format=%an%n%ae%n%aI%n%P%n%B',
      sha,
    ).split('\n');
    const text = message.join('\n');
    return {
      id: sha,
      short_id: sha.slice(0, 8),
      title: text.split('\n')[0],
      message: text,
      author_name: author,
      author_email: email,
      authored_date: date,
      committer_name: author,
      committer_email: email,
      committed_date: date,
      created_at: date,
      parent_ids: parents ? parents.split(' ') : [],
      web_url: `${web}/-/commit/${sha}`,
    };
  };
  const message = (status: number, text: string) => ({ status, body: { message: text } });
  const notFound = (what = 'Not found') => message(404, `404 ${what}`);

  type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

  /** GitLab's offset pagination: the page's items, x-* headers and a Link to the next page. */
  const paginate = (items: unknown[], pathname: string, query: URLSearchParams): Reply => {
    const perPage = Number(query.get('per_page') ?? 20);
    const page = Number(query.get('page') ?? 1);
    const totalPages = Math.max(1, Math.ceil(items.length / perPage));
    const headers: Record<string, string> = {
      'x-page': String(page),
      'x-per-page': String(perPage),
      'x-total': String(items.length),
      'x-total-pages': String(totalPages),
      'x-next-page': page < totalPages ? String(page + 1) : '',
      'x-prev-page': page > 1 ? String(page - 1) : '',
    };
    const link = (target: number, rel: string) => {
      const next = new URLSearchParams(query);
      next.set('page', String(target));
      return `<${base}${pathname}?${next}>; rel="${rel}"`;
    };
    headers.link = [
      ...(page < totalPages ? [link(page + 1, 'next')] : []),
      link(1, 'first'),
      link(totalPages, 'last'),
    ].join(', ');
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
  };

  const TRANSITION: Record<string, string> = {
    pending: 'enqueue',
    running: 'run',
    success: 'succeed',
    failed: 'drop',
    canceled: 'cancel',
    skipped: 'skip',
  };

  const handle = (
    operation: string,
    params: Record<string, string>,
    body: Record<string, unknown>,
    query: URLSearchParams,
    pathname: string,
  ): Reply => {
    if (operation !== 'listUsers' && operation !== 'getCurrentUser') {
      const id = params.id;
      if (id !== String(projectId) && id !== projectPath) return notFound('Project Not Found');
    }
    const mr = state.mergeRequests.get(Number(params.merge_request_iid));
    switch (operation) {
      case 'getProject':
        return {
          status: 200,
          body: {
            id: projectId,
            name: projectPath.split('/').at(-1),
            path: projectPath.split('/').at(-1),
            path_with_namespace: projectPath,
            default_branch: 'main',
            web_url: web,
            merge_method: 'merge',
            squash_option: 'default_off',
          },
        };
      case 'createMergeRequest': {
        const source = String(body.source_branch);
        if (branchHead(source) === undefined)
          return { status: 422, body: { message: { source_branch: ['does not exist'] } } };
        const open = [...state.mergeRequests.values()].find(
          (other) => other.state === 'opened' && other.sourceBranch === source,
        );
        if (open)
          return message(
            409,
            `Another open merge request already exists for this source branch: !${open.iid}`,
          );
        const created: FakeMergeRequest = {
          iid: nextIid++,
          id: nextId++,
          title: String(body.title),
          description: String(body.description ?? ''),
          sourceBranch: source,
          targetBranch: String(body.target_branch),
          state: 'opened',
          labels: typeof body.labels === 'string' && body.labels !== '' ? body.labels.split(',') : [],
          reviewers: (body.reviewer_ids as number[] | undefined) ?? [],
          author: bot,
          createdAt: NOW,
          updatedAt: NOW,
        };
        state.mergeRequests.set(created.iid, created);
        return { status: 201, body: mrJson(created) };
      }
      case 'getMergeRequest':
        return mr ? { status: 200, body: mrJson(mr) } : notFound();
      case 'updateMergeRequest':
        if (!mr) return notFound();
        if (typeof body.title === 'string') mr.title = body.title;
        if (typeof body.description === 'string') mr.description = body.description;
        if (body.state_event === 'close' && mr.state === 'opened') closeMr(mr);
        return { status: 200, body: mrJson(mr) };
      case 'listProjectMergeRequests': {
        const wanted = query.get('state') ?? 'all';
        const list = [...state.mergeRequests.values()]
          .filter((m) => wanted === 'all' || m.state === wanted)
          .filter((m) => !query.has('source_branch') || m.sourceBranch === query.get('source_branch'))
          .filter((m) => !query.has('target_branch') || m.targetBranch === query.get('target_branch'))
          .sort((a, b) => (query.get('sort') === 'asc' ? a.iid - b.iid : b.iid - a.iid));
        return paginate(list.map(mrJson), pathname, query);
      }
      case 'listMergeRequestCommits': {
        if (!mr) return notFound();
        const head = mrHead(mr);
        const target = branchHead(mr.targetBranch);
        // Newest first, as GitLab lists them.
        const shas = head
          ? git(options.repo, 'rev-list', head, ...(target ? [`^${target}`] : [])).split('\n')
          : [];
        return paginate(shas.filter(Boolean).map(commitJson), pathname, query);
      }
      case 'listMergeRequestNotes': {
        if (!mr) return notFound();
        const asc = query.get('sort') === 'asc';
        const key = query.get('order_by') === 'updated_at' ? 'updatedAt' : 'createdAt';
        const list = state.notes
          .filter((note) => note.iid === mr.iid)
          .sort((a, b) => (asc ? 1 : -1) * (a[key].localeCompare(b[key]) || a.id - b.id));
        return paginate(list.map(noteJson), pathname, query);
      }
      case 'createMergeRequestNote': {
        if (!mr) return notFound();
        const note = addNote(mr.iid, bot.username, String(body.body));
        return { status: 201, body: noteJson(note) };
      }
      case 'updateMergeRequestNote': {
        const note = state.notes.find((n) => n.id === Number(params.note_id) && n.iid === mr?.iid);
        if (!note) return notFound('Note Not Found');
        if (note.author.id !== bot.id) return message(403, '403 Forbidden');
        note.body = String(body.body);
        note.updatedAt = '2026-01-01T00:05:00.000Z';
        return { status: 200, body: noteJson(note) };
      }
      case 'listUsers': {
        const username = query.get('username');
        const found = [...users.values()].filter((user) => username === null || user.username === username);
        return paginate(found.map(userJson), pathname, query);
      }
      case 'getCurrentUser':
        return { status: 200, body: { ...userJson(bot), created_at: NOW, bot: true } };
      case 'getProjectMemberIncludingInherited': {
        const user = [...users.values()].find((u) => String(u.id) === params.user_id);
        const level = user && state.members.get(user.username);
        if (!user || level === undefined) return notFound();
        return {
          status: 200,
          body: {
            ...userJson(user),
            access_level: level,
            created_at: NOW,
            expires_at: null,
            membership_state: 'active',
          },
        };
      }
      case 'setCommitStatus': {
        const sha = params.sha ?? '';
        try {
          git(options.repo, 'cat-file', '-e', `${sha}^{commit}`);
        } catch {
          return notFound('Commit Not Found');
        }
        const name = String(body.name ?? body.context ?? 'default');
        const previous = state.statuses.filter((s) => s.sha === sha && s.name === name).at(-1);
        // GitLab's state machine refuses a transition into the state a status is already in.
        if (previous !== undefined && previous.status === body.state) {
          return {
            status: 400,
            body: {
              message: `Cannot transition status via :${TRANSITION[String(body.state)]} from :${previous.status}`,
            },
          };
        }
        const status = {
          id: nextId++,
          sha,
          ref: null,
          status: body.state,
          name,
          target_url: body.target_url ?? null,
          description: body.description ?? null,
          created_at: NOW,
          started_at: null,
          finished_at: body.state === 'pending' || body.state === 'running' ? null : NOW,
          allow_failure: false,
          coverage: null,
          pipeline_id: 1,
          author: userJson(bot),
        };
        state.statuses.push(status);
        return { status: 201, body: status };
      }
      case 'deleteBranch': {
        const branch = params.branch ?? '';
        if (branchHead(branch) === undefined) return notFound('Branch Not Found');
        git(options.repo, 'update-ref', '-d', `refs/heads/${branch}`);
        return { status: 204 };
      }
      default:
        return message(501, `fake GitLab does not serve ${operation}`);
    }
  };

  const closeMr = (mr: FakeMergeRequest) => {
    mr.headAtClose = mrHead(mr) ?? undefined;
    mr.state = 'closed';
    mr.closedAt = NOW;
    mr.updatedAt = NOW;
  };

  const addNote = (
    iid: number,
    username: string,
    body: string,
    extra: { system?: boolean; at?: string } = {},
  ) => {
    const note: FakeNote = {
      id: nextId++,
      iid,
      body,
      author: addUser(username),
      system: extra.system ?? false,
      createdAt: extra.at ?? NOW,
      updatedAt: extra.at ?? NOW,
    };
    state.notes.push(note);
    return note;
  };

  const match = (method: string, rawPath: string) => {
    const parts = rawPath.split('/').slice(1);
    for (const operation of SCHEMA.operations) {
      if (operation.method !== method) continue;
      const template = operation.path.split('/').slice(1);
      if (template.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const ok = template.every((segment, index) => {
        const part = parts[index]!;
        if (segment.startsWith('{')) {
          params[segment.slice(1, -1)] = decodeURIComponent(part);
          return part !== '';
        }
        return segment === part;
      });
      if (ok) return { operation, params };
    }
    return undefined;
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const rawPath = (req.url ?? '/').split('?')[0]!.replace(/^\/api\/v4/, '');
      const matched = match(req.method ?? 'GET', rawPath);
      let reply: Reply;
      if (!matched) {
        state.violations.push(`GitLab documents no ${req.method} ${rawPath}`);
        reply = notFound('Not found');
      } else {
        const { operation, params } = matched;
        const body = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
        state.calls.push({
          operation: operation.id,
          method: req.method ?? 'GET',
          path: req.url!.replace(/^\/api\/v4/, ''),
          body,
          headers: req.headers,
        });
        for (const name of new Set(url.searchParams.keys())) {
          const schema = operation.query?.[name];
          if (schema === undefined) state.violations.push(`${operation.id} has no query parameter ${name}`);
          else
            state.violations.push(...errorsOf(`${operation.id}?${name}`, schema, url.searchParams.get(name)));
        }
        if (operation.body === undefined) {
          // @gitbeaker sends `{}` with a DELETE; GitLab ignores an empty object.
          if (text !== '' && text !== '{}') state.violations.push(`${operation.id} takes no request body`);
        } else {
          state.violations.push(...errorsOf(`${operation.id} request`, operation.body, body));
        }
        if (req.headers['private-token'] !== options.token) reply = message(401, '401 Unauthorized');
        else reply = injected.shift() ?? handle(operation.id, params, body, url.searchParams, url.pathname);
        const schema =
          operation.responses[String(reply.status)] ??
          (reply.status >= 400 ? { $ref: 'gitlab-rest#/definitions/error' } : undefined);
        if (schema === undefined) state.violations.push(`${operation.id} does not answer ${reply.status}`);
        else if (reply.status === 204) {
          if (reply.body !== undefined) state.violations.push(`${operation.id} 204 has a body`);
        } else state.violations.push(...errorsOf(`${operation.id} ${reply.status}`, schema, reply.body));
      }
      res.writeHead(reply.status, {
        ...(reply.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...reply.headers,
      });
      res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${base}/api/v4`,
    projectId,
    projectPath,
    token: options.token,
    bot,
    ...state,
    addUser: (username) => addUser(username),
    addNote,
    merge(iid, method, by = 'alice') {
      const mr = state.mergeRequests.get(iid);
      if (mr?.state !== 'opened') throw new Error(`merge request !${iid} is not open`);
      const head = branchHead(mr.sourceBranch)!;
      const target = branchHead(mr.targetBranch)!;
      const tree = `${head}^{tree}`;
      const env = (args: string[]) => git(options.repo, ...args);
      let landed: string;
      let mergeCommit: string | null = null;
      let squashCommit: string | null = null;
      const squash = () =>
        env([
          'commit-tree',
          tree,
          '-p',
          target,
          '-m',
          `${mr.title}\n\nSee merge request ${projectPath}!${iid}`,
        ]);
      if (method === 'fast-forward') {
        if (git(options.repo, 'merge-base', target, head) !== target) throw new Error('cannot fast-forward');
        landed = head;
      } else if (method === 'squash') {
        squashCommit = squash();
        landed = squashCommit;
      } else {
        if (method === 'squash-merge') squashCommit = squash();
        const parent = squashCommit ?? head;
        mergeCommit = env([
          'commit-tree',
          tree,
          '-p',
          target,
          '-p',
          parent,
          '-m',
          `Merge branch '${mr.sourceBranch}' into '${mr.targetBranch}'\n\n${mr.title}\n\nSee merge request ${projectPath}!${iid}`,
        ]);
        landed = mergeCommit;
      }
      git(options.repo, 'update-ref', `refs/heads/${mr.targetBranch}`, landed);
      mr.headAtClose = head;
      mr.state = 'merged';
      mr.updatedAt = NOW;
      mr.merged = { mergeCommit, squashCommit, at: NOW, by: addUser(by) };
      return landed;
    },
    close(iid) {
      const mr = state.mergeRequests.get(iid);
      if (mr) closeMr(mr);
    },
    inject: (...replies) => injected.push(...replies),
    close_: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
