import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ciJob, gitlabCiProject } from '../../src/forges/index.js';
import { type ChatReceivers, type ReceiverPath, startChatReceivers } from '../support/chat-payloads.js';
import { CLI } from '../support/cli.js';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps } from '../support/gitops.js';

// Which CI job made a commit or sent a message: detected from GitLab CI's and GitHub Actions'
// predefined variables, written as the `Gitcanary-Job` trailer, and linked from every notification.

const ROOT = path.join(import.meta.dirname, '..', '..');
const JOB_URL = 'https://gitlab.example.com/acme/app/-/jobs/4242';

/** Predefined variables of a GitLab CI job (docs.gitlab.com/ci/variables/predefined_variables). */
const GITLAB_JOB = {
  CI: 'true',
  GITLAB_CI: 'true',
  CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
  CI_PROJECT_ID: '7',
  CI_PROJECT_PATH: 'acme/app',
  CI_JOB_ID: '4242',
  CI_JOB_URL: JOB_URL,
  CI_PIPELINE_SOURCE: 'push',
  CI_COMMIT_TAG: '6.1.0',
};

/** Every CI variable the detection reads, unset, so the host's own CI cannot leak into a test. */
const NO_CI = {
  CI: undefined,
  GITLAB_CI: undefined,
  CI_JOB_URL: undefined,
  CI_API_V4_URL: undefined,
  CI_PROJECT_ID: undefined,
  CI_PROJECT_PATH: undefined,
  GITHUB_ACTIONS: undefined,
  GITHUB_SERVER_URL: undefined,
  GITHUB_REPOSITORY: undefined,
  GITHUB_RUN_ID: undefined,
};

let ops: GitOps | undefined;
let chat: ChatReceivers | undefined;
afterEach(async () => {
  await chat?.close();
  ops?.dispose();
  ops = chat = undefined;
});

function gitcanary(config: string, args: string[], env: Record<string, string | undefined>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const childEnv: Record<string, string | undefined> = { ...process.env, ...NO_CI, ...env };
    for (const [name, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[name];
    execFile(
      process.execPath,
      [...CLI, ...args, '--config', config],
      { cwd: ROOT, env: childEnv },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

const STEPS = `    - setWeight: 50
    - analysis: { gates: [smoke] }
    - promote: {}
`;

describe('the CI job', () => {
  it('is GitLab CI’s job page in a GitLab job, the workflow run on GitHub Actions, and nothing elsewhere', () => {
    expect(ciJob(GITLAB_JOB)).toEqual({ provider: 'gitlab', url: JOB_URL });
    expect(
      ciJob({
        GITHUB_ACTIONS: 'true',
        GITHUB_SERVER_URL: 'https://github.com/',
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_RUN_ID: '123456',
      }),
    ).toEqual({ provider: 'github', url: 'https://github.com/acme/app/actions/runs/123456' });
    expect(ciJob({ GITLAB_CI: 'true' })).toBeUndefined();
    expect(ciJob({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/app' })).toBeUndefined();
    expect(ciJob({ CI: 'true' })).toBeUndefined();
    expect(gitlabCiProject(GITLAB_JOB)).toEqual({
      apiUrl: 'https://gitlab.example.com/api/v4',
      project: '7',
    });
    expect(gitlabCiProject({ GITLAB_CI: 'true', CI_PROJECT_PATH: 'acme/gitops' })).toEqual({
      project: 'acme/gitops',
    });
    expect(gitlabCiProject({ CI_PROJECT_ID: '7' })).toBeUndefined();
  });

  it('goes into every commit of a release run in GitLab CI, and every notification links it', async () => {
    chat = await startChatReceivers();
    const providers: { name: string; path: ReceiverPath; type: string; extra?: string }[] = [
      { name: 'slack', path: 'slack', type: 'slack' },
      { name: 'teams', path: 'msteams', type: 'msteams' },
      { name: 'workflow', path: 'msteams-adaptive', type: 'msteams', extra: ', format: adaptiveCard' },
      { name: 'discord', path: 'discord', type: 'discord' },
      { name: 'chat', path: 'gchat', type: 'googlechat' },
      { name: 'rocket', path: 'rocket', type: 'rocket' },
      { name: 'hook', path: 'webhook', type: 'webhook' },
    ];
    const env: Record<string, string> = { ...GITLAB_JOB };
    const lines = providers.map((provider) => {
      const variable = `GITCANARY_JOB_TEST_${provider.name.toUpperCase()}_URL`;
      env[variable] = chat!.url(provider.path);
      return `      ${provider.name}: { type: ${provider.type}, urlEnv: ${variable}${provider.extra ?? ''} }`;
    });
    ops = createGitOps(
      demoConfig({
        steps: STEPS,
        extra: `  notifications:
    providers:
${lines.join('\n')}
    triggers:
${providers.map((provider) => `      - { on: [started], provider: ${provider.name} }`).join('\n')}
`,
      }),
    );

    const run = await gitcanary(ops.config, ['run', '--image', CANARY_IMAGE], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const released = ops.log().slice(1);
    expect(released.map((commit) => commit.trailers['Gitcanary-Action'])).toEqual([
      'start',
      'step',
      'step', // promote primary
      'promote',
    ]);
    for (const commit of released) expect(commit.trailers['Gitcanary-Job']).toBe(JOB_URL);

    expect(chat.errors).toEqual([]);
    const [slack] = chat.of('slack') as { attachments: { fields: { title: string; value: string }[] }[] }[];
    expect(slack?.attachments[0]?.fields).toContainEqual({
      title: 'Job',
      value: `<${JOB_URL}|CI job>`,
      short: true,
    });
    const [teams] = chat.of('msteams') as {
      potentialAction: { name: string; targets: { uri: string }[] }[];
    }[];
    expect(teams?.potentialAction).toContainEqual({
      '@type': 'OpenUri',
      name: 'View job',
      targets: [{ os: 'default', uri: JOB_URL }],
    });
    expect(JSON.stringify(chat.of('msteams-adaptive'))).toContain(
      JSON.stringify({ type: 'Action.OpenUrl', title: 'View job', url: JOB_URL }),
    );
    expect(JSON.stringify(chat.of('discord'))).toContain(
      JSON.stringify({ name: 'Job', value: `[CI job](${JOB_URL})`, inline: true }),
    );
    expect(JSON.stringify(chat.of('gchat'))).toContain(
      JSON.stringify({ text: 'View job', onClick: { openLink: { url: JOB_URL } } }),
    );
    expect(JSON.stringify(chat.of('rocket'))).toContain(
      JSON.stringify({ short: true, title: 'Job', value: `[CI job](${JOB_URL})` }),
    );
    expect(chat.of('webhook')[0]?.job).toBe(JOB_URL);
  });

  it('is the workflow run on GitHub Actions, and no trailer at all outside CI', async () => {
    ops = createGitOps(demoConfig({ steps: STEPS }));
    const github = await gitcanary(ops.config, ['step', '--image', CANARY_IMAGE], {
      GITHUB_ACTIONS: 'true',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_RUN_ID: '987',
    });
    expect(github.code).toBe(0);
    expect(ops.log().at(-1)?.trailers['Gitcanary-Job']).toBe('https://github.com/acme/app/actions/runs/987');

    const local = await gitcanary(ops.config, ['step'], {});
    expect(local.code).toBe(0);
    expect(ops.log().at(-1)?.trailers).toMatchObject({ 'Gitcanary-Action': 'step' });
    expect(ops.log().at(-1)?.trailers).not.toHaveProperty('Gitcanary-Job');
  });
});
