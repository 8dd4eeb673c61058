import { describe, expect, it } from 'vitest';
import { ManifestTree } from '../../src/manifests/index.js';
import { deploymentTarget } from '../../src/targets/deployment.js';
import { helmTarget } from '../../src/targets/helm.js';
import { type CanaryState, initialState } from '../../src/targets/types.js';
import { assertValidManifests } from '../support/k8s.js';

// Plain Deployments and Helm values as workloads: one line per changed value, read back exactly.

const DEPLOYMENT = `# podinfo canary, applied as it is (no kustomize)
apiVersion: apps/v1
kind: Deployment
metadata:
  name: podinfo
  namespace: test
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
        - name: sidecar
          image: envoyproxy/envoy:v1.31.0
        - name: podinfod
          image: ghcr.io/stefanprodan/podinfo:6.0.0 # bumped by gitcanary
          ports:
            - containerPort: 9898
`;

const VALUES = `replicaCount: 2
image:
  repository: ghcr.io/stefanprodan/podinfo
  tag: "6.0.0"
  pullPolicy: IfNotPresent
`;

const release = (canaryImage: string | undefined, extra: Partial<CanaryState> = {}): CanaryState => ({
  ...initialState('ghcr.io/stefanprodan/podinfo:6.0.0'),
  canaryImage,
  baselineScale: { 'deploy.yaml#Deployment/podinfo': 2 },
  ...extra,
});

describe('deployment workload', () => {
  const config = deploymentTarget.configSchema.parse({
    file: 'deploy.yaml',
    name: 'podinfo',
    container: 'podinfod',
  });
  const tree = new ManifestTree({ 'deploy.yaml': DEPLOYMENT });

  it("sets the named container's image on its one line, keeping the comment", () => {
    const next = deploymentTarget.apply(
      tree,
      config,
      release('ghcr.io/stefanprodan/podinfo:6.1.0'),
      'canary',
    );
    expect(next.text('deploy.yaml')).toBe(
      DEPLOYMENT.replace('podinfo:6.0.0 # bumped', 'podinfo:6.1.0 # bumped'),
    );
    expect(deploymentTarget.observe(next, config, 'canary')).toEqual({
      canaryImage: 'ghcr.io/stefanprodan/podinfo:6.1.0',
      baselineScale: { 'deploy.yaml#Deployment/podinfo': 2 },
    });
    assertValidManifests(next.text('deploy.yaml'));
  });

  it('scales the canary as Argo Rollouts computes it, and back to its count before the release', () => {
    const scaled = deploymentTarget.apply(
      tree,
      config,
      release('ghcr.io/stefanprodan/podinfo:6.1.0', {
        canaryWeight: 30,
        canaryScale: { matchTrafficWeight: true },
      }),
      'canary',
    );
    expect(scaled.text('deploy.yaml')).toContain('  replicas: 1\n');
    const back = deploymentTarget.apply(scaled, config, release(undefined), 'canary');
    expect(back.text('deploy.yaml')).toContain('  replicas: 2\n');
  });

  it('names the containers when the one configured is not there', () => {
    const wrong = deploymentTarget.configSchema.parse({
      file: 'deploy.yaml',
      name: 'podinfo',
      container: 'app',
    });
    expect(() => deploymentTarget.apply(tree, wrong, release('x:1'), 'canary')).toThrow(
      /no container named app/,
    );
  });
});

describe('helm workload', () => {
  const config = helmTarget.configSchema.parse({
    file: 'values.yaml',
    image: { repository: 'image.repository', tag: 'image.tag' },
  });
  const tree = new ManifestTree({ 'values.yaml': VALUES });

  it('writes the tag in place, quoted as the file quotes it, and reads the image back', () => {
    const next = helmTarget.apply(tree, config, release('ghcr.io/stefanprodan/podinfo:6.10'), 'canary');
    expect(next.text('values.yaml')).toBe(VALUES.replace('"6.0.0"', '"6.10"'));
    expect(helmTarget.observe(next, config, 'canary')).toEqual({
      canaryImage: 'ghcr.io/stefanprodan/podinfo:6.10',
    });
  });

  it('writes the stable image into the primary values on promotion', () => {
    const next = helmTarget.apply(
      tree,
      config,
      { ...release(undefined), stableImage: 'ghcr.io/stefanprodan/podinfo:6.1.0' },
      'stable',
    );
    expect(helmTarget.observe(next, config, 'stable')).toEqual({
      stableImage: 'ghcr.io/stefanprodan/podinfo:6.1.0',
    });
  });

  it('refuses a value path that is not a dotted key path', () => {
    expect(
      helmTarget.configSchema.safeParse({
        file: 'v.yaml',
        image: { repository: 'image[0]', tag: 'image.tag' },
      }).success,
    ).toBe(false);
  });
});

describe('workloads that cannot carry every role', () => {
  const deployment = deploymentTarget.configSchema.parse({ file: 'deploy.yaml', name: 'podinfo' });
  const helm = helmTarget.configSchema.parse({
    file: 'values.yaml',
    image: { repository: 'image.repository', tag: 'image.tag' },
  });
  const tree = new ManifestTree({ 'deploy.yaml': DEPLOYMENT, 'values.yaml': VALUES });

  it('refuses a deployment or helm values file as the judge baseline, naming the field', () => {
    const state = release('ghcr.io/stefanprodan/podinfo:6.1.0');
    expect(() => deploymentTarget.apply(tree, deployment, state, 'baseline')).toThrow(
      expect.objectContaining({ message: expect.stringContaining('cannot be the baseline workload') }),
    );
    expect(() => helmTarget.apply(tree, helm, state, 'baseline')).toThrow(
      expect.objectContaining({ place: expect.objectContaining({ field: 'spec.baseline.helm' }) }),
    );
  });

  it('refuses setCanaryScale on a helm values file instead of losing it', () => {
    const state = release('ghcr.io/stefanprodan/podinfo:6.1.0', { canaryScale: { replicas: 1 } });
    expect(() => helmTarget.apply(tree, helm, state, 'canary')).toThrow(
      expect.objectContaining({ place: expect.objectContaining({ field: 'spec.workload.helm' }) }),
    );
    expect(() => helmTarget.apply(tree, helm, state, 'stable')).not.toThrow();
  });
});
