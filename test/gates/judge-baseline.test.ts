import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitcanaryError } from '../../src/errors.js';
import { loadTree } from '../../src/manifests/index.js';
import { rolloutTarget } from '../../src/targets/rollout.js';
import { initialState } from '../../src/targets/types.js';
import {
  CANARY_IMAGE,
  createGitOps,
  demoConfig,
  FILES,
  type GitOps,
  PASSING,
  PODINFO,
} from '../support/gitops.js';
import { runRelease } from '../support/gitops-gates.js';
import { assertValidManifests } from '../support/k8s.js';
import { deploymentImages, FIXTURES, kustomizeBuild } from '../support/kubectl.js';

// The `spec.baseline` workload (issue 15): a third overlay of podinfo that runs the stable image
// at the canary's replica count while a release is under way, for the judge to compare the
// canary with pods as fresh as it is, and is scaled to 0 by the promote and rollback commits.

const BASELINE = 'apps/podinfo/baseline/kustomization.yaml';
const BASELINE_OVERLAY = `# podinfo baseline: a fresh copy of the stable version, compared with the canary
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: test
nameSuffix: -baseline
labels:
  - pairs:
      app.kubernetes.io/instance: podinfo-baseline
    includeSelectors: true
resources:
  - ../base
images:
  - name: ghcr.io/stefanprodan/podinfo
    newTag: 5.9.0
replicas:
  - name: podinfo
    count: 0
`;

let ops: GitOps | undefined;
afterEach(() => {
  ops?.dispose();
  ops = undefined;
});

/** The demo repository plus a baseline overlay, and a canary overlay that names its replica count. */
function repoWithBaseline(): GitOps {
  const gitops = createGitOps('');
  const clone = gitops.clone('setup');
  const canary = `${gitops.show(FILES.canary)!}replicas:\n  - name: podinfo\n    count: 3\n`;
  gitops.pushFrom(clone, { [BASELINE]: BASELINE_OVERLAY, [FILES.canary]: canary }, 'add a baseline overlay');
  return gitops;
}

function config(options: { steps: string; gates?: string; baseline?: string }): string {
  return demoConfig({ steps: options.steps, gates: options.gates ?? PASSING }).replace(
    `  workload:\n    kustomization: { path: apps/podinfo/canary, image: ${PODINFO} }\n`,
    `  workload:\n    kustomization: { path: apps/podinfo/canary, image: ${PODINFO}, replicas: { name: podinfo } }\n` +
      `  baseline:\n    kustomization: ${options.baseline ?? `{ path: apps/podinfo/baseline, image: ${PODINFO}, replicas: { name: podinfo } }`}\n`,
  );
}

/** The baseline overlay's image tag and replica count at each commit of the release. */
function baselineAt(ref: string): { tag: string | undefined; replicas: string | undefined } {
  const text = ops!.show(BASELINE, ref)!;
  return {
    tag: /newTag: (\S+)/.exec(text)?.[1],
    replicas: /- name: podinfo\n\s+count: (\d+)/.exec(text)?.[1],
  };
}

const STEPS = `    - setWeight: 10
    - analysis: { gates: [smoke] }
    - setWeight: 30
    - promote: {}
`;

describe('the spec.baseline workload', () => {
  it("runs the stable image at the canary's replica count from the start commit, and is scaled to 0 on promotion", async () => {
    ops = repoWithBaseline();
    ops.writeConfig(config({ steps: STEPS }));

    const run = await runRelease(ops.config, { image: CANARY_IMAGE });

    expect(run.result.outcome).toBe('promoted');
    const [start, weight10, weight30, primary, promote] = run.commits as [
      string,
      string,
      string,
      string,
      string,
    ];
    expect(baselineAt(start)).toEqual({ tag: '6.0.0', replicas: '3' });
    expect(baselineAt(weight10)).toEqual({ tag: '6.0.0', replicas: '3' });
    expect(baselineAt(weight30)).toEqual({ tag: '6.0.0', replicas: '3' });
    // Flagger's shape promotes the primary first: nothing is judged from then on.
    expect(baselineAt(primary)).toEqual({ tag: '6.0.0', replicas: '0' });
    expect(baselineAt(promote)).toEqual({ tag: '6.0.0', replicas: '0' });
    expect(baselineAt('main')).toEqual({ tag: '6.0.0', replicas: '0' });
    // Byte-minimal: the start commit changes the tag and the count, nothing else.
    expect(
      ops
        .gitIn(['diff', '--unified=0', `${start}~1`, start, '--', BASELINE])
        .split('\n')
        .filter((l) => /^[-+] /.test(l)),
    ).toEqual(['-    newTag: 5.9.0', '+    newTag: 6.0.0', '-    count: 0', '+    count: 3']);
  });

  it('builds with kubectl kustomize into a podinfo-baseline Deployment of the stable image', async () => {
    ops = repoWithBaseline();
    ops.writeConfig(config({ steps: STEPS }));
    const run = await runRelease(ops.config, { image: CANARY_IMAGE, once: true });
    expect(run.result.outcome).toBe('stepped');

    const dir = path.join(ops.dir, 'rendered');
    for (const file of [
      BASELINE,
      'apps/podinfo/base/kustomization.yaml',
      'apps/podinfo/base/deployment.yaml',
      'apps/podinfo/base/service.yaml',
    ]) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), ops.show(file)!);
    }
    const resources = await kustomizeBuild(path.join(dir, 'apps/podinfo/baseline'));
    expect(deploymentImages(resources, 'podinfo-baseline')).toEqual({ podinfod: `${PODINFO}:6.0.0` });
    expect(resources.find((r) => r.kind === 'Deployment')?.spec?.replicas).toBe(3);
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows setCanaryScale, and is scaled to 0 by the rollback commit', async () => {
    ops = repoWithBaseline();
    ops.writeConfig(
      config({
        steps: `    - setCanaryScale: { replicas: 1 }
    - setWeight: 10
    - analysis: { gates: [smoke] }
    - promote: {}
`,
        gates: `    smoke:\n      command: { command: 'exit 1', timeout: 10s }\n`,
      }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE });

    expect(run.result.outcome).toBe('rolledBack');
    const [start, scale, weight10, rollback] = run.commits as [string, string, string, string];
    expect(baselineAt(start).replicas).toBe('3');
    expect(baselineAt(scale).replicas).toBe('1');
    expect(baselineAt(weight10).replicas).toBe('1');
    expect(baselineAt(rollback)).toEqual({ tag: '6.0.0', replicas: '0' });
  });

  it("takes replicas.total when the canary's kustomization names no replica count", async () => {
    ops = createGitOps('');
    const clone = ops.clone('setup');
    ops.pushFrom(clone, { [BASELINE]: BASELINE_OVERLAY }, 'add a baseline overlay');
    ops.writeConfig(
      demoConfig({ steps: STEPS }).replace(
        '  traffic:\n',
        `  baseline:\n    kustomization: { path: apps/podinfo/baseline, image: ${PODINFO}, replicas: { name: podinfo, total: 2 } }\n  traffic:\n`,
      ),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, once: true });

    expect(baselineAt(run.commits[0]!)).toEqual({ tag: '6.0.0', replicas: '2' });
  });

  it('refuses a baseline it could not scale back, before the start commit', async () => {
    ops = repoWithBaseline();
    const before = ops.head();
    ops.writeConfig(config({ steps: STEPS, baseline: `{ path: apps/podinfo/baseline, image: ${PODINFO} }` }));

    const error = await runRelease(ops.config, { image: CANARY_IMAGE }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(GitcanaryError);
    expect((error as GitcanaryError).message).toBe('the baseline kustomization needs replicas');
    expect((error as GitcanaryError).place.field).toBe('spec.baseline.kustomization.replicas');
    expect(ops.head()).toBe(before);
  });

  it('refuses an Argo Rollout as the baseline: Argo Rollouts runs baselines as Experiments', async () => {
    const tree = await loadTree(path.join(FIXTURES, 'rollout'), ['rollout.yaml']);
    const rollout = { file: 'rollout.yaml', name: 'rollout-apisix-canary' };
    const state = { ...initialState(`${PODINFO}:6.0.0`), canaryImage: CANARY_IMAGE };
    expect(() => rolloutTarget.apply(tree, rollout, state, 'baseline')).toThrow(
      'a rollout target cannot be the baseline workload: Argo Rollouts runs a baseline as an Experiment',
    );
    expect(rolloutTarget.observe(tree, rollout, 'baseline')).toEqual({});
  });
});

describe('the baseline backend of a router (baselineService)', () => {
  /** The ApisixRoute's backends at a commit: service → weight. */
  function backendsAt(ref: string): Record<string, number> {
    const text = ops!.show(FILES.route, ref)!;
    assertValidManifests(text);
    const route = parse(text) as {
      spec: { http: { backends: { serviceName: string; weight: number }[] }[] };
    };
    return Object.fromEntries(route.spec.http[0]!.backends.map((b) => [b.serviceName, b.weight]));
  }

  it("sends the baseline the canary's share while the release is judged, then none; weights sum to 100 at every commit", async () => {
    ops = repoWithBaseline();
    const clone = ops.clone('baseline-backend');
    const route = ops.show(FILES.route)!;
    const withBaseline = `${route}        - serviceName: podinfo-baseline\n          servicePort: 80\n          weight: 0\n`;
    ops.pushFrom(clone, { [FILES.route]: withBaseline }, 'route: list the baseline backend');
    ops.writeConfig(
      config({ steps: STEPS }).replace(
        '        canaryService: podinfo-canary\n',
        '        canaryService: podinfo-canary\n        baselineService: podinfo-baseline\n',
      ),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE });

    expect(run.result.outcome).toBe('promoted');
    const [start, weight10, weight30, primary, promote] = run.commits as [
      string,
      string,
      string,
      string,
      string,
    ];
    const weights = [start, weight10, weight30, primary, promote].map(backendsAt);
    expect(weights).toEqual([
      { 'podinfo-primary': 100, 'podinfo-canary': 0, 'podinfo-baseline': 0 },
      { 'podinfo-primary': 80, 'podinfo-canary': 10, 'podinfo-baseline': 10 },
      { 'podinfo-primary': 40, 'podinfo-canary': 30, 'podinfo-baseline': 30 },
      // Flagger's shape: the primary runs the candidate, nothing is judged, the baseline is scaled to 0.
      { 'podinfo-primary': 70, 'podinfo-canary': 30, 'podinfo-baseline': 0 },
      { 'podinfo-primary': 100, 'podinfo-canary': 0, 'podinfo-baseline': 0 },
    ]);
    for (const at of weights) expect(Object.values(at).reduce((a, b) => a + b, 0)).toBe(100);
    // The baseline pods run exactly while their backend takes traffic.
    expect([start, weight10, weight30, primary].map((ref) => baselineAt(ref).replicas)).toEqual([
      '3',
      '3',
      '3',
      '0',
    ]);
    // Byte-restorable: the route ends as the user wrote it.
    expect(ops.show(FILES.route)).toBe(withBaseline);

    // The backend names a Service the baseline overlay renders.
    const dir = path.join(ops.dir, 'rendered-backend');
    for (const file of [
      BASELINE,
      'apps/podinfo/base/kustomization.yaml',
      'apps/podinfo/base/deployment.yaml',
      'apps/podinfo/base/service.yaml',
    ]) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), ops.show(file, weight10)!);
    }
    const resources = await kustomizeBuild(path.join(dir, 'apps/podinfo/baseline'));
    expect(resources.filter((r) => r.kind === 'Service').map((r) => r.metadata?.name)).toEqual([
      'podinfo-baseline',
    ]);
    rmSync(dir, { recursive: true, force: true });
  });
});
