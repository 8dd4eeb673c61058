import { GitcanaryError } from '../errors.js';
import { type Lease, LeaseMoved } from '../git/lease.js';
import type { Clock } from '../shared/clock.js';
import type { EngineDeps } from './types.js';

// The lease a `run` holds on its release in Git (src/git/lease.ts): taken before anything else,
// renewed at every re-read (once per watch interval while it waits), given back at the end. A
// live lease of another holder stops `run` and `step` with exit 2, naming it; an expired one (its
// driver was killed) is taken over. The commits' compare-and-swap keeps the history right anyway:
// the lease keeps a second `run` from starting at all.

const DEFAULT_LEASE_MS = 5 * 60_000;

export class ReleaseLease {
  readonly #release: string;
  readonly #deps: Pick<EngineDeps, 'repo' | 'holder' | 'leaseMs' | 'reporter'>;
  readonly #clock: Clock;
  readonly #renewEveryMs: number;
  #held: { lease: Lease; renewedAt: number } | undefined;

  constructor(release: string, deps: EngineDeps, clock: Clock, renewEveryMs: number) {
    this.#release = release;
    this.#deps = deps;
    this.#clock = clock;
    this.#renewEveryMs = renewEveryMs;
  }

  /**
   * Refuses (exit 2) while another holder's lease is live; `run` then takes it (`once`, a `step`,
   * only looks: it makes one commit and leaves, and the commits' compare-and-swap keeps two steps
   * apart). Without a holder (or a repository without leases) nothing is held. `fetched`: the
   * repository was fetched just now, so the first look reads the lease that fetch brought.
   */
  async take(once: boolean, fetched = false): Promise<void> {
    const { repo, holder } = this.#deps;
    if (holder === undefined || !repo.readLease || !repo.writeLease) return;
    for (let attempt = 1; ; attempt++) {
      const current = await repo.readLease(this.#release, { fetched: fetched && attempt === 1 });
      const now = this.#clock.now().getTime();
      if (current && current.holder !== holder && Date.parse(current.expires) > now) {
        throw new GitcanaryError(
          'RELEASE_STATE',
          `release ${this.#release} is driven by ${current.holder} (lease until ${current.expires})`,
          {
            hint: 'one driver per release: wait for it to end, or for its lease to expire if that driver is gone (it renews the lease while it runs); `status`, `abort` and `promote` still work',
          },
        );
      }
      if (once) return;
      try {
        const lease = await repo.writeLease(this.#release, holder, this.#expiry(), current?.sha);
        this.#held = { lease, renewedAt: now };
        if (current && current.holder !== holder) {
          this.#deps.reporter.event({
            type: 'progress',
            message: `took over the lease of ${current.holder}, expired at ${current.expires}`,
          });
        }
        return;
      } catch (error) {
        // Another driver wrote the lease first: read who, and refuse or try again.
        if (!(error instanceof LeaseMoved) || attempt >= 3) throw error;
      }
    }
  }

  /** Renews the lease once per watch interval; a lease another driver took over stops this run. */
  async renew(): Promise<void> {
    const held = this.#held;
    const { repo, holder } = this.#deps;
    const now = this.#clock.now().getTime();
    if (!held || !repo.writeLease || holder === undefined || now - held.renewedAt < this.#renewEveryMs)
      return;
    try {
      const lease = await repo.writeLease(this.#release, holder, this.#expiry(), held.lease.sha);
      this.#held = { lease, renewedAt: now };
    } catch (error) {
      if (!(error instanceof LeaseMoved)) throw error;
      this.#held = undefined;
      const current = await repo.readLease?.(this.#release);
      throw new GitcanaryError(
        'RELEASE_STATE',
        `the lease on release ${this.#release} was taken over by ${current?.holder ?? 'another driver'} after it expired; this run stops`,
        { hint: 'the other driver goes on with the release; nothing more is committed here' },
      );
    }
  }

  /** Gives the lease back as the run ends, unless another driver took it over meanwhile. */
  async drop(): Promise<void> {
    const held = this.#held;
    this.#held = undefined;
    if (!held) return;
    await this.#deps.repo.removeLease?.(this.#release, held.lease.sha).catch(() => undefined);
  }

  #expiry(): Date {
    return new Date(this.#clock.now().getTime() + (this.#deps.leaseMs ?? DEFAULT_LEASE_MS));
  }
}
