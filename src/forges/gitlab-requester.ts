import {
  createRequesterFn,
  type FormattedResponse,
  GitbeakerRequestError,
  type ResponseBodyTypes,
} from '@gitbeaker/requester-utils';

// How @gitbeaker/core's resources reach GitLab: one fetch per attempt, with waits we can bound and
// show. @gitbeaker/rest's own handler retries 429 and 502 ten times after 0.25 ms · 2^i, never
// reading `Retry-After`; GitLab answers a rate limit with 429 and `Retry-After` (seconds) plus
// `RateLimit-Reset` (Unix time) — docs.gitlab.com/security/rate_limits ("HTTP headers"). We wait
// what GitLab asks, a bounded number of times, and fail with the answer when the wait is too long.

export interface GitLabRequesterOptions {
  /** Retries of one request after a rate limit, a server error or a lost connection (default 3). */
  maxRetries?: number | undefined;
  /** A wait longer than this fails the request instead (default 15 min). */
  maxWaitSeconds?: number | undefined;
  /** Told each wait before it starts (the engine shows it as progress). */
  onWait?: ((message: string) => void) | undefined;
  /** Waits `ms` (tests pass a virtual clock). */
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Milliseconds since the epoch, for `RateLimit-Reset` (tests pass a virtual clock). */
  now?: (() => number) | undefined;
}

export const DEFAULT_MAX_WAIT_SECONDS = 15 * 60;

/** What our handler receives from requester-utils' options handler. */
interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | FormData;
  searchParams?: string;
  prefixUrl?: string;
  signal?: AbortSignal;
  asStream?: boolean;
}

/** Server errors worth another attempt: the request may not have reached GitLab's application. */
const RETRIED_SERVER_ERRORS = new Set([500, 502, 503, 504]);

export function gitlabRequester(options: GitLabRequesterOptions = {}): ReturnType<typeof createRequesterFn> {
  const maxRetries = options.maxRetries ?? 3;
  const maxWait = options.maxWaitSeconds ?? DEFAULT_MAX_WAIT_SECONDS;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;

  const handler = async (endpoint: string, options?: Record<string, unknown>): Promise<FormattedResponse> => {
    const request = (options ?? {}) as RequestOptions;
    const base = request.prefixUrl?.endsWith('/') ? request.prefixUrl : `${request.prefixUrl ?? ''}/`;
    const url = new URL(endpoint, base);
    url.search = request.searchParams ?? '';
    const method = request.method ?? 'GET';
    const label = `${method} ${url.pathname}`;
    for (let attempt = 0; ; attempt++) {
      const init: RequestInit = { method, headers: request.headers ?? {} };
      if (request.body !== undefined) init.body = request.body;
      if (request.signal !== undefined) init.signal = request.signal;
      let response: Response;
      try {
        response = await fetch(url, init);
      } catch (error) {
        if (request.signal?.aborted || attempt >= maxRetries) throw error;
        await wait(2 ** attempt, `GitLab unreachable on ${label} (${String(error)})`);
        continue;
      }
      if (response.ok) {
        const headers = Object.fromEntries(response.headers.entries());
        if (request.asStream)
          return { body: response.body as ResponseBodyTypes, headers, status: response.status };
        return {
          body: response.status === 204 ? null : await parseBody(response),
          headers,
          status: response.status,
        };
      }
      const delay = retryDelay(response, attempt);
      if (delay === undefined || attempt >= maxRetries || delay > maxWait) throw await requestError(response);
      await response.body?.cancel();
      await wait(
        delay,
        `GitLab ${response.status === 429 ? 'rate limit' : `HTTP ${response.status}`} on ${label}: retrying in ${delay}s`,
      );
    }
  };

  async function wait(seconds: number, message: string): Promise<void> {
    options.onWait?.(message);
    await sleep(seconds * 1000);
  }

  /** Seconds to wait before retrying, or undefined for an answer that a retry would not change. */
  function retryDelay(response: Response, attempt: number): number | undefined {
    const limited = response.status === 429;
    if (!limited && !RETRIED_SERVER_ERRORS.has(response.status)) return undefined;
    const retryAfter = response.headers.get('retry-after');
    if (retryAfter !== null && /^\d+$/.test(retryAfter.trim())) return Number(retryAfter);
    const reset = Number(response.headers.get('ratelimit-reset'));
    if (limited && Number.isFinite(reset) && reset > 0) return Math.max(1, Math.ceil(reset - now() / 1000));
    return 2 ** attempt;
  }

  // requester-utils builds the headers (PRIVATE-TOKEN), body and query; we only send them.
  return createRequesterFn((_, prepared) => Promise.resolve(prepared), handler);
}

async function parseBody(response: Response): Promise<ResponseBodyTypes> {
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  if (type === 'application/json') return ((await response.json()) as ResponseBodyTypes) ?? {};
  if (type.startsWith('text/')) return response.text();
  return response.blob();
}

/** The failed answer as @gitbeaker's error (its `cause` keeps the response), text already read. */
async function requestError(response: Response): Promise<GitbeakerRequestError> {
  const text = await response.text().catch(() => '');
  let description = text;
  if ((response.headers.get('content-type') ?? '').includes('application/json')) {
    try {
      const json = JSON.parse(text) as { message?: unknown; error?: unknown };
      const message = json.message ?? json.error ?? '';
      description = typeof message === 'string' ? message : JSON.stringify(message);
    } catch {
      description = text;
    }
  }
  return new GitbeakerRequestError(description, {
    cause: { description, request: new Request(response.url || 'http://gitlab.invalid'), response },
  });
}
