import { fieldPath } from '../errors.js';
import type { ReleaseConfig } from './schema.js';

// Things worth saying that are not wrong enough to refuse: the release still runs, and the
// warning names the field so the user can decide.

export interface ConfigWarning {
  /** Dotted path in the config (or `--image`). */
  field: string;
  message: string;
}

/** Warnings about a loaded config in the current environment (`env`: process.env in the CLI). */
export function configWarnings(
  config: ReleaseConfig,
  env: Readonly<Record<string, string | undefined>>,
): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const { tokenEnv } = config.spec.git;
  if (tokenEnv !== undefined && (env[tokenEnv] ?? '') === '') {
    warnings.push({
      field: 'spec.git.tokenEnv',
      message: `${tokenEnv} is not set: git will fetch and push without a token`,
    });
  }
  // Secrets a gate reads at evaluation: unset, the gate fails after the release has started.
  const argocdToken = config.spec.sync?.argocd?.tokenEnv;
  if (argocdToken !== undefined && (env[argocdToken] ?? '') === '') {
    warnings.push({
      field: 'spec.sync.argocd.tokenEnv',
      message: `${argocdToken} is not set: the sync gate will fail after the first commit`,
    });
  }
  for (const [name, gate] of Object.entries(config.spec.gates)) {
    const kind = 'prometheus' in gate ? 'prometheus' : 'http' in gate ? 'http' : undefined;
    const variable =
      'prometheus' in gate
        ? gate.prometheus.bearerTokenEnv
        : 'http' in gate
          ? gate.http.bearerTokenEnv
          : undefined;
    if (kind === undefined || variable === undefined || (env[variable] ?? '') !== '') continue;
    warnings.push({
      field: `spec.gates.${name}.${kind}.bearerTokenEnv`,
      message: `${variable} is not set: the gate asks without a token`,
    });
  }
  warnings.push(...weightWarnings(config));
  return warnings;
}

/** A `setWeight` lower than the one before it (before promotion): traffic moves back to stable mid-release. */
function weightWarnings(config: ReleaseConfig): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  let previous: { weight: number; index: number } | undefined;
  for (const [index, step] of (config.spec.steps ?? []).entries()) {
    if ('promote' in step) break;
    if (!('setWeight' in step)) continue;
    if (previous !== undefined && step.setWeight < previous.weight) {
      warnings.push({
        field: fieldPath(['spec', 'steps', index, 'setWeight']),
        message: `weight ${step.setWeight} after ${previous.weight} (step ${previous.index + 1}): traffic goes back to stable before promotion`,
      });
    }
    previous = { weight: step.setWeight, index };
  }
  return warnings;
}

/**
 * The candidate image from another repository than the one the canary runs now (a typo, or an
 * image from a fork): allowed, since registries move, but said.
 */
export function imageWarning(current: string | undefined, candidate: string): ConfigWarning | undefined {
  if (current === undefined) return undefined;
  const repository = (image: string) => image.replace(/@.*$/, '').replace(/:[^/:]*$/, '');
  if (repository(current) === repository(candidate)) return undefined;
  return {
    field: '--image',
    message: `${candidate} is not from ${repository(current)}, the repository the canary runs now`,
  };
}
