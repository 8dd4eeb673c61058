import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { createForge, GitHubForge } from '../../src/forges/index.js';
import { maskSecrets } from '../../src/report/secrets.js';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.js';

// The GitHub forge against a local server that checks every request and response against GitHub's
// published OpenAPI description (test/support/openapi.ts).

const TOKEN = 'ghs_forgeTestToken0123456789abcdefABCD';

let github: FakeGitHub;
let waits: string[];

function forge(options: { secondMs?: number; maxWaitSeconds?: number } = {}): GitHubForge {
  return new GitHubForge({
    repository: `${github.owner}/${github.repo}`,
    token: TOKEN,
    apiUrl: github.url,
    onWait: (message) => waits.push(message),
    secondMs: options.secondMs ?? 1,
    ...(options.maxWaitSeconds === undefined ? {} : { maxWaitSeconds: options.maxWaitSeconds }),
  });
}

beforeEach(async () => {
  // An Enterprise Server root: the REST API under /api/v3.
  github = await startFakeGitHub({ prefix: '/api/v3' });
  waits = [];
});

afterEach(async () => {
  expect(github.violations).toEqual([]);
  await github.close_();
});

async function openStep(client: GitHubForge) {
  const head = github.pushBranch('gitcanary/podinfo', 'gitcanary(podinfo): setWeight 60 [4/6]');
  const change = await client.openChangeRequest({
    head: 'gitcanary/podinfo',
    base: 'main',
    title: 'podinfo: canary 20% → 60%',
    body: 'Merge to go on, close to roll back.',
    labels: ['canary'],
    reviewers: ['bob', 'acme/sre'],
  });
  return { head, change };
}

describe('GitHub forge', () => {
  it('opens a pull request with labels and reviewers on an Enterprise base URL, authenticated by the token', async () => {
    const client = forge();
    const { head, change } = await openStep(client);

    expect(change).toMatchObject({
      number: 1,
      url: 'https://github.com/acme/gitops/pull/1',
      title: 'podinfo: canary 20% → 60%',
      state: 'open',
      draft: false,
      head: { branch: 'gitcanary/podinfo', sha: head },
      base: { branch: 'main' },
      labels: ['canary'],
    });
    expect(github.calls.map((call) => `${call.method} ${call.path}`)).toEqual([
      'POST /repos/acme/gitops/pulls',
      'POST /repos/acme/gitops/issues/1/labels',
      'POST /repos/acme/gitops/pulls/1/requested_reviewers',
    ]);
    expect(github.calls[2]?.body).toEqual({ reviewers: ['bob'], team_reviewers: ['sre'] });
    expect(github.calls.every((call) => call.headers.authorization === `token ${TOKEN}`)).toBe(true);

    expect(await client.findChangeRequest({ head: 'gitcanary/podinfo', base: 'main' })).toMatchObject({
      number: 1,
    });
    expect(github.calls.at(-1)?.path).toBe(
      '/repos/acme/gitops/pulls?head=acme%3Agitcanary%2Fpodinfo&base=main&state=open&sort=created&direction=desc&per_page=10',
    );
    expect(await client.findChangeRequest({ head: 'gitcanary/other' })).toBeUndefined();

    const updated = await client.updateChangeRequest(1, { body: 'Gate evidence: smoke ✅' });
    expect(updated.body).toBe('Gate evidence: smoke ✅');
  });

  it.each(['merge', 'squash', 'rebase'] as const)(
    'reads a pull request merged with a %s as merged, with that method and the landed commit',
    async (method) => {
      const client = forge();
      const { change } = await openStep(client);
      const landed = github.merge(change.number, method, 'alice');

      expect(await client.getChangeRequest(change.number)).toMatchObject({
        state: 'merged',
        merge: { sha: landed, method, by: 'alice', at: '2026-01-01T00:00:00Z' },
      });
    },
  );

  it('reads a pull request closed without merging as closed, and closes one itself', async () => {
    const client = forge();
    const { change } = await openStep(client);
    github.close(change.number);
    expect(await client.getChangeRequest(change.number)).toMatchObject({ state: 'closed', merge: undefined });

    github.pushBranch('gitcanary/second', 'gitcanary(podinfo): setWeight 100 [5/6]');
    const second = await client.openChangeRequest({
      head: 'gitcanary/second',
      base: 'main',
      title: 't',
      body: 'b',
    });
    expect((await client.closeChangeRequest(second.number)).state).toBe('closed');
    expect(github.calls.at(-1)?.body).toEqual({ state: 'closed' });
  });

  it('comments, updates its comment in place, lists comments across pages with who wrote them, and lists the commits', async () => {
    const client = forge();
    const { change, head } = await openStep(client);
    for (let i = 0; i < 120; i++) github.addComment(change.number, 'carol', `note ${i}`);
    github.addComment(change.number, 'alice', '/gitcanary promote');
    const mine = await client.comment(change.number, 'gitcanary: step 4/6 is waiting for this pull request');
    expect(mine).toMatchObject({ author: 'github-actions[bot]', authorIsBot: true });

    const table = await client.updateComment(
      change.number,
      mine.id,
      '| step | weight |\n|---|---|\n| 4 | 60% |',
    );
    expect(table).toMatchObject({ id: mine.id, body: '| step | weight |\n|---|---|\n| 4 | 60% |' });
    expect(github.calls.at(-1)?.operationId).toBe('issues/update-comment');

    const comments = await client.listComments(change.number);
    expect(comments).toHaveLength(122);
    expect(comments[120]).toMatchObject({ author: 'alice', authorIsBot: false, body: '/gitcanary promote' });
    expect(github.calls.filter((call) => call.operationId === 'issues/list-comments')).toHaveLength(2);

    expect(await client.listCommits(change.number)).toEqual([
      { sha: head, message: 'gitcanary(podinfo): setWeight 60 [4/6]', author: expect.any(String) },
    ]);
  });

  it("reads a commenter's permission, and none for someone who is not a collaborator", async () => {
    const client = forge();
    github.permissions.set('alice', 'write');
    github.permissions.set('dave', 'read');
    github.permissions.set('erin', 'admin');
    expect(await client.permission('alice')).toBe('write');
    expect(await client.permission('dave')).toBe('read');
    expect(await client.permission('erin')).toBe('admin');
    expect(await client.permission('mallory')).toBe('none');
  });

  it('puts gate verdicts on a commit as a status and as a check run', async () => {
    const client = forge();
    const commit = github.pushBranch('gitcanary/podinfo', 'step');
    await client.setCommitStatus({
      sha: commit,
      name: 'gitcanary/podinfo',
      state: 'failure',
      description: `smoke failed: ${'x'.repeat(200)}`,
      url: 'https://github.com/acme/app/actions/runs/1',
    });
    await client.createCheckRun({
      sha: commit,
      name: 'gitcanary/podinfo',
      state: 'success',
      description: 'all gates passed at 60%',
      details: '| gate | value |\n|---|---|\n| smoke | 0 |',
    });
    expect(github.statuses).toEqual([
      {
        sha: commit,
        state: 'failure',
        context: 'gitcanary/podinfo',
        description: expect.stringMatching(/^smoke failed: x+…$/),
        target_url: 'https://github.com/acme/app/actions/runs/1',
      },
    ]);
    expect(String(github.statuses[0]?.description).length).toBe(140);
    expect(github.checkRuns).toEqual([
      {
        name: 'gitcanary/podinfo',
        head_sha: commit,
        status: 'completed',
        conclusion: 'success',
        output: { title: 'all gates passed at 60%', summary: '| gate | value |\n|---|---|\n| smoke | 0 |' },
      },
    ]);
  });

  it('deletes the step branch, and a branch already gone is fine', async () => {
    const client = forge();
    github.pushBranch('gitcanary/podinfo', 'step');
    await client.deleteBranch('gitcanary/podinfo');
    expect(github.branches.has('gitcanary/podinfo')).toBe(false);
    await client.deleteBranch('gitcanary/podinfo');
    expect(github.calls.map((call) => call.path)).toEqual([
      '/repos/acme/gitops/git/refs/heads%2Fgitcanary%2Fpodinfo',
      '/repos/acme/gitops/git/refs/heads%2Fgitcanary%2Fpodinfo',
    ]);
  });

  it('waits out a primary rate limit until x-ratelimit-reset and a secondary one for retry-after, then retries', async () => {
    const client = forge({ secondMs: 5 });
    const reset = Math.floor(Date.now() / 1000) + 3;
    github.inject(
      {
        status: 403,
        headers: {
          'x-ratelimit-remaining': '0',
          'x-ratelimit-limit': '5000',
          'x-ratelimit-reset': String(reset),
        },
        body: {
          message: 'API rate limit exceeded for installation ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
      },
      {
        status: 429,
        headers: { 'retry-after': '7' },
        body: {
          message:
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        },
      },
    );
    github.permissions.set('alice', 'write');

    const started = Date.now();
    expect(await client.permission('alice')).toBe('write');
    // Waited (3 or 4) + 7 "seconds" of 5 ms each before the answer.
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);

    expect(
      github.calls.filter((call) => call.operationId === 'repos/get-collaborator-permission-level'),
    ).toHaveLength(3);
    expect(waits).toHaveLength(2);
    // plugin-throttling: seconds until the reset, plus one; then the secondary limit's retry-after.
    expect(waits[0]).toMatch(
      /^GitHub primary rate limit on GET \/repos\/\{owner\}\/\{repo\}\/collaborators\/\{username\}\/permission: retrying in [34]s$/,
    );
    expect(waits[1]).toBe(
      'GitHub secondary rate limit on GET /repos/{owner}/{repo}/collaborators/{username}/permission: retrying in 7s',
    );
  });

  it('fails with a clear error, not a wait, when the limit resets too far ahead; the token never shows', async () => {
    const client = forge({ maxWaitSeconds: 60 });
    const reset = Math.floor(Date.now() / 1000) + 3600;
    github.inject({
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
      body: { message: 'API rate limit exceeded', documentation_url: 'https://docs.github.com/rest' },
    });

    const error = await client.permission('alice').catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GitcanaryError);
    expect((error as GitcanaryError).code).toBe('FORGE_FAILED');
    expect((error as GitcanaryError).format()).toBe(
      `github:acme/gitops: GitHub: could not read the permission of alice: HTTP 403 API rate limit exceeded (hint: GitHub's rate limit resets at ${new Date(reset * 1000).toISOString()}; run again later, or use a GitHub App installation token for a higher limit)`,
    );
    expect(waits).toEqual([]);
    expect(JSON.stringify(error)).not.toContain(TOKEN);
    expect(maskSecrets(`Authorization: token ${TOKEN}`)).toBe('Authorization: token [secure]');
  });

  it('retries a server error with backoff, and wraps a refusal into an error with a hint', async () => {
    const client = forge();
    github.inject({
      status: 502,
      body: { message: 'Server Error', documentation_url: 'https://docs.github.com/rest' },
    });
    github.pushBranch('gitcanary/podinfo', 'step');
    const change = await client.openChangeRequest({
      head: 'gitcanary/podinfo',
      base: 'main',
      title: 't',
      body: 'b',
    });
    expect(change.number).toBe(1);
    expect(github.calls.filter((call) => call.operationId === 'pulls/create')).toHaveLength(2);

    const refused = await client
      .openChangeRequest({ head: 'no-such-branch', base: 'main', title: 't', body: 'b' })
      .catch((e: unknown) => e as GitcanaryError);
    expect(refused).toBeInstanceOf(GitcanaryError);
    expect((refused as GitcanaryError).format()).toBe(
      'github:acme/gitops: GitHub: could not open a pull request: HTTP 422 Validation Failed (hint: GitHub refused the request as invalid (an existing pull request for the branch, or an unknown branch))',
    );
  });

  it('takes the repository, API URL and token from an Actions runner when the config names none', async () => {
    const env = { GITHUB_REPOSITORY: 'acme/gitops', GITHUB_API_URL: github.url, GITHUB_TOKEN: TOKEN };
    github.permissions.set('alice', 'maintain');
    github.permissions.set('trent', 'triage');
    const client = createForge(undefined, env, { secondMs: 1 });
    // GitHub's classic `permission` field reads maintain as write and triage as read.
    expect(await client.permission('alice')).toBe('write');
    expect(await client.permission('trent')).toBe('read');

    expect(() => createForge(undefined, {})).toThrow('no GitHub repository for pull requests');
    expect(() =>
      createForge({ github: { repository: 'acme/gitops', tokenEnv: 'GH_APP_TOKEN' } }, {}),
    ).toThrow('no GitHub token in GH_APP_TOKEN');
  });
});
