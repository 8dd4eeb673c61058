import { describe, expect, it } from 'vitest';
import { forgeSchema, promotionSchema, pullRequestPromotionSchema } from '../../src/config/promotion.js';
import {
  type ChangeComment,
  type ChangeRequest,
  commandAuthors,
  commentCommand,
  decidePromotion,
  type PromotionInput,
} from '../../src/forges/index.js';

const STEP_HEAD = 'a'.repeat(40);

function change(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    number: 7,
    url: 'https://github.com/acme/gitops/pull/7',
    title: 'podinfo: canary 20% → 60%',
    body: '',
    state: 'open',
    draft: false,
    head: { branch: 'gitcanary/podinfo', sha: STEP_HEAD },
    base: { branch: 'main' },
    labels: [],
    author: 'github-actions[bot]',
    ...overrides,
  };
}

let id = 0;
function comment(author: string, body: string, minute: number, authorIsBot = false): ChangeComment {
  return {
    id: ++id,
    author,
    body,
    authorIsBot,
    createdAt: `2026-01-01T00:${String(minute).padStart(2, '0')}:00Z`,
    url: `https://github.com/acme/gitops/pull/7#issuecomment-${id}`,
  };
}

function decide(input: Partial<PromotionInput>) {
  return decidePromotion({ change: change(), stepHead: STEP_HEAD, comments: [], permissions: {}, ...input });
}

describe('the promotion pull request decision', () => {
  it('goes on when the pull request was merged, whatever the merge method', () => {
    for (const method of ['merge', 'squash', 'rebase'] as const) {
      const merged = change({
        state: 'merged',
        merge: { sha: 'b'.repeat(40), method, at: '2026-01-01T01:00:00Z', by: 'alice' },
      });
      expect(decide({ change: merged })).toEqual({
        action: 'continue',
        via: 'merge',
        by: 'alice',
        mergeMethod: method,
        sha: 'b'.repeat(40),
        reason: `pull request #7 was merged by alice (${method})`,
        ignored: [],
      });
    }
  });

  it('aborts when the pull request was closed without merging', () => {
    expect(decide({ change: change({ state: 'closed' }) })).toEqual({
      action: 'abort',
      via: 'close',
      reason: 'pull request #7 was closed without merging',
      ignored: [],
    });
  });

  it('waits while the pull request is open and no one with write permission said anything', () => {
    expect(decide({ comments: [comment('carol', 'looks good', 1)] })).toEqual({
      action: 'wait',
      reason: 'waiting for pull request #7 to be merged or closed',
      ignored: [],
    });
  });

  it('acts on the first /gitcanary command from someone with write permission, and says why others do not count', () => {
    const comments = [
      comment('mallory', '/gitcanary abort', 1),
      comment('gitcanary[bot]', 'To go on, comment:\n/gitcanary promote', 2, true),
      comment('dave', 'lgtm\n/gitcanary promote', 3),
      comment('erin', '/gitcanary ship-it', 4),
      comment('alice', 'numbers look fine\n\n/gitcanary promote\n', 5),
      comment('bob', '/gitcanary abort', 6),
    ];
    const permissions = {
      mallory: 'none',
      dave: 'read',
      erin: 'admin',
      alice: 'write',
      bob: 'admin',
    } as const;
    expect(commandAuthors(comments)).toEqual(['mallory', 'dave', 'erin', 'alice', 'bob']);

    const decision = decide({ comments: [...comments].reverse(), permissions });

    expect(decision).toMatchObject({
      action: 'continue',
      via: 'comment',
      by: 'alice',
      reason: 'alice commented /gitcanary promote on pull request #7',
    });
    expect(decision.ignored.map((ignored) => [ignored.comment.author, ignored.reason])).toEqual([
      ['mallory', 'mallory has none permission; /gitcanary abort needs write'],
      ['dave', 'dave has read permission; /gitcanary promote needs write'],
      ['erin', 'unknown command /gitcanary ship-it; use promote or abort'],
    ]);

    expect(decide({ comments: [comment('bob', '/gitcanary abort', 1)], permissions })).toMatchObject({
      action: 'abort',
      via: 'comment',
      by: 'bob',
    });
  });

  it('goes on after a human edited the files only while they still hold the step’s change, else refuses clearly', () => {
    const edited = change({
      state: 'merged',
      head: { branch: 'gitcanary/podinfo', sha: 'c'.repeat(40) },
      merge: { sha: 'd'.repeat(40), at: 'x', by: 'alice', method: 'merge' },
    });
    expect(decide({ change: edited, headCheck: { isStepChange: true, differences: [] } })).toMatchObject({
      action: 'continue',
      via: 'merge',
    });

    const refused = decide({
      change: edited,
      headCheck: {
        isStepChange: false,
        differences: ['apisix weight 60 → 80 in apps/podinfo/routes/route.yaml'],
      },
    });
    expect(refused).toEqual({
      action: 'refuse',
      reason:
        "pull request #7 was merged, but its files no longer hold the step's change: apisix weight 60 → 80 in apps/podinfo/routes/route.yaml",
      hint: "restore the step's change on gitcanary/podinfo, or stop the release with `gitcanary abort`",
      ignored: [],
    });

    const open = change({ head: { branch: 'gitcanary/podinfo', sha: 'c'.repeat(40) } });
    const headCheck = { isStepChange: false, differences: ['canary image 6.1.0 → 6.2.0'] };
    expect(decide({ change: open, headCheck })).toMatchObject({
      action: 'wait',
      reason:
        "waiting for pull request #7 to be merged or closed; merging will be refused: its files no longer hold the step's change: canary image 6.1.0 → 6.2.0",
    });
    const promote = [comment('alice', '/gitcanary promote', 1)];
    expect(
      decide({ change: open, headCheck, comments: promote, permissions: { alice: 'write' } }),
    ).toMatchObject({
      action: 'refuse',
    });
    // Aborting is always allowed.
    expect(
      decide({
        change: open,
        headCheck,
        comments: [comment('alice', '/gitcanary abort', 1)],
        permissions: { alice: 'write' },
      }),
    ).toMatchObject({
      action: 'abort',
    });
    // A moved head nobody checked is never taken for the step's change.
    expect(decide({ change: edited })).toMatchObject({ action: 'refuse' });
  });

  it('reads a command only from a line of its own', () => {
    expect(commentCommand('/gitcanary promote')).toBe('promote');
    expect(commentCommand('  /gitcanary   abort  ')).toBe('abort');
    expect(commentCommand('please run `/gitcanary promote` when ready')).toBeUndefined();
    expect(commentCommand('/gitcanary')).toEqual({ unknown: '' });
  });
});

describe('the pull-request promotion config (not in the release schema until the engine drives it)', () => {
  it('defaults to a pull request per indefinite pause, and validates the forge block', () => {
    expect(pullRequestPromotionSchema.parse({})).toEqual({
      steps: 'pauses',
      labels: [],
      reviewers: [],
      draft: false,
    });
    expect(
      promotionSchema.parse({
        pullRequest: { steps: 'all', labels: ['canary'], reviewers: ['acme/sre'], draft: true },
      }),
    ).toEqual({ pullRequest: { steps: 'all', labels: ['canary'], reviewers: ['acme/sre'], draft: true } });
    expect(
      forgeSchema.parse({ github: { apiUrl: 'https://ghe.acme.dev/api/v3', repository: 'acme/gitops' } }),
    ).toEqual({
      github: { apiUrl: 'https://ghe.acme.dev/api/v3', repository: 'acme/gitops', tokenEnv: 'GITHUB_TOKEN' },
    });
    expect(pullRequestPromotionSchema.safeParse({ steps: 'some' }).success).toBe(false);
    expect(forgeSchema.safeParse({ github: { repository: 'gitops' } }).success).toBe(false);
    expect(forgeSchema.parse({ gitlab: {} })).toEqual({ gitlab: { tokenEnv: 'GITLAB_TOKEN' } });
    expect(
      forgeSchema.parse({ gitlab: { apiUrl: 'https://gitlab.acme.dev/api/v4', project: 'platform/gitops' } }),
    ).toEqual({
      gitlab: {
        apiUrl: 'https://gitlab.acme.dev/api/v4',
        project: 'platform/gitops',
        tokenEnv: 'GITLAB_TOKEN',
      },
    });
    expect(forgeSchema.safeParse({ gitlab: { project: 42 } }).success).toBe(true);
    expect(forgeSchema.safeParse({ gitlab: { apiUrl: 'https://gitlab.acme.dev' } }).success).toBe(false);
    expect(forgeSchema.safeParse({ gitlab: { project: 'gitops' } }).success).toBe(false);
    expect(forgeSchema.safeParse({ gitlab: { tokenEnv: 'CI_JOB_TOKEN' } }).error?.issues[0]?.message).toBe(
      'CI_JOB_TOKEN can neither push nor open merge requests',
    );
    expect(forgeSchema.safeParse({}).success).toBe(false);
    expect(forgeSchema.safeParse({ github: {}, gitlab: {} }).success).toBe(false);
  });
});
