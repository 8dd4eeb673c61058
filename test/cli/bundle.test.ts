import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from '../support/cli.js';

// What a command parses when it starts is what its chunks import statically (docs/performance.md,
// "Cold start" and "One step"): read from the metafile of the bundle the suite runs
// (test/support/cli-bundle.ts builds it with the npm package's esbuild configuration).

const meta = JSON.parse(readFileSync(path.join(path.dirname(CLI_BUNDLE), 'meta.json'), 'utf8')) as Metafile;

/** The output files loaded with `entry`: it and every chunk it imports statically, transitively. */
function loadedWith(entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const imported of meta.outputs[next]?.imports ?? []) {
      if (imported.kind !== 'import-statement' || imported.external || seen.has(imported.path)) continue;
      seen.add(imported.path);
      queue.push(imported.path);
    }
  }
  return [...seen];
}

/** The source files (inputs) compiled into these outputs. */
function inputsOf(outputs: readonly string[]): string[] {
  return outputs.flatMap((output) => Object.keys(meta.outputs[output]?.inputs ?? {}));
}

function outputOf(entryPoint: string): string {
  const found = Object.entries(meta.outputs).find(([, output]) => output.entryPoint === entryPoint);
  if (found === undefined) throw new Error(`no chunk has ${entryPoint} as its entry`);
  return found[0];
}

const packageOf = (input: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];

describe('the CLI bundle: what each command loads', () => {
  const main = outputOf('src/cli/main.ts');

  it('--version and --help load commander and the command definitions, none of the release path', () => {
    const packages = new Set(inputsOf(loadedWith(main)).map(packageOf));
    for (const heavy of [
      'zod',
      'handlebars',
      'yaml',
      '@octokit/rest',
      '@gitbeaker/rest',
      '@kubernetes/client-node',
      'zx',
    ])
      expect(packages, heavy).not.toContain(heavy);
    expect(packages).toContain('commander');
  });

  it('run and step load the release path without the forges, the Kubernetes client or zx (each loaded only when used)', () => {
    const loaded = inputsOf([...loadedWith(main), ...loadedWith(outputOf('src/cli/commands.ts'))]);
    const packages = new Set(loaded.map(packageOf));
    for (const lazy of [
      '@octokit/rest',
      '@gitbeaker/rest',
      'bottleneck',
      '@kubernetes/client-node',
      'zx',
      // handlebars' optional source maps are left out of every bundle (scripts/bundle.ts).
      'source-map',
    ])
      expect(packages, lazy).not.toContain(lazy);
    expect(packages).toContain('zod');
    // zod's messages are English: its other locales are not in the bundle at all.
    const locales = loaded.filter((input) => input.includes('node_modules/zod/v4/locales/'));
    expect(locales.map((input) => path.basename(input))).toEqual(['en.js']);
    // Templates render with handlebars' runtime and the specs precompiled into the bundle
    // (scripts/bundle.ts): its compiler is a chunk loaded for an edited or a config's template.
    expect(loaded.filter((input) => input.includes('node_modules/handlebars/'))).not.toContainEqual(
      expect.stringMatching(/handlebars\/(lib\/index\.js|dist\/cjs\/handlebars\/compiler\/)/),
    );
    expect(loaded).toContain('gitcanary-templates:precompiled-templates');
    // The forges are a chunk of their own, loaded by a config that uses one.
    const forges = outputOf('src/forges/index.ts');
    expect(inputsOf([forges]).map(packageOf)).toContain('@octokit/rest');
  });

  it('run and step load no gate implementation and no notifier until the config names them', () => {
    const loaded = new Set(inputsOf([...loadedWith(main), ...loadedWith(outputOf('src/cli/commands.ts'))]));
    const lazy = [
      'src/gates/command.ts',
      'src/gates/prometheus.ts',
      'src/gates/webhook.ts',
      'src/gates/http.ts',
      'src/gates/http-condition.ts',
      'src/gates/analysis.ts',
      'src/gates/metric-template.ts',
      'src/gates/argocd.ts',
      'src/gates/flux.ts',
      'src/gates/judge/gate.ts',
      'src/gates/judge/stats.ts',
      'src/gates/argo-analysis/gate.ts',
      'src/gates/argo-analysis/expr.ts',
      'src/notify/index.ts',
      'src/notify/providers.ts',
      'src/notify/reporter.ts',
    ];
    const bundled = new Set(inputsOf(Object.keys(meta.outputs)));
    for (const input of lazy) {
      // Each is still in the bundle, in a chunk of its own kind that `import()` loads.
      expect(bundled, input).toContain(input);
      expect(loaded, input).not.toContain(input);
    }
    expect(new Set([...loaded].map(packageOf))).not.toContain('jsep');
    // Config validation needs every kind's schema; status and reports read judgments.
    for (const light of ['src/gates/schemas.ts', 'src/gates/judge/schema.ts', 'src/gates/judge/report.ts'])
      expect(loaded, light).toContain(light);
  });
});
