import type { ReleaseStatus } from '../engine/status.js';
import { type ErrorCode, GitcanaryError } from '../errors.js';
import {
  ConsoleReporter,
  checkReportPath,
  consoleOptionsFor,
  JsonReporter,
  jsonLine,
  type ReleaseEvent,
  type Reporter,
  ReportFiles,
  teeReporter,
} from '../report/index.js';
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

/** The output options every release command takes. */
export interface OutputOptions {
  json?: boolean | undefined;
  dotenv?: string | undefined;
  junit?: string | undefined;
}

/**
 * What one release command prints and writes: the reporter people (console) or machines (`--json`)
 * read, teed into the `--dotenv` / `--junit` files; the command's answer (status, plan, validate);
 * its error, as an `error` event too.
 */
export class CommandOutput {
  readonly reporter: Reporter;
  readonly files: ReportFiles;
  readonly #json: boolean;
  readonly #print: Reporter;

  constructor(command: string, options: OutputOptions, env: NodeJS.ProcessEnv = process.env) {
    this.#json = options.json === true;
    this.files = new ReportFiles({ command, dotenv: options.dotenv, junit: options.junit });
    this.#print = this.#json
      ? new JsonReporter()
      : new ConsoleReporter(consoleOptionsFor(env, process.stdout));
    this.reporter = teeReporter(this.#print, this.files);
  }

  get json(): boolean {
    return this.#json;
  }

  /** A command's answer: one JSON line of `type` with `value`'s fields, or the text for people. */
  answer(type: 'status' | 'plan' | 'validation', value: object, text: () => string): void {
    if (this.#json) printOut(jsonLine({ type, ...value }));
    else printOut(text());
  }

  /**
   * Where the release stands as the command ends, for the report files (read only when one is
   * asked for). A release that cannot be read leaves the files to what the events said.
   */
  async settle(read: () => Promise<ReleaseStatus>): Promise<void> {
    if (!this.files.wanted) return;
    try {
      this.files.observe(await read());
    } catch {
      // The command's own error (or its absence) is what the files report.
    }
  }

  /** `status`: the status it read, with the commits' verdicts, for the report files. */
  observeStatus(status: ReleaseStatus): void {
    this.files.observe(status, { verdicts: true });
  }

  /** An error: for people on stderr; with `--json` also an `error` line on stdout; in the files. */
  error(error: unknown): void {
    this.reporter.event(errorEvent(error));
    printErr(formatError(error));
  }
}

/** The `error` event of an error (docs/cli.md). */
export function errorEvent(error: unknown): Extract<ReleaseEvent, { type: 'error' }> {
  const exitCode = exitCodeFor(error);
  if (error instanceof GitcanaryError) {
    const { file, line, column, resource, field } = error.place;
    return {
      type: 'error',
      code: error.code,
      message: error.message,
      ...(file === undefined ? {} : { file }),
      ...(line === undefined ? {} : { line }),
      ...(column === undefined ? {} : { column }),
      ...(resource === undefined ? {} : { resource }),
      ...(field === undefined ? {} : { field }),
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      exitCode,
    };
  }
  return {
    type: 'error',
    code: 'INTERNAL',
    message: error instanceof Error ? error.message : String(error),
    exitCode,
  };
}

/**
 * Wrap a release command: report paths checked before anything runs, errors printed once (and
 * as an event), the report files written as it ends — also when it failed — and the exit code set.
 * A report that cannot be written makes a successful command exit 4.
 */
export function releaseAction<O extends OutputOptions>(
  command: string,
  fn: (options: O, output: CommandOutput) => Promise<number>,
) {
  return async (options: O): Promise<void> => {
    const output = new CommandOutput(command, options);
    let code: number;
    try {
      if (options.dotenv !== undefined) await checkReportPath(options.dotenv, '--dotenv');
      if (options.junit !== undefined) await checkReportPath(options.junit, '--junit');
      code = await fn(options, output);
    } catch (error) {
      output.error(error);
      code = exitCodeFor(error);
    }
    try {
      await output.files.write(code);
    } catch (error) {
      printErr(formatError(error));
      if (code === EXIT.ok) code = EXIT.internal;
    }
    process.exitCode = code;
  };
}
