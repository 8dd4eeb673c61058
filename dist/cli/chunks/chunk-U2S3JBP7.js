import { createRequire as __gitcanaryCreateRequire } from 'node:module';
const require = __gitcanaryCreateRequire(import.meta.url);
import {
  systemClock
} from "./chunk-DDVRK4SU.js";
import {
  timeoutSignal
} from "./chunk-5YYKMCEQ.js";
import {
  maskSecrets
} from "./chunk-K7FAASV6.js";

// src/gates/poll.ts
var MAX_MEASUREMENTS = 50;
async function pollUntilDecided(observe, options) {
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  const started = now();
  const measurements = [];
  let last = { status: "wait", state: "not observed yet", reason: "" };
  let lastKey = "";
  let lastReached;
  const outcome = (timedOut, aborted) => {
    if (last.unreachable !== true || lastReached === void 0)
      return { last, timedOut, aborted, measurements };
    const merged = {
      ...lastReached,
      reason: `${lastReached.reason}; then ${last.reason}`.replace(/^; then /, "")
    };
    return { last: merged, timedOut, aborted, measurements };
  };
  for (; ; ) {
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
    if (last.status !== "wait") return { last, timedOut: false, aborted: false, measurements };
    const left = options.deadlineMs - (now() - started);
    if (left <= 0) return outcome(true, false);
    try {
      await clock.sleep(Math.min(options.intervalMs, left), options.signal);
    } catch {
      return outcome(false, true);
    }
  }
}
function measurementOf(observation, clock) {
  const verdict = observation.status === "wait" ? "inconclusive" : observation.status;
  const message = observation.reason === "" ? observation.state : `${observation.state}: ${observation.reason}`;
  return { verdict, value: observation.state, message: maskSecrets(message), at: clock.now().toISOString() };
}
var MIN_REQUEST_MS = 1e3;
function requestSignal(signal, remainingMs, capMs = 3e4) {
  const limit = Math.min(Math.max(remainingMs, MIN_REQUEST_MS), capMs);
  return timeoutSignal(limit, signal);
}
function sameCommit(revision, commit) {
  const a = revision.trim().toLowerCase();
  const b = commit.trim().toLowerCase();
  if (a === "" || b === "") return false;
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 7 && /^[0-9a-f]+$/.test(short) && long.startsWith(short);
}
function shortCommit(revision) {
  if (revision === void 0 || revision === "") return "(none)";
  return /^[0-9a-f]{40,64}$/i.test(revision) ? revision.slice(0, 7) : revision;
}
function stateWithReason(observation) {
  return observation.reason === "" ? observation.state : `${observation.state}, ${observation.reason}`;
}
function errorText(error) {
  if (error instanceof Error) {
    const code = error.code;
    return typeof code === "string" ? `${code} ${error.message}` : error.message;
  }
  return String(error);
}

export {
  pollUntilDecided,
  requestSignal,
  sameCommit,
  shortCommit,
  stateWithReason,
  errorText
};
