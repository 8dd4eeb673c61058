import { describe, expect, it, type TestContext } from 'vitest';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps, STABLE_IMAGE } from '../support/gitops.js';
import { mermaidBlocks, parseXyChart } from './mermaid.js';
import { manifest, runAction } from './runner.js';

// The bundled Action (dist/action/index.js) run as the runner runs it, against a bare GitOps repo.

const QUICK_STEPS = `    - setWeight: 10
    - analysis: { gates: [smoke] }
    - setWeight: 50
    - analysis: { gates: [smoke] }
    - promote: {}
`;

const PAUSED_STEPS = `    - setWeight: 20
    - pause: {}
    - setWeight: 50
    - promote: {}
`;

/** Prints a measured error rate so the gate has a value to chart. */
const MEASURED = `    smoke:
      command: { command: 'echo "error rate at {{canaryWeight}}%"', timeout: 10s }
`;

const FAILING_AT_50 = `    smoke:
      command: { command: 'test {{canaryWeight}} -lt 50', timeout: 10s }
`;

function setup(config: string, onTestFinished: TestContext['onTestFinished']): GitOps {
  const ops = createGitOps(config);
  onTestFinished(() => ops.dispose());
  return ops;
}

// One test at a time: each runs the Action several times, and the machine has two cores.
describe('the GitHub Action (bundled, run as the runner runs it)', () => {
  it('declares node24, the bundled entry, and every input and output the CLI maps', () => {
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/action/index.js' });
    expect(Object.keys(manifest.inputs).sort()).toEqual(
      ['command', 'config', 'fail-on-waiting', 'full', 'image', 'json', 'token', 'working-directory'].sort(),
    );
    expect(manifest.inputs.token?.default).toBe(['${{', 'github.token', '}}'].join(' '));
    expect(manifest.inputs.command?.default).toBe('run');
    expect(Object.keys(manifest.outputs).sort()).toEqual(
      ['commit', 'exit-code', 'phase', 'pull-request', 'release-id', 'step', 'weight'].sort(),
    );
  });

  it('run promotes: outputs say where the release ended, the summary tables every commit and charts the weight', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: QUICK_STEPS, gates: MEASURED }), onTestFinished);

    const run = await runAction({ workspace: ops.dir, with: { image: CANARY_IMAGE } });

    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const log = ops.log();
    const head = ops.head();
    expect(run.outputs).toEqual({
      phase: 'Promoted',
      step: '6',
      weight: '0',
      commit: head,
      'release-id': log.at(-1)?.trailers['Gitcanary-Release-Id'],
      'pull-request': '',
      'exit-code': '0',
    });
    // Each step's lines sit in a log group named after it.
    expect(run.commands.filter((c) => c.command === 'group').map((c) => c.message)).toEqual([
      '[1/6] setWeight 10',
      '[2/6] analysis smoke',
      '[3/6] setWeight 50',
      '[4/6] analysis smoke',
      '[5/6] promote primary',
      '[6/6] promote',
    ]);
    expect(run.commands.filter((c) => c.command === 'endgroup')).toHaveLength(6);
    expect(run.log).toContain(`promoted: ${CANARY_IMAGE} promoted`);

    const shas = ops.gitIn(['log', '--reverse', '--format=%h', '--abbrev=7', 'main']).split('\n').slice(1);
    expect(run.summary).toContain('### ✅ gitcanary run: podinfo — promoted');
    expect(run.summary).toContain(`- **Image**: \`${CANARY_IMAGE}\``);
    expect(run.summary).toContain('- **Phase**: Promoted');
    const table = run.summary.split('\n').filter((line) => line.startsWith('| '));
    expect(table).toEqual([
      '| Step | Change | Weight | Commit | Gates | Duration |',
      '| --- | --- | ---: | --- | --- | ---: |',
      `| 0/6 | start canary of ${CANARY_IMAGE} | 0% | \`${shas[0]}\` |  | — |`,
      expect.stringMatching(
        new RegExp(`^\\| 1/6 \\| setWeight 10 \\| 10% \\| \`${shas[1]}\` \\|  \\| \\d+s \\|$`),
      ),
      expect.stringMatching(
        new RegExp(
          `^\\| 3/6 \\| setWeight 50 \\| 50% \\| \`${shas[2]}\` \\| ✅ smoke 0 \\(exit 0\\) \\| \\d+s \\|$`,
        ),
      ),
      // Flagger's shape: the primary takes the canary's image while traffic still splits, then routes back.
      expect.stringMatching(
        new RegExp(
          `^\\| 5/6 \\| promote primary \\| 50% \\| \`${shas[3]}\` \\| ✅ smoke 0 \\(exit 0\\) \\| \\d+s \\|$`,
        ),
      ),
      expect.stringMatching(new RegExp(`^\\| 6/6 \\| promote \\| 0% \\| \`${shas[4]}\` \\|  \\| \\d+s \\|$`)),
    ]);
    const charts = mermaidBlocks(run.summary).map(parseXyChart);
    expect(charts.map((chart) => chart.title)).toEqual(['Canary weight', 'Gate smoke']);
    expect(charts[0]?.series).toEqual([{ kind: 'line', values: [0, 10, 50, 50, 0] }]);
    expect(charts[0]?.yRange).toEqual([0, 100]);
    expect(charts[0]?.categories[0]).toBe('+0s');
    expect(charts[1]).toMatchObject({
      categories: ['step 3', 'step 5'],
      series: [{ kind: 'bar', values: [0, 0] }],
    });
  });

  it('step waits at a pause: exit code 3 is an output and a notice, not a failed job', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);

    const started = await runAction({ workspace: ops.dir, with: { command: 'step', image: CANARY_IMAGE } });
    expect(started.outputs).toMatchObject({ 'exit-code': '0', step: '0', weight: '0', phase: 'Progressing' });
    const stepped = await runAction({ workspace: ops.dir, with: { command: 'step' } });
    expect(stepped.outputs).toMatchObject({ 'exit-code': '0', step: '1', weight: '20' });

    const waiting = await runAction({ workspace: ops.dir, with: { command: 'step' } });
    expect(waiting.code).toBe(0);
    expect(waiting.outputs).toMatchObject({ 'exit-code': '3', phase: 'Paused', step: '1', weight: '20' });
    expect(waiting.commands).toContainEqual({
      command: 'notice',
      properties: { title: 'gitcanary: waiting' },
      message: 'paused at step 2/5 until `gitcanary promote`',
    });
    expect(waiting.summary).toContain('### ⏸️ gitcanary step: podinfo — paused');
    // The summary of one step still shows the whole release so far, from the history.
    expect(waiting.summary).toMatch(/\| 1\/5 \| setWeight 20 \| 20% \|/);
  });

  it('fail-on-waiting fails the job at a pause; promote with full ends the release there', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    const paused = await runAction({ workspace: ops.dir, with: { image: CANARY_IMAGE } });
    expect(paused).toMatchObject({ code: 0, outputs: { 'exit-code': '3', phase: 'Paused' } });

    const strict = await runAction({
      workspace: ops.dir,
      with: { command: 'step', 'fail-on-waiting': 'true' },
    });
    expect(strict.code).toBe(1);
    expect(strict.outputs['exit-code']).toBe('3');
    expect(strict.commands).toContainEqual({
      command: 'error',
      properties: {},
      message: 'paused at step 2/5 until `gitcanary promote`',
    });

    const promoted = await runAction({ workspace: ops.dir, with: { command: 'promote', full: 'true' } });
    expect(promoted.code).toBe(0);
    expect(promoted.outputs).toMatchObject({ 'exit-code': '0', phase: 'Promoted' });
    expect(ops.log().at(-1)?.trailers['Gitcanary-Action']).toBe('promote');
  });

  it('a failed gate rolls back: exit code 1 fails the job, the summary shows the failed verdict', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: QUICK_STEPS, gates: FAILING_AT_50 }), onTestFinished);

    const run = await runAction({ workspace: ops.dir, with: { image: CANARY_IMAGE } });

    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ 'exit-code': '1', phase: 'Failed', weight: '0' });
    expect(run.commands.filter((c) => c.command === 'error').map((c) => c.message)).toEqual([
      `gate failed at step 4/6; rolled back to ${STABLE_IMAGE}`,
    ]);
    expect(run.summary).toContain('### ↩️ gitcanary run: podinfo — rolledBack');
    // The rollback commit records the step the release stood at, and the verdict that failed it.
    expect(run.summary).toMatch(
      /\| 3\/6 \| roll back canary of \S+ \| 0% \| `[0-9a-f]{7}` \| ❌ smoke 1 \(exit 0\) \|/,
    );
    const gateChart = mermaidBlocks(run.summary).map(parseXyChart)[1];
    expect(gateChart).toMatchObject({ categories: ['step 3', 'rollback 3'], series: [{ values: [0, 1] }] });
  });

  it('a bad config fails the job with an annotation on its file and line, and exit code 2', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: '    - setWeight: 120\n' }), onTestFinished);

    const run = await runAction({ workspace: ops.dir, with: { command: 'validate' } });

    expect(run.code).toBe(1);
    expect(run.outputs).toEqual({
      phase: '',
      step: '',
      weight: '',
      commit: '',
      'release-id': '',
      'pull-request': '',
      'exit-code': '2',
    });
    const line =
      demoConfig({ steps: '    - setWeight: 120\n' }).split('\n').indexOf('    - setWeight: 120') + 1;
    expect(run.commands.filter((c) => c.command === 'error')).toEqual([
      {
        command: 'error',
        properties: {
          title: 'gitcanary: CONFIG_INVALID spec.steps[0].setWeight',
          file: 'gitcanary.yaml',
          line: String(line),
          col: '18',
        },
        message:
          'weight must be between 0 and 100; got 120 (hint: the JSON Schema schema/gitcanary.schema.json lists every field)',
      },
    ]);
    expect(run.summary).toContain('### ❌ gitcanary validate — failed');
    expect(run.summary).toContain(
      `> CONFIG_INVALID: gitcanary.yaml:${line}:18: spec.steps[0].setWeight: weight must be between 0 and 100; got 120`,
    );
  });

  it('the token is registered with the runner masking and appears nowhere else: log, summary, outputs, commits', async ({
    onTestFinished,
  }) => {
    const token = 'ghs_actionSecretToken0123456789abcdef';
    const gates = `    smoke:
      command: { command: 'echo "token is $INPUT_TOKEN"', timeout: 10s }
`;
    const ops = setup(demoConfig({ steps: QUICK_STEPS, gates }), onTestFinished);

    const run = await runAction({ workspace: ops.dir, with: { image: CANARY_IMAGE }, githubToken: token });

    expect(run.code).toBe(0);
    const masks = run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
    expect(masks).toContain(token);
    expect(masks).toContain(Buffer.from(token).toString('base64'));
    const unmasked = run.stdout
      .split('\n')
      .filter((line) => !line.startsWith('::add-mask::'))
      .join('\n');
    expect(unmasked).not.toContain(token);
    expect(unmasked).toContain('token is [secure]');
    expect(run.summary).not.toContain(token);
    expect(JSON.stringify(run.outputs)).not.toContain(token);
    expect(ops.gitIn(['log', '--format=%B', 'main'])).not.toContain(token);
  });

  it('json prints one JSON event per line; an unknown command is refused before anything runs', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: QUICK_STEPS }), onTestFinished);
    const before = ops.head();

    const refused = await runAction({ workspace: ops.dir, with: { command: 'deploy', image: CANARY_IMAGE } });
    expect(refused.code).toBe(1);
    expect(refused.outputs['exit-code']).toBe('2');
    expect(refused.commands.find((c) => c.command === 'error')?.message).toBe(
      'unknown command "deploy" (hint: one of run, step, plan, status, promote, abort, validate)',
    );
    expect(ops.head()).toBe(before);

    const run = await runAction({ workspace: ops.dir, with: { image: CANARY_IMAGE, json: 'true' } });
    expect(run.code).toBe(0);
    const events = run.log
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { type: string });
    expect(events.at(0)?.type).toBe('release');
    expect(events.at(-1)).toMatchObject({ type: 'done', outcome: 'promoted', exitCode: 0 });
  });

  it('working-directory locates the config; plan and status print and set the outputs from the history', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    const workspace = ops.dir.replace(/\/[^/]+$/, '');
    const folder = ops.dir.slice(workspace.length + 1);

    const plan = await runAction({
      workspace,
      with: { command: 'plan', image: CANARY_IMAGE, 'working-directory': folder },
    });
    expect(plan.code).toBe(0);
    expect(plan.log).toContain('# [1/5] setWeight 20');
    expect(plan.outputs).toMatchObject({ 'exit-code': '0', phase: '' });

    await runAction({ workspace, with: { image: CANARY_IMAGE, 'working-directory': folder } });
    const status = await runAction({ workspace, with: { command: 'status', 'working-directory': folder } });
    expect(status.code).toBe(0);
    expect(status.log).toMatch(/^Name: +podinfo$/m);
    expect(status.outputs).toMatchObject({ phase: 'Paused', step: '1', weight: '20', commit: ops.head() });
  });
});
