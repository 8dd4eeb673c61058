import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CommandGate } from '../../src/gates/command.js';
import { secretFromEnv } from '../../src/report/secrets.js';
import { gateContext } from '../support/gate-context.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('CommandGate', () => {
  it('passes on exit 0 and captures the output', async () => {
    const result = await new CommandGate('smoke', {
      command: 'echo "weight {{canaryWeight}} on {{canaryService}} at {{commit}}"',
    }).evaluate(gateContext());
    expect(result).toMatchObject({
      gate: 'smoke',
      kind: 'command',
      verdict: 'pass',
      value: 0,
      threshold: 'exit 0',
    });
    expect(result.message).toBe('exit 0\n  weight 20 on podinfo-canary at abc1234');
  });

  it('fails on a non-zero exit with stderr in the message', async () => {
    const result = await new CommandGate('smoke', { command: 'echo boom >&2; exit 3' }).evaluate(
      gateContext(),
    );
    expect(result).toMatchObject({ verdict: 'fail', value: 3 });
    expect(result.message).toBe('exit 3\n  boom');
  });

  it('keeps only the last 20 lines of output', async () => {
    const result = await new CommandGate('smoke', { command: 'seq 1 50; exit 1' }).evaluate(gateContext());
    const lines = result.message.split('\n');
    expect(lines[0]).toBe('exit 1');
    expect(lines[1]).toBe('  … 30 lines');
    expect(lines.slice(2)).toEqual(Array.from({ length: 20 }, (_, i) => `  ${31 + i}`));
  });

  it('fails on timeout and kills the command', async () => {
    const started = Date.now();
    const result = await new CommandGate('slow', {
      command: 'echo started; sleep 10',
      timeout: '300ms',
    }).evaluate(gateContext());
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result).toMatchObject({ verdict: 'fail', value: 'timeout' });
    expect(result.message).toContain('timed out after 300ms');
  });

  it('keeps a shell injection through a variable a literal word', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gitcanary-command-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const hostile = `x'; touch ${dir}/pwned; echo '$(touch ${dir}/pwned2)\`touch ${dir}/pwned3\``;
    const gate = new CommandGate('smoke', { command: 'printf "%s|" {{canaryService}} {{namespace}}' });
    const context = gateContext({ canaryService: hostile, namespace: 'two words; ls' });
    const result = await gate.evaluate(context);
    expect(result.verdict).toBe('pass');
    expect(result.message).toBe(`exit 0\n  ${hostile}|two words; ls|`);
    expect(await readdir(dir)).toEqual([]);
  });

  it('masks registered secrets in the output', async () => {
    process.env.GITCANARY_TEST_COMMAND_TOKEN = 's3cr3t-token-value';
    secretFromEnv('GITCANARY_TEST_COMMAND_TOKEN');
    const result = await new CommandGate('leaky', {
      command: 'echo "token=$GITCANARY_TEST_COMMAND_TOKEN"; exit 1',
    }).evaluate(gateContext());
    expect(result.message).toBe('exit 1\n  token=[secure]');
    expect(JSON.stringify(result)).not.toContain('s3cr3t');
  });

  it('passes env to the command', async () => {
    const result = await new CommandGate('env', {
      command: 'test "$TARGET_URL" = "http://podinfo-canary:9898"',
      env: { TARGET_URL: 'http://podinfo-canary:9898' },
    }).evaluate(gateContext());
    expect(result.verdict).toBe('pass');
  });

  it('runs in the folder the release gives it, so relative script paths resolve there', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gitcanary-cwd-'));
    try {
      const gate = new CommandGate('cwd', { command: 'pwd' });
      const result = await gate.evaluate(gateContext({ cwd: dir }));
      expect(result.message).toBe(`exit 0\n  ${dir}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('repeats the command count times and tolerates failureLimit failures', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gitcanary-command-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    // Fails the first run only: the marker file exists from the second run on.
    const command = `test -e ${dir}/ran || { touch ${dir}/ran; exit 1; }`;
    const tolerant = await new CommandGate('flaky', {
      command,
      count: 3,
      interval: 0.05,
      failureLimit: 1,
    }).evaluate(gateContext());
    expect(tolerant.measurements.map((m) => m.verdict)).toEqual(['fail', 'pass', 'pass']);
    expect(tolerant.verdict).toBe('pass');
  });

  it('refuses a template with an unknown variable or an unclosed {{ when the gate is built', () => {
    for (const command of ['echo {{canarySevrice}}', 'echo {{canaryService', 'echo {{variables.missing}}']) {
      expect(() => new CommandGate('typo', { command })).toThrow(
        expect.objectContaining({ code: 'FIELD_INVALID', place: { field: 'command.command' } }),
      );
    }
  });

  it('stops when the release is aborted', async () => {
    const controller = new AbortController();
    const running = new CommandGate('slow', { command: 'sleep 10' }).evaluate(
      gateContext({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error('release aborted')), 100);
    await expect(running).rejects.toThrow('release aborted');
  });

  it('rejects an invalid duration in the config', () => {
    expect(() => new CommandGate('bad', { command: 'true', timeout: '5 minutes' })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', place: { field: 'command.timeout' } }),
    );
  });
});

/** Whether `pid` is a live process (a zombie waiting for its parent to reap it is gone). */
function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Whether `pid` is gone within `ms` (a killed process closes its pipes a moment before it is reaped). */
async function goneWithin(pid: number, ms = 1_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

async function waitForFile(file: string, timeoutMs = 10_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const text = await readFile(file, 'utf8').catch(() => '');
    if (text.trim() !== '') return text.trim();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${file} was not written`);
}

describe('CommandGate process group', () => {
  it('kills the whole process group, grandchildren included, when the release is interrupted', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gitcanary-group-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pidFile = path.join(dir, 'grandchild.pid');
    const controller = new AbortController();
    // A grandchild that ignores nothing and outlives its parent shell unless the group is killed.
    const gate = new CommandGate('smoke', {
      command: `sleep 300 & echo $! > ${pidFile}; wait`,
      timeout: '5m',
    });

    const running = gate.evaluate(gateContext({ signal: controller.signal }));
    const grandchild = Number(await waitForFile(pidFile));
    expect(isAlive(grandchild)).toBe(true);
    controller.abort(new Error('SIGTERM'));

    await expect(running).rejects.toThrow('SIGTERM');
    expect(await goneWithin(grandchild)).toBe(true);
  });

  it('kills a grandchild that ignores SIGTERM after the grace period', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gitcanary-group-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pidFile = path.join(dir, 'stubborn.pid');
    const controller = new AbortController();
    const gate = new CommandGate('smoke', {
      command: `bash -c 'trap "" TERM; echo $$ > ${pidFile}; while :; do sleep 0.1; done' & wait`,
      timeout: '5m',
    });

    const running = gate.evaluate(gateContext({ signal: controller.signal }));
    const stubborn = Number(await waitForFile(pidFile));
    controller.abort(new Error('SIGINT'));

    await expect(running).rejects.toThrow('SIGINT');
    expect(await goneWithin(stubborn)).toBe(true);
  });

  it('kills the grandchildren of a command that times out', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'gitcanary-group-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const pidFile = path.join(dir, 'grandchild.pid');
    const result = await new CommandGate('slow', {
      command: `sleep 300 & echo $! > ${pidFile}; wait`,
      timeout: '500ms',
    }).evaluate(gateContext());

    expect(result).toMatchObject({ verdict: 'fail', value: 'timeout' });
    expect(await goneWithin(Number(await waitForFile(pidFile)))).toBe(true);
  });
});
