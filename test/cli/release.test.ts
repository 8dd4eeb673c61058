import { execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { CLI } from '../support/cli.js';
import {
  CANARY_IMAGE,
  createGitOps,
  demoConfig,
  FILES,
  fixtureFile,
  type GitOps,
  PODINFO,
  STABLE_IMAGE,
} from '../support/gitops.js';

// `gitcanary run|step|plan|status|promote|abort|validate` as a process against a bare GitOps repo.
// The CLI bundled from the current sources (test/support/cli-bundle.ts), as an installed gitcanary runs.

const ROOT = path.join(import.meta.dirname, '..', '..');

const TOKEN = 'ghp_e2eSecretToken0123456789';

/** No pauses: a whole release in one quick process. */
const QUICK_STEPS = `    - setWeight: 10
    - analysis: { gates: [smoke] }
    - setHeaderRoute:
        name: podinfo-canary-by-header
        match:
          - headerName: x-canary
            headerValue: { exact: "always" }
    - setWeight: 50
    - promote: {}
`;

/** Waits at an indefinite pause after 20%. */
const PAUSED_STEPS = `    - setWeight: 20
    - pause: {}
    - setWeight: 50
    - promote: {}
`;

/** A bare GitOps repository with `config`, removed after the test. */
function setup(config: string, onTestFinished: TestContext['onTestFinished']): GitOps {
  const ops = createGitOps(config);
  onTestFinished(() => ops.dispose());
  return ops;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

async function gitcanary(ops: GitOps, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...CLI, ...args, '--config', ops.config],
      // Plain lines whatever runs the suite: no CI log sections, no colour.
      { cwd: ROOT, env: { ...process.env, GITHUB_ACTIONS: '', GITLAB_CI: '', FORCE_COLOR: '0', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** Short shas of the remote's commits, oldest first (the engine prints 7 characters). */
function shas(ops: GitOps): string[] {
  return ops
    .gitIn(['log', '--reverse', '--format=%H', 'main'])
    .split('\n')
    .map((sha) => sha.slice(0, 7));
}

function subjects(ops: GitOps): string[] {
  return ops.log().map((entry) => entry.subject);
}

describe.concurrent('gitcanary release commands', () => {
  it('run promotes and prints one line per step, commit and gate verdict (exit 0); status reads it back', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: QUICK_STEPS }), onTestFinished);

    const run = await gitcanary(ops, ['run', '--image', CANARY_IMAGE]);

    const [, start, w10, header, w50, primary, promote] = shas(ops);
    const id = ops.log()[1]?.trailers['Gitcanary-Release-Id'];
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      [
        `starting release podinfo (${id}) → ${CANARY_IMAGE}, 6 steps`,
        `  committed ${start} gitcanary(podinfo): start canary of ${CANARY_IMAGE} [0/6] (weight 0%, Progressing)`,
        '[1/6] setWeight 10',
        `  committed ${w10} gitcanary(podinfo): setWeight 10 [1/6] (weight 10%, Progressing)`,
        '[2/6] analysis smoke',
        '  … smoke #1: exit 0',
        '  gate smoke (command): PASS value=0 threshold exit 0 — exit 0',
        '  error rate 0% at 10%',
        '[3/6] setHeaderRoute podinfo-canary-by-header',
        `  committed ${header} gitcanary(podinfo): setHeaderRoute podinfo-canary-by-header [3/6] (weight 10%, Progressing)`,
        '[4/6] setWeight 50',
        `  committed ${w50} gitcanary(podinfo): setWeight 50 [4/6] (weight 50%, Progressing)`,
        '[5/6] promote primary',
        `  committed ${primary} gitcanary(podinfo): promote primary [5/6] (weight 50%, Promoting)`,
        '[6/6] promote',
        `  committed ${promote} gitcanary(podinfo): promote [6/6] (weight 0%, Promoted)`,
        `promoted: ${CANARY_IMAGE} promoted`,
        '',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
    expect(ops.show(FILES.primary)).toBe(
      fixtureFile(FILES.primary).replace('newTag: 6.0.0', 'newTag: 6.1.0'),
    );
    expect(ops.show(FILES.route)).toBe(fixtureFile(FILES.route));

    const time = ops.times().at(-1);
    const status = await gitcanary(ops, ['status'], { TZ: 'UTC' });
    expect(status.code).toBe(0);
    expect(status.stderr).toBe('');
    // The whole drawing is a golden test with a fixed clock (test/report/status.test.ts); here, what
    // this release's commits say, read back from Git by a separate process.
    const lines = status.stdout.split('\n');
    expect(lines.slice(0, 11)).toEqual([
      'Name:            podinfo',
      'Namespace:       test',
      'Status:          ✔ Promoted',
      expect.stringMatching(/^Message: {9}promoted \d+s ago$/),
      `Release:         ${id}`,
      'Strategy:        Canary, through Git',
      '  Step:          6/6',
      '  SetWeight:     0',
      '  ActualWeight:  0 (the manifests now)',
      // Promoted: stable now runs the candidate.
      `Images:          ${CANARY_IMAGE} (stable, canary)`,
      expect.stringMatching(
        new RegExp(
          `^Commit: {10}${promote} gitcanary\\(podinfo\\): promote \\[6/6\\] \\(\\d+s ago, ${time!.slice(11, 19)} UTC\\)$`,
        ),
      ),
    ]);
    const tree = lines.slice(12).map((line) => line.replace(/ {2,}/g, ' | '));
    expect(tree).toEqual([
      'NAME | STATUS | WEIGHT | COMMIT | AGE | INFO',
      '⟳ podinfo | ✔ Promoted',
      expect.stringMatching(new RegExp(`^├──✔ 0 start \\| ✔ Done \\| 0% \\| ${start} \\| \\d+s$`)),
      expect.stringMatching(new RegExp(`^├──✔ 1 setWeight 10 \\| ✔ Done \\| 10% \\| ${w10} \\| \\d+s$`)),
      '├──✔ 2 analysis smoke | ✔ Done | 10%',
      '│ | └──α smoke (command) | ✔ pass | value=0 threshold exit 0 — exit 0',
      expect.stringMatching(
        /^├──✔ 3 setHeaderRoute podinfo-canary-by-header \| ✔ Done \| 10% \| \w{7} \| \d+s$/,
      ),
      expect.stringMatching(new RegExp(`^├──✔ 4 setWeight 50 \\| ✔ Done \\| 50% \\| ${w50} \\| \\d+s$`)),
      expect.stringMatching(
        new RegExp(`^├──✔ 5 promote primary \\| ✔ Done \\| 50% \\| ${primary} \\| \\d+s$`),
      ),
      expect.stringMatching(new RegExp(`^└──✔ 6 promote \\| ✔ Done \\| 0% \\| ${promote} \\| \\d+s$`)),
      '',
    ]);

    const json = await gitcanary(ops, ['status', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      type: 'status',
      time: expect.any(String),
      release: 'podinfo',
      namespace: 'test',
      state: 'finished',
      releaseId: id,
      image: CANARY_IMAGE,
      stableImage: CANARY_IMAGE,
      phase: 'Promoted',
      action: 'promote',
      step: 6,
      total: 6,
      weight: 0,
      next: { kind: 'done' },
      lastCommit: { sha: ops.head(), time, subject: 'gitcanary(podinfo): promote [6/6]' },
      manifests: [
        { target: 'kustomization', role: 'canary', observed: { canaryImage: CANARY_IMAGE } },
        { target: 'kustomization', role: 'stable', observed: { stableImage: CANARY_IMAGE } },
        {
          target: 'apisix',
          role: 'canary',
          observed: { canaryWeight: 0, headerRoutes: [], mirrorRoutes: [] },
        },
      ],
    });
    const recorded = JSON.parse(json.stdout) as { commits: { step: number; gates: unknown[] }[] };
    expect(recorded.commits.map((commit) => commit.step)).toEqual([0, 1, 3, 4, 5, 6]);
    expect(recorded.commits[2]?.gates).toEqual([
      {
        gate: 'smoke',
        kind: 'command',
        verdict: 'pass',
        value: '0',
        threshold: 'exit 0',
        message: 'exit 0\nerror rate 0% at 10%',
      },
    ]);
  });

  it('run exits 1 when a gate fails, rolled back, and never prints the token of spec.git.tokenEnv', async ({
    onTestFinished,
  }) => {
    const ops = setup(
      demoConfig({
        steps: QUICK_STEPS,
        git: ', tokenEnv: GITCANARY_E2E_TOKEN',
        gates: `    smoke:
      command: { command: 'echo "calling canary with $GITCANARY_E2E_TOKEN"; exit 1', timeout: 10s }
`,
      }),
      onTestFinished,
    );

    const run = await gitcanary(ops, ['run', '--image', CANARY_IMAGE], { GITCANARY_E2E_TOKEN: TOKEN });

    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').slice(-7)).toEqual([
      '[2/6] analysis smoke',
      '  … smoke #1: exit 1',
      '  gate smoke (command): FAIL value=1 threshold exit 0 — exit 1',
      '  calling canary with [secure]',
      `  committed ${shas(ops)[3]} gitcanary(podinfo): roll back canary of ${CANARY_IMAGE} [1/6] (weight 0%, Failed)`,
      `rolledBack: gate failed at step 2/6; rolled back to ${STABLE_IMAGE}`,
      '',
    ]);
    expect(ops.log().at(-1)?.body).toContain(
      'Gate evidence:\n- smoke (command): fail value=1 threshold exit 0',
    );
    const everything = `${run.stdout}${run.stderr}${ops.gitIn(['log', '--format=%B', 'main'])}`;
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain('[secure]');
    expect(ops.show(FILES.canary)).toBe(fixtureFile(FILES.canary));
    expect(ops.show(FILES.route)).toBe(fixtureFile(FILES.route));
  });

  it('step commits one step per call and exits 3 while a pause has not elapsed; status --json says until when', async ({
    onTestFinished,
  }) => {
    const ops = setup(
      demoConfig({
        steps:
          '    - analysis: { gates: [smoke] }\n    - pause: { duration: 10m }\n    - setWeight: 10\n    - promote: {}\n',
      }),
      onTestFinished,
    );

    const first = await gitcanary(ops, ['step', '--image', CANARY_IMAGE]);
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n').at(-2)).toBe(`stepped: started release of ${CANARY_IMAGE}`);

    const second = await gitcanary(ops, ['step']);

    // The analysis's verdict is noted on the start commit (refs/notes/gitcanary): the pause after it
    // counts from when it ended, and every later `step` reads that instead of asking again.
    const note = JSON.parse(ops.gitIn(['notes', '--ref=refs/notes/gitcanary', 'show', ops.head()]));
    expect(note.passes).toEqual([
      expect.objectContaining({
        step: 1,
        verdict: 'pass',
        gates: [expect.objectContaining({ gate: 'smoke' })],
      }),
    ]);
    const until = new Date(Date.parse(note.passes[0].at) + 600_000).toISOString();
    expect(second.code).toBe(3);
    expect(second.stdout.split('\n').slice(1)).toEqual([
      '[1/5] analysis smoke',
      '  … smoke #1: exit 0',
      '  gate smoke (command): PASS value=0 threshold exit 0 — exit 0',
      '  error rate 0% at 0%',
      '[2/5] pause 10m',
      expect.stringMatching(/^ {2}waiting: pause 10m, until \d\d:\d\d:\d\d \S+ \(in [\dms ]+\)$/),
      `waiting: pause until ${until}`,
      '',
    ]);
    expect(subjects(ops)).toHaveLength(2);
    const third = await gitcanary(ops, ['step']);
    expect(third.code).toBe(3);
    expect(third.stdout).not.toContain('analysis smoke');
    const status = await gitcanary(ops, ['status', '--json']);
    expect(JSON.parse(status.stdout)).toMatchObject({
      state: 'progressing',
      step: 0,
      nextStep: 'pause 10m',
      waitingUntil: until,
    });
  });

  it('plan --image prints every step and its diff, and writes nothing', async ({ onTestFinished }) => {
    const ops = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    const before = ops.head();

    const plan = await gitcanary(ops, ['plan', '--image', CANARY_IMAGE]);

    expect(plan.code).toBe(0);
    expect(plan.stdout).toBe(`# [0/5] start canary of ${CANARY_IMAGE}
diff --git a/${FILES.canary} b/${FILES.canary}
--- a/${FILES.canary}
+++ b/${FILES.canary}
@@ -11,4 +11,4 @@ resources:
   - ../base
 images:
   - name: ghcr.io/stefanprodan/podinfo
-    newTag: 6.0.0
+    newTag: 6.1.0
# [1/5] setWeight 20
diff --git a/${FILES.route} b/${FILES.route}
--- a/${FILES.route}
+++ b/${FILES.route}
@@ -20,7 +20,7 @@ spec:
       backends:
         - serviceName: podinfo-primary
           servicePort: 80
-          weight: 100
+          weight: 80
         - serviceName: podinfo-canary
           servicePort: 80
-          weight: 0
+          weight: 20
# [2/5] pause until promoted (no commit)
# [3/5] setWeight 50
diff --git a/${FILES.route} b/${FILES.route}
--- a/${FILES.route}
+++ b/${FILES.route}
@@ -20,7 +20,7 @@ spec:
       backends:
         - serviceName: podinfo-primary
           servicePort: 80
-          weight: 80
+          weight: 50
         - serviceName: podinfo-canary
           servicePort: 80
-          weight: 20
+          weight: 50
# [4/5] promote primary
diff --git a/${FILES.primary} b/${FILES.primary}
--- a/${FILES.primary}
+++ b/${FILES.primary}
@@ -11,4 +11,4 @@ resources:
   - ../base
 images:
   - name: ghcr.io/stefanprodan/podinfo
-    newTag: 6.0.0
+    newTag: 6.1.0
# [5/5] promote
diff --git a/${FILES.route} b/${FILES.route}
--- a/${FILES.route}
+++ b/${FILES.route}
@@ -20,7 +20,7 @@ spec:
       backends:
         - serviceName: podinfo-primary
           servicePort: 80
-          weight: 50
+          weight: 100
         - serviceName: podinfo-canary
           servicePort: 80
-          weight: 50
+          weight: 0
`);
    expect(plan.stderr).toBe('');
    expect(ops.head()).toBe(before);
  });

  it('validate reports each target and gate (exit 0), and a broken config as file:line:column (exit 2)', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);

    expect(await gitcanary(ops, ['validate'])).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        `ok  kustomization (canary): canaryImage=${STABLE_IMAGE}`,
        `ok  kustomization (stable): stableImage=${STABLE_IMAGE}`,
        'ok  apisix (canary): canaryWeight=0',
        'ok  gate smoke',
        'ok  5 steps apply to the manifests',
        '',
      ].join('\n'),
    });

    ops.writeConfig(demoConfig({ steps: PAUSED_STEPS.replace('setWeight: 50', 'setWeight: 150') }));
    const broken = await gitcanary(ops, ['validate']);
    expect(broken).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${ops.config}:22:18: spec.steps[2].setWeight: weight must be between 0 and 100; got 150 (hint: the JSON Schema schema/gitcanary.schema.json lists every field)\n`,
    });
  });

  it('--json prints only JSON lines; promote --full then promotes a paused release', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);

    const run = await gitcanary(ops, ['run', '--json', '--image', CANARY_IMAGE]);

    expect(run.code).toBe(3);
    expect(run.stderr).toBe('');
    const events = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; time: string });
    expect(events.map((event) => event.type)).toEqual([
      'release',
      'commit',
      'step',
      'commit',
      'step',
      'done',
    ]);
    expect(events.at(-1)).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      type: 'done',
      outcome: 'paused',
      exitCode: 3,
      message: 'paused at step 2/5 until `gitcanary promote`',
    });

    const promote = await gitcanary(ops, ['promote', '--full', '--json'], { GITHUB_ACTOR: 'octocat' });

    expect(promote.code).toBe(0);
    expect(
      promote.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).type),
    ).toEqual(['commit', 'done']);
    expect(subjects(ops).slice(1)).toEqual([
      `gitcanary(podinfo): start canary of ${CANARY_IMAGE} [0/5]`,
      'gitcanary(podinfo): setWeight 20 [1/5]',
      'gitcanary(podinfo): promote (full) [5/5]',
    ]);
    // The CI user who promoted, from the runner's environment.
    expect(ops.log().at(-1)?.trailers['Gitcanary-Promoted-By']).toBe('octocat');
    expect(ops.show(FILES.primary)).toBe(
      fixtureFile(FILES.primary).replace('newTag: 6.0.0', 'newTag: 6.1.0'),
    );
    expect(ops.show(FILES.route)).toBe(fixtureFile(FILES.route));
  });

  it('abort commits the rollback of a paused release and exits 1; status then shows it ended', async ({
    onTestFinished,
  }) => {
    const ops = setup(demoConfig({ steps: PAUSED_STEPS }), onTestFinished);
    expect((await gitcanary(ops, ['run', '--image', CANARY_IMAGE])).code).toBe(3);

    const abort = await gitcanary(ops, ['abort']);

    expect(abort).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        `  committed ${shas(ops).at(-1)} gitcanary(podinfo): abort canary of ${CANARY_IMAGE} [1/5] (weight 0%, RolledBack)`,
        `aborted: aborted release of ${CANARY_IMAGE}; traffic is back on ${STABLE_IMAGE}`,
        '',
      ].join('\n'),
    });
    expect(ops.show(FILES.canary)).toBe(fixtureFile(FILES.canary));
    expect(ops.show(FILES.route)).toBe(fixtureFile(FILES.route));
    const again = await gitcanary(ops, ['abort']);
    expect(again).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: no release in progress (hint: the last release (${CANARY_IMAGE}) ended with abort)\n`,
    });
  });

  it('refuses a new image while a release runs when the config turns superseding off (exit 2, nothing written)', async ({
    onTestFinished,
  }) => {
    const ops = setup(
      demoConfig({ steps: PAUSED_STEPS, extra: '  options: { supersede: false }\n' }),
      onTestFinished,
    );
    expect((await gitcanary(ops, ['step', '--image', CANARY_IMAGE])).code).toBe(0);
    const before = ops.head();

    const refused = await gitcanary(ops, ['run', '--image', `${PODINFO}:6.2.0`]);

    expect(refused).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: release of ${CANARY_IMAGE} is in progress (hint: wait for it, \`gitcanary abort\` it, or allow superseding (remove --no-supersede))\n`,
    });
    expect(ops.head()).toBe(before);
  });

  it('stops on SIGINT while a gate runs: exit 130 and no rollback commit for a healthy canary', async ({
    onTestFinished,
  }) => {
    const slowGate = `    smoke:
      command: { command: "sleep 30", timeout: 60s }
`;
    const ops = setup(demoConfig({ steps: QUICK_STEPS, gates: slowGate }), onTestFinished);
    const child = spawn(process.execPath, [...CLI, 'run', '--image', CANARY_IMAGE, '--config', ops.config], {
      cwd: ROOT,
    });
    let stdout = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        // The gate starts right after the setWeight 10 commit.
        if (stdout.includes('[2/6] analysis smoke')) child.kill('SIGINT');
      });
      child.on('exit', (exitCode) => resolve(exitCode));
    });
    expect(code).toBe(130);
    expect(subjects(ops)).toEqual([
      expect.stringContaining('podinfo 6.0.0'),
      `gitcanary(podinfo): start canary of ${CANARY_IMAGE} [0/6]`,
      'gitcanary(podinfo): setWeight 10 [1/6]',
    ]);
  });
});
