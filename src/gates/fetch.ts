import {
  DEFAULT_RETRY_POLICY,
  isTransientHttpFailure,
  type RetryPolicy,
  TransientAnswer,
  withRetries,
} from '../retry.js';
import { timeoutSignal } from '../shared/timeout.js';

// One HTTP request of a gate (Prometheus, http), tried with the shared retry policy: each attempt
// has its own time limit, reads at most `maxBytes` of the body (a server answering garbage
// forever cannot fill the heap), and a connection failure, timeout or transient answer is tried
// again with backoff. When the attempts run out the caller gets the last error and fails closed.

export interface FetchedAnswer {
  status: number;
  body: string;
  /** True when the body was longer than `maxBytes` and cut there. */
  truncated: boolean;
}

export interface FetchOptions {
  /** The release's signal: aborting stops at once (SIGINT/SIGTERM). */
  signal: AbortSignal;
  /** Time limit of one attempt. */
  timeoutMs: number;
  retry?: RetryPolicy | undefined;
  /** A reason when this answer is worth asking again (5xx, garbage); undefined to accept it. */
  transient?: (answer: FetchedAnswer) => string | undefined;
  /** Most bytes of the body read (default 4 MiB). */
  maxBytes?: number;
}

/** The answer to one request, after the retries the policy allows. */
export async function fetchAnswer(
  url: URL | string,
  init: RequestInit,
  options: FetchOptions,
): Promise<FetchedAnswer> {
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
        if (reason !== undefined) throw new TransientAnswer(reason, answer);
        return answer;
      },
      { isTransient: isTransientHttpFailure, policy, signal: options.signal },
    );
  } catch (error) {
    if (options.signal.aborted) throw error;
    const tried = attempts > 1 ? ` (tried ${attempts} times)` : '';
    if (error instanceof TransientAnswer) throw new TransientAnswer(`${error.message}${tried}`, error.answer);
    throw new FetchFailed(`${describeFailure(error)}${tried}`, isTimeout(error), { cause: error });
  }
}

/** The request never got an answer: refused, reset, or timed out (after the retries). */
export class FetchFailed extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'FetchFailed';
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

/** `fetch failed: connect ECONNREFUSED 127.0.0.1:9` — the error and its causes, never a stack. */
function describeFailure(error: unknown): string {
  const parts: string[] = [];
  for (let current = error, depth = 0; current instanceof Error && depth < 4; depth++) {
    if (!parts.includes(current.message)) parts.push(current.message);
    current = current.cause;
  }
  return parts.length === 0 ? String(error) : parts.join(': ');
}

async function readCapped(response: Response, maxBytes: number): Promise<FetchedAnswer> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  if (reader !== undefined) {
    for (;;) {
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
  const body = Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
  return { status: response.status, body, truncated };
}
