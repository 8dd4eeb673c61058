import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  timeoutSignal
} from "./chunk-5YYKMCEQ.js";
import {
  AbortError,
  pRetry
} from "./chunk-YNPOA2B2.js";
import {
  parseDuration,
  parseGateConfig,
  webhookConfigSchema
} from "./chunk-RQCOFY3H.js";
import {
  maskSecrets
} from "./chunk-K7FAASV6.js";

// src/gates/webhook.ts
import { createHash } from "node:crypto";

// src/gates/post-json.ts
var MAX_BODY_BYTES = 64 * 1024;
var PostTimeoutError = class extends Error {
  constructor(timeoutMs) {
    super(`no answer within ${timeoutMs}ms`);
    this.timeoutMs = timeoutMs;
    this.name = "PostTimeoutError";
  }
  timeoutMs;
};
async function postJson(url, body, options) {
  const target = new URL(url);
  const client = target.protocol === "https:" ? await import("node:https") : target.protocol === "http:" ? await import("node:http") : void 0;
  if (client === void 0) throw new Error(`unsupported URL scheme ${target.protocol}`);
  const timeout = timeoutSignal(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  return new Promise((resolve, reject) => {
    const fail = (error) => {
      if (timeout.aborted && !options.signal?.aborted) reject(new PostTimeoutError(options.timeoutMs));
      else if (options.signal?.aborted) reject(options.signal.reason);
      else reject(error);
    };
    const request = client.request(
      target,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          ...options.headers
        },
        signal,
        ...target.protocol === "https:" && options.insecure ? { rejectUnauthorized: false } : {}
      },
      (response) => {
        const chunks = [];
        let size = 0;
        response.on("data", (chunk) => {
          if (size < MAX_BODY_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on(
          "end",
          () => resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks).subarray(0, MAX_BODY_BYTES).toString("utf8")
          })
        );
        response.on("error", fail);
      }
    );
    request.on("error", fail);
    request.end(body);
  });
}
function isCertificateError(error) {
  const code = error?.code;
  return typeof code === "string" && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/.test(code);
}

// src/gates/webhook.ts
var webhookFiresAt = {
  // Before the canary gets any change (Flagger: before scaling up the canary); manual approval.
  "confirm-rollout": { at: "before-first-step", effect: "wait" },
  // Before the first traffic moves to the canary (Flagger: failures count toward threshold).
  "pre-rollout": { at: "before-traffic", effect: "gate" },
  // On every analysis iteration, before the metric checks.
  rollout: { at: "each-analysis", effect: "gate" },
  // Right before each weight increase.
  "confirm-traffic-increase": { at: "before-weight-increase", effect: "wait" },
  // Before promotion; metrics and rollout hooks keep running while it waits.
  "confirm-promotion": { at: "before-promotion", effect: "wait" },
  // After promotion or rollback; Flagger only logs a failure (runPostRolloutHooks).
  "post-rollout": { at: "after-release", effect: "notify" },
  // Polled while Progressing or waiting for a confirmation; 2xx stops the release as failed.
  rollback: { at: "while-progressing", effect: "rollback" },
  // On every event Flagger would emit (sendEventToWebhook); sent by src/notify, never decides.
  event: { at: "every-event", effect: "notify" }
};
function webhookChecksum(subject) {
  const candidate = subject.canaryImage ?? subject.commit;
  return createHash("sha256").update(`${subject.namespace}/${subject.releaseName}@${candidate}`).digest("hex").slice(0, 16);
}
function webhookPayload(subject, metadata) {
  const payload = {
    name: subject.releaseName,
    namespace: subject.namespace,
    phase: subject.phase,
    checksum: webhookChecksum(subject)
  };
  if (metadata !== void 0 && Object.keys(metadata).length > 0) payload.metadata = sortedKeys(metadata);
  return payload;
}
function eventPayload(subject, metadata, eventMessage, eventType, now = /* @__PURE__ */ new Date()) {
  return webhookPayload(subject, {
    ...metadata,
    eventMessage,
    eventType,
    timestamp: String(now.getTime())
  });
}
function sortedKeys(map) {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function flaggerAccepts(status) {
  return status >= 200 && status <= 202;
}
function retryableStatus(status) {
  return status === 429 || status >= 500 && status !== 501;
}
var FLAGGER_BACKOFF = { minMs: 1e3, maxMs: 3e4 };
var RetryableAnswer = class extends Error {
  constructor(answer) {
    super(`HTTP ${answer.status}`);
    this.answer = answer;
  }
  answer;
};
async function callWebhook(url, payload, options) {
  const body = JSON.stringify(payload);
  const backoff = options.backoff ?? FLAGGER_BACKOFF;
  let attempts = 0;
  try {
    return await pRetry(
      async () => {
        attempts += 1;
        let answer;
        try {
          answer = await postJson(url, body, {
            timeoutMs: options.timeoutMs,
            insecure: options.disableTLS,
            signal: options.signal
          });
        } catch (error) {
          if (options.signal.aborted || isCertificateError(error)) throw new AbortError(error);
          throw error;
        }
        if (retryableStatus(answer.status)) throw new RetryableAnswer(answer);
        return { ...answer, attempts };
      },
      {
        retries: options.retries,
        factor: 2,
        minTimeout: backoff.minMs,
        maxTimeout: backoff.maxMs,
        randomize: false,
        signal: options.signal
      }
    );
  } catch (error) {
    if (error instanceof RetryableAnswer) return { ...error.answer, attempts };
    throw error;
  }
}
var WebhookGate = class {
  constructor(name, config, backoff) {
    this.name = name;
    this.backoff = backoff;
    this.config = parseGateConfig(webhookConfigSchema, config, "webhook");
    this.timeoutMs = parseDuration(this.config.timeout, "webhook.timeout");
  }
  name;
  backoff;
  kind = "webhook";
  config;
  timeoutMs;
  /** The engine acts on the verdict as Flagger acts on this webhook type (see webhookFiresAt). */
  get effect() {
    const { effect } = webhookFiresAt[this.config.type];
    return effect === "gate" ? "decide" : effect;
  }
  async evaluate(context) {
    const effect = webhookFiresAt[this.config.type].effect;
    const payload = this.config.type === "event" ? eventPayload(
      context,
      this.config.metadata,
      `${this.name}: ${context.phase} at step ${context.stepIndex}`,
      "Normal"
    ) : webhookPayload(context, this.config.metadata);
    const target = `${this.config.type} webhook ${maskSecrets(this.config.url)}`;
    const at = () => (/* @__PURE__ */ new Date()).toISOString();
    let measurement;
    try {
      const answer = await callWebhook(this.config.url, payload, {
        timeoutMs: this.timeoutMs,
        retries: this.config.retries,
        disableTLS: this.config.disableTLS,
        signal: context.signal,
        backoff: this.backoff
      });
      const ok = flaggerAccepts(answer.status);
      const excerpt = ok ? "" : bodyExcerpt(answer.body);
      const tries = answer.attempts > 1 ? ` after ${answer.attempts} attempts` : "";
      measurement = {
        verdict: verdictFor(effect, ok),
        value: answer.status,
        message: maskSecrets(
          `${target} answered HTTP ${answer.status}${tries}${describe(effect, ok, answer.status)}${excerpt}`
        ),
        at: at()
      };
    } catch (error) {
      context.signal.throwIfAborted();
      const reason = error instanceof PostTimeoutError ? `timed out after ${this.config.timeout}` : errorMessage(error);
      measurement = {
        verdict: unreachableVerdict(effect),
        value: "error",
        message: maskSecrets(`${target} ${reason}${describe(effect, false, void 0)}`),
        at: at()
      };
    }
    context.progress(`${this.name}: ${measurement.message}`);
    return {
      gate: this.name,
      kind: this.kind,
      verdict: measurement.verdict,
      value: measurement.value,
      threshold: THRESHOLDS[effect],
      message: measurement.message,
      measurements: [measurement]
    };
  }
};
var THRESHOLDS = {
  gate: "HTTP 200-202",
  wait: "HTTP 200-202",
  rollback: "no HTTP 200-202 (200-202 requests rollback)",
  notify: "notification (never fails the release)"
};
function verdictFor(effect, ok) {
  if (effect === "notify") return "pass";
  if (effect === "rollback") return ok ? "fail" : "pass";
  if (effect === "wait") return ok ? "pass" : "inconclusive";
  return ok ? "pass" : "fail";
}
function unreachableVerdict(effect) {
  if (effect === "gate") return "fail";
  if (effect === "wait") return "inconclusive";
  return "pass";
}
function describe(effect, ok, status) {
  if (effect === "notify") return ok ? "" : " (notification only: the release goes on)";
  if (effect === "rollback") return ok ? ": rollback requested" : ": no rollback requested";
  const refused = status !== void 0 && status >= 203 && status < 300 ? " (Flagger counts only 200-202 as success)" : "";
  if (effect === "wait" && !ok) return `: not confirmed yet${refused}`;
  return refused;
}
function bodyExcerpt(body) {
  const text = body.trim().replace(/\s+/g, " ");
  if (text === "") return "";
  return `: ${text.length > 200 ? `${text.slice(0, 200)}\u2026` : text}`;
}
function errorMessage(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `unreachable: ${error.message}${cause}`;
}

export {
  postJson,
  webhookFiresAt,
  webhookChecksum,
  webhookPayload,
  eventPayload,
  flaggerAccepts,
  retryableStatus,
  FLAGGER_BACKOFF,
  callWebhook,
  WebhookGate
};
