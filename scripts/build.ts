import { rm } from 'node:fs/promises';
import path from 'node:path';
import { bundle, ROOT } from './bundle.js';

// `npm run build`: the GitHub Action as one committed ESM file (dist/action/index.js, what
// action.yml runs) and the CLI for the npm package (dist/cli/main.js, which bin/gitcanary.js loads
// outside a checkout). Deterministic: the same sources and lockfile give the same bytes, which
// .ci/run checks against the committed bundle.

const targets = [
  { entry: 'src/action/main.ts', outfile: 'dist/action/index.js' },
  { entry: 'src/cli/main.ts', outfile: 'dist/cli/main.js' },
];

for (const { outfile } of targets)
  await rm(path.join(ROOT, path.dirname(outfile)), { recursive: true, force: true });
for (const { entry, outfile } of targets) await bundle(entry, outfile);
