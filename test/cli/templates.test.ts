import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { describe, expect, it, type TestContext } from 'vitest';
import { CLI_BUNDLE, ROOT } from '../support/cli.js';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps } from '../support/gitops.js';

// The bundles carry the package's templates precompiled (scripts/bundle.ts) and still read
// templates/ at run time: a step renders with handlebars' runtime, and a template edited after the
// build renders through its compiler, loaded then. Each test runs the suite's CLI bundle from a copy
// of the package (bundle + templates/), so it can edit a template or remove the compiler's chunk.

const BUNDLE = path.dirname(CLI_BUNDLE);
const meta = JSON.parse(readFileSync(path.join(BUNDLE, 'meta.json'), 'utf8')) as Metafile;

/** The chunk holding handlebars' full package (its compiler), relative to the bundle's folder. */
const compilerChunk = (() => {
  const found = Object.entries(meta.outputs).filter(([, output]) =>
    Object.keys(output.inputs).some((input) => input.endsWith('node_modules/handlebars/lib/index.js')),
  );
  expect(found).toHaveLength(1);
  return path.relative(path.relative(ROOT, BUNDLE), found[0]![0]);
})();

/** A gate without a template: the config asks for no compiler. */
const PLAIN_GATE = `    smoke:
      command: { command: 'echo "error rate 0%"', timeout: 10s }
`;

/** A release whose analysis runs a gate on the built-in APISIX success-rate template (strict). */
const METRIC_GATE_CONFIG = demoConfig({
  gates: `    rate:
      prometheus: { address: "http://127.0.0.1:9", router: apisix, template: request-success-rate, thresholdRange: { min: 99 } }
`,
  steps: '    - setWeight: 10\n    - analysis: { gates: [rate] }\n    - promote: {}\n',
});

/** The commit message's body on the first step (no gate evidence yet). */
const RELEASE_LINE =
  /^Release [0-9a-f]{12}: ghcr\.io\/stefanprodan\/podinfo:6\.1\.0, canary weight 0%, phase Progressing\.$/;

/** A copy of the package: the CLI bundle in dist/cli, templates/ next to it. */
function installed(onTestFinished: TestContext['onTestFinished']): { dir: string; main: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-templates-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(BUNDLE, path.join(dir, 'dist', 'cli'), { recursive: true });
  cpSync(path.join(ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true });
  return { dir, main: path.join(dir, 'dist', 'cli', 'main.js') };
}

function gitcanary(main: string, ops: GitOps, args: string[]): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [main, ...args, '--config', ops.config],
      { cwd: ops.dir, env: { PATH: process.env.PATH, HOME: ops.dir, NO_COLOR: '1' } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stderr }),
    );
  });
}

describe('templates in the bundle', () => {
  it("renders a step's commit message without handlebars' compiler", async ({ onTestFinished }) => {
    const ops = createGitOps(demoConfig({ gates: PLAIN_GATE }));
    onTestFinished(() => ops.dispose());
    const pkg = installed(onTestFinished);
    // A step that needed the compiler would fail to load this chunk.
    rmSync(path.join(path.dirname(pkg.main), compilerChunk));
    const run = await gitcanary(pkg.main, ops, ['step', '--image', CANARY_IMAGE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const commit = ops.log().at(-1)!;
    expect(commit.subject).toBe(`gitcanary(podinfo): start canary of ${CANARY_IMAGE} [0/12]`);
    expect(commit.body).toMatch(RELEASE_LINE);
  });

  it('renders a template edited after the build through the compiler, loaded for it', async ({
    onTestFinished,
  }) => {
    const ops = createGitOps(demoConfig({ gates: PLAIN_GATE }));
    onTestFinished(() => ops.dispose());
    const pkg = installed(onTestFinished);
    const file = path.join(pkg.dir, 'templates', 'commit-message.hbs');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('{{body}}', 'Edited by the packager.\n\n{{body}}'),
    );
    const run = await gitcanary(pkg.main, ops, ['step', '--image', CANARY_IMAGE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const commit = ops.log().at(-1)!;
    expect(commit.subject).toBe(`gitcanary(podinfo): start canary of ${CANARY_IMAGE} [0/12]`);
    const [edited, ...rest] = commit.body.split('\n\n');
    expect(edited).toBe('Edited by the packager.');
    expect(rest.join('\n\n')).toMatch(RELEASE_LINE);
  });

  it("builds a gate on a built-in metric template (strict) without handlebars' compiler", async ({
    onTestFinished,
  }) => {
    const ops = createGitOps(METRIC_GATE_CONFIG);
    onTestFinished(() => ops.dispose());
    const pkg = installed(onTestFinished);
    rmSync(path.join(path.dirname(pkg.main), compilerChunk));
    const run = await gitcanary(pkg.main, ops, ['validate']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('loads the compiler for a gate template spelt with a YAML escape, and still refuses a typo in it', async ({
    onTestFinished,
  }) => {
    // "\u007b{" is "{{" once YAML has read it: the config's text holds no "{{".
    const gate = (variable: string) => `    smoke:
      command: { command: "echo \\u007b{${variable}}}", timeout: 10s }
`;
    const ops = createGitOps(demoConfig({ gates: gate('canaryWeight') }));
    onTestFinished(() => ops.dispose());
    const pkg = installed(onTestFinished);
    const valid = await gitcanary(pkg.main, ops, ['validate']);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    ops.writeConfig(demoConfig({ gates: gate('canaryWeigth') }));
    const typo = await gitcanary(pkg.main, ops, ['validate']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('"canaryWeigth" is not a template variable');
  });

  it('builds a gate on a built-in metric template edited after the build, loading the compiler for it', async ({
    onTestFinished,
  }) => {
    const ops = createGitOps(METRIC_GATE_CONFIG);
    onTestFinished(() => ops.dispose());
    const pkg = installed(onTestFinished);
    const file = path.join(pkg.dir, 'templates', 'metrics', 'apisix', 'request-success-rate.hbs');
    // Not the text built: the precompiled spec does not match, the gate's check compiles it.
    writeFileSync(file, `# edited\n${readFileSync(file, 'utf8')}`);
    const valid = await gitcanary(pkg.main, ops, ['validate']);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    // And an unknown variable in the edited file is still the strict template's error.
    writeFileSync(file, `{{canaryWeigth}}\n${readFileSync(file, 'utf8')}`);
    const typo = await gitcanary(pkg.main, ops, ['validate']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('canaryWeigth');
  });
});
