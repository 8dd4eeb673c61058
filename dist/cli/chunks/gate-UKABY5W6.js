import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  parseJsonPath,
  selectJsonPath
} from "./chunk-AYWPWCQ3.js";
import {
  ERROR_RETRY_INTERVAL_MS,
  resolveRun
} from "./chunk-Q4P5DKAW.js";
import {
  loadTree
} from "./chunk-XJFDB2OJ.js";
import {
  prometheusApi
} from "./chunk-AUKBY7KF.js";
import "./chunk-NDP2KJ5T.js";
import "./chunk-WMZLU4BU.js";
import {
  runMeasurements
} from "./chunk-O3G3HMHV.js";
import "./chunk-XS2OQZ4O.js";
import {
  systemClock
} from "./chunk-DDVRK4SU.js";
import "./chunk-KGKE37OE.js";
import {
  timeoutSignal
} from "./chunk-5YYKMCEQ.js";
import "./chunk-YNPOA2B2.js";
import {
  argoAnalysisConfigSchema,
  parseDuration,
  parseGateConfig
} from "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/gates/argo-analysis/providers.ts
var PROMETHEUS_ADDRESS_ENV = "ARGO_ROLLOUTS_PROMETHEUS_ADDRESS";
async function measureMetric(metric, options) {
  const { value, shown } = metric.provider.kind === "prometheus" ? await queryPrometheus(metric, options) : await callWeb(metric, options);
  const at = (/* @__PURE__ */ new Date()).toISOString();
  if (value === NOT_EVALUATED) {
    return {
      verdict: "pass",
      value: shown,
      message: `${metric.name} = ${shown} (not JSON: successful as is)`,
      at
    };
  }
  const verdict = evaluateResult(value, metric);
  return {
    verdict,
    value: shown,
    message: `${metric.name} = ${shown}${describeConditions(metric, verdict)}`,
    at
  };
}
var NOT_EVALUATED = /* @__PURE__ */ Symbol("not evaluated");
function evaluateResult(result, metric) {
  const { successCondition, failureCondition } = metric;
  if (successCondition === void 0 && failureCondition === void 0) return "pass";
  let success = successCondition?.evaluate(result) ?? false;
  let failure = failureCondition?.evaluate(result) ?? false;
  if (failureCondition === void 0) failure = !success;
  if (successCondition === void 0) success = !failure;
  if (failure) return "fail";
  return success ? "pass" : "inconclusive";
}
function describeConditions(metric, verdict) {
  const parts = [
    metric.successCondition ? metric.successCondition.source : "",
    metric.failureCondition ? `fail if ${metric.failureCondition.source}` : ""
  ].filter((part) => part !== "");
  if (parts.length === 0) return "";
  return ` (${parts.join("; ")}: ${verdict === "pass" ? "successful" : verdict === "fail" ? "failed" : "inconclusive"})`;
}
async function queryPrometheus(metric, options) {
  if (metric.provider.kind !== "prometheus") throw new Error("not a prometheus metric");
  const config = metric.provider.config;
  const address = prometheusAddress(config.address, options.env);
  if (address === void 0)
    throw new Error(`prometheus address is not configured (set it, or ${PROMETHEUS_ADDRESS_ENV})`);
  const headers = Object.fromEntries((config.headers ?? []).map((header) => [header.key, header.value]));
  const timeoutMs = (config.timeout && config.timeout > 0 ? config.timeout : 30) * 1e3;
  const data = await prometheusApi(
    address,
    "api/v1/query",
    { query: config.query },
    { headers, token: void 0, signal: timeoutSignal(timeoutMs, options.signal) }
  );
  if (data.resultType === "scalar") {
    const [, text] = data.result;
    const value = sampleValue(text);
    return { value, shown: formatSample(text) };
  }
  if (data.resultType === "vector") {
    const samples = data.result;
    const values = samples.map((sample) => sampleValue(sample.value[1]));
    return { value: values, shown: `[${samples.map((sample) => formatSample(sample.value[1])).join(",")}]` };
  }
  throw new Error(`Prometheus metric type not supported: ${data.resultType}`);
}
function prometheusAddress(address, env = process.env) {
  const chosen = address !== void 0 && address !== "" ? address : env[PROMETHEUS_ADDRESS_ENV];
  if (chosen === void 0 || chosen === "") return void 0;
  if (!URL.canParse(chosen)) throw new Error(`prometheus address is not in url format: ${chosen}`);
  return chosen;
}
function sampleValue(text) {
  if (text === "+Inf" || text === "Inf") return Number.POSITIVE_INFINITY;
  if (text === "-Inf") return Number.NEGATIVE_INFINITY;
  return Number(text);
}
function formatSample(text) {
  const value = sampleValue(text);
  if (Number.isNaN(value)) return "NaN";
  if (value === Number.POSITIVE_INFINITY) return "+Inf";
  if (value === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(value);
}
async function callWeb(metric, options) {
  if (metric.provider.kind !== "web") throw new Error("not a web metric");
  const config = metric.provider.config;
  const method = config.method ?? "GET";
  if (config.body !== void 0 && config.body !== "" && config.jsonBody !== void 0) {
    throw new Error("use either Body or JSONBody; both cannot exists for WebMetric payload");
  }
  const hasBody = config.body !== void 0 && config.body !== "" || config.jsonBody !== void 0;
  if (hasBody && method === "GET")
    throw new Error("Body/JSONBody can only be used with POST or PUT WebMetric Method types");
  const headers = new Headers();
  for (const header of config.headers ?? []) headers.set(header.key, header.value);
  if (config.jsonBody !== void 0) headers.set("content-type", "application/json");
  const timeoutMs = (config.timeoutSeconds && config.timeoutSeconds > 0 ? config.timeoutSeconds : 10) * 1e3;
  let response;
  try {
    response = await fetch(config.url, {
      method,
      headers,
      ...hasBody ? { body: config.jsonBody !== void 0 ? JSON.stringify(config.jsonBody) : config.body } : {},
      signal: timeoutSignal(timeoutMs, options.signal),
      redirect: "follow"
    });
  } catch (error) {
    options.signal.throwIfAborted();
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
    throw new Error(`${method} ${new URL(config.url).origin} failed: ${error.message}${cause}`);
  }
  const text = await response.text();
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`received non 2xx response code: ${response.status}`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { value: NOT_EVALUATED, shown: text.slice(0, 200) };
  }
  const path = config.jsonPath === void 0 || config.jsonPath === "" ? "{$}" : config.jsonPath;
  let value;
  try {
    value = selectJsonPath(data, parseJsonPath(path, "web.jsonPath"), path);
  } catch (error) {
    throw new Error(`Could not find JSONPath in body: ${error.message}`);
  }
  return { value, shown: JSON.stringify(value) };
}

// src/gates/argo-analysis/gate.ts
var ArgoAnalysisGate = class {
  constructor(name, config) {
    this.name = name;
    this.config = parseGateConfig(argoAnalysisConfigSchema, config, "argoAnalysis");
    this.runForMs = this.config.runFor === void 0 ? void 0 : parseDuration(this.config.runFor, "argoAnalysis.runFor");
  }
  name;
  kind = "argoAnalysis";
  config;
  runForMs;
  /** Loads the templates and resolves args: what `run` checks before its first commit. */
  async check(repoRoot, namespace) {
    const tree = await loadTree(repoRoot, [this.config.path]);
    return resolveRun(tree, {
      templates: this.config.templates,
      args: this.config.args,
      dryRun: this.config.dryRun,
      measurementRetention: this.config.measurementRetention,
      namespace,
      fieldRefObject: this.config.fieldRefObject,
      background: this.runForMs !== void 0
    });
  }
  async evaluate(context) {
    const threshold = this.config.templates.map((ref) => ref.templateName).join(", ");
    if (context.repoRoot === void 0) {
      throw new GitcanaryError("INTERNAL", "the argoAnalysis gate needs the GitOps working copy", {
        field: `gates.${this.name}`
      });
    }
    let run;
    try {
      run = await this.check(context.repoRoot, context.namespace);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: "fail", threshold, message, measurements: [] };
    }
    const outcome = await this.#measure(run.metrics, context);
    const mask = (text) => maskSecrets(run.secrets.reduce((out, secret) => out.split(secret).join("*****"), text));
    return {
      gate: this.name,
      kind: this.kind,
      threshold,
      verdict: outcome.verdict,
      value: outcome.value,
      message: mask(outcome.message),
      measurements: outcome.measurements.map((measurement) => ({
        ...measurement,
        message: mask(measurement.message)
      }))
    };
  }
  async #measure(metrics, context) {
    const terminate = new AbortController();
    const stepEnded = new AbortController();
    const ended = this.runForMs === void 0 ? void 0 : (context.clock ?? systemClock).sleep(this.runForMs, AbortSignal.any([context.signal, terminate.signal])).then(
      () => stepEnded.abort(),
      () => void 0
    );
    const results = await Promise.all(
      metrics.map(async (metric) => {
        const limits = {
          intervalMs: metric.intervalMs ?? ERROR_RETRY_INTERVAL_MS,
          count: metric.count ?? Number.POSITIVE_INFINITY,
          failureLimit: metric.failureLimit,
          inconclusiveLimit: metric.inconclusiveLimit,
          consecutiveErrorLimit: metric.consecutiveErrorLimit,
          consecutiveSuccessLimit: metric.consecutiveSuccessLimit,
          initialDelayMs: metric.initialDelayMs,
          errorIntervalMs: ERROR_RETRY_INTERVAL_MS,
          until: AbortSignal.any([terminate.signal, stepEnded.signal])
        };
        const outcome = await runMeasurements(
          () => measureMetric(metric, { signal: context.signal }),
          limits,
          context.signal,
          (measurement, index) => context.progress(`${this.name}/${metric.name} #${index + 1}: ${measurement.message}`),
          context.clock
        );
        if (!metric.dryRun && outcome.verdict !== "pass") terminate.abort();
        return { metric, outcome };
      })
    );
    const counted = results.filter(({ metric }) => !metric.dryRun);
    if (counted.every(({ outcome }) => outcome.verdict === "pass")) await ended;
    terminate.abort();
    await ended;
    const worst = counted.reduce(
      (current, result) => current === void 0 || rank(result.outcome.verdict) > rank(current.outcome.verdict) ? result : current,
      void 0
    );
    const verdict = worst?.outcome.verdict ?? "pass";
    const lines = results.map(({ metric, outcome }) => {
      const tag = metric.dryRun ? " (dry run)" : "";
      return `${metric.name}${tag}: ${word(outcome.verdict)}: ${outcome.message}`;
    });
    const measurements = results.flatMap(
      ({ metric, outcome }) => (
        // measurementRetention: the latest N per metric (Argo keeps 10 unless told).
        outcome.measurements.slice(-metric.retention).map((measurement) => ({
          ...measurement,
          message: `${metric.name}: ${measurement.message}`
        }))
      )
    );
    return {
      verdict,
      value: (worst ?? results[0])?.outcome.value,
      message: lines.length === 1 ? lines[0] : lines.join("; "),
      measurements
    };
  }
};
function rank(verdict) {
  return verdict === "fail" ? 2 : verdict === "inconclusive" ? 1 : 0;
}
function word(verdict) {
  return verdict === "pass" ? "Successful" : verdict === "fail" ? "Failed" : "Inconclusive";
}
export {
  ArgoAnalysisGate
};
