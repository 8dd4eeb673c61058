import { describe, expect, it, type TestContext } from 'vitest';
import type { ReleaseEvent } from '../../src/report/index.js';
import {
  CANARY_IMAGE,
  createGitOps,
  DEMO_TRAFFIC,
  demoConfig,
  FILES,
  fixtureFile,
  type GitOps,
  git,
  PODINFO,
  STABLE_IMAGE,
} from '../support/gitops.js';
import { runRelease, Timeline } from '../support/gitops-gates.js';
import { startHttpServer, type TestHttpServer, type TestReply } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';
import { VirtualClock } from '../support/virtual-clock.js';

// Flagger's analysis as Flagger's scheduler runs it (fluxcd/flagger pkg/controller/scheduler.go,
// scheduler_hooks.go, scheduler_metrics.go, webhook.go), end to end: a Flagger `analysis` block in
// gitcanary.yaml, the engine in-process on a bare GitOps repository with a virtual clock, and a
// loopback receiver that records every webhook call in the same timeline as the engine's commits.

type Finished = TestContext['onTestFinished'];

/** A GitOps repository for one test, removed after it. */
function gitops(onTestFinished: Finished, config: string): GitOps {
  const ops = createGitOps(config);
  onTestFinished(() => ops.dispose());
  return ops;
}

interface HookCall {
  name: string;
  payload: { name: string; namespace: string; phase: string; checksum: string; metadata?: unknown };
}

/** A receiver at `/<hook name>`: records `hook <name>`; `reply` answers the n-th call of that hook. */
async function startHooks(
  onTestFinished: Finished,
  timeline: Timeline,
  reply: (name: string, call: number) => TestReply = () => ({ status: 200 }),
): Promise<{ calls: HookCall[]; url: string }> {
  const calls: HookCall[] = [];
  const hooks: TestHttpServer = await startHttpServer((request) => {
    const name = request.path.slice(1);
    calls.push({ name, payload: JSON.parse(request.body) as HookCall['payload'] });
    timeline.push(`hook ${name}`);
    return reply(name, calls.filter((call) => call.name === name).length);
  });
  onTestFinished(() => hooks.close());
  return { calls, url: hooks.url };
}

interface FlaggerOptions {
  /** `name: type` of each webhook, in order; the receiver's URL is `/<name>`. */
  hooks: Record<string, string>;
  interval?: string;
  threshold?: number;
  weights?: string;
  /** More analysis lines, indented by 4 spaces. */
  extra?: string;
}

/** The demo's primary/canary repository released by a Flagger analysis block. */
function flaggerConfig(url: string, options: FlaggerOptions): string {
  const webhooks = Object.entries(options.hooks)
    .map(([name, type]) => `      - { name: ${name}, type: ${type}, url: "${url}/${name}", timeout: 5s }`)
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
    interval: ${options.interval ?? '30s'}
    threshold: ${options.threshold ?? 1}
    ${options.weights ?? 'stepWeights: [10, 50]'}
${options.extra ?? ''}    webhooks:
${webhooks}
`;
}

/** Commits and hook calls, in order (gate verdicts left out). */
const order = (timeline: Timeline) =>
  timeline.entries.filter((entry) => entry.startsWith('commit ') || entry.startsWith('hook '));

/** The evidence lines of a commit body. */
const evidence = (body: string) => body.split('\n').filter((line) => line.startsWith('- '));

describe.concurrent("Flagger's webhooks fire where Flagger calls them", () => {
  it('pre-rollout before the first weight, rollout at each check, confirm-promotion before the promotion, post-rollout after it', async ({
    onTestFinished,
  }) => {
    const timeline = new Timeline();
    // A failing post-rollout hook only notifies (runPostRolloutHooks logs it): the release is promoted.
    const { calls, url } = await startHooks(onTestFinished, timeline, (name) =>
      name === 'post' ? { status: 500 } : { status: 200 },
    );
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, {
        hooks: { pre: 'pre-rollout', load: 'rollout', approve: 'confirm-promotion', post: 'post-rollout' },
      }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    expect(order(timeline)).toEqual([
      `commit [0/11] start canary of ${CANARY_IMAGE}`,
      'hook pre',
      'commit [2/11] setWeight 10',
      'hook load',
      'commit [5/11] setWeight 50',
      'hook load',
      'hook approve',
      'commit [8/11] promote primary',
      'commit [10/11] promote',
      'hook post',
    ]);
    // Flagger's payload; post-rollout reports the release Succeeded.
    const checksum = calls[0]!.payload.checksum;
    expect(checksum).toMatch(/^[0-9a-f]{16}$/);
    expect(calls.map((call) => `${call.name} ${call.payload.phase}`)).toEqual([
      'pre Progressing',
      'load Progressing',
      'load Progressing',
      'approve Progressing',
      'post Succeeded',
    ]);
    // The verdicts of the check pass before a commit are its evidence.
    const primary = ops.log().find((entry) => entry.subject.includes('promote primary'))!;
    expect(evidence(primary.body)).toEqual([
      `- load (webhook): pass value=200 threshold HTTP 200-202 — rollout webhook ${url}/load answered HTTP 200`,
      `- approve (webhook): pass value=200 threshold HTTP 200-202 — confirm-promotion webhook ${url}/approve answered HTTP 200`,
    ]);
    // The post-rollout answer is noted on the promotion commit: every verdict lands in Git. A
    // notification never decides (Flagger logs a failed post-rollout hook and goes on), so its
    // verdict passes and the message keeps what the receiver answered.
    const note = git(ops.bare, 'notes', '--ref=refs/notes/gitcanary', 'show', ops.head());
    expect(JSON.parse(note).passes[0].gates[0]).toMatchObject({
      gate: 'post',
      verdict: 'pass',
      value: 500,
      message: expect.stringContaining('notification only: the release goes on'),
    });
  });

  it('fire post-rollout after a rollback too, with the phase Failed', async ({ onTestFinished }) => {
    const timeline = new Timeline();
    const { calls, url } = await startHooks(onTestFinished, timeline, (name, call) =>
      name === 'load' && call === 2 ? { status: 500, body: 'load test: 12% errors' } : { status: 200 },
    );
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, { hooks: { pre: 'pre-rollout', load: 'rollout', post: 'post-rollout' } }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result).toMatchObject({
      outcome: 'rolledBack',
      message: `1 failed checks reached the threshold 1 at step 7/11; rolled back to ${STABLE_IMAGE}`,
    });
    expect(order(timeline)).toEqual([
      `commit [0/11] start canary of ${CANARY_IMAGE}`,
      'hook pre',
      'commit [2/11] setWeight 10',
      'hook load',
      'commit [5/11] setWeight 50',
      'hook load',
      `commit [5/11] roll back canary of ${CANARY_IMAGE}`,
      'hook post',
    ]);
    expect(calls.map((call) => `${call.name} ${call.payload.phase}`)).toEqual([
      'pre Progressing',
      'load Progressing',
      'load Progressing',
      'post Failed',
    ]);
    const rollback = ops.log().at(-1)!;
    expect(rollback.trailers).toMatchObject({ 'Gitcanary-Phase': 'Failed', 'Gitcanary-Failed-Checks': '1' });
    expect(evidence(rollback.body)).toEqual([
      `- load (webhook): fail value=500 threshold HTTP 200-202 — rollout webhook ${url}/load answered HTTP 500: load test: 12% errors`,
    ]);
    // The post-rollout verdict, called after the rollback commit, is noted on it.
    const note = JSON.parse(git(ops.bare, 'notes', '--ref=refs/notes/gitcanary', 'show', ops.head()));
    expect(note.passes.map((pass: { gates: { gate: string }[] }) => pass.gates[0]?.gate)).toEqual(['post']);
  });
});

describe.concurrent("Flagger's failed-checks threshold: one budget for the whole release", () => {
  it('holds the weight after a failed check, checks again one interval later, and never resets the count on a pass', async ({
    onTestFinished,
  }) => {
    // scheduler.go advanceCanary: a failed runAnalysis only increments status.failedChecks and
    // returns, so the weight stays and the next tick checks again; the count resets only on a new
    // revision; the release rolls back when failedChecks >= threshold.
    const timeline = new Timeline();
    const { url } = await startHooks(onTestFinished, timeline, (_name, call) =>
      call === 1 || call === 3 ? { status: 500 } : { status: 200 },
    );
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, { hooks: { load: 'rollout' }, threshold: 3, weights: 'stepWeights: [10, 30, 60]' }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    expect(order(timeline)).toEqual([
      `commit [0/12] start canary of ${CANARY_IMAGE}`,
      'commit [1/12] setWeight 10',
      'hook load', // fails: 1 of 3
      'hook load', // one interval later, still at 10%
      'commit [4/12] setWeight 30',
      'hook load', // fails: 2 of 3
      'hook load',
      'commit [7/12] setWeight 60',
      'hook load',
      'commit [10/12] promote primary',
      'commit [12/12] promote',
    ]);
    // Each failed check held the release for one interval (30s) before the next check.
    const holds = run.events.filter(
      (event): event is Extract<ReleaseEvent, { type: 'wait' }> =>
        event.type === 'wait' && event.reason.startsWith('failed check'),
    );
    expect(holds.map((event) => event.reason)).toEqual([
      'failed check 1/3 at step 3: the weight holds until the next check',
      'failed check 2/3 at step 6: the weight holds until the next check',
    ]);
    // The count travels in the trailers of every later commit: never reset by a passing check.
    const counts = ops.log().map((entry) => entry.trailers['Gitcanary-Failed-Checks']);
    expect(counts).toEqual([undefined, undefined, undefined, '1', '2', '2', '2']);
    // A failed check and the pass after it are both evidence of the next commit.
    const at30 = ops.log().find((entry) => entry.subject.includes('setWeight 30'))!;
    expect(evidence(at30.body).map((line) => line.split(' — ')[0])).toEqual([
      '- load (webhook): fail value=500 threshold HTTP 200-202',
      '- load (webhook): pass value=200 threshold HTTP 200-202',
    ]);
  });

  it('rolls back when the failed checks reach the threshold, passes between them notwithstanding', async ({
    onTestFinished,
  }) => {
    const timeline = new Timeline();
    const { url } = await startHooks(onTestFinished, timeline, (_name, call) =>
      call % 2 === 1 ? { status: 500 } : { status: 200 },
    );
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, { hooks: { load: 'rollout' }, threshold: 3, weights: 'stepWeights: [10, 30, 60]' }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    // Today's check-per-step counting would promote: no step has more than threshold - 1 failures.
    expect(run.result).toMatchObject({
      outcome: 'rolledBack',
      message: `3 failed checks reached the threshold 3 at step 9/12; rolled back to ${STABLE_IMAGE}`,
    });
    expect(order(timeline).slice(-3)).toEqual([
      'commit [7/12] setWeight 60',
      'hook load',
      `commit [7/12] roll back canary of ${CANARY_IMAGE}`,
    ]);
    expect(ops.log().at(-1)?.trailers['Gitcanary-Failed-Checks']).toBe('3');
    expect(ops.show(FILES.route)).toBe(fixtureFile(FILES.route));
  });

  it('counts the same in `step` mode as in `run`: failed checks are noted in Git, never in a local file', async ({
    onTestFinished,
  }) => {
    const script = (_name: string, call: number): TestReply =>
      call === 1 || call === 3 ? { status: 500 } : { status: 200 };
    const config = (url: string) =>
      flaggerConfig(url, { hooks: { load: 'rollout' }, threshold: 3, weights: 'stepWeights: [10, 30]' });
    /** The commits without what differs between two repositories (the seed's sha in the release id). */
    const commits = (ops: GitOps) =>
      ops
        .log()
        .map(({ subject, trailers: { 'Gitcanary-Release-Id': _, ...trailers } }) => ({ subject, trailers }));

    // `run` in one process.
    const runTimeline = new Timeline();
    const viaRun = commits(
      await (async () => {
        const { url } = await startHooks(onTestFinished, runTimeline, script);
        const ops = gitops(onTestFinished, config(url));
        await runRelease(ops.config, { image: CANARY_IMAGE, timeline: runTimeline });
        return ops;
      })(),
    );

    // `step`, one process per call, as scheduled CI jobs run it.
    const stepTimeline = new Timeline();
    const { url } = await startHooks(onTestFinished, stepTimeline, script);
    const ops = gitops(onTestFinished, config(url));
    const clock = new VirtualClock();
    const messages: string[] = [];
    let last = await runRelease(ops.config, {
      image: CANARY_IMAGE,
      once: true,
      timeline: stepTimeline,
      clock,
    });
    for (let call = 0; call < 30 && last.result.outcome !== 'promoted'; call++) {
      // The scheduler's next job comes a minute later (more than the 30s interval).
      if (last.result.outcome === 'waiting') clock.advance(60_000);
      last = await runRelease(ops.config, { once: true, timeline: stepTimeline, clock });
      messages.push(last.result.message);
    }
    expect(last.result.outcome).toBe('promoted');
    // A failed check ends a `step` call waiting (exit 3): the weight holds until the next check.
    expect(messages.filter((message) => message.includes('checks again'))).toEqual([
      expect.stringMatching(/^step 3 checks again at /),
      expect.stringMatching(/^step 6 checks again at /),
    ]);
    expect(order(stepTimeline)).toEqual(order(runTimeline));
    expect(commits(ops)).toEqual(viaRun);
    expect(viaRun.map((entry) => entry.trailers['Gitcanary-Failed-Checks'])).toEqual([
      undefined,
      undefined,
      undefined,
      '1',
      '2',
      '2',
    ]);
  });
});

describe.concurrent('one check pass, in order', () => {
  it('asks the rollback hooks first, then the rollout webhooks in order, stopping at the first failure', async ({
    onTestFinished,
  }) => {
    const timeline = new Timeline();
    const { url } = await startHooks(onTestFinished, timeline, (name, call) => {
      if (name === 'stop') return { status: 404 }; // not signalling a rollback
      if (name === 'first' && call === 1) return { status: 503 };
      return { status: 200 };
    });
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, {
        hooks: { first: 'rollout', second: 'rollout', stop: 'rollback' },
        threshold: 2,
        weights: 'stepWeights: [20]',
      }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    expect(order(timeline)).toEqual([
      `commit [0/7] start canary of ${CANARY_IMAGE}`,
      'hook stop',
      'commit [2/7] setWeight 20',
      'hook stop',
      'hook first', // 503: the pass ends here, `second` is not asked
      'hook stop',
      'hook first',
      'hook second',
      'commit [5/7] promote primary',
      'commit [7/7] promote',
    ]);
  });
});

describe.concurrent('confirmation waits keep analysing, as Flagger keeps ticking', () => {
  it('rolls back while waiting at confirm-promotion when a check fails', async ({ onTestFinished }) => {
    const timeline = new Timeline();
    const { url } = await startHooks(onTestFinished, timeline, (name, call) => {
      if (name === 'approve') return { status: 403, body: 'not approved yet' };
      return call === 4 ? { status: 500 } : { status: 200 };
    });
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, { hooks: { load: 'rollout', approve: 'confirm-promotion' } }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('rolledBack');
    expect(order(timeline)).toEqual([
      `commit [0/9] start canary of ${CANARY_IMAGE}`,
      'commit [1/9] setWeight 10',
      'hook load',
      'commit [4/9] setWeight 50',
      'hook load',
      'hook approve', // 403: wait one interval, then the whole pass again
      'hook load',
      'hook approve',
      'hook load', // 500 while waiting: a failed check, threshold 1
      `commit [4/9] roll back canary of ${CANARY_IMAGE}`,
    ]);
    const waits = run.events.filter(
      (event): event is Extract<ReleaseEvent, { type: 'wait' }> =>
        event.type === 'wait' && event.reason.startsWith('confirmation'),
    );
    expect(waits.map((event) => event.reason)).toEqual([
      'confirmation webhooks at step 6',
      'confirmation webhooks at step 6',
    ]);
  });

  it('promotes once confirm-promotion answers 2xx; only the pass that let it go on is evidence', async ({
    onTestFinished,
  }) => {
    const timeline = new Timeline();
    const { url } = await startHooks(onTestFinished, timeline, (name, call) =>
      name === 'approve' && call < 3 ? { status: 403, body: 'not approved yet' } : { status: 200 },
    );
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, { hooks: { load: 'rollout', approve: 'confirm-promotion' } }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    expect(order(timeline).slice(-8)).toEqual([
      'hook load',
      'hook approve',
      'hook load',
      'hook approve',
      'hook load',
      'hook approve',
      'commit [7/9] promote primary',
      'commit [9/9] promote',
    ]);
    const primary = ops.log().find((entry) => entry.subject.includes('promote primary'))!;
    expect(evidence(primary.body)).toEqual([
      `- load (webhook): pass value=200 threshold HTTP 200-202 — rollout webhook ${url}/load answered HTTP 200`,
      `- approve (webhook): pass value=200 threshold HTTP 200-202 — confirm-promotion webhook ${url}/approve answered HTTP 200`,
    ]);
  });

  it('rolls back while waiting at confirm-traffic-increase when a rollback hook answers 2xx; an error or a 500 asks for nothing', async ({
    onTestFinished,
  }) => {
    const timeline = new Timeline();
    const { url } = await startHooks(onTestFinished, timeline, (name, call) => {
      if (name === 'more') return { status: 403 };
      // webhook.go: only a 2xx is an answer; runRollbackHooks takes any error as "no rollback".
      if (name === 'stop') return call < 3 ? { status: 500 } : { status: 202 };
      return { status: 200 };
    });
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, { hooks: { more: 'confirm-traffic-increase', stop: 'rollback' } }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result).toMatchObject({
      outcome: 'rolledBack',
      message: `a rollback webhook asked for it at step 1/10; rolled back to ${STABLE_IMAGE}`,
    });
    expect(order(timeline)).toEqual([
      `commit [0/10] start canary of ${CANARY_IMAGE}`,
      'hook stop',
      'hook more',
      'hook stop',
      'hook more',
      'hook stop',
      `commit [0/10] roll back canary of ${CANARY_IMAGE}`,
    ]);
    expect(ops.log().at(-1)?.trailers['Gitcanary-Phase']).toBe('Failed');
  });

  it('leaves a `step` run waiting (exit 3, no commit) while confirm-promotion has not confirmed', async ({
    onTestFinished,
  }) => {
    const timeline = new Timeline();
    const { url } = await startHooks(onTestFinished, timeline, (name) =>
      name === 'approve' ? { status: 403 } : { status: 200 },
    );
    // A zero interval: `step` never sleeps, so the analysis pauses must already be over.
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, { hooks: { approve: 'confirm-promotion' }, interval: '0s' }),
    );
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
    expect(order(timeline).slice(-3)).toEqual(['commit [3/8] setWeight 50', 'hook approve', 'hook approve']);
  });
});

describe.concurrent("promotion in Flagger's shape", () => {
  it('puts the candidate on the primary while traffic stays, then moves traffic back by stepWeightPromotion, one commit per tick', async ({
    onTestFinished,
  }) => {
    // scheduler.go runCanary: Promote copies the canary's spec to the primary (phase Promoting);
    // runPromotionTrafficShift then raises the primary's weight by stepWeightPromotion per tick.
    const timeline = new Timeline();
    const { url } = await startHooks(onTestFinished, timeline);
    const ops = gitops(
      onTestFinished,
      flaggerConfig(url, {
        hooks: { load: 'rollout' },
        weights: 'stepWeights: [40]',
        extra: '    stepWeightPromotion: 15\n',
      }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    expect(order(timeline)).toEqual([
      `commit [0/10] start canary of ${CANARY_IMAGE}`,
      'commit [1/10] setWeight 40',
      'hook load',
      'commit [4/10] promote primary',
      'commit [6/10] shift traffic to primary (canary 25%)',
      'commit [8/10] shift traffic to primary (canary 10%)',
      'commit [10/10] promote',
    ]);
    const primaryAt = (tag: string) => fixtureFile(FILES.primary).replace('newTag: 6.0.0', `newTag: ${tag}`);
    const routeAt = (canary: number) =>
      fixtureFile(FILES.route)
        .replace('          weight: 100\n', `          weight: ${100 - canary}\n`)
        .replace('          weight: 0\n', `          weight: ${canary}\n`);
    const at = (ref: string) => ({
      primary: ops.show(FILES.primary, ref),
      route: ops.show(FILES.route, ref),
    });
    expect(at('main~4')).toEqual({ primary: primaryAt('6.0.0'), route: routeAt(40) });
    expect(at('main~3')).toEqual({ primary: primaryAt('6.1.0'), route: routeAt(40) });
    expect(at('main~2')).toEqual({ primary: primaryAt('6.1.0'), route: routeAt(25) });
    expect(at('main~1')).toEqual({ primary: primaryAt('6.1.0'), route: routeAt(10) });
    expect(at('main')).toEqual({ primary: primaryAt('6.1.0'), route: routeAt(0) });
    expect(
      ops
        .log()
        .slice(-4)
        .map((entry) => entry.trailers['Gitcanary-Phase']),
    ).toEqual(['Promoting', 'Promoting', 'Promoting', 'Promoted']);
    // One tick (the 30s interval) before each move of traffic back to the primary.
    const ticks = run.events.filter((event) => event.type === 'wait' && event.reason === 'pause 30s');
    expect(ticks).toHaveLength(4);
  });
});

describe.runIf(withPrometheus).concurrent('metrics in a check pass, against a real Prometheus', () => {
  it('queries the metrics after the webhooks, and takes no data as a failed check, as Flagger does', async ({
    onTestFinished,
  }) => {
    // scheduler_metrics.go: RunQuery's ErrNoValuesFound ("no values found") fails the check.
    const exporter = await startHttpServer(() => ({
      status: 200,
      body: '# TYPE gitcanary_e2e_up gauge\ngitcanary_e2e_up 1\n',
    }));
    let prometheus: PrometheusServer | undefined;
    try {
      prometheus = await startPrometheus([`127.0.0.1:${exporter.port}`]);
      await prometheus.waitForQuery('gitcanary_e2e_up');
      const timeline = new Timeline();
      const { url } = await startHooks(onTestFinished, timeline);
      const ops = gitops(
        onTestFinished,
        flaggerConfig(url, {
          hooks: { load: 'rollout' },
          threshold: 2,
          weights: 'stepWeights: [10]',
          extra: `    metricsServer: ${prometheus.address}
    metrics:
      - { name: up, query: 'gitcanary_e2e_up', thresholdRange: { min: 1 } }
      - { name: absent, query: 'gitcanary_e2e_absent', thresholdRange: { min: 1 } }
`,
        }),
      );

      const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

      expect(run.result).toMatchObject({ outcome: 'rolledBack' });
      const gates = timeline.entries.filter(
        (entry) => entry.startsWith('gate ') || entry.startsWith('hook '),
      );
      expect(gates).toEqual(
        [
          'gate sync pass',
          'gate sync pass',
          'hook load',
          'gate load pass',
          'gate up pass',
          'gate absent fail',
          'hook load',
          'gate load pass',
          'gate up pass',
          'gate absent fail',
        ].filter((entry) => !entry.startsWith('gate sync')),
      );
      expect(evidence(ops.log().at(-1)!.body).at(-1)).toBe(
        '- absent (prometheus): fail threshold >= 1 — 1 consecutive errors (limit 0): error: absent: no data (empty result)',
      );
    } finally {
      await prometheus?.stop();
      await exporter.close();
    }
  });
});

it.concurrent('rolls the release back when a rollback gate of an explicit analysis step answers 2xx', async ({
  onTestFinished,
}) => {
  const timeline = new Timeline();
  const { url } = await startHooks(onTestFinished, timeline, (_name, call) =>
    call < 2 ? { status: 404 } : { status: 200 },
  );
  const ops = gitops(
    onTestFinished,
    demoConfig({
      steps: `    - setWeight: 10
    - analysis: { gates: [stop] }
    - setWeight: 50
    - analysis: { gates: [stop] }
    - promote: {}
`,
      gates: `    stop:\n      webhook: { type: rollback, url: "${url}/stop", timeout: 5s }\n`,
    }),
  );

  const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline, clock: new VirtualClock() });

  expect(run.result).toMatchObject({
    outcome: 'rolledBack',
    message: `a rollback webhook asked for it at step 4/6; rolled back to ${STABLE_IMAGE}`,
  });
  expect(order(timeline)).toEqual([
    `commit [0/6] start canary of ${CANARY_IMAGE}`,
    'commit [1/6] setWeight 10',
    'hook stop',
    'commit [3/6] setWeight 50',
    'hook stop',
    `commit [3/6] roll back canary of ${CANARY_IMAGE}`,
  ]);
  const threshold = 'threshold no HTTP 200-202 (200-202 requests rollback)';
  expect(evidence(ops.log().at(-2)!.body)).toEqual([
    `- stop (webhook): pass value=404 ${threshold} — rollback webhook ${url}/stop answered HTTP 404: no rollback requested`,
  ]);
  expect(evidence(ops.log().at(-1)!.body)).toEqual([
    `- stop (webhook): fail value=200 ${threshold} — rollback webhook ${url}/stop answered HTTP 200: rollback requested`,
  ]);
});
