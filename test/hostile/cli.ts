import { vi } from 'vitest';
import { main } from '../../src/cli/program.js';

// The CLI in-process, exactly as bin/gitcanary.js runs it (main() returns the exit code the
// process would get), with stdout and stderr captured.

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(args: readonly string[]): Promise<CliRun> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const capture = (into: string[]) => (chunk: string | Uint8Array) => {
    into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(capture(stdout) as never);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(capture(stderr) as never);
  try {
    const code = await main(['node', 'gitcanary', ...args]);
    return { code, stdout: stdout.join(''), stderr: stderr.join('') };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}
