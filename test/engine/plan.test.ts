import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { observeImages } from '../../src/engine/apply.js';
import { checkPlannedTrees, planTrees } from '../../src/engine/plan.js';
import { releaseInput } from '../../src/engine/setup.js';
import { imagesFromObservation } from '../../src/engine/state.js';
import { GitcanaryError } from '../../src/errors.js';
import { ManifestTree } from '../../src/manifests/index.js';

// Before its first commit the engine applies every state a release can commit, in memory. On a
// file of many documents each planned edit replaces one document's text and shares the rest of
// the file: a step that cannot be written must still be refused there, located in the file, and
// each planned tree must read as the whole file edited.

const IMAGE = 'ghcr.io/stefanprodan/podinfo';

const kustomization = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../base
images:
  - name: ${IMAGE}
    newTag: 6.0.0
`;

const configMap = (i: number) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: v\n`;

/** A VirtualService whose `http` list is written in flow style: header routes cannot go first in it. */
const virtualService = `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: reviews
spec:
  hosts: [reviews]
  http: [{name: primary, route: [{destination: {host: reviews-stable}, weight: 100}, {destination: {host: reviews-canary}, weight: 0}]}]
`;

/** 400 ConfigMaps with the VirtualService as document 300. */
function routes(): string {
  const docs = Array.from({ length: 400 }, (_, i) => configMap(i));
  docs[300] = virtualService;
  return docs.join('---\n');
}

async function release(steps: string): Promise<ReturnType<typeof releaseInput>> {
  const config = `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata: { name: reviews, namespace: test }
spec:
  git: { repo: https://example.com/gitops.git, branch: main }
  workload:
    kustomization: { path: canary, image: ${IMAGE} }
  traffic:
    - istio:
        file: routes.yaml
        virtualService: { name: reviews, routes: [primary] }
        stableService: reviews-stable
        canaryService: reviews-canary
  steps:
${steps}`;
  return releaseInput(await parseConfig(config, path.join('/nowhere', 'gitcanary.yaml')));
}

async function plan(steps: string) {
  const input = await release(steps);
  const base = new ManifestTree({ 'canary/kustomization.yaml': kustomization, 'routes.yaml': routes() });
  const images = imagesFromObservation(`${IMAGE}:6.1.0`, observeImages(input.targets, base));
  return { input, base, images };
}

describe('the planned check of a release on a file of many documents', () => {
  it('refuses a step it cannot write before anything is committed, at its place in the file', async () => {
    const { input, base, images } = await plan(`    - setWeight: 20
    - setHeaderRoute: { name: beta, match: [{ headerName: x-beta, headerValue: { exact: "1" } }] }
    - setWeight: 50
    - promote: {}
`);
    const httpLine = routes().split('\n').indexOf(virtualService.split('\n')[6]!) + 1;

    let refused: unknown;
    try {
      checkPlannedTrees(input, base, images);
    } catch (error) {
      refused = error;
    }

    expect(refused).toBeInstanceOf(GitcanaryError);
    expect(refused).toMatchObject({
      code: 'FIELD_INVALID',
      message: 'cannot insert routes before a list that is empty or in flow style',
      place: { file: 'routes.yaml', line: httpLine, resource: 'VirtualService/reviews', field: 'spec.http' },
    });
  });

  it('plans each step as the whole file edited in that one document', async () => {
    const { input, base, images } = await plan(
      '    - setWeight: 20\n    - setWeight: 50\n    - promote: {}\n',
    );
    const text = base.text('routes.yaml');
    const at = (canary: number) =>
      text.replace(
        'weight: 100}, {destination: {host: reviews-canary}, weight: 0}',
        `weight: ${100 - canary}}, {destination: {host: reviews-canary}, weight: ${canary}}`,
      );

    const trees = [...planTrees(input, base, images)];

    // Promotion returns all traffic to the stable (this release has no stable workload to update).
    expect(trees.map((tree) => tree.summary)).toEqual([
      `start canary of ${IMAGE}:6.1.0`,
      'setWeight 20',
      'setWeight 50',
      'promote',
      'finish',
    ]);
    expect(trees.map((tree) => tree.after.text('routes.yaml'))).toEqual([
      at(0),
      at(20),
      at(50),
      at(0),
      at(0),
    ]);
    expect(trees.map((tree) => tree.after.changedFiles(tree.before))).toEqual([
      ['canary/kustomization.yaml'],
      ['routes.yaml'],
      ['routes.yaml'],
      ['routes.yaml'],
      [],
    ]);
    // Back at its first bytes: the route file no longer differs from the one read.
    expect(trees[3]!.after.changedFiles(base)).toEqual(['canary/kustomization.yaml']);
  });
});
