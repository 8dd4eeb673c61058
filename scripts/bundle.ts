import { mkdir, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { type BuildOptions, build, type Metafile, type Plugin } from 'esbuild';
import Handlebars from 'handlebars';
import { compileOptions, templateKey } from '../src/shared/templates.js';

// One esbuild configuration for every bundle: the committed Action (scripts/build.ts), the CLI of
// the npm package, and the CLI the test suite spawns (test/support/cli-bundle.ts), so the tests run
// the same code a user installs.

export const ROOT = path.join(import.meta.dirname, '..');

/**
 * Code the bundles never run, left out so a command does not parse it on every start:
 * - zod's 40 locales (360 KB): `zod` re-exports them all as the `locales` namespace, which esbuild
 *   keeps once anything of zod is imported; gitcanary's messages are the English ones zod itself
 *   configures (zod/v4/classic/external.js: `config(en())`), so the namespace keeps `en` alone.
 * - source-map (60 KB), which handlebars' code generator requires in a try block only to map
 *   precompiled templates back to their source; without it handlebars uses its own SourceNode
 *   (handlebars/dist/cjs/handlebars/compiler/code-gen.js), and gitcanary never asks for a map.
 */
const unused: Plugin = {
  name: 'gitcanary-unused',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](core|classic)[\\/]/.test(args.importer)
        ? { path: 'zod-locales', namespace: 'gitcanary-unused' }
        : undefined,
    );
    plugin.onResolve({ filter: /^source-map$/ }, (args) =>
      /[\\/]handlebars[\\/]/.test(args.importer)
        ? { path: 'source-map', namespace: 'gitcanary-unused' }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'gitcanary-unused' }, (args) =>
      args.path === 'zod-locales'
        ? {
            contents: "export { default as en } from 'zod/v4/locales/en.js';",
            resolveDir: ROOT,
            loader: 'js',
          }
        : // An empty CommonJS module: `require('source-map').SourceNode` is undefined.
          { contents: 'module.exports = {};', loader: 'js' },
    );
  },
};

/**
 * The package's templates precompiled into the bundles, in place of src/shared/precompiled-templates.ts
 * (an empty table and the compiler): a step renders its commit message with handlebars' runtime and
 * the compiler is a chunk src/shared/templates.ts imports only for a template not built here.
 * Each file is precompiled as it is used, with the options `renderSource` compiles it with:
 * templates/metrics/ are gate queries (strict), the others `renderFile`'s (lenient). The files are
 * still read at run time and a spec is found by the hash of their text, so an edited file compiles.
 */
const precompiledTemplates: Plugin = {
  name: 'gitcanary-templates',
  setup(plugin) {
    plugin.onResolve({ filter: /^\.\/precompiled-templates\.js$/ }, (args) =>
      /[\\/]src[\\/]shared[\\/]templates\.ts$/.test(args.importer)
        ? { path: 'precompiled-templates', namespace: 'gitcanary-templates' }
        : undefined,
    );
    plugin.onLoad({ filter: /.*/, namespace: 'gitcanary-templates' }, async () => {
      const dir = path.join(ROOT, 'templates');
      const names = (await readdir(dir, { recursive: true }))
        .filter((file) => file.endsWith('.hbs'))
        .map((file) => file.split(path.sep).join('/').slice(0, -'.hbs'.length))
        .sort();
      const entries: string[] = [];
      for (const name of names) {
        const source = await readFile(path.join(dir, `${name}.hbs`), 'utf8');
        const strict = name.startsWith('metrics/');
        // precompile writes the spec as JavaScript source (an object literal with functions).
        const spec = Handlebars.precompile(source, compileOptions(strict)) as unknown as string;
        entries.push(
          `  // templates/${name}.hbs\n  ${JSON.stringify(templateKey(source, strict))}: ${spec},`,
        );
      }
      return {
        contents: `export const precompiledTemplates = {\n${entries.join('\n')}\n};\nexport const bundledCompiler = undefined;\n`,
        loader: 'js',
        watchFiles: names.map((name) => path.join(dir, `${name}.hbs`)),
      };
    });
  },
};

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node gitcanary supports; the Action itself runs on the runner's node24.
  target: 'node20',
  // Templates are read from templates/ at run time, found upward from the bundle's folder.
  absWorkingDir: ROOT,
  // CommonJS dependencies (handlebars, bottleneck…) call require(); ESM output has none of its own.
  banner: {
    js: "import { createRequire as __gitcanaryCreateRequire } from 'node:module';\nconst require = __gitcanaryCreateRequire(import.meta.url);",
  },
  plugins: [unused, precompiledTemplates],
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
export function bundleCli(outdir: string): Promise<Metafile> {
  return bundleSplit({ main: 'src/cli/main.ts' }, outdir);
}

/** `entryPoints` (output name → source) split as the CLI is: benches bundle their own entries. */
export async function bundleSplit(entryPoints: Record<string, string>, outdir: string): Promise<Metafile> {
  await mkdir(path.resolve(ROOT, outdir), { recursive: true });
  const { metafile } = await build({
    ...common,
    entryPoints,
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
  });
  return metafile;
}
