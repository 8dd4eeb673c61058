import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { timeoutSignal } from '../../src/shared/timeout.js';

// A request's time limit must fire even when a garbage collection runs first (AbortSignal.any over
// AbortSignal.timeout may lose it: nodejs/node#57736, which hung a gate for good under load).

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function aborted(signal: AbortSignal): Promise<unknown> {
  return new Promise((resolve) =>
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
  );
}

describe('timeoutSignal', () => {
  it('aborts with the TimeoutError AbortSignal.timeout gives, after garbage collections', async () => {
    const parent = new AbortController();
    const reason = aborted(timeoutSignal(100, parent.signal));
    for (let i = 0; i < 5; i++) gc();
    const error = (await reason) as DOMException;
    expect(error.name).toBe('TimeoutError');
  });

  it('aborts with the parent’s reason when the parent aborts first', async () => {
    const parent = new AbortController();
    const signal = timeoutSignal(60_000, parent.signal);
    parent.abort(new Error('interrupted'));
    expect(signal.aborted).toBe(true);
    expect((signal.reason as Error).message).toBe('interrupted');
  });

  it('works without a parent', async () => {
    const error = (await aborted(timeoutSignal(10))) as DOMException;
    expect(error.name).toBe('TimeoutError');
  });
});
