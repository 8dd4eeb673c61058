import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { planDiffs } from '../../src/engine/plan.js';
import { type Clock, ReleaseEngine, type ReleaseRepository } from '../../src/engine/release.js';
import { releaseInput } from '../../src/engine/setup.js';
import { releaseStatus } from '../../src/engine/status.js';
import { GitcanaryError } from '../../src/errors.js';
import { createGate, type GateConfig } from '../../src/gates/index.js';
import { openRepository, type Repository } from '../../src/git/index.js';
import { EventLog, type ReleaseEvent } from '../../src/report/index.js';
import {
  CANARY_IMAGE,
  createGitOps,
  DEMO_TRAFFIC,
  demoConfig,
  FAIL_FROM_30,
  FILES,
  fixtureFile,
  type LogEntry,
  PODINFO,
  STABLE_IMAGE,
} from '../support/gitops.js';
import { startHttpServer } from '../support/http-server.js';

// The release engine end to end on real git: a bare GitOps repository made from fixtures/demo,
// the engine in-process with the real targets, gates and Repository, and a clock that skips pauses.

/**
 * Virtual time: sleeping moves the clock on at once. Git stamps commits with the wall clock, so
 * the virtual lead ends at each commit (the engine measures pauses from the last commit's time).
 */
class TestClock implements Clock {
  #lead = 0;
  readonly slept: number[] = [];
  onSleep: ((ms: number) => void) | undefined;
  now(): Date {
    return new Date(Date.now() + this.#lead);
  }
  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.#lead += ms;
    this.onSleep?.(ms);
  }
  advance(ms: number): void {
    this.#lead += ms;
  }
  committed(): void {
    this.#lead = 0;
  }
}

/** A bare GitOps repository with `config`, and engines on clones of it; removed after the test. */
function setup(config: string, onTestFinished: TestContext['onTestFinished']) {
  const ops = createGitOps(config);
  const opened: Repository[] = [];
  onTestFinished(async () => {
    for (const repo of opened) await repo.close();
    ops.dispose();
  });

  /** An engine as the CLI builds it, on a fresh clone (or `workdir`) of the bare repository. */
  async function openEngine(options: EngineOptions = {}) {
    const clock = options.clock ?? new TestClock();
    const loaded = await loadConfig(options.config ?? ops.config);
    const repo = await openRepository({
      repo: loaded.config.spec.git.repo,
      branch: 'main',
      author: { name: 'gitcanary', email: 'gitcanary@example.com' },
      ...(options.workdir ? { workdir: options.workdir } : {}),
    });
    opened.push(repo);
    const events = new EventLog({
      event: (event: ReleaseEvent) => {
        if (event.type === 'commit') clock.committed();
      },
    });
    const engine = new ReleaseEngine(
      releaseInput(loaded, options.supersede === undefined ? {} : { supersede: options.supersede }),
      {
        repo: options.wrap ? options.wrap(repo) : repo,
        reporter: events,
        createGate: (name, config) => createGate(name, config as GateConfig),
        clock,
      },
    );
    return { engine, events, clock, repo };
  }

  /** Every file gitcanary edits, at `ref` of the remote. */
  function manifests(ref = 'main') {
    return {
      primary: ops.show(FILES.primary, ref),
      canary: ops.show(FILES.canary, ref),
      route: ops.show(FILES.route, ref),
      headerRoutes: ops.show(FILES.headerRoutes, ref),
    };
  }

  /** Commit time of the release's commit of `step` (`i/N`) on the remote. */
  function commitTime(step: string): number {
    const index = ops.log().findIndex((entry) => entry.trailers['Gitcanary-Step'] === step);
    const time = ops.times()[index];
    if (index < 0 || time === undefined) throw new Error(`no commit for step ${step}`);
    return Date.parse(time);
  }

  return { ops, openEngine, manifests, commitTime };
}

interface EngineOptions {
  clock?: TestClock;
  /** Another config file than the setup's. */
  config?: string;
  supersede?: boolean;
  workdir?: string;
  /** Wraps the real repository (to race it, or to stop before a push). */
  wrap?: (repo: Repository) => ReleaseRepository;
}

/** The real repository with `commitStep` intercepted. */
function intercept(
  repo: Repository,
  commitStep: Repository['commitStep'],
): ReleaseRepository & { readonly inner: Repository } {
  // Every other member is the real repository's, called on it (its state is its own private fields).
  return new Proxy(repo, {
    get(target, key) {
      if (key === 'commitStep') return commitStep;
      if (key === 'inner') return repo;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Repository & { readonly inner: Repository };
}

function releaseId(image: string, sha: string): string {
  return createHash('sha256').update(`${image}\n${sha}`).digest('hex').slice(0, 12);
}

interface Expected {
  step: string;
  summary: string;
  weight: number;
  phase?: string;
  action?: string;
  image?: string;
  evidence?: string[];
  failedChecks?: number;
  promotedBy?: string;
}

/** The log entry the engine writes for one commit of release `id`. */
function commitOf(id: string, total: number, expected: Expected): LogEntry {
  const image = expected.image ?? CANARY_IMAGE;
  const phase = expected.phase ?? 'Progressing';
  const evidence = expected.evidence ? `\n\nGate evidence:\n${expected.evidence.join('\n')}` : '';
  return {
    subject: `gitcanary(podinfo): ${expected.summary} [${expected.step}/${total}]`,
    body: `Release ${id}: ${image}, canary weight ${expected.weight}%, phase ${phase}.${evidence}`,
    trailers: {
      'Gitcanary-Release': 'podinfo',
      'Gitcanary-Release-Id': id,
      'Gitcanary-Step': `${expected.step}/${total}`,
      'Gitcanary-Phase': phase,
      'Gitcanary-Weight': String(expected.weight),
      'Gitcanary-Image': image,
      'Gitcanary-Stable-Image': STABLE_IMAGE,
      'Gitcanary-Previous-Image': STABLE_IMAGE,
      // The demo's targets, hashed from the config as written: the same in every clone and temp
      // dir (the README shows it too); a test below checks what it guards.
      'Gitcanary-Targets': 'cf9ce85aa0d5',
      ...(expected.failedChecks ? { 'Gitcanary-Failed-Checks': String(expected.failedChecks) } : {}),
      ...(expected.promotedBy ? { 'Gitcanary-Promoted-By': expected.promotedBy } : {}),
      'Gitcanary-Action': expected.action ?? 'step',
    },
  };
}

const SEED: LogEntry = { subject: 'podinfo 6.0.0 on primary and canary', body: '', trailers: {} };

const smokePass = (weight: number) => [
  '- smoke (command): pass value=0 threshold exit 0 — exit 0',
  `  error rate 0% at ${weight}%`,
];

/** The demo release (12 steps) as committed when every gate passes. */
function demoHistory(id: string): LogEntry[] {
  const at = (expected: Expected) => commitOf(id, 12, expected);
  return [
    SEED,
    at({ step: '0', summary: `start canary of ${CANARY_IMAGE}`, weight: 0, action: 'start' }),
    at({ step: '1', summary: 'setWeight 10', weight: 10 }),
    at({
      step: '3',
      summary: 'setHeaderRoute podinfo-canary-by-header',
      weight: 10,
      evidence: smokePass(10),
    }),
    at({ step: '5', summary: 'setWeight 30', weight: 30 }),
    at({ step: '7', summary: 'setWeight 60', weight: 60, evidence: smokePass(30) }),
    at({
      step: '10',
      summary: 'remove header route podinfo-canary-by-header',
      weight: 60,
      evidence: smokePass(60),
    }),
    // Flagger's shape: the primary gets the candidate while traffic stays, then traffic goes back to it.
    at({ step: '11', summary: 'promote primary', weight: 60, phase: 'Promoting' }),
    at({ step: '12', summary: 'promote', weight: 0, phase: 'Promoted', action: 'promote' }),
  ];
}

const withTag = (file: string, tag: string) =>
  fixtureFile(file).replace('newTag: 6.0.0\n', `newTag: ${tag}\n`);

/** The demo route with canary weight `weight` and stable weight 100 - weight. */
function routeAt(weight: number): string {
  return fixtureFile(FILES.route)
    .replace('          weight: 100\n', `          weight: ${100 - weight}\n`)
    .replace('          weight: 0\n', `          weight: ${weight}\n`);
}

const HEADER_ROUTE = `# Managed by gitcanary: header routes of ApisixRoute/test/podinfo during a canary release.
# gitcanary rewrites this file at every step and deletes it when no header route is active.
apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: podinfo-canary-by-header
  namespace: test
  labels:
    app.kubernetes.io/managed-by: gitcanary
  annotations:
    gitcanary.dev/header-route-match: '[{"headerName":"x-canary","headerValue":{"exact":"always"}}]'
spec:
  http:
    - name: method
      priority: 1
      match:
        hosts:
          - app.example.com
        paths:
          - /*
        methods:
          - GET
        exprs:
          - subject:
              scope: Header
              name: x-canary
            op: Equal
            value: always
      backends:
        - serviceName: podinfo-canary
          servicePort: 80
          weight: 100
      plugins:
        - name: request-id
          enable: true
`;

const PROMOTED = {
  primary: withTag(FILES.primary, '6.1.0'),
  canary: withTag(FILES.canary, '6.1.0'),
  route: fixtureFile(FILES.route),
  headerRoutes: undefined,
};

const UNTOUCHED = {
  primary: fixtureFile(FILES.primary),
  canary: fixtureFile(FILES.canary),
  route: fixtureFile(FILES.route),
  headerRoutes: undefined,
};

const PAUSED_STEPS = `    - setWeight: 20
    - setHeaderRoute:
        name: podinfo-canary-by-header
        match:
          - headerName: x-canary
            headerValue: { exact: "always" }
    - pause: {}
    - setWeight: 50
    - promote: {}
`;

describe.concurrent('ReleaseEngine on real git', () => {
  it('runs the demo release to promotion: one commit per committing step, trailers, final manifests', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests, commitTime } = setup(demoConfig(), onTestFinished);
    const seed = ops.head();
    const { engine, events, clock } = await openEngine();

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'promoted', exitCode: 0, message: `${CANARY_IMAGE} promoted` });
    expect(ops.log()).toEqual(demoHistory(releaseId(CANARY_IMAGE, seed)));
    expect(manifests()).toEqual(PROMOTED);
    // The header route lived from step 3 to step 10.
    expect(ops.show(FILES.headerRoutes, 'main~3')).toBe(HEADER_ROUTE);
    // The primary ran the candidate with traffic still at 60% before traffic went back to it.
    expect(manifests('main~1')).toEqual({
      primary: withTag(FILES.primary, '6.1.0'),
      canary: withTag(FILES.canary, '6.1.0'),
      route: routeAt(60),
      headerRoutes: undefined,
    });
    expect(manifests('main~2')).toEqual({
      primary: fixtureFile(FILES.primary),
      canary: withTag(FILES.canary, '6.1.0'),
      route: routeAt(60),
      headerRoutes: undefined,
    });
    // Both pauses were slept, each until its duration after the commit before it.
    const waits = events.events.filter((event) => event.type === 'wait');
    expect(waits).toEqual([
      { type: 'wait', reason: 'pause 2m', until: new Date(commitTime('3/12') + 120_000).toISOString() },
      { type: 'wait', reason: 'pause 1m', until: new Date(commitTime('7/12') + 60_000).toISOString() },
    ]);
    // Slept in watch intervals (30s by default), the release read again after each: 4 + 2 sleeps.
    expect(clock.slept).toHaveLength(6);
    expect(Math.max(...clock.slept)).toBeLessThanOrEqual(30_000);
    expect(events.events.filter((event) => event.type === 'commit').map((event) => event.attempts)).toEqual([
      1, 1, 1, 1, 1, 1, 1, 1,
    ]);
    expect(events.events.at(-1)).toEqual({
      type: 'done',
      outcome: 'promoted',
      exitCode: 0,
      message: `${CANARY_IMAGE} promoted`,
    });
  });

  it('rolls back when the command gate fails at 30%: Failed rollback commit with the gate evidence, exit 1', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests } = setup(demoConfig({ gates: FAIL_FROM_30 }), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    const { engine } = await openEngine();

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({
      outcome: 'rolledBack',
      exitCode: 1,
      message: `gate failed at step 6/12; rolled back to ${STABLE_IMAGE}`,
    });
    const at = (expected: Expected) => commitOf(id, 12, expected);
    expect(ops.log()).toEqual([
      ...demoHistory(id).slice(0, 5),
      at({
        step: '5',
        summary: `roll back canary of ${CANARY_IMAGE}`,
        weight: 0,
        phase: 'Failed',
        action: 'rollback',
        evidence: ['- smoke (command): fail value=1 threshold exit 0 — exit 1', '  error rate 7% at 30%'],
      }),
    ]);
    // Canary back on the previous image, all traffic on primary, the header route gone.
    expect(manifests()).toEqual(UNTOUCHED);
    expect(manifests('main~1')).toEqual({
      ...UNTOUCHED,
      canary: withTag(FILES.canary, '6.1.0'),
      route: routeAt(30),
      headerRoutes: HEADER_ROUTE,
    });
  });

  it('steps one commit per call until promoted, waiting (exit 3) while a pause runs, to the same history as run', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests } = setup(demoConfig(), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    const clock = new TestClock();
    const step = async () => {
      const { engine } = await openEngine({ clock });
      const result = await engine.run({ image: CANARY_IMAGE, once: true });
      return [result.outcome, result.exitCode, result.progress?.stepIndex, ops.log().length];
    };

    expect(await step()).toEqual(['stepped', 0, 0, 2]);
    expect(await step()).toEqual(['stepped', 0, 1, 3]);
    expect(await step()).toEqual(['stepped', 0, 3, 4]);
    expect(await step()).toEqual(['waiting', 3, 3, 4]);
    clock.advance(60_000);
    expect(await step()).toEqual(['waiting', 3, 3, 4]);
    clock.advance(60_000);
    expect(await step()).toEqual(['stepped', 0, 5, 5]);
    expect(await step()).toEqual(['stepped', 0, 7, 6]);
    expect(await step()).toEqual(['waiting', 3, 7, 6]);
    clock.advance(60_000);
    expect(await step()).toEqual(['stepped', 0, 10, 7]);
    expect(await step()).toEqual(['stepped', 0, 11, 8]);
    expect(await step()).toEqual(['promoted', 0, 12, 9]);
    expect(await step()).toEqual(['noop', 0, 12, 9]);

    expect(ops.log()).toEqual(demoHistory(id));
    expect(manifests()).toEqual(PROMOTED);
    expect(clock.slept).toEqual([]);
  });

  it('pauses indefinitely (exit 3) until promote() commits a resume marker; run then continues to promotion', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    const at = (expected: Expected) => commitOf(id, 6, expected);

    const paused = await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });
    expect(paused).toMatchObject({
      outcome: 'paused',
      exitCode: 3,
      message: 'paused at step 3/6 until `gitcanary promote`',
    });
    const history = [
      SEED,
      at({ step: '0', summary: `start canary of ${CANARY_IMAGE}`, weight: 0, action: 'start' }),
      at({ step: '1', summary: 'setWeight 20', weight: 20 }),
      at({ step: '2', summary: 'setHeaderRoute podinfo-canary-by-header', weight: 20 }),
    ];
    expect(ops.log()).toEqual(history);
    // Running again does not pass the pause.
    expect(await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false })).toMatchObject({
      outcome: 'paused',
      exitCode: 3,
    });
    expect(ops.log()).toHaveLength(4);

    const resumed = await (await openEngine()).engine.promote(false);
    expect(resumed).toMatchObject({ outcome: 'stepped', exitCode: 0, message: 'resumed after step 3' });
    history.push(
      at({ step: '3', summary: 'resume after pause until promoted', weight: 20, action: 'resume' }),
    );
    expect(ops.log()).toEqual(history);
    // The marker changes no file.
    expect(ops.gitIn(['diff', '--stat', 'main~1', 'main'])).toBe('');
    await expect((await openEngine()).engine.promote(false)).rejects.toMatchObject({
      code: 'RELEASE_STATE',
      message: 'step 4 is not a pause',
    });

    const done = await (await openEngine()).engine.run({ image: undefined, once: false });
    expect(done).toMatchObject({ outcome: 'promoted', exitCode: 0 });
    history.push(
      at({ step: '4', summary: 'setWeight 50', weight: 50 }),
      at({ step: '5', summary: 'promote primary', weight: 50, phase: 'Promoting' }),
      at({ step: '6', summary: 'promote', weight: 0, phase: 'Promoted', action: 'promote' }),
    );
    expect(ops.log()).toEqual(history);
    expect(manifests()).toEqual(PROMOTED);
  });

  it('promotes at once with promote(true) from a pause: one promote commit, primary on the candidate', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });

    const result = await (await openEngine()).engine.promote(true);

    expect(result).toMatchObject({ outcome: 'promoted', exitCode: 0, message: `${CANARY_IMAGE} promoted` });
    expect(ops.log().slice(4)).toEqual([
      commitOf(id, 6, {
        step: '6',
        summary: 'promote (full)',
        weight: 0,
        phase: 'Promoted',
        action: 'promote',
      }),
    ]);
    expect(manifests()).toEqual(PROMOTED);
    await expect((await openEngine()).engine.promote(true)).rejects.toMatchObject({ code: 'RELEASE_STATE' });
  });

  it('aborts with one RolledBack commit that restores the previous canary image and stable-only traffic', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });
    expect(manifests()).toEqual({
      ...UNTOUCHED,
      canary: withTag(FILES.canary, '6.1.0'),
      route: routeAt(20),
      headerRoutes: HEADER_ROUTE,
    });

    const result = await (await openEngine()).engine.abort();

    expect(result).toMatchObject({
      outcome: 'aborted',
      exitCode: 1,
      message: `aborted release of ${CANARY_IMAGE}; traffic is back on ${STABLE_IMAGE}`,
    });
    expect(ops.log().slice(4)).toEqual([
      commitOf(id, 6, {
        step: '2',
        summary: `abort canary of ${CANARY_IMAGE}`,
        weight: 0,
        phase: 'RolledBack',
        action: 'abort',
      }),
    ]);
    expect(manifests()).toEqual(UNTOUCHED);
    await expect((await openEngine()).engine.abort()).rejects.toMatchObject({
      code: 'RELEASE_STATE',
      message: 'no release in progress',
    });
    // The same image again is the aborted release, not a new one.
    expect(await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false })).toMatchObject({
      outcome: 'aborted',
      exitCode: 1,
    });
    expect(ops.log()).toHaveLength(5);
  });

  it('supersedes a running release with a new image from step 0, keeping what to roll back to', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });
    const before = ops.head();
    const next = `${PODINFO}:6.2.0`;
    const id = releaseId(next, before);

    const result = await (await openEngine()).engine.run({ image: next, once: false });

    expect(result).toMatchObject({ outcome: 'paused', exitCode: 3 });
    const at = (expected: Expected) => commitOf(id, 6, { ...expected, image: next });
    expect(ops.log().slice(4)).toEqual([
      at({ step: '0', summary: `supersede ${CANARY_IMAGE} with ${next}`, weight: 0, action: 'supersede' }),
      at({ step: '1', summary: 'setWeight 20', weight: 20 }),
      at({ step: '2', summary: 'setHeaderRoute podinfo-canary-by-header', weight: 20 }),
    ]);
    expect(manifests('main~2')).toEqual({ ...UNTOUCHED, canary: withTag(FILES.canary, '6.2.0') });
    expect(manifests()).toEqual({
      ...UNTOUCHED,
      canary: withTag(FILES.canary, '6.2.0'),
      route: routeAt(20),
      headerRoutes: HEADER_ROUTE,
    });
    // Rolling the new release back returns to 6.0.0, not to the superseded candidate.
    await (await openEngine()).engine.abort();
    expect(manifests()).toEqual(UNTOUCHED);
  });

  it('refuses a new image while a release runs when superseding is off, committing nothing', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });
    const before = ops.head();
    const { engine } = await openEngine({ supersede: false });

    const refused = engine.run({ image: `${PODINFO}:6.2.0`, once: false });

    await expect(refused).rejects.toBeInstanceOf(GitcanaryError);
    await expect(refused).rejects.toMatchObject({
      code: 'RELEASE_STATE',
      message: `release of ${CANARY_IMAGE} is in progress`,
    });
    expect(ops.head()).toBe(before);
  });

  it('replays a step on the new head when another clone pushes during it: both commits kept, ours on top', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests } = setup(demoConfig(), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    const other = ops.clone('other');
    const theirRoute = fixtureFile(FILES.route).replace(
      '# Public route for podinfo;',
      '# Public route for podinfo (owned by the web team);',
    );
    let calls = 0;
    const { engine, events } = await openEngine({
      wrap: (repo) =>
        intercept(repo, (intent, options) => {
          calls += 1;
          let attempt = 0;
          const racing = calls === 4; // the commit of setWeight 30
          return repo.commitStep(async (root) => {
            attempt += 1;
            // After our fetch and before our push: the other writer wins the race.
            if (racing && attempt === 1)
              ops.pushFrom(
                other,
                { [FILES.route]: theirRoute, 'apps/other/config.yaml': 'replicas: 3\n' },
                'web team: route comment, other app',
              );
            return intent(root);
          }, options);
        }),
    });

    const result = await engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'promoted', exitCode: 0 });
    const history = demoHistory(id);
    history.splice(4, 0, { subject: 'web team: route comment, other app', body: '', trailers: {} });
    expect(ops.log()).toEqual(history);
    expect(events.events.filter((event) => event.type === 'commit').map((event) => event.attempts)).toEqual([
      1, 1, 1, 2, 1, 1, 1, 1,
    ]);
    // Their edit of the same file survives every later step; ours applies on top of it.
    const weights = (route: string, weight: number) =>
      route
        .replace('          weight: 100\n', `          weight: ${100 - weight}\n`)
        .replace('          weight: 0\n', `          weight: ${weight}\n`);
    expect(ops.show(FILES.route, 'main~4')).toBe(weights(theirRoute, 30));
    expect(manifests()).toEqual({ ...PROMOTED, route: theirRoute });
    expect(ops.show('apps/other/config.yaml')).toBe('replicas: 3\n');
  });

  it('pushes the commit a run killed between commit and push left in the workdir, then goes on', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine, manifests } = setup(demoConfig(), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    const workdir = ops.clone('workdir');
    const clock = new TestClock();
    const step = async (options: EngineOptions = {}) => {
      const { engine, events } = await openEngine({ clock, workdir, ...options });
      const result = await engine.run({ image: CANARY_IMAGE, once: true });
      return { result, events };
    };
    await step();
    // The run is "killed" after committing setWeight 10 and before pushing it.
    const killed = await step({
      wrap: (repo) =>
        intercept(repo, (intent, options) => repo.commitStep(intent, { ...options, push: false })),
    });
    expect(killed.result.outcome).toBe('stepped');
    expect(ops.log()).toEqual(demoHistory(id).slice(0, 2));
    expect(ops.gitIn(['log', '-1', '--format=%s'], workdir)).toBe('gitcanary(podinfo): setWeight 10 [1/12]');

    const recovered = await step();

    // Pushing the left commit is this call's step; the next call goes on from there.
    expect(recovered.result).toMatchObject({
      outcome: 'stepped',
      exitCode: 0,
      message: 'step 1/12 pushed (left by an interrupted run)',
    });
    expect(recovered.events.events.filter((event) => event.type === 'progress')).toEqual([
      {
        type: 'progress',
        message: expect.stringMatching(
          /^pushed 1 commit\(s\) left by an interrupted run, up to [0-9a-f]{7}$/,
        ),
      },
    ]);
    expect(ops.log()).toEqual(demoHistory(id).slice(0, 3));
    for (let call = 0; call < 12; call++) {
      const { result } = await step();
      if (result.outcome === 'promoted') break;
      if (result.outcome === 'waiting') clock.advance(120_000);
    }
    expect(ops.log()).toEqual(demoHistory(id));
    expect(manifests()).toEqual(PROMOTED);
  });

  it('drops a left commit when the branch moved on meanwhile, and goes on from the remote history', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig(), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    const workdir = ops.clone('workdir');
    const step = async (options: EngineOptions = {}) => {
      const { engine, events } = await openEngine(options);
      return { result: await engine.run({ image: CANARY_IMAGE, once: true }), events };
    };
    await step({ workdir });
    await step({
      workdir,
      wrap: (repo) =>
        intercept(repo, (intent, options) => repo.commitStep(intent, { ...options, push: false })),
    });
    // Meanwhile another writer pushed, and another job (a fresh clone) did the same step.
    ops.pushFrom(ops.clone('other'), { 'apps/other/config.yaml': 'replicas: 3\n' }, 'other app');
    await step();
    const other: LogEntry = { subject: 'other app', body: '', trailers: {} };
    const history = demoHistory(id);
    expect(ops.log()).toEqual([...history.slice(0, 2), other, history[2]]);

    const { result, events } = await step({ workdir });

    expect(events.events.filter((event) => event.type === 'progress').map((event) => event.message)).toEqual([
      'dropped 1 unpushed commit(s) of an interrupted run: the branch moved',
      'smoke #1: exit 0',
    ]);
    expect(result).toMatchObject({ outcome: 'stepped', exitCode: 0, message: 'step 3/12 committed' });
    expect(ops.log()).toEqual([...history.slice(0, 2), other, ...history.slice(2, 4)]);
  });

  it('resumes from the remote history in a workdir that is behind it', async ({ onTestFinished }) => {
    const { ops, openEngine } = setup(demoConfig(), onTestFinished);
    const id = releaseId(CANARY_IMAGE, ops.head());
    const workdir = ops.clone('workdir');
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: true });
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: true });

    const result = await (await openEngine({ workdir })).engine.run({ image: CANARY_IMAGE, once: true });

    expect(result).toMatchObject({ outcome: 'stepped', exitCode: 0, message: 'step 3/12 committed' });
    expect(ops.log()).toEqual(demoHistory(id).slice(0, 4));
  });

  it('plans every step of the demo as exact diffs without writing anything', async ({ onTestFinished }) => {
    const { ops } = setup(demoConfig(), onTestFinished);
    const before = ops.head();
    const workdir = ops.clone('workdir');
    const loaded = await loadConfig(ops.config);

    const plan = await planDiffs(releaseInput(loaded), workdir, CANARY_IMAGE);

    const header = (file: string) => `diff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n`;
    const weight = (from: number, to: number) =>
      `${header(FILES.route)}@@ -20,7 +20,7 @@ spec:
       backends:
         - serviceName: podinfo-primary
           servicePort: 80
-          weight: ${100 - from}
+          weight: ${100 - to}
         - serviceName: podinfo-canary
           servicePort: 80
-          weight: ${from}
+          weight: ${to}
`;
    const tag = (file: string) => `${header(file)}@@ -11,4 +11,4 @@ resources:
   - ../base
 images:
   - name: ghcr.io/stefanprodan/podinfo
-    newTag: 6.0.0
+    newTag: 6.1.0
`;
    const headerRoute = (sign: '+' | '-') => {
      const lines = HEADER_ROUTE.replace(/\n$/, '')
        .split('\n')
        .map((line) => `${sign}${line}`);
      const file = FILES.headerRoutes;
      const [from, to] = sign === '+' ? ['/dev/null', `b/${file}`] : [`a/${file}`, '/dev/null'];
      const range = sign === '+' ? '-0,0 +1,35' : '-1,35 +0,0';
      return `diff --git a/${file} b/${file}\n--- ${from}\n+++ ${to}\n@@ ${range} @@\n${lines.join('\n')}\n`;
    };
    const none = (index: number, summary: string) => ({ index, summary, commits: false, diff: '' });
    // When each step begins if every gate passes at once: the 2m pause, then the 1m pause after 60%.
    const at = (startsAfterMs: number) => ({ startsAfterMs, afterPromote: false });
    expect(plan).toEqual([
      {
        index: 0,
        summary: `start canary of ${CANARY_IMAGE}`,
        commits: true,
        diff: tag(FILES.canary),
        ...at(0),
      },
      { index: 1, summary: 'setWeight 10', commits: true, diff: weight(0, 10), ...at(0) },
      { ...none(2, 'analysis smoke'), ...at(0) },
      {
        index: 3,
        summary: 'setHeaderRoute podinfo-canary-by-header',
        commits: true,
        diff: headerRoute('+'),
        ...at(0),
      },
      { ...none(4, 'pause 2m'), ...at(0) },
      { index: 5, summary: 'setWeight 30', commits: true, diff: weight(10, 30), ...at(120_000) },
      { ...none(6, 'analysis smoke'), ...at(120_000) },
      { index: 7, summary: 'setWeight 60', commits: true, diff: weight(30, 60), ...at(120_000) },
      { ...none(8, 'pause 1m'), ...at(120_000) },
      { ...none(9, 'analysis smoke'), ...at(180_000) },
      {
        index: 10,
        summary: 'remove header route podinfo-canary-by-header',
        commits: true,
        diff: headerRoute('-'),
        ...at(180_000),
      },
      { index: 11, summary: 'promote primary', commits: true, diff: tag(FILES.primary), ...at(180_000) },
      { index: 12, summary: 'promote', commits: true, diff: weight(60, 0), ...at(180_000) },
    ]);
    expect(ops.head()).toBe(before);
    expect(ops.gitIn(['status', '--porcelain'], workdir)).toBe('');
  });

  it('commits nothing when a target edit fails: a route without the canary backend is BACKEND_MISSING', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(
      demoConfig({
        traffic: DEMO_TRAFFIC.replace('canaryService: podinfo-canary', 'canaryService: podinfo-next'),
      }),
      onTestFinished,
    );
    const before = ops.head();
    const { engine, events } = await openEngine();

    const failed = engine.run({ image: CANARY_IMAGE, once: false });

    await expect(failed).rejects.toMatchObject({
      code: 'BACKEND_MISSING',
      message: 'rule "method" has no canary backend "podinfo-next"',
      place: { file: FILES.route, field: 'spec.http[0].backends' },
    });
    expect(ops.head()).toBe(before);
    expect(ops.log()).toEqual([SEED]);
    expect(events.events.filter((event) => event.type === 'commit')).toEqual([]);
  });

  it("refuses to resume or promote when the config's steps changed since the release started, committing nothing", async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });
    const before = ops.head();
    // Fewer steps: step 3 of 5 would now be the promotion.
    ops.writeConfig(demoConfig({ steps: '    - setWeight: 50\n    - pause: {}\n' }));

    for (const attempt of [
      async () => (await openEngine()).engine.run({ image: undefined, once: true }),
      async () => (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false }),
      async () => (await openEngine()).engine.promote(false),
    ]) {
      await expect(attempt()).rejects.toMatchObject({
        code: 'RELEASE_STATE',
        message:
          "the config's steps changed since the release started: it was planned with 6 steps, the config has 4",
        hint: 'restore the steps it started with, or end it with `gitcanary abort` or `gitcanary promote --full`',
      });
    }
    // Same number of steps, another weight where the release stands.
    ops.writeConfig(demoConfig({ steps: PAUSED_STEPS.replace('setWeight: 20', 'setWeight: 40') }));
    await expect((await openEngine()).engine.run({ image: undefined, once: true })).rejects.toMatchObject({
      code: 'RELEASE_STATE',
      message:
        "the config's steps changed since the release started: it is at 20% after step 2, the config's steps say 40%",
    });
    expect(ops.head()).toBe(before);
    // Ending it still works.
    expect(await (await openEngine()).engine.abort()).toMatchObject({ outcome: 'aborted', exitCode: 1 });
  });

  it('goes on past an inconclusive analysis with promote(false), as its paused message says', async ({
    onTestFinished,
  }) => {
    const server = await startHttpServer(() => ({ status: 200, body: '{"errors": 0}' }));
    onTestFinished(() => server.close());
    const { ops, openEngine } = setup(
      demoConfig({
        steps:
          '    - setWeight: 10\n    - analysis: { gates: [probe] }\n    - setWeight: 50\n    - promote: {}\n',
        gates: `    probe:
      http: { url: "${server.url}/errors", jsonPath: "{$.errors}", successCondition: "result == 1", failureCondition: "result > 1" }
`,
      }),
      onTestFinished,
    );
    const id = releaseId(CANARY_IMAGE, ops.head());
    const paused = await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });
    expect(paused).toMatchObject({
      outcome: 'paused',
      exitCode: 3,
      message: 'analysis at step 2 is inconclusive; `gitcanary promote` to go on or `abort`',
    });

    const resumed = await (await openEngine()).engine.promote(false, 'release-manager');

    expect(resumed).toMatchObject({ outcome: 'stepped', exitCode: 0, message: 'resumed after step 2' });
    expect(ops.log().at(-1)).toEqual(
      commitOf(id, 5, {
        step: '2',
        summary: 'resume after analysis probe',
        weight: 10,
        action: 'resume',
        promotedBy: 'release-manager',
        // The inconclusive verdict, noted when it paused the release, is evidence in the resume commit.
        evidence: [
          `- probe (http): inconclusive value=0 threshold result == 1; fail if result > 1 — GET ${server.url}/errors → 200, result 0 (result == 1; fail if result > 1)`,
        ],
      }),
    );
    const requests = server.requests.length;
    expect(await (await openEngine()).engine.run({ image: undefined, once: false })).toMatchObject({
      outcome: 'promoted',
    });
    // The analysis let go is not asked again.
    expect(server.requests).toHaveLength(requests);
  });

  it('ends a timed pause with promote(false), as Argo does, and still runs the analysis behind it', async ({
    onTestFinished,
  }) => {
    const server = await startHttpServer(() => ({ status: 200, body: '{"errors": 0}' }));
    onTestFinished(() => server.close());
    const { ops, openEngine } = setup(
      demoConfig({
        steps:
          '    - setWeight: 10\n    - pause: { duration: 600h }\n    - analysis: { gates: [probe] }\n    - setWeight: 50\n    - promote: {}\n',
        gates: `    probe:\n      http: { url: "${server.url}/errors", jsonPath: "{$.errors}", successCondition: "result == 0" }\n`,
      }),
      onTestFinished,
    );
    const id = releaseId(CANARY_IMAGE, ops.head());
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: true });
    await (await openEngine()).engine.run({ image: undefined, once: true });
    // 600 hours: longer than a timer can wait, and still a wait, not a skipped pause.
    expect(await (await openEngine()).engine.run({ image: undefined, once: true })).toMatchObject({
      outcome: 'waiting',
    });

    expect(await (await openEngine()).engine.promote(false, 'octocat')).toMatchObject({
      outcome: 'stepped',
      message: 'resumed after step 2',
    });
    expect(ops.log().at(-1)).toEqual(
      commitOf(id, 6, {
        step: '2',
        summary: 'resume after pause 600h',
        weight: 10,
        action: 'resume',
        promotedBy: 'octocat',
      }),
    );
    expect(server.requests).toHaveLength(0);
    // The analysis behind the pause was not skipped: it runs before the next weight.
    expect(await (await openEngine()).engine.run({ image: undefined, once: true })).toMatchObject({
      outcome: 'stepped',
      message: 'step 4/6 committed',
    });
    expect(server.requests).toHaveLength(1);
    expect(ops.log().at(-1)?.body).toContain('- probe (http): pass');
    // Nothing to promote past at a commit step.
    await expect((await openEngine()).engine.promote(false)).rejects.toMatchObject({
      code: 'RELEASE_STATE',
      message: 'step 5 is not a pause',
    });
  });

  it('puts the evidence of the analysis before an indefinite pause into the commit that resumes, with who promoted', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(
      demoConfig({
        steps:
          '    - setWeight: 10\n    - analysis: { gates: [smoke] }\n    - pause: {}\n    - setWeight: 50\n    - promote: {}\n',
      }),
      onTestFinished,
    );
    const id = releaseId(CANARY_IMAGE, ops.head());
    expect(await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false })).toMatchObject({
      outcome: 'paused',
      message: 'paused at step 3/6 until `gitcanary promote`',
    });

    await (await openEngine()).engine.promote(false, 'octocat');

    expect(ops.log().at(-1)).toEqual(
      commitOf(id, 6, {
        step: '3',
        summary: 'resume after pause until promoted',
        weight: 10,
        action: 'resume',
        promotedBy: 'octocat',
        evidence: smokePass(10),
      }),
    );
  });

  it('counts each pause from when it began: two 3s pauses around an analysis take at least 6s', async ({
    onTestFinished,
  }) => {
    const { openEngine, commitTime } = setup(
      demoConfig({
        steps:
          '    - setWeight: 10\n    - pause: { duration: 3s }\n    - analysis: { gates: [smoke] }\n    - pause: { duration: 3s }\n    - setWeight: 20\n    - promote: {}\n',
      }),
      onTestFinished,
    );
    const { engine, events } = await openEngine();

    expect(await engine.run({ image: CANARY_IMAGE, once: false })).toMatchObject({ outcome: 'promoted' });

    const waits = events.events.flatMap((event) => (event.type === 'wait' ? [Date.parse(event.until!)] : []));
    expect(waits).toHaveLength(2);
    const setWeight10 = commitTime('1/7');
    expect(waits[0]).toBe(setWeight10 + 3_000);
    // The second pause began when the analysis ended, after the first pause: not 3s after the commit.
    expect(waits[1]! - setWeight10).toBeGreaterThanOrEqual(6_000);
  });

  it('reports paused in status while an indefinite pause waits behind an analysis step', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(
      demoConfig({
        steps:
          '    - setWeight: 10\n    - analysis: { gates: [smoke] }\n    - pause: {}\n    - promote: {}\n',
      }),
      onTestFinished,
    );
    const { engine, repo } = await openEngine();
    expect(await engine.run({ image: CANARY_IMAGE, once: false })).toMatchObject({ outcome: 'paused' });
    await repo.fetch();

    const status = await releaseStatus(releaseInput(await loadConfig(ops.config)), repo);

    // The analysis passed (its record is noted on the commit of step 1): the release is at the pause.
    expect(status).toMatchObject({
      state: 'paused',
      phase: 'Paused',
      step: 1,
      nextStep: 'pause until promoted',
      waitingUntil: undefined,
    });
  });
  describe('canary scale on the kustomization workload', () => {
    // The demo's canary overlay has no replicas entry: the release adds it and removes it again.
    const scaled = (options: { total?: string; steps: string; gates?: string }) =>
      demoConfig({
        steps: options.steps,
        ...(options.gates ? { gates: options.gates } : {}),
      }).replace(
        `kustomization: { path: apps/podinfo/canary, image: ${PODINFO} }`,
        `kustomization: { path: apps/podinfo/canary, image: ${PODINFO}, replicas: { name: podinfo${options.total ?? ''} } }`,
      );
    const SCALE_STEPS = `    - setCanaryScale: { replicas: 1 }
    - setWeight: 20
    - setCanaryScale: { matchTrafficWeight: true }
    - setWeight: 50
    - analysis: { gates: [smoke] }
    - promote: {}
`;
    const canaryAt = (count: number) =>
      `${withTag(FILES.canary, '6.1.0')}replicas:\n  - name: podinfo\n    count: ${count}\n`;

    it('writes each setCanaryScale and restores the count before the release on promotion', async ({
      onTestFinished,
    }) => {
      const { ops, openEngine, manifests } = setup(
        scaled({ total: ', total: 4', steps: SCALE_STEPS }),
        onTestFinished,
      );

      const result = await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });

      expect(result).toMatchObject({ outcome: 'promoted', exitCode: 0 });
      const log = ops.log();
      expect(log.map((entry) => entry.trailers['Gitcanary-Step'])).toEqual([
        undefined,
        '0/7',
        '1/7',
        '2/7',
        '3/7',
        '4/7',
        '6/7',
        '7/7',
      ]);
      expect(log.slice(1).map((entry) => entry.trailers['Gitcanary-Baseline-Scale'])).toEqual(
        Array(7).fill('{"apps/podinfo/canary#podinfo":null}'),
      );
      // main~5 is step 1 (replicas 1), main~3 step 3 (ceil(4 × 20%)), main~2 step 4 (ceil(4 × 50%));
      // the scale stays while the primary takes the candidate (main~1).
      expect(ops.show(FILES.canary, 'main~6')).toBe(withTag(FILES.canary, '6.1.0'));
      expect(ops.show(FILES.canary, 'main~5')).toBe(canaryAt(1));
      expect(ops.show(FILES.canary, 'main~4')).toBe(canaryAt(1));
      expect(ops.show(FILES.canary, 'main~3')).toBe(canaryAt(1));
      expect(ops.show(FILES.canary, 'main~2')).toBe(canaryAt(2));
      expect(ops.show(FILES.canary, 'main~1')).toBe(canaryAt(2));
      expect(manifests()).toEqual(PROMOTED);
    });

    it('restores the count before the release on rollback', async ({ onTestFinished }) => {
      const { ops, openEngine, manifests } = setup(
        scaled({ total: ', total: 4', steps: SCALE_STEPS, gates: FAIL_FROM_30 }),
        onTestFinished,
      );

      const result = await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });

      expect(result).toMatchObject({ outcome: 'rolledBack', exitCode: 1 });
      expect(ops.show(FILES.canary, 'main~1')).toBe(canaryAt(2));
      expect(ops.log().at(-1)?.trailers['Gitcanary-Action']).toBe('rollback');
      expect(manifests()).toEqual(UNTOUCHED);
    });

    it('refuses before the start commit when weight has no total to take it from', async ({
      onTestFinished,
    }) => {
      const { ops, openEngine } = setup(
        scaled({ steps: '    - setWeight: 20\n    - setCanaryScale: { weight: 50 }\n    - promote: {}\n' }),
        onTestFinished,
      );
      const before = ops.head();

      await expect(
        (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false }),
      ).rejects.toMatchObject({
        code: 'FIELD_INVALID',
        place: { field: 'kustomization.replicas.total' },
      });
      expect(ops.head()).toBe(before);
    });
  });
  it('refuses to drive a release under way that a config with the same name but other targets started', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    expect(await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false })).toMatchObject({
      outcome: 'paused',
    });
    // A second app whose config was copied without renaming it: same metadata.name, another route.
    const other = path.join(path.dirname(ops.config), 'other.yaml');
    writeFileSync(other, demoConfig({ steps: PAUSED_STEPS }).replace('rules: [method]', 'rules: [other]'));
    const before = ops.head();
    const refused = {
      code: 'RELEASE_STATE',
      message: `the release podinfo under way (${CANARY_IMAGE}, step 2/6) was started by a config with other targets`,
      place: { field: 'metadata.name' },
    };

    for (const attempt of [
      async () => (await openEngine({ config: other })).engine.run({ image: undefined, once: true }),
      async () => (await openEngine({ config: other })).engine.run({ image: `${PODINFO}:7.0.0`, once: true }),
      async () => (await openEngine({ config: other })).engine.promote(false),
      async () => (await openEngine({ config: other })).engine.abort(),
    ]) {
      await expect(attempt()).rejects.toMatchObject(refused);
    }
    const { repo } = await openEngine({ config: other });
    await repo.fetch();
    await expect(releaseStatus(releaseInput(await loadConfig(other)), repo)).rejects.toMatchObject(refused);
    expect(ops.head()).toBe(before);
    // The config that started it still drives it.
    expect(await (await openEngine()).engine.abort()).toMatchObject({ outcome: 'aborted' });
  });
});
