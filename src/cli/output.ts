import { execFile } from 'node:child_process';
import { Command } from 'commander';
import type { ReleaseStatus } from '../engine/status.js';
import { type ErrorCode, GitcanaryError } from '../errors.js';
// Modules, not the index barrels: `--help` and `--version` load this file, and the barrels would
// bring handlebars (report templates) and the git layer's dependencies with them.
import { removeOwnedTempDirs } from '../git/open.js';
import { ConsoleReporter, consoleOptionsFor, JsonReporter, jsonLine } from '../report/console.js';
import { type ReleaseEvent, type Reporter, teeReporter } from '../report/events.js';
import { sanitizeEvidence } from '../report/evidence.js';
import { checkReportPath, ReportFiles } from '../report/files.js';
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

// Everything printed goes through the secret mask and loses terminal escapes and control
// characters (a value from a config, a manifest or a gate cannot drive the terminal).
const printable = (line: string): string =>
  maskSecrets(sanitizeEvidence(line, Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY));

/** Colour codes (SGR, `ESC [ … m`) only change how text looks: the one escape styled output keeps. */
const SGR = /(\u001b\[[0-9;]*m)/;

/**
 * `styled`: the text carries our own colour codes (status on a terminal), kept while every other
 * escape and control character is removed as usual.
 */
export function printOut(line: string, options: { styled?: boolean } = {}): void {
  const text = options.styled
    ? line
        .split(SGR)
        .map((part, index) => (index % 2 === 1 ? part : printable(part)))
        .join('')
    : printable(line);
  process.stdout.write(`${text}\n`);
}

export function printErr(line: string): void {
  process.stderr.write(`${printable(line)}\n`);
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

/** Prints an error for people on stderr and, with `--json`, as an `error` event on stdout. */
export function reportError(error: unknown, json: boolean, human = true): void {
  if (human) printErr(formatError(error));
  if (json) printOut(jsonLine(errorEvent(error)));
}

/** An error about a config field (`spec.…`, `metadata.…`) that does not say which file: the config. */
function withConfigFile(error: unknown, config: unknown): unknown {
  if (!(error instanceof GitcanaryError) || typeof config !== 'string') return error;
  const { file, field } = error.place;
  if (file !== undefined || field === undefined || !/^(spec|metadata)\b/.test(field)) return error;
  return new GitcanaryError(error.code, error.message, {
    ...error.place,
    file: config,
    hint: error.hint,
    cause: error,
  });
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
      const options = command instanceof Command ? command.opts() : {};
      const placed = withConfigFile(error, options.config);
      reportError(placed, options.json === true);
      exitCode = exitCodeFor(placed);
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
    else printOut(text(), { styled: true });
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
export function releaseAction<O extends OutputOptions & { config?: string | undefined }>(
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
      const placed = withConfigFile(error, options.config);
      output.error(placed);
      code = exitCodeFor(placed);
    }
    try {
      await output.files.write(code);
    } catch (error) {
      printErr(formatError(error));
      if (code === EXIT.ok) code = EXIT.internal;
    }
    exitCode = code;
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
    // The git runner kills the git process it runs, not the transport helper git started
    // (git-remote-https waiting on a dead server): every process below us gets the signal.
    void signalDescendants('SIGTERM');
    setTimeout(forceExit, FORCE_EXIT_AFTER_MS).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/** Sends `signal` to every process below this one (`ps` lists them: Linux and macOS alike). */
async function signalDescendants(signal: NodeJS.Signals): Promise<void> {
  const listing = await new Promise<string>((resolve) =>
    execFile('ps', ['-A', '-o', 'pid=', '-o', 'ppid='], (error, stdout) => resolve(error ? '' : stdout)),
  );
  const children = new Map<number, number[]>();
  for (const line of listing.split('\n')) {
    const [pid, ppid] = line.trim().split(/\s+/).map(Number);
    if (pid === undefined || ppid === undefined || Number.isNaN(pid)) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const below = (pid: number): number[] =>
    (children.get(pid) ?? []).flatMap((child) => [child, ...below(child)]);
  for (const pid of below(process.pid)) {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone already.
    }
  }
}

function forceExit(): never {
  // process.exit runs the exit hooks: temp clones removed, gate process groups killed.
  removeOwnedTempDirs();
  process.exit(EXIT.interrupted);
}
