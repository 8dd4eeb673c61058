import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);

// src/shared/clock.ts
var MAX_TIMER_MS = 2 ** 31 - 1;
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    let timer;
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const wait = (left) => {
      const chunk = Math.min(left, MAX_TIMER_MS);
      timer = setTimeout(() => {
        if (left > chunk) {
          wait(left - chunk);
          return;
        }
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, chunk);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    wait(Number.isFinite(ms) && ms > 0 ? ms : 0);
  });
}
var systemClock = {
  now: () => /* @__PURE__ */ new Date(),
  sleep
};
function sleepUntil(clock, until, signal) {
  return clock.sleep(Math.max(0, until.getTime() - clock.now().getTime()), signal);
}

export {
  sleep,
  systemClock,
  sleepUntil
};
