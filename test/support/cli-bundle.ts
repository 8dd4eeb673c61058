import { bundle } from '../../scripts/bundle.js';
import { CLI_BUNDLE } from './cli.js';

// vitest globalSetup: the CLI bundled from the current sources once per run, with the package's own
// esbuild configuration. Tests spawn `node <bundle>` as an installed gitcanary runs: tsx would
// transpile the sources again in every process (2–3 s each on two busy cores, against under 1 s).
export default async function setup(): Promise<void> {
  await bundle('src/cli/main.ts', CLI_BUNDLE);
}
