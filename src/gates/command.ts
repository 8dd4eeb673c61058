import type { ProcessOutput, ProcessPromise } from 'zx';
import { GitcanaryError } from '../errors.js';
import { maskSecrets } from '../shared/secrets.js';
import { limitsFrom, runMeasurements } from './analysis.js';
import { parseDuration } from './duration.js';
import {
  type CommandConfig,
  type CommandConfigInput,
  commandConfigSchema,
  parseGateConfig,
} from './schemas.js';
import { contextValues, renderTemplate, shellQuote, TEMPLATE_CHECK_CONTEXT } from './templates.js';
import type { Gate, GateContext, GateResult, Measurement } from './types.js';

// A command gate runs a shell command through zx: exit 0 passes, any other exit or the timeout
// fails. The command is a handlebars template whose values are shell-quoted before rendering, so
// `{{canaryService}}` is always one word; don't put quotes around variables yourself.

export type { CommandConfigInput } from './schemas.js';

/** Lines of output kept in the gate message. */
const OUTPUT_TAIL_LINES = 20;

export class CommandGate implements Gate {
  readonly kind = 'command';
  readonly config: CommandConfig;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;

  constructor(
    readonly name: string,
    config: CommandConfigInput,
  ) {
    this.config = parseGateConfig(commandConfigSchema, config, 'command');
    this.intervalMs = parseDuration(this.config.interval, 'command.interval');
    this.timeoutMs = parseDuration(this.config.timeout, 'command.timeout');
    this.renderCommand(TEMPLATE_CHECK_CONTEXT);
  }

  /** The shell command for `context`, every value shell-quoted. */
  renderCommand(context: GateContext): string {
    return renderTemplate(this.config.command, contextValues(context), shellQuote, 'command.command');
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    const threshold = 'exit 0';
    let command: string;
    try {
      command = this.renderCommand(context);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: 'fail', threshold, message, measurements: [] };
    }
    const outcome = await runMeasurements(
      () => this.run(command, context.signal, context.cwd),
      limitsFrom(this.config, this.intervalMs),
      context.signal,
      (measurement, index) =>
        context.progress(`${this.name} #${index + 1}: ${firstLine(measurement.message)}`),
      context.clock,
    );
    return { gate: this.name, kind: this.kind, threshold, ...outcome };
  }

  private async run(command: string, signal: AbortSignal, cwd: string | undefined): Promise<Measurement> {
    signal.throwIfAborted();
    // zx (900 KB bundled) loads with the first command gate that runs, not with every CLI start.
    const { $ } = await import('zx');
    signal.throwIfAborted();
    // The rendered command is one argument to `bash -c`: zx quotes it, bash parses it once.
    // Detached: the gate is its own process group, so a timeout or SIGINT/SIGTERM reaches every
    // process it started (`kubectl port-forward &`, a test runner's workers), not only the shell.
    const child: ProcessPromise = $({
      nothrow: true,
      quiet: true,
      verbose: false,
      detached: true,
      env: { ...process.env, ...this.config.env },
      ...(cwd === undefined ? {} : { cwd }),
    })`bash -c ${command}`;
    const group = child.pid;
    if (group !== undefined) liveGroups.add(group);
    let timedOut = false;
    let grace: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(group, 'SIGKILL');
    }, this.timeoutMs);
    // Interrupted: ask the whole group to stop, then make it; the verdict is not used.
    const onAbort = (): void => {
      killGroup(group, 'SIGTERM');
      grace = setTimeout(() => killGroup(group, 'SIGKILL'), KILL_GRACE_MS);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    let output: ProcessOutput;
    try {
      output = await child;
    } finally {
      clearTimeout(timer);
      clearTimeout(grace);
      signal.removeEventListener('abort', onAbort);
      if (group !== undefined) liveGroups.delete(group);
    }
    signal.throwIfAborted();
    const at = new Date().toISOString();
    const tail = outputTail(output.stdall);
    if (timedOut) {
      // Whatever the group left behind (a process that closed its output) goes too.
      killGroup(group, 'SIGKILL');
      return {
        verdict: 'fail',
        value: 'timeout',
        message: maskSecrets(`timed out after ${this.config.timeout}${tail}`),
        at,
      };
    }
    const code = output.exitCode;
    const value = code ?? `signal ${output.signal ?? 'unknown'}`;
    return {
      verdict: code === 0 ? 'pass' : 'fail',
      value,
      message: maskSecrets(`${code === null ? `killed by ${value}` : `exit ${code}`}${tail}`),
      at,
    };
  }
}

/** Time a gate's processes get to exit after SIGTERM before SIGKILL. */
const KILL_GRACE_MS = 3_000;

// Process groups of gates still running: killed if the process exits under them (a second SIGINT).
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const group of liveGroups) killGroup(group, 'SIGKILL');
});

/** Signals every process of the group led by `pid` (gone already: nothing to do). */
function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group has no process left.
  }
}

/** The last lines of combined output, indented under the gate line. */
function outputTail(output: string): string {
  const lines = output.replace(/\s+$/, '').split('\n');
  if (lines.length === 1 && lines[0] === '') return '';
  const kept = lines.slice(-OUTPUT_TAIL_LINES);
  const skipped = lines.length - kept.length;
  return `\n${skipped > 0 ? `  … ${skipped} lines\n` : ''}${kept.map((line) => `  ${line}`).join('\n')}`;
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
