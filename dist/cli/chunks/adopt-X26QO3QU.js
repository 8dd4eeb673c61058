import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  API_VERSION,
  flaggerIssues,
  fromFlaggerCanary,
  parseConfig
} from "./chunk-XPUI7XNL.js";
import {
  resolveRun,
  secretEnvName
} from "./chunk-Q4P5DKAW.js";
import {
  routerFor
} from "./chunk-ZVA6QZ6O.js";
import "./chunk-WEH5TXVI.js";
import {
  describeDoc,
  loadTree,
  require_dist,
  toPlain
} from "./chunk-XJFDB2OJ.js";
import "./chunk-XS2OQZ4O.js";
import "./chunk-KGKE37OE.js";
import "./chunk-RQCOFY3H.js";
import "./chunk-LLT2LQ4I.js";
import {
  GitcanaryError
} from "./chunk-ASCNN4HU.js";
import "./chunk-K7FAASV6.js";
import {
  __toESM
} from "./chunk-ZXCS2I6Q.js";

// src/adopt/index.ts
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";

// src/adopt/rollout.ts
var ROUTED = {
  // rollout/trafficrouting/apisix: `route: { name, rules }`.
  apisix: {
    router: "apisix",
    names: (block) => {
      const route = record(block.route);
      return { route: string(route.name), rules: strings(route.rules) };
    }
  },
  // rollout/trafficrouting/istio: `virtualService: { name, routes }` or `virtualServices: [...]`.
  istio: {
    router: "istio",
    names: (block) => {
      const service = record(
        block.virtualService ?? (Array.isArray(block.virtualServices) ? block.virtualServices[0] : void 0)
      );
      return { route: string(service.name)?.split(".")[0], rules: strings(service.routes) };
    }
  },
  // rollout/trafficrouting/traefik: `weightedTraefikServiceName`.
  traefik: { router: "traefik", names: (block) => ({ route: string(block.weightedTraefikServiceName) }) },
  // rollout/trafficrouting/alb: `ingress` (or `ingresses`).
  alb: {
    router: "alb",
    names: (block) => ({ route: string(block.ingress) ?? strings(block.ingresses)?.[0] })
  },
  // The Gateway API plugin (argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi): `httpRoute`.
  "plugins.argoproj-labs/gatewayAPI": {
    router: "gatewayAPI",
    names: (block) => ({
      route: string(block.httpRoute) ?? string(record(record(block.httpRoutes)[0]).name)
    })
  }
};
var CONTROLLER_OWNED = ["nginx", "smi", "ambassador"];
var STEP_KINDS = ["setWeight", "pause", "setCanaryScale", "setHeaderRoute", "setMirrorRoute", "analysis"];
function adoptRollout(doc, tree, options) {
  const rollout = record(toPlain(doc));
  const metadata = record(rollout.metadata);
  const spec = record(rollout.spec);
  const canary = record(record(spec.strategy).canary);
  const resource = describeDoc(doc);
  if (Object.keys(canary).length === 0) {
    throw new GitcanaryError("CONFIG_INVALID", "the Rollout has no canary strategy", {
      file: doc.file,
      resource,
      field: "spec.strategy.canary",
      hint: "gitcanary drives canary Rollouts; a blueGreen Rollout is not supported"
    });
  }
  if (spec.workloadRef !== void 0) {
    throw new GitcanaryError("CONFIG_INVALID", "the Rollout takes its pod template from a workloadRef", {
      file: doc.file,
      resource,
      field: "spec.workloadRef",
      hint: "gitcanary writes the image into the Rollout\u2019s own spec.template"
    });
  }
  const name = String(metadata.name);
  const namespace = string(metadata.namespace);
  const containers = Array.isArray(record(record(spec.template).spec).containers) ? record(record(spec.template).spec).containers : [];
  const container = string(record(containers[0]).name);
  const notes = [];
  const dropped = [];
  const fieldRefObject = { file: options.file, kind: "Rollout", name, ...namespace ? { namespace } : {} };
  const releaseNamespace = namespace ?? "default";
  notes.push({
    path: ["spec", "workload"],
    text: `The Rollout itself: gitcanary commits the image into spec.template and the weight as spec.strategy.canary.steps,
keeping your steps in an annotation while a release runs and restoring them after.`
  });
  if (containers.length > 1) {
    notes.push({
      path: ["spec", "workload", "rollout", "container"],
      text: `The first of ${containers.length} containers; change it if the image is another's.`
    });
  }
  const rawSteps = Array.isArray(canary.steps) ? canary.steps : [];
  const steps = [];
  const firstStep = [];
  rawSteps.forEach((raw, index) => {
    firstStep[index] = steps.length;
    const step = record(raw);
    const kinds2 = Object.keys(step);
    const unknown = kinds2.filter((kind) => !STEP_KINDS.includes(kind));
    if (unknown.length > 0) {
      dropped.push(
        `spec.strategy.canary.steps[${index}] (${unknown.join(", ")}): gitcanary has no such step${unknown.includes("experiment") ? " (an Experiment runs in the cluster; see spec.baseline for a baseline to judge against)" : ""}`
      );
      return;
    }
    for (const kind of STEP_KINDS.filter((candidate) => candidate in step)) {
      if (kind === "analysis") {
        const problem = analysisProblem(tree, step.analysis, releaseNamespace, fieldRefObject, false);
        if (problem !== void 0) {
          dropped.push(`spec.strategy.canary.steps[${index}].analysis: ${problem}`);
          continue;
        }
        notes.push({
          path: ["spec", "steps", steps.length],
          text: `Argo analysis as written: ${templateNames(step.analysis)} read from this repository and evaluated as Argo does.`
        });
      }
      steps.push({ [kind]: kind === "pause" ? pauseOf(step.pause) : step[kind] });
    }
  });
  if (rawSteps.length > 0 && kinds(rawSteps).length > 0 && steps.length === 0) {
    dropped.push("no step could be carried over");
  }
  if (steps.length === 0) {
    steps.push({ promote: {} });
    notes.push({
      path: ["spec", "steps"],
      text: "The Rollout has no steps Argo would run before promoting: promote at once, as Argo does."
    });
  } else {
    notes.push({
      path: ["spec", "steps"],
      text: "spec.strategy.canary.steps, one step kind per item; gitcanary promotes after the last, as Argo does."
    });
  }
  let backgroundAnalysis;
  if (canary.analysis !== void 0) {
    const analysis = record(canary.analysis);
    const problem = analysisProblem(tree, analysis, releaseNamespace, fieldRefObject, true);
    if (problem !== void 0) {
      dropped.push(`spec.strategy.canary.analysis (background): ${problem}`);
    } else {
      backgroundAnalysis = pick(analysis, ["templates", "args", "dryRun", "measurementRetention"]);
      const argoStart = Number(analysis.startingStep ?? 0);
      const start = argoStart >= rawSteps.length ? steps.length : firstStep[argoStart] ?? 0;
      if (start > 0) backgroundAnalysis.startingStep = start;
      notes.push({
        path: ["spec", "backgroundAnalysis"],
        text: `spec.strategy.canary.analysis: ${templateNames(analysis)} measured during every timed pause from step ${start} on${start === argoStart ? "" : ` (Argo's startingStep ${argoStart}, counted in the steps above)`}.
Argo also measures while paused indefinitely; gitcanary runs no process then.`
      });
      if (!steps.some((step) => "pause" in record(step) && record(record(step).pause).duration !== void 0)) {
        dropped.push(
          "spec.strategy.canary.analysis: the steps have no timed pause, so the background analysis never measures"
        );
      }
    }
  }
  const traffic = [];
  const routing = record(canary.trafficRouting);
  const blocks = [
    ...Object.entries(routing).filter(([key]) => key !== "plugins" && key !== "managedRoutes").map(([key, value]) => [key, record(value)]),
    ...Object.entries(record(routing.plugins)).map(
      ([key, value]) => [`plugins.${key}`, record(value)]
    )
  ];
  const stableService = string(canary.stableService);
  const canaryService = string(canary.canaryService);
  for (const [key, block] of blocks) {
    const field = `spec.strategy.canary.trafficRouting.${key}`;
    if (CONTROLLER_OWNED.includes(key)) {
      dropped.push(
        `${field}: Argo Rollouts creates and owns the canary ${key === "nginx" ? "Ingress" : key === "smi" ? "TrafficSplit" : "Mapping"}, so gitcanary leaves it to the controller (docs/routers.md)`
      );
      continue;
    }
    const mapping = ROUTED[key];
    const router = mapping === void 0 ? void 0 : routerFor(mapping.router);
    if (mapping === void 0 || router === void 0) {
      dropped.push(`${field}: no gitcanary router for it`);
      continue;
    }
    const { route, rules } = mapping.names(block);
    const file = route === void 0 ? void 0 : fileOf(tree, router.kinds, route);
    if (file === void 0) {
      dropped.push(
        `${field}: ${route ? `${router.kinds.join("/")} ${route}` : "the route"} is not in this repository`
      );
      continue;
    }
    try {
      const config2 = router.configFromCli(tree, {
        file,
        ...route ? { route } : {},
        ...rules && rules.length > 0 ? { rule: rules } : {},
        ...stableService ? { stable: stableService } : {},
        ...canaryService ? { canary: canaryService } : {}
      });
      notes.push({
        path: ["spec", "traffic", traffic.length],
        text: `${field}: ${route} in ${file}, with the Rollout's stableService and canaryService.`
      });
      traffic.push({ [router.key]: config2 });
      const problem = routeProblem(tree, router, config2, file);
      if (problem !== void 0) dropped.push(problem);
    } catch (error) {
      dropped.push(`${field}: ${messageOf(error)}`);
    }
  }
  if (routing.managedRoutes !== void 0) {
    notes.push({
      path: ["spec", "steps"],
      text: "trafficRouting.managedRoutes is not needed: gitcanary removes the header and mirror routes it added when the release ends."
    });
  }
  const routes = steps.some(
    (step) => ["setWeight", "setHeaderRoute", "setMirrorRoute"].some((kind) => kind in record(step))
  );
  if (traffic.length === 0 && routes) {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      "the Rollout moves traffic, and no router gitcanary can write was found for it",
      {
        file: doc.file,
        resource,
        field: "spec.strategy.canary.trafficRouting",
        hint: dropped.filter((line) => line.includes("trafficRouting")).join("; ") || "a canary without trafficRouting splits by replica count, which gitcanary does not drive"
      }
    );
  }
  const config = {
    apiVersion: API_VERSION,
    kind: "Release",
    metadata: { name, ...namespace ? { namespace } : {} },
    spec: {
      git: { repo: options.repo, branch: options.branch },
      workload: {
        rollout: {
          file: options.file,
          name,
          ...namespace ? { namespace } : {},
          ...container ? { container } : {}
        }
      },
      ...traffic.length > 0 ? { traffic } : {},
      steps,
      ...backgroundAnalysis ? { backgroundAnalysis } : {}
    }
  };
  notes.push({
    path: ["spec", "git"],
    text: "Where gitcanary commits; set tokenEnv to the variable holding a push token."
  });
  notes.push({
    path: ["spec", "steps"],
    text: "No sync is configured: add spec.sync.argocd (your Argo CD application) so each step waits until the commit is applied."
  });
  return { config, notes, dropped, source: options.file };
}
function routeProblem(tree, router, config, file) {
  try {
    router.observe(tree, config);
    return void 0;
  } catch (error) {
    return `${file}: ${messageOf(error)}; fix the route before the first release`;
  }
}
function messageOf(error) {
  return error instanceof GitcanaryError ? error.message : String(error);
}
function analysisProblem(tree, analysis, namespace, fieldRefObject, background) {
  const fields = record(analysis);
  if (!Array.isArray(fields.templates)) {
    return fields.templateName !== void 0 ? "the deprecated `templateName` form; write `templates: [{ templateName: ... }]`" : "no templates";
  }
  try {
    resolveRun(tree, {
      templates: fields.templates,
      args: fields.args,
      namespace,
      fieldRefObject,
      background,
      // Secrets are read from the environment at run time; here only their presence in the template counts.
      env: new Proxy({}, { get: () => "set-at-run-time" })
    });
    return void 0;
  } catch (error) {
    if (error instanceof GitcanaryError) {
      const where = [error.place.resource, error.place.field].filter(Boolean).join(" ");
      return `${error.message}${where ? ` (${where})` : ""}`;
    }
    throw error;
  }
}
function templateNames(analysis) {
  const templates = record(analysis).templates;
  const names = Array.isArray(templates) ? templates.map((ref) => string(record(ref).templateName) ?? "?") : [];
  return names.length === 1 ? `AnalysisTemplate ${names[0]}` : `AnalysisTemplates ${names.join(", ")}`;
}
function pauseOf(pause) {
  const duration = record(pause).duration;
  return duration === void 0 ? {} : { duration };
}
function fileOf(tree, kinds2, name) {
  return kinds2.flatMap((kind) => tree.resources(tree.paths(), { kind, name })).find((doc) => doc.name === name)?.file;
}
function kinds(steps) {
  return steps.flatMap((step) => Object.keys(record(step)));
}
function record(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? value : {};
}
function string(value) {
  return typeof value === "string" && value !== "" ? value : void 0;
}
function strings(value) {
  return Array.isArray(value) ? value.filter((item) => typeof item === "string") : void 0;
}
function pick(source, keys) {
  return Object.fromEntries(keys.filter((key) => source[key] !== void 0).map((key) => [key, source[key]]));
}

// src/adopt/canary.ts
var ROUTE_REFS = {
  // Flagger's APISIX router takes the user's ApisixRoute from `routeRef`.
  apisix: (spec) => string(record(spec.routeRef).name),
  // Flagger's NGINX router takes the user's Ingress from `ingressRef`.
  nginx: (spec) => string(record(spec.ingressRef).name)
};
var MAPPED_SPEC_FIELDS = [
  "provider",
  "targetRef",
  "routeRef",
  "ingressRef",
  "service",
  "analysis",
  "canaryAnalysis",
  "metricsServer"
];
var OMITTED_WHEN_REFUSED = [
  "sessionAffinity",
  "primaryReadyThreshold",
  "canaryReadyThreshold",
  "stepWeightPromotion"
];
var PROVIDER_ROUTER = {
  gatewayapi: "gatewayAPI",
  "gatewayapi:v1": "gatewayAPI",
  "gatewayapi:v1beta1": "gatewayAPI"
};
function adoptCanary(doc, tree, options) {
  const canary = record(toPlain(doc));
  const { analysis, provider } = fromFlaggerCanary(canary);
  const metadata = record(canary.metadata);
  const spec = record(canary.spec);
  const resource = describeDoc(doc);
  const name = String(metadata.name);
  const namespace = string(metadata.namespace);
  const target = record(spec.targetRef);
  const targetName = string(target.name) ?? name;
  const service = string(record(spec.service).name) ?? targetName;
  const notes = [];
  const dropped = [];
  for (const key of Object.keys(spec).filter((field) => !MAPPED_SPEC_FIELDS.includes(field))) {
    dropped.push(`spec.${key}: Flagger acts on it in the cluster; gitcanary does not`);
  }
  const workloadFile = deploymentFile(tree, targetName, namespace);
  if (workloadFile === void 0) {
    throw new GitcanaryError(
      "RESOURCE_NOT_FOUND",
      `the Canary targets ${String(target.kind ?? "Deployment")} ${targetName}, which is not in this repository`,
      {
        file: doc.file,
        resource,
        field: "spec.targetRef",
        hint: "run init from a checkout of the GitOps repository that holds the Deployment"
      }
    );
  }
  const primary = `${targetName}-primary`;
  const primaryFile = deploymentFile(tree, primary, namespace);
  notes.push({
    path: ["spec", "workload"],
    text: `spec.targetRef: the canary Deployment ${targetName}; the candidate image goes there.`
  });
  if (primaryFile === void 0) {
    dropped.push(
      `${primary}: Flagger generates the primary Deployment in the cluster; gitcanary promotes by committing, so add ${primary} to Git and set spec.stable`
    );
  } else {
    notes.push({
      path: ["spec", "stable"],
      text: `${primary}: Flagger's primary, which gets the image on promotion.`
    });
  }
  const traffic = [];
  const routerKey = provider === void 0 ? void 0 : PROVIDER_ROUTER[provider] ?? provider;
  const router = routerKey === void 0 ? void 0 : routerFor(routerKey);
  const stable = `${service}-primary`;
  const canaryService = `${service}-canary`;
  if (router === void 0) {
    dropped.push(
      `spec.provider ${provider ?? "(unset: Flagger\u2019s mesh default)"}: no gitcanary router for it`
    );
  } else {
    const route = ROUTE_REFS[routerKey]?.(spec) ?? service;
    const file = router.kinds.flatMap((kind) => tree.resources(tree.paths(), { kind, name: route }))[0]?.file;
    if (file === void 0) {
      dropped.push(
        `spec.provider ${provider}: ${router.kinds.join("/")} ${route} is not in this repository (Flagger generates it; gitcanary needs it in Git)`
      );
    } else {
      try {
        const config2 = router.configFromCli(tree, { file, route, stable, canary: canaryService });
        traffic.push({ [router.key]: config2 });
        const problem = routeProblem(tree, router, config2, file);
        if (problem !== void 0) dropped.push(problem);
        notes.push({
          path: ["spec", "traffic", 0],
          text: `spec.provider ${provider}: ${route} in ${file}, split between ${stable} and ${canaryService} (Flagger's services).`
        });
      } catch (error) {
        dropped.push(`spec.provider ${provider}: ${messageOf(error)}`);
      }
    }
  }
  if (traffic.length === 0) {
    throw new GitcanaryError(
      "CONFIG_INVALID",
      "the Canary shifts traffic, and no router gitcanary can write was found for it",
      {
        file: doc.file,
        resource,
        field: "spec.provider",
        hint: dropped.filter((line) => line.startsWith("spec.provider")).join("; ")
      }
    );
  }
  const block = { ...analysis };
  if (string(spec.metricsServer)) {
    block.metricsServer = spec.metricsServer;
    notes.push({ path: ["spec", "analysis", "metricsServer"], text: "spec.metricsServer of the Canary." });
  }
  const metrics = (analysis.metrics ?? []).map((metric) => {
    if (metric.templateRef === void 0) return metric;
    const found = tree.resources(tree.paths(), { kind: "MetricTemplate", name: metric.templateRef.name }).length > 0;
    if (!found)
      dropped.push(
        `analysis.metrics ${metric.name}: MetricTemplate ${metric.templateRef.name} is not in this repository; commit it before running`
      );
    return { ...metric, templateVariables: { target: targetName, service, ...metric.templateVariables } };
  });
  if (analysis.metrics !== void 0) block.metrics = metrics;
  for (const issue of flaggerIssues(analysis, { router: routerKey, stable: primaryFile !== void 0 })) {
    const [key] = issue.path;
    if (typeof key !== "string" || !OMITTED_WHEN_REFUSED.includes(key) || !(key in block)) continue;
    delete block[key];
    dropped.push(`analysis.${key}: ${issue.message}`);
  }
  notes.push({
    path: ["spec", "analysis"],
    text: "spec.analysis of the Canary: gitcanary expands it into steps as Flagger's scheduler runs it."
  });
  const rawAlerts = record(spec.analysis ?? spec.canaryAnalysis).alerts;
  const providers = {};
  const alerts = [];
  for (const alert of Array.isArray(rawAlerts) ? rawAlerts.map(record) : []) {
    const ref = record(alert.providerRef);
    const refName = string(ref.name);
    const alertProvider = refName === void 0 ? void 0 : tree.resources(tree.paths(), { kind: "AlertProvider", name: refName })[0];
    if (refName === void 0 || alertProvider === void 0) {
      dropped.push(
        `analysis.alerts ${String(alert.name)}: AlertProvider ${refName ?? "?"} is not in this repository`
      );
      continue;
    }
    const providerSpec = record(record(toPlain(alertProvider)).spec);
    const secret = string(record(providerSpec.secretRef).name) ?? refName;
    providers[refName] = {
      type: providerSpec.type,
      urlEnv: secretEnvName(secret, "address"),
      ...pick(providerSpec, ["channel", "username"])
    };
    alerts.push({
      name: alert.name,
      ...alert.severity ? { severity: alert.severity } : {},
      providerRef: { name: refName }
    });
    notes.push({
      path: ["spec", "notifications", "providers", refName],
      text: `AlertProvider ${refName}: its webhook URL is a secret, read from ${secretEnvName(secret, "address")}${string(providerSpec.address) ? " (move the address out of Git into that variable)" : ""}.`
    });
  }
  if (alerts.length > 0) block.alerts = alerts;
  const config = {
    apiVersion: API_VERSION,
    kind: "Release",
    metadata: { name, ...namespace ? { namespace } : {} },
    spec: {
      git: { repo: options.repo, branch: options.branch },
      workload: { deployment: { file: workloadFile, name: targetName } },
      ...primaryFile ? { stable: { deployment: { file: primaryFile, name: primary } } } : {},
      traffic,
      analysis: block,
      ...alerts.length > 0 ? { notifications: { providers } } : {}
    }
  };
  notes.push({
    path: ["spec", "git"],
    text: "Where gitcanary commits; set tokenEnv to the variable holding a push token."
  });
  return { config, notes, dropped, source: options.file };
}
function deploymentFile(tree, name, namespace) {
  return ["Deployment", "StatefulSet"].flatMap((kind) => tree.resources(tree.paths(), { kind, name })).find((doc) => namespace === void 0 || doc.namespace === void 0 || doc.namespace === namespace)?.file;
}

// src/adopt/output.ts
var import_yaml = __toESM(require_dist(), 1);
async function renderAdoption(adoption, file = "gitcanary.yaml") {
  const doc = new import_yaml.Document(adoption.config);
  const header = [
    `Generated by \`gitcanary init --from ${adoption.source}\`; review it, then commit it next to your pipeline.`,
    ...adoption.dropped.length > 0 ? ["", "Not carried over:", ...adoption.dropped.map((line) => `- ${line}`)] : ["", "Everything in the manifest was carried over."]
  ];
  doc.commentBefore = header.map((line) => line === "" ? "" : ` ${line}`).join("\n");
  for (const note of adoption.notes) comment(doc, note.path, note.text);
  const text = doc.toString({ lineWidth: 0 });
  try {
    await parseConfig(text, file);
  } catch (error) {
    const detail = error instanceof GitcanaryError ? error.format() : String(error);
    throw new GitcanaryError("INTERNAL", `the generated config does not validate: ${detail}`, {
      hint: "report this with the manifest you adopted",
      cause: error
    });
  }
  return text;
}
function comment(doc, path2, text) {
  const lines = text.split("\n").map((line) => ` ${line}`).join("\n");
  if (path2.length === 0) return;
  const parent = doc.getIn(path2.slice(0, -1), true);
  const last = path2[path2.length - 1];
  let target;
  if ((0, import_yaml.isMap)(parent)) {
    const pair = parent.items.find((item) => ((0, import_yaml.isScalar)(item.key) ? item.key.value : item.key) === last);
    if (pair !== void 0) {
      if (!(0, import_yaml.isScalar)(pair.key)) pair.key = doc.createNode(pair.key);
      target = pair.key;
    }
  } else if ((0, import_yaml.isSeq)(parent) && typeof last === "number") {
    target = parent.items[last];
  }
  if (target === void 0) return;
  target.commentBefore = target.commentBefore ? `${target.commentBefore}
${lines}` : lines;
}

// src/adopt/index.ts
async function adoptManifest(options) {
  const from = path.resolve(options.from);
  if (!existsSync(from)) {
    throw new GitcanaryError("FILE_NOT_FOUND", "no such manifest", { file: options.from });
  }
  const root = options.root === void 0 ? checkoutRoot(from) : path.resolve(options.root);
  const file = path.relative(root, from).split(path.sep).join("/");
  if (file.startsWith("..")) {
    throw new GitcanaryError("PATH_OUTSIDE_REPO", "the manifest is outside the repository checkout", {
      file: options.from,
      hint: `the checkout is ${root}`
    });
  }
  const tree = await loadTree(root, ["."]);
  const docs = tree.documents(file).filter((doc2) => doc2.kind === "Rollout" || doc2.kind === "Canary");
  if (docs.length !== 1) {
    throw new GitcanaryError(
      docs.length === 0 ? "RESOURCE_NOT_FOUND" : "RESOURCE_DUPLICATE",
      docs.length === 0 ? "the manifest holds no Argo Rollout (argoproj.io/v1alpha1) or Flagger Canary (flagger.app/v1beta1)" : `the manifest holds ${docs.length} Rollouts and Canaries; adopt one at a time`,
      { file: options.from }
    );
  }
  const doc = docs[0];
  const adopt = { repo: options.repo, branch: options.branch, file };
  const adoption = doc.kind === "Rollout" ? adoptRollout(doc, tree, adopt) : adoptCanary(doc, tree, adopt);
  return { text: await renderAdoption(adoption), adoption };
}
function checkoutRoot(file) {
  try {
    return execFileSync("git", ["rev-parse", "--show-toplevel"], {
      cwd: path.dirname(file),
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"]
    }).trim();
  } catch {
    return path.dirname(file);
  }
}
export {
  adoptManifest,
  renderAdoption
};
