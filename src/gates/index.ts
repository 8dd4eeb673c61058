import { existsSync } from 'node:fs';
import { GitcanaryError } from '../errors.js';
import { ArgoAnalysisGate } from './argo-analysis/gate.js';
import { ArgoCdSyncGate } from './argocd.js';
import { CommandGate } from './command.js';
import { HttpGate } from './http.js';
import { JudgeGate } from './judge/index.js';
import { MetricTemplateGate } from './metric-template.js';
import { PrometheusGate } from './prometheus.js';
import {
  type CommandShorthandGateConfig,
  type FluxSyncConfig,
  fluxSyncSchema,
  type GateConfig,
  parseGateConfig,
  type SyncConfig,
} from './schemas.js';
import type { Gate, GateContext, GateResult } from './types.js';
import { WebhookGate } from './webhook.js';

export { parseDuration } from './duration.js';
export { type GateConfig, gateConfigSchema, type SyncConfig } from './schemas.js';
export type { Gate, GateContext, GateEffect, GateResult, Measurement, Verdict } from './types.js';
export { worstVerdict } from './types.js';
export { webhookFiresAt } from './webhook.js';

// The one place that maps a gate config's kind key to its implementation.
const builders: Record<string, (name: string, config: never) => Gate> = {
  command: (name, config) => new CommandGate(name, config),
  prometheus: (name, config) => new PrometheusGate(name, config),
  webhook: (name, config) => new WebhookGate(name, config),
  http: (name, config) => new HttpGate(name, config),
  judge: (name, config) => new JudgeGate(name, config),
  argoAnalysis: (name, config) => new ArgoAnalysisGate(name, config),
  metricTemplate: (name, config) => new MetricTemplateGate(name, config),
  sync: (name, config: SyncConfig) => syncGate(name, config),
};

/** A gate from its config block (`{ command: {...} }`, `{ prometheus: {...} }`, …). */
export function createGate(name: string, config: GateConfig): Gate {
  if ('command' in config && typeof config.command === 'string') {
    // The shorthand `{ command: "…", timeout: 60s }` is the command gate's own config.
    const { name: shown, ...command } = config as CommandShorthandGateConfig;
    return new CommandGate(shown ?? name, command);
  }
  const kind = Object.keys(config).find((key) => key !== 'name');
  const build = kind === undefined ? undefined : builders[kind];
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
  if (build === undefined || kind === undefined) {
    throw new GitcanaryError('CONFIG_INVALID', `unknown gate kind ${kind ?? '(none)'}`, {
      field: `spec.gates.${name}`,
    });
  }
  return build(config.name ?? name, (config as unknown as Record<string, never>)[kind] as never);
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
    await createGate(name, config as GateConfig).check?.(repoRoot, namespace);
  }
}

/**
 * The gate that waits for the reconciler: Argo CD application or Flux Kustomization. Their
 * `progressDeadline` and `pollInterval` travel in the config; each gate parses them.
 */
export function syncGate(name: string, config: SyncConfig): Gate {
  if ('argocd' in config) {
    const { acceptHealth, ...argocd } = config.argocd;
    return new ArgoCdSyncGate(name, argocd, acceptHealth ? { acceptedHealth: acceptHealth } : {});
  }
  return new LazyFluxSyncGate(name, config.flux);
}

/**
 * The Flux gate loads @kubernetes/client-node (~0.6 s) only when a release waits for Flux, so
 * every other command starts fast. The config is still checked up front.
 */
class LazyFluxSyncGate implements Gate {
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
