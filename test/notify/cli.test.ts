import { execFile } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type ChatReceivers, startChatReceivers } from '../support/chat-payloads.js';
import { CLI } from '../support/cli.js';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps } from '../support/gitops.js';

// The notifier as the CLI wires it: around the console reporter, flushed before the process exits,
// and its URLs checked before anything is committed.

const ROOT = path.join(import.meta.dirname, '..', '..');

const QUICK_STEPS = `    - setWeight: 50
    - analysis: { gates: [smoke] }
    - promote: {}
`;

const NOTIFY = `  notifications:
    triggers:
      - { on: [started, promoted], provider: { type: slack, urlEnv: GITCANARY_CLI_SLACK_URL } }
`;

let ops: GitOps | undefined;
let chat: ChatReceivers | undefined;
afterEach(async () => {
  await chat?.close();
  ops?.dispose();
  ops = chat = undefined;
});

function gitcanary(
  config: string,
  args: string[],
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const childEnv = { ...process.env, ...env };
    for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
    execFile(
      process.execPath,
      [...CLI, ...args, '--config', config],
      { cwd: ROOT, env: childEnv },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe('gitcanary run with notifications', () => {
  it('refuses to start when a provider URL is not set: exit 2, nothing committed', async () => {
    ops = createGitOps(demoConfig({ steps: QUICK_STEPS, extra: NOTIFY }));
    const before = ops.head();

    const run = await gitcanary(ops.config, ['run', '--image', CANARY_IMAGE], {
      GITCANARY_CLI_SLACK_URL: undefined,
    });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('spec.notifications.triggers[0].provider.urlEnv');
    expect(run.stderr).toContain('no http(s) webhook URL in environment variable GITCANARY_CLI_SLACK_URL');
    expect(ops.head()).toBe(before);
  });

  it('lets abort go on when a provider URL is not set, and says that provider is skipped', async () => {
    chat = await startChatReceivers();
    ops = createGitOps(
      demoConfig({
        steps: `    - setWeight: 20
    - pause: {}
    - promote: {}
`,
        extra: NOTIFY,
      }),
    );
    const paused = await gitcanary(ops.config, ['run', '--image', CANARY_IMAGE], {
      GITCANARY_CLI_SLACK_URL: chat.url('slack'),
    });
    expect(paused.code).toBe(3);

    const abort = await gitcanary(ops.config, ['abort'], { GITCANARY_CLI_SLACK_URL: undefined });

    expect(abort.code).toBe(1);
    expect(abort.stdout).toContain(
      'notification to spec.notifications.triggers[0].provider (setup) failed: its webhook URL could not be read',
    );
    expect(ops.log().at(-1)?.subject).toContain('abort canary');
  });

  it('delivers the last notification before the process exits, and never prints the URL', async () => {
    chat = await startChatReceivers();
    ops = createGitOps(demoConfig({ steps: QUICK_STEPS, extra: NOTIFY }));
    const url = `${chat.url('slack')}?secret=T0SECRET-B0SECRET`;

    const run = await gitcanary(ops.config, ['run', '--image', CANARY_IMAGE, '--json'], {
      GITCANARY_CLI_SLACK_URL: url,
    });

    expect(run.code).toBe(0);
    expect(chat.errors).toEqual([]);
    expect(chat.of('slack').map((message) => message.text)).toEqual([
      expect.stringContaining('started'),
      expect.stringContaining('promotion finished'),
    ]);
    expect(run.stdout + run.stderr).not.toContain('T0SECRET-B0SECRET');
  });
});
