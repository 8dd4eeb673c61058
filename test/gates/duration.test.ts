import { describe, expect, it } from 'vitest';
import { formatPromDuration, parseDuration } from '../../src/gates/duration.js';

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['250ms', 250],
    ['1.5s', 1500],
    ['45', 45_000],
    [0.05, 50],
    [60, 60_000],
  ] as const)('%j is %d ms', (value, ms) => {
    expect(parseDuration(value, 'interval')).toBe(ms);
  });

  it.each(['', '5 minutes', '1d', '-1s', 'm5', '1s2'])('rejects %j with the field', (value) => {
    expect(() => parseDuration(value, 'prometheus.interval')).toThrow(
      expect.objectContaining({ code: 'FIELD_INVALID', place: { field: 'prometheus.interval' } }),
    );
  });

  it('rejects negative and non-finite numbers', () => {
    expect(() => parseDuration(-1, 'timeout')).toThrow(/invalid duration/);
    expect(() => parseDuration(Number.POSITIVE_INFINITY, 'timeout')).toThrow(/invalid duration/);
  });
});

describe('formatPromDuration', () => {
  it.each([
    [60_000, '1m'],
    [3_600_000, '1h'],
    [90_000, '90s'],
    [30_000, '30s'],
    [250, '250ms'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatPromDuration(ms)).toBe(text);
  });
});
