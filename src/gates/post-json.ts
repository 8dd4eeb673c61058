import { timeoutSignal } from '../shared/timeout.js';

// One JSON POST over node:http(s): a timeout per request, an abort signal, certificate checks that
// can be switched off for one call (Flagger's `disableTLS`), and the answer's status and body.
// Webhook gates and notifications share it. Redirects are not followed.

export interface PostOptions {
  timeoutMs: number;
  /** Skip TLS certificate verification (Go's `InsecureSkipVerify`). */
  insecure?: boolean | undefined;
  signal?: AbortSignal | undefined;
  headers?: Record<string, string> | undefined;
}

export interface PostResponse {
  status: number;
  body: string;
}

/** Answers longer than this are cut: they only end up in messages. */
const MAX_BODY_BYTES = 64 * 1024;

/** Thrown when the receiver did not answer within `timeoutMs`. */
export class PostTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs}ms`);
    this.name = 'PostTimeoutError';
  }
}

export async function postJson(url: string, body: string, options: PostOptions): Promise<PostResponse> {
  const target = new URL(url);
  // node:http(s), with tls and net, load with the first request: a step that posts nothing never does.
  const client =
    target.protocol === 'https:'
      ? await import('node:https')
      : target.protocol === 'http:'
        ? await import('node:http')
        : undefined;
  if (client === undefined) throw new Error(`unsupported URL scheme ${target.protocol}`);
  const timeout = timeoutSignal(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return new Promise<PostResponse>((resolve, reject) => {
    const fail = (error: unknown) => {
      if (timeout.aborted && !options.signal?.aborted) reject(new PostTimeoutError(options.timeoutMs));
      else if (options.signal?.aborted) reject(options.signal.reason);
      else reject(error);
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...options.headers,
        },
        signal,
        ...(target.protocol === 'https:' && options.insecure ? { rejectUnauthorized: false } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString('utf8'),
          }),
        );
        response.on('error', fail);
      },
    );
    request.on('error', fail);
    request.end(body);
  });
}

/** A TLS certificate problem: retrying cannot help (Go's retryablehttp does not retry x509 errors). */
export function isCertificateError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}
