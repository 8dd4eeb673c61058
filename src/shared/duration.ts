import { GitcanaryError } from '../errors.js';

// Durations in gate configs are Go-style strings (`30s`, `5m`, `1h30m`, `250ms`) as in Flagger and
// Argo Rollouts, or plain numbers of seconds.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const DURATION_PATTERN = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/;
const PART_PATTERN = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;

/** A duration as written in config: `30s`, `5m`, `1h`, `1m30s`, or a number of seconds. */
export type Duration = string | number;

/** True when `value` is a duration string or a non-negative finite number of seconds. */
export function isDuration(value: unknown): value is Duration {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0;
  return typeof value === 'string' && (DURATION_PATTERN.test(value.trim()) || /^\d+$/.test(value.trim()));
}

/** Milliseconds for a config duration; `field` names the config field in the error. */
export function parseDuration(value: Duration, field: string): number {
  if (!isDuration(value)) {
    throw new GitcanaryError('FIELD_INVALID', `invalid duration ${JSON.stringify(value)}`, {
      field,
      hint: 'use a number of seconds or a string like 30s, 5m, 1h30m, 500ms',
    });
  }
  if (typeof value === 'number') return Math.round(value * 1000);
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART_PATTERN)) {
    total += Number(amount) * (UNIT_MS[unit ?? 's'] ?? 0);
  }
  return Math.round(total);
}

/** Prometheus range-vector form of a duration (`1m`, `30s`, `90s`), for `{{interval}}` in queries. */
export function formatPromDuration(ms: number): string {
  if (ms % 3_600_000 === 0 && ms > 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0 && ms > 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
