import type { ErrorPlace } from '../errors.js';
import type { GateResult } from '../gates/types.js';
import type { Phase } from '../targets/types.js';

// Everything a release does is an event; the console printer is for people, `--json` prints one
// JSON object per line for machines, and both go through the secret mask.

export type ReleaseEvent =
  | {
      type: 'release';
      action: 'start' | 'supersede' | 'resume';
      release: string;
      releaseId: string;
      image: string;
      steps: number;
      message?: string;
    }
  | { type: 'step'; index: number; total: number; summary: string }
  | {
      type: 'commit';
      sha: string;
      index: number;
      total: number;
      action: string;
      /** `Promoting`: the primary runs the candidate while traffic moves back to it (Flagger's shape). */
      phase: Phase | 'Promoting';
      weight: number;
      attempts: number;
      subject: string;
    }
  | { type: 'wait'; reason: string; until?: string | undefined }
  | { type: 'progress'; message: string }
  /** Not wrong enough to refuse (an unset tokenEnv, weights going down, an image from elsewhere). */
  | { type: 'warning'; field: string; message: string }
  | { type: 'gate'; result: GateResult }
  | { type: 'done'; outcome: Outcome; exitCode: number; message: string }
  /** Pull-request promotion: the step's pull or merge request, and what became of it. */
  | {
      type: 'pull-request';
      action: 'opened' | 'waiting' | 'approved' | 'aborted' | 'refused';
      /** `pull request #3`, `merge request !3`. */
      reference: string;
      url: string;
      /** The step whose commit it carries. */
      index: number;
      message: string;
    }
  /** A notification or event webhook that could not be delivered; the release goes on. */
  | { type: 'notification'; target: string; about: string; delivered: false; message: string }
  /** The command failed: bad input (exit 2), git or network (exit 4), interrupted (exit 130). */
  | ({
      type: 'error';
      code: string;
      message: string;
      hint?: string | undefined;
      exitCode: number;
    } & ErrorPlace);

/** Every `type` a `--json` line can have: the events above and the answers of status, plan and validate. */
export const JSON_LINE_TYPES = [
  'release',
  'step',
  'commit',
  'wait',
  'progress',
  'warning',
  'gate',
  'done',
  'notification',
  'pull-request',
  'error',
  'status',
  'plan',
  'validation',
] as const satisfies readonly (ReleaseEvent['type'] | 'status' | 'plan' | 'validation')[];

export type Outcome =
  | 'promoted'
  | 'stepped'
  | 'waiting'
  | 'paused'
  | 'rolledBack'
  | 'aborted'
  /** A newer image (another process's `run`/`step --image`) replaced the release this process drove. */
  | 'superseded'
  | 'noop';

export interface Reporter {
  event(event: ReleaseEvent): void;
  /** Waits for what the reporter still sends (notifications) before the process exits. */
  flush?(): Promise<void>;
}

/** Collects events (tests, summaries) and forwards them. */
export class EventLog implements Reporter {
  readonly events: ReleaseEvent[] = [];
  constructor(private readonly next?: Reporter) {}
  event(event: ReleaseEvent): void {
    this.events.push(event);
    this.next?.event(event);
  }
  async flush(): Promise<void> {
    await this.next?.flush?.();
  }
}

type UnlistedEventType = Exclude<ReleaseEvent['type'], (typeof JSON_LINE_TYPES)[number]>;
/** Compiles only while every event type is listed in JSON_LINE_TYPES (and so checked against docs/cli.md). */
export const EVERY_EVENT_TYPE_LISTED: [UnlistedEventType] extends [never] ? true : never = true;

/** Sends every event to each reporter, in order; flush waits for all. */
export function teeReporter(...reporters: Reporter[]): Reporter {
  return {
    event(event) {
      for (const reporter of reporters) reporter.event(event);
    },
    async flush() {
      for (const reporter of reporters) await reporter.flush?.();
    },
  };
}
