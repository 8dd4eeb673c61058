import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  fetchAnswer
} from "./chunk-NDP2KJ5T.js";
import {
  TransientAnswer,
  isTransientStatus
} from "./chunk-WMZLU4BU.js";
import {
  TEMPLATE_CHECK_CONTEXT,
  builtinMetricTemplate,
  contextValues,
  escapePromQLString,
  limitsFrom,
  renderTemplate,
  runMeasurements
} from "./chunk-O3G3HMHV.js";
import {
  formatPromDuration,
  parseDuration,
  parseGateConfig,
  prometheusConfigSchema
} from "./chunk-RQCOFY3H.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets,
  secretFromEnv
} from "./chunk-K7FAASV6.js";

// src/gates/prometheus.ts
var PrometheusGate = class {
  constructor(name, config, options = {}) {
    this.name = name;
    this.options = options;
    this.config = parseGateConfig(prometheusConfigSchema, config, "prometheus");
    this.intervalMs = parseDuration(this.config.interval, "prometheus.interval");
    this.timeoutMs = parseDuration(this.config.timeout, "prometheus.timeout");
    this.renderQuery(TEMPLATE_CHECK_CONTEXT);
  }
  name;
  options;
  kind = "prometheus";
  config;
  intervalMs;
  timeoutMs;
  /** The PromQL this gate runs for `context`, values escaped for PromQL strings. */
  renderQuery(context) {
    const source = this.config.query ?? builtinMetricTemplate(this.config.router ?? "", this.config.template ?? "request-success-rate");
    const base = contextValues(context, this.config.variables);
    const target = stringOr(base.target, context.releaseName);
    const values = {
      target,
      service: target,
      ingress: stringOr(base.route, ""),
      interval: formatPromDuration(this.intervalMs),
      ...base
    };
    return renderTemplate(source, values, escapePromQLString, "prometheus.query").trim();
  }
  async evaluate(context) {
    const threshold = formatThreshold(this.config.thresholdRange);
    let query;
    try {
      query = this.renderQuery(context);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const token = this.config.bearerTokenEnv === void 0 ? void 0 : secretFromEnv(this.config.bearerTokenEnv);
    const outcome = await runMeasurements(
      () => this.measure(query, token, context.signal),
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) => context.progress(`${this.name} #${index + 1}: ${measurement.message}`),
      context.clock
    );
    return { gate: this.name, kind: this.kind, threshold, ...outcome, message: maskSecrets(outcome.message) };
  }
  async measure(query, token, signal) {
    const value = await instantQuery(this.config.address, query, {
      headers: this.config.headers ?? {},
      token,
      signal,
      timeoutMs: this.timeoutMs,
      retry: this.options.retry
    });
    const at = (/* @__PURE__ */ new Date()).toISOString();
    if (value === void 0) throw new Error(`${this.name}: no data (empty result)`);
    if (Number.isNaN(value)) {
      const threshold2 = formatThreshold(this.config.thresholdRange);
      return { verdict: "fail", value: "NaN", message: `${this.name} = NaN (threshold ${threshold2})`, at };
    }
    const threshold = formatThreshold(this.config.thresholdRange);
    const verdict = inRange(value, this.config.thresholdRange) ? "pass" : "fail";
    return { verdict, value, message: `${this.name} = ${formatValue(value)} (threshold ${threshold})`, at };
  }
};
async function instantQuery(address, query, options) {
  return sampleValue(await prometheusApi(address, "api/v1/query", { query }, options));
}
async function rangeQuery(address, query, range, options) {
  const params = { query, start: String(range.start), end: String(range.end), step: String(range.step) };
  const data = await prometheusApi(address, "api/v1/query_range", params, options);
  if (data.resultType !== "matrix")
    throw new Error(`query returned a ${data.resultType}, expected a range vector`);
  const series = data.result;
  if (series.length === 0) return [];
  if (series.length > 1) throw severalSeries(series);
  return series[0].values.map(([time, value]) => [time, parseSampleValue(value)]);
}
async function prometheusApi(address, endpoint, params, options) {
  const url = new URL(endpoint, address.endsWith("/") ? address : `${address}/`);
  const headers = {
    "content-type": "application/x-www-form-urlencoded",
    accept: "application/json",
    ...options.headers
  };
  if (options.token !== void 0) headers.authorization = `Bearer ${options.token}`;
  let answer;
  try {
    answer = await fetchAnswer(
      url,
      { method: "POST", headers, body: new URLSearchParams(params) },
      {
        signal: options.signal,
        timeoutMs: options.timeoutMs ?? 3e4,
        retry: options.retry,
        transient: ({ status, body: body2 }) => {
          if (isTransientStatus(status)) return `prometheus query failed: HTTP ${status}: ${excerpt(body2)}`;
          if (parseResponse(body2) === void 0)
            return `prometheus answered HTTP ${status} that is not its JSON: ${excerpt(body2)}`;
          return void 0;
        }
      }
    );
  } catch (error) {
    options.signal.throwIfAborted();
    if (error instanceof TransientAnswer) throw new Error(error.message);
    throw new Error(
      `prometheus ${url.origin} unreachable: ${error instanceof Error ? error.message : String(error)}`
    );
  }
  const body = parseResponse(answer.body);
  if (answer.status < 200 || answer.status >= 300 || body?.status !== "success") {
    const reason = body?.error ?? excerpt(answer.body);
    throw new Error(`prometheus query failed: HTTP ${answer.status}: ${reason}`);
  }
  if (body.data === void 0) throw new Error("prometheus answered without data");
  return body.data;
}
function parseResponse(text) {
  try {
    const parsed = JSON.parse(text);
    return parsed !== null && typeof parsed === "object" && typeof parsed.status === "string" ? parsed : void 0;
  } catch {
    return void 0;
  }
}
function excerpt(text) {
  return text.slice(0, 200).replace(/\s+/g, " ").trim();
}
function sampleValue(data) {
  if (data.resultType === "scalar") return parseSampleValue(data.result[1]);
  if (data.resultType === "vector") {
    const samples = data.result;
    if (samples.length === 0) return void 0;
    if (samples.length > 1) throw severalSeries(samples);
    return parseSampleValue(samples[0].value[1]);
  }
  throw new Error(`query returned a ${data.resultType}, expected a scalar or an instant vector`);
}
function severalSeries(series) {
  const labels = series.slice(0, 3).map((each) => JSON.stringify(each.metric));
  return new Error(
    `query returned ${series.length} series, expected one (aggregate with sum/avg): ${labels.join(", ")}`
  );
}
function parseSampleValue(text) {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}
function inRange(value, range) {
  return (range.min === void 0 || value >= range.min) && (range.max === void 0 || value <= range.max);
}
function formatThreshold(range) {
  if (range.min !== void 0 && range.max !== void 0) return `[${range.min}, ${range.max}]`;
  if (range.min !== void 0) return `>= ${range.min}`;
  return `<= ${range.max}`;
}
function formatValue(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}
function stringOr(value, fallback) {
  return typeof value === "string" && value !== "" ? value : fallback;
}

export {
  PrometheusGate,
  instantQuery,
  rangeQuery,
  prometheusApi,
  inRange,
  formatThreshold
};
