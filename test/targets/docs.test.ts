import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseConfig } from '../../src/config/index.js';

// Every YAML snippet of docs/routers.md is a `traffic:` (with the `baseline:` it needs) or
// `workload:`/`stable:` block that the real config schema accepts, placed in a release.

const DOC = path.join(import.meta.dirname, '..', '..', 'docs', 'routers.md');
const snippets = [...readFileSync(DOC, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

const indent = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

describe('docs/routers.md', () => {
  it('has a snippet for every router and the workloads', () => {
    const keys = snippets.flatMap((text) => {
      const block = parse(text) as {
        traffic?: Record<string, unknown>[];
        workload?: object;
        stable?: object;
      };
      return [
        ...(block.traffic ?? []).flatMap((item) => Object.keys(item)),
        ...Object.keys(block.workload ?? {}),
        ...Object.keys(block.stable ?? {}),
      ];
    });
    expect([...new Set(keys)].sort()).toEqual(
      [
        'alb',
        'ambassador',
        'apisix',
        'deployment',
        'gatewayAPI',
        'helm',
        'istio',
        'nginx',
        'smi',
        'traefik',
      ].sort(),
    );
  });

  it.each(snippets.map((text, index) => [index + 1, text]))(
    'snippet %i loads as part of a release',
    async (_, text) => {
      const block = parse(text) as Record<string, unknown>;
      const traffic = 'traffic' in block ? indent(text) : '  traffic: []';
      const workload =
        'workload' in block
          ? indent(text)
          : '  workload:\n    kustomization: { path: apps/podinfo/canary, image: podinfo }';
      const release = `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata: { name: podinfo }
spec:
  git: { repo: ./gitops.git }
${workload}
${traffic}
  steps: [{ pause: { duration: 1s } }]
`;
      await parseConfig(release, 'docs/routers.md');
    },
  );
});
