import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { type Clock, ReleaseEngine } from '../../src/engine/release.js';
import { releaseInput } from '../../src/engine/setup.js';
import { releaseStatus } from '../../src/engine/status.js';
import { createGate, type GateConfig } from '../../src/gates/index.js';
import { openRepository } from '../../src/git/index.js';
import { loadTree } from '../../src/manifests/index.js';
import { EventLog, renderStatus } from '../../src/report/index.js';
import { routerFor } from '../../src/targets/registry.js';
import { CANARY_IMAGE, createGitOps, type GitOps, git, PODINFO } from '../support/gitops.js';
import { assertValidResource } from '../support/k8s.js';
import { kustomizeBuild, withKubectl } from '../support/kubectl.js';

// A release through every router, end to end on a bare GitOps repository (Flagger's shape: the
// demo's primary and canary overlays, plus a routes overlay listing the router's manifest). Every
// commit is checked out and checked: each overlay builds with `kubectl kustomize`, every object
// built validates against its CRD or the Kubernetes schema, every weighted split sums to 100, and
// the router reads back the weight the commit's trailer says. After promotion, and after a
// rollback, the route files are byte for byte what they were: nothing of gitcanary's is left.

const clock: Clock = { now: () => new Date(), sleep: async () => {} };

interface RouterCase {
  key: string;
  /** The routes overlay's manifest (upstream example shapes, podinfo's names). */
  manifest: string;
  config: string;
}

const SERVICES = 'stableService: podinfo-primary, canaryService: podinfo-canary';

const CASES: RouterCase[] = [
  {
    key: 'gatewayAPI',
    config: `gatewayAPI: { file: apps/podinfo/routes/route.yaml, httpRoute: podinfo, ${SERVICES} }`,
    manifest: `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: podinfo
spec:
  parentRefs:
  - name: public-gateway
    namespace: gateways
  hostnames:
  - app.example.com
  rules:
  - matches:
    - path:
        type: PathPrefix
        value: /
    backendRefs:
    - name: podinfo-primary
      port: 80
      weight: 100
    - name: podinfo-canary
      port: 80
      weight: 0
`,
  },
  {
    key: 'nginx',
    config: `nginx: { file: apps/podinfo/routes/route.yaml, stableIngress: podinfo, ${SERVICES} }`,
    manifest: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: podinfo
  annotations:
    kubernetes.io/ingress.class: nginx
spec:
  rules:
    - host: app.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: podinfo-primary
                port:
                  number: 80
`,
  },
  {
    key: 'istio',
    config: `istio: { file: apps/podinfo/routes/route.yaml, virtualService: { name: podinfo, routes: [primary] }, ${SERVICES} }`,
    manifest: `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: podinfo
spec:
  hosts:
  - podinfo
  http:
  - name: primary
    route:
    - destination:
        host: podinfo-primary
      weight: 100
    - destination:
        host: podinfo-canary
      weight: 0
`,
  },
  {
    key: 'smi',
    config: `smi: { file: apps/podinfo/routes/route.yaml, trafficSplitName: podinfo, rootService: podinfo, ${SERVICES} }`,
    manifest: `apiVersion: split.smi-spec.io/v1alpha4
kind: TrafficSplit
metadata:
  name: podinfo
spec:
  service: podinfo
  backends:
  - service: podinfo-primary
    weight: 100
  - service: podinfo-canary
    weight: 0
`,
  },
  {
    key: 'traefik',
    config: `traefik: { file: apps/podinfo/routes/route.yaml, weightedTraefikServiceName: podinfo, ${SERVICES} }`,
    manifest: `apiVersion: traefik.io/v1alpha1
kind: TraefikService
metadata:
  name: podinfo
spec:
  weighted:
    services:
      - name: podinfo-primary
        port: 80
        weight: 100
      - name: podinfo-canary
        port: 80
        weight: 0
`,
  },
  {
    key: 'alb',
    config: `alb: { file: apps/podinfo/routes/route.yaml, ingress: podinfo, rootService: podinfo, servicePort: 80, ${SERVICES} }`,
    manifest: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: podinfo
  annotations:
    kubernetes.io/ingress.class: alb
    alb.ingress.kubernetes.io/actions.podinfo: >-
      {"type":"forward","forwardConfig":{"targetGroups":[{"serviceName":"podinfo-primary","servicePort":"80","weight":100},{"serviceName":"podinfo-canary","servicePort":"80","weight":0}]}}
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: podinfo
            port:
              name: use-annotation
`,
  },
  {
    key: 'ambassador',
    config: `ambassador: { file: apps/podinfo/routes/route.yaml, mappings: [podinfo], ${SERVICES} }`,
    manifest: `apiVersion: getambassador.io/v2
kind: Mapping
metadata:
  name: podinfo
spec:
  prefix: /
  service: podinfo-primary:80
`,
  },
  {
    key: 'apisix',
    config: `apisix: { file: apps/podinfo/routes/route.yaml, route: podinfo, ${SERVICES} }`,
    manifest: `apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: podinfo
spec:
  http:
    - name: podinfo
      match:
        paths:
          - /*
      backends:
        - serviceName: podinfo-primary
          servicePort: 80
          weight: 100
        - serviceName: podinfo-canary
          servicePort: 80
          weight: 0
`,
  },
];

const KUSTOMIZATION = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: test
resources:
  - route.yaml
`;

function steps(key: string): string {
  const router = routerFor(key)!;
  const lines = ['    - setWeight: 20'];
  if (router.capabilities.headerRoutes > 0) {
    lines.push(
      '    - setHeaderRoute: { name: canary-by-header, match: [{ headerName: x-canary, headerValue: { exact: always } }] }',
    );
  }
  if (router.capabilities.mirrorRoutes) {
    lines.push('    - setMirrorRoute: { name: mirror, percentage: 10, match: [{ path: { prefix: / } }] }');
  }
  lines.push('    - setWeight: 60', '    - analysis: { gates: [smoke] }');
  if (router.capabilities.headerRoutes > 0) lines.push('    - setHeaderRoute: { name: canary-by-header }');
  if (router.capabilities.mirrorRoutes) lines.push('    - setMirrorRoute: { name: mirror }');
  lines.push('    - promote: {}');
  return `${lines.join('\n')}\n`;
}

function configFor(c: RouterCase, failing: boolean, workload?: string, stepLines = steps(c.key)): string {
  return `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata: { name: podinfo, namespace: test }
spec:
  git: { repo: ./gitops.git, branch: main, author: { name: gitcanary, email: gitcanary@example.com } }
${
  workload ??
  `  workload:
    kustomization: { path: apps/podinfo/canary, image: ${PODINFO} }
  stable:
    kustomization: { path: apps/podinfo/primary, image: ${PODINFO} }`
}
  traffic:
    - ${c.config}
  steps:
${stepLines}  gates:
    smoke:
      command: { command: '${failing ? 'exit 1' : 'true'}', timeout: 10s }
`;
}

/** The repository with the routes overlay added by a person's commit, then gitcanary's release. */
async function release(
  c: RouterCase,
  failing: boolean,
  onTestFinished: TestContext['onTestFinished'],
  extra: Record<string, string> = {},
  workload?: string,
) {
  const ops = createGitOps(configFor(c, failing, workload));
  onTestFinished(() => ops.dispose());
  const clone = ops.clone('person');
  ops.pushFrom(
    clone,
    {
      'apps/podinfo/routes/route.yaml': c.manifest,
      'apps/podinfo/routes/kustomization.yaml': KUSTOMIZATION,
      ...extra,
    },
    `podinfo: ${c.key} routes`,
  );
  const seeded = ops.head();
  const loaded = await loadConfig(ops.config);
  const repo = await openRepository({
    repo: loaded.config.spec.git.repo,
    branch: 'main',
    author: { name: 'gitcanary', email: 'gitcanary@example.com' },
  });
  onTestFinished(() => repo.close());
  const input = releaseInput(loaded);
  const engine = new ReleaseEngine(input, {
    repo,
    reporter: new EventLog(),
    createGate: (name, config) => createGate(name, config as GateConfig),
    clock,
  });
  const result = await engine.run({ image: CANARY_IMAGE, once: false });
  const status = await releaseStatus(input, repo);
  return { ops, seeded, result, status, loaded };
}

/** The commits gitcanary made, oldest first: sha and weight trailer. */
function releaseCommits(ops: GitOps, seeded: string): { sha: string; weight: number; action: string }[] {
  const out = git(
    ops.bare,
    'log',
    '--reverse',
    '--format=%H%x1f%(trailers:key=Gitcanary-Weight,valueonly)%x1f%(trailers:key=Gitcanary-Action,valueonly)%x1e',
    `${seeded}..main`,
  );
  return out
    .split('\x1e')
    .map((record) => record.trim())
    .filter((record) => record !== '')
    .map((record) => {
      const [sha = '', weight = '', action = ''] = record.split('\x1f');
      return { sha, weight: Number(weight.trim()), action: action.trim() };
    });
}

function checkout(ops: GitOps, sha: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-commit-'));
  execFileSync('sh', ['-c', `git --git-dir="${ops.bare}" archive ${sha} | tar -x -C "${dir}"`]);
  return dir;
}

/** Every list of weighted entries (and the ALB action's target groups) sums to 100. */
function checkWeights(object: unknown, where: string): void {
  const visit = (value: unknown, at: string): void => {
    if (Array.isArray(value)) {
      const weights = value.flatMap((item) =>
        item !== null && typeof item === 'object' && typeof (item as { weight?: unknown }).weight === 'number'
          ? [(item as { weight: number }).weight]
          : [],
      );
      if (weights.length >= 2)
        expect(
          weights.reduce((a, b) => a + b, 0),
          `${where} ${at}`,
        ).toBe(100);
      value.forEach((item, i) => {
        visit(item, `${at}[${i}]`);
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key.startsWith('alb.ingress.kubernetes.io/actions.') && typeof child === 'string') {
          visit(
            JSON.parse(child.replace(/"Weight"/g, '"weight"').replace(/"TargetGroups"/g, '"targetGroups"')),
            key,
          );
        } else visit(child, `${at}.${key}`);
      }
    }
  };
  visit(object, '');
}

/**
 * Check one commit. The routes overlay is built at every commit; the workload overlays (which the
 * routers never touch, and the release e2e tests build too) with `workloads` — at the first and
 * last commit — to keep the run within the test timeout on two loaded cores.
 */
async function checkCommit(
  ops: GitOps,
  commit: { sha: string; weight: number },
  c: RouterCase,
  workloads = true,
): Promise<void> {
  const dir = checkout(ops, commit.sha);
  const overlays = [
    ...(workloads ? ['apps/podinfo/canary', 'apps/podinfo/primary'] : []),
    'apps/podinfo/routes',
  ];
  try {
    for (const overlay of overlays) {
      for (const object of await kustomizeBuild(path.join(dir, overlay))) {
        assertValidResource(object as unknown as { apiVersion: string; kind: string });
        checkWeights(object, `${commit.sha.slice(0, 7)} ${overlay}`);
      }
    }
    const router = routerFor(c.key)!;
    const loaded = await loadConfig(path.join(ops.dir, 'gitcanary.yaml'));
    const block = loaded.config.spec.traffic[0]![c.key];
    const config = router.configSchema.parse(block);
    const tree = await loadTree(dir, router.files(config), { optional: router.ownedFiles?.(config) ?? [] });
    expect(router.observe(tree, config).canaryWeight, `${c.key} at ${commit.sha.slice(0, 7)}`).toBe(
      commit.weight,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(withKubectl)('a release through every router, every commit checked', () => {
  for (const c of CASES) {
    it(`promotes through ${c.key} and leaves the route files as they were`, async ({ onTestFinished }) => {
      const { ops, seeded, result, status } = await release(c, false, onTestFinished);
      expect(result.outcome).toBe('promoted');
      const commits = releaseCommits(ops, seeded);
      expect(commits.map((commit) => commit.weight)).toContain(60);
      for (const [i, commit] of commits.entries()) {
        await checkCommit(ops, commit, c, i === 0 || i === commits.length - 1);
      }
      expect(ops.show('apps/podinfo/routes/route.yaml')).toBe(c.manifest);
      expect(ops.show('apps/podinfo/routes/podinfo-gitcanary-routes.yaml')).toBeUndefined();
      expect(status.disagreement).toBeUndefined();
    });

    it(`rolls back through ${c.key} and leaves the route files as they were`, async ({ onTestFinished }) => {
      const { ops, seeded, result } = await release(c, true, onTestFinished);
      expect(result.outcome).toBe('rolledBack');
      const commits = releaseCommits(ops, seeded);
      expect(commits.at(-1)?.action).toBe('rollback');
      for (const [i, commit] of commits.entries()) {
        await checkCommit(ops, commit, c, i === 0 || i === commits.length - 1);
      }
      expect(ops.show('apps/podinfo/routes/route.yaml')).toBe(c.manifest);
    });
  }
});

describe.runIf(withKubectl)('repository shapes', () => {
  // Argo Rollouts edits an Istio VirtualService in place (it owns no object of its own there, unlike
  // NGINX's canary Ingress or SMI's TrafficSplit), so Git can say exactly what the controller sets.
  it('Argo Rollout and Istio router: each commit writes the same weight into both', async ({
    onTestFinished,
  }) => {
    const istio = CASES.find((c) => c.key === 'istio')!;
    const rollout = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: podinfo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: podinfo
  template:
    metadata:
      labels:
        app: podinfo
    spec:
      containers:
        - name: podinfo
          image: ${PODINFO}:6.0.0
  strategy:
    canary:
      canaryService: podinfo-canary
      stableService: podinfo-primary
      trafficRouting:
        istio:
          virtualService:
            name: podinfo
            routes:
              - primary
      steps:
        - setWeight: 50
        - pause: {}
`;
    const { ops, seeded, result } = await release(
      istio,
      false,
      onTestFinished,
      {
        'apps/podinfo/routes/rollout.yaml': rollout,
        'apps/podinfo/routes/kustomization.yaml': KUSTOMIZATION.replace(
          '  - route.yaml',
          '  - route.yaml\n  - rollout.yaml',
        ),
      },
      '  workload:\n    rollout: { file: apps/podinfo/routes/rollout.yaml, name: podinfo }',
    );
    expect(result.outcome).toBe('promoted');
    const commits = releaseCommits(ops, seeded);
    for (const commit of commits.filter((c) => c.action === 'step' || c.action === 'start')) {
      await checkCommit(ops, commit, istio);
      const text = ops.show('apps/podinfo/routes/rollout.yaml', commit.sha) ?? '';
      const weights = [...text.matchAll(/- setWeight: (\d+)/g)].map((m) => Number(m[1]));
      expect(weights.at(-1), `Rollout steps at ${commit.sha.slice(0, 7)}`).toBe(commit.weight);
    }
    expect(ops.show('apps/podinfo/routes/route.yaml')).toBe(istio.manifest);
  });
});

describe.runIf(withKubectl)('several routers at once', () => {
  it('writes every router in one commit, and status names the routers a person made disagree', async ({
    onTestFinished,
  }) => {
    const istio = CASES.find((c) => c.key === 'istio')!;
    const smi = CASES.find((c) => c.key === 'smi')!;
    const both: RouterCase = {
      key: 'istio',
      config: `${istio.config}\n    - ${smi.config.replace('routes/route.yaml', 'routes/split.yaml')}`,
      manifest: istio.manifest,
    };
    const ops = createGitOps(
      configFor(both, false, undefined, '    - setWeight: 20\n    - setWeight: 60\n    - promote: {}\n'),
    );
    onTestFinished(() => ops.dispose());
    const person = ops.clone('person');
    ops.pushFrom(
      person,
      {
        'apps/podinfo/routes/route.yaml': istio.manifest,
        'apps/podinfo/routes/split.yaml': smi.manifest,
        'apps/podinfo/routes/kustomization.yaml': KUSTOMIZATION.replace(
          '  - route.yaml',
          '  - route.yaml\n  - split.yaml',
        ),
      },
      'podinfo: istio and smi routes',
    );
    const seeded = ops.head();
    const loaded = await loadConfig(ops.config);
    const repo = await openRepository({
      repo: loaded.config.spec.git.repo,
      branch: 'main',
      author: { name: 'gitcanary', email: 'gitcanary@example.com' },
    });
    onTestFinished(() => repo.close());
    const input = releaseInput(loaded);
    const engine = new ReleaseEngine(input, {
      repo,
      reporter: new EventLog(),
      createGate: (name, config) => createGate(name, config as GateConfig),
      clock,
    });
    await engine.run({ image: CANARY_IMAGE, once: true });
    await engine.run({ image: CANARY_IMAGE, once: true });
    const [, weighted] = releaseCommits(ops, seeded);
    expect(weighted?.weight).toBe(20);
    const changed = git(ops.bare, 'show', '--name-only', '--format=', weighted!.sha).split('\n').sort();
    expect(changed).toEqual(['apps/podinfo/routes/route.yaml', 'apps/podinfo/routes/split.yaml']);
    expect((await releaseStatus(input, repo)).disagreement).toBeUndefined();

    const split = ops.show('apps/podinfo/routes/split.yaml')!;
    ops.pushFrom(
      person,
      {
        'apps/podinfo/routes/split.yaml': split
          .replace('weight: 80', 'weight: 50')
          .replace('weight: 20', 'weight: 50'),
      },
      'smi: even split by hand',
    );
    const fresh = await openRepository({
      repo: loaded.config.spec.git.repo,
      branch: 'main',
      author: { name: 'gitcanary', email: 'gitcanary@example.com' },
    });
    onTestFinished(() => fresh.close());
    const status = await releaseStatus(input, fresh);
    expect(status.disagreement).toBe('istio 20%, smi 50%');
    expect(renderStatus(status, { now: new Date() })).toMatch(/Routers: +disagree: istio 20%, smi 50%/);
  });
});
