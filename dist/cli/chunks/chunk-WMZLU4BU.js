import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  pRetry
} from "./chunk-YNPOA2B2.js";

// src/retry.ts
var DEFAULT_RETRY_POLICY = { attempts: 4, minDelayMs: 500, maxDelayMs: 8e3 };
async function withRetries(operation, options) {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const attempts = Math.max(1, Math.floor(policy.attempts));
  options.signal?.throwIfAborted();
  try {
    return await pRetry(
      async (attempt) => {
        try {
          return await operation(attempt);
        } catch (error) {
          throw error instanceof Error ? new Attempt(error) : new Attempt(new Error(String(error)));
        }
      },
      {
        retries: attempts - 1,
        factor: 2,
        minTimeout: policy.minDelayMs,
        maxTimeout: policy.maxDelayMs,
        randomize: true,
        ...options.signal ? { signal: options.signal } : {},
        shouldRetry: (error) => !(options.signal?.aborted ?? false) && options.isTransient(unwrap(error)),
        onFailedAttempt: (error) => {
          if (error.retriesLeft > 0 && options.isTransient(unwrap(error))) {
            options.onRetry?.(unwrap(error), error.attemptNumber);
          }
        }
      }
    );
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw unwrap(error);
  }
}
var Attempt = class extends Error {
  constructor(original) {
    super(original.message);
    this.original = original;
  }
  original;
};
function unwrap(error) {
  return error instanceof Attempt ? error.original : error;
}
var TRANSIENT_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
]);
function isTransientNetworkError(error) {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = current.code;
    if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
    if (current.name === "TimeoutError") return true;
    if (/socket hang up|other side closed|terminated/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}
function isTransientStatus(status) {
  return status >= 500 || status === 429 || status === 408;
}
var TransientAnswer = class extends Error {
  constructor(message, answer) {
    super(message);
    this.answer = answer;
    this.name = "TransientAnswer";
  }
  answer;
};
function isTransientHttpFailure(error) {
  return error instanceof TransientAnswer || isTransientNetworkError(error);
}

export {
  DEFAULT_RETRY_POLICY,
  withRetries,
  isTransientNetworkError,
  isTransientStatus,
  TransientAnswer,
  isTransientHttpFailure
};
