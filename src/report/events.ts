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
      phase: Phase;
      weight: number;
      attempts: number;
      subject: string;
    }
  | { type: 'wait'; reason: string; until?: string | undefined }
  | { type: 'progress'; message: string }
  /** Not wrong enough to refuse (an unset tokenEnv, weights going down, an image from elsewhere). */
  | { type: 'warning'; field: string; message: string }
  | { type: 'gate'; result: GateResult }
  | { type: 'done'; outcome: Outcome; exitCode: number; message: string };

export type Outcome = 'promoted' | 'stepped' | 'waiting' | 'paused' | 'rolledBack' | 'aborted' | 'noop';

export interface Reporter {
  event(event: ReleaseEvent): void;
}

/** Collects events (tests, summaries) and forwards them. */
export class EventLog implements Reporter {
  readonly events: ReleaseEvent[] = [];
  constructor(private readonly next?: Reporter) {}
  event(event: ReleaseEvent): void {
    this.events.push(event);
    this.next?.event(event);
  }
}
