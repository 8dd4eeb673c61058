import { timeoutSignal } from '../../shared/timeout.js';
import { parseJsonPath, selectJsonPath } from '../http-jsonpath.js';
import { prometheusApi } from '../prometheus.js';
import type { Measurement, Verdict } from '../types.js';
import type { ResolvedMetric } from './templates.js';

// One measurement of an Argo metric, as Argo Rollouts' providers take it:
// - prometheus (metricproviders/prometheus/prometheus.go `processResponse`): a scalar is `result`
//   as a number, an instant vector is `result` as an array of numbers (`[]` when empty, so
//   `result[0]` on no data is an evaluation error), any other result type is an error;
// - web (metricproviders/webmetric/webmetric.go `Run`/`parseResponse`): a non-2xx status is an
//   error; a JSON body gives `result` at `jsonPath` (default `{$}`), a body that is not JSON is a
//   successful measurement as it is, unevaluated.
// Then utils/evaluate/evaluate.go `EvaluateResult` decides. A thrown error is an Error measurement.

/** Argo's address fallback for prometheus metrics without one. */
export const PROMETHEUS_ADDRESS_ENV = 'ARGO_ROLLOUTS_PROMETHEUS_ADDRESS';

export interface MeasureOptions {
  signal: AbortSignal;
  env?: NodeJS.ProcessEnv;
}

export async function measureMetric(metric: ResolvedMetric, options: MeasureOptions): Promise<Measurement> {
  const { value, shown } =
    metric.provider.kind === 'prometheus'
      ? await queryPrometheus(metric, options)
      : await callWeb(metric, options);
  const at = new Date().toISOString();
  if (value === NOT_EVALUATED) {
    return {
      verdict: 'pass',
      value: shown,
      message: `${metric.name} = ${shown} (not JSON: successful as is)`,
      at,
    };
  }
  const verdict = evaluateResult(value, metric);
  return {
    verdict,
    value: shown,
    message: `${metric.name} = ${shown}${describeConditions(metric, verdict)}`,
    at,
  };
}

const NOT_EVALUATED = Symbol('not evaluated');

/** EvaluateResult: conditions to a verdict; a condition that cannot be evaluated throws (an error). */
export function evaluateResult(
  result: unknown,
  metric: Pick<ResolvedMetric, 'successCondition' | 'failureCondition'>,
): Verdict {
  const { successCondition, failureCondition } = metric;
  if (successCondition === undefined && failureCondition === undefined) return 'pass';
  let success = successCondition?.evaluate(result) ?? false;
  let failure = failureCondition?.evaluate(result) ?? false;
  // Without a failure condition, not meeting the success condition is a failure, and the reverse.
  if (failureCondition === undefined) failure = !success;
  if (successCondition === undefined) success = !failure;
  if (failure) return 'fail';
  return success ? 'pass' : 'inconclusive';
}

function describeConditions(metric: ResolvedMetric, verdict: Verdict): string {
  const parts = [
    metric.successCondition ? metric.successCondition.source : '',
    metric.failureCondition ? `fail if ${metric.failureCondition.source}` : '',
  ].filter((part) => part !== '');
  if (parts.length === 0) return '';
  return ` (${parts.join('; ')}: ${verdict === 'pass' ? 'successful' : verdict === 'fail' ? 'failed' : 'inconclusive'})`;
}

async function queryPrometheus(
  metric: ResolvedMetric,
  options: MeasureOptions,
): Promise<{ value: unknown; shown: string }> {
  if (metric.provider.kind !== 'prometheus') throw new Error('not a prometheus metric');
  const config = metric.provider.config;
  const address = prometheusAddress(config.address, options.env);
  if (address === undefined)
    throw new Error(`prometheus address is not configured (set it, or ${PROMETHEUS_ADDRESS_ENV})`);
  const headers = Object.fromEntries((config.headers ?? []).map((header) => [header.key, header.value]));
  const timeoutMs = (config.timeout && config.timeout > 0 ? config.timeout : 30) * 1000;
  const data = await prometheusApi(
    address,
    'api/v1/query',
    { query: config.query },
    { headers, token: undefined, signal: timeoutSignal(timeoutMs, options.signal) },
  );
  if (data.resultType === 'scalar') {
    const [, text] = data.result as [number, string];
    const value = sampleValue(text);
    return { value, shown: formatSample(text) };
  }
  if (data.resultType === 'vector') {
    const samples = data.result as { value: [number, string] }[];
    const values = samples.map((sample) => sampleValue(sample.value[1]));
    return { value: values, shown: `[${samples.map((sample) => formatSample(sample.value[1])).join(',')}]` };
  }
  // processResponse: "Prometheus metric type not supported".
  throw new Error(`Prometheus metric type not supported: ${data.resultType}`);
}

/** The template's address; an empty one falls back to ARGO_ROLLOUTS_PROMETHEUS_ADDRESS, as NewPrometheusAPI does. */
export function prometheusAddress(
  address: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const chosen = address !== undefined && address !== '' ? address : env[PROMETHEUS_ADDRESS_ENV];
  if (chosen === undefined || chosen === '') return undefined;
  if (!URL.canParse(chosen)) throw new Error(`prometheus address is not in url format: ${chosen}`);
  return chosen;
}

function sampleValue(text: string): number {
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** Go's model.SampleValue.String(): `NaN`, `+Inf`, shortest float form. */
function formatSample(text: string): string {
  const value = sampleValue(text);
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  if (value === Number.NEGATIVE_INFINITY) return '-Inf';
  return String(value);
}

async function callWeb(
  metric: ResolvedMetric,
  options: MeasureOptions,
): Promise<{ value: unknown; shown: string }> {
  if (metric.provider.kind !== 'web') throw new Error('not a web metric');
  const config = metric.provider.config;
  const method = config.method ?? 'GET';
  if (config.body !== undefined && config.body !== '' && config.jsonBody !== undefined) {
    throw new Error('use either Body or JSONBody; both cannot exists for WebMetric payload');
  }
  const hasBody = (config.body !== undefined && config.body !== '') || config.jsonBody !== undefined;
  if (hasBody && method === 'GET')
    throw new Error('Body/JSONBody can only be used with POST or PUT WebMetric Method types');
  const headers = new Headers();
  for (const header of config.headers ?? []) headers.set(header.key, header.value);
  if (config.jsonBody !== undefined) headers.set('content-type', 'application/json');
  const timeoutMs = (config.timeoutSeconds && config.timeoutSeconds > 0 ? config.timeoutSeconds : 10) * 1000;
  let response: Response;
  try {
    response = await fetch(config.url, {
      method,
      headers,
      ...(hasBody
        ? { body: config.jsonBody !== undefined ? JSON.stringify(config.jsonBody) : config.body }
        : {}),
      signal: timeoutSignal(timeoutMs, options.signal),
      redirect: 'follow',
    });
  } catch (error) {
    options.signal.throwIfAborted();
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    throw new Error(`${method} ${new URL(config.url).origin} failed: ${(error as Error).message}${cause}`);
  }
  const text = await response.text();
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`received non 2xx response code: ${response.status}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { value: NOT_EVALUATED, shown: text.slice(0, 200) };
  }
  const path = config.jsonPath === undefined || config.jsonPath === '' ? '{$}' : config.jsonPath;
  let value: unknown;
  try {
    value = selectJsonPath(data, parseJsonPath(path, 'web.jsonPath'), path);
  } catch (error) {
    throw new Error(`Could not find JSONPath in body: ${(error as Error).message}`);
  }
  return { value, shown: JSON.stringify(value) };
}
