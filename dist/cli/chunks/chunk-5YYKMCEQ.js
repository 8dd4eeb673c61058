import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);

// src/shared/timeout.ts
function timeoutSignal(ms, parent) {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")),
    ms
  );
  timer.unref();
  controller.signal.addEventListener("abort", () => clearTimeout(timer), { once: true });
  return parent === void 0 ? controller.signal : AbortSignal.any([parent, controller.signal]);
}

export {
  timeoutSignal
};
