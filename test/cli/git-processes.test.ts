import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { CANARY_IMAGE, createGitOps, demoConfig } from '../support/gitops.js';

// The git processes one scheduled `gitcanary step` runs, read from git's own trace (GIT_TRACE2_EVENT:
// every git process writes a `start` event; those gitcanary started have a session id without a
// parent, those git started in turn — the server side of a transfer, index-pack — have one). A
// step's cost beyond Node's start is mostly these processes (docs/performance.md, bench/step.ts),
// so one more of them is a regression to decide on, not to find in a benchmark later.

/** The git subcommand of an argv: the first word after `git` and its `-c key=value` pairs. */
function subcommand(argv: readonly string[]): string {
  return argv.slice(1).find((arg, i, args) => !arg.startsWith('-') && args[i - 1] !== '-c') ?? '?';
}

function ownGitProcesses(trace: string): string[] {
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"event":"start"'))
    .map((line) => JSON.parse(line) as { sid: string; argv: string[] })
    .filter((event) => !event.sid.includes('/'))
    .map((event) => subcommand(event.argv));
}

describe('git processes of one step', () => {
  it('a weight step is one clone, its checkout, one fetch, four reads, stage, commit and push', async ({
    onTestFinished,
  }) => {
    const ops = createGitOps(
      demoConfig({
        steps: '    - setWeight: 10\n    - setWeight: 20\n    - setWeight: 40\n    - promote: {}\n',
      }),
    );
    onTestFinished(() => ops.dispose());
    const started = await runCli(ops, ['step', '--image', CANARY_IMAGE]);
    expect(started.code, started.stderr).toBe(0);

    const trace = path.join(ops.dir, 'trace.json');
    const stepped = await runCli(ops, ['step'], { GIT_TRACE2_EVENT: trace });
    expect(stepped.code, stepped.stderr).toBe(0);
    expect(ops.log().at(-1)?.subject).toBe('gitcanary(podinfo): setWeight 10 [1/5]');
    expect(ownGitProcesses(trace)).toEqual([
      'clone',
      // The sparse checkout of the paths the config names.
      'read-tree',
      // The branch, the release notes and the leases, in one round trip.
      'fetch',
      // The release's lease, as fetched.
      'for-each-ref',
      // A commit a killed run left unpushed, and whether the branch moved.
      'rev-list',
      // The release's history.
      'log',
      // The record of check passes on its newest commit.
      'notes',
      'update-index',
      'commit',
      'push',
    ]);
  });
});
