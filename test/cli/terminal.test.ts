import { describe, expect, it } from 'vitest';
import { CLI, runInTerminal } from '../support/cli.js';
import { CANARY_IMAGE, createGitOps, demoConfig } from '../support/gitops.js';

// What a person's terminal receives from `gitcanary run`: the CLI in a pseudo-terminal (util-linux
// `script`), a real pause on the wall clock.

const CLEAR = '\r\u001b[2K';

describe('gitcanary run in a terminal', () => {
  it('counts a pause down on one line, rewritten in place and cleared when the pause ends', async ({
    onTestFinished,
  }) => {
    const ops = createGitOps(
      demoConfig({
        steps: '    - setWeight: 10\n    - pause: { duration: 4s }\n    - setWeight: 20\n    - promote: {}\n',
      }),
    );
    onTestFinished(() => ops.dispose());

    const run = await runInTerminal(
      [process.execPath, ...CLI, 'run', '--image', CANARY_IMAGE, '--config', ops.config],
      { NO_COLOR: '1', TZ: 'UTC', TERM: 'xterm-256color' },
    );

    expect(run.code).toBe(0);
    // The terminal turns each line break into CR LF (onlcr).
    const screen = run.stdout.replace(/\r\n/g, '\n');
    const countdown = [...screen.matchAll(/ {2}◷ pause 4s, (\d)s left \(until \d\d:\d\d:\d\d UTC\)/g)];
    // Drawn when the wait starts, then again every second: at least twice in four seconds.
    expect(countdown.length).toBeGreaterThanOrEqual(2);
    // Never ended by a line break: each drawing is cleared before anything else is written.
    for (const match of countdown)
      expect(screen.slice(match.index + match[0].length).startsWith(CLEAR)).toBe(true);
    const seconds = countdown.map((match) => Number(match[1]));
    expect(seconds).toEqual([...seconds].sort((a, b) => b - a));
    // After the pause, the next step's line starts on the cleared line.
    expect(screen).toMatch(/\r\u001b\[2K\[3\/5\] setWeight 20\n/);
    expect(screen).toContain(`promoted: ${CANARY_IMAGE} promoted\n`);
    // NO_COLOR: the only escape sequences are the line clears.
    expect(screen.replaceAll(CLEAR, '')).not.toContain('\u001b');
  });

  it('colours a terminal unless NO_COLOR is set', async ({ onTestFinished }) => {
    const ops = createGitOps(demoConfig({ steps: '    - setWeight: 10\n    - promote: {}\n' }));
    onTestFinished(() => ops.dispose());

    const status = await runInTerminal([process.execPath, ...CLI, 'status', '--config', ops.config], {
      TERM: 'xterm-256color',
    });

    expect(status.code).toBe(0);
    expect(status.stdout).toContain('Status:          \u001b[2m•\u001b[22m None');
  });
});
