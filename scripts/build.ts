import { rm } from 'node:fs/promises';
import path from 'node:path';
import { bundleAction, bundleCli, ROOT } from './bundle.js';

// `npm run build`: the GitHub Action as one committed ESM file (dist/action/index.js, what
// action.yml runs) and the CLI for the npm package (dist/cli/, which bin/gitcanary.js loads
// outside a checkout), both committed. Deterministic: the same sources and lockfile give the same
// bytes, which .ci/run checks against the committed bundles.

for (const dir of ['dist/action', 'dist/cli'])
  await rm(path.join(ROOT, dir), { recursive: true, force: true });
await bundleAction('dist/action/index.js');
await bundleCli('dist/cli');
