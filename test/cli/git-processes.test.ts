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

interface Started {
  sid: string;
  argv: string[];
}

function started(trace: string): Started[] {
  return readFileSync(trace, 'utf8')
    .split('\n')
    .filter((line) => line.includes('"event":"start"'))
    .map((line) => JSON.parse(line) as Started);
}

function ownGitProcesses(trace: string): string[] {
  return started(trace)
    .filter((event) => !event.sid.includes('/'))
    .map((event) => subcommand(event.argv));
}

/**
 * The git command each fetch was made for: gitcanary's own (`fetch`), or the one whose missing
 * objects a partial clone fetched on demand (`read-tree` for the checkout's blobs, `notes`…).
 */
function fetchesFor(trace: string): string[] {
  const events = started(trace);
  const bySid = new Map(events.map((event) => [event.sid, event]));
  return events
    .filter((event) => subcommand(event.argv) === 'fetch')
    .map((event) => {
      const root = bySid.get(event.sid.split('/')[0]!);
      return root === undefined ? '?' : subcommand(root.argv);
    });
}

describe('git processes of one step', () => {
  it('a weight step is one fetch into a new repository, its checkout, three reads, stage, commit and push', async ({
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
      'init',
      // The branch, the release notes and the leases, in one round trip (a clone fetches its
      // branch alone, and a second fetch was a second round trip).
      'fetch',
      // The branch checked out (the sparse set of the paths the config names).
      'reset',
      // The release's lease, as fetched.
      'for-each-ref',
      // The release's history.
      'log',
      // The record of check passes on its newest commit.
      'notes',
      'update-index',
      'commit',
      'push',
    ]);
  });

  it("a gated release's step in a partial clone reaches the server for the refs, the checkout's blobs and the note's blob", async ({
    onTestFinished,
  }) => {
    const config = demoConfig({
      steps:
        '    - setWeight: 10\n    - analysis: { gates: [smoke] }\n    - pause: { duration: 1h }\n    - setWeight: 20\n    - promote: {}\n',
    });
    const ops = createGitOps(config);
    onTestFinished(() => ops.dispose());
    // A server that serves partial clones, as GitHub and GitLab do: the clone is --filter=blob:none.
    ops.gitIn(['config', 'uploadpack.allowFilter', 'true']);
    ops.writeConfig(config.replace('repo: ./gitops.git', `repo: file://${ops.bare}`));

    for (const args of [['step', '--image', CANARY_IMAGE], ['step'], ['step']]) {
      const run = await runCli(ops, args);
      expect([0, 3], run.stderr).toContain(run.code);
    }
    // The analysis passed at 10% and noted it on that commit; the pause holds the release there.
    expect(ops.log().at(-1)?.subject).toBe('gitcanary(podinfo): setWeight 10 [1/6]');
    expect(ops.gitIn(['notes', '--ref=refs/notes/gitcanary', 'list'])).not.toBe('');

    const trace = path.join(ops.dir, 'trace.json');
    const waiting = await runCli(ops, ['step'], { GIT_TRACE2_EVENT: trace });
    expect([0, 3], waiting.stderr).toContain(waiting.code);
    // Three round trips and no more: gitcanary's one fetch (refs, commits, trees), the blobs of the
    // sparse checkout, and the note read on the newest commit (its blob: the first fetch is
    // blob:none). A later fetch of a long run brings note blobs along (test/git/notes.test.ts).
    expect(fetchesFor(trace)).toEqual(['fetch', 'reset', 'notes']);
  });
});
