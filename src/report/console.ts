import type { ReleaseEvent, Reporter } from './events.js';
import { sanitizeEvidence, sanitizeGateResult } from './evidence.js';
import {
  type Colors,
  colorEnabled,
  colors,
  describeUntil,
  humanDuration,
  localTime,
  terminalSafe,
} from './format.js';
import { maskSecrets } from './secrets.js';

// What people watch: one line per event; while the release waits, a countdown line rewritten in
// place on a terminal, or a heartbeat line now and then in a CI log; each step in a collapsible
// log section on GitLab CI and GitHub Actions. JSON lines for machines. Everything is masked.

type WriteLine = (line: string) => void;

/** Time for the console: what time it is, and a repeating timer (tests drive both by hand). */
export interface Ticker {
  now(): Date;
  /** Calls `tick` every `ms` until the returned function is called; never keeps the process alive. */
  every(ms: number, tick: () => void): () => void;
}

export const systemTicker: Ticker = {
  now: () => new Date(),
  every: (ms, tick) => {
    const timer = setInterval(tick, ms);
    timer.unref();
    return () => clearInterval(timer);
  },
};

/** Collapsible log sections: GitLab's `section_start`/`section_end`, GitHub's `::group::`. */
export type LogSections = 'gitlab' | 'github';

export interface ConsoleOptions {
  /** Writes text exactly as given; the reporter adds the line breaks. Default: stdout. */
  write?: (text: string) => void;
  /** Where warnings go (they are not the release's progress). Default: stderr. */
  writeErr?: (text: string) => void;
  /** A terminal: a wait is one line rewritten in place, cleared when the wait ends. */
  live?: boolean;
  color?: boolean;
  sections?: LogSections | undefined;
  ticker?: Ticker;
  /** Between two "still waiting" lines when not live (a CI log): 60s. */
  heartbeatMs?: number;
  /** Between two redraws of the live line: 1s. */
  refreshMs?: number;
  /** IANA zone for times shown to people; the process's local zone when undefined. */
  timeZone?: string | undefined;
}

interface Waiting {
  reason: string;
  until: Date | undefined;
  since: Date;
  stop: () => void;
}

const CLEAR_LINE = '\r\u001b[2K';

/**
 * How to print for this process: a countdown line and colour on a terminal (NO_COLOR and
 * FORCE_COLOR respected), log sections when GitLab CI (`GITLAB_CI`) or GitHub Actions
 * (`GITHUB_ACTIONS`) runs it.
 */
export function consoleOptionsFor(env: NodeJS.ProcessEnv, stream: { isTTY?: boolean }): ConsoleOptions {
  const tty = stream.isTTY === true;
  return {
    live: tty && env.TERM !== 'dumb',
    color: colorEnabled(env, tty),
    sections: env.GITLAB_CI === 'true' ? 'gitlab' : env.GITHUB_ACTIONS === 'true' ? 'github' : undefined,
  };
}

/** Human progress: the step (i/N), weights, gate verdicts, the commit made, what it waits for. */
export class ConsoleReporter implements Reporter {
  readonly #write: (text: string) => void;
  readonly #writeErr: (text: string) => void;
  readonly #live: boolean;
  readonly #colors: Colors;
  readonly #sections: LogSections | undefined;
  readonly #ticker: Ticker;
  readonly #heartbeatMs: number;
  readonly #refreshMs: number;
  readonly #timeZone: string | undefined;
  #waiting: Waiting | undefined;
  /** The live line is on screen (no line break after it yet). */
  #drawn = false;
  #section: string | undefined;
  #sectionCount = 0;

  /** `new ConsoleReporter(line => …)` prints whole lines only: no live line, no colour, no sections. */
  constructor(options: ConsoleOptions | WriteLine = {}) {
    const given: ConsoleOptions =
      typeof options === 'function' ? { write: (text) => options(text.replace(/\n$/, '')) } : options;
    this.#write = given.write ?? ((text) => process.stdout.write(text));
    this.#writeErr =
      given.writeErr ?? (typeof options === 'function' ? this.#write : (text) => process.stderr.write(text));
    this.#live = given.live ?? false;
    this.#colors = colors(given.color ?? false);
    this.#sections = given.sections;
    this.#ticker = given.ticker ?? systemTicker;
    this.#heartbeatMs = given.heartbeatMs ?? 60_000;
    this.#refreshMs = given.refreshMs ?? 1000;
    this.#timeZone = given.timeZone;
  }

  event(event: ReleaseEvent): void {
    this.#erase();
    // A progress line or a failed notification comes while waiting; anything else means it is over.
    if (event.type !== 'progress' && event.type !== 'notification') this.#stopWaiting();
    this.#sectionFor(event);
    // No terminal escapes or control characters from gate output reach a terminal.
    const line = formatEvent(shownEvent(event), {
      now: this.#ticker.now(),
      timeZone: this.#timeZone,
      colors: this.#colors,
    });
    if (line !== undefined && event.type === 'warning') this.#writeErr(`${maskSecrets(line)}\n`);
    else if (line !== undefined && !(event.type === 'step' && this.#section !== undefined)) this.#line(line);
    if (event.type === 'wait') this.#startWaiting(event.reason, event.until);
    this.#draw();
  }

  /** Clears the live line and closes the open section: the process is about to exit. */
  async flush(): Promise<void> {
    this.#erase();
    this.#stopWaiting();
    this.#closeSection();
  }

  #line(text: string): void {
    this.#write(`${maskSecrets(text)}\n`);
  }

  // --- Sections: one per step, collapsed; a failure is printed outside so it is never hidden ---

  #sectionFor(event: ReleaseEvent): void {
    if (this.#sections === undefined) return;
    switch (event.type) {
      case 'step':
        this.#closeSection();
        this.#openSection(formatEvent(event, { colors: this.#colors }) ?? '');
        return;
      case 'commit':
        // The start (or supersede) commit and its sync get a section of their own; a rollback, an
        // abort or a promotion outside a step stays in sight.
        if (this.#section === undefined && (event.action === 'start' || event.action === 'supersede'))
          this.#openSection(this.#colors.bold(`[${event.index}/${event.total}] ${event.action}`));
        return;
      case 'gate':
        if (event.result.verdict === 'fail') this.#closeSection();
        return;
      case 'release':
      case 'done':
      case 'error':
        this.#closeSection();
        return;
      default:
        return;
    }
  }

  #openSection(header: string): void {
    this.#sectionCount++;
    const name = `gitcanary_${this.#sectionCount}`;
    this.#section = name;
    if (this.#sections === 'gitlab') {
      // GitLab (lib/gitlab/regex.rb, build_trace_section_regex): `section_start:<unix>:<name>[options]\r\e[0K`,
      // names of [a-zA-Z0-9_.-]; `collapsed=true` folds it when the log is loaded.
      this.#line(`\u001b[0Ksection_start:${this.#unix()}:${name}[collapsed=true]\r\u001b[0K${header}`);
    } else {
      this.#line(`::group::${escapeWorkflowData(header)}`);
    }
  }

  #closeSection(): void {
    if (this.#section === undefined) return;
    if (this.#sections === 'gitlab')
      this.#line(`\u001b[0Ksection_end:${this.#unix()}:${this.#section}\r\u001b[0K`);
    else this.#line('::endgroup::');
    this.#section = undefined;
  }

  #unix(): number {
    return Math.floor(this.#ticker.now().getTime() / 1000);
  }

  // --- Waits: a countdown on a terminal, a heartbeat in a log ---

  #startWaiting(reason: string, until: string | undefined): void {
    const tick = this.#live ? () => this.#redraw() : () => this.#heartbeat();
    const stop = this.#ticker.every(this.#live ? this.#refreshMs : this.#heartbeatMs, tick);
    this.#waiting = {
      reason,
      until: until === undefined ? undefined : new Date(until),
      since: this.#ticker.now(),
      stop,
    };
  }

  #stopWaiting(): void {
    this.#waiting?.stop();
    this.#waiting = undefined;
  }

  #heartbeat(): void {
    if (this.#waiting === undefined) return;
    this.#line(this.#colors.dim(`  still waiting: ${this.#countdown(this.#waiting)}`));
  }

  #countdown(waiting: Waiting): string {
    const now = this.#ticker.now();
    const reason = terminalSafe(waiting.reason);
    if (waiting.until === undefined)
      return `${reason} (${humanDuration(now.getTime() - waiting.since.getTime())} so far)`;
    const left = waiting.until.getTime() - now.getTime();
    const when = localTime(waiting.until, now, this.#timeZone);
    // Rounded up: `0s left` would say the wait is over while it is not.
    const shown = humanDuration(Math.ceil(left / 1000) * 1000);
    return left > 0 ? `${reason}, ${shown} left (until ${when})` : `${reason}, due now (${when})`;
  }

  #redraw(): void {
    this.#erase();
    this.#draw();
  }

  #draw(): void {
    if (!this.#live || this.#waiting === undefined || this.#drawn) return;
    this.#write(maskSecrets(`  ${this.#colors.yellow('◷')} ${this.#countdown(this.#waiting)}`));
    this.#drawn = true;
    process.once('exit', this.#eraseOnExit);
  }

  #erase(): void {
    if (!this.#drawn) return;
    this.#write(CLEAR_LINE);
    this.#drawn = false;
    process.off('exit', this.#eraseOnExit);
  }

  /** An exit while the live line is drawn (a crash, process.exit) still leaves the terminal clean. */
  readonly #eraseOnExit = (): void => {
    if (this.#drawn) this.#write(CLEAR_LINE);
  };
}

/** One JSON object per line, each with `type` and `time` (ISO 8601); documented in docs/cli.md. */
export class JsonReporter implements Reporter {
  constructor(
    private readonly write: WriteLine = (line) => process.stdout.write(`${line}\n`),
    private readonly now: () => Date = () => new Date(),
  ) {}

  event(event: ReleaseEvent): void {
    const shown: ReleaseEvent =
      event.type === 'gate' ? { ...event, result: sanitizeGateResult(event.result) } : event;
    this.write(jsonLine(shown, this.now()));
  }
}

/** The event with gate output made safe for a terminal (gate results are sanitised where formatted). */
function shownEvent(event: ReleaseEvent): ReleaseEvent {
  const safe = (text: string) => sanitizeEvidence(text, Number.POSITIVE_INFINITY);
  switch (event.type) {
    case 'progress':
    case 'done':
    case 'warning':
      return { ...event, message: safe(event.message) };
    default:
      return event;
  }
}

/** A `--json` line: `type` first, then `time`, then the fields; secrets masked. */
export function jsonLine(value: { type: string }, now: Date = new Date()): string {
  const { type, ...fields } = value;
  return maskSecrets(JSON.stringify({ type, time: now.toISOString(), ...fields }));
}

export interface FormatOptions {
  /** For relative times (`in 4m 10s`); default: the wall clock. */
  now?: Date;
  timeZone?: string | undefined;
  colors?: Colors;
}

/** The line people read for an event; undefined for events printed elsewhere (errors go to stderr). */
export function formatEvent(event: ReleaseEvent, options: FormatOptions = {}): string | undefined {
  const c = options.colors ?? colors(false);
  switch (event.type) {
    case 'release':
      return `${event.action === 'resume' ? 'resuming' : event.action === 'supersede' ? 'superseding with' : 'starting'} release ${c.bold(event.release)} (${event.releaseId}) → ${event.image}, ${event.steps} steps${event.message ? `: ${event.message}` : ''}`;
    case 'step':
      return c.bold(`[${event.index}/${event.total}] ${event.summary}`);
    case 'commit':
      return `  committed ${c.yellow(event.sha.slice(0, 7))} ${event.subject} (weight ${event.weight}%, ${event.phase}${event.attempts > 1 ? `, pushed after ${event.attempts} attempts` : ''})`;
    case 'wait': {
      const until =
        event.until === undefined
          ? ''
          : `, ${describeUntil(event.until, options.now ?? new Date(), options.timeZone)}`;
      return c.yellow(`  waiting: ${event.reason}${until}`);
    }
    case 'progress':
      return c.dim(`  … ${event.message}`);
    case 'warning':
      return `warning: ${event.field}: ${event.message}`;
    case 'gate': {
      const r = sanitizeGateResult(event.result);
      const value = r.value === undefined ? '' : ` value=${r.value}`;
      const threshold = r.threshold === undefined ? '' : ` threshold ${r.threshold}`;
      const paint = r.verdict === 'pass' ? c.green : r.verdict === 'fail' ? c.red : c.yellow;
      return `  gate ${r.gate} (${r.kind}): ${paint(r.verdict.toUpperCase())}${value}${threshold} — ${r.message}`;
    }
    case 'done': {
      const paint =
        event.outcome === 'rolledBack' || event.outcome === 'aborted' || event.outcome === 'superseded'
          ? c.red
          : event.outcome === 'paused' || event.outcome === 'waiting'
            ? c.yellow
            : c.green;
      return `${paint(event.outcome)}: ${event.message}`;
    }
    case 'pull-request':
      return `  ${event.reference} ${event.action}: ${event.message} ${c.dim(event.url)}`;
    case 'notification':
      return `  notification to ${event.target} (${event.about}) failed: ${event.message}`;
    case 'error':
      return undefined;
  }
}

/** GitHub workflow command data: `%`, CR and LF escaped (actions/toolkit, command.ts escapeData). */
function escapeWorkflowData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
