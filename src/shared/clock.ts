// The one clock and the one sleep. The engine, the gates' measurement and polling loops and webhook
// retries all wait through a Clock, so tests drive them with virtual time. A sleep is abortable,
// removes its abort listener when it ends (Node warns MaxListenersExceededWarning past 10 listeners
// on one signal), and waits any length: Node clamps a setTimeout delay above 2^31-1 ms (~24.8 days)
// to 1 ms, so a long wait is slept in chunks instead of ending at once.

export interface Clock {
  now(): Date;
  /** Resolves after `ms`; rejects with the signal's reason as soon as it aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Longest delay setTimeout honours (a signed 32-bit count of milliseconds). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/** Waits `ms` of wall time (0 for a negative or non-finite value). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const wait = (left: number): void => {
      const chunk = Math.min(left, MAX_TIMER_MS);
      timer = setTimeout(() => {
        if (left > chunk) {
          wait(left - chunk);
          return;
        }
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, chunk);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    wait(Number.isFinite(ms) && ms > 0 ? ms : 0);
  });
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep,
};

/** Sleeps on `clock` until `until` (returns at once when it has passed). */
export function sleepUntil(clock: Clock, until: Date, signal?: AbortSignal): Promise<void> {
  return clock.sleep(Math.max(0, until.getTime() - clock.now().getTime()), signal);
}
