import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { startFaultyProxy } from '../support/faulty-proxy.js';
import { startGitHttpServer } from '../support/git-http.js';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps } from '../support/gitops.js';

// SIGINT and SIGTERM on the real process (bin/gitcanary.js): exit 130, the gate's whole process
// group is gone, nothing more is committed (no rollback for an interrupted gate), and the
// temporary clone is removed, also when the signal arrives while git is still cloning.

let tmp: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-signals-'));
});

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The CLI as a process with its own TMPDIR, so its temp clones can be counted. */
function start(args: string[], tmpdir: string): { child: ChildProcess; exited: Promise<Exit> } {
  const child = spawn(process.execPath, [...CLI, ...args], {
    env: { ...process.env, TMPDIR: tmpdir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited };
}

async function waitFor<T>(probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function goneWithin(pid: number, ms = 2_000): Promise<boolean> {
  const until = Date.now() + ms;
  while (isAlive(pid)) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

function gitcanaryDirs(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.startsWith('gitcanary-'));
}

describe.each<NodeJS.Signals>(['SIGTERM', 'SIGINT'])('%s during a command gate', (signal) => {
  let ops: GitOps;

  afterAll(() => ops?.dispose());

  it('exits 130, kills the gate’s process group, commits nothing more and removes the clone', async () => {
    const pidFile = path.join(tmp, `${signal}.pid`);
    ops = createGitOps(
      demoConfig({
        steps: '    - setWeight: 10\n    - analysis: { gates: [smoke] }\n    - promote: {}\n',
        gates: `    smoke: { command: { command: 'sleep 300 & echo $! > ${pidFile}; wait', timeout: 10m } }\n`,
      }),
    );
    const tmpdir = mkdtempSync(path.join(tmp, `${signal}-`));
    const { child, exited } = start(['run', '--config', ops.config, '--image', CANARY_IMAGE], tmpdir);

    const grandchild = await waitFor(() => {
      try {
        const text = readFileSync(pidFile, 'utf8').trim();
        return text === '' ? undefined : Number(text);
      } catch {
        return undefined;
      }
    });
    const head = ops.head();
    expect(gitcanaryDirs(tmpdir)).toHaveLength(1);
    child.kill(signal);
    const exit = await exited;

    expect(exit.code, exit.stderr).toBe(130);
    expect(exit.stderr).toMatch(/^error: interrupted/m);
    expect(await goneWithin(grandchild)).toBe(true);
    expect(ops.head()).toBe(head);
    expect(
      ops
        .log()
        .map((entry) => entry.subject)
        .at(-1),
    ).toBe('gitcanary(podinfo): setWeight 10 [1/4]');
    expect(gitcanaryDirs(tmpdir)).toEqual([]);
  });
});

describe('a signal while git is still cloning', () => {
  it('kills git, removes the half-made clone and exits 130', async () => {
    const ops = createGitOps(demoConfig());
    const server = await startGitHttpServer(ops.dir);
    // The remote accepts the request and never answers: the clone hangs until the signal.
    const proxy = await startFaultyProxy(server.url, () => 'hang');
    try {
      ops.writeConfig(demoConfig().replace('repo: ./gitops.git', `repo: ${proxy.url}/gitops.git`));
      const tmpdir = mkdtempSync(path.join(tmp, 'clone-'));
      const { child, exited } = start(['status', '--config', ops.config], tmpdir);

      await waitFor(() => (proxy.seen.length > 0 ? true : undefined));
      expect(gitcanaryDirs(tmpdir)).toHaveLength(1);
      const signalled = Date.now();
      child.kill('SIGTERM');
      const exit = await exited;

      expect(exit.code, exit.stderr).toBe(130);
      expect(Date.now() - signalled).toBeLessThan(10_000);
      expect(gitcanaryDirs(tmpdir)).toEqual([]);
    } finally {
      await proxy.close();
      await server.close();
      ops.dispose();
    }
  });
});

describe('exit codes of the real process', () => {
  it('exits 2 for --config naming a folder, with one line and no stack trace', async () => {
    const { exited } = start(['validate', '--config', tmp], tmp);
    const exit = await exited;
    expect(exit.code).toBe(2);
    expect(exit.stderr).toBe(
      `error: ${tmp}: --config names a folder, not a file (hint: pass the file, e.g. ${tmp}/gitcanary.yaml)\n`,
    );
  });
});
