import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../src/config/index.js';
import type { ReleaseResult } from '../../src/engine/release.js';
import { ReleaseEngine } from '../../src/engine/release.js';
import { releaseInput } from '../../src/engine/setup.js';
import { createGate, type GateConfig } from '../../src/gates/index.js';
import { openRepository } from '../../src/git/index.js';
import { EventLog, type ReleaseEvent } from '../../src/report/index.js';
import { argoApplication, FakeArgoCd, type ScriptedAnswer } from './fake-argocd.js';
import { FakeKube, fluxKustomization, type ScriptedRead } from './fake-kube.js';
import { VirtualClock } from './virtual-clock.js';

// Reconcilers that react to the commits a release pushes, and an in-process release runner, for
// the gate end-to-end tests. The fakes read the bare repository's branch head on every request,
// as Argo CD and Flux notice a new commit on the branch they track, and walk that commit through
// the states the real controllers show. Every state change and every engine event goes into one
// ordered timeline, so tests can assert what happened before what.

/** One ordered record of what the reconciler showed and what the engine did. */
export class Timeline {
  readonly entries: string[] = [];
  push(entry: string): void {
    this.entries.push(entry);
  }
}

export const short = (sha: string): string => sha.slice(0, 7);

function branchHead(bare: string, branch: string): string {
  return execFileSync('git', ['rev-parse', `refs/heads/${branch}`], {
    cwd: bare,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  }).trim();
}

/** How the reconciler ends up with a commit. */
export type SyncEnding = 'Healthy' | { degraded: string } | 'stuck';

/** The label of each state a commit walks through, as the timeline records it. */
export const ARGO_STATES = [
  'OutOfSync',
  'Syncing',
  // The sync operation finished but health is from before it: Argo CD has not reassessed yet.
  'Synced Healthy (not reconciled since sync)',
  'Synced Progressing',
] as const;

export interface ReconcilingArgoCdOptions {
  bare: string;
  branch?: string;
  token: string;
  application: string;
  timeline: Timeline;
  /** How each new head ends (default Healthy). */
  ending?: (sha: string) => SyncEnding;
  /** Requests each intermediate state is served for (default 2). */
  hold?: number;
}

/**
 * A FakeArgoCd (swagger-validated) whose Application follows the branch head: a new head is
 * noticed OutOfSync, synced by a Running operation, shows stale health once the operation
 * finished, then Synced Progressing, then Synced Healthy with reconciledAt after finishedAt
 * (or Degraded, or stuck Syncing).
 */
export class ReconcilingArgoCd {
  /** The label currently shown for each commit that became the head. */
  readonly shown = new Map<string, string>();
  private current: string;
  /** The last commit Argo CD finished syncing (the previous operation's revision). */
  private synced: string;
  private requestsAtState = 0;
  private stateIndex = 0;
  /** Seconds on Argo CD's own clock (status timestamps), one tick per state change. */
  private tick = 0;
  private finishedAt = '';
  private startedAt = '';
  private reconciledAt = '';

  private constructor(
    readonly fake: FakeArgoCd,
    private readonly options: ReconcilingArgoCdOptions,
  ) {
    this.current = branchHead(options.bare, options.branch ?? 'main');
    this.synced = this.current;
    this.finishedAt = this.time();
    this.reconciledAt = this.time();
    this.shown.set(this.current, 'Synced Healthy');
  }

  static async start(options: ReconcilingArgoCdOptions): Promise<ReconcilingArgoCd> {
    let self: ReconcilingArgoCd | undefined;
    // The fake repeats its last scripted answer; a getter makes that answer the live state.
    const live: ScriptedAnswer = {
      get application(): Record<string, unknown> {
        return self!.answer();
      },
    };
    const fake = await FakeArgoCd.start({
      application: options.application,
      token: options.token,
      script: [live],
    });
    self = new ReconcilingArgoCd(fake, options);
    return self;
  }

  get url(): string {
    return this.fake.url;
  }

  /** What Argo CD shows now for `sha` (undefined: never the head). */
  stateOf(sha: string): string | undefined {
    return this.shown.get(sha);
  }

  close(): Promise<void> {
    return this.fake.close();
  }

  private time(): string {
    return new Date(Date.UTC(2025, 0, 1, 10, 0, 0) + this.tick * 1000).toISOString().replace('.000Z', 'Z');
  }

  private advance(): void {
    this.tick += 1;
    this.stateIndex += 1;
    this.requestsAtState = 0;
  }

  private answer(): Record<string, unknown> {
    const head = branchHead(this.options.bare, this.options.branch ?? 'main');
    if (head !== this.current) {
      this.current = head;
      this.stateIndex = 0;
      this.requestsAtState = 0;
      this.tick += 1;
      this.reconciledAt = this.time();
    } else if (this.stateIndex < ARGO_STATES.length && this.requestsAtState >= (this.options.hold ?? 2)) {
      const ending = this.options.ending?.(head) ?? 'Healthy';
      // A stuck sync never gets past Syncing.
      if (!(ending === 'stuck' && ARGO_STATES[this.stateIndex] === 'Syncing')) this.advance();
    }
    const { label, application } = this.render(head);
    this.requestsAtState += 1;
    if (this.shown.get(head) !== label) {
      this.shown.set(head, label);
      this.options.timeline.push(`argocd ${short(head)} ${label}`);
    }
    return application;
  }

  private render(head: string): { label: string; application: Record<string, unknown> } {
    const name = this.options.application;
    const state = ARGO_STATES[this.stateIndex];
    if (this.requestsAtState === 0) {
      // Entering a state: Argo CD's timestamps move on.
      if (state === 'Syncing') this.startedAt = this.time();
      if (state === 'Synced Healthy (not reconciled since sync)') {
        this.finishedAt = this.time();
        this.synced = head;
      }
      if (state === 'Synced Progressing' || state === undefined) this.reconciledAt = this.time();
    }
    const lastOperation = {
      phase: 'Succeeded' as const,
      revision: this.synced,
      startedAt: this.finishedAt,
      finishedAt: this.finishedAt,
    };
    if (state === 'OutOfSync') {
      return {
        label: state,
        application: argoApplication(name, {
          sync: 'OutOfSync',
          health: 'Healthy',
          revision: head,
          reconciledAt: this.reconciledAt,
          operation: lastOperation,
        }),
      };
    }
    if (state === 'Syncing') {
      return {
        label: state,
        application: argoApplication(name, {
          sync: 'OutOfSync',
          health: 'Progressing',
          revision: head,
          reconciledAt: this.reconciledAt,
          operation: { phase: 'Running', revision: head, startedAt: this.startedAt },
        }),
      };
    }
    if (state === 'Synced Healthy (not reconciled since sync)') {
      return {
        label: state,
        application: argoApplication(name, {
          sync: 'Synced',
          health: 'Healthy',
          revision: head,
          // Health was last assessed when the sync started, before it finished.
          reconciledAt: this.startedAt,
          operation: { ...lastOperation, startedAt: this.startedAt },
        }),
      };
    }
    const operation = { ...lastOperation, startedAt: this.startedAt };
    if (state === 'Synced Progressing') {
      return {
        label: state,
        application: argoApplication(name, {
          sync: 'Synced',
          health: 'Progressing',
          revision: head,
          reconciledAt: this.reconciledAt,
          operation,
        }),
      };
    }
    const ending = this.options.ending?.(head) ?? 'Healthy';
    if (typeof ending === 'object') {
      return {
        label: 'Synced Degraded',
        application: argoApplication(name, {
          sync: 'Synced',
          health: 'Degraded',
          healthMessage: ending.degraded,
          revision: head,
          reconciledAt: this.reconciledAt,
          operation,
        }),
      };
    }
    return {
      label: 'Synced Healthy',
      application: argoApplication(name, {
        sync: 'Synced',
        health: 'Healthy',
        revision: head,
        reconciledAt: this.reconciledAt,
        operation,
      }),
    };
  }
}

export interface ReconcilingFluxOptions {
  bare: string;
  branch?: string;
  token: string;
  namespace: string;
  name: string;
  timeline: Timeline;
  /** Reads each intermediate state is served for (default 2). */
  hold?: number;
}

export const FLUX_STATES = ['Ready at previous revision', 'Reconciling'] as const;

/**
 * A FakeKube (CRD-validated) whose Kustomization follows the branch head: still Ready at the
 * previous revision for a while, then attempting the new one (Ready=Unknown Progressing), then
 * `lastAppliedRevision: main@sha1:<head>` and Ready=True.
 */
export class ReconcilingFlux {
  readonly shown = new Map<string, string>();
  private current: string;
  private applied: string;
  private stateIndex: number = FLUX_STATES.length;
  private readsAtState = 0;

  private constructor(
    readonly fake: FakeKube,
    private readonly options: ReconcilingFluxOptions,
  ) {
    this.current = branchHead(options.bare, options.branch ?? 'main');
    this.applied = this.current;
    this.shown.set(this.current, 'Ready');
  }

  static async start(options: ReconcilingFluxOptions): Promise<ReconcilingFlux> {
    let self: ReconcilingFlux | undefined;
    const live: ScriptedRead = {
      get object() {
        return self!.answer();
      },
    };
    const fake = await FakeKube.start({
      token: options.token,
      crds: [{ crdFile: 'flux-kustomization-crd.yaml', kind: 'Kustomization' }],
      objects: [
        {
          apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
          kind: 'Kustomization',
          namespace: options.namespace,
          name: options.name,
          reads: [live],
        },
      ],
    });
    self = new ReconcilingFlux(fake, options);
    return self;
  }

  stateOf(sha: string): string | undefined {
    return this.shown.get(sha);
  }

  close(): Promise<void> {
    return this.fake.close();
  }

  private answer(): ReturnType<typeof fluxKustomization> {
    const branch = this.options.branch ?? 'main';
    const head = branchHead(this.options.bare, branch);
    if (head !== this.current) {
      this.current = head;
      this.stateIndex = 0;
      this.readsAtState = 0;
    } else if (this.stateIndex < FLUX_STATES.length && this.readsAtState >= (this.options.hold ?? 2)) {
      this.stateIndex += 1;
      this.readsAtState = 0;
      if (this.stateIndex === FLUX_STATES.length) this.applied = head;
    }
    this.readsAtState += 1;
    const revision = (sha: string) => `${branch}@sha1:${sha}`;
    const state = FLUX_STATES[this.stateIndex];
    const label = state ?? 'Ready';
    if (this.shown.get(head) !== label) {
      this.shown.set(head, label);
      this.options.timeline.push(`flux ${short(head)} ${label}`);
    }
    const { namespace, name } = this.options;
    if (state === 'Ready at previous revision') {
      return fluxKustomization(namespace, name, {
        lastAppliedRevision: revision(this.applied),
        lastAttemptedRevision: revision(this.applied),
        ready: {
          status: 'True',
          reason: 'ReconciliationSucceeded',
          message: `Applied revision: ${revision(this.applied)}`,
        },
      });
    }
    if (state === 'Reconciling') {
      return fluxKustomization(namespace, name, {
        lastAppliedRevision: revision(this.applied),
        lastAttemptedRevision: revision(head),
        ready: { status: 'Unknown', reason: 'Progressing', message: 'Reconciliation in progress' },
      });
    }
    return fluxKustomization(namespace, name, {
      lastAppliedRevision: revision(head),
      lastAttemptedRevision: revision(head),
      ready: {
        status: 'True',
        reason: 'ReconciliationSucceeded',
        message: `Applied revision: ${revision(head)}`,
      },
    });
  }
}

/** Skips pauses: a virtual clock (kept for tests written against the earlier helper). */
export function skippingClock(): VirtualClock {
  return new VirtualClock();
}

export interface ReleaseRun {
  result: ReleaseResult;
  events: ReleaseEvent[];
  /** Shas of the commits the run made, in order. */
  commits: string[];
  /** The virtual clock the engine and its gates waited on. */
  clock: VirtualClock;
}

/**
 * Runs a release in-process with the config file `configFile` (its `spec.git.repo` relative to it):
 * a fresh clone, the gate factory, a virtual clock. Engine events go to the timeline as
 * `commit [i/N] <summary>` and `gate <name> <verdict>`.
 */
export async function runRelease(
  configFile: string,
  options: { image?: string; once?: boolean; timeline?: Timeline; clock?: VirtualClock } = {},
): Promise<ReleaseRun> {
  const loaded = await loadConfig(configFile);
  const { git } = loaded.config.spec;
  const repo = await openRepository({
    repo: git.repo,
    branch: git.branch,
    author: git.author ?? { name: 'gitcanary', email: 'gitcanary@example.com' },
  });
  const commits: string[] = [];
  const clock = options.clock ?? new VirtualClock();
  const events = new EventLog({
    event(event) {
      if (event.type === 'commit') {
        clock.rebase();
        commits.push(event.sha);
        const summary = event.subject.replace(/^gitcanary\([^)]*\): /, '').replace(/ \[\d+\/\d+\]$/, '');
        options.timeline?.push(`commit [${event.index}/${event.total}] ${summary}`);
      }
      if (event.type === 'gate') options.timeline?.push(`gate ${event.result.gate} ${event.result.verdict}`);
    },
  });
  try {
    const engine = new ReleaseEngine(releaseInput(loaded), {
      repo,
      reporter: events,
      createGate: (name, config) => createGate(name, config as GateConfig),
      clock,
    });
    const result = await engine.run({ image: options.image, once: options.once ?? false });
    return { result, events: events.events, commits, clock };
  } finally {
    await repo.close();
  }
}
