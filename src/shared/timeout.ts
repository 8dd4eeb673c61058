// A request's own time limit as an AbortSignal that reliably fires. Not AbortSignal.timeout():
// Node's timer holds that signal only weakly, and inside AbortSignal.any() nothing else holds it, so
// a garbage collection before it fires loses the timeout and the request hangs for good
// (nodejs/node#57736; fix proposed in nodejs/node#57867). Here the timer holds the controller.

/** A signal aborted after `ms` with the TimeoutError AbortSignal.timeout() gives, or when `parent` aborts. */
export function timeoutSignal(ms: number, parent?: AbortSignal): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  // Like AbortSignal.timeout(): a pending time limit never keeps the process alive.
  timer.unref();
  controller.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
  return parent === undefined ? controller.signal : AbortSignal.any([parent, controller.signal]);
}
