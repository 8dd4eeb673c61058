import type { Command } from 'commander';

// `set image` for kustomizations and Argo Rollouts. Filled in by the Kustomization/Rollout work.
export function registerImageCommands(_set: Command): void {}
