import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type LoadedConfig, loadConfig, parseConfig } from '../../src/config/index.js';
import { GitcanaryError } from '../../src/errors.js';
import { testTargets } from './targets.js';

const targets = testTargets;
const fixture = (name: string) => `fixtures/config/${name}`;

async function loadError(file: string): Promise<GitcanaryError> {
  try {
    await loadConfig(file, { targets });
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error(`${file} loaded without error`);
}

describe('loadConfig: valid configs', () => {
  it('parses the Flagger-shaped APISIX podinfo release to its exact typed object', async () => {
    const loaded: LoadedConfig = await loadConfig(fixture('valid/podinfo-flagger-apisix.yaml'), { targets });
    expect(loaded.dir).toBe(path.resolve('fixtures/config/valid'));
    expect(loaded.config).toEqual({
      apiVersion: 'gitcanary.dev/v1alpha1',
      kind: 'Release',
      metadata: { name: 'podinfo', namespace: 'test' },
      spec: {
        // Relative repo paths resolve against the config file's folder.
        git: {
          repo: path.resolve('fixtures/gitops'),
          branch: 'main',
          author: { name: 'gitcanary', email: 'gitcanary@example.com' },
        },
        workload: { kustomization: { path: 'apps/podinfo/canary', image: 'ghcr.io/stefanprodan/podinfo' } },
        stable: { kustomization: { path: 'apps/podinfo/primary', image: 'ghcr.io/stefanprodan/podinfo' } },
        traffic: [
          {
            apisix: {
              file: 'apps/podinfo/route.yaml',
              route: 'podinfo',
              rules: ['method'],
              stableService: 'podinfo-primary',
              canaryService: 'podinfo-canary',
            },
          },
        ],
        analysis: {
          interval: '10s',
          threshold: 10,
          maxWeight: 50,
          stepWeight: 10,
          metricsServer: 'http://flagger-prometheus.apisix:9090',
          metrics: [
            { name: 'request-success-rate', thresholdRange: { min: 99 }, interval: '1m' },
            { name: 'request-duration', thresholdRange: { max: 500 }, interval: '30s' },
          ],
          webhooks: [
            {
              name: 'load-test',
              url: 'http://flagger-loadtester.test/',
              timeout: '5s',
              type: 'rollout',
              metadata: {
                cmd: 'hey -z 1m -q 10 -c 2 -h2 -host app.example.com http://apisix-gateway.apisix/api/info',
              },
            },
          ],
        },
        gates: {},
        sync: { delay: '5s' },
        options: { supersede: true, maxPushAttempts: 5 },
      },
    });
  });

  it('parses the Argo Rollouts steps release, applying gate and option defaults', async () => {
    const { config } = await loadConfig(fixture('valid/podinfo-argo-steps.yaml'), { targets });
    expect(config.metadata).toEqual({ name: 'rollouts-demo', namespace: 'default' });
    expect(config.spec.git).toEqual({
      repo: 'https://github.com/example/gitops.git',
      branch: 'main',
      tokenEnv: 'GITHUB_TOKEN',
    });
    expect(config.spec.steps).toEqual([
      { setCanaryScale: { replicas: 1 } },
      {
        setHeaderRoute: {
          name: 'canary-by-header',
          match: [{ headerName: 'x-canary', headerValue: { exact: '1' } }],
        },
      },
      { analysis: { gates: ['smoke'] } },
      { setWeight: 10 },
      { pause: { duration: 30 } },
      {
        setMirrorRoute: {
          name: 'mirror',
          percentage: 20,
          match: [{ method: { exact: 'GET' }, path: { prefix: '/api' } }],
        },
      },
      { setCanaryScale: { matchTrafficWeight: true } },
      { setWeight: 50 },
      { pause: { duration: '1h' } },
      { setHeaderRoute: { name: 'canary-by-header' } },
      { setMirrorRoute: { name: 'mirror' } },
      { pause: {} },
    ]);
    expect(config.spec.gates).toEqual({
      smoke: {
        command: {
          command: './scripts/smoke.sh {{canaryService}}',
          timeout: '60s',
          interval: '1m',
          count: 1,
          failureLimit: 0,
          inconclusiveLimit: 0,
          consecutiveErrorLimit: 4,
        },
      },
    });
    expect(config.spec.sync).toEqual({
      argocd: {
        server: 'https://argocd.example.com',
        application: 'rollouts-demo',
        tokenEnv: 'ARGOCD_TOKEN',
      },
    });
    expect(config.spec.options).toEqual({ supersede: false, maxPushAttempts: 3 });
  });

  it('keeps scp-like and URL repos as they are', async () => {
    const text = (repo: string) =>
      `apiVersion: gitcanary.dev/v1alpha1\nkind: Release\nmetadata: { name: a }\nspec:\n  git: { repo: "${repo}" }\n  workload: { kustomization: { path: a, image: b } }\n  steps: [{ pause: {} }]\n`;
    expect(
      (await parseConfig(text('git@github.com:org/gitops.git'), 'x/g.yaml', { targets })).config.spec.git
        .repo,
    ).toBe('git@github.com:org/gitops.git');
    expect(
      (await parseConfig(text('file:///srv/gitops'), 'x/g.yaml', { targets })).config.spec.git.repo,
    ).toBe('file:///srv/gitops');
    expect((await parseConfig(text('/srv/gitops'), 'x/g.yaml', { targets })).config.spec.git.repo).toBe(
      '/srv/gitops',
    );
  });
});

describe('loadConfig: errors point at file:line:column and field', () => {
  const cases = [
    {
      file: 'unknown-router.yaml',
      line: 11,
      column: 7,
      field: 'spec.traffic[0].apisx',
      message: 'unknown traffic router `apisx`; known: apisix',
    },
    {
      file: 'weight-120.yaml',
      line: 14,
      column: 18,
      field: 'spec.steps[1].setWeight',
      message: 'weight must be between 0 and 100; got 120',
    },
    {
      file: 'pause-abc.yaml',
      line: 14,
      column: 26,
      field: 'spec.steps[1].pause.duration',
      message: 'expected a duration like 30s, 5m, 1h or a number of seconds; got "abc"',
    },
    {
      file: 'undefined-gate.yaml',
      line: 15,
      column: 24,
      field: 'spec.steps[1].analysis.gates[1]',
      message: 'gate `load` is not defined in spec.gates; defined: smoke',
    },
    {
      file: 'steps-and-analysis.yaml',
      line: 14,
      column: 3,
      field: 'spec.analysis',
      message: 'set either steps or analysis, not both',
    },
    {
      file: 'missing-workload.yaml',
      line: 5,
      column: 1,
      field: 'spec.workload',
      message: '`workload` is required',
    },
    {
      file: 'metric-template-ref.yaml',
      line: 18,
      column: 16,
      field: 'spec.analysis.metrics[0].query',
      message:
        'set either templateRef or query, not both; got "sum(rate(http_requests_total{status=\\"404\\"}[1m]))"',
    },
  ];
  for (const expected of cases) {
    it(`${expected.file}: ${expected.message}`, async () => {
      const file = fixture(`invalid/${expected.file}`);
      const error = await loadError(file);
      expect(error.code).toBe('CONFIG_INVALID');
      expect(error.place).toEqual({
        file,
        line: expected.line,
        column: expected.column,
        field: expected.field,
      });
      expect(error.message.split('\n')[0]).toBe(expected.message);
    });
  }

  it('lists the other issues after the first', async () => {
    const error = await loadError(fixture('invalid/unknown-router.yaml'));
    expect(error.message).toBe(
      'unknown traffic router `apisx`; known: apisix\n  and 1 more:\n  fixtures/config/invalid/unknown-router.yaml:13:7: spec.steps[0]: moving traffic needs a traffic router in spec.traffic',
    );
    expect(error.format()).toMatch(
      /^fixtures\/config\/invalid\/unknown-router\.yaml:11:7: spec\.traffic\[0\]\.apisx: /,
    );
  });

  it('explains a misspelt gate field through the matching gate kind', async () => {
    const text = [
      'apiVersion: gitcanary.dev/v1alpha1',
      'kind: Release',
      'metadata: { name: a }',
      'spec:',
      '  git: { repo: . }',
      '  workload: { kustomization: { path: a, image: b } }',
      '  steps: [{ analysis: { gates: [smoke] } }]',
      '  gates:',
      '    smoke:',
      '      command: { comand: ./smoke.sh }',
    ].join('\n');
    const error = await catchError(() => parseConfig(text, 'g.yaml', { targets }));
    expect(error.place).toEqual({
      file: 'g.yaml',
      line: 10,
      column: 18,
      field: 'spec.gates.smoke.command.comand',
    });
    expect(error.message).toBe(
      'Unrecognized key: "comand"\n  and 1 more:\n  g.yaml:10:7: spec.gates.smoke.command.command: `command` is required',
    );
  });

  it('names an unknown step kind and lists the known ones', async () => {
    const text =
      'apiVersion: gitcanary.dev/v1alpha1\nkind: Release\nmetadata: { name: a }\nspec:\n  git: { repo: . }\n  workload: { kustomization: { path: a, image: b } }\n  steps:\n    - experiment: {}\n';
    const error = await catchError(() => parseConfig(text, 'g.yaml', { targets }));
    expect(error.place).toEqual({ file: 'g.yaml', line: 8, column: 7, field: 'spec.steps[0].experiment' });
    expect(error.message).toBe(
      'unknown step `experiment`; known: setWeight, pause, setCanaryScale, setHeaderRoute, setMirrorRoute, analysis, promote',
    );
  });

  it('refuses steps after promote other than analysis, since the engine never runs them', async () => {
    const text =
      'apiVersion: gitcanary.dev/v1alpha1\nkind: Release\nmetadata: { name: a }\nspec:\n  git: { repo: . }\n  workload: { kustomization: { path: a, image: b } }\n  steps:\n    - promote: {}\n    - pause: {}\n';
    const error = await catchError(() => parseConfig(text, 'g.yaml', { targets }));
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.place).toEqual({ file: 'g.yaml', line: 9, column: 7, field: 'spec.steps[1]' });
    expect(error.message).toBe(
      'no step but analysis may follow promote (step 1): the release ends there; move this step before it',
    );
  });

  it('reports a missing file as CONFIG_NOT_FOUND', async () => {
    const error = await loadError('fixtures/config/nope.yaml');
    expect(error.code).toBe('CONFIG_NOT_FOUND');
    expect(error.place).toEqual({ file: 'fixtures/config/nope.yaml' });
  });

  it('reports YAML syntax errors with their position', async () => {
    const error = await catchError(() => parseConfig('spec:\n  steps: [\n', 'g.yaml', { targets }));
    expect(error.code).toBe('YAML_INVALID');
    expect(error.place.file).toBe('g.yaml');
    expect(error.place.line).toBeGreaterThan(0);
  });

  it('refuses an empty file and several documents', async () => {
    expect((await catchError(() => parseConfig('# nothing\n', 'g.yaml', { targets }))).message).toBe(
      'the config file holds no document',
    );
    const several = await catchError(() => parseConfig('a: 1\n---\nb: 2\n', 'g.yaml', { targets }));
    expect(several.message).toBe('expected one YAML document, found several');
    expect(several.place.line).toBe(2);
  });
});

async function catchError(run: () => Promise<unknown>): Promise<GitcanaryError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected a GitcanaryError');
}
