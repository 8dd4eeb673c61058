import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyState } from '../../src/engine/apply.js';
import type { BoundTarget } from '../../src/engine/types.js';
import { GitcanaryError } from '../../src/errors.js';
import { loadTree } from '../../src/manifests/index.js';
import { targetFor } from '../../src/targets/registry.js';
import { initialState } from '../../src/targets/types.js';

// A Rollout whose own trafficRouting names NGINX, SMI or Ambassador has the Argo Rollouts
// controller create that router's canary object; gitcanary writing it too would fight it.

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures');

/** fixtures/rollout/rollout.yaml with its trafficRouting.apisix replaced by `routing`. */
async function repoWith(routing: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'gitcanary-controller-'));
  const rollout = await readFile(path.join(FIXTURES, 'rollout', 'rollout.yaml'), 'utf8');
  const apisix =
    '        apisix:\n          route:\n            name: rollouts-apisix-route\n            rules:\n              - rollouts-apisix\n';
  expect(rollout).toContain(apisix);
  await writeFile(path.join(dir, 'rollout.yaml'), rollout.replace(apisix, routing));
  for (const [from, to] of [
    ['routers/nginx/nginx-template.yaml', 'nginx.yaml'],
    ['routers/smi/canary.yaml', 'smi.yaml'],
    ['routers/ambassador/echo-mapping.yaml', 'ambassador.yaml'],
    ['apisix/argo-rollouts/route.yaml', 'route.yaml'],
  ] as const) {
    await writeFile(path.join(dir, to), await readFile(path.join(FIXTURES, from), 'utf8'));
  }
  return dir;
}

const ROUTERS: Record<string, unknown> = {
  nginx: {
    file: 'nginx.yaml',
    stableIngress: 'nginx-canary-ingress',
    stableService: 'nginx-canary-stable',
    canaryService: 'nginx-canary-canary',
  },
  smi: {
    file: 'smi.yaml',
    trafficSplitName: 'canary',
    stableService: 'website-v1',
    canaryService: 'website-v2',
  },
  ambassador: {
    file: 'ambassador.yaml',
    mappings: ['echo'],
    stableService: 'echo-stable',
    canaryService: 'echo-canary',
  },
  apisix: {
    file: 'route.yaml',
    route: 'rollouts-apisix-route',
    stableService: 'rollout-apisix-canary-stable',
    canaryService: 'rollout-apisix-canary-canary',
  },
};

function bound(router: string): BoundTarget[] {
  const rollout = targetFor('rollout')!;
  const traffic = targetFor(router)!;
  return [
    {
      target: rollout,
      config: rollout.configSchema.parse({ file: 'rollout.yaml', name: 'rollout-apisix-canary' }),
      role: 'canary',
    },
    { target: traffic, config: traffic.configSchema.parse(ROUTERS[router]), role: 'canary' },
  ];
}

const state = {
  ...initialState('argoproj/rollouts-demo:blue'),
  canaryImage: 'argoproj/rollouts-demo:green',
  canaryWeight: 20,
};

describe('routers whose canary object Argo Rollouts generates', () => {
  for (const [router, routing, upstream] of [
    ['nginx', '        nginx:\n          stableIngress: nginx-canary-ingress\n', 'nginx/nginx.go'],
    ['smi', '        smi:\n          trafficSplitName: canary\n', 'smi/smi.go'],
    [
      'ambassador',
      '        ambassador:\n          mappings:\n            - echo\n',
      'ambassador/ambassador.go',
    ],
  ] as const) {
    it(`refuses ${router} next to a Rollout whose trafficRouting names ${router}`, async () => {
      const dir = await repoWith(routing);
      const targets = bound(router);
      const tree = await loadTree(dir, ['rollout.yaml', `${router}.yaml`]);
      let error: unknown;
      try {
        applyState(targets, tree, state);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(GitcanaryError);
      const refused = error as GitcanaryError;
      expect(refused.code).toBe('CONFIG_INVALID');
      expect(refused.place.field).toBe(`spec.traffic.${router}`);
      expect(refused.message).toContain(`routes traffic through ${router} itself`);
      expect(refused.message).toContain(upstream);
      expect(refused.hint).toContain(`trafficRouting.${router}`);
    });

    it(`lets ${router} be written next to a Rollout whose trafficRouting names another router`, async () => {
      const dir = await repoWith(
        '        apisix:\n          route:\n            name: rollouts-apisix-route\n',
      );
      const tree = await loadTree(dir, ['rollout.yaml', `${router}.yaml`]);
      const next = applyState(bound(router), tree, state);
      expect(next.changedFrom(tree).map((change) => change.file)).toContain('rollout.yaml');
    });
  }

  it('lets APISIX be written next to a Rollout that routes through APISIX too (Git says what the controller sets)', async () => {
    const dir = await repoWith(
      '        apisix:\n          route:\n            name: rollouts-apisix-route\n',
    );
    const tree = await loadTree(dir, ['rollout.yaml', 'route.yaml']);
    const next = applyState(bound('apisix'), tree, state);
    expect(
      next
        .changedFrom(tree)
        .map((change) => change.file)
        .sort(),
    ).toEqual(['rollout.yaml', 'route.yaml']);
  });
});
