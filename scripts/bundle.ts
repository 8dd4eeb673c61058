import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build } from 'esbuild';

// One esbuild configuration for every bundle: the committed Action (scripts/build.ts), the CLI of
// the npm package, and the CLI the test suite spawns (test/support/cli-bundle.ts), so the tests run
// the same code a user installs.

export const ROOT = path.join(import.meta.dirname, '..');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node gitcanary supports; the Action itself runs on the runner's node24.
  target: 'node20',
  // Templates are read from templates/ at run time, found upward from the bundle's folder.
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

/** The Action: one file (action.yml names it). */
export async function bundleAction(outfile: string): Promise<void> {
  await mkdir(path.dirname(path.resolve(ROOT, outfile)), { recursive: true });
  await build({ ...common, entryPoints: ['src/action/main.ts'], outfile });
}

/**
 * The CLI, split: `<outdir>/main.js` holds commander and the command definitions, and every
 * `import()` (the release path, gates, the Kubernetes client, handlebars, YAML editing) is a chunk
 * loaded when a command needs it, so `--version` and `--help` parse a few hundred KB instead of
 * megabytes (docs/performance.md).
 */
export async function bundleCli(outdir: string): Promise<void> {
  await mkdir(path.resolve(ROOT, outdir), { recursive: true });
  await build({
    ...common,
    entryPoints: { main: 'src/cli/main.ts' },
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
}
