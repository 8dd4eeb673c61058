import type { Clock } from '../../src/shared/clock.js';

/**
 * Virtual time for tests: `now` starts at the wall clock and only sleeping (or `advance`) moves it
 * on, at once, so deadlines count polls instead of the machine's load. Every sleep is recorded; an
 * aborted signal still rejects, as the real sleep does.
 */
export class VirtualClock implements Clock {
  #start = Date.now();
  #offset = 0;
  readonly slept: number[] = [];

  now(): Date {
    return new Date(this.#start + this.#offset);
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.slept.push(ms);
    this.#offset += Math.max(0, ms);
  }

  /** Moves time on without a sleep (another process's wait, a scheduler's gap). */
  advance(ms: number): void {
    this.#offset += ms;
  }

  /**
   * Back to the wall clock. Git stamps commits with the wall clock (whole seconds) and pauses count
   * from them, so a release test rebases at each commit, as a real run's clock reads the wall.
   */
  rebase(): void {
    this.#start = Date.now();
    this.#offset = 0;
  }

  /** Total virtual time slept. */
  get sleptMs(): number {
    return this.slept.reduce((sum, ms) => sum + ms, 0);
  }
}
