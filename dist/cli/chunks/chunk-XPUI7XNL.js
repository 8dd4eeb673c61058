import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  MAX_WEIGHT_WITH_BASELINE,
  allTargets,
  capabilityIssue
} from "./chunk-ZVA6QZ6O.js";
import {
  require_dist
} from "./chunk-XJFDB2OJ.js";
import {
  loadTemplateCompiler,
  withTemplateCompiler
} from "./chunk-XS2OQZ4O.js";
import {
  argocdSyncSchema,
  durationSchema,
  fluxSyncSchema,
  gateConfigSchema,
  parseDuration,
  parseGateConfig,
  rolloutAnalysisFields
} from "./chunk-RQCOFY3H.js";
import {
  dns1123Label,
  dns1123Subdomain,
  envVarName,
  external_exports,
  gitBranchName,
  gitRepository,
  httpHeaderName,
  httpHeaderValue,
  regexPattern,
  singleLine
} from "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError,
  fieldPath
} from "./chunk-ASCNN4HU.js";
import {
  __toESM
} from "./chunk-ZXCS2I6Q.js";

// src/gates/index.ts
import { existsSync } from "node:fs";
var loaders = {
  command: async () => {
    const { CommandGate } = await import("./command-BALBJE6P.js");
    return (name, config) => new CommandGate(name, config);
  },
  prometheus: async () => {
    const { PrometheusGate } = await import("./prometheus-JV4EJFMK.js");
    return (name, config) => new PrometheusGate(name, config);
  },
  webhook: async () => {
    const { WebhookGate } = await import("./webhook-UBJ6SUNZ.js");
    return (name, config) => new WebhookGate(name, config);
  },
  http: async () => {
    const { HttpGate } = await import("./http-CCTUXZOD.js");
    return (name, config) => new HttpGate(name, config);
  },
  judge: async () => {
    const { JudgeGate } = await import("./gate-MJGZS2CR.js");
    return (name, config) => new JudgeGate(name, config);
  },
  argoAnalysis: async () => {
    const { ArgoAnalysisGate } = await import("./gate-UKABY5W6.js");
    return (name, config) => new ArgoAnalysisGate(name, config);
  },
  metricTemplate: async () => {
    const { MetricTemplateGate } = await import("./metric-template-UCGOXCZA.js");
    return (name, config) => new MetricTemplateGate(name, config);
  },
  "sync.argocd": async () => {
    const { ArgoCdSyncGate } = await import("./argocd-42J5BXF2.js");
    return (name, { acceptHealth, ...argocd }) => new ArgoCdSyncGate(name, argocd, acceptHealth ? { acceptedHealth: acceptHealth } : {});
  },
  // No import here: see DeferredFluxSyncGate.
  "sync.flux": async () => (name, config) => new DeferredFluxSyncGate(name, config)
};
async function createGate(name, config) {
  const { kind, shown, block } = gateKind(name, config);
  const load = Object.hasOwn(loaders, kind) ? loaders[kind] : void 0;
  if (load === void 0) {
    throw new GitcanaryError("CONFIG_INVALID", `unknown gate kind ${kind}`, { field: `spec.gates.${name}` });
  }
  const build = await load();
  return withTemplateCompiler(() => build(shown, block));
}
function gateKind(name, config) {
  if ("command" in config && typeof config.command === "string") {
    const { name: shown, ...command } = config;
    return { kind: "command", shown: shown ?? name, block: command };
  }
  const kind = Object.keys(config).find((key2) => key2 !== "name");
  if (kind === "approval") {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      "approval gates need pull-request mode, which this version does not have",
      {
        field: `spec.gates.${name}.approval`,
        hint: "use a `pause: {}` step and `gitcanary promote` for manual approval"
      }
    );
  }
  if (kind === void 0) {
    throw new GitcanaryError("CONFIG_INVALID", "unknown gate kind (none)", { field: `spec.gates.${name}` });
  }
  const block = config[kind];
  if (kind === "sync" && typeof block === "object" && block !== null) {
    const reconciler = Object.keys(block)[0] ?? "";
    return {
      kind: `sync.${reconciler}`,
      shown: config.name ?? name,
      block: block[reconciler]
    };
  }
  return { kind, shown: config.name ?? name, block };
}
async function checkGates(gates, repoRoot, namespace) {
  for (const [name, config] of Object.entries(gates)) {
    await (await createGate(name, config)).check?.(repoRoot, namespace);
  }
}
var DeferredFluxSyncGate = class {
  constructor(name, config) {
    this.name = name;
    this.config = config;
    parseGateConfig(fluxSyncSchema, config, "sync.flux");
    if (config.kubeconfig !== void 0 && !existsSync(config.kubeconfig)) {
      throw new GitcanaryError("CONFIG_INVALID", `kubeconfig ${config.kubeconfig} does not exist`, {
        field: "sync.flux.kubeconfig",
        hint: "leave kubeconfig out to use $KUBECONFIG, ~/.kube/config or the in-cluster account"
      });
    }
  }
  name;
  config;
  kind = "sync";
  async evaluate(context) {
    const { FluxSyncGate } = await import("./flux-7J7DNMYB.js");
    return new FluxSyncGate(this.name, this.config).evaluate(context);
  }
};

// src/config/load.ts
var import_yaml = __toESM(require_dist(), 1);
import { lstat, readFile, readlink, stat } from "node:fs/promises";
import path from "node:path";

// src/config/steps.ts
var weightSchema = external_exports.number().int().min(0, "weight must be between 0 and 100").max(100, "weight must be between 0 and 100");
var stringMatchSchema = external_exports.strictObject({
  exact: httpHeaderValue.optional(),
  prefix: httpHeaderValue.optional(),
  regex: regexPattern.optional()
}).refine((match) => Object.values(match).filter((value) => value !== void 0).length === 1, {
  message: "set exactly one of exact, prefix or regex"
});
var headerMatchSchema = external_exports.strictObject({
  headerName: httpHeaderName,
  headerValue: stringMatchSchema
});
var mirrorMatchSchema = external_exports.strictObject({
  method: stringMatchSchema.optional(),
  path: stringMatchSchema.optional(),
  headers: external_exports.record(httpHeaderName, stringMatchSchema).optional()
});
var pauseSchema = external_exports.strictObject({
  duration: durationSchema.optional().describe(
    'How long to wait; omit to wait until `gitcanary promote` (Argo Rollouts: int seconds or "30s").'
  )
}).describe("Wait a duration, or indefinitely until promoted.");
var canaryScaleSchema = external_exports.strictObject({
  replicas: external_exports.number().int().nonnegative().optional(),
  weight: weightSchema.optional(),
  matchTrafficWeight: external_exports.boolean().optional()
}).refine((scale) => Object.values(scale).filter((value) => value !== void 0).length === 1, {
  message: "set exactly one of replicas, weight or matchTrafficWeight"
}).describe("Scale the canary without changing traffic weight.");
var headerRouteSchema = external_exports.strictObject({
  name: dns1123Subdomain.describe("Managed route name; routers name a resource after it."),
  match: external_exports.array(headerMatchSchema).optional().describe("All must match; omit to remove the route.")
}).describe("Send requests whose headers match to the canary only.");
var mirrorRouteSchema = external_exports.strictObject({
  name: dns1123Subdomain.describe("Managed route name; routers name a resource after it."),
  percentage: weightSchema.optional().describe("Percent of matching requests mirrored (default 100)."),
  match: external_exports.array(mirrorMatchSchema).optional().describe("Any may match; omit to remove the route.")
}).describe("Mirror matching requests to the canary.");
var gatesAnalysisSchema = external_exports.strictObject({
  gates: external_exports.array(external_exports.string().min(1)).min(1).describe("Names of gates in spec.gates, evaluated in order.")
}).describe("Evaluate gates; a failing gate rolls the release back.");
var templatesAnalysisSchema = external_exports.strictObject(rolloutAnalysisFields).describe("Argo Rollouts' analysis step: AnalysisTemplates from the repository, with args.");
var analysisStepSchema = external_exports.union([gatesAnalysisSchema, templatesAnalysisSchema], {
  error: () => "an analysis step lists `gates:` (names in spec.gates) or `templates:` (Argo AnalysisTemplates in the repository)"
});
var stepShape = {
  setWeight: weightSchema.optional().describe("Percent of traffic to the canary, 0\u2013100."),
  pause: pauseSchema.optional(),
  setCanaryScale: canaryScaleSchema.optional(),
  setHeaderRoute: headerRouteSchema.optional(),
  setMirrorRoute: mirrorRouteSchema.optional(),
  analysis: analysisStepSchema.optional(),
  promote: external_exports.strictObject({}).optional().describe("Promote: the stable workload gets the candidate.")
};
var STEP_KINDS = Object.keys(stepShape);
var stepObjectSchema = external_exports.strictObject(stepShape, {
  error: (issue) => issue.code === "unrecognized_keys" ? `unknown step ${issue.keys.map((key2) => `\`${key2}\``).join(", ")}; known: ${STEP_KINDS.join(", ")}` : void 0
}).refine((step) => Object.values(step).filter((value) => value !== void 0).length === 1, {
  message: `a step sets exactly one of ${STEP_KINDS.join(", ")}`
}).meta({ minProperties: 1, maxProperties: 1 });
var stepSchema = stepObjectSchema;
function isTemplatesAnalysis(analysis) {
  return "templates" in analysis;
}
function routesTraffic(step) {
  return "setWeight" in step || "setHeaderRoute" in step || "setMirrorRoute" in step;
}

// src/config/argo-analysis.ts
var backgroundAnalysisSchema = external_exports.strictObject({
  ...rolloutAnalysisFields,
  startingStep: external_exports.number().int().nonnegative().optional().describe("Index (from 0) of the step from which the analysis runs (Argo: default 0).")
}).describe(
  "Argo Rollouts' background analysis: AnalysisTemplates measured during every timed pause from startingStep on."
);
function argoAnalysisGateName(analysis, stepNumber, background = false) {
  const names = analysis.templates.map((ref) => ref.templateName).join("+");
  return `${names}@${background ? "background-" : ""}step${stepNumber}`;
}
function planArgoAnalysis(steps, background, workload, targets) {
  const fieldRefObject = Object.entries(workload).filter(([, config]) => config !== void 0).map(([key2, config]) => targets.find((target) => target.key === key2)?.fieldRefObject?.(config)).find((object) => object !== void 0);
  const gates = {};
  const gate = (analysis, extra) => {
    const { analysisRunMetadata: _metadata, ...fields } = analysis;
    const { startingStep: _start, ...rest } = fields;
    return {
      argoAnalysis: { ...rest, path: ".", ...fieldRefObject ? { fieldRefObject } : {}, ...extra }
    };
  };
  const planned = steps.map((step, index) => {
    if ("analysis" in step && isTemplatesAnalysis(step.analysis)) {
      const name = argoAnalysisGateName(step.analysis, index + 1);
      gates[name] = gate(step.analysis, {});
      return { analysis: { gates: [name] } };
    }
    if (background !== void 0 && index >= (background.startingStep ?? 0) && "pause" in step && step.pause.duration !== void 0) {
      const name = argoAnalysisGateName(background, index + 1, true);
      gates[name] = gate(background, { runFor: step.pause.duration });
      return { analysis: { gates: [name] } };
    }
    return step;
  });
  return { steps: planned, gates };
}

// src/config/notifications.ts
var NOTIFICATION_TRIGGERS = [
  "started",
  "step-committed",
  "paused",
  "analysis-failed",
  "rolled-back",
  "promoted"
];
var notificationTriggerSchema = external_exports.enum(NOTIFICATION_TRIGGERS);
var providerTypeSchema = external_exports.enum([
  "slack",
  "msteams",
  "discord",
  "gchat",
  "googlechat",
  "rocket",
  "webhook"
]);
var notificationProviderSchema = external_exports.strictObject({
  type: providerTypeSchema,
  urlEnv: external_exports.string().min(1).optional().describe("Environment variable holding the webhook URL."),
  urlFile: external_exports.string().min(1).optional().describe("File holding the webhook URL (a mounted secret); relative to this file."),
  address: external_exports.string().optional().describe("Not accepted: a webhook URL is a secret and does not belong in Git; use urlEnv or urlFile."),
  channel: external_exports.string().min(1).optional().describe("Slack / Rocket.Chat channel (legacy webhooks)."),
  username: external_exports.string().min(1).optional().describe("Bot name shown (Slack, Discord, Rocket.Chat)."),
  format: external_exports.enum(["messageCard", "adaptiveCard"]).optional().describe(
    "Microsoft Teams: messageCard for connector webhooks (default, as Flagger), adaptiveCard for Workflows webhooks."
  ),
  timeout: durationSchema.optional().describe("Time one post may take (default 5s, as Flagger).")
}).superRefine((provider, ctx) => {
  if (provider.address !== void 0) {
    ctx.addIssue({
      code: "custom",
      path: ["address"],
      message: "a webhook URL is a secret: put it in an environment variable (urlEnv) or a file (urlFile)"
    });
  } else if (provider.urlEnv === void 0 === (provider.urlFile === void 0)) {
    ctx.addIssue({ code: "custom", path: [], message: "set exactly one of urlEnv or urlFile" });
  }
  if (provider.format !== void 0 && provider.type !== "msteams") {
    ctx.addIssue({ code: "custom", path: ["format"], message: "format applies to msteams providers only" });
  }
});
var providerUseSchema = external_exports.union([external_exports.string().min(1), notificationProviderSchema]);
var notificationsSchema = external_exports.strictObject({
  providers: external_exports.record(external_exports.string().min(1), notificationProviderSchema).default({}).describe("Providers by name, used by triggers and by analysis.alerts providerRef."),
  triggers: external_exports.array(
    external_exports.strictObject({
      on: external_exports.array(notificationTriggerSchema).min(1).describe("Triggers that send to this provider."),
      provider: providerUseSchema.describe("A provider name from providers, or a provider inline.")
    })
  ).default([]),
  commitUrl: external_exports.string().min(1).optional().describe(
    "Link to a commit, a template over {{sha}}; derived from spec.git.repo for GitHub and GitLab when unset."
  )
}).describe("Chat and webhook notifications (Argo Rollouts-style triggers).");
var flaggerAlertSchema = external_exports.strictObject({
  name: external_exports.string().min(1),
  severity: external_exports.enum(["", "info", "warn", "error"]).optional().describe("info: every alert; warn: warnings and errors; error: errors only (default info)."),
  providerRef: external_exports.strictObject({
    name: external_exports.string().min(1).describe("A provider in spec.notifications.providers."),
    namespace: external_exports.string().optional().describe("Accepted for Flagger's sake; providers are not namespaced here.")
  }).optional(),
  provider: notificationProviderSchema.optional().describe("The provider inline, instead of providerRef.")
}).refine((alert) => alert.providerRef === void 0 !== (alert.provider === void 0), {
  message: "set exactly one of providerRef or provider"
});
function notificationIssues(notifications, alerts) {
  const defined = Object.keys(notifications?.providers ?? {});
  const unknown = (name) => `provider \`${name}\` is not defined in spec.notifications.providers; defined: ${defined.join(", ") || "(none)"}`;
  const issues = [];
  notifications?.triggers.forEach((trigger, index) => {
    if (typeof trigger.provider === "string" && !defined.includes(trigger.provider)) {
      issues.push({
        path: ["spec", "notifications", "triggers", index, "provider"],
        message: unknown(trigger.provider)
      });
    }
  });
  alerts?.forEach((alert, index) => {
    if (alert.providerRef !== void 0 && !defined.includes(alert.providerRef.name)) {
      issues.push({
        path: ["spec", "analysis", "alerts", index, "providerRef", "name"],
        message: unknown(alert.providerRef.name)
      });
    }
  });
  return issues;
}

// src/config/flagger.ts
var DEFAULT_METRICS_SERVER = "http://prometheus:9090";
var FLAGGER_DEFAULTS = {
  interval: "60s",
  threshold: 1,
  metricInterval: "1m",
  maxWeight: 100
};
var BUILTIN_METRICS = ["request-success-rate", "request-duration"];
var MIRROR_ROUTE = "mirror";
var percentSchema = external_exports.number().int().min(1, "weight must be between 1 and 100").max(100, "weight must be between 1 and 100");
var flaggerStringMatchSchema = external_exports.strictObject({
  exact: external_exports.string().optional(),
  prefix: external_exports.string().optional(),
  suffix: external_exports.string().optional(),
  regex: external_exports.string().optional()
}).refine((match) => Object.values(match).filter((value) => value !== void 0).length === 1, {
  message: "set exactly one of exact, prefix, suffix or regex"
});
var flaggerMatchSchema = external_exports.strictObject({
  headers: external_exports.record(external_exports.string(), flaggerStringMatchSchema).optional(),
  queryParams: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
  sourceLabels: external_exports.record(external_exports.string(), external_exports.string()).optional()
});
var flaggerMetricSchema = external_exports.strictObject({
  name: external_exports.string().min(1).describe("Built-in request-success-rate / request-duration, or any name with `query`."),
  interval: durationSchema.optional().describe("Query window, `{{interval}}` in the query (default 1m)."),
  thresholdRange: external_exports.strictObject({ min: external_exports.number().optional(), max: external_exports.number().optional() }).optional(),
  threshold: external_exports.number().optional().describe("Deprecated in Flagger: a minimum for request-success-rate, else a maximum."),
  query: external_exports.string().min(1).optional().describe("PromQL; a handlebars template."),
  templateRef: external_exports.strictObject({ name: external_exports.string().min(1), namespace: external_exports.string().optional() }).optional().describe("A MetricTemplate (prometheus provider) read from the GitOps repository."),
  templateVariables: external_exports.record(external_exports.string(), external_exports.string()).optional()
});
var flaggerWebhookSchema = external_exports.strictObject({
  name: external_exports.string().min(1),
  url: external_exports.url(),
  // Flagger treats an empty type as `rollout`.
  type: external_exports.enum([
    "",
    "confirm-rollout",
    "pre-rollout",
    "rollout",
    "confirm-traffic-increase",
    "confirm-promotion",
    "post-rollout",
    "rollback",
    "event"
  ]).optional(),
  timeout: durationSchema.optional(),
  metadata: external_exports.record(external_exports.string(), external_exports.string()).optional(),
  retries: external_exports.number().int().nonnegative().optional().describe("HTTP retries of one call (default 0)."),
  muteAlert: external_exports.boolean().optional().describe("No alerts for this webhook."),
  disableTLS: external_exports.boolean().optional().describe("Skip TLS verification for this webhook.")
});
var sessionAffinitySchema = external_exports.looseObject({
  cookieName: external_exports.string().min(1)
});
var readyThresholdSchema = external_exports.number().min(0).max(100).optional().describe("Percent of pods that must be available (Flagger default 100).");
var flaggerAnalysisSchema = external_exports.strictObject({
  interval: durationSchema.optional().describe("Time between checks and weight increases (default 60s)."),
  threshold: external_exports.number().int().min(1).optional().describe("Failed check passes, over the whole release, that roll it back (default 1)."),
  maxWeight: percentSchema.optional().describe("Advance until the canary weight reaches this (default 100)."),
  stepWeight: percentSchema.optional().describe("Weight added each interval."),
  stepWeights: external_exports.array(percentSchema).min(1).optional().describe("Weights to set in order."),
  stepWeightPromotion: percentSchema.optional().describe("After the primary runs the candidate, move traffic back to it this much per interval."),
  iterations: external_exports.number().int().min(1).optional().describe("Checks to run for A/B testing and Blue/Green."),
  match: external_exports.array(flaggerMatchSchema).min(1).optional().describe("A/B testing: requests sent to the canary."),
  mirror: external_exports.boolean().optional().describe("Mirror traffic to the canary before shifting it."),
  mirrorWeight: percentSchema.optional().describe("Percent of traffic mirrored (default 100)."),
  metrics: external_exports.array(flaggerMetricSchema).optional(),
  webhooks: external_exports.array(flaggerWebhookSchema).optional(),
  metricsServer: external_exports.url().optional().describe(
    `Prometheus for the built-in metrics (Flagger's metricsServer; default ${DEFAULT_METRICS_SERVER}).`
  ),
  alerts: external_exports.array(flaggerAlertSchema).optional().describe("Flagger's alerts: chat providers by severity."),
  sessionAffinity: sessionAffinitySchema.optional().describe("Not supported: refused with the reason."),
  primaryReadyThreshold: readyThresholdSchema,
  canaryReadyThreshold: readyThresholdSchema
}).describe("Flagger's analysis block; expands into steps.");
function flaggerIssues(analysis, context) {
  const issues = [];
  if (analysis.iterations === void 0 && analysis.stepWeight === void 0 && analysis.stepWeights === void 0) {
    issues.push({
      path: [],
      message: "set one of stepWeight, stepWeights or iterations (as Flagger requires)"
    });
  }
  if (analysis.match !== void 0 && analysis.iterations === void 0) {
    issues.push({ path: ["match"], message: "A/B testing (match) needs iterations" });
  }
  analysis.match?.forEach((match, index) => {
    for (const key2 of ["queryParams", "sourceLabels"]) {
      if (match[key2] !== void 0) {
        issues.push({
          path: ["match", index, key2],
          message: `match.${key2} is not supported yet; match on headers`
        });
      }
    }
    if (match.headers === void 0 || Object.keys(match.headers).length === 0) {
      issues.push({ path: ["match", index], message: "a match entry needs headers" });
    }
  });
  if (analysis.sessionAffinity !== void 0) {
    issues.push({
      path: ["sessionAffinity"],
      message: "sessionAffinity is not supported: Flagger makes the mesh set a cookie on the canary's responses and route that cookie back to the canary, and no gitcanary router writes such a response header; for sticky canary traffic use A/B testing (iterations with match on a header or cookie)"
    });
  }
  for (const key2 of ["primaryReadyThreshold", "canaryReadyThreshold"]) {
    const value = analysis[key2];
    if (value !== void 0 && value !== 100) {
      issues.push({
        path: [key2],
        message: `${key2} ${value} is not supported: gitcanary takes readiness from the reconciler, whose Healthy means every replica is available (100, the default, is accepted)`
      });
    }
  }
  if (analysis.stepWeightPromotion !== void 0 && context.stable === false) {
    issues.push({
      path: ["stepWeightPromotion"],
      message: "stepWeightPromotion moves traffic back to a primary that already runs the candidate; it needs spec.stable (the Flagger shape). With an Argo Rollout the promotion is one commit"
    });
  }
  const names = /* @__PURE__ */ new Map();
  const claim = (name, path2) => {
    if (names.has(name)) issues.push({ path: path2, message: `gate name \`${name}\` is used twice in analysis` });
    names.set(name, path2);
  };
  analysis.metrics?.forEach((metric, index) => {
    claim(metric.name, ["metrics", index, "name"]);
    issues.push(
      ...metricIssues(metric, context).map((issue) => ({
        ...issue,
        path: ["metrics", index, ...issue.path]
      }))
    );
  });
  analysis.webhooks?.forEach((webhook, index) => {
    claim(webhook.name, ["webhooks", index, "name"]);
  });
  return issues;
}
function metricIssues(metric, context) {
  if (metric.templateRef !== void 0 && metric.query !== void 0) {
    return [{ path: ["query"], message: "set either templateRef or query, not both" }];
  }
  const issues = [];
  const range = metricRange(metric);
  if (range === void 0 || (range.min ?? range.max) === void 0) {
    issues.push({ path: ["thresholdRange"], message: "a metric needs thresholdRange with min, max or both" });
  }
  if (metric.query === void 0 && metric.templateRef === void 0) {
    if (!BUILTIN_METRICS.includes(metric.name)) {
      issues.push({
        path: ["name"],
        message: `\`${metric.name}\` is not a built-in metric (${BUILTIN_METRICS.join(", ")}); write \`query:\``
      });
    } else if (!(context.metricTemplates ?? []).includes(metric.name)) {
      issues.push({
        path: ["name"],
        message: `built-in metric \`${metric.name}\` needs a traffic router with metrics (${(context.metricRouters ?? []).join(", ") || "none"}); got ${context.router ?? "none"}`
      });
    }
  }
  return issues;
}
function metricRange(metric) {
  if (metric.thresholdRange !== void 0 || metric.threshold === void 0) return metric.thresholdRange;
  return metric.name === "request-success-rate" && metric.query === void 0 ? { min: metric.threshold } : { max: metric.threshold };
}
function expandFlaggerAnalysis(analysis, context = {}) {
  const [issue] = flaggerIssues(analysis, context);
  if (issue !== void 0) {
    throw new GitcanaryError("CONFIG_INVALID", issue.message, {
      field: fieldPath(["spec", "analysis", ...issue.path])
    });
  }
  const interval = analysis.interval ?? FLAGGER_DEFAULTS.interval;
  const webhooks = analysis.webhooks ?? [];
  const gates = {};
  for (const webhook of webhooks) gates[webhook.name] = webhookGate(webhook);
  for (const metric of analysis.metrics ?? []) gates[metric.name] = metricGate(metric, analysis, context);
  const hooksOf = (type) => webhooks.filter((webhook) => (webhook.type || "rollout") === type).map((webhook) => webhook.name);
  const rollback = hooksOf("rollback");
  const checks = [...hooksOf("rollout"), ...(analysis.metrics ?? []).map((metric) => metric.name)];
  const preRollout = hooksOf("pre-rollout");
  const confirmTraffic = hooksOf("confirm-traffic-increase");
  const confirmPromotion = hooksOf("confirm-promotion");
  const steps = [];
  const pass = (...names) => {
    const gateNames = [...rollback, ...names.flat()];
    if (gateNames.length > 0) steps.push({ analysis: { gates: gateNames } });
  };
  const tick = (...names) => {
    steps.push({ pause: { duration: interval } });
    pass(...names);
  };
  const mirror = (on) => steps.push({
    setMirrorRoute: on ? { name: MIRROR_ROUTE, percentage: analysis.mirrorWeight ?? 100, match: [{ path: { prefix: "/" } }] } : { name: MIRROR_ROUTE }
  });
  if (hooksOf("confirm-rollout").length > 0) pass(hooksOf("confirm-rollout"));
  if (analysis.iterations !== void 0 && analysis.match !== void 0) {
    pass(preRollout);
    analysis.match.forEach((match, index, all) => {
      steps.push({
        setHeaderRoute: {
          name: all.length === 1 ? "ab-testing" : `ab-testing-${index + 1}`,
          match: headerMatches(match.headers ?? {})
        }
      });
    });
    for (let iteration = 1; iteration < analysis.iterations; iteration++) tick(checks);
    tick(checks, confirmPromotion);
  } else if (analysis.iterations !== void 0) {
    pass(preRollout);
    if (analysis.mirror) mirror(true);
    for (let iteration = 1; iteration < analysis.iterations; iteration++) tick(checks);
    tick(checks, confirmPromotion);
    if (analysis.mirror) mirror(false);
    steps.push({ setWeight: 100 });
    tick(checks);
  } else {
    const weights = progressiveWeights(analysis);
    pass(preRollout, confirmTraffic);
    if (analysis.mirror) {
      mirror(true);
      tick(checks);
      mirror(false);
    }
    for (const [index, weight] of weights.entries()) {
      if (index > 0) tick(checks, confirmTraffic);
      steps.push({ setWeight: weight });
    }
    tick(checks, confirmTraffic, confirmPromotion);
  }
  steps.push({ promote: {} });
  const postRollout = hooksOf("post-rollout");
  if (postRollout.length > 0) steps.push({ analysis: { gates: postRollout } });
  return {
    steps,
    gates,
    eventWebhooks: hooksOf("event"),
    intervalMs: parseDuration(interval, "spec.analysis.interval"),
    threshold: analysis.threshold ?? FLAGGER_DEFAULTS.threshold
  };
}
function progressiveWeights(analysis) {
  if (analysis.stepWeights !== void 0) return [...analysis.stepWeights];
  const step = analysis.stepWeight;
  if (step === void 0) return [];
  const maxWeight = analysis.maxWeight ?? FLAGGER_DEFAULTS.maxWeight;
  const weights = [];
  for (let weight = step; ; weight += step) {
    weights.push(Math.min(weight, 100));
    if (weight >= maxWeight || weight >= 100) return weights;
  }
}
function headerMatches(headers) {
  return Object.entries(headers).map(([headerName, value]) => ({
    headerName,
    // Argo's header match has no suffix; a suffix becomes an anchored regex.
    headerValue: value.suffix !== void 0 ? { regex: `.*${value.suffix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$` } : { ...value }
  }));
}
var FLAGGER_MEASUREMENT = { count: 1, failureLimit: 0, inconclusiveLimit: 0, consecutiveErrorLimit: 0 };
function metricGate(metric, analysis, context) {
  const window = metric.interval ?? FLAGGER_DEFAULTS.metricInterval;
  const variables = {
    ...metric.templateVariables,
    interval: typeof window === "number" ? `${window}s` : window
  };
  if (metric.templateRef !== void 0) {
    return gateConfigSchema.parse({
      metricTemplate: {
        templateRef: metric.templateRef,
        thresholdRange: metricRange(metric),
        variables,
        ...FLAGGER_MEASUREMENT
      }
    });
  }
  const source = metric.query !== void 0 ? { query: metric.query } : { template: metric.name, router: context.router };
  return gateConfigSchema.parse({
    prometheus: {
      address: analysis.metricsServer ?? DEFAULT_METRICS_SERVER,
      ...source,
      thresholdRange: metricRange(metric),
      variables,
      ...FLAGGER_MEASUREMENT
    }
  });
}
function webhookGate(webhook) {
  const { name: _name, type, ...fields } = webhook;
  return gateConfigSchema.parse({ webhook: { ...fields, type: type || "rollout" } });
}
var canaryObjectSchema = external_exports.looseObject({
  apiVersion: external_exports.literal("flagger.app/v1beta1"),
  kind: external_exports.literal("Canary"),
  spec: external_exports.looseObject({
    provider: external_exports.string().optional(),
    analysis: external_exports.record(external_exports.string(), external_exports.unknown()).optional(),
    // v1alpha3's name, still read by Flagger's GetAnalysis.
    canaryAnalysis: external_exports.record(external_exports.string(), external_exports.unknown()).optional()
  })
});
function fromFlaggerCanary(canary) {
  const parsed = canaryObjectSchema.safeParse(canary);
  if (!parsed.success) {
    const [first] = parsed.error.issues;
    throw new GitcanaryError("CONFIG_INVALID", `not a Flagger Canary: ${first?.message ?? "invalid"}`, {
      field: first?.path.join("."),
      hint: "expected apiVersion flagger.app/v1beta1, kind Canary"
    });
  }
  const { spec } = parsed.data;
  const source = spec.analysis ?? spec.canaryAnalysis;
  const sourceField = spec.analysis !== void 0 ? "spec.analysis" : "spec.canaryAnalysis";
  if (source === void 0) {
    throw new GitcanaryError("CONFIG_INVALID", "the Canary has no analysis", { field: "spec.analysis" });
  }
  const result = flaggerAnalysisSchema.safeParse(source);
  if (!result.success) {
    const [first] = result.error.issues;
    const path2 = (first?.path ?? []).map((part) => typeof part === "symbol" ? String(part) : part);
    throw new GitcanaryError("CONFIG_INVALID", first?.message ?? "invalid analysis", {
      field: fieldPath([...sourceField.split("."), ...path2])
    });
  }
  return { analysis: result.data, provider: spec.provider };
}

// src/config/routers.ts
function trafficRouters(traffic, targets) {
  return traffic.flatMap(
    (block) => Object.keys(block).flatMap((key2) => {
      const router = targets.find((target) => target.key === key2)?.router;
      return router === void 0 ? [] : [router];
    })
  );
}
function flaggerContext(traffic, targets) {
  const first = traffic.map((block) => Object.keys(block)[0]).find((key2) => key2 !== void 0);
  const router = trafficRouters(traffic, targets)[0];
  return {
    router: first,
    metricTemplates: router?.key === first ? router?.metricTemplates ?? [] : [],
    metricRouters: targets.filter((target) => (target.router?.metricTemplates.length ?? 0) > 0).map((t) => t.key)
  };
}
function routerStepIssues(steps, routers, at) {
  const issues = [];
  const active = /* @__PURE__ */ new Set();
  steps.forEach((step, index) => {
    if ("setHeaderRoute" in step) {
      const { name, match } = step.setHeaderRoute;
      if (match === void 0 || match.length === 0) {
        active.delete(name);
        return;
      }
      active.add(name);
      for (const router of routers) {
        const issue = capabilityIssue(router, { headerRoute: { name, match } }) ?? (active.size > router.capabilities.headerRoutes ? `router \`${router.key}\` holds ${router.capabilities.headerRoutes} header route${router.capabilities.headerRoutes === 1 ? "" : "s"} at a time; remove ${[...active].filter((n) => n !== name).join(", ")} first (setHeaderRoute without match)` : void 0);
        if (issue !== void 0) issues.push({ path: [...at(index), "setHeaderRoute"], message: issue });
      }
    }
    if ("setMirrorRoute" in step && (step.setMirrorRoute.match?.length ?? 0) > 0) {
      for (const router of routers) {
        const issue = capabilityIssue(router, {
          mirrorRoute: { name: step.setMirrorRoute.name, percentage: step.setMirrorRoute.percentage ?? 100 }
        });
        if (issue !== void 0) issues.push({ path: [...at(index), "setMirrorRoute"], message: issue });
      }
    }
  });
  return issues;
}
function metricTemplateIssues(gates, targets) {
  const issues = [];
  for (const [name, gate] of Object.entries(gates)) {
    if (!("prometheus" in gate) || gate.prometheus.template === void 0) continue;
    const key2 = gate.prometheus.router;
    const router = targets.find((target) => target.key === key2)?.router;
    const withTemplate = targets.filter((target) => target.router?.metricTemplates.includes(gate.prometheus.template ?? "")).map((target) => target.key);
    if (router === void 0 || !router.metricTemplates.includes(gate.prometheus.template)) {
      issues.push({
        path: ["spec", "gates", name, "prometheus", "router"],
        message: `no built-in template \`${gate.prometheus.template}\` for router \`${key2 ?? "(none)"}\`; routers with it: ${withTemplate.join(", ") || "none"}`
      });
    }
  }
  return issues;
}
function baselineIssues(traffic, targets, hasBaselineWorkload, steps, at) {
  const issues = [];
  const carrying = [];
  traffic.forEach((block, index) => {
    for (const [key2, config] of Object.entries(block)) {
      const router = targets.find((target) => target.key === key2)?.router;
      const backend = config === void 0 ? void 0 : router?.baselineBackend?.(config);
      if (backend === void 0) continue;
      carrying.push(key2);
      if (!hasBaselineWorkload) {
        issues.push({
          path: ["spec", "traffic", index, key2, "baselineService"],
          message: `router \`${key2}\` sends traffic to the baseline backend "${backend}", but no spec.baseline workload serves it; add spec.baseline or remove the baseline backend`
        });
      }
    }
  });
  if (carrying.length === 0) return issues;
  steps?.forEach((step, index) => {
    if (!("setWeight" in step) || step.setWeight === void 0) return;
    if (step.setWeight <= MAX_WEIGHT_WITH_BASELINE) return;
    issues.push({
      path: [...at(index), "setWeight"],
      message: `with a baseline backend (${carrying.join(", ")}) the canary weight is at most ${MAX_WEIGHT_WITH_BASELINE}: the baseline gets the same share and stable the rest, so ${step.setWeight} would leave stable ${100 - 2 * step.setWeight}%; the promote step sends all traffic to the new version`
    });
  });
  return issues;
}

// src/config/plan.ts
function planRelease(config) {
  const { spec } = config;
  let steps;
  let gates = { ...spec.gates };
  let checks;
  let eventWebhooks = [];
  if (spec.analysis !== void 0) {
    const expansion = expandFlaggerAnalysis(spec.analysis, {
      ...flaggerContext(spec.traffic, allTargets()),
      stable: spec.stable !== void 0
    });
    steps = expansion.steps;
    gates = { ...gates, ...expansion.gates };
    checks = { intervalMs: expansion.intervalMs, threshold: expansion.threshold };
    eventWebhooks = expansion.eventWebhooks;
  } else {
    const argo = planArgoAnalysis(spec.steps ?? [], spec.backgroundAnalysis, spec.workload, allTargets());
    steps = argo.steps;
    gates = { ...gates, ...argo.gates };
  }
  const implicitPromote = !steps.some((step) => "promote" in step);
  if (implicitPromote) steps.push({ promote: {} });
  let planned = steps.map((step, index) => ({
    ...planStep(step, spec.analysis === void 0 ? `spec.steps[${index}]` : "spec.analysis"),
    summary: summarizeStep(step)
  }));
  if (spec.stable !== void 0) {
    const interval = spec.analysis?.interval ?? FLAGGER_DEFAULTS.interval;
    planned = flaggerPromotion(planned, {
      stepWeightPromotion: spec.analysis?.stepWeightPromotion,
      pause: checks === void 0 ? void 0 : { duration: interval, ms: checks.intervalMs }
    });
  }
  return {
    steps: planned.map((step, index) => ({ ...step, index })),
    gates,
    implicitPromote,
    checks,
    eventWebhooks
  };
}
function flaggerPromotion(steps, options) {
  const at = steps.findIndex((step) => step.kind === "promote");
  if (at < 0) return steps;
  let weight = 0;
  for (const step of steps.slice(0, at)) {
    if (step.kind === "change" && "setWeight" in step.step) weight = step.step.setWeight;
  }
  const tick = () => options.pause === void 0 ? [] : [
    {
      kind: "pause",
      durationMs: options.pause.ms,
      summary: summarizeStep({ pause: { duration: options.pause.duration } })
    }
  ];
  const promotion = [
    { kind: "promotePrimary", summary: "promote primary" },
    ...tick()
  ];
  const by = options.stepWeightPromotion;
  if (by !== void 0) {
    for (let canary = weight - by; canary > 0; canary -= by) {
      promotion.push({
        kind: "shift",
        weight: canary,
        summary: `shift traffic to primary (canary ${canary}%)`
      });
      promotion.push(...tick());
    }
  }
  promotion.push(steps[at]);
  return [...steps.slice(0, at), ...promotion, ...steps.slice(at + 1)];
}
function planStep(step, field) {
  if ("pause" in step) {
    const { duration } = step.pause;
    return {
      kind: "pause",
      durationMs: duration === void 0 ? void 0 : parseDuration(duration, `${field}.pause.duration`)
    };
  }
  if ("analysis" in step) return { kind: "analysis", gates: [...step.analysis.gates] };
  if ("promote" in step) return { kind: "promote" };
  return { kind: "change", step };
}
function summarizeStep(step) {
  if ("setWeight" in step) return `setWeight ${step.setWeight}`;
  if ("pause" in step) {
    const { duration } = step.pause;
    if (duration === void 0) return "pause until promoted";
    return `pause ${typeof duration === "number" ? `${duration}s` : duration}`;
  }
  if ("setCanaryScale" in step) {
    const { replicas, weight, matchTrafficWeight } = step.setCanaryScale;
    if (matchTrafficWeight) return "setCanaryScale matchTrafficWeight";
    return replicas !== void 0 ? `setCanaryScale replicas ${replicas}` : `setCanaryScale weight ${weight}`;
  }
  if ("setHeaderRoute" in step) {
    const { name, match } = step.setHeaderRoute;
    return match?.length ? `setHeaderRoute ${name}` : `remove header route ${name}`;
  }
  if ("setMirrorRoute" in step) {
    const { name, match, percentage } = step.setMirrorRoute;
    return match?.length ? `setMirrorRoute ${name} ${percentage ?? 100}%` : `remove mirror route ${name}`;
  }
  if ("analysis" in step) return `analysis ${step.analysis.gates.join(", ")}`;
  return "promote";
}

// src/config/promotion.ts
var pullRequestPromotionSchema = external_exports.strictObject({
  steps: external_exports.enum(["pauses", "all"]).default("pauses").describe(
    "Which steps become pull requests: each indefinite `pause: {}` (pauses), or every committing step (all)."
  ),
  labels: external_exports.array(external_exports.string().min(1)).default([]).describe("Labels put on each pull request."),
  reviewers: external_exports.array(external_exports.string().min(1)).default([]).describe("Reviewers requested on each pull request: logins, or `org/team` for a team."),
  draft: external_exports.boolean().default(false).describe("Open the pull requests as drafts.")
}).describe("Manual steps become pull requests: merging one promotes, closing it aborts.");
var promotionSchema = external_exports.strictObject({ pullRequest: pullRequestPromotionSchema.optional() }).describe("How a release goes on past its manual steps.");
var githubForgeSchema = external_exports.strictObject({
  apiUrl: external_exports.url({ protocol: /^https?$/ }).optional().describe(
    "REST API root; GitHub Enterprise Server: https://<host>/api/v3. Default: GITHUB_API_URL, else https://api.github.com."
  ),
  repository: external_exports.string().regex(/^[\w.-]+\/[\w.-]+$/, "a repository is owner/name").optional().describe("owner/name of the repository the pull requests go to. Default: GITHUB_REPOSITORY."),
  tokenEnv: external_exports.string().min(1).default("GITHUB_TOKEN").describe(
    "Environment variable holding the token (GITHUB_TOKEN, a personal access token or a GitHub App installation token)."
  )
}).describe("GitHub or GitHub Enterprise Server.");
var gitlabForgeSchema = external_exports.strictObject({
  apiUrl: external_exports.url({ protocol: /^https?$/ }).regex(/\/api\/v4\/?$/, "the REST API root ends in /api/v4").optional().describe(
    "REST API root, https://<host>/api/v4. Default: CI_API_V4_URL, else https://gitlab.com/api/v4."
  ),
  project: external_exports.union([
    external_exports.string().regex(
      /^(\d+|[\w.-]+(\/[\w.-]+)+)$/,
      "a project is its full path (group/project) or its numeric ID"
    ),
    external_exports.number().int().positive()
  ]).optional().describe(
    "Full path (group/subgroup/project) or numeric ID of the project the merge requests go to. Default: CI_PROJECT_ID."
  ),
  tokenEnv: external_exports.string().min(1).refine((name) => name !== "CI_JOB_TOKEN", "CI_JOB_TOKEN can neither push nor open merge requests").default("GITLAB_TOKEN").describe(
    "Environment variable holding a project or group access token (role Developer or more, scope api). CI_JOB_TOKEN cannot push or open merge requests."
  )
}).describe("GitLab.com or a self-managed GitLab.");
var forgeSchema = external_exports.strictObject({ github: githubForgeSchema.optional(), gitlab: gitlabForgeSchema.optional() }).refine((forge) => forge.github === void 0 !== (forge.gitlab === void 0), {
  message: "name one forge: github or gitlab"
}).describe(
  "Where pull or merge requests are opened. Optional in CI: GitHub on an Actions runner (GITHUB_REPOSITORY, GITHUB_API_URL), GitLab in GitLab CI (CI_PROJECT_ID, CI_API_V4_URL)."
);

// src/config/schema.ts
var API_VERSION = "gitcanary.dev/v1alpha1";
var SCHEMA_ID = "https://gitcanary.dev/schema/gitcanary.schema.json";
var exactlyOne = (value) => Object.values(value).filter((field) => field !== void 0).length === 1;
var listKeys = (keys) => keys.length === 0 ? "(none registered)" : keys.join(", ");
function targetBlockSchema(family, targets, exact) {
  const keys = targets.map((target) => target.key);
  const noun = family === "workload" ? "workload target" : "traffic router";
  const shape = Object.fromEntries(
    targets.map((target) => [target.key, target.configSchema.optional()])
  );
  return external_exports.strictObject(shape, {
    error: (issue) => issue.code === "unrecognized_keys" ? `unknown ${noun} ${issue.keys.map((key2) => `\`${key2}\``).join(", ")}; known: ${listKeys(keys)}` : void 0
  }).refine(
    (block) => exact ? exactlyOne(block) : Object.values(block).some((field) => field !== void 0),
    {
      message: `${exact ? "set exactly one" : "set at least one"} ${noun}: ${listKeys(keys)}`
    }
  ).meta(exact ? { minProperties: 1, maxProperties: 1 } : { minProperties: 1 });
}
var metadataSchema = external_exports.strictObject({
  name: external_exports.string().regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
    "a name is lowercase letters, digits and dashes (DNS-1123 label)"
  ).max(63).describe("Release name: in commit trailers, reports and gate templates."),
  namespace: dns1123Label.default("default").describe("Namespace for gate templates and webhook payloads.")
});
var signingSchema = external_exports.strictObject({
  format: external_exports.enum(["ssh", "openpgp", "x509"]).default("ssh").describe("git's gpg.format: ssh (ssh-keygen), openpgp (gpg) or x509 (gpgsm)."),
  key: singleLine.min(1).optional().describe(
    "git's user.signingkey: an ssh key file (or key::<public key> with an agent), or a gpg key id."
  ),
  keyEnv: envVarName.optional().describe(
    "Environment variable holding the key (a path or id as for key), or an ssh private key itself."
  )
}).refine((signing) => signing.key === void 0 !== (signing.keyEnv === void 0), {
  message: "set exactly one of key or keyEnv"
}).describe("Sign every commit, as git does with commit.gpgsign.");
var gitSchema = external_exports.strictObject({
  repo: gitRepository.describe("GitOps repository: a URL, or a path relative to this file."),
  branch: gitBranchName.default("main"),
  author: external_exports.strictObject({ name: singleLine.min(1), email: external_exports.email() }).optional().describe("Commit author."),
  tokenEnv: envVarName.optional().describe("Environment variable holding the push token, e.g. GITHUB_TOKEN."),
  signing: signingSchema.optional()
});
var releaseSyncSchema = external_exports.strictObject({
  argocd: argocdSyncSchema.optional(),
  flux: fluxSyncSchema.optional(),
  delay: durationSchema.optional().describe("Fixed wait, when no reconciler can be asked.")
}).refine(exactlyOne, { message: "set exactly one of argocd, flux or delay" }).meta({ minProperties: 1, maxProperties: 1 }).describe("Waited after every commit: the reconciler applied that commit.");
var optionsSchema = external_exports.strictObject({
  // Flagger restarts the analysis when the target changes mid-release; superseding does the same.
  supersede: external_exports.boolean().default(true).describe("A new candidate image restarts a release under way."),
  maxPushAttempts: external_exports.number().int().min(1).default(5).describe("Pushes tried when the branch moved.")
});
function releaseSchema(targets) {
  const workload = targets.filter((target) => target.family === "workload");
  const traffic = targets.filter((target) => target.family === "traffic");
  const specSchema = external_exports.strictObject({
    git: gitSchema,
    workload: targetBlockSchema("workload", workload, false).describe("Where the candidate image goes."),
    stable: targetBlockSchema("workload", workload, false).optional().describe("Where the image goes on promotion (Flagger-style primary)."),
    baseline: targetBlockSchema("workload", workload, false).optional().describe(
      "A fresh copy of stable for the judge to compare the canary with: the stable image at the canary's scale while a release runs, scaled to 0 after it."
    ),
    traffic: external_exports.array(targetBlockSchema("traffic", traffic, true)).default([]).describe("Traffic routers, each a single-key object."),
    steps: external_exports.array(stepSchema).min(1).optional().describe("Argo Rollouts canary steps."),
    backgroundAnalysis: backgroundAnalysisSchema.optional(),
    analysis: flaggerAnalysisSchema.optional(),
    gates: external_exports.record(external_exports.string().min(1), gateConfigSchema).default({}).describe("Gates by name, referenced from analysis steps."),
    sync: releaseSyncSchema.optional(),
    notifications: notificationsSchema.optional(),
    promotion: promotionSchema.optional(),
    forge: forgeSchema.optional(),
    options: optionsSchema.default({ supersede: true, maxPushAttempts: 5 })
  }).meta({ oneOf: [{ required: ["steps"] }, { required: ["analysis"] }] });
  return external_exports.strictObject({
    apiVersion: external_exports.literal(API_VERSION),
    kind: external_exports.literal("Release"),
    metadata: metadataSchema,
    spec: specSchema
  }).superRefine((config, ctx) => {
    for (const issue of crossFieldIssues(config.spec, targets)) ctx.addIssue({ code: "custom", ...issue });
  }).meta({
    $id: SCHEMA_ID,
    title: "gitcanary release",
    description: "A canary release driven through Git."
  });
}
function defaultReleaseSchema() {
  return releaseSchema(allTargets());
}
function crossFieldIssues(spec, targets) {
  const issues = [];
  const gateNames = Object.keys(spec.gates);
  const router = spec.traffic.map((block) => Object.keys(block)[0]).find((key2) => key2 !== void 0);
  const routers = trafficRouters(spec.traffic, targets);
  const context = { ...flaggerContext(spec.traffic, targets), stable: spec.stable !== void 0 };
  issues.push(...metricTemplateIssues(spec.gates, targets));
  if (spec.steps !== void 0) {
    issues.push(...routerStepIssues(spec.steps, routers, (index) => ["spec", "steps", index]));
  }
  const hasBaseline = spec.baseline !== void 0;
  issues.push(
    ...baselineIssues(spec.traffic, targets, hasBaseline, spec.steps, (index) => ["spec", "steps", index])
  );
  if (spec.steps !== void 0 && spec.analysis !== void 0) {
    issues.push({ path: ["spec", "analysis"], message: "set either steps or analysis, not both" });
  }
  if (spec.steps === void 0 && spec.analysis === void 0) {
    issues.push({ path: ["spec"], message: "set steps (Argo Rollouts) or analysis (Flagger)" });
  }
  if (spec.backgroundAnalysis !== void 0 && spec.steps === void 0) {
    issues.push({
      path: ["spec", "backgroundAnalysis"],
      message: "background analysis runs alongside spec.steps; set steps"
    });
  }
  spec.steps?.forEach((step, index) => {
    if (!("analysis" in step) || isTemplatesAnalysis(step.analysis)) return;
    step.analysis.gates.forEach((name, gateIndex) => {
      if (!gateNames.includes(name)) {
        issues.push({
          path: ["spec", "steps", index, "analysis", "gates", gateIndex],
          message: `gate \`${name}\` is not defined in spec.gates; defined: ${gateNames.join(", ") || "(none)"}`
        });
      }
    });
  });
  const promoteAt = spec.steps?.findIndex((step) => "promote" in step) ?? -1;
  spec.steps?.forEach((step, index) => {
    if (promoteAt < 0 || index <= promoteAt || "analysis" in step) return;
    issues.push({
      path: ["spec", "steps", index],
      message: `no step but analysis may follow promote (step ${promoteAt + 1}): the release ends there; move this step before it`
    });
  });
  const firstRouting = spec.steps?.findIndex(routesTraffic) ?? -1;
  if (router === void 0 && (firstRouting >= 0 || spec.analysis !== void 0)) {
    issues.push({
      path: firstRouting >= 0 ? ["spec", "steps", firstRouting] : ["spec", "analysis"],
      message: "moving traffic needs a traffic router in spec.traffic"
    });
  }
  if (spec.analysis !== void 0) {
    const flagger = flaggerIssues(spec.analysis, context);
    for (const issue of flagger) {
      issues.push({ path: ["spec", "analysis", ...issue.path], message: issue.message });
    }
    if (flagger.length === 0) {
      const { steps } = expandFlaggerAnalysis(spec.analysis, context);
      for (const issue of routerStepIssues(steps, routers, () => [])) {
        const field = issue.path[0] === "setMirrorRoute" ? "mirror" : "match";
        issues.push({ path: ["spec", "analysis", field], message: issue.message });
      }
      const [overweight] = baselineIssues(spec.traffic, targets, true, steps, () => []);
      if (overweight !== void 0) {
        const field = spec.analysis.stepWeights !== void 0 ? "stepWeights" : "maxWeight";
        issues.push({ path: ["spec", "analysis", field], message: overweight.message });
      }
    }
    const generated = [
      ...(spec.analysis.metrics ?? []).map((metric) => metric.name),
      ...(spec.analysis.webhooks ?? []).map((webhook) => webhook.name)
    ];
    for (const name of generated.filter((name2) => gateNames.includes(name2))) {
      issues.push({
        path: ["spec", "gates", name],
        message: `gate \`${name}\` is also a metric or webhook in spec.analysis; rename one`
      });
    }
  }
  issues.push(...notificationIssues(spec.notifications, spec.analysis?.alerts));
  return issues;
}

// src/config/load.ts
external_exports.config({ jitless: true });
var MAX_CONFIG_BYTES = 1024 * 1024;
async function loadConfig(file, options = {}) {
  const text = await readConfigFile(file);
  return await parseConfig(text, file, options);
}
async function readConfigFile(file) {
  const refuse = (message, hint, cause) => new GitcanaryError("CONFIG_INVALID", message, { file, hint, cause });
  const link = await lstat(file).catch(() => void 0);
  const target = await stat(file).catch((error) => error);
  if (target instanceof Error) {
    if (link?.isSymbolicLink() && target.code === "ENOENT") {
      const to = await readlink(file).catch(() => "?");
      throw refuse(
        `the config file is a symlink to ${to}, which does not exist`,
        "point it at the config file",
        target
      );
    }
    if (target.code === "ELOOP")
      throw refuse("the config file is a symlink loop", "point it at the config file", target);
    if (target.code === "ENOENT" || target.code === "ENOTDIR") {
      throw new GitcanaryError("CONFIG_NOT_FOUND", "config file not found", {
        file,
        hint: "create gitcanary.yaml (see fixtures/config/) or pass its path",
        cause: target
      });
    }
    throw refuse(
      `cannot read the config file (${target.code ?? target.message})`,
      "check its permissions",
      target
    );
  }
  if (target.isDirectory()) {
    throw refuse(
      "--config names a folder, not a file",
      `pass the file, e.g. ${path.join(file, "gitcanary.yaml")}`
    );
  }
  if (!target.isFile()) throw refuse("the config is not a regular file", "pass the config file itself");
  if (target.size > MAX_CONFIG_BYTES) {
    throw refuse(
      `the config file is ${target.size} bytes; a release config is at most ${MAX_CONFIG_BYTES}`,
      "pass the release config, not another file"
    );
  }
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    throw refuse(
      `cannot read the config file (${error.code ?? String(error)})`,
      "check its permissions",
      error
    );
  }
}
async function parseConfig(text, file, options = {}) {
  const lineCounter = new import_yaml.LineCounter();
  const docs = (0, import_yaml.parseAllDocuments)(text, { lineCounter, prettyErrors: false });
  const documents = Array.isArray(docs) ? docs : [];
  const doc = documents[0];
  if (doc === void 0 || doc.contents === null) {
    throw new GitcanaryError("CONFIG_INVALID", "the config file holds no document", { file });
  }
  const syntaxError = documents.flatMap((document) => document.errors)[0];
  if (syntaxError !== void 0) {
    const at = lineCounter.linePos(syntaxError.pos[0]);
    throw new GitcanaryError("YAML_INVALID", syntaxError.message.split("\n")[0] ?? "invalid YAML", {
      file,
      line: at.line,
      column: at.col
    });
  }
  if (documents.length > 1) {
    const at = lineCounter.linePos(documents[1]?.range[0] ?? 0);
    throw new GitcanaryError("CONFIG_INVALID", "expected one YAML document, found several", {
      file,
      line: at.line,
      column: at.col
    });
  }
  let input;
  try {
    input = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    throw new GitcanaryError("YAML_ALIAS_LIMIT", "too many alias expansions in the config", {
      file,
      cause: error
    });
  }
  if (JSON.stringify(input).includes("{{")) await loadTemplateCompiler();
  const schema = options.targets === void 0 ? defaultReleaseSchema() : releaseSchema(options.targets);
  const result = schema.safeParse(input);
  if (!result.success) throw configError(file, doc, lineCounter, result.error.issues);
  const dir = path.dirname(path.resolve(file));
  const config = result.data;
  const gateIssue = await gateBuildIssue(config);
  if (gateIssue !== void 0) {
    const { error, at } = gateIssue;
    const placed = placeIssue(
      { code: "custom", path: at, message: error.message, input: void 0 },
      doc,
      lineCounter
    );
    throw new GitcanaryError(error.code, error.message, {
      file,
      line: placed.line,
      column: placed.column,
      field: fieldPath(at),
      hint: error.hint,
      cause: error
    });
  }
  const repo = isRemoteRepo(config.spec.git.repo) ? config.spec.git.repo : path.resolve(dir, config.spec.git.repo);
  return { config: { ...config, spec: { ...config.spec, git: { ...config.spec.git, repo } } }, file, dir };
}
function isRemoteRepo(repo) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[\w.-]+@[\w.-]+:/.test(repo);
}
async function gateBuildIssue(config) {
  const { spec } = config;
  const analysis = spec.analysis;
  const gates = planRelease(config).gates;
  const attempts = Object.entries(gates).map(
    ([name, gate]) => {
      const metric = analysis?.metrics?.findIndex((m) => m.name === name) ?? -1;
      const webhook = analysis?.webhooks?.findIndex((w) => w.name === name) ?? -1;
      const at = name in spec.gates ? ["spec", "gates", name] : metric >= 0 ? ["spec", "analysis", "metrics", metric] : ["spec", "analysis", "webhooks", Math.max(webhook, 0)];
      return { at, build: () => createGate(name, gate) };
    }
  );
  if (spec.sync?.argocd !== void 0 || spec.sync?.flux !== void 0) {
    const { delay: _delay, ...sync } = spec.sync;
    attempts.push({ at: ["spec"], build: () => createGate("sync", { sync }) });
  }
  for (const { at, build } of attempts) {
    try {
      await build();
    } catch (error) {
      if (!(error instanceof GitcanaryError)) throw error;
      const inner = error.place.field?.replace(/^spec\.gates\.[^.]+\./, "") ?? "";
      const fromGate = at[1] === "gates" || at[0] === "spec" && at.length === 1;
      const field = fromGate && inner !== "" ? inner.split(".") : [];
      return { error, at: [...at, ...field] };
    }
  }
  return void 0;
}
function configError(file, doc, lineCounter, zodIssues) {
  const issues = dedupe(zodIssues.flatMap(bestIssues)).map((issue) => placeIssue(issue, doc, lineCounter));
  const [first, ...rest] = issues;
  const more = rest.map(
    (issue) => `
  ${file}:${issue.line ?? "?"}:${issue.column ?? "?"}: ${issue.field}: ${issue.message}`
  );
  return new GitcanaryError(
    "CONFIG_INVALID",
    `${first?.message ?? "invalid config"}${more.length > 0 ? `
  and ${more.length} more:${more.join("")}` : ""}`,
    {
      file,
      line: first?.line,
      column: first?.column,
      field: first?.field,
      hint: "the JSON Schema schema/gitcanary.schema.json lists every field",
      cause: issues
    }
  );
}
function bestIssues(issue) {
  if (issue.code !== "invalid_union" || issue.errors.length === 0) return [issue];
  const depth = (branch) => Math.max(...branch.map((inner) => inner.path.length));
  const best = [...issue.errors].sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0] ?? [];
  const ordered = [...best].sort(
    (a, b) => Number(b.code === "unrecognized_keys") - Number(a.code === "unrecognized_keys")
  );
  return ordered.flatMap((inner) => bestIssues({ ...inner, path: [...issue.path, ...inner.path] }));
}
function dedupe(issues) {
  const unknownAt = new Set(
    issues.filter((issue) => issue.code === "unrecognized_keys").map((issue) => key(issue.path))
  );
  return issues.filter((issue) => issue.code !== "custom" || !unknownAt.has(key(issue.path)));
}
var key = (issuePath) => JSON.stringify(issuePath.map(String));
function placeIssue(issue, doc, lineCounter) {
  const issuePath = issue.path.filter((part) => typeof part !== "symbol");
  const unknownKey = issue.code === "unrecognized_keys" ? issue.keys[0] : void 0;
  const fullPath = unknownKey === void 0 ? issuePath : [...issuePath, unknownKey];
  const { node, found, isKey } = deepestNode(doc, fullPath, unknownKey !== void 0);
  let message = issue.message;
  if (found && !isKey && (0, import_yaml.isScalar)(node) && !message.includes(`\`${String(node.value)}\``)) {
    message += `; got ${JSON.stringify(node.toJSON())}`;
  }
  if (!found && issue.code === "invalid_type" && issue.input === void 0) {
    message = `\`${String(issuePath.at(-1))}\` is required`;
  }
  const offset = node?.range?.[0];
  const at = offset === void 0 ? void 0 : lineCounter.linePos(offset);
  return { message, field: fieldPath(fullPath) || "(root)", line: at?.line, column: at?.col };
}
function deepestNode(doc, issuePath, preferKey) {
  let current = doc.contents;
  let keyNode;
  for (let depth = 0; depth < issuePath.length; depth++) {
    const part = issuePath[depth];
    const pair = (0, import_yaml.isMap)(current) ? current.items.find((item) => (0, import_yaml.isScalar)(item.key) && item.key.value === part) : void 0;
    const next = (0, import_yaml.isMap)(current) ? pair?.value : current?.get?.(part, true);
    const isLast = depth === issuePath.length - 1;
    if ((0, import_yaml.isPair)(pair) && isLast && (preferKey || next === null || next === void 0 || !(0, import_yaml.isScalar)(next))) {
      return { node: pair.key, found: true, isKey: true };
    }
    if (next === void 0 || next === null) {
      return { node: keyNode ?? current, found: false, isKey: keyNode !== void 0 };
    }
    keyNode = (0, import_yaml.isPair)(pair) ? pair.key : next;
    current = next;
  }
  return { node: current, found: true, isKey: false };
}

// src/config/warnings.ts
function configWarnings(config, env) {
  const warnings = [];
  const { tokenEnv } = config.spec.git;
  if (tokenEnv !== void 0 && (env[tokenEnv] ?? "") === "") {
    warnings.push({
      field: "spec.git.tokenEnv",
      message: `${tokenEnv} is not set: git will fetch and push without a token`
    });
  }
  const argocdToken = config.spec.sync?.argocd?.tokenEnv;
  if (argocdToken !== void 0 && (env[argocdToken] ?? "") === "") {
    warnings.push({
      field: "spec.sync.argocd.tokenEnv",
      message: `${argocdToken} is not set: the sync gate will fail after the first commit`
    });
  }
  for (const [name, gate] of Object.entries(config.spec.gates)) {
    const kind = "prometheus" in gate ? "prometheus" : "http" in gate ? "http" : void 0;
    const variable = "prometheus" in gate ? gate.prometheus.bearerTokenEnv : "http" in gate ? gate.http.bearerTokenEnv : void 0;
    if (kind === void 0 || variable === void 0 || (env[variable] ?? "") !== "") continue;
    warnings.push({
      field: `spec.gates.${name}.${kind}.bearerTokenEnv`,
      message: `${variable} is not set: the gate asks without a token`
    });
  }
  warnings.push(...weightWarnings(config));
  return warnings;
}
function weightWarnings(config) {
  const warnings = [];
  let previous;
  for (const [index, step] of (config.spec.steps ?? []).entries()) {
    if ("promote" in step) break;
    if (!("setWeight" in step)) continue;
    if (previous !== void 0 && step.setWeight < previous.weight) {
      warnings.push({
        field: fieldPath(["spec", "steps", index, "setWeight"]),
        message: `weight ${step.setWeight} after ${previous.weight} (step ${previous.index + 1}): traffic goes back to stable before promotion`
      });
    }
    previous = { weight: step.setWeight, index };
  }
  return warnings;
}
function imageWarning(current, candidate) {
  if (current === void 0) return void 0;
  const repository = (image) => image.replace(/@.*$/, "").replace(/:[^/:]*$/, "");
  if (repository(current) === repository(candidate)) return void 0;
  return {
    field: "--image",
    message: `${candidate} is not from ${repository(current)}, the repository the canary runs now`
  };
}

export {
  flaggerIssues,
  fromFlaggerCanary,
  API_VERSION,
  createGate,
  checkGates,
  planRelease,
  loadConfig,
  parseConfig,
  configWarnings,
  imageWarning
};
