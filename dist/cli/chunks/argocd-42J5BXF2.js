import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  errorText,
  pollUntilDecided,
  requestSignal,
  sameCommit,
  shortCommit,
  stateWithReason
} from "./chunk-U2S3JBP7.js";
import {
  TransientAnswer,
  isTransientHttpFailure,
  isTransientStatus,
  withRetries
} from "./chunk-WMZLU4BU.js";
import "./chunk-DDVRK4SU.js";
import "./chunk-5YYKMCEQ.js";
import "./chunk-YNPOA2B2.js";
import {
  argocdSyncSchema,
  parseDuration,
  parseGateConfig
} from "./chunk-RQCOFY3H.js";
import {
  external_exports
} from "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError,
  isGitcanaryError
} from "./chunk-ASCNN4HU.js";
import {
  maskSecrets,
  secretFromEnv
} from "./chunk-K7FAASV6.js";
import "./chunk-ZXCS2I6Q.js";

// src/gates/argocd-state.ts
var revisions = external_exports.array(external_exports.string()).optional();
var time = external_exports.string().optional();
var argoCdApplicationSchema = external_exports.object({
  metadata: external_exports.object({ name: external_exports.string().optional(), namespace: external_exports.string().optional() }).optional(),
  // Set while an operation is requested or running; the controller clears it when it finishes.
  operation: external_exports.unknown().optional(),
  status: external_exports.object({
    sync: external_exports.object({ status: external_exports.string().optional(), revision: external_exports.string().optional(), revisions }).optional(),
    health: external_exports.object({ status: external_exports.string().optional(), message: external_exports.string().optional() }).optional(),
    reconciledAt: time,
    operationState: external_exports.object({
      phase: external_exports.string().optional(),
      message: external_exports.string().optional(),
      startedAt: time,
      finishedAt: time,
      operation: external_exports.object({ sync: external_exports.object({ revision: external_exports.string().optional(), revisions }).optional() }).optional(),
      syncResult: external_exports.object({ revision: external_exports.string().optional(), revisions }).optional()
    }).optional(),
    conditions: external_exports.array(external_exports.object({ type: external_exports.string().optional(), message: external_exports.string().optional() })).optional()
  }).optional()
});
var FAILED_PHASES = /* @__PURE__ */ new Set(["Failed", "Error"]);
var RUNNING_PHASES = /* @__PURE__ */ new Set(["Running", "Terminating"]);
var ERROR_CONDITIONS = /* @__PURE__ */ new Set(["ComparisonError", "InvalidSpecError", "SyncError"]);
function revisionList(single, multi) {
  if (multi !== void 0 && multi.length > 0) return multi;
  return single === void 0 || single === "" ? [] : [single];
}
function describeApplication(app) {
  const status = app.status;
  const synced = revisionList(status?.sync?.revision, status?.sync?.revisions);
  const sync = status?.sync?.status ?? "Unknown";
  const health = status?.health?.status ?? "Unknown";
  const at = synced.length > 0 ? synced.map(shortCommit).join(",") : "(no revision)";
  return `${sync} ${health} at ${at}`;
}
function assessApplication(app, commit, acceptedHealth = ["Healthy"]) {
  const status = app.status;
  const state = describeApplication(app);
  const ours = (revision) => sameCommit(revision, commit);
  const wait = (reason) => ({ status: "wait", state, reason });
  const fail = (reason) => ({ status: "fail", state, reason });
  const operationState = status?.operationState;
  const phase = operationState?.phase;
  const resultRevisions = revisionList(
    operationState?.syncResult?.revision,
    operationState?.syncResult?.revisions
  );
  const requestedRevisions = revisionList(
    operationState?.operation?.sync?.revision,
    operationState?.operation?.sync?.revisions
  );
  const operationForUs = [...resultRevisions, ...requestedRevisions].some(ours);
  if (app.operation !== void 0 && app.operation !== null) return wait("sync operation requested");
  if (operationState !== void 0 && (operationState.finishedAt === void 0 || RUNNING_PHASES.has(phase ?? ""))) {
    return wait(`sync operation ${phase ?? "Running"}`);
  }
  if (operationState !== void 0 && operationForUs && FAILED_PHASES.has(phase ?? "")) {
    const message = operationState.message === void 0 ? "" : `: ${operationState.message}`;
    return fail(`sync operation ${phase} for ${shortCommit(commit)}${message}`);
  }
  const finishedAt = operationState?.finishedAt;
  if (finishedAt !== void 0) {
    const reconciledAt = status?.reconciledAt;
    if (reconciledAt === void 0 || Date.parse(reconciledAt) < Date.parse(finishedAt)) {
      return wait(`status not reconciled since the sync finished at ${finishedAt}`);
    }
  }
  const synced = revisionList(status?.sync?.revision, status?.sync?.revisions);
  const revisionIsOurs = synced.some(ours) || phase === "Succeeded" && resultRevisions.some(ours);
  if (!revisionIsOurs) return wait(`waiting for ${shortCommit(commit)}`);
  const health = status?.health?.status ?? "Unknown";
  if (health === "Degraded") {
    const message = status?.health?.message;
    return fail(`Degraded at ${shortCommit(commit)}${message === void 0 ? "" : `: ${message}`}`);
  }
  const errors = (status?.conditions ?? []).filter((c) => ERROR_CONDITIONS.has(c.type ?? ""));
  if (errors.length > 0) {
    return wait(errors.map((c) => `${c.type}: ${c.message ?? ""}`.trim()).join("; "));
  }
  if (status?.sync?.status !== "Synced") return wait(`waiting for Synced at ${shortCommit(commit)}`);
  if (!acceptedHealth.includes(health)) {
    return wait(`waiting for ${acceptedHealth.join(" or ")} at ${shortCommit(commit)}`);
  }
  return { status: "pass", state, reason: "" };
}

// src/gates/argocd.ts
var MAX_BODY_BYTES = 16 * 1024 * 1024;
var DEFAULT_TOKEN_ENV = "ARGOCD_AUTH_TOKEN";
var DEFAULT_DEADLINE = "10m";
var DEFAULT_POLL_INTERVAL = "5s";
var TLS_TRUST_ERRORS = /* @__PURE__ */ new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID"
]);
var ArgoCdSyncGate = class {
  constructor(name, config, options = {}) {
    this.name = name;
    this.options = options;
    this.config = parseGateConfig(argocdSyncSchema, config, "sync.argocd");
    this.deadlineMs = parseDuration(
      this.config.progressDeadline ?? DEFAULT_DEADLINE,
      "sync.argocd.progressDeadline"
    );
    this.pollIntervalMs = this.options.pollIntervalMs ?? parseDuration(this.config.pollInterval ?? DEFAULT_POLL_INTERVAL, "sync.argocd.pollInterval");
    const server = /^[a-z][a-z0-9+.-]*:\/\//i.test(this.config.server) ? this.config.server : `https://${this.config.server}`;
    this.baseUrl = new URL(server.endsWith("/") ? server : `${server}/`);
  }
  name;
  options;
  kind = "sync";
  config;
  deadlineMs;
  pollIntervalMs;
  baseUrl;
  /** Only this client skips certificate checks (`insecure`); made with the first request. */
  agent;
  /** `podinfo` or `apps-namespace/podinfo` (Applications in any namespace). */
  applicationRef() {
    const [first, second] = this.config.application.split("/", 2);
    return second === void 0 ? { name: first, appNamespace: void 0 } : { name: second, appNamespace: first };
  }
  async evaluate(context) {
    const { name: application } = this.applicationRef();
    const label = `argocd ${application}`;
    const threshold = `synced ${shortCommit(context.commit)} ${(this.options.acceptedHealth ?? ["Healthy"]).join("|")}`;
    const result = (verdict, message, outcome2) => ({
      gate: this.name,
      kind: this.kind,
      verdict,
      value: outcome2?.last.state,
      threshold,
      message: maskSecrets(message),
      measurements: outcome2?.measurements ?? []
    });
    let token;
    try {
      token = this.token();
    } catch (error) {
      return result("fail", isGitcanaryError(error) ? error.format() : String(error));
    }
    let polls = 0;
    const outcome = await pollUntilDecided(
      (remainingMs) => this.observe(context, token, polls++ === 0, remainingMs),
      {
        deadlineMs: this.deadlineMs,
        intervalMs: this.pollIntervalMs,
        signal: context.signal,
        clock: context.clock,
        onChange: (observation) => context.progress(maskSecrets(progressLine(label, observation)))
      }
    );
    const { last } = outcome;
    if (outcome.aborted)
      return result("inconclusive", `${label}: aborted while ${progressLine("", last)}`, outcome);
    if (outcome.timedOut) {
      return result(
        "fail",
        `${label}: ${shortCommit(context.commit)} not synced and healthy within ${this.config.progressDeadline ?? DEFAULT_DEADLINE}; last state: ${stateWithReason(last)}`,
        outcome
      );
    }
    if (last.status === "fail") return result("fail", `${label}: ${stateWithReason(last)}`, outcome);
    return result("pass", `${label}: ${last.state} (reconciled after sync)`, outcome);
  }
  token() {
    const variable = this.config.tokenEnv ?? DEFAULT_TOKEN_ENV;
    const value = secretFromEnv(variable);
    if ((value === void 0 || value === "") && this.config.tokenEnv !== void 0) {
      throw new GitcanaryError("CONFIG_INVALID", `environment variable ${variable} is not set`, {
        field: "sync.argocd.tokenEnv",
        hint: "create a token with `argocd account generate-token` and export it"
      });
    }
    return value === "" ? void 0 : value;
  }
  applicationUrl(refresh) {
    const { name, appNamespace } = this.applicationRef();
    const url = new URL(`api/v1/applications/${encodeURIComponent(name)}`, this.baseUrl);
    if (refresh) url.searchParams.set("refresh", "normal");
    if (appNamespace !== void 0) url.searchParams.set("appNamespace", appNamespace);
    if (this.config.project !== void 0) url.searchParams.append("projects", this.config.project);
    return url;
  }
  async observe(context, token, refresh, remainingMs) {
    const url = this.applicationUrl(refresh);
    const where = `${this.baseUrl.origin}${this.baseUrl.pathname}`;
    let answer;
    try {
      answer = await withRetries(
        async () => {
          const signal = requestSignal(context.signal, remainingMs, this.options.requestTimeoutMs);
          const got = await this.get(url, token, signal);
          if (isTransientStatus(got.status)) throw new TransientAnswer(`HTTP ${got.status}`, got);
          if (got.status === 200 && !isJson(got.body)) throw new TransientAnswer("not JSON", got);
          return got;
        },
        {
          isTransient: (error) => isTransientHttpFailure(error) && !isTlsTrustError(error),
          policy: this.options.retry,
          signal: context.signal
        }
      );
    } catch (error) {
      if (error instanceof TransientAnswer && error.answer !== void 0)
        return this.assess(error.answer, url, where, context);
      const code = error.code;
      if (typeof code === "string" && TLS_TRUST_ERRORS.has(code)) {
        return {
          status: "fail",
          state: "TLS",
          reason: `cannot verify the certificate of ${where}: ${errorText(error)} (add its CA with NODE_EXTRA_CA_CERTS, or set insecure: true for a self-signed certificate)`
        };
      }
      return {
        status: "wait",
        state: "unreachable",
        reason: `cannot reach ${where}: ${errorText(error)}`,
        unreachable: true
      };
    }
    return this.assess(answer, url, where, context);
  }
  /** What one answer of the API server says about the sync of `context.commit`. */
  assess(answer, url, where, context) {
    const { status } = answer;
    if (status === 401 || status === 403) {
      const variable = this.config.tokenEnv ?? DEFAULT_TOKEN_ENV;
      return {
        status: "fail",
        state: `HTTP ${status}`,
        reason: `Argo CD at ${where} refused the token from $${variable} (HTTP ${status}${apiMessage(answer.body)}); check that it is valid and may get this application (Argo CD also answers 403 for applications that do not exist)`
      };
    }
    if (status === 404) {
      return {
        status: "fail",
        state: "HTTP 404",
        reason: `application ${this.config.application} not found at ${where}${apiMessage(answer.body)}`
      };
    }
    if (status >= 500 || status === 429) {
      return {
        status: "wait",
        state: `HTTP ${status}`,
        reason: `Argo CD answered ${status}${apiMessage(answer.body)}`
      };
    }
    if (status !== 200) {
      return {
        status: "fail",
        state: `HTTP ${status}`,
        reason: `Argo CD answered ${status}${apiMessage(answer.body)}`
      };
    }
    let body;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return {
        status: "fail",
        state: "not JSON",
        reason: `${url.pathname} at ${where} did not answer JSON; is server the Argo CD API URL?`
      };
    }
    const parsed = argoCdApplicationSchema.safeParse(body);
    if (!parsed.success) {
      return {
        status: "fail",
        state: "unexpected answer",
        reason: `not an Argo CD Application: ${parsed.error.message}`
      };
    }
    return assessApplication(parsed.data, context.commit, this.options.acceptedHealth);
  }
  /** One GET; the body is read up to MAX_BODY_BYTES (a server streaming garbage cannot fill the heap). */
  async get(url, token, signal) {
    const headers = { accept: "application/json" };
    if (token !== void 0) headers.authorization = `Bearer ${token}`;
    const client = url.protocol === "https:" ? await import("node:https") : await import("node:http");
    if (this.config.insecure === true && url.protocol === "https:")
      this.agent ??= new (await import("node:https")).Agent({ rejectUnauthorized: false, keepAlive: true });
    return new Promise((resolve, reject) => {
      const request = client.request(
        url,
        { method: "GET", headers, agent: this.agent, signal },
        (response) => {
          const chunks = [];
          let size = 0;
          response.on("data", (chunk) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              response.destroy();
              resolve({ status: response.statusCode ?? 0, body: "" });
              return;
            }
            chunks.push(chunk);
          });
          response.on("error", reject);
          response.on(
            "end",
            () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") })
          );
        }
      );
      request.on("error", reject);
      request.end();
    });
  }
};
function isTlsTrustError(error) {
  const code = error?.code;
  return typeof code === "string" && TLS_TRUST_ERRORS.has(code);
}
function isJson(body) {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
function progressLine(label, observation) {
  const prefix = label === "" ? "" : `${label}: `;
  return `${prefix}${stateWithReason(observation)}`;
}
function apiMessage(body) {
  try {
    const parsed = JSON.parse(body);
    return typeof parsed.message === "string" && parsed.message !== "" ? `: ${parsed.message}` : "";
  } catch {
    return "";
  }
}
export {
  ArgoCdSyncGate
};
