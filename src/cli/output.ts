import { type ErrorCode, GitcanaryError } from '../errors.js';
import { maskSecrets } from '../report/secrets.js';

/** Exit codes, documented in README and docs/cli.md. */
export const EXIT = {
  ok: 0,
  rolledBack: 1,
  badInput: 2,
  waiting: 3,
  internal: 4,
  /** SIGINT/SIGTERM, as shells report them (128 + SIGINT). */
  interrupted: 130,
} as const;

export function printOut(line: string): void {
  process.stdout.write(`${maskSecrets(line)}\n`);
}

export function printErr(line: string): void {
  process.stderr.write(`${maskSecrets(line)}\n`);
}

// Failures of the environment (git, network, a forge) rather than of what the user gave us.
const INTERNAL_CODES: ReadonlySet<ErrorCode> = new Set([
  'INTERNAL',
  'GIT_FAILED',
  'GIT_PUSH_CONFLICT',
  'GIT_TIP_MOVED',
  'FORGE_FAILED',
  'SYNC_FAILED',
]);

/** Exit code for an error: bad input and config are 2, git/network/unexpected failures 4. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof GitcanaryError && error.code === 'INTERRUPTED') return EXIT.interrupted;
  if (error instanceof GitcanaryError) return INTERNAL_CODES.has(error.code) ? EXIT.internal : EXIT.badInput;
  return EXIT.internal;
}

export function formatError(error: unknown): string {
  if (error instanceof GitcanaryError) return `error: ${error.format()}`;
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return `error: internal: ${message}`;
}

/** Wrap a command action: print errors once, masked, and set the exit code. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined> | number | undefined,
) {
  return async (...args: A): Promise<void> => {
    try {
      const code = await fn(...args);
      process.exitCode = code ?? EXIT.ok;
    } catch (error) {
      printErr(formatError(error));
      process.exitCode = exitCodeFor(error);
    }
  };
}
