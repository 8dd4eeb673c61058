import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

// `npm run build`: the GitHub Action as one committed ESM file (dist/action/index.js, what
// action.yml runs) and the CLI for the npm package (dist/cli/, which bin/gitcanary.js loads
// outside a checkout), both committed. Deterministic: the same sources and lockfile give the same
// bytes, which .ci/run checks against the committed bundles.

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

// The Action is one file (action.yml names it). The CLI is split: dist/cli/main.js holds commander
// and the command definitions, and every `import()` (the release path, gates, the Kubernetes
// client, handlebars, YAML editing) is a chunk loaded when a command needs it, so `--version` and
// `--help` parse a few hundred KB instead of megabytes (docs/performance.md).
const targets: { dir: string; options: BuildOptions }[] = [
  { dir: 'dist/action', options: { entryPoints: ['src/action/main.ts'], outfile: 'dist/action/index.js' } },
  {
    dir: 'dist/cli',
    options: {
      entryPoints: { main: 'src/cli/main.ts' },
      outdir: 'dist/cli',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    },
  },
];

for (const { dir } of targets) await rm(path.join(ROOT, dir), { recursive: true, force: true });
for (const { dir, options } of targets) {
  await mkdir(path.join(ROOT, dir), { recursive: true });
  await build({ ...common, ...options });
}
