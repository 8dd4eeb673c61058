import { GitcanaryError } from '../errors.js';
import { isTransientStatus, type RetryPolicy, TransientAnswer } from '../retry.js';
import { maskSecrets, secretFromEnv } from '../shared/secrets.js';
import { limitsFrom, runMeasurements } from './analysis.js';
import { formatPromDuration, parseDuration } from './duration.js';
import { type FetchedAnswer, fetchAnswer } from './fetch.js';
import {
  type PrometheusConfig,
  type PrometheusConfigInput,
  parseGateConfig,
  prometheusConfigSchema,
  type ThresholdRange,
} from './schemas.js';
import {
  builtinMetricTemplate,
  contextValues,
  escapePromQLString,
  renderTemplate,
  TEMPLATE_CHECK_CONTEXT,
} from './templates.js';
import type { Gate, GateContext, GateResult, Measurement } from './types.js';

// A Prometheus gate runs one instant query (`/api/v1/query`) per measurement and checks the
// result against `thresholdRange`, like a Flagger metric or an Argo Rollouts prometheus metric.

export type { PrometheusConfigInput } from './schemas.js';

export class PrometheusGate implements Gate {
  readonly kind = 'prometheus';
  readonly config: PrometheusConfig;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(
    readonly name: string,
    config: PrometheusConfigInput,
    /** Tests shorten the retry policy's delays. */
    private readonly options: { retry?: RetryPolicy } = {},
  ) {
    this.config = parseGateConfig(prometheusConfigSchema, config, 'prometheus');
    this.intervalMs = parseDuration(this.config.interval, 'prometheus.interval');
    this.timeoutMs = parseDuration(this.config.timeout, 'prometheus.timeout');
    this.renderQuery(TEMPLATE_CHECK_CONTEXT);
  }

  /** The PromQL this gate runs for `context`, values escaped for PromQL strings. */
  renderQuery(context: GateContext): string {
    const source =
      this.config.query ??
      builtinMetricTemplate(this.config.router ?? '', this.config.template ?? 'request-success-rate');
    const base = contextValues(context, this.config.variables);
    const target = stringOr(base.target, context.releaseName);
    // Flagger's query variables: name, namespace, target, service, ingress, route, interval.
    const values = {
      target,
      service: target,
      ingress: stringOr(base.route, ''),
      interval: formatPromDuration(this.intervalMs),
      ...base,
    };
    return renderTemplate(source, values, escapePromQLString, 'prometheus.query').trim();
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    const threshold = formatThreshold(this.config.thresholdRange);
    let query: string;
    try {
      query = this.renderQuery(context);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: 'fail', threshold, message, measurements: [] };
    }
    const token =
      this.config.bearerTokenEnv === undefined ? undefined : secretFromEnv(this.config.bearerTokenEnv);
    const outcome = await runMeasurements(
      () => this.measure(query, token, context.signal),
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${measurement.message}`),
      context.clock,
    );
    return { gate: this.name, kind: this.kind, threshold, ...outcome, message: maskSecrets(outcome.message) };
  }

  private async measure(query: string, token: string | undefined, signal: AbortSignal): Promise<Measurement> {
    const value = await instantQuery(this.config.address, query, {
      headers: this.config.headers ?? {},
      token,
      signal,
      timeoutMs: this.timeoutMs,
      retry: this.options.retry,
    });
    const at = new Date().toISOString();
    // As Argo Rollouts: an empty result is a measurement error — the query runs again next interval
    // and consecutiveErrorLimit bounds how long (processResponse hands `[]` to the success condition,
    // whose `result[0]` errors) — and NaN fails the range, as it fails any condition (utils/evaluate).
    // A Flagger metric has consecutiveErrorLimit 0: no values is a failed check, as RunQuery's
    // ErrNoValuesFound is in Flagger.
    if (value === undefined) throw new Error(`${this.name}: no data (empty result)`);
    if (Number.isNaN(value)) {
      const threshold = formatThreshold(this.config.thresholdRange);
      return { verdict: 'fail', value: 'NaN', message: `${this.name} = NaN (threshold ${threshold})`, at };
    }
    const threshold = formatThreshold(this.config.thresholdRange);
    const verdict = inRange(value, this.config.thresholdRange) ? 'pass' : 'fail';
    return { verdict, value, message: `${this.name} = ${formatValue(value)} (threshold ${threshold})`, at };
  }
}

export interface InstantQueryOptions {
  headers: Record<string, string>;
  token: string | undefined;
  signal: AbortSignal;
  /** Time limit of one attempt (default 30 s). */
  timeoutMs?: number | undefined;
  retry?: RetryPolicy | undefined;
}

/**
 * One instant query. Returns the single sample's value, `undefined` for an empty vector (no data),
 * NaN for NaN; throws on HTTP/API errors and on results with several samples or of another type.
 * A refused or reset connection, a timeout, a 5xx/429 or an answer that is not Prometheus' JSON
 * is asked again with the shared retry policy (src/retry.ts) before it throws.
 */
export async function instantQuery(
  address: string,
  query: string,
  options: InstantQueryOptions,
): Promise<number | undefined> {
  return sampleValue(await prometheusApi(address, 'api/v1/query', { query }, options));
}

/**
 * One range query (`/api/v1/query_range`): the single series' `[unix seconds, value]` samples,
 * empty when the query matched nothing; throws like `instantQuery`, and on several series.
 */
export async function rangeQuery(
  address: string,
  query: string,
  range: { start: number; end: number; step: number },
  options: InstantQueryOptions,
): Promise<[number, number][]> {
  const params = { query, start: String(range.start), end: String(range.end), step: String(range.step) };
  const data = await prometheusApi(address, 'api/v1/query_range', params, options);
  if (data.resultType !== 'matrix')
    throw new Error(`query returned a ${data.resultType}, expected a range vector`);
  const series = data.result as { metric: Record<string, string>; values: SamplePair[] }[];
  if (series.length === 0) return [];
  if (series.length > 1) throw severalSeries(series);
  return series[0]!.values.map(([time, value]) => [time, parseSampleValue(value)]);
}

/** One Prometheus HTTP API call; the `data` of a `success` answer, else an error naming the cause. */
export async function prometheusApi(
  address: string,
  endpoint: string,
  params: Record<string, string>,
  options: InstantQueryOptions,
): Promise<NonNullable<PrometheusResponse['data']>> {
  const url = new URL(endpoint, address.endsWith('/') ? address : `${address}/`);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
    ...options.headers,
  };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let answer: FetchedAnswer;
  try {
    // POST with a form body: long queries do not hit URL length limits (Prometheus accepts both).
    answer = await fetchAnswer(
      url,
      { method: 'POST', headers, body: new URLSearchParams(params) },
      {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? 30_000,
        retry: options.retry,
        transient: ({ status, body }) => {
          if (isTransientStatus(status)) return `prometheus query failed: HTTP ${status}: ${excerpt(body)}`;
          // Prometheus always answers JSON (errors too); anything else is a proxy or noise.
          if (parseResponse(body) === undefined)
            return `prometheus answered HTTP ${status} that is not its JSON: ${excerpt(body)}`;
          return undefined;
        },
      },
    );
  } catch (error) {
    options.signal.throwIfAborted();
    if (error instanceof TransientAnswer) throw new Error(error.message);
    throw new Error(
      `prometheus ${url.origin} unreachable: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const body = parseResponse(answer.body);
  if (answer.status < 200 || answer.status >= 300 || body?.status !== 'success') {
    const reason = body?.error ?? excerpt(answer.body);
    throw new Error(`prometheus query failed: HTTP ${answer.status}: ${reason}`);
  }
  if (body.data === undefined) throw new Error('prometheus answered without data');
  return body.data;
}

function parseResponse(text: string): PrometheusResponse | undefined {
  try {
    const parsed = JSON.parse(text) as PrometheusResponse | null;
    return parsed !== null && typeof parsed === 'object' && typeof parsed.status === 'string'
      ? parsed
      : undefined;
  } catch {
    return undefined;
  }
}

/** The start of a body, on one line. */
function excerpt(text: string): string {
  return text.slice(0, 200).replace(/\s+/g, ' ').trim();
}

interface PrometheusResponse {
  status: 'success' | 'error';
  data?: { resultType: string; result: unknown };
  errorType?: string;
  error?: string;
}

type SamplePair = [number, string];

function sampleValue(data: NonNullable<PrometheusResponse['data']>): number | undefined {
  if (data.resultType === 'scalar') return parseSampleValue((data.result as SamplePair)[1]);
  if (data.resultType === 'vector') {
    const samples = data.result as { metric: Record<string, string>; value: SamplePair }[];
    if (samples.length === 0) return undefined;
    if (samples.length > 1) throw severalSeries(samples);
    return parseSampleValue(samples[0]!.value[1]);
  }
  throw new Error(`query returned a ${data.resultType}, expected a scalar or an instant vector`);
}

function severalSeries(series: { metric: Record<string, string> }[]): Error {
  const labels = series.slice(0, 3).map((each) => JSON.stringify(each.metric));
  return new Error(
    `query returned ${series.length} series, expected one (aggregate with sum/avg): ${labels.join(', ')}`,
  );
}

/** Prometheus encodes sample values as strings, with `+Inf`, `-Inf` and `NaN`. */
function parseSampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

export function inRange(value: number, range: ThresholdRange): boolean {
  return (range.min === undefined || value >= range.min) && (range.max === undefined || value <= range.max);
}

/** `>= 99`, `<= 500`, or `[0.99, 1]`. */
export function formatThreshold(range: ThresholdRange): string {
  if (range.min !== undefined && range.max !== undefined) return `[${range.min}, ${range.max}]`;
  if (range.min !== undefined) return `>= ${range.min}`;
  return `<= ${range.max}`;
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' && value !== '' ? value : fallback;
}
