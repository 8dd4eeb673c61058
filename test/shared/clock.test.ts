import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS, sleep } from '../../src/shared/clock.js';

afterEach(() => {
  // The spy wraps the fake setTimeout: restore it before the real timers come back.
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the shared sleep', () => {
  it('leaves no abort listener behind, so many waits on one signal raise no MaxListenersExceededWarning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    const controller = new AbortController();
    try {
      for (let i = 0; i < 25; i++) await sleep(1, controller.signal);
      // Node emits warnings on the next tick.
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', onWarning);
    }
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
    expect(warnings.filter((warning) => warning.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it("rejects with the signal's reason when aborted, and at once when already aborted", async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    await expect(sleep(10, controller.signal)).rejects.toThrow('stop');
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('waits longer than setTimeout can (600h) in chunks instead of ending after 1 ms', async () => {
    vi.useFakeTimers();
    const delays: number[] = [];
    const original = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((handler: () => void, ms?: number) => {
      delays.push(ms ?? 0);
      return original(handler, ms);
    }) as typeof setTimeout);
    const hours600 = 600 * 3_600_000;
    let done = false;
    void sleep(hours600).then(() => {
      done = true;
    });

    await vi.advanceTimersByTimeAsync(hours600 - 1);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
    expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
    expect(delays.reduce((sum, ms) => sum + ms, 0)).toBe(hours600);
  });

  it('treats a negative or non-finite wait as no wait', async () => {
    await expect(sleep(-5)).resolves.toBeUndefined();
    await expect(sleep(Number.NaN)).resolves.toBeUndefined();
  });
});
