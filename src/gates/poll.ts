import { type Clock, systemClock } from '../shared/clock.js';
import { maskSecrets } from '../shared/secrets.js';
import { timeoutSignal } from '../shared/timeout.js';
import type { Measurement } from './types.js';

// The polling loop the sync gates share: observe, report changes, stop on a decision, the
// deadline or the caller's abort signal.

/** What one look at the cluster decided: `wait` keeps polling. */
export interface Observation {
  status: 'pass' | 'fail' | 'wait';
  /** Short state for reports and the deadline message, e.g. `OutOfSync Progressing at abc1234`. */
  state: string;
  /** Why it is not passing yet or why it failed; empty when it passed. */
  reason: string;
  /** The server could not be asked (network error, timeout): the deadline message keeps the last real state. */
  unreachable?: boolean;
}

export interface PollOptions {
  deadlineMs: number;
  intervalMs: number;
  signal: AbortSignal;
  /** Called with the observation whenever its state or reason changes. */
  onChange(observation: Observation): void;
  /** Time and sleep between polls (virtual in tests); default the system clock. */
  clock?: Clock | undefined;
}

export interface PollOutcome {
  /** The last observation; when the server was unreachable at the end, the last real state with that error. */
  last: Observation;
  timedOut: boolean;
  aborted: boolean;
  measurements: Measurement[];
}

/** Most measurements a sync gate keeps: one per distinct state, the newest win. */
const MAX_MEASUREMENTS = 50;

/** Polls `observe` until it passes or fails, `deadlineMs` elapses, or `signal` aborts. */
export async function pollUntilDecided(
  observe: (remainingMs: number) => Promise<Observation>,
  options: PollOptions,
): Promise<PollOutcome> {
  const clock = options.clock ?? systemClock;
  const now = (): number => clock.now().getTime();
  const started = now();
  const measurements: Measurement[] = [];
  let last: Observation = { status: 'wait', state: 'not observed yet', reason: '' };
  let lastKey = '';
  let lastReached: Observation | undefined;
  const outcome = (timedOut: boolean, aborted: boolean): PollOutcome => {
    if (last.unreachable !== true || lastReached === undefined)
      return { last, timedOut, aborted, measurements };
    const merged = {
      ...lastReached,
      reason: `${lastReached.reason}; then ${last.reason}`.replace(/^; then /, ''),
    };
    return { last: merged, timedOut, aborted, measurements };
  };
  for (;;) {
    if (options.signal.aborted) return outcome(false, true);
    const remaining = options.deadlineMs - (now() - started);
    last = await observe(Math.max(remaining, 1));
    if (last.unreachable !== true) lastReached = last;
    const key = `${last.status}|${last.state}|${last.reason}`;
    if (key !== lastKey) {
      lastKey = key;
      options.onChange(last);
      measurements.push(measurementOf(last, clock));
      if (measurements.length > MAX_MEASUREMENTS) measurements.splice(0, 1);
    }
    if (last.status !== 'wait') return { last, timedOut: false, aborted: false, measurements };
    const left = options.deadlineMs - (now() - started);
    if (left <= 0) return outcome(true, false);
    try {
      await clock.sleep(Math.min(options.intervalMs, left), options.signal);
    } catch {
      return outcome(false, true);
    }
  }
}

function measurementOf(observation: Observation, clock: Clock): Measurement {
  const verdict = observation.status === 'wait' ? 'inconclusive' : observation.status;
  const message =
    observation.reason === '' ? observation.state : `${observation.state}: ${observation.reason}`;
  return { verdict, value: observation.state, message: maskSecrets(message), at: clock.now().toISOString() };
}

/** Least time one request gets even when the deadline is closer, so the last poll can still answer. */
const MIN_REQUEST_MS = 1000;

/** One request's own time limit: the remaining deadline (at least 1s, at most `capMs`) and the caller's abort. */
export function requestSignal(signal: AbortSignal, remainingMs: number, capMs = 30_000): AbortSignal {
  const limit = Math.min(Math.max(remainingMs, MIN_REQUEST_MS), capMs);
  return timeoutSignal(limit, signal);
}

/** Whether `revision` names `commit`: equal, or one abbreviates the other (7+ hex digits). */
export function sameCommit(revision: string, commit: string): boolean {
  const a = revision.trim().toLowerCase();
  const b = commit.trim().toLowerCase();
  if (a === '' || b === '') return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 7 && /^[0-9a-f]+$/.test(short) && long.startsWith(short);
}

/** The 7-digit form people read in logs. */
export function shortCommit(revision: string | undefined): string {
  if (revision === undefined || revision === '') return '(none)';
  return /^[0-9a-f]{40,64}$/i.test(revision) ? revision.slice(0, 7) : revision;
}

/** `state, reason` — one line for progress and messages. */
export function stateWithReason(observation: Observation): string {
  return observation.reason === '' ? observation.state : `${observation.state}, ${observation.reason}`;
}

/** An error's code and message (`ECONNREFUSED connect ...`), never its stack. */
export function errorText(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}
