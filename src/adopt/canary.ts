import { API_VERSION, flaggerIssues, fromFlaggerCanary } from '../config/index.js';
import { GitcanaryError } from '../errors.js';
import { secretEnvName } from '../gates/argo-analysis/templates.js';
import { describeDoc, type ManifestTree, type ResourceDoc, toPlain } from '../manifests/index.js';
import { routerFor } from '../targets/registry.js';
import type { Adoption, Note } from './output.js';
import { type AdoptOptions, messageOf, pick, record, routeProblem, string } from './rollout.js';

// `gitcanary init --from canary.yaml`: a Flagger Canary (flagger.app/v1beta1) as a release config
// of Flagger's shape. `analysis` is kept as the Flagger block gitcanary expands itself (interval,
// threshold, stepWeight(s), maxWeight, iterations, match, mirror, metrics, webhooks), `metricsServer`
// goes into it, `templateRef` metrics read their MetricTemplates from the repository, and `alerts`
// become notification providers from the AlertProviders found in the repository. The workload is
// the Deployment the Canary targets; Flagger's generated `<target>-primary` must be in Git for
// gitcanary to promote into it.

/** Flagger providers whose routing object the user writes (and names in the Canary). */
const ROUTE_REFS: Record<string, (spec: Record<string, unknown>) => string | undefined> = {
  // Flagger's APISIX router takes the user's ApisixRoute from `routeRef`.
  apisix: (spec) => string(record(spec.routeRef).name),
  // Flagger's NGINX router takes the user's Ingress from `ingressRef`.
  nginx: (spec) => string(record(spec.ingressRef).name),
};

/** Canary spec fields the config carries (or reads to find what it carries). */
const MAPPED_SPEC_FIELDS = [
  'provider',
  'targetRef',
  'routeRef',
  'ingressRef',
  'service',
  'analysis',
  'canaryAnalysis',
  'metricsServer',
];

/** Analysis fields init leaves out when gitcanary refuses their value, instead of writing a config that fails. */
const OMITTED_WHEN_REFUSED = [
  'sessionAffinity',
  'primaryReadyThreshold',
  'canaryReadyThreshold',
  'stepWeightPromotion',
];

/** Flagger's provider names that differ from gitcanary's router keys. */
const PROVIDER_ROUTER: Record<string, string> = {
  gatewayapi: 'gatewayAPI',
  'gatewayapi:v1': 'gatewayAPI',
  'gatewayapi:v1beta1': 'gatewayAPI',
};

export function adoptCanary(doc: ResourceDoc, tree: ManifestTree, options: AdoptOptions): Adoption {
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
  const notes: Note[] = [];
  const dropped: string[] = [];
  // What Flagger does in the cluster with the rest of the spec (generating services, autoscalers,
  // readiness deadlines) has no counterpart in a release config.
  for (const key of Object.keys(spec).filter((field) => !MAPPED_SPEC_FIELDS.includes(field))) {
    dropped.push(`spec.${key}: Flagger acts on it in the cluster; gitcanary does not`);
  }

  // Workload: the Deployment the Canary targets, and Flagger's primary when it is in Git.
  const workloadFile = deploymentFile(tree, targetName, namespace);
  if (workloadFile === undefined) {
    throw new GitcanaryError(
      'RESOURCE_NOT_FOUND',
      `the Canary targets ${String(target.kind ?? 'Deployment')} ${targetName}, which is not in this repository`,
      {
        file: doc.file,
        resource,
        field: 'spec.targetRef',
        hint: 'run init from a checkout of the GitOps repository that holds the Deployment',
      },
    );
  }
  const primary = `${targetName}-primary`;
  const primaryFile = deploymentFile(tree, primary, namespace);
  notes.push({
    path: ['spec', 'workload'],
    text: `spec.targetRef: the canary Deployment ${targetName}; the candidate image goes there.`,
  });
  if (primaryFile === undefined) {
    dropped.push(
      `${primary}: Flagger generates the primary Deployment in the cluster; gitcanary promotes by committing, so add ${primary} to Git and set spec.stable`,
    );
  } else {
    notes.push({
      path: ['spec', 'stable'],
      text: `${primary}: Flagger's primary, which gets the image on promotion.`,
    });
  }

  // Traffic: the provider's router, on the object the Canary names.
  const traffic: Record<string, unknown>[] = [];
  const routerKey = provider === undefined ? undefined : (PROVIDER_ROUTER[provider] ?? provider);
  const router = routerKey === undefined ? undefined : routerFor(routerKey);
  const stable = `${service}-primary`;
  const canaryService = `${service}-canary`;
  if (router === undefined) {
    dropped.push(
      `spec.provider ${provider ?? '(unset: Flagger’s mesh default)'}: no gitcanary router for it`,
    );
  } else {
    const route = ROUTE_REFS[routerKey!]?.(spec) ?? service;
    const file = router.kinds.flatMap((kind) => tree.resources(tree.paths(), { kind, name: route }))[0]?.file;
    if (file === undefined) {
      dropped.push(
        `spec.provider ${provider}: ${router.kinds.join('/')} ${route} is not in this repository (Flagger generates it; gitcanary needs it in Git)`,
      );
    } else {
      try {
        const config = router.configFromCli(tree, { file, route, stable, canary: canaryService });
        traffic.push({ [router.key]: config });
        const problem = routeProblem(tree, router, config, file);
        if (problem !== undefined) dropped.push(problem);
        notes.push({
          path: ['spec', 'traffic', 0],
          text: `spec.provider ${provider}: ${route} in ${file}, split between ${stable} and ${canaryService} (Flagger's services).`,
        });
      } catch (error) {
        dropped.push(`spec.provider ${provider}: ${messageOf(error)}`);
      }
    }
  }
  if (traffic.length === 0) {
    throw new GitcanaryError(
      'CONFIG_INVALID',
      'the Canary shifts traffic, and no router gitcanary can write was found for it',
      {
        file: doc.file,
        resource,
        field: 'spec.provider',
        hint: dropped.filter((line) => line.startsWith('spec.provider')).join('; '),
      },
    );
  }

  // The analysis block, with the Canary's metrics server and the variables Flagger's queries use.
  const block: Record<string, unknown> = { ...analysis };
  if (string(spec.metricsServer)) {
    block.metricsServer = spec.metricsServer;
    notes.push({ path: ['spec', 'analysis', 'metricsServer'], text: 'spec.metricsServer of the Canary.' });
  }
  const metrics = (analysis.metrics ?? []).map((metric) => {
    if (metric.templateRef === undefined) return metric;
    const found =
      tree.resources(tree.paths(), { kind: 'MetricTemplate', name: metric.templateRef.name }).length > 0;
    if (!found)
      dropped.push(
        `analysis.metrics ${metric.name}: MetricTemplate ${metric.templateRef.name} is not in this repository; commit it before running`,
      );
    // Flagger's template model: target is the Canary's targetRef, service its service name.
    return { ...metric, templateVariables: { target: targetName, service, ...metric.templateVariables } };
  });
  if (analysis.metrics !== undefined) block.metrics = metrics;
  // What gitcanary refuses in a pasted block (sessionAffinity, readiness other than 100,
  // stepWeightPromotion without a primary in Git) is left out here and listed, with the reason.
  for (const issue of flaggerIssues(analysis, { router: routerKey, stable: primaryFile !== undefined })) {
    const [key] = issue.path;
    if (typeof key !== 'string' || !OMITTED_WHEN_REFUSED.includes(key) || !(key in block)) continue;
    delete block[key];
    dropped.push(`analysis.${key}: ${issue.message}`);
  }
  notes.push({
    path: ['spec', 'analysis'],
    text: "spec.analysis of the Canary: gitcanary expands it into steps as Flagger's scheduler runs it.",
  });

  // Alerts → notifications: each AlertProvider found in the repository, its URL from the environment.
  const rawAlerts = record(spec.analysis ?? spec.canaryAnalysis).alerts;
  const providers: Record<string, Record<string, unknown>> = {};
  const alerts: Record<string, unknown>[] = [];
  for (const alert of Array.isArray(rawAlerts) ? rawAlerts.map(record) : []) {
    const ref = record(alert.providerRef);
    const refName = string(ref.name);
    const alertProvider =
      refName === undefined
        ? undefined
        : tree.resources(tree.paths(), { kind: 'AlertProvider', name: refName })[0];
    if (refName === undefined || alertProvider === undefined) {
      dropped.push(
        `analysis.alerts ${String(alert.name)}: AlertProvider ${refName ?? '?'} is not in this repository`,
      );
      continue;
    }
    const providerSpec = record(record(toPlain(alertProvider)).spec);
    const secret = string(record(providerSpec.secretRef).name) ?? refName;
    providers[refName] = {
      type: providerSpec.type,
      urlEnv: secretEnvName(secret, 'address'),
      ...pick(providerSpec, ['channel', 'username']),
    };
    alerts.push({
      name: alert.name,
      ...(alert.severity ? { severity: alert.severity } : {}),
      providerRef: { name: refName },
    });
    notes.push({
      path: ['spec', 'notifications', 'providers', refName],
      text: `AlertProvider ${refName}: its webhook URL is a secret, read from ${secretEnvName(secret, 'address')}${string(providerSpec.address) ? ' (move the address out of Git into that variable)' : ''}.`,
    });
  }
  if (alerts.length > 0) block.alerts = alerts;

  const config = {
    apiVersion: API_VERSION,
    kind: 'Release',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      git: { repo: options.repo, branch: options.branch },
      workload: { deployment: { file: workloadFile, name: targetName } },
      ...(primaryFile ? { stable: { deployment: { file: primaryFile, name: primary } } } : {}),
      traffic,
      analysis: block,
      ...(alerts.length > 0 ? { notifications: { providers } } : {}),
    },
  };
  notes.push({
    path: ['spec', 'git'],
    text: 'Where gitcanary commits; set tokenEnv to the variable holding a push token.',
  });
  return { config, notes, dropped, source: options.file };
}

function deploymentFile(tree: ManifestTree, name: string, namespace: string | undefined): string | undefined {
  return ['Deployment', 'StatefulSet']
    .flatMap((kind) => tree.resources(tree.paths(), { kind, name }))
    .find((doc) => namespace === undefined || doc.namespace === undefined || doc.namespace === namespace)
    ?.file;
}
