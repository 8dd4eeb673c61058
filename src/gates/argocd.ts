import type { Agent } from 'node:http';
import { GitcanaryError, isGitcanaryError } from '../errors.js';
import {
  isTransientHttpFailure,
  isTransientStatus,
  type RetryPolicy,
  TransientAnswer,
  withRetries,
} from '../retry.js';
import { maskSecrets, secretFromEnv } from '../shared/secrets.js';
import { argoCdApplicationSchema, assessApplication } from './argocd-state.js';
import { parseDuration } from './duration.js';
import {
  errorText,
  type Observation,
  type PollOutcome,
  pollUntilDecided,
  requestSignal,
  shortCommit,
  stateWithReason,
} from './poll.js';
import { type ArgocdSyncConfig, argocdSyncSchema, parseGateConfig } from './schemas.js';
import type { Gate, GateContext, GateResult } from './types.js';

// Waits until Argo CD has synced the step's commit and the Application is Healthy, polling
// `GET /api/v1/applications/{name}` of the Argo CD API server with a bearer token.

export type ArgoCdSyncConfigInput = Parameters<typeof argocdSyncSchema.parse>[0];

/** Knobs that are not user config: tests shorten the poll interval. */
export interface ArgoCdSyncOptions {
  /** Time between polls, ms; overrides the config's `pollInterval` (default 5s). */
  pollIntervalMs?: number;
  /** Health statuses that count as done (default `['Healthy']`). */
  acceptedHealth?: readonly string[];
  /** Time limit of one HTTP request, ms (default 30000). */
  requestTimeoutMs?: number;
  /** Retries of one request (default: src/retry.ts); tests shorten the delays. */
  retry?: RetryPolicy;
}

/** Most bytes of an answer read; an Application is a few hundred KB at most. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** The `argocd` CLI reads its token from this variable; used when `tokenEnv` is not set. */
const DEFAULT_TOKEN_ENV = 'ARGOCD_AUTH_TOKEN';
const DEFAULT_DEADLINE = '10m';
const DEFAULT_POLL_INTERVAL = '5s';
/** Certificate problems retrying cannot fix: fail at once and point at `insecure`. */
const TLS_TRUST_ERRORS = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface HttpAnswer {
  status: number;
  body: string;
}

export class ArgoCdSyncGate implements Gate {
  readonly kind = 'sync';
  readonly config: ArgocdSyncConfig;
  private readonly deadlineMs: number;
  private readonly pollIntervalMs: number;
  private readonly baseUrl: URL;
  /** Only this client skips certificate checks (`insecure`); made with the first request. */
  private agent: Agent | undefined;

  constructor(
    readonly name: string,
    config: ArgoCdSyncConfigInput,
    private readonly options: ArgoCdSyncOptions = {},
  ) {
    this.config = parseGateConfig(argocdSyncSchema, config, 'sync.argocd');
    this.deadlineMs = parseDuration(
      this.config.progressDeadline ?? DEFAULT_DEADLINE,
      'sync.argocd.progressDeadline',
    );
    // The test-only option wins over the config's pollInterval.
    this.pollIntervalMs =
      this.options.pollIntervalMs ??
      parseDuration(this.config.pollInterval ?? DEFAULT_POLL_INTERVAL, 'sync.argocd.pollInterval');
    // The argocd CLI takes a bare host name; the API is HTTPS unless the URL says otherwise.
    const server = /^[a-z][a-z0-9+.-]*:\/\//i.test(this.config.server)
      ? this.config.server
      : `https://${this.config.server}`;
    this.baseUrl = new URL(server.endsWith('/') ? server : `${server}/`);
  }

  /** `podinfo` or `apps-namespace/podinfo` (Applications in any namespace). */
  private applicationRef(): { name: string; appNamespace: string | undefined } {
    const [first, second] = this.config.application.split('/', 2) as [string, string | undefined];
    return second === undefined
      ? { name: first, appNamespace: undefined }
      : { name: second, appNamespace: first };
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    const { name: application } = this.applicationRef();
    const label = `argocd ${application}`;
    const threshold = `synced ${shortCommit(context.commit)} ${(this.options.acceptedHealth ?? ['Healthy']).join('|')}`;
    const result = (verdict: GateResult['verdict'], message: string, outcome?: PollOutcome): GateResult => ({
      gate: this.name,
      kind: this.kind,
      verdict,
      value: outcome?.last.state,
      threshold,
      message: maskSecrets(message),
      measurements: outcome?.measurements ?? [],
    });

    let token: string | undefined;
    try {
      token = this.token();
    } catch (error) {
      return result('fail', isGitcanaryError(error) ? error.format() : String(error));
    }

    let polls = 0;
    const outcome = await pollUntilDecided(
      (remainingMs) => this.observe(context, token, polls++ === 0, remainingMs),
      {
        deadlineMs: this.deadlineMs,
        intervalMs: this.pollIntervalMs,
        signal: context.signal,
        clock: context.clock,
        onChange: (observation) => context.progress(maskSecrets(progressLine(label, observation))),
      },
    );
    const { last } = outcome;
    if (outcome.aborted)
      return result('inconclusive', `${label}: aborted while ${progressLine('', last)}`, outcome);
    if (outcome.timedOut) {
      return result(
        'fail',
        `${label}: ${shortCommit(context.commit)} not synced and healthy within ` +
          `${this.config.progressDeadline ?? DEFAULT_DEADLINE}; last state: ${stateWithReason(last)}`,
        outcome,
      );
    }
    if (last.status === 'fail') return result('fail', `${label}: ${stateWithReason(last)}`, outcome);
    return result('pass', `${label}: ${last.state} (reconciled after sync)`, outcome);
  }

  private token(): string | undefined {
    const variable = this.config.tokenEnv ?? DEFAULT_TOKEN_ENV;
    const value = secretFromEnv(variable);
    if ((value === undefined || value === '') && this.config.tokenEnv !== undefined) {
      throw new GitcanaryError('CONFIG_INVALID', `environment variable ${variable} is not set`, {
        field: 'sync.argocd.tokenEnv',
        hint: 'create a token with `argocd account generate-token` and export it',
      });
    }
    return value === '' ? undefined : value;
  }

  private applicationUrl(refresh: boolean): URL {
    const { name, appNamespace } = this.applicationRef();
    const url = new URL(`api/v1/applications/${encodeURIComponent(name)}`, this.baseUrl);
    // A normal refresh makes Argo CD compare now instead of at its next 3-minute poll.
    if (refresh) url.searchParams.set('refresh', 'normal');
    if (appNamespace !== undefined) url.searchParams.set('appNamespace', appNamespace);
    if (this.config.project !== undefined) url.searchParams.append('projects', this.config.project);
    return url;
  }

  private async observe(
    context: GateContext,
    token: string | undefined,
    refresh: boolean,
    remainingMs: number,
  ): Promise<Observation> {
    const url = this.applicationUrl(refresh);
    const where = `${this.baseUrl.origin}${this.baseUrl.pathname}`;
    let answer: HttpAnswer;
    try {
      // Each attempt its own time limit; refused, reset, timed out, 5xx/429 and an answer that is
      // not JSON are asked again (src/retry.ts) before this poll reports what it saw.
      answer = await withRetries(
        async () => {
          const signal = requestSignal(context.signal, remainingMs, this.options.requestTimeoutMs);
          const got = await this.get(url, token, signal);
          if (isTransientStatus(got.status)) throw new TransientAnswer(`HTTP ${got.status}`, got);
          if (got.status === 200 && !isJson(got.body)) throw new TransientAnswer('not JSON', got);
          return got;
        },
        {
          isTransient: (error) => isTransientHttpFailure(error) && !isTlsTrustError(error),
          policy: this.options.retry,
          signal: context.signal,
        },
      );
    } catch (error) {
      if (error instanceof TransientAnswer && error.answer !== undefined)
        return this.assess(error.answer, url, where, context);
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && TLS_TRUST_ERRORS.has(code)) {
        return {
          status: 'fail',
          state: 'TLS',
          reason:
            `cannot verify the certificate of ${where}: ${errorText(error)} ` +
            '(add its CA with NODE_EXTRA_CA_CERTS, or set insecure: true for a self-signed certificate)',
        };
      }
      // Unreachable server, reset connection, request timeout: the deadline decides.
      return {
        status: 'wait',
        state: 'unreachable',
        reason: `cannot reach ${where}: ${errorText(error)}`,
        unreachable: true,
      };
    }
    return this.assess(answer, url, where, context);
  }

  /** What one answer of the API server says about the sync of `context.commit`. */
  private assess(answer: HttpAnswer, url: URL, where: string, context: GateContext): Observation {
    const { status } = answer;
    if (status === 401 || status === 403) {
      const variable = this.config.tokenEnv ?? DEFAULT_TOKEN_ENV;
      return {
        status: 'fail',
        state: `HTTP ${status}`,
        reason:
          `Argo CD at ${where} refused the token from $${variable} (HTTP ${status}${apiMessage(answer.body)}); ` +
          'check that it is valid and may get this application (Argo CD also answers 403 for applications ' +
          'that do not exist)',
      };
    }
    if (status === 404) {
      return {
        status: 'fail',
        state: 'HTTP 404',
        reason: `application ${this.config.application} not found at ${where}${apiMessage(answer.body)}`,
      };
    }
    if (status >= 500 || status === 429) {
      return {
        status: 'wait',
        state: `HTTP ${status}`,
        reason: `Argo CD answered ${status}${apiMessage(answer.body)}`,
      };
    }
    if (status !== 200) {
      return {
        status: 'fail',
        state: `HTTP ${status}`,
        reason: `Argo CD answered ${status}${apiMessage(answer.body)}`,
      };
    }
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return {
        status: 'fail',
        state: 'not JSON',
        reason: `${url.pathname} at ${where} did not answer JSON; is server the Argo CD API URL?`,
      };
    }
    const parsed = argoCdApplicationSchema.safeParse(body);
    if (!parsed.success) {
      return {
        status: 'fail',
        state: 'unexpected answer',
        reason: `not an Argo CD Application: ${parsed.error.message}`,
      };
    }
    return assessApplication(parsed.data, context.commit, this.options.acceptedHealth);
  }

  /** One GET; the body is read up to MAX_BODY_BYTES (a server streaming garbage cannot fill the heap). */
  private async get(url: URL, token: string | undefined, signal: AbortSignal): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    // node:http(s), with tls and net, load with the first request, not with every command.
    const client = url.protocol === 'https:' ? await import('node:https') : await import('node:http');
    // Only this client skips certificate checks; the process-wide agent stays strict.
    if (this.config.insecure === true && url.protocol === 'https:')
      this.agent ??= new (await import('node:https')).Agent({ rejectUnauthorized: false, keepAlive: true });
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        { method: 'GET', headers, agent: this.agent, signal },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              response.destroy();
              resolve({ status: response.statusCode ?? 0, body: '' });
              return;
            }
            chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      request.on('error', reject);
      request.end();
    });
  }
}

function isTlsTrustError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TLS_TRUST_ERRORS.has(code);
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

function progressLine(label: string, observation: Observation): string {
  const prefix = label === '' ? '' : `${label}: `;
  return `${prefix}${stateWithReason(observation)}`;
}

/** The `message` of Argo CD's error body (`runtimeError`), if there is one. */
function apiMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' && parsed.message !== '' ? `: ${parsed.message}` : '';
  } catch {
    return '';
  }
}
