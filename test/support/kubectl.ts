import { execFile, spawnSync } from 'node:child_process';
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';

// Real `kubectl kustomize` (kustomize v5 built in) on a temp copy of a fixture: proves an edited
// overlay still builds and shows what the cluster would receive.

const run = promisify(execFile);

/** Tests that build overlays run where kubectl is, and always in CI (CI=true), like the Prometheus ones. */
export const withKubectl =
  spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0 ||
  process.env.CI === 'true';

export const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures');

/** A fresh copy of `fixtures/<name>` in a temp folder; returns the copy's path. */
export async function copyFixture(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `gitcanary-${name}-`));
  await cp(path.join(FIXTURES, name), dir, { recursive: true });
  return dir;
}

export interface RenderedResource {
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: { replicas?: number; template?: { spec?: { containers?: { name: string; image: string }[] } } };
}

/** `kubectl kustomize <dir>` parsed into resources. */
export async function kustomizeBuild(dir: string): Promise<RenderedResource[]> {
  const { stdout } = await run('kubectl', ['kustomize', dir], { maxBuffer: 16 * 1024 * 1024 });
  return parseAllDocuments(stdout).flatMap((doc) => (doc.contents ? [doc.toJS() as RenderedResource] : []));
}

/** Images of the containers of the rendered Deployment named `name`. */
export function deploymentImages(resources: RenderedResource[], name: string): Record<string, string> {
  const deployment = resources.find((r) => r.kind === 'Deployment' && r.metadata.name === name);
  if (!deployment)
    throw new Error(`no Deployment ${name} in ${resources.map((r) => r.metadata.name).join(', ')}`);
  return Object.fromEntries(
    (deployment.spec?.template?.spec?.containers ?? []).map((c) => [c.name, c.image]),
  );
}
