import { GitcanaryError } from '../errors.js';
import { createGate, type GateConfig } from '../gates/index.js';
import { loadTargetTree, observeAll } from './apply.js';
import { planDiffs } from './plan.js';
import type { ReleaseInput } from './types.js';

export interface ValidationReport {
  valid: true;
  targets: { target: string; role: string; observed: Record<string, unknown> }[];
  gates: string[];
  steps: number;
  lines: string[];
}

/**
 * The config and every manifest it references: each target finds its resources, every step's
 * edit applies (dry, in memory), and every gate config builds. Throws the first error.
 */
export async function validateRelease(input: ReleaseInput, root: string): Promise<ValidationReport> {
  const tree = await loadTargetTree(input.targets, root);
  const targets = observeAll(input.targets, tree).map(({ key, role, observed }) => ({
    target: key,
    role,
    observed,
  }));
  const gates: string[] = [];
  for (const [name, config] of Object.entries(input.gates)) {
    await createGate(name, config as GateConfig);
    gates.push(name);
  }
  if (input.sync && 'gate' in input.sync) await createGate('sync', input.sync.gate as GateConfig);
  const image = targets
    .map((t) => t.observed.canaryImage ?? t.observed.stableImage)
    .find((i) => i !== undefined);
  if (image === undefined) {
    throw new GitcanaryError('CONFIG_INVALID', 'no workload target reports an image', {
      field: 'spec.workload',
      hint: 'check the image name in the kustomization or the Rollout container',
    });
  }
  // A dry run of every step with the current image proves each edit applies to these manifests.
  await planDiffs(input, root, image);
  const lines = [
    ...targets.map((t) => `ok  ${t.target} (${t.role}): ${describe(t.observed)}`),
    ...gates.map((name) => `ok  gate ${name}`),
    `ok  ${input.steps.length} steps apply to the manifests`,
  ];
  return { valid: true, targets, gates, steps: input.steps.length, lines };
}

function describe(observed: Record<string, unknown>): string {
  return Object.entries(observed)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(
      ([key, value]) =>
        `${key}=${typeof value === 'string' || typeof value === 'number' ? value : JSON.stringify(value)}`,
    )
    .join(', ');
}
