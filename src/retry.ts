import pRetry from 'p-retry';

// The one retry policy for every server gitcanary talks to (git remote, Prometheus, Argo CD, the
// Kubernetes API, HTTP gates): a bounded number of attempts, exponential backoff with jitter, and
// only for failures a retry can fix (connection refused or reset, timeouts, 5xx, 429, an answer
// that is not what the protocol promises). Anything else fails at once. When the attempts run out
// the last error is thrown and the caller fails closed: a gate never passes on it.

export interface RetryPolicy {
  /** Attempts in all, counting the first. */
  attempts: number;
  /** Delay before the first retry, ms; it doubles with every retry (with jitter) up to `maxDelayMs`. */
  minDelayMs: number;
  maxDelayMs: number;
}

/** 4 attempts, about 0.5 s, 1 s, 2 s apart (each 1–2× with jitter): about 7 s at most in backoff. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 4, minDelayMs: 500, maxDelayMs: 8_000 };

export interface RetryOptions {
  /** True when another attempt may succeed; other errors are thrown at once. */
  isTransient: (error: unknown) => boolean;
  policy?: RetryPolicy | undefined;
  /** Stops waiting and trying; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Called before each retry with the error and the attempt (1-based) that failed. */
  onRetry?: ((error: unknown, attempt: number) => void) | undefined;
}

/** Runs `operation` until it succeeds, fails permanently, or the policy's attempts are used up. */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
): Promise<T> {
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const attempts = Math.max(1, Math.floor(policy.attempts));
  options.signal?.throwIfAborted();
  try {
    return await pRetry(
      async (attempt) => {
        try {
          return await operation(attempt);
        } catch (error) {
          // p-retry wants Error instances; keep the original to rethrow it unchanged.
          throw error instanceof Error ? new Attempt(error) : new Attempt(new Error(String(error)));
        }
      },
      {
        retries: attempts - 1,
        factor: 2,
        minTimeout: policy.minDelayMs,
        maxTimeout: policy.maxDelayMs,
        randomize: true,
        ...(options.signal ? { signal: options.signal } : {}),
        shouldRetry: (error) =>
          !(options.signal?.aborted ?? false) && options.isTransient(unwrap(error as Error)),
        onFailedAttempt: (error) => {
          if (error.retriesLeft > 0 && options.isTransient(unwrap(error))) {
            options.onRetry?.(unwrap(error), error.attemptNumber);
          }
        },
      },
    );
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason;
    throw unwrap(error as Error);
  }
}

/** Carries the operation's own error through p-retry, which decorates what it catches. */
class Attempt extends Error {
  constructor(readonly original: Error) {
    super(original.message);
  }
}

function unwrap(error: Error): unknown {
  return error instanceof Attempt ? error.original : error;
}

// Node's socket and undici's fetch codes for failures of the connection rather than of the request.
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/**
 * A failed connection: refused, reset, closed early, or timed out (an `AbortSignal.timeout`), also
 * when wrapped as the `cause` of fetch's `TypeError: fetch failed`.
 */
export function isTransientNetworkError(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    if (current.name === 'TimeoutError') return true;
    if (/socket hang up|other side closed|terminated/i.test(current.message)) return true;
    current = current.cause;
  }
  return false;
}

/** HTTP statuses worth asking again: server errors, rate limiting and request timeouts. */
export function isTransientStatus(status: number): boolean {
  return status >= 500 || status === 429 || status === 408;
}

/** An answer a retry may fix (5xx, 429, a body that is not what the protocol promises). */
export class TransientAnswer extends Error {
  constructor(
    message: string,
    /** What was answered (status, body), for the caller's final verdict when retries run out. */
    readonly answer?: { status: number; body: string },
  ) {
    super(message);
    this.name = 'TransientAnswer';
  }
}

/** Network failures and `TransientAnswer`s: the default test of the HTTP clients. */
export function isTransientHttpFailure(error: unknown): boolean {
  return error instanceof TransientAnswer || isTransientNetworkError(error);
}
