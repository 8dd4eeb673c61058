import { afterEach, describe, expect, it } from 'vitest';
import { GitLabForge } from '../../src/forges/index.js';
import { type FakeGitLab, type FakeMergeMethod, startFakeGitLab } from '../support/fake-gitlab.js';
import { CANARY_IMAGE, FILES, type GitOps } from '../support/gitops.js';
import { ActingClock, harness, prConfig } from './harness.js';

// Merge-request promotion on GitLab (issue 12): the same engine and approval as on GitHub, against
// a fake GitLab (validated against GitLab's REST documentation) serving the real bare repository:
// merge requests merged by a merge commit, a squash or a fast-forward, closed, or steered by notes
// from members with Developer access or more.

const TOKEN = 'glpat-promotionTestToken012345';
let gitlab: FakeGitLab | undefined;
const waits: number[] = [];

function forgeOn(_ops: GitOps): GitLabForge {
  if (gitlab === undefined) throw new Error('no fake GitLab');
  return new GitLabForge({
    project: gitlab.projectPath,
    token: TOKEN,
    apiUrl: gitlab.apiUrl,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
}

async function withGitLab(ops: GitOps): Promise<FakeGitLab> {
  gitlab = await startFakeGitLab({ repo: ops.bare, token: TOKEN });
  gitlab.addUser('alice');
  return gitlab;
}

afterEach(async () => {
  if (gitlab) {
    expect(gitlab.violations).toEqual([]);
    await gitlab.close_();
    gitlab = undefined;
  }
  waits.length = 0;
});

function history(ops: GitOps): string[] {
  return ops
    .log()
    .filter((entry) => entry.trailers['Gitcanary-Release'] === 'podinfo')
    .map(
      (entry) =>
        `${entry.trailers['Gitcanary-Step']} ${entry.trailers['Gitcanary-Action']} ${entry.trailers['Gitcanary-Weight']}`,
    );
}

describe('merge-request promotion on GitLab', () => {
  it.for(['merge', 'squash', 'fast-forward'] as FakeMergeMethod[])(
    'goes on from what landed when the merge requests are merged by %s, to promotion, and cleans up',
    async (method, { onTestFinished }) => {
      const h = harness(prConfig('[alice]'), forgeOn, onTestFinished);
      const gl = await withGitLab(h.ops);
      const clock = new ActingClock()
        .then_(() => void gl.merge(1, method, 'alice'))
        .then_(() => void gl.merge(2, method, 'bob'));
      const { engine, events } = await h.engine(clock);

      const result = await engine.run({ image: CANARY_IMAGE, once: false });

      expect(result.outcome).toBe('promoted');
      expect(gl.mergeRequests.get(1)).toMatchObject({
        title: 'podinfo: canary 20% → 60%',
        labels: ['canary'],
        state: 'merged',
      });
      expect(gl.mergeRequests.get(1)!.description).toContain('```mermaid');
      expect(history(h.ops)).toEqual([
        '0/7 start 0',
        '1/7 step 20',
        '4/7 step 60',
        '6/7 step 60',
        '7/7 promote 0',
      ]);
      if (method === 'squash') {
        // GitLab's squash message is the title: a marker commit records the step and who merged it.
        const marker = h.ops.log().filter((entry) => entry.trailers['Gitcanary-Step'] === '4/7')[0]!;
        expect(marker.trailers['Gitcanary-Promoted-By']).toBe('alice');
      }
      expect(h.ops.show(FILES.primary)).toContain('newTag: 6.1.0');
      expect(h.ops.gitIn(['branch', '--list', 'gitcanary/*'])).toBe('');
      // One note per merge request, updated in place when the release went on.
      for (const iid of [1, 2]) {
        const notes = gl.notes.filter((note) => note.iid === iid && note.author.id === gl.bot.id);
        expect(notes).toHaveLength(1);
        expect(notes[0]!.body).toContain('the release goes on');
      }
      expect(events.events).toContainEqual(
        expect.objectContaining({ type: 'pull-request', action: 'opened', reference: 'merge request !1' }),
      );
      // Gate verdicts and the outcome as commit statuses.
      expect(gl.statuses).toContainEqual(
        expect.objectContaining({ name: 'gitcanary/podinfo/smoke', status: 'success' }),
      );
      expect(gl.statuses.at(-1)).toMatchObject({ name: 'gitcanary/podinfo', status: 'success' });
    },
  );

  it('rolls back when the merge request is closed', async ({ onTestFinished }) => {
    const h = harness(prConfig('[alice]'), forgeOn, onTestFinished);
    const gl = await withGitLab(h.ops);
    const { engine } = await h.engine(new ActingClock().then_(() => gl.close(1, 'alice')));

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result.outcome).toBe('aborted');
    expect(result.message).toContain('merge request !1 was closed without merging');
    expect(history(h.ops)).toEqual(['0/7 start 0', '1/7 step 20', '1/7 abort 0']);
    expect(h.ops.gitIn(['branch', '--list', 'gitcanary/*'])).toBe('');
  });

  it("answers a Reporter's /gitcanary abort, then aborts on a Developer's note, closing the merge request", async ({
    onTestFinished,
  }) => {
    const h = harness(prConfig('[alice]'), forgeOn, onTestFinished);
    const gl = await withGitLab(h.ops);
    gl.addUser('rita');
    gl.members.set('rita', 20);
    gl.addUser('dev');
    gl.members.set('dev', 30);
    const clock = new ActingClock()
      .then_(() => void gl.addNote(1, 'rita', '/gitcanary abort'))
      .then_(() => {
        // A rate limit while polling is waited out.
        gl.inject({ status: 429, headers: { 'retry-after': '7' }, body: { message: 'Retry later' } });
        gl.addNote(1, 'dev', '/gitcanary abort');
      });
    const { engine } = await h.engine(clock);

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result.outcome).toBe('aborted');
    expect(result.message).toContain('dev commented /gitcanary abort on merge request !1');
    const replies = gl.notes.filter((note) => note.author.id === gl.bot.id && note.body.includes('@rita'));
    expect(replies).toHaveLength(1);
    expect(replies[0]!.body).toContain('rita has read permission; /gitcanary abort needs write');
    expect(gl.mergeRequests.get(1)!.state).toBe('closed');
    expect(history(h.ops)).toEqual(['0/7 start 0', '1/7 step 20', '1/7 abort 0']);
    expect(waits).toContain(7000);
  });
});
