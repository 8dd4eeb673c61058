import type { TestContext } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ReleaseEngine } from '../../src/engine/release.js';
import { releaseInput } from '../../src/engine/setup.js';
import type { Forge } from '../../src/forges/index.js';
import { createGate, type GateConfig } from '../../src/gates/index.js';
import { openRepository, type Repository } from '../../src/git/index.js';
import { ChangeRequestApproval, CommitStatusReporter } from '../../src/promotion/index.js';
import { EventLog } from '../../src/report/index.js';
import { createGitOps, demoConfig, type GitOps } from '../support/gitops.js';
import { VirtualClock } from '../support/virtual-clock.js';

// Pull-request promotion end to end: a bare GitOps repository from fixtures/demo, a forge fake
// serving that same repository, and the engine as the CLI builds it (approval + commit statuses).

/** Steps with two manual pauses: 20% → (PR) → 60% → (PR) → promote. */
export const PR_STEPS = `    - setWeight: 20
    - analysis: { gates: [smoke] }
    - pause: {}
    - setWeight: 60
    - pause: {}
    - promote: {}
`;

export function prConfig(reviewers = '[alice, acme/team-sre]', extra = '', steps = 'pauses'): string {
  return demoConfig({
    steps: PR_STEPS,
    extra: `  promotion:
    pullRequest: { steps: ${steps}, labels: [canary], reviewers: ${reviewers} }
${extra}`,
  });
}

/**
 * Virtual time whose polls of a change request (sleeps of 15 s or more) run the test's next action:
 * a person acting while `run` polls. Shorter sleeps (a sync gate's polls) only move time on.
 */
export class ActingClock extends VirtualClock {
  readonly #actions: (() => void | Promise<void>)[] = [];
  /** Runs `action` at the next poll of the engine. */
  then_(action: () => void | Promise<void>): this {
    this.#actions.push(action);
    return this;
  }
  override async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    await super.sleep(ms, signal);
    if (ms >= 15_000) await this.#actions.shift()?.();
    if (this.slept.length > 200) throw new Error('the engine polled 200 times');
  }
}

export interface Harness {
  ops: GitOps;
  /** An engine on a fresh clone, with pull-request promotion through `forge`. */
  engine(clock?: VirtualClock): Promise<{ engine: ReleaseEngine; events: EventLog }>;
}

export function harness(
  config: string,
  forge: (ops: GitOps) => Forge,
  onTestFinished: TestContext['onTestFinished'],
): Harness {
  const ops = createGitOps(config);
  const opened: Repository[] = [];
  onTestFinished(async () => {
    for (const repo of opened) await repo.close();
    ops.dispose();
  });
  return {
    ops,
    async engine(clock = new VirtualClock()) {
      const loaded = await loadConfig(ops.config);
      const repo = await openRepository({
        repo: loaded.config.spec.git.repo,
        branch: 'main',
        author: { name: 'gitcanary', email: 'gitcanary@example.com' },
      });
      opened.push(repo);
      const events = new EventLog();
      const input = releaseInput(loaded);
      const client = forge(ops);
      let engine: ReleaseEngine | undefined;
      const reporter = new CommitStatusReporter(events, client, input.name, async () => {
        return (await engine?.progress())?.lastCommit.sha;
      });
      engine = new ReleaseEngine(input, {
        repo,
        reporter,
        createGate: (name, gate) => createGate(name, gate as GateConfig),
        clock,
        approval: new ChangeRequestApproval(client, loaded.config.spec.promotion!.pullRequest!),
      });
      const run = engine.run.bind(engine);
      // Statuses are posted in the background: a command's result is read after they landed.
      engine.run = async (options) => {
        const result = await run(options);
        await reporter.flush();
        return result;
      };
      return { engine, events };
    },
  };
}
