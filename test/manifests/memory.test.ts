import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps, git } from '../support/gitops.js';

// Memory follows what the release touches: the real CLI in a node whose heap is capped far below
// what parsing everything needed (V8 aborted at ~4 GB before), on a searched folder holding a 7 MB
// file of 100k unrelated documents, and on a 30 MB manifest holding the route among 100k others.
// Figures (peak RSS, times, ratios) are in bench/manifest-memory.ts.

// Planning a release edits one document of the file per committed state and shares the rest of
// its text between the planned trees: this heap holds the file as read (twice while validating:
// once to observe, once to plan), not a copy per committed state (9 × 30 MB here, which needed
// 384 MB) nor its parse (> 4 GB).
const HEAP_30MB = 160;

/** 100k ConfigMaps, about 7 MB: nothing a release of podinfo reads. */
function unrelatedDocuments(): string {
  return Array.from(
    { length: 100_000 },
    (_, i) => `kind: ConfigMap\nmetadata: {name: cm-${i}, namespace: other}\ndata: {k: v}\n`,
  ).join('---\n');
}

/** About 30 MB of other apps' ApisixRoutes with podinfo's route in the middle. */
function bigRouteFile(route: string): string {
  const other = (n: number) =>
    `apiVersion: apisix.apache.org/v2\nkind: ApisixRoute\nmetadata:\n  name: other-${n}\n  namespace: test\nspec:\n  http:\n    - name: method\n      match:\n        hosts: [a${n}.example.com]\n        paths: [/*]\n      backends:\n        - serviceName: svc-${n}\n          servicePort: 80\n          weight: 100\n`;
  const docs = Array.from({ length: 104_000 }, (_, n) => other(n));
  docs.splice(52_000, 0, `${route.replace(/^#.*\n/, '')}\n`);
  return docs.join('---\n');
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function gitcanary(maxOldSpaceMb: number, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`--max-old-space-size=${maxOldSpaceMb}`, ...CLI, ...args],
      { maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

let ops: GitOps;
let clone: string;

beforeAll(() => {
  ops = createGitOps(demoConfig());
  clone = ops.clone('seed-big');
  writeFileSync(path.join(clone, 'apps/podinfo/routes/unrelated.yaml'), unrelatedDocuments());
  mkdirSync(path.join(clone, 'big'));
  const route = git(clone, 'show', 'HEAD:apps/podinfo/routes/route.yaml');
  writeFileSync(path.join(clone, 'big/routes.yaml'), bigRouteFile(route));
  git(clone, 'add', '--all');
  git(clone, 'commit', '--quiet', '-m', 'other apps');
  git(clone, 'push', '--quiet', 'origin', 'HEAD:main');
}, 120_000);

afterAll(() => ops.dispose());

describe('memory stays bounded by what the release touches', () => {
  it('runs a release whose route folder holds a 7 MB file of 100k unrelated documents, in a 128 MB heap', async () => {
    ops.writeConfig(
      demoConfig().replace('file: apps/podinfo/routes/route.yaml', 'file: apps/podinfo/routes'),
    );

    const validate = await gitcanary(128, ['validate', '--config', ops.config]);
    expect(validate.code, validate.stderr).toBe(0);
    const run = await gitcanary(128, ['step', '--config', ops.config, '--image', CANARY_IMAGE]);

    expect(run.code, run.stderr).toBe(0);
    expect(ops.log().at(-1)?.subject).toBe(`gitcanary(podinfo): start canary of ${CANARY_IMAGE} [0/12]`);
  }, 180_000);

  it('validates every step of a release on a 30 MB manifest in a 160 MB heap', async () => {
    ops.writeConfig(
      demoConfig().replace(
        'file: apps/podinfo/routes/route.yaml',
        'file: big/routes.yaml\n        headerRouteFile: big/podinfo-routes.yaml',
      ),
    );

    const validate = await gitcanary(HEAP_30MB, ['validate', '--config', ops.config]);

    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('ok  apisix (canary): canaryWeight=0');
    expect(validate.stdout).toContain('steps apply to the manifests');
  }, 180_000);
  it('sets a weight in the 30 MB manifest without --router in a 160 MB heap: detection parses one route', async () => {
    const file = path.join(clone, 'big/routes.yaml');
    const before = readFileSync(file, 'utf8');
    const route = before.indexOf('  name: podinfo\n');
    const expected =
      before.slice(0, route) +
      before.slice(route).replace('weight: 100\n', 'weight: 75\n').replace('weight: 0\n', 'weight: 25\n');

    const set = await gitcanary(HEAP_30MB, ['set', 'weight', '--file', file, '--route', 'podinfo', '25']);

    expect(set.code, set.stderr).toBe(0);
    // Compared as a boolean: a 30 MB diff is no help to read.
    expect(readFileSync(file, 'utf8') === expected).toBe(true);
  }, 180_000);
});
