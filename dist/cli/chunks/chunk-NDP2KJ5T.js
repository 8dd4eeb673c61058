import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  DEFAULT_RETRY_POLICY,
  TransientAnswer,
  isTransientHttpFailure,
  withRetries
} from "./chunk-WMZLU4BU.js";
import {
  timeoutSignal
} from "./chunk-5YYKMCEQ.js";

// src/gates/fetch.ts
async function fetchAnswer(url, init, options) {
  const policy = options.retry ?? DEFAULT_RETRY_POLICY;
  let attempts = 0;
  try {
    return await withRetries(
      async () => {
        attempts += 1;
        const signal = timeoutSignal(options.timeoutMs, options.signal);
        const response = await fetch(url, { ...init, signal });
        const answer = await readCapped(response, options.maxBytes ?? 4 * 1024 * 1024);
        const reason = options.transient?.(answer);
        if (reason !== void 0) throw new TransientAnswer(reason, answer);
        return answer;
      },
      { isTransient: isTransientHttpFailure, policy, signal: options.signal }
    );
  } catch (error) {
    if (options.signal.aborted) throw error;
    const tried = attempts > 1 ? ` (tried ${attempts} times)` : "";
    if (error instanceof TransientAnswer) throw new TransientAnswer(`${error.message}${tried}`, error.answer);
    throw new FetchFailed(`${describeFailure(error)}${tried}`, isTimeout(error), { cause: error });
  }
}
var FetchFailed = class extends Error {
  constructor(message, timedOut, options) {
    super(message, options);
    this.timedOut = timedOut;
    this.name = "FetchFailed";
  }
  timedOut;
};
function isTimeout(error) {
  return error instanceof Error && error.name === "TimeoutError";
}
function describeFailure(error) {
  const parts = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    if (!parts.includes(current.message)) parts.push(current.message);
    current = current.cause;
  }
  return parts.length === 0 ? String(error) : parts.join(": ");
}
async function readCapped(response, maxBytes) {
  const reader = response.body?.getReader();
  const chunks = [];
  let size = 0;
  let truncated = false;
  if (reader !== void 0) {
    for (; ; ) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      if (size > maxBytes) {
        truncated = true;
        await reader.cancel();
        break;
      }
    }
  }
  const body = Buffer.concat(chunks).subarray(0, maxBytes).toString("utf8");
  return { status: response.status, body, truncated };
}

export {
  fetchAnswer,
  FetchFailed
};
