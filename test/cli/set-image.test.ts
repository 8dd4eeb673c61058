import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { FIXTURES } from '../support/kubectl.js';

// `gitcanary set image` through the real binary in a temp copy of the fixtures.

const PODINFO = 'ghcr.io/stefanprodan/podinfo';
const SHA = 'sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3';
const CANARY = 'kustomize/overlays/canary/kustomization.yaml';

let cwd: string;

beforeEach(async () => {
  cwd = await mkdtemp(path.join(tmpdir(), 'gitcanary-set-image-'));
  await cp(path.join(FIXTURES, 'kustomize'), path.join(cwd, 'kustomize'), { recursive: true });
  await cp(path.join(FIXTURES, 'rollout'), path.join(cwd, 'rollout'), { recursive: true });
});

async function gitcanary(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('node', [...CLI, 'set', 'image', ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

const original = (file: string) => readFile(path.join(FIXTURES, file), 'utf8');
const current = (file: string) => readFile(path.join(cwd, file), 'utf8');

describe('gitcanary set image (kustomization)', () => {
  it('sets a tag in the folder kustomization silently and exits 0', async () => {
    const result = await gitcanary('--file', 'kustomize/overlays/canary', `${PODINFO}:6.1.0`);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await current(CANARY)).toBe((await original(CANARY)).replace('newTag: 6.0.0', 'newTag: 6.1.0'));
  });

  it('takes name=newName:newTag@digest and prints the file with --verbose', async () => {
    const result = await gitcanary(
      '--verbose',
      '--file',
      CANARY,
      `${PODINFO}=localhost:5000/podinfo:6.1.0@${SHA}`,
    );
    expect(result).toEqual({ code: 0, stdout: `wrote ${CANARY}\n`, stderr: '' });
    expect(await current(CANARY)).toBe(
      (await original(CANARY)).replace(
        '  newTag: 6.0.0\n',
        `  newTag: 6.1.0\n  newName: localhost:5000/podinfo\n  digest: ${SHA}\n`,
      ),
    );
  });

  it('applies several arguments like kustomize, adding new entries', async () => {
    const file = 'kustomize/overlays/fresh/kustomization.yaml';
    const result = await gitcanary('--file', 'kustomize/overlays/fresh', `${PODINFO}@${SHA}`, 'busybox:1.36');
    expect(result.code).toBe(0);
    expect(await current(file)).toBe(
      `${await original(file)}images:\n  - name: ${PODINFO}\n    digest: ${SHA}\n  - name: busybox\n    newTag: "1.36"\n`,
    );
  });

  it('reports unchanged with --verbose when the image is already set', async () => {
    const result = await gitcanary('-v', '--file', 'kustomize/overlays/canary', `${PODINFO}:6.0.0`);
    expect(result).toEqual({ code: 0, stdout: 'unchanged\n', stderr: '' });
  });

  it('exits 2 and leaves the file untouched on a bad digest, even after a good argument', async () => {
    const result = await gitcanary(
      '--file',
      'kustomize/overlays/canary',
      `${PODINFO}:6.1.0`,
      'busybox@sha256:abc',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'error: invalid image reference `busybox@sha256:abc`: a sha256 digest is 64 lowercase hex characters ' +
        '(hint: use name=newName:newTag@digest, name=newName, name:newTag or name@digest)\n',
    );
    expect(await current(CANARY)).toBe(await original(CANARY));
  });

  it('exits 2 when the folder has no kustomization', async () => {
    const result = await gitcanary('--file', 'rollout', `${PODINFO}:6.1.0`);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^error: rollout: no kustomization file found \(hint: expected rollout\/kustomization\.yaml/,
    );
  });

  it('refuses paths outside the working directory, also through a symlink', async () => {
    expect((await gitcanary('--file', '../kustomize', `${PODINFO}:6.1.0`)).code).toBe(2);
    const outside = await mkdtemp(path.join(tmpdir(), 'gitcanary-outside-'));
    await mkdir(path.join(outside, 'k'));
    await symlink(path.join(outside, 'k'), path.join(cwd, 'link'));
    const result = await gitcanary('--file', 'link', `${PODINFO}:6.1.0`);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing path: it resolves through a symlink');
  });

  it('exits 2 on a missing argument', async () => {
    expect((await gitcanary('--file', 'kustomize/overlays/canary')).code).toBe(2);
  });
});

describe('gitcanary set image --rollout', () => {
  const ROLLOUT = 'rollout/rollout.yaml';

  it('sets the first container image, changing one line', async () => {
    const result = await gitcanary(
      '--file',
      ROLLOUT,
      '--rollout',
      'rollout-apisix-canary',
      'argoproj/rollouts-demo:yellow',
    );
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await current(ROLLOUT)).toBe(
      (await original(ROLLOUT)).replace('rollouts-demo:blue', 'rollouts-demo:yellow'),
    );
  });

  it('finds the Rollout in a folder and sets the named container', async () => {
    const file = 'rollout/rollout-commented.yaml';
    const result = await gitcanary(
      '-v',
      '--file',
      'rollout',
      '--rollout',
      'rollouts-demo',
      '--container',
      'log-shipper',
      'docker.io/fluent/fluent-bit:3.1',
    );
    expect(result).toEqual({ code: 0, stdout: `wrote ${file}\n`, stderr: '' });
    expect(await current(file)).toBe((await original(file)).replace('fluent-bit:3.0', 'fluent-bit:3.1'));
  });

  it('accepts container=image like kubectl argo rollouts set image', async () => {
    const result = await gitcanary(
      '--file',
      ROLLOUT,
      '--rollout',
      'rollout-apisix-canary',
      'rollout-apisix-canary=argoproj/rollouts-demo:red',
    );
    expect(result.code).toBe(0);
    expect(await current(ROLLOUT)).toContain('image: argoproj/rollouts-demo:red\n');
  });

  it.each([
    [
      ['--rollout', 'nope', 'argoproj/rollouts-demo:red'],
      'error: rollout/rollout.yaml: Rollout/nope: resource not found',
    ],
    [
      ['--rollout', 'rollout-apisix-canary', '--container', 'x', 'argoproj/rollouts-demo:red'],
      'no container named x',
    ],
    [['--rollout', 'rollout-apisix-canary', 'a:1', 'b:2'], 'give exactly one image reference'],
    [['--rollout', 'rollout-apisix-canary', 'Argo/Demo:red'], 'is not a valid image name'],
  ])('exits 2 and leaves the Rollout untouched for %j', async (args, message) => {
    const result = await gitcanary('--file', ROLLOUT, ...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(await current(ROLLOUT)).toBe(await original(ROLLOUT));
  });
});
