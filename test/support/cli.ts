import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import type { GitOps } from './gitops.js';

// The CLI as a process: the bundle test/support/cli-bundle.ts builds from the current sources at the
// start of the run (the same esbuild configuration as the npm package's dist/cli/main.js).

export const ROOT = path.join(import.meta.dirname, '..', '..');
/** Inside the checkout (git-ignored .tmp/), so templates/ is found upward from it as from dist/. */
export const CLI_BUNDLE = path.join(ROOT, '.tmp', 'test-cli', 'main.js');
/** The arguments to `node` that start gitcanary. */
export const CLI = [CLI_BUNDLE];

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `gitcanary <args> --config <ops.config>`; CI markers and colour settings of this process removed. */
export function runCli(ops: GitOps, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI, ...args, '--config', ops.config],
      { cwd: ROOT, env: { ...cleanEnv(), ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** `command` in a pseudo-terminal (util-linux `script`): what a person's terminal receives. */
export function runInTerminal(command: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const quoted = command.map((part) => `'${part.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve) => {
    const child = spawn('script', ['--quiet', '--flush', '--return', '--command', quoted, '/dev/null'], {
      cwd: ROOT,
      env: { ...cleanEnv(), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of ['CI', 'GITLAB_CI', 'GITHUB_ACTIONS', 'FORCE_COLOR', 'NO_COLOR']) delete env[name];
  return env;
}
