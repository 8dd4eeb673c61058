import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adoptManifest } from '../../src/adopt/index.js';
import { parseConfig, planRelease } from '../../src/config/index.js';
import { GitcanaryError } from '../../src/errors.js';
import { CLI } from '../support/cli.js';
import { FIXTURES } from '../support/gitops.js';

// `gitcanary init --from` on upstream examples (Argo Rollouts' examples/, Flagger's APISIX
// tutorial): the whole generated file is compared with a golden one, it validates against the
// published JSON Schema and loads as `run` loads it, and the CLI prints it (or writes -o) without
// committing anything.

const SCHEMA = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', '..', 'schema', 'gitcanary.schema.json'), 'utf8'),
);

let checkout: string | undefined;
afterEach(() => {
  if (checkout !== undefined) rmSync(checkout, { recursive: true, force: true });
  checkout = undefined;
});

/** A git checkout holding `files` (fixture path → repository path). */
function checkoutWith(files: Record<string, string>, extra: Record<string, string> = {}): string {
  checkout = mkdtempSync(path.join(tmpdir(), 'gitcanary-init-'));
  for (const [from, to] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(checkout, to)), { recursive: true });
    cpSync(path.join(FIXTURES, from), path.join(checkout, to));
  }
  for (const [to, text] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(checkout, to)), { recursive: true });
    writeFileSync(path.join(checkout, to), text);
  }
  execFileSync('git', ['init', '--quiet'], { cwd: checkout });
  return checkout;
}

function schemaErrors(text: string): unknown[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(SCHEMA);
  return validate(parse(text)) ? [] : (validate.errors ?? []);
}

const ARGO_APISIX = {
  'apisix/argo-rollouts/rollout.yaml': 'apps/demo/rollout.yaml',
  'apisix/argo-rollouts/route.yaml': 'apps/demo/route.yaml',
  'apisix/argo-rollouts/services.yaml': 'apps/demo/services.yaml',
};

const PODINFO_DEPLOYMENTS = ['podinfo', 'podinfo-primary']
  .map(
    (name) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: test\nspec:\n  template:\n    spec:\n      containers:\n        - name: podinfod\n          image: ghcr.io/stefanprodan/podinfo:6.0.0\n`,
  )
  .join('---\n');

describe('gitcanary init --from an Argo Rollout', () => {
  it("carries Argo's APISIX example over whole: golden output, valid against the JSON Schema", async () => {
    const root = checkoutWith(ARGO_APISIX);
    const { text, adoption } = await adoptManifest({
      from: path.join(root, 'apps/demo/rollout.yaml'),
      repo: 'https://github.com/example/gitops.git',
      branch: 'main',
    });
    await expect(text).toMatchFileSnapshot('golden/argo-apisix.gitcanary.yaml');
    expect(adoption.dropped).toEqual([]);
    expect(schemaErrors(text)).toEqual([]);
    // Argo's combined first step becomes two gitcanary steps; the plan ends in promote.
    const plan = planRelease((await parseConfig(text, 'gitcanary.yaml')).config);
    expect(plan.steps.map((step) => step.summary)).toEqual([
      'setCanaryScale replicas 1',
      'setHeaderRoute set-header',
      'setWeight 20',
      'pause until promoted',
      'setWeight 40',
      'pause 15s',
      'setWeight 60',
      'pause 15s',
      'setWeight 80',
      'pause 15s',
      'promote',
    ]);
  });

  it("turns the Argo user's analysis into argoAnalysis gates: an analysis step and background analysis", async () => {
    const root = checkoutWith({
      'adopt/argo-user/repo/apps/rollouts-demo/rollout.yaml': 'apps/rollouts-demo/rollout.yaml',
      'adopt/argo-user/repo/apps/rollouts-demo/route.yaml': 'apps/rollouts-demo/route.yaml',
      'adopt/argo-user/repo/apps/rollouts-demo/services.yaml': 'apps/rollouts-demo/services.yaml',
      'adopt/argo-user/repo/apps/rollouts-demo/analysis-templates.yaml':
        'apps/rollouts-demo/analysis-templates.yaml',
    });
    const { text } = await adoptManifest({
      from: path.join(root, 'apps/rollouts-demo/rollout.yaml'),
      repo: 'https://github.com/example/gitops.git',
      branch: 'main',
    });
    await expect(text).toMatchFileSnapshot('golden/argo-user.gitcanary.yaml');
    expect(schemaErrors(text)).toEqual([]);
    const plan = planRelease((await parseConfig(text, 'gitcanary.yaml')).config);
    expect(plan.steps.map((step) => step.summary)).toEqual([
      'setCanaryScale replicas 1',
      'setHeaderRoute set-header',
      'setWeight 20',
      'analysis success-rate@step4',
      'setWeight 50',
      'analysis error-rate@background-step6',
      'promote',
    ]);
    expect(plan.gates['error-rate@background-step6']).toEqual({
      argoAnalysis: {
        templates: [{ templateName: 'error-rate' }],
        args: [{ name: 'service-name', value: 'guestbook-svc.default.svc.cluster.local' }],
        path: '.',
        fieldRefObject: {
          file: 'apps/rollouts-demo/rollout.yaml',
          kind: 'Rollout',
          name: 'rollout-apisix-canary',
        },
        runFor: 1,
      },
    });
  });

  it("leaves out the analysis of Argo's examples (a job provider) and says why in the header", async () => {
    const root = checkoutWith({
      ...ARGO_APISIX,
      'adopt/argo-rollouts/analysis-templates.yaml': 'apps/demo/analysis-templates.yaml',
      'adopt/argo-rollouts/cluster-analysis-templates.yaml': 'apps/demo/cluster-analysis-templates.yaml',
    });
    // Argo's APISIX Rollout with the analysis step of examples/rollout-analysis-step.yaml.
    const rollout = readFileSync(path.join(root, 'apps/demo/rollout.yaml'), 'utf8').replace(
      '        - setWeight: 20\n',
      '        - setWeight: 20\n        - analysis:\n            templates:\n            - templateName: random-fail\n            - templateName: always-pass\n              clusterScope: true\n',
    );
    writeFileSync(path.join(root, 'apps/demo/rollout.yaml'), rollout);
    const { text, adoption } = await adoptManifest({
      from: path.join(root, 'apps/demo/rollout.yaml'),
      repo: 'r',
      branch: 'main',
    });
    expect(adoption.dropped).toEqual([
      'spec.strategy.canary.steps[2].analysis: metric `random-fail` uses provider job, which gitcanary cannot run (AnalysisTemplate/random-fail spec.metrics[0].provider)',
    ]);
    expect(text).toContain(
      '# Not carried over:\n# - spec.strategy.canary.steps[2].analysis: metric `random-fail` uses provider job',
    );
    expect(parse(text).spec.steps).not.toContainEqual(
      expect.objectContaining({ analysis: expect.anything() }),
    );
  });

  it('keeps the router of a route it cannot read yet, and says in the header what to fix there', async () => {
    const root = checkoutWith(ARGO_APISIX);
    const route = path.join(root, 'apps/demo/route.yaml');
    // The stable backend's weight is not a number: the config is right, the route must change.
    writeFileSync(
      route,
      readFileSync(route, 'utf8').replace(
        '          servicePort: 80\n',
        '          servicePort: 80\n          weight: many\n',
      ),
    );
    const { text, adoption } = await adoptManifest({
      from: path.join(root, 'apps/demo/rollout.yaml'),
      repo: 'r',
      branch: 'main',
    });
    expect(adoption.dropped).toEqual([
      'apps/demo/route.yaml: backend weight must be a non-negative integer, got many; fix the route before the first release',
    ]);
    expect(parse(text).spec.traffic.map(Object.keys)).toEqual([['apisix']]);
  });

  it('refuses a Rollout that moves traffic without a router it can write, saying why', async () => {
    const root = checkoutWith({
      'adopt/argo-rollouts/rollout-analysis-step.yaml': 'rollout.yaml',
      'adopt/argo-rollouts/analysis-templates.yaml': 'templates.yaml',
    });
    const error = await adoptManifest({
      from: path.join(root, 'rollout.yaml'),
      repo: 'r',
      branch: 'main',
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitcanaryError);
    expect((error as GitcanaryError).message).toBe(
      'the Rollout moves traffic, and no router gitcanary can write was found for it',
    );
    expect((error as GitcanaryError).place).toEqual({
      file: 'rollout.yaml',
      resource: 'Rollout/rollout-analysis-step',
      field: 'spec.strategy.canary.trafficRouting',
    });
  });

  it('refuses a manifest that is neither a Rollout nor a Canary', async () => {
    const root = checkoutWith(ARGO_APISIX);
    const error = await adoptManifest({
      from: path.join(root, 'apps/demo/route.yaml'),
      repo: 'r',
      branch: 'main',
    }).catch((caught: unknown) => caught);
    expect((error as GitcanaryError).code).toBe('RESOURCE_NOT_FOUND');
  });
});

describe('gitcanary init --from a Flagger Canary', () => {
  it("maps Flagger's APISIX tutorial: the analysis block, the router on routeRef, the primary when it is in Git", async () => {
    const root = checkoutWith(
      {
        'adopt/flagger/podinfo-canary.yaml': 'apps/podinfo/canary.yaml',
        'adopt/flagger/podinfo-apisixroute.yaml': 'apps/podinfo/apisixroute.yaml',
      },
      { 'apps/podinfo/deployments.yaml': PODINFO_DEPLOYMENTS },
    );
    const { text, adoption } = await adoptManifest({
      from: path.join(root, 'apps/podinfo/canary.yaml'),
      repo: 'https://github.com/example/gitops.git',
      branch: 'main',
    });
    await expect(text).toMatchFileSnapshot('golden/flagger-apisix.gitcanary.yaml');
    expect(schemaErrors(text)).toEqual([]);
    // The tutorial's ApisixRoute sends to `podinfo`; Flagger generates the primary/canary split.
    expect(adoption.dropped).toEqual([
      'spec.progressDeadlineSeconds: Flagger acts on it in the cluster; gitcanary does not',
      'apps/podinfo/apisixroute.yaml: rule "method" has no stable backend "podinfo-primary"; fix the route before the first release',
    ]);
  });

  it('keeps a templateRef metric (the tutorial’s MetricTemplate) and turns alerts into notification providers', async () => {
    const canary = readFileSync(path.join(FIXTURES, 'adopt/flagger/podinfo-canary.yaml'), 'utf8').replace(
      '    webhooks:\n',
      '      - name: "404s percentage"\n        templateRef:\n          name: not-found-percentage\n        thresholdRange:\n          max: 5\n        interval: 1m\n    alerts:\n      - name: "on-call Slack"\n        severity: error\n        providerRef:\n          name: on-call\n          namespace: flagger\n    webhooks:\n',
    );
    const root = checkoutWith(
      {
        'adopt/flagger/podinfo-apisixroute.yaml': 'apps/podinfo/apisixroute.yaml',
        'adopt/flagger/not-found-percentage.yaml': 'apps/podinfo/not-found-percentage.yaml',
      },
      {
        'apps/podinfo/canary.yaml': canary,
        'apps/podinfo/deployments.yaml': PODINFO_DEPLOYMENTS,
        'flagger/alert-provider.yaml':
          'apiVersion: flagger.app/v1beta1\nkind: AlertProvider\nmetadata:\n  name: on-call\n  namespace: flagger\nspec:\n  type: slack\n  channel: on-call-alerts\n  username: flagger\n  secretRef:\n    name: on-call-url\n',
      },
    );
    const { text } = await adoptManifest({
      from: path.join(root, 'apps/podinfo/canary.yaml'),
      repo: 'r',
      branch: 'main',
    });
    expect(schemaErrors(text)).toEqual([]);
    const config = parse(text);
    expect(config.spec.analysis.metrics[2]).toEqual({
      name: '404s percentage',
      interval: '1m',
      thresholdRange: { max: 5 },
      templateRef: { name: 'not-found-percentage' },
      templateVariables: { target: 'podinfo', service: 'podinfo' },
    });
    expect(config.spec.analysis.alerts).toEqual([
      { name: 'on-call Slack', severity: 'error', providerRef: { name: 'on-call' } },
    ]);
    expect(config.spec.notifications.providers).toEqual({
      'on-call': {
        type: 'slack',
        urlEnv: 'GITCANARY_SECRET_ON_CALL_URL_ADDRESS',
        channel: 'on-call-alerts',
        username: 'flagger',
      },
    });
    const plan = planRelease((await parseConfig(text, 'gitcanary.yaml')).config);
    expect(plan.gates['404s percentage']).toMatchObject({
      metricTemplate: {
        templateRef: { name: 'not-found-percentage' },
        thresholdRange: { max: 5 },
        // Measured once per check pass: the failed checks are counted in Git against threshold.
        count: 1,
        failureLimit: 0,
      },
    });
  });
});

describe('the init command', () => {
  async function gitcanary(
    cwd: string,
    ...args: string[]
  ): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile('node', [...CLI, 'init', ...args], { cwd }, (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
      });
    });
  }

  it('prints the config, writes it with -o, and never commits', async () => {
    const root = checkoutWith(ARGO_APISIX);
    const head = () => execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' });
    const status = head();
    const printed = await gitcanary(
      root,
      '--from',
      'apps/demo/rollout.yaml',
      '--repo',
      'https://github.com/example/gitops.git',
    );
    expect(printed.code).toBe(0);
    expect(printed.stdout).toBe(
      readFileSync(path.join(import.meta.dirname, 'golden/argo-apisix.gitcanary.yaml'), 'utf8'),
    );
    expect(printed.stderr).toBe('');
    const out = path.join(tmpdir(), `gitcanary-init-${process.pid}.yaml`);
    const written = await gitcanary(
      root,
      '--from',
      'apps/demo/rollout.yaml',
      '--repo',
      'https://github.com/example/gitops.git',
      '-o',
      out,
    );
    expect(written).toMatchObject({ code: 0, stdout: `wrote ${out}\n` });
    expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    rmSync(out);
    expect(head()).toBe(status);
    expect(() => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: 'ignore' })).toThrow();
  }, 30_000);

  it('exits 2 with the place on bad input, and warns on stderr about what it left out', async () => {
    const root = checkoutWith({ 'adopt/argo-rollouts/rollout-analysis-step.yaml': 'rollout.yaml' });
    const refused = await gitcanary(root, '--from', 'rollout.yaml', '--repo', 'r');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('error: rollout.yaml');
    expect(refused.stderr).toContain(
      'the Rollout moves traffic, and no router gitcanary can write was found for it',
    );
  }, 30_000);
});
