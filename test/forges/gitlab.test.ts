import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import {
  type ChangeComment,
  commandAuthors,
  createForge,
  decidePromotion,
  GitLabForge,
  type Permission,
} from '../../src/forges/index.js';
import { maskSecrets } from '../../src/report/secrets.js';
import { createRemote, git, type Remote } from '../git/fixture.js';
import { type FakeGitLab, startFakeGitLab } from '../support/fake-gitlab.js';

// The GitLab forge against a local GitLab whose requests and answers are checked against GitLab's
// REST documentation (test/schemas/gitlab-rest.schema.json), serving a real bare repository: step
// branches are pushed with git, and merges write real commits the way GitLab makes them.

const TOKEN = 'glpat-forgeTestToken0123456789';
const BRANCH = 'gitcanary/podinfo';

let remote: Remote;
let work: string;
let gitlab: FakeGitLab;
let waits: number[];
let messages: string[];

function forge(options: { maxWaitSeconds?: number } = {}): GitLabForge {
  return new GitLabForge({
    project: gitlab.projectPath,
    token: TOKEN,
    apiUrl: gitlab.apiUrl,
    onWait: (message) => messages.push(message),
    sleep: async (ms) => {
      waits.push(ms);
    },
    now: () => Date.parse('2026-01-01T00:00:00Z'),
    ...options,
  });
}

/** Pushes `BRANCH` with one commit per message on top of main, as gitcanary pushes a step. */
function pushStep(...messages: string[]): string {
  git(work, 'checkout', '--quiet', '-B', BRANCH, 'origin/main');
  for (const [index, message] of messages.entries()) {
    writeFileSync(path.join(work, 'weight.txt'), `${index} ${message}\n`);
    git(work, 'add', 'weight.txt');
    git(work, 'commit', '--quiet', '-m', message);
  }
  git(work, 'push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${BRANCH}`);
  return git(work, 'rev-parse', 'HEAD');
}

/** The error a call fails with; a call that succeeds fails the test. */
async function failure(call: Promise<unknown>): Promise<GitcanaryError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(GitcanaryError);
  return outcome.error as GitcanaryError;
}

beforeEach(async () => {
  remote = createRemote();
  work = remote.clone('work');
  gitlab = await startFakeGitLab({ repo: remote.url, token: TOKEN });
  waits = [];
  messages = [];
});

afterEach(async () => {
  expect(gitlab.violations).toEqual([]);
  await gitlab.close_();
  remote.dispose();
});

async function openStep(client: GitLabForge, options: { draft?: boolean } = {}) {
  const head = pushStep('gitcanary(podinfo): setWeight 60 [4/6]');
  gitlab.addUser('bob');
  const change = await client.openChangeRequest({
    head: BRANCH,
    base: 'main',
    title: 'podinfo: canary 20% → 60%',
    body: 'Merge to go on, close to roll back.',
    labels: ['canary', 'podinfo'],
    reviewers: ['bob'],
    draft: options.draft,
  });
  return { head, change };
}

describe('GitLab forge', () => {
  it('opens a merge request with labels and reviewers on the URL-encoded project, authenticated by PRIVATE-TOKEN', async () => {
    const client = forge();
    const { head, change } = await openStep(client);

    expect(change).toMatchObject({
      number: 1,
      reference: 'merge request !1',
      url: 'https://gitlab.example.com/acme/gitops/-/merge_requests/1',
      title: 'podinfo: canary 20% → 60%',
      body: 'Merge to go on, close to roll back.',
      state: 'open',
      draft: false,
      head: { branch: BRANCH, sha: head },
      base: { branch: 'main' },
      labels: ['canary', 'podinfo'],
      author: gitlab.bot.username,
    });
    const bob = gitlab.addUser('bob');
    expect(gitlab.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'GET /users?username=bob',
      'POST /projects/acme%2Fgitops/merge_requests',
    ]);
    expect(gitlab.calls[1]?.body).toEqual({
      source_branch: BRANCH,
      target_branch: 'main',
      title: 'podinfo: canary 20% → 60%',
      description: 'Merge to go on, close to roll back.',
      labels: 'canary,podinfo',
      reviewer_ids: [bob.id],
    });
    expect(gitlab.calls.every((call) => call.headers['private-token'] === TOKEN)).toBe(true);
    expect(gitlab.mergeRequests.get(1)?.reviewers).toEqual([bob.id]);

    expect(await client.findChangeRequest({ head: BRANCH, base: 'main' })).toMatchObject({ number: 1 });
    expect(gitlab.calls.at(-1)?.path).toBe(
      '/projects/acme%2Fgitops/merge_requests?source_branch=gitcanary%2Fpodinfo&target_branch=main&state=opened&order_by=created_at&sort=desc&per_page=10',
    );
    expect(await client.findChangeRequest({ head: 'gitcanary/other' })).toBeUndefined();

    const updated = await client.updateChangeRequest(1, { body: 'Gate evidence: smoke ✅' });
    expect(updated.body).toBe('Gate evidence: smoke ✅');
    expect(gitlab.calls.at(-1)?.body).toEqual({ description: 'Gate evidence: smoke ✅' });
  });

  it('opens a draft by the title GitLab reads as one, and refuses a group reviewer before creating anything', async () => {
    const client = forge();
    const { change } = await openStep(client, { draft: true });
    expect(change).toMatchObject({ title: 'Draft: podinfo: canary 20% → 60%', draft: true });

    pushStep('second');
    const refused = await failure(
      client.openChangeRequest({
        head: BRANCH,
        base: 'main',
        title: 't',
        body: 'b',
        reviewers: ['acme/sre'],
      }),
    );
    expect(refused.format()).toBe(
      'spec.promotion.pullRequest.reviewers: GitLab merge requests take users as reviewers, not acme/sre (hint: name users; require a group through approval rules or CODEOWNERS in GitLab instead)',
    );
    const unknown = await failure(
      client.openChangeRequest({ head: BRANCH, base: 'main', title: 't', body: 'b', reviewers: ['nobody'] }),
    );
    expect(unknown.message).toBe('no GitLab user nobody to request a review from');
    expect(gitlab.calls.filter((call) => call.operation === 'createMergeRequest')).toHaveLength(1);
  });

  it.each([
    ['merge', 'merge'],
    ['squash', 'squash'],
    ['squash-merge', 'squash'],
    ['fast-forward', 'fast-forward'],
  ] as const)(
    'reads a merge request merged with %s as merged, with the commit that landed on the target branch',
    async (gitlabMethod, method) => {
      const client = forge();
      const { change, head } = await openStep(client);
      const landed = gitlab.merge(change.number, gitlabMethod, 'alice');
      expect(remote.head('main')).toBe(landed);
      if (gitlabMethod === 'fast-forward') expect(landed).toBe(head);

      const merged = await client.getChangeRequest(change.number);
      expect(merged).toMatchObject({
        state: 'merged',
        head: { sha: head },
        merge: { sha: landed, method, by: 'alice', at: '2026-01-01T00:00:00.000Z' },
      });
      expect(
        decidePromotion({ change: merged, stepHead: head, comments: [], permissions: {} }),
      ).toMatchObject({
        action: 'continue',
        via: 'merge',
        by: 'alice',
        mergeMethod: method,
        sha: landed,
        reason: `merge request !1 was merged by alice (${method})`,
      });
    },
  );

  it('reads a merge request closed without merging as closed (the release aborts), and closes one itself', async () => {
    const client = forge();
    const { change, head } = await openStep(client);
    gitlab.close(change.number);
    const closed = await client.getChangeRequest(change.number);
    expect(closed).toMatchObject({ state: 'closed', merge: undefined, head: { sha: head } });
    expect(decidePromotion({ change: closed, stepHead: head, comments: [], permissions: {} })).toMatchObject({
      action: 'abort',
      via: 'close',
      reason: 'merge request !1 was closed without merging',
    });

    pushStep('gitcanary(podinfo): setWeight 100 [5/6]');
    const second = await client.openChangeRequest({ head: BRANCH, base: 'main', title: 't', body: 'b' });
    expect((await client.closeChangeRequest(second.number)).state).toBe('closed');
    expect(gitlab.calls.at(-1)).toMatchObject({ method: 'PUT', body: { state_event: 'close' } });
  });

  it('waits while GitLab is merging (locked), and refuses a merge whose branch someone else pushed to', async () => {
    const client = forge();
    const { change, head } = await openStep(client);
    gitlab.mergeRequests.get(change.number)!.state = 'locked';
    const merging = await client.getChangeRequest(change.number);
    expect(merging.state).toBe('open');
    expect(decidePromotion({ change: merging, stepHead: head, comments: [], permissions: {} }).action).toBe(
      'wait',
    );
    gitlab.mergeRequests.get(change.number)!.state = 'opened';

    // A person pushes to the step's branch: the merge request's `sha` follows the branch.
    writeFileSync(path.join(work, 'weight.txt'), 'edited by hand\n');
    git(work, 'commit', '--quiet', '-am', 'tweak');
    git(work, 'push', '--quiet', 'origin', `HEAD:refs/heads/${BRANCH}`);
    const edited = git(work, 'rev-parse', 'HEAD');
    gitlab.merge(change.number, 'merge', 'mallory');
    const merged = await client.getChangeRequest(change.number);
    expect(merged.head.sha).toBe(edited);
    expect(
      decidePromotion({
        change: merged,
        stepHead: head,
        comments: [],
        permissions: {},
        headCheck: { isStepChange: false, differences: ['weight.txt: edited by hand'] },
      }),
    ).toMatchObject({
      action: 'refuse',
      reason:
        "merge request !1 was merged, but its files no longer hold the step's change: weight.txt: edited by hand",
    });
  });

  it('lists notes across pages with who wrote them, updates its progress note in place, and lists the commits oldest first', async () => {
    const client = forge();
    const first = pushStep(
      'gitcanary(podinfo): setWeight 40 [3/6]',
      'gitcanary(podinfo): setWeight 60 [4/6]',
    );
    const change = await client.openChangeRequest({ head: BRANCH, base: 'main', title: 't', body: 'b' });
    const progress = await client.comment(change.number, '| step | weight |\n|---|---|\n| 3 | 40% |');
    expect(progress).toMatchObject({ author: gitlab.bot.username, authorIsBot: true });
    for (let i = 0; i < 120; i++) gitlab.addNote(change.number, 'carol', `note ${i}`);
    gitlab.addNote(change.number, 'alice', 'added 1 commit', { system: true });
    gitlab.addNote(change.number, 'alice', '/gitcanary promote');

    const updated = await client.updateComment(
      change.number,
      progress.id,
      '| step | weight |\n|---|---|\n| 3 | 40% |\n| 4 | 60% |',
    );
    expect(updated.id).toBe(progress.id);
    expect(gitlab.notes.filter((note) => note.author.id === gitlab.bot.id)).toHaveLength(1);
    expect(gitlab.notes[0]?.body).toContain('| 4 | 60% |');

    const notes = await client.listComments(change.number);
    expect(notes).toHaveLength(123);
    expect(notes[0]).toMatchObject({
      id: progress.id,
      authorIsBot: true,
      url: `https://gitlab.example.com/acme/gitops/-/merge_requests/1#note_${progress.id}`,
    });
    expect(notes[121]).toMatchObject({ author: 'alice', authorIsBot: true, body: 'added 1 commit' });
    expect(notes[122]).toMatchObject({ author: 'alice', authorIsBot: false, body: '/gitcanary promote' });
    expect(gitlab.calls.filter((call) => call.operation === 'listMergeRequestNotes')).toHaveLength(2);
    // Only what was written since: the progress note, edited after the others were created.
    expect(
      (await client.listComments(change.number, { since: '2026-01-01T00:01:00Z' })).map((n) => n.id),
    ).toEqual([progress.id]);

    const commits = await client.listCommits(change.number);
    expect(commits.map((commit) => commit.message.trim())).toEqual([
      'gitcanary(podinfo): setWeight 40 [3/6]',
      'gitcanary(podinfo): setWeight 60 [4/6]',
    ]);
    expect(commits[1]).toMatchObject({ sha: first, author: 'Other Writer' });
  });

  it('reads access levels including inherited membership: Developer and above may command, Reporter may not', async () => {
    const client = forge();
    const levels: Record<string, number> = { dev: 30, maint: 40, owner: 50, rep: 20, guest: 10, planner: 15 };
    for (const [name, level] of Object.entries(levels)) {
      gitlab.addUser(name);
      gitlab.members.set(name, level);
    }
    gitlab.addUser('outsider');
    const permissions: Record<string, Permission> = {};
    for (const name of [...Object.keys(levels), 'outsider', 'ghost'])
      permissions[name] = await client.permission(name);
    expect(permissions).toEqual({
      dev: 'write',
      maint: 'admin',
      owner: 'admin',
      rep: 'read',
      guest: 'read',
      planner: 'read',
      outsider: 'none',
      ghost: 'none',
    });
    expect(
      gitlab.calls.find((call) => call.operation === 'getProjectMemberIncludingInherited')?.path,
    ).toMatch(/^\/projects\/acme%2Fgitops\/members\/all\/\d+$/);

    // The same decision as on GitHub: the Reporter's promote is ignored, the Developer's abort counts.
    const { change, head } = await openStep(client);
    gitlab.addNote(change.number, 'rep', '/gitcanary promote', { at: '2026-01-01T00:01:00.000Z' });
    gitlab.addNote(change.number, 'dev', 'Looks bad.\n/gitcanary abort', { at: '2026-01-01T00:02:00.000Z' });
    const comments: ChangeComment[] = await client.listComments(change.number);
    expect(commandAuthors(comments)).toEqual(['rep', 'dev']);
    const decision = decidePromotion({
      change: await client.getChangeRequest(change.number),
      stepHead: head,
      comments,
      permissions: { rep: permissions.rep!, dev: permissions.dev! },
    });
    expect(decision).toMatchObject({
      action: 'abort',
      via: 'comment',
      by: 'dev',
      reason: 'dev commented /gitcanary abort on merge request !1',
      ignored: [{ reason: 'rep has read permission; /gitcanary promote needs write' }],
    });
  });

  it('puts gate verdicts on a commit as commit statuses; setting the state a status has is not an error', async () => {
    const client = forge();
    const commit = pushStep('step');
    await client.setCommitStatus({
      sha: commit,
      name: 'gitcanary/podinfo',
      state: 'failure',
      description: `smoke failed: ${'x'.repeat(300)}`,
      url: 'https://gitlab.example.com/acme/app/-/jobs/42',
    });
    await client.setCommitStatus({
      sha: commit,
      name: 'gitcanary/podinfo',
      state: 'error',
      description: 'again',
    });
    await client.createCheckRun({
      sha: commit,
      name: 'gitcanary/smoke',
      state: 'success',
      description: 'passed',
    });

    expect(gitlab.statuses).toMatchObject([
      {
        sha: commit,
        status: 'failed',
        name: 'gitcanary/podinfo',
        target_url: 'https://gitlab.example.com/acme/app/-/jobs/42',
      },
      { sha: commit, status: 'success', name: 'gitcanary/smoke', description: 'passed' },
    ]);
    expect(String(gitlab.statuses[0]?.description)).toMatch(/^smoke failed: x+…$/);
    expect(String(gitlab.statuses[0]?.description).length).toBe(255);
    expect(gitlab.calls.filter((call) => call.operation === 'setCommitStatus')).toHaveLength(3);
    expect(gitlab.calls[0]?.path).toBe(`/projects/acme%2Fgitops/statuses/${commit}`);

    const missing = await failure(
      client.setCommitStatus({
        sha: 'f'.repeat(40),
        name: 'gitcanary/podinfo',
        state: 'success',
        description: 'ok',
      }),
    );
    expect(missing.message).toBe(
      'GitLab: could not set status gitcanary/podinfo on fffffff: HTTP 404 404 Commit Not Found',
    );
  });

  it('deletes the step branch from the repository, and a branch already gone is fine', async () => {
    const client = forge();
    pushStep('step');
    await client.deleteBranch(BRANCH);
    expect(git(remote.url, 'branch', '--list', BRANCH)).toBe('');
    await client.deleteBranch(BRANCH);
    expect(gitlab.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'DELETE /projects/acme%2Fgitops/repository/branches/gitcanary%2Fpodinfo',
      'DELETE /projects/acme%2Fgitops/repository/branches/gitcanary%2Fpodinfo',
    ]);
  });

  it('waits out a rate limit for Retry-After, else until RateLimit-Reset, and a server error with backoff, then retries', async () => {
    const client = forge();
    gitlab.addUser('dev');
    gitlab.members.set('dev', 30);
    const reset = Date.parse('2026-01-01T00:00:00Z') / 1000 + 3;
    gitlab.inject(
      {
        status: 429,
        headers: { 'retry-after': '7', 'ratelimit-reset': String(reset + 60) },
        body: { message: 'Retry later' },
      },
      { status: 429, headers: { 'ratelimit-reset': String(reset) }, body: { message: 'Retry later' } },
      { status: 502, body: { message: 'GitLab is not responding' } },
    );

    expect(await client.permission('dev')).toBe('write');
    expect(waits).toEqual([7000, 3000, 4000]);
    expect(messages).toEqual([
      'GitLab rate limit on GET /api/v4/users: retrying in 7s',
      'GitLab rate limit on GET /api/v4/users: retrying in 3s',
      'GitLab HTTP 502 on GET /api/v4/users: retrying in 4s',
    ]);
    expect(gitlab.calls.filter((call) => call.operation === 'listUsers')).toHaveLength(4);
  });

  it('fails with a clear error, not a wait, when the limit resets too far ahead or retries run out; the token never shows', async () => {
    const client = forge({ maxWaitSeconds: 60 });
    gitlab.inject({ status: 429, headers: { 'retry-after': '3600' }, body: { message: 'Retry later' } });
    const error = await failure(client.permission('dev'));
    expect(error).toBeInstanceOf(GitcanaryError);
    expect(error.code).toBe('FORGE_FAILED');
    expect(error.format()).toBe(
      "gitlab:acme/gitops: GitLab: could not look up the user dev: HTTP 429 Retry later (hint: GitLab's rate limit; run again later)",
    );
    expect(waits).toEqual([]);

    gitlab.inject(
      ...Array.from({ length: 4 }, () => ({ status: 503, body: { message: 'Service Unavailable' } })),
    );
    const exhausted = await failure(client.permission('dev'));
    expect(exhausted.message).toBe('GitLab: could not look up the user dev: HTTP 503 Service Unavailable');
    expect(waits).toEqual([1000, 2000, 4000]);

    gitlab.inject({ status: 403, body: { message: '403 Forbidden' } });
    const forbidden = await failure(client.closeChangeRequest(1));
    expect(forbidden.hint).toContain('CI_JOB_TOKEN cannot open merge requests');

    const wrongToken = new GitLabForge({
      project: gitlab.projectId,
      token: 'glpat-wrong-token-000',
      apiUrl: gitlab.apiUrl,
    });
    const unauthorized = await failure(wrongToken.getChangeRequest(1));
    expect(unauthorized.format()).toBe(
      'gitlab:7: GitLab: could not read merge request !1: HTTP 401 401 Unauthorized (hint: the token is invalid, expired or revoked)',
    );
    for (const failure of [error, exhausted, forbidden, unauthorized]) {
      expect(JSON.stringify(failure.toJSON())).not.toContain(TOKEN);
    }
    expect(maskSecrets(`PRIVATE-TOKEN: ${TOKEN}`)).toBe('PRIVATE-TOKEN: [secure]');
  });

  it('refuses an API URL that is not the REST root', () => {
    expect(() => new GitLabForge({ project: 1, token: TOKEN, apiUrl: 'https://gitlab.example.com' })).toThrow(
      'GitLab API URL "https://gitlab.example.com" does not end in /api/v4',
    );
  });
});

describe('createForge in GitLab CI', () => {
  const ciEnv = () => ({
    GITLAB_CI: 'true',
    CI_API_V4_URL: gitlab.apiUrl,
    CI_PROJECT_ID: String(gitlab.projectId),
    CI_PROJECT_PATH: gitlab.projectPath,
    CI_JOB_URL: 'https://gitlab.example.com/acme/gitops/-/jobs/42',
    CI_JOB_TOKEN: 'job-token-must-not-be-used',
    GITLAB_TOKEN: TOKEN,
  });

  it('takes the project, API URL and GITLAB_TOKEN from GitLab CI when the config names no forge', async () => {
    const client = createForge(undefined, ciEnv(), { sleep: async () => {} });
    expect(client.kind).toBe('gitlab');
    pushStep('step');
    await client.openChangeRequest({ head: BRANCH, base: 'main', title: 't', body: 'b' });
    expect(gitlab.calls[0]).toMatchObject({ path: '/projects/7/merge_requests' });
    expect(gitlab.calls[0]?.headers['private-token']).toBe(TOKEN);
    expect(gitlab.calls[0]?.headers['job-token']).toBeUndefined();
  });

  it('takes spec.forge.gitlab over GitLab CI, and its token variable', async () => {
    const env = { ...ciEnv(), CI_PROJECT_ID: '999', GITOPS_TOKEN: TOKEN, GITLAB_TOKEN: 'glpat-other' };
    const client = createForge(
      { gitlab: { project: 'acme/gitops', apiUrl: gitlab.apiUrl, tokenEnv: 'GITOPS_TOKEN' } },
      env,
    );
    pushStep('step');
    expect(
      (await client.openChangeRequest({ head: BRANCH, base: 'main', title: 't', body: 'b' })).number,
    ).toBe(1);
  });

  it('says the token is missing, that CI_JOB_TOKEN cannot do this, and where the project comes from', () => {
    const { GITLAB_TOKEN: _, ...withoutToken } = ciEnv();
    expect(() => createForge(undefined, withoutToken)).toThrow('no GitLab token in GITLAB_TOKEN');
    try {
      createForge({ gitlab: { tokenEnv: 'CI_JOB_TOKEN' } }, ciEnv());
      expect.unreachable();
    } catch (error) {
      expect((error as GitcanaryError).format()).toBe(
        'spec.forge.gitlab.tokenEnv: CI_JOB_TOKEN can neither push nor open merge requests (hint: create a project access token (role Developer, scopes api and write_repository) and store it as a masked CI/CD variable GITLAB_TOKEN; CI_JOB_TOKEN cannot push or open merge requests)',
      );
    }
    expect(() => createForge({ gitlab: { tokenEnv: 'GITLAB_TOKEN' } }, { GITLAB_TOKEN: TOKEN })).toThrow(
      'no GitLab project for merge requests',
    );
    // A GitHub config is GitHub, wherever it runs.
    expect(
      createForge({ github: { repository: 'acme/gitops', tokenEnv: 'GH' } }, { ...ciEnv(), GH: 'ghs_x1234' })
        .kind,
    ).toBe('github');
  });
});
