import type { Ticker } from '../../src/report/index.js';

/**
 * Virtual time for the console: `now` moves only by `advance`, which fires every timer that falls
 * due on the way, in order, each with the clock set to its moment.
 */
export class VirtualTicker implements Ticker {
  #now: number;
  #timers: { every: number; next: number; tick: () => void; active: boolean }[] = [];

  constructor(start: Date) {
    this.#now = start.getTime();
  }

  now(): Date {
    return new Date(this.#now);
  }

  every(ms: number, tick: () => void): () => void {
    const timer = { every: ms, next: this.#now + ms, tick, active: true };
    this.#timers.push(timer);
    return () => {
      timer.active = false;
    };
  }

  /** Timers still running. */
  get active(): number {
    return this.#timers.filter((timer) => timer.active).length;
  }

  advance(ms: number): void {
    const end = this.#now + ms;
    for (;;) {
      const due = this.#timers
        .filter((timer) => timer.active && timer.next <= end)
        .sort((a, b) => a.next - b.next)[0];
      if (due === undefined) break;
      this.#now = due.next;
      due.next += due.every;
      due.tick();
    }
    this.#now = end;
  }
}
