import { describe, expect, it, type TestContext } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { type Clock, ReleaseEngine } from '../../src/engine/release.js';
import { releaseInput } from '../../src/engine/setup.js';
import { releaseStatus } from '../../src/engine/status.js';
import { createGate, type GateConfig } from '../../src/gates/index.js';
import { openRepository, type Repository } from '../../src/git/index.js';
import { EventLog, type ReleaseEvent } from '../../src/report/index.js';
import {
  CANARY_IMAGE,
  createGitOps,
  demoConfig,
  FILES,
  fixtureFile,
  type GitOps,
  PODINFO,
} from '../support/gitops.js';

// One driver per release: real engines on their own clones of one bare repository, acting at the
// same time. A waiting `run` notices what another process committed (abort, promote, a newer
// image, a step) and stops or goes on from there; two drivers racing never commit a step twice and
// never move a weight backwards — read back from the remote's history.

/**
 * Virtual time: a sleep moves the clock on at once, and `onSleep` lets another process act while
 * this one waits (awaited, so the other process's commits land inside the wait).
 */
class RaceClock implements Clock {
  #lead = 0;
  readonly slept: number[] = [];
  onSleep: ((ms: number) => Promise<void>) | undefined;
  now(): Date {
    return new Date(Date.now() + this.#lead);
  }
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.slept.push(ms);
    this.#lead += ms;
    const hook = this.onSleep;
    this.onSleep = undefined;
    await hook?.(ms);
  }
  committed(): void {
    this.#lead = 0;
  }
}

function setup(config: string, onTestFinished: TestContext['onTestFinished']) {
  const ops = createGitOps(config);
  const opened: Repository[] = [];
  onTestFinished(async () => {
    for (const repo of opened) await repo.close();
    ops.dispose();
  });

  /** An engine as the CLI builds it, on its own fresh clone: another process. */
  async function openEngine(options: { watchIntervalMs?: number; holder?: string } = {}) {
    const clock = new RaceClock();
    const loaded = await loadConfig(ops.config);
    const repo = await openRepository({
      repo: loaded.config.spec.git.repo,
      branch: 'main',
      author: { name: 'gitcanary', email: 'gitcanary@example.com' },
    });
    opened.push(repo);
    const events = new EventLog({
      event: (event: ReleaseEvent) => {
        if (event.type === 'commit') clock.committed();
      },
    });
    const engine = new ReleaseEngine(releaseInput(loaded, {}), {
      repo,
      reporter: events,
      createGate: (name, gate) => createGate(name, gate as GateConfig),
      clock,
      ...(options.watchIntervalMs === undefined ? {} : { watchIntervalMs: options.watchIntervalMs }),
      ...(options.holder === undefined ? {} : { holder: options.holder }),
    });
    return { engine, events, clock, repo };
  }

  return { ops, openEngine };
}

/** The release commits on the remote, oldest first: step index, action, weight, image. */
function releaseCommits(ops: GitOps) {
  return ops
    .log()
    .filter((entry) => entry.trailers['Gitcanary-Release'] === 'podinfo')
    .map((entry) => ({
      step: Number(entry.trailers['Gitcanary-Step']!.split('/')[0]),
      action: entry.trailers['Gitcanary-Action']!,
      weight: Number(entry.trailers['Gitcanary-Weight']),
      image: entry.trailers['Gitcanary-Image']!,
      id: entry.trailers['Gitcanary-Release-Id']!,
    }));
}

/** The route with canary weight `weight`. */
function routeAt(weight: number): string {
  return fixtureFile(FILES.route)
    .replace('          weight: 100\n', `          weight: ${100 - weight}\n`)
    .replace('          weight: 0\n', `          weight: ${weight}\n`);
}

const TIMED_PAUSE = `    - setWeight: 20
    - pause: { duration: 10m }
    - setWeight: 50
    - promote: {}
`;

const NEWER_IMAGE = `${PODINFO}:6.2.0`;

describe.concurrent('one driver per release', () => {
  it('a run waiting in a pause stops with exit 1 when another process aborts, committing nothing after it', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: TIMED_PAUSE }), onTestFinished);
    const driver = await openEngine();
    driver.clock.onSleep = async () => {
      const other = await openEngine();
      expect(await other.engine.abort()).toMatchObject({ outcome: 'aborted', exitCode: 1 });
    };

    const result = await driver.engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'aborted', exitCode: 1 });
    expect(result.message).toMatch(
      new RegExp(
        `^the release of ${CANARY_IMAGE} was aborted by another process at step 1/5 \\([0-9a-f]{7}\\); nothing more was committed$`,
      ),
    );
    expect(releaseCommits(ops).map((c) => [c.step, c.action, c.weight])).toEqual([
      [0, 'start', 0],
      [1, 'step', 20],
      [1, 'abort', 0],
    ]);
    // One watch interval slept, then the re-read: the 10m pause was not slept through.
    expect(driver.clock.slept).toEqual([30_000]);
    expect(ops.show(FILES.route)).toBe(fixtureFile(FILES.route));
    expect(ops.show(FILES.canary)).toBe(fixtureFile(FILES.canary));
  });

  it('a run waiting in a pause goes on from the resume another process committed, never replaying it', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: TIMED_PAUSE }), onTestFinished);
    const driver = await openEngine();
    driver.clock.onSleep = async () => {
      const other = await openEngine();
      expect(await other.engine.promote(false, 'ops')).toMatchObject({ outcome: 'stepped' });
    };

    const result = await driver.engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'promoted', exitCode: 0 });
    expect(releaseCommits(ops).map((c) => [c.step, c.action, c.weight])).toEqual([
      [0, 'start', 0],
      [1, 'step', 20],
      [2, 'resume', 20],
      [3, 'step', 50],
      // Flagger's shape: the primary gets the candidate, then traffic goes back to it.
      [4, 'step', 50],
      [5, 'promote', 0],
    ]);
    expect(driver.clock.slept).toEqual([30_000]);
  });

  it('a run waiting in a pause stops with exit 0 when another process promotes it fully', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: TIMED_PAUSE }), onTestFinished);
    const driver = await openEngine();
    driver.clock.onSleep = async () => {
      const other = await openEngine();
      expect(await other.engine.promote(true, 'ops')).toMatchObject({ outcome: 'promoted' });
    };

    const result = await driver.engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'promoted', exitCode: 0 });
    expect(result.message).toMatch(
      /^ghcr\.io\/stefanprodan\/podinfo:6\.1\.0 was promoted by another process \(ops\)/,
    );
    expect(releaseCommits(ops).map((c) => [c.step, c.action, c.weight])).toEqual([
      [0, 'start', 0],
      [1, 'step', 20],
      [5, 'promote', 0],
    ]);
    expect(ops.show(FILES.primary)).toBe(
      fixtureFile(FILES.primary).replace('newTag: 6.0.0', 'newTag: 6.1.0'),
    );
  });

  it('a run waiting in a pause stops as superseded (exit 1) when `step --image` starts a newer image', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: TIMED_PAUSE }), onTestFinished);
    const driver = await openEngine();
    driver.clock.onSleep = async () => {
      const other = await openEngine();
      expect(await other.engine.run({ image: NEWER_IMAGE, once: true })).toMatchObject({
        outcome: 'stepped',
      });
    };

    const result = await driver.engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'superseded', exitCode: 1 });
    expect(result.message).toMatch(
      new RegExp(
        `^the release of ${CANARY_IMAGE} was superseded by ${NEWER_IMAGE} \\(at step 0/5, commit [0-9a-f]{7}\\) from another process; nothing more was committed for ${CANARY_IMAGE}$`,
      ),
    );
    expect(releaseCommits(ops).map((c) => [c.step, c.action, c.image])).toEqual([
      [0, 'start', CANARY_IMAGE],
      [1, 'step', CANARY_IMAGE],
      [0, 'supersede', NEWER_IMAGE],
    ]);
    // The newer release restarted at step 0: its canary image, no canary traffic yet.
    expect(ops.show(FILES.route)).toBe(routeAt(0));
    expect(ops.show(FILES.canary)).toBe(fixtureFile(FILES.canary).replace('newTag: 6.0.0', 'newTag: 6.2.0'));
  });

  it('an analysis measuring over time is cut short by another process abort: no rollback, no verdict committed', async ({
    onTestFinished,
  }) => {
    const steps = `    - setWeight: 20
    - analysis: { gates: [soak] }
    - setWeight: 50
    - promote: {}
`;
    const gates = `    soak:
      command: { command: 'echo ok', timeout: 10s, count: 10, interval: 1m }
`;
    const { ops, openEngine } = setup(demoConfig({ steps, gates }), onTestFinished);
    const driver = await openEngine();
    driver.clock.onSleep = async () => {
      const other = await openEngine();
      await other.engine.abort();
    };

    const result = await driver.engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'aborted', exitCode: 1 });
    expect(releaseCommits(ops).map((c) => [c.step, c.action, c.weight])).toEqual([
      [0, 'start', 0],
      [1, 'step', 20],
      [1, 'abort', 0],
    ]);
    // Half of the first 1m interval of ten: the analysis re-read the release there and stopped.
    expect(driver.clock.slept).toEqual([30_000]);
  });

  it('a run waiting for its commit to sync stops when another process aborts meanwhile', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(
      demoConfig({ steps: TIMED_PAUSE, extra: '  sync: { delay: 5m }\n' }),
      onTestFinished,
    );
    const driver = await openEngine();
    let sleeps = 0;
    // The start's sync is 10 watch intervals of 30s; the abort lands in the setWeight's sync.
    const abortInSecondSync = async () => {
      sleeps += 1;
      if (sleeps <= 10) {
        driver.clock.onSleep = abortInSecondSync;
        return;
      }
      await (await openEngine()).engine.abort();
    };
    driver.clock.onSleep = abortInSecondSync;

    const result = await driver.engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'aborted', exitCode: 1 });
    expect(releaseCommits(ops).map((c) => [c.step, c.action])).toEqual([
      [0, 'start'],
      [1, 'step'],
      [1, 'abort'],
    ]);
    // The start's sync (5m in 30s watch intervals), then the setWeight's sync cut short after one.
    expect(driver.clock.slept).toEqual(Array.from({ length: 11 }, () => 30_000));
  });
});

const MANY_STEPS = `${Array.from({ length: 19 }, (_, i) => `    - setWeight: ${(i + 1) * 5}\n`).join('')}    - promote: {}
`;

describe('drivers racing', () => {
  it('two `step` drivers at once for every step: each step committed once, weights never back', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: MANY_STEPS }), onTestFinished);
    const lost: string[] = [];
    let rounds = 0;
    for (;;) {
      const [a, b] = await Promise.all([openEngine(), openEngine()]);
      const results = await Promise.all([
        a.engine.run({ image: CANARY_IMAGE, once: true }),
        b.engine.run({ image: CANARY_IMAGE, once: true }),
      ]);
      rounds += 1;
      for (const { events } of [a, b])
        for (const event of events.events)
          if (event.type === 'progress' && event.message.includes('reading the release again'))
            lost.push(event.message);
      if (results.some((result) => result.outcome === 'promoted' || result.outcome === 'noop')) break;
      expect(rounds).toBeLessThan(25);
    }
    const commits = releaseCommits(ops);
    // One start, every step once in order, the promotion once: nothing twice, nothing skipped.
    expect(commits.map((c) => c.step)).toEqual(Array.from({ length: 22 }, (_, i) => i));
    expect(new Set(commits.map((c) => c.id)).size).toBe(1);
    const weights = commits.slice(0, -1).map((c) => c.weight);
    expect(weights).toEqual([...weights].sort((x, y) => x - y));
    expect(commits.at(-1)).toMatchObject({ action: 'promote', weight: 0 });
    // Both drivers really raced: compare-and-swap refused the loser's commit, which read again.
    expect(lost.length).toBeGreaterThan(0);
    console.info(
      `drivers raced: ${rounds} rounds of 2 \`step\` drivers, ${lost.length} lost compare-and-swaps`,
    );
  }, 120_000);

  it('two `run` drivers of one release at once: one history, each step once', async ({ onTestFinished }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: MANY_STEPS }), onTestFinished);
    const [a, b] = await Promise.all([openEngine(), openEngine()]);
    const results = await Promise.all([
      a.engine.run({ image: CANARY_IMAGE, once: false }),
      b.engine.run({ image: CANARY_IMAGE, once: false }),
    ]);
    for (const result of results) expect(result.exitCode).toBe(0);
    const commits = releaseCommits(ops);
    expect(commits.map((c) => c.step)).toEqual(Array.from({ length: 22 }, (_, i) => i));
    expect(commits.map((c) => c.action).filter((action) => action === 'promote')).toHaveLength(1);
  }, 120_000);
});

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

/** A person's commit deleting `file` on the remote's main. */
function deleteOnRemote(ops: GitOps, file: string): void {
  const clone = ops.clone(`person-${Math.random().toString(36).slice(2)}`);
  ops.gitIn(['rm', '--quiet', '--', file], clone);
  ops.gitIn(['commit', '--quiet', '-m', `delete ${file}`], clone);
  ops.gitIn(['push', '--quiet', 'origin', 'HEAD:main'], clone);
}

describe.concurrent('a target broken by hand mid-release', () => {
  it('abort restores what it still can when the route file was deleted, naming it; status still works', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    expect(await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false })).toMatchObject({
      outcome: 'paused',
    });
    deleteOnRemote(ops, FILES.route);

    const loaded = await loadConfig(ops.config);
    const repo = await openRepository({
      repo: loaded.config.spec.git.repo,
      branch: 'main',
      author: { name: 'gitcanary', email: 'gitcanary@example.com' },
    });
    onTestFinished(() => repo.close());
    const status = await releaseStatus(releaseInput(loaded, {}), repo);
    expect(status).toMatchObject({ state: 'paused', step: 2, weight: 20 });
    expect(status.manifests.find((m) => m.target === 'apisix')).toEqual({
      target: 'apisix',
      role: 'canary',
      observed: {},
      missing: `${FILES.route}: no such file or folder`,
    });

    const aborter = await openEngine();
    const result = await aborter.engine.abort();

    expect(result).toMatchObject({ outcome: 'aborted', exitCode: 1 });
    expect(result.message).toBe(
      `aborted release of ${CANARY_IMAGE}; traffic is back on ghcr.io/stefanprodan/podinfo:6.0.0; not restored (apisix (canary): ${FILES.route}: no such file or folder)`,
    );
    expect(aborter.events.events.filter((event) => event.type === 'warning')).toEqual([
      {
        type: 'warning',
        field: 'apisix (canary)',
        message: `${FILES.route}: no such file or folder; abort skips this target and writes the others`,
      },
    ]);
    expect(releaseCommits(ops).at(-1)).toMatchObject({ action: 'abort', weight: 0 });
    // The canary workload is back on the stable image; the deleted route stays deleted.
    expect(ops.show(FILES.canary)).toBe(fixtureFile(FILES.canary));
    expect(ops.show(FILES.route)).toBeUndefined();
  });

  it('promote --full skips a route whose canary backend was removed, and refuses when the stable workload is gone', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    await (await openEngine()).engine.run({ image: CANARY_IMAGE, once: false });
    const person = ops.clone('person');
    const withoutCanary = routeAt(20).replace(
      '        - serviceName: podinfo-canary\n          servicePort: 80\n          weight: 20\n',
      '',
    );
    ops.pushFrom(person, { [FILES.route]: withoutCanary }, 'remove the canary backend by hand');
    deleteOnRemote(ops, FILES.primary);
    const before = ops.head();

    const refused = (await openEngine()).engine.promote(true, 'ops');

    await expect(refused).rejects.toMatchObject({
      code: 'RELEASE_STATE',
      // The kustomization target reads the folder: deleting its one file removed it.
      place: { file: 'apps/podinfo/primary' },
    });
    await expect(refused).rejects.toThrow(
      `cannot promote ${CANARY_IMAGE}: kustomization (stable): apps/podinfo/primary: no such file or folder; apisix (canary): `,
    );
    expect(ops.head()).toBe(before);

    // The stable workload back: promote --full now writes it and skips the broken route.
    ops.pushFrom(person, { [FILES.primary]: fixtureFile(FILES.primary) }, 'restore the primary');
    const promoter = await openEngine();
    const result = await promoter.engine.promote(true, 'ops');

    expect(result).toMatchObject({ outcome: 'promoted', exitCode: 0 });
    expect(result.message).toBe(
      `${CANARY_IMAGE} promoted; not written (apisix (canary): ${FILES.route}:21:9: ApisixRoute/test/podinfo: spec.http[0].backends: rule "method" has no canary backend "podinfo-canary" (hint: backends present: podinfo-primary))`,
    );
    expect(ops.show(FILES.primary)).toBe(
      fixtureFile(FILES.primary).replace('newTag: 6.0.0', 'newTag: 6.1.0'),
    );
    expect(ops.show(FILES.route)).toBe(withoutCanary);
    expect(releaseCommits(ops).at(-1)).toMatchObject({ action: 'promote' });
  });
});

/** The lease ref on the remote: its commit message (holder, expiry), or undefined when none. */
function remoteLease(ops: GitOps): string | undefined {
  const ref = ops.gitIn(['for-each-ref', '--format=%(objectname)', 'refs/gitcanary/lease/podinfo']);
  return ref === '' ? undefined : ops.gitIn(['log', '-1', '--format=%B', ref]);
}

describe.concurrent('the lease: one `run` per release', () => {
  it('a second run or step exits 2 naming the holder while the first drives; renewed while it waits, removed at the end', async ({
    onTestFinished,
  }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: TIMED_PAUSE }), onTestFinished);
    const first = await openEngine({ holder: 'https://ci.example.com/job/1' });
    let held: string | undefined;
    let renewed: string | undefined;
    let sleeps = 0;
    const atTenthSleep = async () => {
      sleeps += 1;
      if (sleeps < 9) first.clock.onSleep = atTenthSleep;
      else renewed = remoteLease(ops);
    };
    first.clock.onSleep = async () => {
      first.clock.onSleep = atTenthSleep;
      held = remoteLease(ops);
      const second = await openEngine({ holder: 'https://ci.example.com/job/2' });
      for (const once of [false, true]) {
        const refused = second.engine.run({ image: CANARY_IMAGE, once });
        await expect(refused).rejects.toMatchObject({ code: 'RELEASE_STATE' });
        await expect(refused).rejects.toThrow(
          /^release podinfo is driven by https:\/\/ci\.example\.com\/job\/1 \(lease until \d{4}-\d\d-\d\dT[\d:.]+Z\)$/,
        );
      }
    };

    const result = await first.engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'promoted', exitCode: 0 });
    expect(held).toMatch(
      /^gitcanary lease of podinfo\n\nGitcanary-Lease-Holder: https:\/\/ci\.example\.com\/job\/1\nGitcanary-Lease-Expires: /,
    );
    // 10m of pause in 30s watch intervals, the lease renewed at each: 9 intervals on, it ends 4.5m later.
    const expiry = (lease: string | undefined) =>
      Date.parse(/Gitcanary-Lease-Expires: (\S+)/.exec(lease ?? '')![1]!);
    expect(expiry(renewed) - expiry(held)).toBeGreaterThanOrEqual(9 * 30_000 - 5_000);
    expect(remoteLease(ops)).toBeUndefined();
    // Nothing of the lease on the branch: the release's commits only.
    expect(releaseCommits(ops).map((c) => c.step)).toEqual([0, 1, 3, 4, 5]);
  });

  it('an expired lease of a driver that is gone is taken over, and said so', async ({ onTestFinished }) => {
    const { ops, openEngine } = setup(demoConfig({ steps: TIMED_PAUSE }), onTestFinished);
    const gone = await openEngine();
    await gone.repo.writeLease('podinfo', 'host-a:4242', new Date(Date.now() - 1_000), undefined);
    // A live one of another holder refuses; the expired one does not.
    const driver = await openEngine({ holder: 'host-b:77' });

    const result = await driver.engine.run({ image: CANARY_IMAGE, once: false });

    expect(result).toMatchObject({ outcome: 'promoted' });
    expect(driver.events.events).toContainEqual({
      type: 'progress',
      message: expect.stringMatching(/^took over the lease of host-a:4242, expired at /),
    });
    expect(remoteLease(ops)).toBeUndefined();
  });
});
