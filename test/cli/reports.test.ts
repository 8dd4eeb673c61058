import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { runCli } from '../support/cli.js';
import { CANARY_IMAGE, createGitOps, demoConfig, FAIL_FROM_30, type GitOps } from '../support/gitops.js';
import { parseDotenvLikeGitLab, validateJunit } from '../support/report-formats.js';

// The reports a CI pipeline keeps from a release command: `--dotenv` for later jobs, `--junit`
// for the Tests tab, `--json` events, and collapsible GitLab sections in the job log. Real git,
// the CLI as a process.

/** Four commits and two analyses; FAIL_FROM_30 fails the second one, at 30%. */
const STEPS = `    - setWeight: 10
    - analysis: { gates: [smoke] }
    - setWeight: 30
    - analysis: { gates: [smoke] }
    - promote: {}
`;

function setup(config: string, onTestFinished: TestContext['onTestFinished']): GitOps {
  const ops = createGitOps(config);
  onTestFinished(() => ops.dispose());
  return ops;
}

// One test at a time: each spawns the CLI several times, and CI has two cores.
describe('report files of release commands', () => {
  it('run --dotenv --junit on a release that rolls back: the failed gate with its evidence, the phase for later jobs', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: STEPS, gates: FAIL_FROM_30 }), onTestFinished);
    const dotenv = path.join(ops.dir, 'gitcanary.env');
    const junit = path.join(ops.dir, 'junit.xml');

    const run = await runCli(ops, ['run', '--image', CANARY_IMAGE, '--dotenv', dotenv, '--junit', junit]);

    expect(run.code).toBe(1);
    const rollback = ops.log().at(-1)!;
    expect(parseDotenvLikeGitLab(readFileSync(dotenv, 'utf8'))).toEqual({
      GITCANARY_PHASE: 'Failed',
      GITCANARY_STEP: '3',
      GITCANARY_STEPS: '6',
      GITCANARY_WEIGHT: '0',
      GITCANARY_COMMIT: ops.head(),
      GITCANARY_IMAGE: CANARY_IMAGE,
      GITCANARY_RELEASE_ID: rollback.trailers['Gitcanary-Release-Id'],
      GITCANARY_OUTCOME: 'rolledBack',
    });
    const xml = readFileSync(junit, 'utf8');
    expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<testsuites name="gitcanary podinfo" tests="3" failures="2" errors="0"');
    expect(xml).toMatch(/<testsuite name="podinfo \[2\/6\] analysis smoke" tests="1" failures="0"/);
    expect(xml).toMatch(/<testsuite name="podinfo \[4\/6\] analysis smoke" tests="1" failures="1"/);
    expect(xml).toContain('<failure message="smoke (command): fail value=1 threshold exit 0">');
    expect(xml).toContain('error rate 7% at 30%');
    expect(xml).toContain(
      `<failure message="rolledBack: gate failed at step 4/6; rolled back to ghcr.io/stefanprodan/podinfo:6.0.0">`,
    );
  });

  it('a broken config: an error event with --json, the error as a JUnit case, no dotenv file (exit 2)', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: '    - setWeight: 150\n' }), onTestFinished);
    const dotenv = path.join(ops.dir, 'gitcanary.env');
    const junit = path.join(ops.dir, 'junit.xml');
    const before = ops.head();

    const run = await runCli(ops, [
      'step',
      '--image',
      CANARY_IMAGE,
      '--json',
      '--dotenv',
      dotenv,
      '--junit',
      junit,
    ]);

    expect(run.code).toBe(2);
    expect(ops.head()).toBe(before);
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toEqual([
      {
        type: 'error',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        code: 'CONFIG_INVALID',
        message: 'weight must be between 0 and 100; got 150',
        file: ops.config,
        line: expect.any(Number),
        column: expect.any(Number),
        field: 'spec.steps[0].setWeight',
        hint: expect.any(String),
        exitCode: 2,
      },
    ]);
    expect(run.stderr).toMatch(
      /^error: .*spec\.steps\[0\]\.setWeight: weight must be between 0 and 100; got 150/,
    );
    const xml = readFileSync(junit, 'utf8');
    expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toContain('<testcase name="gitcanary step" classname="gitcanary.release"');
    expect(xml).toContain('<error message="CONFIG_INVALID: weight must be between 0 and 100; got 150">');
    expect(existsSync(dotenv)).toBe(false);
  });

  it('refuses a report in a folder that does not exist before anything is committed (exit 2)', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: STEPS }), onTestFinished);
    const before = ops.head();

    const run = await runCli(ops, [
      'run',
      '--image',
      CANARY_IMAGE,
      '--junit',
      path.join(ops.dir, 'nope', 'junit.xml'),
    ]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`error: --junit: ${path.join(ops.dir, 'nope', 'junit.xml')}: the folder`);
    expect(ops.head()).toBe(before);
  });

  it('run under GitLab CI folds each step into a section; status --junit and --dotenv say what the commits record', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: STEPS }), onTestFinished);

    const run = await runCli(ops, ['run', '--image', CANARY_IMAGE], { GITLAB_CI: 'true' });

    expect(run.code).toBe(0);
    const section =
      /\u001b\[0Ksection_(start|end):(\d+):([a-zA-Z0-9_.-]+)(\[collapsed=true\])?\r\u001b\[0K(.*)/;
    const marks = run.stdout
      .split('\n')
      .map((line) => section.exec(line))
      .filter((match) => match !== null)
      .map((match) => `${match[1]} ${match[3]}${match[4] ?? ''} ${match[5]}`.trimEnd());
    expect(marks).toEqual([
      'start gitcanary_1[collapsed=true] [0/6] start',
      'end gitcanary_1',
      'start gitcanary_2[collapsed=true] [1/6] setWeight 10',
      'end gitcanary_2',
      'start gitcanary_3[collapsed=true] [2/6] analysis smoke',
      'end gitcanary_3',
      'start gitcanary_4[collapsed=true] [3/6] setWeight 30',
      'end gitcanary_4',
      'start gitcanary_5[collapsed=true] [4/6] analysis smoke',
      'end gitcanary_5',
      'start gitcanary_6[collapsed=true] [5/6] promote primary',
      'end gitcanary_6',
      'start gitcanary_7[collapsed=true] [6/6] promote',
      'end gitcanary_7',
    ]);
    // The release's first and last lines stay outside the sections.
    expect(run.stdout.split('\n').at(-2)).toBe(`promoted: ${CANARY_IMAGE} promoted`);

    const dotenv = path.join(ops.dir, 'status.env');
    const junit = path.join(ops.dir, 'status.xml');
    const status = await runCli(ops, ['status', '--dotenv', dotenv, '--junit', junit]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain('├──✔ 2 analysis smoke');
    expect(parseDotenvLikeGitLab(readFileSync(dotenv, 'utf8'))).toMatchObject({
      GITCANARY_PHASE: 'Promoted',
      GITCANARY_STEP: '6',
      GITCANARY_WEIGHT: '0',
      GITCANARY_COMMIT: ops.head(),
      GITCANARY_OUTCOME: '',
    });
    const xml = readFileSync(junit, 'utf8');
    expect(await validateJunit(xml)).toEqual({ valid: true, errors: [] });
    expect(xml).toMatch(
      /<testsuite name="podinfo \[2\/6\] analysis smoke" tests="1" failures="0" errors="0" skipped="0"[^>]*>\n {4}<testcase name="smoke \(command\)" classname="gitcanary.podinfo" timestamp="[^"]+">\n {6}<system-out>smoke \(command\): pass\nvalue: 0\nthreshold: exit 0\nmessage: exit 0\nerror rate 0% at 10%/,
    );
    expect(xml).toMatch(/<testsuite name="podinfo \[4\/6\] analysis smoke" tests="1" failures="0"/);
  });
});
