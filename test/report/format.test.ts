import { describe, expect, it } from 'vitest';
import { humanDuration, localTime, relativeTime } from '../../src/report/index.js';

// Times and durations for people: two units at most, the local zone, relative to a fixed now.

describe('times for people', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [42_000, '42s'],
    [60_000, '1m'],
    [250_000, '4m 10s'],
    [3_600_000, '1h'],
    [7_500_000, '2h 5m'],
    [7_530_000, '2h 5m'],
    [360_000_000, '4d 4h'],
    [-5_000, '0s'],
  ])('%i ms reads %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });

  it('says how far a moment is from now, rounding a wait up so it never reads "in 0s"', () => {
    const now = new Date('2026-03-02T12:00:00.000Z');
    expect(relativeTime('2026-03-02T12:04:10.000Z', now)).toBe('in 4m 10s');
    expect(relativeTime('2026-03-02T12:00:01.200Z', now)).toBe('in 2s');
    expect(relativeTime('2026-03-02T11:58:00.000Z', now)).toBe('2m ago');
    expect(relativeTime('2026-03-02T12:00:00.400Z', now)).toBe('now');
  });

  it('shows a moment in the zone asked for, with the day when it is not today there', () => {
    const now = new Date('2026-03-02T22:30:00.000Z'); // 23:30 in Berlin, 07:30 next day in Tokyo
    expect(localTime('2026-03-02T22:45:00.000Z', now, 'Europe/Berlin')).toBe('23:45:00 CET');
    expect(localTime('2026-03-02T23:15:00.000Z', now, 'Europe/Berlin')).toBe('3 Mar 00:15:00 CET');
    expect(localTime('2026-03-02T22:45:00.000Z', now, 'Asia/Tokyo')).toBe('07:45:00 GMT+9');
    expect(localTime('2025-12-31T12:00:00.000Z', now, 'UTC')).toBe('31 Dec 2025 12:00:00 UTC');
    expect(localTime('2026-07-01T12:00:00.000Z', now, 'Europe/Berlin')).toBe('1 Jul 14:00:00 CEST');
  });
});
