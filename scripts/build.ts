import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

// `npm run build`: the GitHub Action as one committed ESM file (dist/action/index.js, what
// action.yml runs) and the CLI for the npm package (dist/cli/main.js, which bin/gitcanary.js loads
// outside a checkout). Deterministic: the same sources and lockfile give the same bytes, which
// .ci/run checks against the committed bundle.

const ROOT = path.join(import.meta.dirname, '..');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node gitcanary supports; the Action itself runs on the runner's node24.
  target: 'node20',
  // Templates are read from templates/ at run time, found two folders up from dist/<entry>/.
  absWorkingDir: ROOT,
  // CommonJS dependencies (handlebars, simple-git…) call require(); ESM output has none of its own.
  banner: {
    js: "import { createRequire as __gitcanaryCreateRequire } from 'node:module';\nconst require = __gitcanaryCreateRequire(import.meta.url);",
  },
  legalComments: 'eof',
  logLevel: 'warning',
  logOverride: {
    // handlebars' `require.extensions` hook for .hbs files: unused, we compile templates ourselves.
    'unsupported-require-call': 'silent',
  },
};

const targets = [
  { entry: 'src/action/main.ts', outfile: 'dist/action/index.js' },
  { entry: 'src/cli/main.ts', outfile: 'dist/cli/main.js' },
];

for (const { outfile } of targets)
  await rm(path.join(ROOT, path.dirname(outfile)), { recursive: true, force: true });
for (const { entry, outfile } of targets) {
  await mkdir(path.join(ROOT, path.dirname(outfile)), { recursive: true });
  await build({ ...common, entryPoints: [entry], outfile });
}
