import { rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReleaseStatus } from '../engine/status.js';
import { GitcanaryError } from '../errors.js';
import { dotenvText, type ReleaseFacts } from './dotenv.js';
import type { ReleaseEvent, Reporter } from './events.js';
import { gateCases, type JunitCase, junitXml } from './junit.js';
import { recordedVerdicts } from './status.js';

// `--dotenv` and `--junit` on every release command: a Reporter that folds the command's events
// (and where the release stands, read from Git when the command ends) into the two files. They are
// written when the command ends, also when it failed: the dotenv file whenever the release's state
// is known, the JUnit report always (a command that failed is a failing test case of its own).

export interface ReportFilesOptions {
  /** `run`, `step`, `status`, … */
  command: string;
  dotenv?: string | undefined;
  junit?: string | undefined;
  now?: () => Date;
}

interface Place {
  suite: string;
  since: Date;
}

export class ReportFiles implements Reporter {
  readonly #options: ReportFilesOptions;
  readonly #now: () => Date;
  #release: string | undefined;
  #facts: ReleaseFacts = {};
  #known = false;
  readonly #cases: JunitCase[] = [];
  #place: Place | undefined;
  #ended: { outcome: string; exitCode: number; message: string } | undefined;
  #error: { message: string; text: string } | undefined;

  constructor(options: ReportFilesOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  /** True when a file was asked for. */
  get wanted(): boolean {
    return this.#options.dotenv !== undefined || this.#options.junit !== undefined;
  }

  event(event: ReleaseEvent): void {
    switch (event.type) {
      case 'release':
        this.#release = event.release;
        this.#facts = { ...this.#facts, releaseId: event.releaseId, image: event.image, steps: event.steps };
        this.#known = true;
        return;
      case 'step':
        this.#place = {
          suite: this.#suite(`[${event.index}/${event.total}] ${event.summary}`),
          since: this.#now(),
        };
        return;
      case 'commit':
        this.#facts = {
          ...this.#facts,
          commit: event.sha,
          step: event.index,
          steps: event.total,
          phase: event.phase,
          weight: event.weight,
        };
        this.#known = true;
        // Gates right after a commit are its sync: they go with the commit.
        this.#place = {
          suite: this.#suite(`[${event.index}/${event.total}] ${event.action}`),
          since: this.#now(),
        };
        return;
      case 'gate': {
        const place = this.#place ?? { suite: this.#suite('gates'), since: this.#now() };
        const time = (this.#now().getTime() - place.since.getTime()) / 1000;
        this.#cases.push(
          ...gateCases(event.result, {
            suite: place.suite,
            classname: this.#classname(),
            time,
            timestamp: place.since.toISOString(),
          }),
        );
        return;
      }
      case 'done':
        this.#ended = { outcome: event.outcome, exitCode: event.exitCode, message: event.message };
        this.#facts = { ...this.#facts, outcome: event.outcome };
        return;
      case 'error':
        this.#error = {
          message: `${event.code}: ${event.message}`,
          text: [
            event.message,
            ...(event.file === undefined
              ? []
              : [[event.file, event.line, event.column].filter((p) => p !== undefined).join(':')]),
            ...[event.resource, event.field].filter((p) => p !== undefined),
            ...(event.hint === undefined ? [] : [`hint: ${event.hint}`]),
          ].join('\n'),
        };
        this.#facts = { ...this.#facts, outcome: 'error' };
        return;
      default:
        return;
    }
  }

  /**
   * Where the release stands, read from Git as the command ends: it is what the dotenv file says.
   * `verdicts`: also every gate verdict its commits record, as test cases (`status --junit`).
   */
  observe(status: ReleaseStatus, options: { verdicts?: boolean } = {}): void {
    this.#release = status.release;
    this.#known = true;
    this.#facts = {
      ...this.#facts,
      phase: status.phase,
      step: status.step,
      steps: status.total,
      weight: status.weight,
      commit: status.lastCommit?.sha,
      image: status.image,
      releaseId: status.releaseId,
    };
    if (!options.verdicts) return;
    for (const { gate, commit, step } of recordedVerdicts(status)) {
      const index = step?.index ?? commit.step;
      const summary = step?.summary ?? commit.action;
      this.#cases.push(
        ...gateCases(gate, {
          suite: this.#suite(`[${index}/${status.total}] ${summary}`),
          classname: this.#classname(),
          timestamp: commit.time,
        }),
      );
    }
  }

  /** Writes the files asked for; `exitCode` is the command's. */
  async write(exitCode: number): Promise<void> {
    const { dotenv, junit } = this.#options;
    if (dotenv !== undefined && this.#known) await writeAtomically(dotenv, dotenvText(this.#facts));
    if (junit !== undefined) {
      const name = `gitcanary ${this.#release ?? this.#options.command}`;
      await writeAtomically(junit, junitXml(name, [...this.#cases, this.#outcomeCase(exitCode)]));
    }
  }

  /** The command itself as a test case: passed when it exits 0 or 3 (waiting), else why not. */
  #outcomeCase(exitCode: number): JunitCase {
    const where = {
      suite: this.#suite('outcome'),
      classname: this.#classname(),
      name: `gitcanary ${this.#options.command}`,
      timestamp: this.#now().toISOString(),
    };
    if (this.#error !== undefined) return { ...where, result: { kind: 'error', ...this.#error } };
    const said =
      this.#ended === undefined ? `exit ${exitCode}` : `${this.#ended.outcome}: ${this.#ended.message}`;
    if (exitCode === 0 || exitCode === 3) return { ...where, result: { kind: 'passed' }, output: said };
    const failed = this.#cases.filter((c) => c.result.kind === 'failure').map((c) => `${c.suite}: ${c.name}`);
    return {
      ...where,
      result: { kind: 'failure', message: said, text: [said, ...failed].join('\n') },
    };
  }

  #suite(what: string): string {
    return `${this.#release ?? 'release'} ${what}`;
  }

  #classname(): string {
    return `gitcanary.${this.#release ?? 'release'}`;
  }
}

/**
 * Refuses, before anything runs, a report path whose folder does not exist or that names a folder:
 * bad input changes nothing.
 */
export async function checkReportPath(file: string, option: string): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const folder = await stat(dir).catch(() => undefined);
  if (!folder?.isDirectory())
    throw new GitcanaryError('USAGE', `${file}: the folder ${dir} does not exist`, {
      field: option,
      hint: 'create the folder first, or write the report into an existing one',
    });
  const target = await stat(file).catch(() => undefined);
  if (target?.isDirectory())
    throw new GitcanaryError('USAGE', `${option} ${file} is a folder`, {
      field: option,
      hint: 'name a file',
    });
}

/** A reader (GitLab's artifact upload) never sees half a file. */
async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
