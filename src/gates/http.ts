import { GitcanaryError } from '../errors.js';
import { isTransientStatus, type RetryPolicy, TransientAnswer } from '../retry.js';
import { maskSecrets, secretFromEnv } from '../shared/secrets.js';
import { limitsFrom, runMeasurements } from './analysis.js';
import { parseDuration } from './duration.js';
import { type FetchedAnswer, FetchFailed, fetchAnswer } from './fetch.js';
import { type Condition, parseCondition } from './http-condition.js';
import { type JsonPathSegment, parseJsonPath, selectJsonPath } from './http-jsonpath.js';
import {
  type ExpectStatus,
  type HttpConfig,
  type HttpConfigInput,
  httpConfigSchema,
  parseGateConfig,
} from './schemas.js';
import { contextValues, renderTemplate, TEMPLATE_CHECK_CONTEXT } from './templates.js';
import type { Gate, GateContext, GateResult, Measurement } from './types.js';

// An http gate calls an endpoint like Argo Rollouts' web metric provider: the status must match
// `expectStatus`; then `jsonPath` picks `result` from the JSON body and `successCondition` /
// `failureCondition` decide. With both conditions and neither true, the measurement is
// inconclusive (Argo's rule). A missing path or a type mismatch is an error, not a failure.

export type { HttpConfigInput } from './schemas.js';

export class HttpGate implements Gate {
  readonly kind = 'http';
  readonly config: HttpConfig;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly jsonPath: JsonPathSegment[] | undefined;
  private readonly successCondition: Condition | undefined;
  private readonly failureCondition: Condition | undefined;

  constructor(
    readonly name: string,
    config: HttpConfigInput,
    /** Tests shorten the retry policy's delays. */
    private readonly options: { retry?: RetryPolicy } = {},
  ) {
    this.config = parseGateConfig(httpConfigSchema, config, 'http');
    this.intervalMs = parseDuration(this.config.interval, 'http.interval');
    this.timeoutMs = parseDuration(this.config.timeout, 'http.timeout');
    this.jsonPath = this.config.jsonPath === undefined ? undefined : parseJsonPath(this.config.jsonPath);
    this.successCondition =
      this.config.successCondition === undefined
        ? undefined
        : parseCondition(this.config.successCondition, 'http.successCondition');
    this.failureCondition =
      this.config.failureCondition === undefined
        ? undefined
        : parseCondition(this.config.failureCondition, 'http.failureCondition');
    const url = this.renderUrl(TEMPLATE_CHECK_CONTEXT);
    if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
      throw new GitcanaryError('CONFIG_INVALID', `the url does not render to an http(s) URL: ${url}`, {
        field: 'http.url',
      });
    }
  }

  /** The URL for `context`, every value URL-encoded. */
  renderUrl(context: GateContext): string {
    return renderTemplate(this.config.url, contextValues(context), encodeURIComponent, 'http.url');
  }

  /** Human threshold: the conditions when set, else the expected status. */
  get threshold(): string {
    const conditions = [
      this.successCondition === undefined ? '' : this.successCondition.source,
      this.failureCondition === undefined ? '' : `fail if ${this.failureCondition.source}`,
    ].filter((part) => part !== '');
    return conditions.length > 0
      ? conditions.join('; ')
      : `HTTP ${formatExpectStatus(this.config.expectStatus)}`;
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    const threshold = this.threshold;
    let url: string;
    try {
      url = this.renderUrl(context);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: 'fail', threshold, message, measurements: [] };
    }
    const token =
      this.config.bearerTokenEnv === undefined ? undefined : secretFromEnv(this.config.bearerTokenEnv);
    const outcome = await runMeasurements(
      () => this.measure(url, token, context.signal),
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${measurement.message}`),
      context.clock,
    );
    return { gate: this.name, kind: this.kind, threshold, ...outcome, message: maskSecrets(outcome.message) };
  }

  private async measure(url: string, token: string | undefined, signal: AbortSignal): Promise<Measurement> {
    const headers: Record<string, string> = { ...this.config.headers };
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    let response: FetchedAnswer;
    try {
      response = await fetchAnswer(
        url,
        { method: this.config.method, headers, body: this.config.body },
        {
          signal,
          timeoutMs: this.timeoutMs,
          retry: this.options.retry,
          // A 5xx or 429 the check did not ask for is an outage until the retries say otherwise.
          transient: (answer) => {
            if (isTransientStatus(answer.status) && !statusMatches(answer.status, this.config.expectStatus))
              return `HTTP ${answer.status}`;
            // The check reads JSON: an answer that is none is a proxy's page or noise until retried.
            if (
              this.jsonPath !== undefined &&
              statusMatches(answer.status, this.config.expectStatus) &&
              !isJson(answer.body)
            )
              return 'response is not JSON';
            return undefined;
          },
        },
      );
    } catch (error) {
      signal.throwIfAborted();
      // Still failing after the retries: the last answer decides (a failed measurement).
      if (error instanceof TransientAnswer && error.answer !== undefined)
        response = { ...error.answer, truncated: false };
      else {
        const reason =
          error instanceof FetchFailed && error.timedOut
            ? `timed out after ${this.config.timeout}${error.message.replace(/^.*?( \(tried \d+ times\))?$/, '$1')}`
            : `unreachable: ${error instanceof Error ? error.message : String(error)}`;
        throw new Error(maskSecrets(`${this.config.method} ${url} ${reason}`));
      }
    }
    const body = response.body;
    const at = new Date().toISOString();
    const call = `${this.config.method} ${url} → ${response.status}`;
    if (!statusMatches(response.status, this.config.expectStatus)) {
      return {
        verdict: 'fail',
        value: response.status,
        message: maskSecrets(
          `${call}, expected ${formatExpectStatus(this.config.expectStatus)}${excerpt(body)}`,
        ),
        at,
      };
    }
    if (
      this.jsonPath === undefined &&
      this.successCondition === undefined &&
      this.failureCondition === undefined
    ) {
      return { verdict: 'pass', value: response.status, message: maskSecrets(call), at };
    }

    const result = this.result(body);
    const shown = typeof result === 'object' && result !== null ? JSON.stringify(result) : String(result);
    const value = typeof result === 'number' || typeof result === 'string' ? result : shown;
    const succeeded = this.successCondition?.evaluate(result);
    const failed = this.failureCondition?.evaluate(result);
    let verdict: Measurement['verdict'];
    if (failed === true) verdict = 'fail';
    else if (succeeded === true) verdict = 'pass';
    else if (this.successCondition !== undefined && this.failureCondition !== undefined)
      verdict = 'inconclusive';
    else if (this.successCondition !== undefined) verdict = 'fail';
    else verdict = 'pass';
    const message = `${call}, result ${truncate(shown)} (${this.threshold})`;
    return { verdict, value, message: maskSecrets(message), at };
  }

  /** The value conditions see: the jsonPath selection, else the JSON body, else the text. */
  private result(body: string): unknown {
    let document: unknown;
    try {
      document = JSON.parse(body);
    } catch {
      if (this.jsonPath !== undefined) throw new Error(`response is not JSON${excerpt(body)}`);
      return body.trim();
    }
    return this.jsonPath === undefined
      ? document
      : selectJsonPath(document, this.jsonPath, this.config.jsonPath ?? '$');
  }
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

export function statusMatches(status: number, expected: ExpectStatus): boolean {
  if (typeof expected === 'number') return status === expected;
  if (Array.isArray(expected)) return expected.includes(status);
  return Math.floor(status / 100) === Number(expected[0]);
}

function formatExpectStatus(expected: ExpectStatus): string {
  return Array.isArray(expected) ? expected.join('|') : String(expected);
}

function excerpt(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  return text === '' ? '' : `: ${truncate(text, 200)}`;
}

function truncate(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
