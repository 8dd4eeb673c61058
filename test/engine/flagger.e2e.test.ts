import { afterEach, describe, expect, it } from 'vitest';
import type { ReleaseEvent } from '../../src/report/index.js';
import {
  CANARY_IMAGE,
  createGitOps,
  DEMO_TRAFFIC,
  demoConfig,
  type GitOps,
  PODINFO,
  STABLE_IMAGE,
} from '../support/gitops.js';
import { runRelease, Timeline } from '../support/gitops-gates.js';
import { startHttpServer, type TestHttpServer, type TestReply } from '../support/http-server.js';

// Flagger's webhooks fire at Flagger's points of the release: a loopback receiver records each
// call in the same timeline as the engine's commits. The engine runs in-process on a bare GitOps
// repository with a clock that skips the analysis interval.

let ops: GitOps | undefined;
let hooks: TestHttpServer | undefined;
afterEach(async () => {
  await hooks?.close();
  ops?.dispose();
  ops = undefined;
  hooks = undefined;
});

interface HookCall {
  type: string;
  payload: { name: string; namespace: string; phase: string; checksum: string; metadata?: unknown };
}

/** A receiver at `/<type>`: records `hook <type>` in the timeline; `reply` decides the answer. */
async function startHooks(
  timeline: Timeline,
  reply: (type: string, call: number) => TestReply = () => ({ status: 200 }),
): Promise<HookCall[]> {
  const calls: HookCall[] = [];
  hooks = await startHttpServer((request) => {
    const type = request.path.slice(1);
    calls.push({ type, payload: JSON.parse(request.body) as HookCall['payload'] });
    timeline.push(`hook ${type}`);
    return reply(type, calls.filter((call) => call.type === type).length);
  });
  return calls;
}

/** The demo release driven by a Flagger analysis block with one webhook of each listed type. */
function flaggerConfig(types: string[], interval = '30s'): string {
  const webhooks = types
    .map((type) => `      - { name: ${type}-hook, type: ${type}, url: "${hooks!.url}/${type}", timeout: 5s }`)
    .join('\n');
  return `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata:
  name: podinfo
  namespace: test
spec:
  git: { repo: ./gitops.git, branch: main, author: { name: gitcanary, email: gitcanary@example.com } }
  workload:
    kustomization: { path: apps/podinfo/canary, image: ${PODINFO} }
  stable:
    kustomization: { path: apps/podinfo/primary, image: ${PODINFO} }
  traffic:
${DEMO_TRAFFIC}  analysis:
    interval: ${interval}
    threshold: 1
    stepWeights: [10, 50]
    webhooks:
${webhooks}
`;
}

/** Commits and hook calls, in order (gate verdicts left out). */
const order = (timeline: Timeline) =>
  timeline.entries.filter((entry) => entry.startsWith('commit ') || entry.startsWith('hook '));

describe("Flagger's webhooks", () => {
  it('fire where Flagger calls them: pre-rollout before the first weight, rollout at each analysis, confirm-promotion before the promote commit, post-rollout after it', async () => {
    const timeline = new Timeline();
    const calls = await startHooks(timeline);
    ops = createGitOps(flaggerConfig(['pre-rollout', 'rollout', 'confirm-promotion', 'post-rollout']));

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    // Expansion: pre-rollout, [setWeight, pause, rollout] × 2, confirm-promotion, promote, post-rollout.
    expect(order(timeline)).toEqual([
      `commit [0/10] start canary of ${CANARY_IMAGE}`,
      'hook pre-rollout',
      'commit [2/10] setWeight 10',
      'hook rollout',
      'commit [5/10] setWeight 50',
      'hook rollout',
      'hook confirm-promotion',
      'commit [9/10] promote',
      'hook post-rollout',
    ]);
    // Flagger's payload; post-rollout reports the release Succeeded.
    const checksum = calls[0]!.payload.checksum;
    expect(checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(calls.map((call) => call.payload)).toEqual([
      { name: 'podinfo', namespace: 'test', phase: 'Progressing', checksum },
      { name: 'podinfo', namespace: 'test', phase: 'Progressing', checksum },
      { name: 'podinfo', namespace: 'test', phase: 'Progressing', checksum },
      { name: 'podinfo', namespace: 'test', phase: 'Progressing', checksum },
      { name: 'podinfo', namespace: 'test', phase: 'Succeeded', checksum },
    ]);
    // The hooks' verdicts since the last commit are evidence in the next one.
    const promote = ops.log().find((entry) => entry.subject.includes('promote [9/10]'))!;
    expect(promote.body.split('\n').slice(1)).toEqual([
      '',
      'Gate evidence:',
      `- rollout-hook (webhook): pass value=200 threshold HTTP 2xx — rollout webhook ${hooks!.url}/rollout answered HTTP 200`,
      `- confirm-promotion-hook (webhook): pass value=200 threshold HTTP 2xx — confirm-promotion webhook ${hooks!.url}/confirm-promotion answered HTTP 200`,
    ]);
  });

  it('fire post-rollout after a rollback too, with the phase Failed, as Flagger does', async () => {
    const timeline = new Timeline();
    const calls = await startHooks(timeline, (type, call) =>
      type === 'rollout' && call === 2 ? { status: 500, body: 'load test: 12% errors' } : { status: 200 },
    );
    ops = createGitOps(flaggerConfig(['pre-rollout', 'rollout', 'confirm-promotion', 'post-rollout']));

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('rolledBack');
    expect(order(timeline)).toEqual([
      `commit [0/10] start canary of ${CANARY_IMAGE}`,
      'hook pre-rollout',
      'commit [2/10] setWeight 10',
      'hook rollout',
      'commit [5/10] setWeight 50',
      'hook rollout',
      `commit [5/10] roll back canary of ${CANARY_IMAGE}`,
      'hook post-rollout',
    ]);
    expect(calls.map((call) => `${call.type} ${call.payload.phase}`)).toEqual([
      'pre-rollout Progressing',
      'rollout Progressing',
      'rollout Progressing',
      'post-rollout Failed',
    ]);
    expect(ops.log().at(-1)!.body.split('\n').slice(1)).toEqual([
      '',
      'Gate evidence:',
      `- rollout-hook (webhook): fail value=500 threshold HTTP 2xx — rollout webhook ${hooks!.url}/rollout answered HTTP 500: load test: 12% errors`,
    ]);
  });

  it('keep the release at confirm-promotion, asking every interval, until the hook answers 2xx', async () => {
    const timeline = new Timeline();
    await startHooks(timeline, (type, call) =>
      type === 'confirm-promotion' && call < 3 ? { status: 403, body: 'not approved yet' } : { status: 200 },
    );
    ops = createGitOps(flaggerConfig(['rollout', 'confirm-promotion']));

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    expect(order(timeline).slice(-5)).toEqual([
      'hook rollout',
      'hook confirm-promotion',
      'hook confirm-promotion',
      'hook confirm-promotion',
      'commit [8/8] promote',
    ]);
    const waits = run.events.filter(
      (event): event is Extract<ReleaseEvent, { type: 'wait' }> =>
        event.type === 'wait' && event.reason.startsWith('confirmation'),
    );
    expect(waits.map((event) => event.reason)).toEqual([
      'confirmation webhooks at step 7',
      'confirmation webhooks at step 7',
    ]);
    // Of the confirmation, only the answer that let the release go on is evidence.
    expect(ops.log().at(-1)!.body.split('\n').slice(1)).toEqual([
      '',
      'Gate evidence:',
      `- rollout-hook (webhook): pass value=200 threshold HTTP 2xx — rollout webhook ${hooks!.url}/rollout answered HTTP 200`,
      `- confirm-promotion-hook (webhook): pass value=200 threshold HTTP 2xx — confirm-promotion webhook ${hooks!.url}/confirm-promotion answered HTTP 200`,
    ]);
  });

  it('leave a `step` run waiting (exit 3, no commit) while confirm-promotion has not confirmed', async () => {
    const timeline = new Timeline();
    await startHooks(timeline, (type) => (type === 'confirm-promotion' ? { status: 403 } : { status: 200 }));
    // A zero interval: `step` never sleeps, so the analysis pauses must already be over.
    ops = createGitOps(flaggerConfig(['confirm-promotion'], '0s'));
    const started = await runRelease(ops.config, { image: CANARY_IMAGE, once: true, timeline });
    expect(started.result.outcome).toBe('stepped');
    let last = started;
    for (let i = 0; i < 6 && last.result.outcome === 'stepped'; i++) {
      last = await runRelease(ops.config, { once: true, timeline });
    }
    const head = ops.head();

    expect(last.result).toMatchObject({
      outcome: 'waiting',
      exitCode: 3,
      message: 'step 5 waits for its confirmation webhooks',
    });
    const again = await runRelease(ops.config, { once: true, timeline });
    expect(again.result.outcome).toBe('waiting');
    expect(ops.head()).toBe(head);
    expect(order(timeline).slice(-3)).toEqual([
      'commit [3/6] setWeight 50',
      'hook confirm-promotion',
      'hook confirm-promotion',
    ]);
  });

  it('roll the release back when a rollback hook answers 2xx, and let it go on while it answers anything else', async () => {
    const timeline = new Timeline();
    // Flagger's analysis block does not take rollback hooks yet; a gitcanary gate of that type does.
    await startHooks(timeline, (_type, call) => (call < 2 ? { status: 404 } : { status: 200 }));
    ops = createGitOps(
      demoConfig({
        steps: `    - setWeight: 10
    - analysis: { gates: [stop] }
    - setWeight: 50
    - analysis: { gates: [stop] }
    - promote: {}
`,
        gates: `    stop:\n      webhook: { type: rollback, url: "${hooks!.url}/rollback", timeout: 5s }\n`,
      }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result).toMatchObject({
      outcome: 'rolledBack',
      message: `gate failed at step 4/5; rolled back to ${STABLE_IMAGE}`,
    });
    expect(order(timeline)).toEqual([
      `commit [0/5] start canary of ${CANARY_IMAGE}`,
      'commit [1/5] setWeight 10',
      'hook rollback',
      'commit [3/5] setWeight 50',
      'hook rollback',
      `commit [3/5] roll back canary of ${CANARY_IMAGE}`,
    ]);
    const rollback = ops.log().at(-1)!;
    expect(rollback.trailers['Gitcanary-Phase']).toBe('Failed');
    expect(rollback.body.split('\n').slice(1)).toEqual([
      '',
      'Gate evidence:',
      `- stop (webhook): fail value=200 threshold no HTTP 2xx (2xx requests rollback) — rollback webhook ${hooks!.url}/rollback answered HTTP 200: rollback requested`,
    ]);
  });
});
