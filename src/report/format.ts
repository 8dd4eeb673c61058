import pc from 'picocolors';

// How people see times, durations and colour. Pure: the clock, the time zone and whether colour
// is wanted are arguments, so tests render with fixed values and machines get ISO in JSON.

/** `42s`, `4m 10s`, `2h 5m`, `3d 4h`: at most two units, rounded down to the second. */
export function humanDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const units: [number, string][] = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor(seconds / 3600) % 24, 'h'],
    [Math.floor(seconds / 60) % 60, 'm'],
    [seconds % 60, 's'],
  ];
  const first = units.findIndex(([value]) => value > 0);
  if (first < 0) return '0s';
  const [value, unit] = units[first]!;
  const next = units[first + 1];
  return next === undefined || next[0] === 0 ? `${value}${unit}` : `${value}${unit} ${next[0]}${next[1]}`;
}

/** `in 4m 10s`, `4m 10s ago`, `now`: a moment relative to `now`. */
export function relativeTime(at: Date | string, now: Date): string {
  const ms = new Date(at).getTime() - now.getTime();
  if (Math.abs(ms) < 1000) return 'now';
  // A countdown never says `in 0s` while there is time left: round what is left up to the second.
  return ms > 0 ? `in ${humanDuration(Math.ceil(ms / 1000) * 1000)}` : `${humanDuration(-ms)} ago`;
}

/**
 * A moment in the local zone (or `timeZone`): `14:05:12 CET` on the day of `now`, `3 Dec 14:05:12 CET`
 * on another day. British English keeps a 24-hour clock and the zone's usual abbreviation.
 */
export function localTime(at: Date | string, now: Date, timeZone?: string): string {
  const date = new Date(at);
  const zone = timeZone === undefined ? {} : { timeZone };
  const time = new Intl.DateTimeFormat('en-GB', {
    ...zone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).format(date);
  const day = new Intl.DateTimeFormat('en-GB', { ...zone, day: 'numeric', month: 'short', year: 'numeric' });
  if (day.format(date) === day.format(now)) return time;
  const sameYear = date.getUTCFullYear() === now.getUTCFullYear();
  const short = new Intl.DateTimeFormat('en-GB', {
    ...zone,
    day: 'numeric',
    month: 'short',
    ...(sameYear ? {} : { year: 'numeric' }),
  });
  return `${short.format(date)} ${time}`;
}

/** `until 14:05:12 CET (in 4m 10s)`: when a wait ends, for people. */
export function describeUntil(until: Date | string, now: Date, timeZone?: string): string {
  return `until ${localTime(until, now, timeZone)} (${relativeTime(until, now)})`;
}

/**
 * Whether to colour output, by the conventions of force-color.org and no-color.org as Node applies
 * them (`tty.WriteStream#hasColors`): FORCE_COLOR wins (`0`/`false` turn colour off), then a
 * non-empty NO_COLOR turns it off, else colour on a terminal that is not `dumb`.
 */
export function colorEnabled(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force.toLowerCase() !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return isTTY && env.TERM !== 'dumb';
}

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * picocolors' functions, switched on or off by the caller (colorEnabled decides for a process).
 * Not node:util styleText: it is missing before Node 20.12, and whether it checks the stream and
 * NO_COLOR/FORCE_COLOR itself (`validateStream`) depends on the patch release; text rendered into
 * a string for a given terminal (status, tests) needs the switch in our hands.
 */
export function colors(enabled: boolean): Colors {
  return pc.createColors(enabled);
}

/** Characters that make a terminal do something: escape sequences and control characters but tab. */
const TERMINAL_CONTROL = /\u001b\[[0-?]*[ -/]*[@-~]|[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/g;

/** The length a terminal shows: escape sequences take no room. */
export function visibleLength(text: string): number {
  return [...text.replace(TERMINAL_CONTROL, '')].length;
}

/** Pads `text` (which may hold colour codes) to `width` visible characters. */
export function padVisible(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

/** One line for a terminal: escape sequences and control characters from gate output removed. */
export function terminalSafe(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').replace(TERMINAL_CONTROL, '');
}
