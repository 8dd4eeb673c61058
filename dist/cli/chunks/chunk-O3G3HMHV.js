import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  TemplateCompilerNeeded,
  renderSource,
  templateSource
} from "./chunk-XS2OQZ4O.js";
import {
  systemClock
} from "./chunk-DDVRK4SU.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";

// src/gates/analysis.ts
function isErrorMeasurement(measurement) {
  return measurement.error === true;
}
async function runMeasurements(measureOnce, limits, signal, onMeasurement, clock = systemClock) {
  const measurements = [];
  let taken = 0;
  let failed = 0;
  let inconclusive = 0;
  let consecutiveErrors = 0;
  let consecutiveSuccesses = 0;
  const successLimit = limits.consecutiveSuccessLimit ?? 0;
  let ended = limits.until?.aborted === true;
  if (!ended && (limits.initialDelayMs ?? 0) > 0)
    ended = await waitUnless(limits.initialDelayMs, signal, limits.until, clock);
  while (!ended && taken < limits.count) {
    if (measurements.length > 0) {
      const last2 = measurements[measurements.length - 1];
      const wait = isErrorMeasurement(last2) ? limits.errorIntervalMs ?? limits.intervalMs : limits.intervalMs;
      if (await waitUnless(wait, signal, limits.until, clock)) break;
    }
    signal.throwIfAborted();
    const measurement = await measureSafely(measureOnce, signal, clock);
    measurements.push(measurement);
    onMeasurement?.(measurement, measurements.length - 1);
    if (isErrorMeasurement(measurement)) {
      consecutiveSuccesses = 0;
      consecutiveErrors += 1;
      if (consecutiveErrors > limits.consecutiveErrorLimit) {
        return {
          verdict: "fail",
          value: measurement.value,
          message: `${consecutiveErrors} consecutive errors (limit ${limits.consecutiveErrorLimit}): ${measurement.message}`,
          measurements
        };
      }
      continue;
    }
    consecutiveErrors = 0;
    taken += 1;
    if (measurement.verdict === "fail") failed += 1;
    if (measurement.verdict === "inconclusive") inconclusive += 1;
    consecutiveSuccesses = measurement.verdict === "pass" ? consecutiveSuccesses + 1 : 0;
    if (limits.failureLimit >= 0 && failed > limits.failureLimit) {
      return {
        verdict: "fail",
        value: measurement.value,
        message: `${tally(limits, `${failed} of ${taken} measurements failed (limit ${limits.failureLimit})`)}${measurement.message}`,
        measurements
      };
    }
    if (inconclusive > limits.inconclusiveLimit) {
      return {
        verdict: "inconclusive",
        value: measurement.value,
        message: `${tally(limits, `${inconclusive} of ${taken} measurements inconclusive (limit ${limits.inconclusiveLimit})`)}${measurement.message}`,
        measurements
      };
    }
    if (successLimit > 0 && consecutiveSuccesses >= successLimit) {
      return {
        verdict: "pass",
        value: measurement.value,
        message: `${consecutiveSuccesses} consecutive successes (consecutiveSuccessLimit ${successLimit}): ${measurement.message}`,
        measurements
      };
    }
  }
  if (successLimit > 0 && taken >= limits.count) {
    const last2 = measurements.at(-1);
    return {
      verdict: limits.failureLimit >= 0 ? "inconclusive" : "fail",
      value: last2?.value,
      message: `consecutiveSuccessLimit ${successLimit} not reached in ${taken} measurements${last2 ? `: ${last2.message}` : ""}`,
      measurements
    };
  }
  const last = measurements.at(-1);
  const tolerated = [
    failed > 0 ? `${failed} failed (limit ${limits.failureLimit})` : "",
    inconclusive > 0 ? `${inconclusive} inconclusive (limit ${limits.inconclusiveLimit})` : ""
  ].filter((part) => part !== "");
  const summary = taken === 1 || taken === 0 ? "" : `${taken} measurements${tolerated.length > 0 ? `, ${tolerated.join(", ")}` : ""}: `;
  const stopped = limits.until?.aborted === true;
  return {
    verdict: last === void 0 && !stopped ? "inconclusive" : "pass",
    value: last?.value,
    message: `${summary}${last?.message ?? (stopped ? "step ended before the first measurement" : "no measurement")}`,
    measurements
  };
}
async function waitUnless(ms, signal, until, clock) {
  if (until === void 0) {
    await clock.sleep(ms, signal);
    return false;
  }
  if (until.aborted) return true;
  try {
    await clock.sleep(ms, AbortSignal.any([signal, until]));
  } catch (error) {
    if (signal.aborted) throw error;
  }
  return until.aborted;
}
function tally(limits, text) {
  return limits.count > 1 ? `${text}: ` : "";
}
async function measureSafely(measureOnce, signal, clock) {
  try {
    return await measureOnce();
  } catch (error) {
    signal.throwIfAborted();
    const message = error instanceof Error ? error.message : String(error);
    const measurement = {
      verdict: "inconclusive",
      message: `error: ${message}`,
      at: clock.now().toISOString(),
      error: true
    };
    return measurement;
  }
}
function limitsFrom(config, intervalMs) {
  return {
    intervalMs,
    count: config.count,
    failureLimit: config.failureLimit,
    inconclusiveLimit: config.inconclusiveLimit,
    consecutiveErrorLimit: config.consecutiveErrorLimit
  };
}

// src/gates/templates.ts
function contextValues(context, variables = {}) {
  const allVariables = { ...context.variables, ...variables };
  return {
    releaseName: context.releaseName,
    name: context.releaseName,
    namespace: context.namespace,
    commit: context.commit,
    branch: context.branch,
    stepIndex: context.stepIndex,
    canaryWeight: context.canaryWeight,
    canaryImage: context.canaryImage,
    stableImage: context.stableImage,
    canaryService: context.canaryService,
    stableService: context.stableService,
    route: context.route,
    phase: context.phase,
    ...allVariables,
    variables: allVariables
  };
}
var TEMPLATE_CHECK_CONTEXT = {
  releaseName: "release",
  namespace: "default",
  commit: "0000000000000000000000000000000000000000",
  branch: "main",
  stepIndex: 1,
  canaryWeight: 10,
  canaryImage: "registry.example/app:2",
  stableImage: "registry.example/app:1",
  canaryService: "app-canary",
  stableService: "app-primary",
  route: "app",
  phase: "Progressing",
  variables: {},
  signal: new AbortController().signal,
  progress: () => void 0
};
function renderTemplate(source, values, escapeValue, field) {
  try {
    return renderSource(source, escapeValues(values, escapeValue), { strict: true });
  } catch (error) {
    if (error instanceof TemplateCompilerNeeded) throw error;
    const message = (error instanceof Error ? error.message : String(error)).split("\n")[0].replace(
      / not defined in \[object Object\] - (\d+):(\d+)$/,
      " is not a template variable (line $1, column $2)"
    );
    throw new GitcanaryError("FIELD_INVALID", `cannot render template: ${message}`, {
      field,
      hint: "template variables: releaseName, namespace, commit, canaryWeight, canaryService, stableService, route, target, interval, variables.*",
      cause: error
    });
  }
}
function escapeValues(values, escapeValue) {
  const out = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === void 0) out[key] = escapeValue("");
    else if (typeof value === "object") out[key] = escapeValues(value, escapeValue);
    else out[key] = escapeValue(String(value));
  }
  return out;
}
function escapePromQLString(value) {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}
function shellQuote(value) {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
function builtinMetricTemplate(router, name) {
  const source = /^[A-Za-z][A-Za-z0-9-]*$/.test(router) ? templateSource(`metrics/${router}/${name}`) : void 0;
  if (source === void 0) {
    throw new GitcanaryError("FIELD_INVALID", `no built-in template ${name} for router ${router}`, {
      field: "prometheus.template"
    });
  }
  return source;
}

export {
  runMeasurements,
  limitsFrom,
  contextValues,
  TEMPLATE_CHECK_CONTEXT,
  renderTemplate,
  escapePromQLString,
  shellQuote,
  builtinMetricTemplate
};
