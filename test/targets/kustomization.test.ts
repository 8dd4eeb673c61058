import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GitcanaryError } from '../../src/errors.js';
import { ManifestTree } from '../../src/manifests/index.js';
import { parseSetImageArg } from '../../src/targets/image-ref.js';
import {
  type KustomizationConfig,
  kustomizationTarget,
  setImage,
  setReplicas,
} from '../../src/targets/kustomization.js';
import { type CanaryState, initialState } from '../../src/targets/types.js';
import { jsonSchemaValidator } from '../support/crd.js';
import {
  copyFixture,
  deploymentImages,
  FIXTURES,
  KUBECTL_SKIPPED,
  kustomizeBuild,
  withKubectl,
} from '../support/kubectl.js';

const PODINFO = 'ghcr.io/stefanprodan/podinfo';
const SHA = 'sha256:7f4a1b5e9b0c3d2e1f00112233445566778899aabbccddeeff00112233445566';
const OVERLAYS = ['primary', 'canary', 'staging', 'crlf', 'fresh'] as const;

function fixture(overlay: string): string {
  return readFileSync(path.join(FIXTURES, 'kustomize', 'overlays', overlay, 'kustomization.yaml'), 'utf8');
}

function treeOf(overlay: string): ManifestTree {
  return new ManifestTree({ [`overlays/${overlay}/kustomization.yaml`]: fixture(overlay) });
}

function config(overlay: string, extra: Partial<KustomizationConfig> = {}): KustomizationConfig {
  return { path: `overlays/${overlay}`, image: PODINFO, ...extra };
}

function releasing(canaryImage: string, extra: Partial<CanaryState> = {}): CanaryState {
  return { ...initialState(`${PODINFO}:6.0.0`), canaryImage, canaryWeight: 10, ...extra };
}

function written(tree: ManifestTree, overlay: string): string {
  return tree.text(`overlays/${overlay}/kustomization.yaml`);
}

function assertValidKustomization(text: string): void {
  const validate = jsonSchemaValidator('kustomization.schema.json');
  expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
}

describe('kustomization target', () => {
  it('sets newTag of the canary overlay and changes only that line', () => {
    const before = treeOf('canary');
    const after = kustomizationTarget.apply(
      before,
      config('canary'),
      releasing(`${PODINFO}:6.1.0`),
      'canary',
    );
    expect(after.changedFrom(before).map((c) => c.file)).toEqual(['overlays/canary/kustomization.yaml']);
    expect(written(after, 'canary')).toBe(
      fixture('canary').replace('  newTag: 6.0.0\n', '  newTag: 6.1.0\n'),
    );
  });

  it('writes the stable image into the primary overlay for role stable', () => {
    const state = { ...releasing(`${PODINFO}:6.1.0`), stableImage: `${PODINFO}:6.1.0` };
    const after = kustomizationTarget.apply(treeOf('primary'), config('primary'), state, 'stable');
    expect(written(after, 'primary')).toBe(fixture('primary').replace('newTag: 6.0.0', 'newTag: 6.1.0'));
  });

  it('does nothing when the role has no image', () => {
    const before = treeOf('canary');
    expect(kustomizationTarget.apply(before, config('canary'), initialState(), 'canary')).toBe(before);
    expect(kustomizationTarget.apply(before, config('canary'), initialState(), 'stable')).toBe(before);
  });

  it('keeps comments, 4-space indentation and field order when setting name, tag and digest', () => {
    const image = `registry.example.com:5000/mirror/podinfo:6.1.0@${SHA}`;
    const after = kustomizationTarget.apply(treeOf('staging'), config('staging'), releasing(image), 'canary');
    expect(
      written(after, 'staging'),
    ).toBe(`# Staging canary of podinfo, synced by Argo CD (app: podinfo-staging).
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: staging
namePrefix: staging-
resources:
    - ../../base   # the shared Deployment and Service
commonAnnotations:
    team: platform
images:
    # Bumped by the release pipeline; keep the digest pinned.
    - name: ghcr.io/stefanprodan/podinfo # upstream name in base/deployment.yaml
      newName: registry.example.com:5000/mirror/podinfo
      newTag: 6.1.0 # current stable
      digest: ${SHA}
    - name: busybox
      newTag: "1.36"
`);
  });

  it('removes newName and digest when the image has neither, as kustomize replaces the entry', () => {
    const after = kustomizationTarget.apply(
      treeOf('staging'),
      config('staging'),
      releasing(`${PODINFO}:6.1.0`),
      'canary',
    );
    expect(written(after, 'staging')).toBe(
      fixture('staging')
        .replace('      newName: registry.example.com:5000/mirror/podinfo\n', '')
        .replace('newTag: 6.0.0 # current stable', 'newTag: 6.1.0 # current stable')
        .replace(/ {6}digest: sha256:[0-9a-f]+\n/, ''),
    );
  });

  it('keeps CRLF line endings', () => {
    const after = kustomizationTarget.apply(
      treeOf('crlf'),
      config('crlf', { replicas: { name: 'podinfo' } }),
      releasing(`${PODINFO}:6.1.0`, { canaryScale: { replicas: 2 } }),
      'canary',
    );
    expect(written(after, 'crlf')).toBe(
      'apiVersion: kustomize.config.k8s.io/v1beta1\r\nkind: Kustomization\r\nresources:\r\n  - ../../base\r\n' +
        'nameSuffix: -crlf\r\nimages:\r\n  - name: ghcr.io/stefanprodan/podinfo\r\n    newTag: 6.1.0\r\n' +
        'replicas:\r\n  - name: podinfo\r\n    count: 2\r\n',
    );
  });

  it('adds the images list in the file style when the overlay has none', () => {
    const after = kustomizationTarget.apply(
      treeOf('fresh'),
      config('fresh'),
      releasing(`${PODINFO}:6.1.0`),
      'canary',
    );
    expect(written(after, 'fresh')).toBe(`apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: fresh
resources:
  - ../../base
images:
  - name: ghcr.io/stefanprodan/podinfo
    newTag: 6.1.0
`);
  });

  it('appends a new entry after the existing ones, with newName as kustomize writes it', () => {
    const after = setImage(treeOf('staging'), 'overlays/staging', parseSetImageArg('nginx=nginx:1.25'));
    expect(written(after, 'staging')).toBe(
      `${fixture('staging')}    - name: nginx\n      newName: nginx\n      newTag: "1.25"\n`,
    );
  });

  it('keeps fields given as * like kustomize edit set image', () => {
    const after = setImage(treeOf('staging'), 'overlays/staging', parseSetImageArg(`${PODINFO}=*:6.1.0@*`));
    expect(written(after, 'staging')).toBe(fixture('staging').replace('newTag: 6.0.0', 'newTag: 6.1.0'));
  });

  it('sets the canary scale in replicas: and adds the entry when absent', () => {
    const scale = releasing(`${PODINFO}:6.1.0`, { canaryScale: { replicas: 3 } });
    const canary = kustomizationTarget.apply(
      treeOf('canary'),
      config('canary', { replicas: { name: 'podinfo' } }),
      scale,
      'canary',
    );
    expect(written(canary, 'canary')).toBe(
      fixture('canary').replace('  count: 0\n', '  count: 3\n').replace('newTag: 6.0.0', 'newTag: 6.1.0'),
    );
    const fresh = setReplicas(treeOf('fresh'), 'overlays/fresh', 'podinfo', 1);
    expect(written(fresh, 'fresh')).toBe(`${fixture('fresh')}replicas:\n  - name: podinfo\n    count: 1\n`);
  });

  describe('canary scale through a release', () => {
    const scaled = config('canary', { replicas: { name: 'podinfo' } });
    const key = 'overlays/canary#podinfo';
    const canaryText = fixture('canary').replace('newTag: 6.0.0', 'newTag: 6.1.0');
    const apply = (extra: Partial<CanaryState>, cfg: KustomizationConfig = scaled) =>
      written(
        kustomizationTarget.apply(treeOf('canary'), cfg, releasing(`${PODINFO}:6.1.0`, extra), 'canary'),
        'canary',
      );

    it('reads the count before the release as the baseline, null when there is no entry', () => {
      expect(kustomizationTarget.observe(treeOf('canary'), scaled, 'canary').baselineScale).toEqual({
        [key]: 0,
      });
      expect(
        kustomizationTarget.observe(
          treeOf('fresh'),
          config('fresh', { replicas: { name: 'podinfo' } }),
          'canary',
        ).baselineScale,
      ).toEqual({ 'overlays/fresh#podinfo': null });
      expect(
        kustomizationTarget.observe(treeOf('canary'), config('canary'), 'canary').baselineScale,
      ).toBeUndefined();
    });

    it('restores the baseline count when no setCanaryScale is in effect (promotion, rollback)', () => {
      const tree = kustomizationTarget.apply(
        treeOf('canary'),
        scaled,
        releasing(`${PODINFO}:6.1.0`, { canaryScale: { replicas: 3 }, baselineScale: { [key]: 0 } }),
        'canary',
      );
      expect(written(tree, 'canary')).toContain('  count: 3\n');
      const restored = kustomizationTarget.apply(
        tree,
        scaled,
        releasing(`${PODINFO}:6.1.0`, { baselineScale: { [key]: 0 } }),
        'canary',
      );
      expect(written(restored, 'canary')).toBe(canaryText);
    });

    it('removes an entry the release added when there was none before', () => {
      const fresh = config('fresh', { replicas: { name: 'podinfo' } });
      const baselineScale = { 'overlays/fresh#podinfo': null };
      const added = kustomizationTarget.apply(
        treeOf('fresh'),
        fresh,
        releasing(`${PODINFO}:6.1.0`, { canaryScale: { replicas: 1 }, baselineScale }),
        'canary',
      );
      expect(written(added, 'fresh')).toContain('replicas:\n  - name: podinfo\n    count: 1\n');
      const restored = kustomizationTarget.apply(
        added,
        fresh,
        releasing(`${PODINFO}:6.1.0`, { baselineScale }),
        'canary',
      );
      expect(written(restored, 'fresh')).toBe(
        `${fixture('fresh')}images:\n  - name: ghcr.io/stefanprodan/podinfo\n    newTag: 6.1.0\n`,
      );
      expect(written(restored, 'fresh')).not.toContain('replicas:');
    });

    it('refuses a replicas entry whose count is not a whole number, naming the field', () => {
      const tree = new ManifestTree({
        'overlays/canary/kustomization.yaml': fixture('canary').replace('  count: 0\n', '  count: two\n'),
      });
      const error = catchError(() => kustomizationTarget.observe(tree, scaled, 'canary'));
      expect(error.code).toBe('FIELD_INVALID');
      expect(error.place).toEqual({ file: 'overlays/canary/kustomization.yaml', field: 'replicas[0].count' });
    });

    it('leaves the count alone outside a release (no baseline known)', () => {
      expect(apply({})).toBe(canaryText);
    });

    it('computes weight and matchTrafficWeight as ceil(total × percent / 100), like Argo Rollouts', () => {
      const total = config('canary', { replicas: { name: 'podinfo', total: 5 } });
      expect(apply({ canaryScale: { weight: 30 } }, total)).toBe(canaryText.replace('count: 0', 'count: 2'));
      expect(apply({ canaryWeight: 10, canaryScale: { matchTrafficWeight: true } }, total)).toBe(
        canaryText.replace('count: 0', 'count: 1'),
      );
      expect(apply({ canaryWeight: 100, canaryScale: { matchTrafficWeight: true } }, total)).toBe(
        canaryText.replace('count: 0', 'count: 5'),
      );
      // Without a total, the count before the release is the base.
      expect(apply({ canaryScale: { weight: 50 }, baselineScale: { [key]: 4 } })).toBe(
        canaryText.replace('count: 0', 'count: 2'),
      );
    });

    it('refuses weight without a total to take it from, naming the field', () => {
      const error = catchError(() => apply({ canaryScale: { weight: 50 }, baselineScale: { [key]: null } }));
      expect(error.code).toBe('FIELD_INVALID');
      expect(error.message).toMatch(/setCanaryScale weight needs a total replica count/);
      expect(error.place.field).toBe('kustomization.replicas.total');
    });
  });

  it('refuses a negative replica count', () => {
    expect(() => setReplicas(treeOf('canary'), 'overlays/canary', 'podinfo', -1)).toThrow(/whole number/);
  });

  it('reads the image back as the reference kustomize renders', () => {
    expect(kustomizationTarget.observe(treeOf('staging'), config('staging'), 'canary')).toEqual({
      canaryImage: `registry.example.com:5000/mirror/podinfo:6.0.0@sha256:2ac8d5ea9c0aa7b8d4b0b4a5a0b8d7c0bbf5e7c1f3f0a8a1ed0c2a6f5b3c4d5e`,
    });
    expect(kustomizationTarget.observe(treeOf('primary'), config('primary'), 'stable')).toEqual({
      stableImage: `${PODINFO}:6.0.0`,
    });
    expect(kustomizationTarget.observe(treeOf('fresh'), config('fresh'), 'canary')).toEqual({});
  });

  it('accepts the file itself as path', () => {
    const after = kustomizationTarget.apply(
      treeOf('canary'),
      config('canary', { path: 'overlays/canary/kustomization.yaml' }),
      releasing(`${PODINFO}:6.1.0`),
      'canary',
    );
    expect(written(after, 'canary')).toContain('newTag: 6.1.0');
  });

  it('names the files it looked for when the folder has no kustomization', () => {
    const error = catchError(() =>
      kustomizationTarget.apply(treeOf('canary'), config('base'), releasing(`${PODINFO}:6.1.0`), 'canary'),
    );
    expect(error.code).toBe('FILE_NOT_FOUND');
    expect(error.hint).toBe(
      'expected overlays/base/kustomization.yaml, overlays/base/kustomization.yml, overlays/base/Kustomization',
    );
  });

  it('refuses a folder with two kustomization files, as kustomize does', () => {
    const tree = treeOf('canary').with('overlays/canary/Kustomization', fixture('canary'));
    expect(catchError(() => kustomizationTarget.observe(tree, config('canary'), 'canary')).code).toBe(
      'RESOURCE_DUPLICATE',
    );
  });

  it('refuses a file that is not a Kustomization', () => {
    const tree = new ManifestTree({ 'k/kustomization.yaml': 'apiVersion: v1\nkind: ConfigMap\n' });
    expect(
      catchError(() => kustomizationTarget.observe(tree, { path: 'k', image: 'x' }, 'canary')).code,
    ).toBe('FIELD_INVALID');
  });

  it('validates its config', () => {
    expect(
      kustomizationTarget.configSchema.safeParse({ path: 'overlays/canary', image: PODINFO }).success,
    ).toBe(true);
    expect(kustomizationTarget.configSchema.safeParse({ path: 'overlays/canary' }).success).toBe(false);
    expect(kustomizationTarget.files(config('canary'))).toEqual(['overlays/canary']);
  });

  it.each(OVERLAYS)(
    'writes a %s overlay that still validates against the kustomization schema',
    (overlay) => {
      const state = releasing(`registry.example.com:5000/mirror/podinfo:6.1.0@${SHA}`, {
        canaryScale: { replicas: 2 },
      });
      const after = kustomizationTarget.apply(
        treeOf(overlay),
        config(overlay, { replicas: { name: 'podinfo' } }),
        state,
        'canary',
      );
      assertValidKustomization(fixture(overlay));
      assertValidKustomization(written(after, overlay));
    },
  );
});

if (!withKubectl) console.warn(KUBECTL_SKIPPED);
describe.runIf(withKubectl)('kubectl kustomize on the edited overlays', () => {
  const renderedName: Record<(typeof OVERLAYS)[number], string> = {
    primary: 'podinfo-primary',
    canary: 'podinfo-canary',
    staging: 'staging-podinfo',
    crlf: 'podinfo-crlf',
    fresh: 'podinfo',
  };

  it.each(OVERLAYS)('builds %s with the new image and replica count', async (overlay) => {
    const dir = await copyFixture('kustomize');
    const file = `overlays/${overlay}/kustomization.yaml`;
    const before = new ManifestTree({ [file]: readFileSync(path.join(dir, file), 'utf8') });
    const image = `registry.example.com:5000/mirror/podinfo:6.1.0@${SHA}`;
    const after = kustomizationTarget.apply(
      before,
      config(overlay, { replicas: { name: 'podinfo' } }),
      releasing(image, { canaryScale: { replicas: 2 } }),
      'canary',
    );
    await writeFile(path.join(dir, file), after.text(file));
    const resources = await kustomizeBuild(path.join(dir, 'overlays', overlay));
    expect(deploymentImages(resources, renderedName[overlay])).toEqual({ podinfod: image });
    const deployment = resources.find((r) => r.kind === 'Deployment');
    expect(deployment?.spec?.replicas).toBe(2);
  });
});

function catchError(fn: () => unknown): GitcanaryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected a GitcanaryError');
}
