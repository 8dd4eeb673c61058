import { Command } from 'commander';
import { type ErrorCode, GitcanaryError } from '../errors.js';
import { removeOwnedTempDirs } from '../git/index.js';
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

/** The `--json` form of an error: one event line, like the release's events. */
export function errorEvent(error: unknown): Record<string, unknown> {
  const exitCode = exitCodeFor(error);
  if (error instanceof GitcanaryError) return { type: 'error', ...error.toJSON(), exitCode };
  return {
    type: 'error',
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
    exitCode,
  };
}

/** Prints an error for people on stderr and, with `--json`, as an `error` event on stdout. */
export function reportError(error: unknown, json: boolean, human = true): void {
  if (human) printErr(formatError(error));
  if (json) printOut(JSON.stringify({ time: new Date().toISOString(), ...errorEvent(error) }));
}

let exitCode: number = EXIT.ok;

/** The exit code the last command action set. */
export function lastExitCode(): number {
  return exitCode;
}

export function resetExitCode(): void {
  exitCode = EXIT.ok;
}

/** Wrap a command action: print errors once, masked, and set the exit code. */
export function action<A extends unknown[]>(
  fn: (...args: A) => Promise<number | undefined> | number | undefined,
) {
  return async (...args: A): Promise<void> => {
    try {
      exitCode = (await fn(...args)) ?? EXIT.ok;
    } catch (error) {
      // commander passes the command last; `--json` asks for the error as an event too.
      const command = args.at(-1);
      const json = command instanceof Command && command.opts().json === true;
      reportError(error, json);
      exitCode = exitCodeFor(error);
    }
  };
}

// --- SIGINT / SIGTERM -----------------------------------------------------------------------------

const interrupt = new AbortController();

/**
 * Aborted by the first SIGINT or SIGTERM: running git commands and command gates are killed
 * (their whole process group), waits stop, nothing more is committed, temp clones are removed on
 * the way out, and the process exits 130.
 */
export const interruptSignal: AbortSignal = interrupt.signal;

/** A second signal, or this long after the first, exits at once (exit hooks still clean up). */
const FORCE_EXIT_AFTER_MS = 15_000;

export function installSignalHandlers(): void {
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupt.signal.aborted) {
      forceExit();
      return;
    }
    interrupt.abort(
      new GitcanaryError('INTERRUPTED', `interrupted by ${signal}; nothing more was committed`, {
        hint: 'run again to resume from the Git history',
      }),
    );
    setTimeout(forceExit, FORCE_EXIT_AFTER_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function forceExit(): never {
  // process.exit runs the exit hooks: temp clones removed, gate process groups killed.
  removeOwnedTempDirs();
  process.exit(EXIT.interrupted);
}
