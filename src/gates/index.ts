import { existsSync } from 'node:fs';
import { GitcanaryError } from '../errors.js';
import { withTemplateCompiler } from '../shared/templates.js';
import {
  type ArgocdSyncConfig,
  type CommandShorthandGateConfig,
  type FluxSyncConfig,
  fluxSyncSchema,
  type GateConfig,
  parseGateConfig,
} from './schemas.js';
import type { Gate, GateContext, GateResult } from './types.js';

export { parseDuration } from './duration.js';
export { type GateConfig, gateConfigSchema, type SyncConfig } from './schemas.js';
export type { Gate, GateContext, GateEffect, GateResult, Measurement, Verdict } from './types.js';
export { worstVerdict } from './types.js';

/** Builds a gate of one kind from its kind's block (`config.prometheus`, `config.sync.flux`, …). */
type GateBuilder = (name: string, config: never) => Gate;

/**
 * The one place that maps a gate kind to its implementation. Each implementation is imported when
 * a config names its kind, so a release without gates loads none of them, and one with a command
 * gate only the command gate (its schema is in ./schemas.js, which config validation loads).
 * The sync gate's kinds are keyed by their field (`sync.argocd`, `sync.flux`).
 */
const loaders: Record<string, () => Promise<GateBuilder>> = {
  command: async () => {
    const { CommandGate } = await import('./command.js');
    return (name, config) => new CommandGate(name, config);
  },
  prometheus: async () => {
    const { PrometheusGate } = await import('./prometheus.js');
    return (name, config) => new PrometheusGate(name, config);
  },
  webhook: async () => {
    const { WebhookGate } = await import('./webhook.js');
    return (name, config) => new WebhookGate(name, config);
  },
  http: async () => {
    const { HttpGate } = await import('./http.js');
    return (name, config) => new HttpGate(name, config);
  },
  judge: async () => {
    const { JudgeGate } = await import('./judge/gate.js');
    return (name, config) => new JudgeGate(name, config);
  },
  argoAnalysis: async () => {
    const { ArgoAnalysisGate } = await import('./argo-analysis/gate.js');
    return (name, config) => new ArgoAnalysisGate(name, config);
  },
  metricTemplate: async () => {
    const { MetricTemplateGate } = await import('./metric-template.js');
    return (name, config) => new MetricTemplateGate(name, config);
  },
  'sync.argocd': async () => {
    const { ArgoCdSyncGate } = await import('./argocd.js');
    return (name, { acceptHealth, ...argocd }: ArgocdSyncConfig) =>
      new ArgoCdSyncGate(name, argocd, acceptHealth ? { acceptedHealth: acceptHealth } : {});
  },
  // No import here: see DeferredFluxSyncGate.
  'sync.flux': async () => (name, config: FluxSyncConfig) => new DeferredFluxSyncGate(name, config),
};

/**
 * A gate from its config block (`{ command: {...} }`, `{ prometheus: {...} }`, `{ sync: {...} }`,
 * …), its kind's implementation imported on first use. A bad block is refused here, naming its field.
 */
export async function createGate(name: string, config: GateConfig): Promise<Gate> {
  const { kind, shown, block } = gateKind(name, config);
  // Own keys only: a config naming `toString` is an unknown kind, not Object's method.
  const load = Object.hasOwn(loaders, kind) ? loaders[kind] : undefined;
  if (load === undefined) {
    throw new GitcanaryError('CONFIG_INVALID', `unknown gate kind ${kind}`, { field: `spec.gates.${name}` });
  }
  const build = await load();
  // A gate renders its templates as it is built, to check them: one from an edited templates/
  // file needs handlebars' compiler.
  return withTemplateCompiler(() => build(shown, block as never));
}

/** The loader key of a gate config, the name it reports under and its kind's block. */
function gateKind(name: string, config: GateConfig): { kind: string; shown: string; block: unknown } {
  if ('command' in config && typeof config.command === 'string') {
    // The shorthand `{ command: "…", timeout: 60s }` is the command gate's own config.
    const { name: shown, ...command } = config as CommandShorthandGateConfig;
    return { kind: 'command', shown: shown ?? name, block: command };
  }
  const kind = Object.keys(config).find((key) => key !== 'name');
  if (kind === 'approval') {
    throw new GitcanaryError(
      'CONFIG_INVALID',
      'approval gates need pull-request mode, which this version does not have',
      {
        field: `spec.gates.${name}.approval`,
        hint: 'use a `pause: {}` step and `gitcanary promote` for manual approval',
      },
    );
  }
  if (kind === undefined) {
    throw new GitcanaryError('CONFIG_INVALID', 'unknown gate kind (none)', { field: `spec.gates.${name}` });
  }
  const block = (config as unknown as Record<string, unknown>)[kind];
  if (kind === 'sync' && typeof block === 'object' && block !== null) {
    // `{ sync: { argocd: {...} } }`: the reconciler is the kind.
    const reconciler = Object.keys(block)[0] ?? '';
    return {
      kind: `sync.${reconciler}`,
      shown: config.name ?? name,
      block: (block as Record<string, unknown>)[reconciler],
    };
  }
  return { kind, shown: config.name ?? name, block };
}

/**
 * Before a release commits anything: gates that read the repository (AnalysisTemplates, Flagger
 * MetricTemplates) load and resolve what they read, so a missing template, an unsupported provider
 * or an unresolvable arg is refused up front with its place, not at the step that needs it.
 */
export async function checkGates(
  gates: Record<string, unknown>,
  repoRoot: string,
  namespace: string,
): Promise<void> {
  for (const [name, config] of Object.entries(gates)) {
    await (await createGate(name, config as GateConfig)).check?.(repoRoot, namespace);
  }
}

/**
 * The Flux gate as built at config load: ./flux.js imports @kubernetes/client-node (~0.6 s to
 * load), and every command that loads the config builds its gates to check them (`status`,
 * `plan`, `validate` too), so the client is loaded only when a release waits for Flux. What can
 * be checked without it (the block, the kubeconfig file) is checked here, up front.
 */
class DeferredFluxSyncGate implements Gate {
  readonly kind = 'sync';

  constructor(
    readonly name: string,
    private readonly config: FluxSyncConfig,
  ) {
    parseGateConfig(fluxSyncSchema, config, 'sync.flux');
    if (config.kubeconfig !== undefined && !existsSync(config.kubeconfig)) {
      throw new GitcanaryError('CONFIG_INVALID', `kubeconfig ${config.kubeconfig} does not exist`, {
        field: 'sync.flux.kubeconfig',
        hint: 'leave kubeconfig out to use $KUBECONFIG, ~/.kube/config or the in-cluster account',
      });
    }
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    const { FluxSyncGate } = await import('./flux.js');
    return new FluxSyncGate(this.name, this.config).evaluate(context);
  }
}
