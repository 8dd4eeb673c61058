import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import {
  CANARY_IMAGE,
  createGitOps,
  demoConfig,
  FILES,
  fixtureFile,
  type GitOps,
} from '../support/gitops.js';

// One driver per release, as processes: `gitcanary step` twice at once on one bare repository,
// round after round, and the way out of a release whose route a person deleted.

const STEPS = `${Array.from({ length: 9 }, (_, i) => `    - setWeight: ${(i + 1) * 10}\n`).join('')}    - promote: {}
`;

/** Release commits on the remote, oldest first: `step action weight`. */
function history(ops: GitOps): string[] {
  return ops
    .log()
    .filter((entry) => entry.trailers['Gitcanary-Release'] === 'podinfo')
    .map(
      (entry) =>
        `${entry.trailers['Gitcanary-Step']!.split('/')[0]} ${entry.trailers['Gitcanary-Action']} ${entry.trailers['Gitcanary-Weight']}`,
    );
}

describe.concurrent('gitcanary processes racing for one release', () => {
  it('two `step --image` processes at once, every round: each step committed once, weights never back', async ({
    onTestFinished,
  }) => {
    const ops = createGitOps(demoConfig({ steps: STEPS }));
    onTestFinished(() => ops.dispose());
    let rounds = 0;
    let lost = 0;
    for (; rounds < 12; ) {
      const runs = await Promise.all([
        runCli(ops, ['step', '--image', CANARY_IMAGE]),
        runCli(ops, ['step', '--image', CANARY_IMAGE]),
      ]);
      rounds += 1;
      for (const run of runs) {
        expect(run.code, run.stderr).toBe(0);
        lost += run.stdout.split('\n').filter((line) => line.includes('reading the release again')).length;
      }
      if (runs.some((run) => /^(promoted|noop): /m.test(run.stdout))) break;
    }
    const commits = history(ops);
    // Start, 9 weights, the primary, the promotion: 12 commits, steps 0..11 in order, none twice.
    expect(commits.map((line) => Number(line.split(' ')[0]))).toEqual(
      Array.from({ length: 12 }, (_, i) => i),
    );
    const weights = commits.slice(0, -1).map((line) => Number(line.split(' ')[2]));
    expect(weights).toEqual([...weights].sort((a, b) => a - b));
    expect(commits.at(-1)).toBe('11 promote 0');
    console.info(
      `drivers raced (processes): ${rounds} rounds of 2 \`step\` processes, ${lost} lost compare-and-swaps`,
    );
  }, 180_000);

  it('status names a deleted route and abort still ends the release (exit 1), restoring the canary image', async ({
    onTestFinished,
  }) => {
    const ops = createGitOps(
      demoConfig({
        steps: `    - setWeight: 20
    - pause: {}
    - promote: {}
`,
      }),
    );
    onTestFinished(() => ops.dispose());
    expect((await runCli(ops, ['run', '--image', CANARY_IMAGE])).code).toBe(3);
    const person = ops.clone('person');
    ops.gitIn(['rm', '--quiet', '--', FILES.route], person);
    ops.gitIn(['commit', '--quiet', '-m', 'delete the route by hand'], person);
    ops.gitIn(['push', '--quiet', 'origin', 'HEAD:main'], person);

    const status = await runCli(ops, ['status']);
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toMatch(
      /^ {2}Missing: +apisix \(canary\): apps\/podinfo\/routes\/route\.yaml: no such file or folder$/m,
    );

    const abort = await runCli(ops, ['abort']);
    expect(abort.code).toBe(1);
    expect(abort.stderr).toContain(
      `warning: apisix (canary): ${FILES.route}: no such file or folder; abort skips this target and writes the others`,
    );
    expect(abort.stdout).toContain(`not restored (apisix (canary): ${FILES.route}: no such file or folder)`);
    expect(ops.show(FILES.canary)).toBe(fixtureFile(FILES.canary));
    expect(history(ops).at(-1)).toBe('1 abort 0');
  }, 60_000);
});
