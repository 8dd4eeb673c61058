import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/index.js';
import { forgeSchema, promotionSchema } from '../../src/config/promotion.js';
import { GitcanaryError } from '../../src/errors.js';
import { startFakeGitHub } from '../support/fake-github.js';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps } from '../support/gitops.js';
import { manifest, ROOT, runAction } from './runner.js';
import { APP_TOKEN, runWorkflow, type Workflow } from './workflow.js';

// Every YAML block of docs/github-actions.md is loaded here: each workflow is run (its gitcanary
// steps by the bundled Action against a local bare repo), the config snippet is validated.

const DOC = readFileSync(path.join(ROOT, 'docs', 'github-actions.md'), 'utf8');
const blocks = [...DOC.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map(
  (match) => parse(match[1] ?? '') as Record<string, unknown>,
);
const workflows = new Map(
  blocks
    .filter((block) => 'jobs' in block)
    .map((block) => [String(block.name), block as unknown as Workflow]),
);
const snippets = blocks.filter((block) => !('jobs' in block));

const WORKFLOW_TOKEN = 'ghs_workflowGithubToken0123456789abcdef';
const GITOPS_TOKEN = 'ghp_gitopsRepoToken0123456789abcdefABCD';

const QUICK_STEPS = `    - setWeight: 10
    - analysis: { gates: [smoke] }
    - setWeight: 50
    - promote: {}
`;

const PAUSED_STEPS = `    - setWeight: 20
    - pause: {}
    - setWeight: 50
    - promote: {}
`;

/** A workspace as actions/checkout leaves it: deploy/gitcanary.yaml, the bare GitOps repo beside. */
function workspace(steps: string, onTestFinished: TestContext['onTestFinished'], extra?: string): GitOps {
  const ops = createGitOps(demoConfig({ steps }));
  onTestFinished(() => ops.dispose());
  mkdirSync(path.join(ops.dir, 'deploy'));
  writeFileSync(
    path.join(ops.dir, 'deploy', 'gitcanary.yaml'),
    demoConfig({ steps, extra }).replace('repo: ./gitops.git', 'repo: ../gitops.git'),
  );
  return ops;
}

function workflow(name: string): Workflow {
  const found = workflows.get(name);
  if (!found) throw new Error(`docs/github-actions.md has no workflow named ${name}`);
  return found;
}

const github = (extra: Record<string, string> = {}) => ({
  token: WORKFLOW_TOKEN,
  repository: 'acme/app',
  repository_owner: 'acme',
  ...extra,
});

describe('docs/github-actions.md', () => {
  it('holds the four workflows and the pull-request config snippet, and documents every input and output of action.yml', () => {
    expect([...workflows.keys()]).toEqual([
      'canary',
      'canary-step',
      'canary-control',
      'canary-approved',
      'canary-pr',
    ]);
    expect(snippets).toHaveLength(1);
    for (const [name, input] of Object.entries(manifest.inputs)) {
      const row = DOC.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, `inputs table row for ${name}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(input.default ? `\`${input.default}\`` : '');
    }
    for (const name of Object.keys(manifest.outputs)) {
      expect(DOC, `outputs table row for ${name}`).toContain(`| \`${name}\` |`);
    }
  });

  it('the pull-request config validates against its schemas and loads as part of a release', async () => {
    const snippet = snippets[0] as { spec: { promotion: unknown; forge: unknown } };
    expect(promotionSchema.parse(snippet.spec.promotion)).toEqual({
      pullRequest: { steps: 'pauses', labels: ['canary'], reviewers: ['alice', 'acme/sre'], draft: false },
    });
    expect(forgeSchema.parse(snippet.spec.forge)).toEqual({
      github: { apiUrl: 'https://ghe.acme.dev/api/v3', repository: 'acme/gitops', tokenEnv: 'GITHUB_TOKEN' },
    });
    const withPromotion = demoConfig({ extra: '  promotion:\n    pullRequest: { steps: pauses }\n' });
    expect((await parseConfig(withPromotion, 'gitcanary.yaml')).config.spec.promotion).toEqual({
      pullRequest: { steps: 'pauses', labels: [], reviewers: [], draft: false },
    });
    const wrong = demoConfig({ extra: '  promotion:\n    pullRequest: { steps: some }\n' });
    await expect(parseConfig(wrong, 'gitcanary.yaml')).rejects.toThrow(GitcanaryError);
  });
});

// One workflow at a time: each runs the Action several times, and the machine has two cores.
describe('the documented workflows, run with the bundled Action', () => {
  it('canary: a tag push releases its image with a GitHub App token and prints the outputs', async ({
    onTestFinished,
  }) => {
    const ops = workspace(QUICK_STEPS, onTestFinished);

    const run = await runWorkflow(
      workflow('canary'),
      {
        github: github({ event_name: 'push', ref_name: '6.1.0' }),
        secrets: { GITCANARY_APP_KEY: '-----BEGIN RSA PRIVATE KEY-----' },
        vars: { GITCANARY_APP_ID: '12345' },
      },
      { workspace: ops.dir },
    );

    expect(run.jobs).toEqual({ release: 'success' });
    const canary = run.steps.find((step) => step.id === 'canary');
    expect(canary?.with).toMatchObject({
      image: CANARY_IMAGE,
      token: APP_TOKEN,
      config: 'deploy/gitcanary.yaml',
    });
    expect(canary?.action?.outputs).toMatchObject({ phase: 'Promoted', 'exit-code': '0' });
    expect(canary?.action?.commands).toContainEqual({
      command: 'add-mask',
      properties: {},
      message: APP_TOKEN,
    });
    expect(run.steps.at(-1)?.run?.stdout).toBe('podinfo 6.1.0 ended Promoted at 0%\n');
    expect(ops.log().at(-1)?.trailers['Gitcanary-Action']).toBe('promote');
  });

  it('canary-step: a dispatch starts the release, scheduled runs step it and stay green while a pause runs', async ({
    onTestFinished,
  }) => {
    const ops = workspace(
      '    - setWeight: 20\n    - pause: { duration: 1h }\n    - setWeight: 50\n    - promote: {}\n',
      onTestFinished,
    );
    const context = (event: string, inputs: Record<string, string>) => ({
      github: github({ event_name: event }),
      inputs,
      secrets: { GITOPS_TOKEN },
    });
    const step = async (event: string, inputs: Record<string, string> = {}) => {
      const run = await runWorkflow(workflow('canary-step'), context(event, inputs), { workspace: ops.dir });
      return { job: run.jobs.step, outputs: run.steps.find((s) => s.id === 'canary')?.action?.outputs };
    };

    expect(await step('workflow_dispatch', { image: CANARY_IMAGE })).toEqual({
      job: 'success',
      outputs: expect.objectContaining({ step: '0', 'exit-code': '0' }),
    });
    expect(await step('schedule')).toEqual({
      job: 'success',
      outputs: expect.objectContaining({ step: '1', weight: '20', 'exit-code': '0' }),
    });
    expect(await step('schedule')).toEqual({
      job: 'success',
      outputs: expect.objectContaining({ step: '1', weight: '20', 'exit-code': '3', phase: 'Progressing' }),
    });
  });

  it('canary-control: promote lets a paused release go on and runs it to the end; abort rolls one back', async ({
    onTestFinished,
  }) => {
    const ops = workspace(PAUSED_STEPS, onTestFinished);
    const start = await runAction({
      workspace: ops.dir,
      with: { config: 'deploy/gitcanary.yaml', image: CANARY_IMAGE },
    });
    expect(start.outputs).toMatchObject({ phase: 'Paused', 'exit-code': '3' });

    const promoted = await runWorkflow(
      workflow('canary-control'),
      {
        github: github({ event_name: 'workflow_dispatch' }),
        inputs: { command: 'promote', full: false },
        secrets: { GITOPS_TOKEN },
      },
      { workspace: ops.dir },
    );
    expect(promoted.jobs).toEqual({ control: 'success' });
    expect(
      promoted.steps.filter((s) => s.action).map((s) => [s.with?.command, s.action?.outputs['exit-code']]),
    ).toEqual([
      ['promote', '0'],
      ['run', '0'],
    ]);
    expect(
      ops
        .log()
        .map((entry) => entry.trailers['Gitcanary-Action'])
        .slice(-4),
      // The primary gets the candidate, then the traffic goes back to it (Flagger's shape).
    ).toEqual(['resume', 'step', 'step', 'promote']);

    await runAction({
      workspace: ops.dir,
      with: { config: 'deploy/gitcanary.yaml', image: `${CANARY_IMAGE.replace('6.1.0', '6.2.0')}` },
    });
    const aborted = await runWorkflow(
      workflow('canary-control'),
      {
        github: github({ event_name: 'workflow_dispatch' }),
        inputs: { command: 'abort', full: false },
        secrets: { GITOPS_TOKEN },
      },
      { workspace: ops.dir },
    );
    expect(aborted.jobs).toEqual({ control: 'success' });
    expect(aborted.steps.filter((s) => s.action)).toHaveLength(1);
    expect(aborted.steps[1]?.action?.outputs).toMatchObject({ 'exit-code': '1', phase: 'RolledBack' });
    expect(ops.log().at(-1)?.trailers['Gitcanary-Action']).toBe('abort');
  });

  it('canary-approved: the release pauses, the approved environment job promotes it and runs the rest', async ({
    onTestFinished,
  }) => {
    const ops = workspace(PAUSED_STEPS, onTestFinished);

    const run = await runWorkflow(
      workflow('canary-approved'),
      { github: github({ event_name: 'push', ref_name: '6.1.0' }), secrets: { GITOPS_TOKEN } },
      { workspace: ops.dir },
    );

    expect(run.jobs).toEqual({ canary: 'success', promote: 'success' });
    expect(workflow('canary-approved').jobs.promote?.environment).toBe('production-canary');
    expect(
      run.steps
        .filter((s) => s.action)
        .map((s) => [s.job, s.with?.command ?? 'run', s.action?.outputs.phase]),
    ).toEqual([
      ['canary', 'run', 'Paused'],
      ['promote', 'promote', 'Progressing'],
      ['promote', 'run', 'Promoted'],
    ]);
    // The token of the secret, not the workflow's, pushed; neither reached the log unmasked.
    for (const step of run.steps.filter((s) => s.action)) {
      expect(step.with?.token).toBe(GITOPS_TOKEN);
      expect(step.action?.log).not.toContain(GITOPS_TOKEN);
    }
  });

  // Five runs of the bundled Action, each a Node process.
  it('canary-pr: steps open a pull request at the pause (output pull-request), merging it goes on, the next pull request promotes', {
    timeout: 120_000,
  }, async ({ onTestFinished }) => {
    const ops = workspace(
      PAUSED_STEPS,
      onTestFinished,
      '  promotion:\n    pullRequest: { labels: [canary] }\n',
    );
    const gh = await startFakeGitHub({ repo: ops.bare });
    onTestFinished(() => gh.close_());
    const env = { GITHUB_API_URL: gh.url };
    const step = async (event: string, inputs: Record<string, string> = {}) => {
      const run = await runWorkflow(
        workflow('canary-pr'),
        { github: github({ event_name: event }), inputs },
        { workspace: ops.dir, env },
      );
      const canary = run.steps.find((s) => s.id === 'canary');
      return { job: run.jobs.step, outputs: canary?.action?.outputs, log: canary?.action?.log ?? '' };
    };

    expect((await step('workflow_dispatch', { image: CANARY_IMAGE })).outputs).toMatchObject({ step: '0' });
    expect((await step('schedule')).outputs).toMatchObject({ step: '1', weight: '20', 'pull-request': '' });
    const paused = await step('schedule');
    expect(paused.job).toBe('success');
    expect(paused.outputs).toMatchObject({
      step: '1',
      weight: '20',
      'exit-code': '3',
      'pull-request': 'https://github.com/acme/gitops/pull/1',
    });
    expect(gh.pulls.get(1)).toMatchObject({ title: 'podinfo: canary 20% → 50%', labels: ['canary'] });
    // The workflow's token opened it (the Action's token input), and never showed in the log.
    expect(gh.calls[0]?.headers.authorization).toBe(`token ${WORKFLOW_TOKEN}`);
    expect(paused.log).not.toContain(WORKFLOW_TOKEN);

    gh.merge(1, 'squash');
    const merged = await step('pull_request');
    // The squash landed step 3 (a marker commit records it); the same job goes on to the next step.
    expect(merged.outputs).toMatchObject({ step: '4', weight: '50', phase: 'Promoting' });
    expect(
      ops.log().find((e) => e.trailers['Gitcanary-Step'] === '3/5')?.trailers['Gitcanary-Promoted-By'],
    ).toBe('alice');
    const promoted = await step('schedule');
    expect(promoted.outputs).toMatchObject({ phase: 'Promoted', 'exit-code': '0' });
    expect(gh.statuses.at(-1)).toMatchObject({ context: 'gitcanary/podinfo', state: 'success' });
    expect(ops.gitIn(['branch', '--list', 'gitcanary/*'])).toBe('');
    expect(gh.violations).toEqual([]);
  });
});
