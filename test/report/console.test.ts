import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/gates/types.js';
import {
  type ConsoleOptions,
  ConsoleReporter,
  consoleOptionsFor,
  type ReleaseEvent,
  registerSecret,
} from '../../src/report/index.js';
import { VirtualTicker } from '../support/virtual-ticker.js';

// The console under virtual time: what a person sees on a terminal (a countdown line rewritten in
// place), in a CI log (a heartbeat line), and in GitLab / GitHub log sections.

const START = new Date('2026-03-02T13:00:00Z'); // 14:00:00 CET
const CLEAR = '\r\u001b[2K';

function watch(options: ConsoleOptions = {}) {
  const out: string[] = [];
  const ticker = new VirtualTicker(START);
  const reporter = new ConsoleReporter({
    write: (text) => out.push(text),
    ticker,
    timeZone: 'Europe/Berlin',
    ...options,
  });
  const send = (...events: ReleaseEvent[]) => {
    for (const event of events) reporter.event(event);
  };
  return { out, ticker, reporter, send, text: () => out.join('') };
}

const at = (ms: number) => new Date(START.getTime() + ms).toISOString();

function gate(verdict: GateResult['verdict'], message = 'exit 0'): ReleaseEvent {
  return {
    type: 'gate',
    result: {
      gate: 'smoke',
      kind: 'command',
      verdict,
      value: 0,
      threshold: 'exit 0',
      message,
      measurements: [],
    },
  };
}

const commit = (index: number, action: string, weight: number): ReleaseEvent => ({
  type: 'commit',
  sha: `${index}`.repeat(40),
  index,
  total: 4,
  action,
  phase: action === 'rollback' ? 'Failed' : 'Progressing',
  weight,
  attempts: 1,
  subject: `gitcanary(podinfo): ${action} [${index}/4]`,
});

describe('the console while a release waits', () => {
  it('rewrites one countdown line every second on a terminal and clears it when the wait ends', () => {
    const { out, ticker, send } = watch({ live: true });
    send(
      { type: 'step', index: 2, total: 4, summary: 'pause 10m' },
      { type: 'wait', reason: 'pause 10m', until: at(600_000) },
    );
    ticker.advance(2_000);
    send({ type: 'step', index: 3, total: 4, summary: 'setWeight 50' });

    expect(out).toEqual([
      '[2/4] pause 10m\n',
      '  waiting: pause 10m, until 14:10:00 CET (in 10m)\n',
      '  ◷ pause 10m, 10m left (until 14:10:00 CET)',
      CLEAR,
      '  ◷ pause 10m, 9m 59s left (until 14:10:00 CET)',
      CLEAR,
      '  ◷ pause 10m, 9m 58s left (until 14:10:00 CET)',
      CLEAR,
      '[3/4] setWeight 50\n',
    ]);
    expect(ticker.active).toBe(0);
  });

  it('prints a progress line above the countdown and draws the countdown again below it', () => {
    const { out, ticker, send } = watch({ live: true });
    send({ type: 'wait', reason: 'confirmation webhooks at step 3', until: at(60_000) });
    ticker.advance(1_000);
    send({ type: 'progress', message: 'gate approve #1: HTTP 403' });

    expect(out.slice(-3)).toEqual([
      CLEAR,
      '  … gate approve #1: HTTP 403\n',
      '  ◷ confirmation webhooks at step 3, 59s left (until 14:01:00 CET)',
    ]);
    expect(ticker.active).toBe(1);
  });

  it('clears the countdown line when the process ends during a wait (flush)', async () => {
    const { text, ticker, reporter, send } = watch({ live: true });
    send({ type: 'wait', reason: 'pause 1h', until: at(3_600_000) });
    ticker.advance(1_000);
    await reporter.flush();

    expect(text().endsWith(`  ◷ pause 1h, 59m 59s left (until 15:00:00 CET)${CLEAR}`)).toBe(true);
    expect(ticker.active).toBe(0);
  });

  it('prints a heartbeat line every minute in a CI log and never rewrites a line', () => {
    const { out, ticker, send } = watch({ live: false });
    send({ type: 'wait', reason: 'pause 10m', until: at(600_000) });
    ticker.advance(150_000);
    send({ type: 'step', index: 3, total: 4, summary: 'setWeight 50' });
    ticker.advance(600_000);

    expect(out).toEqual([
      '  waiting: pause 10m, until 14:10:00 CET (in 10m)\n',
      '  still waiting: pause 10m, 9m left (until 14:10:00 CET)\n',
      '  still waiting: pause 10m, 8m left (until 14:10:00 CET)\n',
      '[3/4] setWeight 50\n',
    ]);
    expect(out.join('')).not.toContain('\r');
  });

  it('counts how long a wait without an end has lasted', () => {
    const { out, ticker, send } = watch({ live: false, heartbeatMs: 30_000 });
    send({ type: 'wait', reason: 'reconciler delay 90000ms' });
    ticker.advance(65_000);

    expect(out).toEqual([
      '  waiting: reconciler delay 90000ms\n',
      '  still waiting: reconciler delay 90000ms (30s so far)\n',
      '  still waiting: reconciler delay 90000ms (1m so far)\n',
    ]);
  });

  it('says a wait is due once its end has passed', () => {
    const { out, ticker, send } = watch({ live: false });
    send({ type: 'wait', reason: 'pause 30s', until: at(30_000) });
    ticker.advance(60_000);

    expect(out.at(-1)).toBe('  still waiting: pause 30s, due now (14:00:30 CET)\n');
  });

  it('masks secrets in the countdown line', () => {
    registerSecret('s3cr3t-in-a-reason');
    const { text, send } = watch({ live: true });
    send({ type: 'wait', reason: 'webhook https://hooks.example/s3cr3t-in-a-reason', until: at(10_000) });

    expect(text()).not.toContain('s3cr3t-in-a-reason');
    expect(text()).toContain('https://hooks.example/[secure]');
  });
});

// GitLab's own pattern for section markers (lib/gitlab/regex.rb: logs_section_prefix_regex,
// logs_section_options_regex, logs_section_suffix_regex).
const GITLAB_SECTION =
  /section_((?:start)|(?:end)):(\d+):([a-zA-Z0-9_.-]+)(\[(?:\w+=\w+)(?:, ?(?:\w+=\w+))*\])?\r\u001b\[0K/;

/** The markers in order, and the lines printed while no section is open. */
function sections(text: string) {
  const open: string[] = [];
  const markers: string[] = [];
  const outside: string[] = [];
  for (const line of text.split('\n')) {
    const match = GITLAB_SECTION.exec(line);
    if (match) {
      const [, kind, , name] = match;
      markers.push(`${kind} ${name}`);
      if (kind === 'start') open.push(name!);
      else expect(open.pop()).toBe(name);
      continue;
    }
    if (open.length === 0 && line !== '') outside.push(line);
  }
  expect(open).toEqual([]);
  return { markers, outside };
}

describe('the console in CI logs', () => {
  const release: ReleaseEvent[] = [
    {
      type: 'release',
      action: 'start',
      release: 'podinfo',
      releaseId: 'abc',
      image: 'podinfo:6.1.0',
      steps: 4,
    },
    commit(0, 'start', 0),
    { type: 'step', index: 1, total: 4, summary: 'setWeight 10' },
    commit(1, 'step', 10),
    { type: 'step', index: 2, total: 4, summary: 'analysis smoke' },
    gate('pass'),
    { type: 'step', index: 3, total: 4, summary: 'analysis smoke' },
    gate('fail', 'exit 1'),
    commit(1, 'rollback', 0),
    { type: 'done', outcome: 'rolledBack', exitCode: 1, message: 'gate failed at step 3/4' },
  ];

  it('puts each step in a collapsed GitLab section, and a failure outside of them', () => {
    const { text, ticker, send } = watch({ sections: 'gitlab' });
    for (const event of release) {
      send(event);
      ticker.advance(1_000);
    }

    const unix = START.getTime() / 1000;
    expect(text()).toContain(
      `\u001b[0Ksection_start:${unix + 1}:gitcanary_1[collapsed=true]\r\u001b[0K[0/4] start\n`,
    );
    expect(text()).toContain(
      `\u001b[0Ksection_start:${unix + 2}:gitcanary_2[collapsed=true]\r\u001b[0K[1/4] setWeight 10\n`,
    );
    expect(text()).toContain(`\u001b[0Ksection_end:${unix + 2}:gitcanary_1\r\u001b[0K\n`);
    const { markers, outside } = sections(text());
    expect(markers).toEqual([
      'start gitcanary_1',
      'end gitcanary_1',
      'start gitcanary_2',
      'end gitcanary_2',
      'start gitcanary_3',
      'end gitcanary_3',
      'start gitcanary_4',
      'end gitcanary_4',
    ]);
    expect(outside).toEqual([
      'starting release podinfo (abc) → podinfo:6.1.0, 4 steps',
      '  gate smoke (command): FAIL value=0 threshold exit 0 — exit 1',
      `  committed 1111111 gitcanary(podinfo): rollback [1/4] (weight 0%, Failed)`,
      'rolledBack: gate failed at step 3/4',
    ]);
  });

  it('puts each step in a GitHub log group, its title escaped as a workflow command', () => {
    const { out, send } = watch({ sections: 'github' });
    send(
      { type: 'step', index: 1, total: 2, summary: 'setWeight 10' },
      commit(1, 'step', 10),
      { type: 'step', index: 2, total: 2, summary: 'analysis 100%\nfake' },
      gate('pass'),
      { type: 'done', outcome: 'promoted', exitCode: 0, message: 'promoted' },
    );

    expect(out).toEqual([
      '::group::[1/2] setWeight 10\n',
      `  committed 1111111 gitcanary(podinfo): step [1/4] (weight 10%, Progressing)\n`,
      '::endgroup::\n',
      '::group::[2/2] analysis 100%25%0Afake\n',
      '  gate smoke (command): PASS value=0 threshold exit 0 — exit 0\n',
      '::endgroup::\n',
      'promoted: promoted\n',
    ]);
  });

  it('closes the open section when the process ends in the middle of a step', async () => {
    const { out, reporter, send } = watch({ sections: 'github' });
    send({ type: 'step', index: 1, total: 2, summary: 'analysis smoke' });
    await reporter.flush();

    expect(out).toEqual(['::group::[1/2] analysis smoke\n', '::endgroup::\n']);
  });
});

describe('colour', () => {
  it('colours verdicts, outcomes and the countdown when asked, and nothing otherwise', () => {
    const coloured = watch({ color: true, live: true });
    const plain = watch({ color: false, live: true });
    for (const { send } of [coloured, plain])
      send(gate('fail', 'exit 1'), { type: 'wait', reason: 'pause 1m', until: at(60_000) });

    expect(coloured.text()).toContain('\u001b[31mFAIL\u001b[39m');
    expect(coloured.text()).toContain('\u001b[33m◷\u001b[39m');
    expect(plain.text().replace(/\r\u001b\[2K/g, '')).not.toMatch(/\u001b/);
  });

  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ TERM: 'dumb' }, true, false],
    [{ NO_COLOR: '1' }, true, false],
    [{ NO_COLOR: '' }, true, true],
    [{ FORCE_COLOR: '1' }, false, true],
    [{ FORCE_COLOR: '' }, false, true],
    [{ FORCE_COLOR: '0' }, true, false],
    [{ FORCE_COLOR: 'false' }, true, false],
    [{ FORCE_COLOR: '1', NO_COLOR: '1' }, false, true],
  ] as const)('with %o on a terminal: %s, colours: %s', (env, isTTY, expected) => {
    expect(consoleOptionsFor(env, { isTTY }).color).toBe(expected);
  });

  it('rewrites a line only on a terminal, and opens sections only under GitLab CI or GitHub Actions', () => {
    expect(consoleOptionsFor({}, { isTTY: true })).toMatchObject({ live: true, sections: undefined });
    expect(consoleOptionsFor({ TERM: 'dumb' }, { isTTY: true }).live).toBe(false);
    expect(consoleOptionsFor({ GITLAB_CI: 'true' }, {})).toMatchObject({ live: false, sections: 'gitlab' });
    expect(consoleOptionsFor({ GITHUB_ACTIONS: 'true' }, {})).toMatchObject({ sections: 'github' });
    expect(consoleOptionsFor({ CI: 'true' }, {}).sections).toBeUndefined();
  });
});
