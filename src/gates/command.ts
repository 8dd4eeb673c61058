import { $, type ProcessOutput } from 'zx';
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
import { contextValues, renderTemplate, shellQuote } from './templates.js';
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
    const started = Date.now();
    // The rendered command is one argument to `bash -c`: zx quotes it, bash parses it once.
    const output: ProcessOutput = await $({
      nothrow: true,
      quiet: true,
      verbose: false,
      signal,
      timeout: this.timeoutMs,
      timeoutSignal: 'SIGKILL',
      env: { ...process.env, ...this.config.env },
      ...(cwd === undefined ? {} : { cwd }),
    })`bash -c ${command}`;
    signal.throwIfAborted();
    const elapsedMs = Date.now() - started;
    const at = new Date().toISOString();
    const tail = outputTail(output.stdall);
    const timedOut = output.exitCode === null && elapsedMs >= this.timeoutMs;
    if (timedOut) {
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
