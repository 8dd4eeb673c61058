import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { GitHubForge } from '../../src/forges/index.js';
import { proposalBranch } from '../../src/promotion/index.js';
import { type FakeGitHub, startFakeGitHub } from '../support/fake-github.js';
import { CANARY_IMAGE, FILES, type GitOps, STABLE_IMAGE } from '../support/gitops.js';
import { ReconcilingArgoCd, short, Timeline } from '../support/gitops-gates.js';
import { ActingClock, harness, prConfig } from './harness.js';

// Pull-request promotion on GitHub: the engine pushes each manual step's commit to a branch of the
// real bare repository and opens a pull request on a fake GitHub (validated against GitHub's
// OpenAPI description) serving that repository; a person merges, closes or comments.

const TOKEN = 'ghp_promotionTestToken0123456789abcdef';
const ARGO_TOKEN = 'argocd-promotion-token-5e2a';
let github: FakeGitHub | undefined;

function forgeOn(_ops: GitOps): GitHubForge {
  return new GitHubForge({ repository: 'acme/gitops', token: TOKEN, apiUrl: fake().url, secondMs: 1 });
}

function fake(): FakeGitHub {
  if (github === undefined) throw new Error('no fake GitHub');
  return github;
}

async function withGitHub(ops: GitOps): Promise<FakeGitHub> {
  github = await startFakeGitHub({ repo: ops.bare });
  return github;
}

afterEach(async () => {
  if (github) {
    expect(github.violations).toEqual([]);
    await github.close_();
    github = undefined;
  }
});

/** The release's commits on main: `step action weight` from their trailers, oldest first. */
function history(ops: GitOps): string[] {
  return ops
    .log()
    .filter((entry) => entry.trailers['Gitcanary-Release'] === 'podinfo')
    .map(
      (entry) =>
        `${entry.trailers['Gitcanary-Step']} ${entry.trailers['Gitcanary-Action']} ${entry.trailers['Gitcanary-Weight']}`,
    );
}

function weightOnMain(ops: GitOps): number[] {
  const route = ops.show(FILES.route) ?? '';
  return [...route.matchAll(/weight: (\d+)/g)].map((match) => Number(match[1]));
}

describe('pull-request promotion on GitHub', () => {
  beforeEach(() => {
    github = undefined;
  });

  it('opens one pull request at an indefinite pause carrying the next step, and `step` waits on it (exit 3)', async ({
    onTestFinished,
  }) => {
    const h = harness(prConfig(), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    const { engine, events } = await h.engine();

    // start, 20%, analysis, then the pause: the first call that reaches it opens the pull request.
    let result = await engine.run({ image: CANARY_IMAGE, once: true });
    for (let i = 0; i < 4 && result.outcome !== 'paused'; i++) result = await engine.run({ once: true });
    expect(result.outcome).toBe('paused');
    expect(result.exitCode).toBe(3);
    expect(history(h.ops)).toEqual(['0/7 start 0', '1/7 step 20']);

    expect(gh.pulls.size).toBe(1);
    const pull = gh.pulls.get(1)!;
    const releaseId = h.ops.log().at(-1)!.trailers['Gitcanary-Release-Id']!;
    expect(pull.head.ref).toBe(proposalBranch({ release: 'podinfo', releaseId, index: 4 }));
    expect(pull.title).toBe('podinfo: canary 20% → 60%');
    expect(pull.labels).toEqual(['canary']);
    expect(pull.reviewers).toEqual(['alice']);
    expect(pull.teams).toEqual(['team-sre']);
    expect(pull.draft).toBe(false);
    // The body: the diff of the step, the evidence so far, the weight chart, how to go on.
    expect(pull.body).toContain('step 4/7 — setWeight 60');
    expect(pull.body).toMatch(/^-\s+weight: 20$/m);
    expect(pull.body).toMatch(/^\+\s+weight: 60$/m);
    expect(pull.body).toContain('| smoke | command | pass |');
    expect(pull.body).toContain('line [0, 20, 20, 20, 60, 60, 60, 0]');
    expect(pull.body).toContain('/gitcanary promote');
    // The branch holds the step's commit with its trailers, on top of main.
    const branchLog = h.ops.log(pull.head.ref);
    expect(branchLog.at(-1)?.trailers['Gitcanary-Step']).toBe('4/7');
    expect(h.ops.gitIn(['rev-parse', `${pull.head.ref}~1`])).toBe(h.ops.head());
    // main is untouched by the proposal.
    expect(weightOnMain(h.ops)).toContain(20);
    expect(events.events).toContainEqual(
      expect.objectContaining({
        type: 'pull-request',
        action: 'opened',
        url: 'https://github.com/acme/gitops/pull/1',
      }),
    );

    // Another `step` finds the same pull request and waits: no second one, nothing committed.
    const again = await (await h.engine()).engine.run({ once: true });
    expect(again.outcome).toBe('paused');
    expect(again.message).toContain('waiting for pull request #1');
    expect(gh.pulls.size).toBe(1);
    expect(history(h.ops)).toEqual(['0/7 start 0', '1/7 step 20']);

    // Gate verdicts are commit statuses on the release commit they were measured on.
    const smoke = gh.statuses.filter((status) => status.context === 'gitcanary/podinfo/smoke');
    expect(smoke).toHaveLength(1);
    expect(smoke[0]).toMatchObject({ state: 'success', sha: h.ops.head() });
  });

  it.for(['merge', 'squash', 'rebase'] as const)(
    'goes on from what landed when the pull requests are merged by %s, to promotion, and cleans up',
    async (method, { onTestFinished }) => {
      const h = harness(prConfig(), forgeOn, onTestFinished);
      const gh = await withGitHub(h.ops);
      const clock = new ActingClock()
        .then_(() => void gh.merge(1, method, 'alice'))
        .then_(() => void gh.merge(2, method, 'bob'));
      const { engine, events } = await h.engine(clock);

      const result = await engine.run({ image: CANARY_IMAGE, once: false });

      expect(result.outcome).toBe('promoted');
      expect(gh.pulls.size).toBe(2);
      expect(gh.pulls.get(2)!.title).toBe('podinfo: promote primary');
      const steps = history(h.ops);
      // A squash rewrote the message: a marker commit (who merged it) records the step on main.
      expect(steps).toEqual(['0/7 start 0', '1/7 step 20', '4/7 step 60', '6/7 step 60', '7/7 promote 0']);
      const log = h.ops.log().filter((entry) => entry.trailers['Gitcanary-Release'] === 'podinfo');
      // What landed on main: a merge commit with two parents, a squash, or the commit rebased.
      const landed = h.ops.gitIn(['log', '--format=%P', `${h.ops.head()}~1`, '-1']);
      if (method === 'squash') {
        expect(log[2]!.trailers['Gitcanary-Promoted-By']).toBe('alice');
        expect(log[3]!.trailers['Gitcanary-Promoted-By']).toBe('bob');
        expect(log[2]!.subject).toBe('gitcanary(podinfo): setWeight 60 [4/7]');
        expect(h.ops.gitIn(['log', '--format=%s', 'main']).split('\n')).toContain(
          'podinfo: canary 20% → 60% (#1)',
        );
      } else {
        expect(log[2]!.trailers['Gitcanary-Promoted-By']).toBeUndefined();
        expect(landed.split(' ')).toHaveLength(method === 'merge' ? 2 : 1);
      }
      expect(h.ops.show(FILES.primary)).toContain('newTag: 6.1.0');
      // Both branches deleted, each pull request says the release went on.
      expect(h.ops.gitIn(['branch', '--list', 'gitcanary/*'])).toBe('');
      for (const number of [1, 2]) {
        const progress = gh.comments.filter(
          (c) => c.issue === number && c.body.includes('gitcanary:progress'),
        );
        expect(progress).toHaveLength(1);
        expect(progress[0]!.body).toContain('the release goes on');
      }
      expect(
        events.events
          .filter((e) => e.type === 'pull-request')
          .map((e) => e.type === 'pull-request' && e.action),
      ).toEqual(['opened', 'approved', 'opened', 'approved']);
      expect(gh.statuses.at(-1)).toMatchObject({ context: 'gitcanary/podinfo', state: 'success' });
    },
  );

  it('rolls back when the pull request is closed without merging', async ({ onTestFinished }) => {
    const h = harness(prConfig(), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    const clock = new ActingClock().then_(() => gh.close(1));
    const { engine } = await h.engine(clock);

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result.outcome).toBe('aborted');
    expect(result.exitCode).toBe(1);
    expect(result.message).toContain('pull request #1 was closed without merging');
    expect(history(h.ops)).toEqual(['0/7 start 0', '1/7 step 20', '1/7 abort 0']);
    expect(h.ops.log().at(-1)!.trailers['Gitcanary-Phase']).toBe('RolledBack');
    expect(h.ops.show(FILES.canary)).toContain('newTag: 6.0.0');
    expect(h.ops.gitIn(['branch', '--list', 'gitcanary/*'])).toBe('');
    expect(gh.statuses.at(-1)).toMatchObject({ context: 'gitcanary/podinfo', state: 'failure' });
    expect(STABLE_IMAGE).toContain('6.0.0');
  });

  it('ignores /gitcanary promote from a reader with a reply, then commits the step for a writer and closes the pull request', async ({
    onTestFinished,
  }) => {
    const h = harness(prConfig(), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    gh.permissions.set('mallory', 'read');
    gh.permissions.set('carol', 'maintain');
    const clock = new ActingClock()
      .then_(() => gh.addComment(1, 'mallory', '/gitcanary promote'))
      .then_(() => gh.addComment(1, 'carol', 'looks good\n/gitcanary promote'))
      .then_(() => gh.addComment(2, 'carol', '/gitcanary abort'));
    const { engine } = await h.engine(clock);

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result.outcome).toBe('aborted');
    const replies = gh.comments.filter((c) => c.issue === 1 && c.bot && c.body.includes('@mallory'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('mallory has read permission; /gitcanary promote needs write');
    expect(history(h.ops)).toEqual(['0/7 start 0', '1/7 step 20', '4/7 step 60', '4/7 abort 0']);
    const promoted = h.ops.log().filter((entry) => entry.trailers['Gitcanary-Step'] === '4/7')[0]!;
    expect(promoted.trailers['Gitcanary-Promoted-By']).toBe('carol');
    // Promoted by comment: the step was committed to main and its pull request closed unmerged.
    for (const number of [1, 2]) {
      expect(gh.pulls.get(number)!.state).toBe('closed');
      expect(gh.pulls.get(number)!.merged).toBeUndefined();
    }
    expect(h.ops.gitIn(['branch', '--list', 'gitcanary/*'])).toBe('');
  });

  it('refuses a merged pull request whose files a person changed away from the step, committing nothing', async ({
    onTestFinished,
  }) => {
    const h = harness(prConfig(), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    const clock = new ActingClock().then_(() => {
      const branch = gh.pulls.get(1)!.head.ref;
      const clone = h.ops.clone('person');
      h.ops.gitIn(['checkout', '--quiet', branch], clone);
      const file = path.join(clone, FILES.route);
      writeFileSync(file, readFileSync(file, 'utf8').replace(/weight: 60/, 'weight: 90'));
      h.ops.gitIn(['commit', '--quiet', '-am', 'more traffic'], clone);
      h.ops.gitIn(['push', '--quiet', 'origin', `HEAD:${branch}`], clone);
      gh.merge(1, 'merge');
    });
    const { engine } = await h.engine(clock);

    const error = await engine.run({ image: CANARY_IMAGE, once: false }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(GitcanaryError);
    expect((error as GitcanaryError).message).toMatch(
      /pull request #1 was merged, but its files no longer hold the step's change: apps\/podinfo\/routes\/route.yaml does not say what step 4 writes/,
    );
    // The merge brought the step's commit to main; gitcanary committed nothing after it.
    expect(history(h.ops)).toEqual(['0/7 start 0', '1/7 step 20', '4/7 step 60']);
    expect(h.ops.gitIn(['log', '-1', '--format=%s', 'main'])).toBe(
      `Merge pull request #1 from acme/${gh.pulls.get(1)!.head.ref}`,
    );
  });

  it('goes on when a person pushed a change that keeps the step (a note beside the manifests)', async ({
    onTestFinished,
  }) => {
    const h = harness(prConfig(), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    const clock = new ActingClock()
      .then_(() => {
        const branch = gh.pulls.get(1)!.head.ref;
        const clone = h.ops.clone('person');
        h.ops.gitIn(['checkout', '--quiet', branch], clone);
        writeFileSync(path.join(clone, 'apps/podinfo/NOTES.md'), 'checked the dashboards\n');
        h.ops.gitIn(['add', '.'], clone);
        h.ops.gitIn(['commit', '--quiet', '-m', 'notes'], clone);
        h.ops.gitIn(['push', '--quiet', 'origin', `HEAD:${branch}`], clone);
      })
      .then_(() => void gh.merge(1, 'merge'))
      .then_(() => void gh.merge(2, 'merge'));
    const { engine } = await h.engine(clock);

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result.outcome).toBe('promoted');
    expect(h.ops.show('apps/podinfo/NOTES.md')).toBe('checked the dashboards\n');
  });

  it('closes the open pull request and deletes its branch when the release is aborted from the CLI', async ({
    onTestFinished,
  }) => {
    const h = harness(prConfig(), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    const { engine } = await h.engine();
    let result = await engine.run({ image: CANARY_IMAGE, once: true });
    for (let i = 0; i < 4 && result.outcome !== 'paused'; i++) result = await engine.run({ once: true });
    expect(gh.pulls.get(1)?.state).toBe('open');

    const aborted = await (await h.engine()).engine.abort();

    expect(aborted.outcome).toBe('aborted');
    expect(gh.pulls.get(1)?.state).toBe('closed');
    expect(gh.pulls.get(1)?.merged).toBeUndefined();
    expect(gh.comments.find((c) => c.issue === 1 && c.body.includes('gitcanary:progress'))?.body).toContain(
      'the release ended with abort',
    );
    expect(h.ops.gitIn(['branch', '--list', 'gitcanary/*'])).toBe('');
  });

  it('waits until Argo CD synced the merge commit that landed before the next step commits', async ({
    onTestFinished,
  }) => {
    const h = harness(prConfig(), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    process.env.GITCANARY_TEST_ARGOCD_TOKEN = ARGO_TOKEN;
    const timeline = new Timeline();
    const argo = await ReconcilingArgoCd.start({
      bare: h.ops.bare,
      token: ARGO_TOKEN,
      application: 'podinfo',
      timeline,
    });
    onTestFinished(() => argo.close());
    h.ops.writeConfig(
      prConfig(
        undefined,
        `  sync:
    argocd: { server: ${argo.url}, application: podinfo, tokenEnv: GITCANARY_TEST_ARGOCD_TOKEN, pollInterval: 10ms, progressDeadline: 5s }
`,
      ),
    );
    const landed: string[] = [];
    const clock = new ActingClock()
      .then_(() => void landed.push(gh.merge(1, 'merge')))
      .then_(() => void landed.push(gh.merge(2, 'merge')));
    const { engine, events } = await h.engine(clock);

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result.outcome).toBe('promoted');
    const syncs = events.events.flatMap((e) =>
      e.type === 'gate' && e.result.kind === 'sync' ? [e.result.message] : [],
    );
    // The merge commit itself (not the step's commit on the branch) was waited for, before what followed.
    const first = syncs.findIndex((message) => message.includes(short(landed[0]!)));
    expect(first).toBeGreaterThan(0);
    expect(syncs[first]).toContain('Synced Healthy');
    const afterMerge = h.ops.log().findIndex((entry) => entry.trailers['Gitcanary-Step'] === '6/7');
    expect(afterMerge).toBeGreaterThan(0);
    expect(timeline.entries).toContain(`argocd ${short(landed[0]!)} Synced Healthy`);
  });

  it('with steps: all, every committing step after the start is a pull request', async ({
    onTestFinished,
  }) => {
    const h = harness(prConfig(undefined, '', 'all'), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    const clock = new ActingClock();
    for (const number of [1, 2, 3, 4]) clock.then_(() => void gh.merge(number, 'rebase'));
    const { engine } = await h.engine(clock);

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result.outcome).toBe('promoted');
    expect([...gh.pulls.values()].map((pull) => pull.title)).toEqual([
      'podinfo: canary 0% → 20%',
      'podinfo: canary 20% → 60%',
      'podinfo: promote primary',
      `podinfo: promote ${CANARY_IMAGE}`,
    ]);
    expect(history(h.ops)).toEqual([
      '0/7 start 0',
      '1/7 step 20',
      '4/7 step 60',
      '6/7 step 60',
      '7/7 promote 0',
    ]);
  });

  it('waits out GitHub rate limits while polling and goes on', async ({ onTestFinished }) => {
    const h = harness(prConfig(), forgeOn, onTestFinished);
    const gh = await withGitHub(h.ops);
    const clock = new ActingClock()
      .then_(() => {
        gh.inject({
          status: 429,
          headers: { 'retry-after': '2' },
          body: {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
          },
        });
      })
      .then_(() => void gh.merge(1, 'merge'))
      .then_(() => void gh.merge(2, 'merge'));
    const { engine } = await h.engine(clock);

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result.outcome).toBe('promoted');
    // The call answered 429 was made again after the retry-after.
    const calls = gh.calls;
    expect(
      calls.some((call, i) => i > 0 && call.operationId === 'pulls/list' && calls[i - 1]!.path === call.path),
    ).toBe(true);
    // The polls backed off: 15 s, then 30 s.
    expect(clock.slept.slice(0, 2)).toEqual([15_000, 30_000]);
  });
});
