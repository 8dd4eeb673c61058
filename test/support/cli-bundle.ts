import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { bundleCli } from '../../scripts/bundle.js';
import { CLI_BUNDLE } from './cli.js';

// vitest globalSetup: the CLI bundled from the current sources once per run, exactly as the npm
// package's dist/cli/ is built. Tests spawn `node <bundle>` as an installed gitcanary runs: tsx would
// transpile the sources again in every process (2–3 s each on two busy cores, against under 1 s).
export default async function setup(): Promise<void> {
  await rm(path.dirname(CLI_BUNDLE), { recursive: true, force: true });
  const metafile = await bundleCli(path.dirname(CLI_BUNDLE));
  // What each chunk holds and imports: test/cli/bundle.test.ts checks what a command loads.
  await writeFile(path.join(path.dirname(CLI_BUNDLE), 'meta.json'), JSON.stringify(metafile));
}
