import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { MetricTemplateGate } from '../../src/gates/metric-template.js';
import { loadTree } from '../../src/manifests/index.js';
import { gateContext } from '../support/gate-context.js';
import { FIXTURES } from '../support/gitops.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';

// Flagger's `templateRef`: the MetricTemplate of Flagger's APISIX tutorial read from a repository
// folder and run on a real Prometheus scraping APISIX-shaped series (apisix_http_status with the
// route label apisix-ingress-controller gives the canary ApisixRoute Flagger generates,
// `<namespace>_<route>-<target>-canary_<rule>`), rendered with Flagger's template variables.

let exporter: TestHttpServer | undefined;
let prometheus: PrometheusServer | undefined;

beforeAll(async () => {
  if (!withPrometheus) return;
  let scrapes = 0;
  exporter = await startHttpServer(() => {
    scrapes += 1;
    const route = 'route="test_podinfo-podinfo-canary_method"';
    return {
      status: 200,
      body: `apisix_http_status{${route},code="200"} ${97 * scrapes}\napisix_http_status{${route},code="404"} ${3 * scrapes}\n`,
    };
  });
  prometheus = await startPrometheus([`127.0.0.1:${exporter.port}`]);
  await prometheus.waitForQuery('sum(rate(apisix_http_status[1m]))');
});

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.close();
});

let repo: string | undefined;
afterEach(() => {
  if (repo !== undefined) rmSync(repo, { recursive: true, force: true });
  repo = undefined;
});

function repoWith(files: Record<string, string>): string {
  repo = mkdtempSync(path.join(tmpdir(), 'gitcanary-metric-template-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
    writeFileSync(path.join(repo, file), text);
  }
  return repo;
}

const TUTORIAL = readFileSync(path.join(FIXTURES, 'adopt/flagger/not-found-percentage.yaml'), 'utf8');

describe.runIf(withPrometheus)('metricTemplate gate on a real Prometheus', () => {
  it("renders the tutorial's MetricTemplate with Flagger's variables and checks thresholdRange", async () => {
    const root = repoWith({
      'apps/podinfo/metric-template.yaml': TUTORIAL.replace(
        'http://flagger-prometheus.apisix:9090',
        prometheus!.address,
      ),
    });
    // The tutorial's query is the share of requests that are not 4xx, in percent.
    const gate = new MetricTemplateGate('404s percentage', {
      templateRef: { name: 'not-found-percentage' },
      thresholdRange: { min: 95 },
      variables: { target: 'podinfo', interval: '1m' },
      interval: '100ms',
      count: 2,
    });
    const result = await gate.evaluate(gateContext({ repoRoot: root, namespace: 'test', route: 'podinfo' }));
    expect(result.verdict).toBe('pass');
    expect(result.kind).toBe('metricTemplate');
    expect(Number(result.value)).toBeCloseTo(97, 0);
    const failing = new MetricTemplateGate('404s percentage', {
      templateRef: { name: 'not-found-percentage' },
      thresholdRange: { max: 5 },
      variables: { target: 'podinfo', interval: '1m' },
    });
    expect(
      (await failing.evaluate(gateContext({ repoRoot: root, namespace: 'test', route: 'podinfo' }))).verdict,
    ).toBe('fail');
  });
});

describe('metricTemplate gate: the MetricTemplate from the repository', () => {
  it('looks the template up in templateRef.namespace, else the release namespace', async () => {
    const other = TUTORIAL.replace('namespace: test', 'namespace: flagger').replace(
      'flagger-prometheus.apisix',
      'other-prometheus',
    );
    const root = repoWith({ 'a.yaml': TUTORIAL, 'b.yaml': other });
    const tree = await loadTree(root, ['.']);
    const inTest = new MetricTemplateGate('m', {
      templateRef: { name: 'not-found-percentage' },
      thresholdRange: { max: 5 },
    });
    expect(inTest.prometheusGate(tree, 'test', {}).config.address).toBe(
      'http://flagger-prometheus.apisix:9090',
    );
    const inFlagger = new MetricTemplateGate('m', {
      templateRef: { name: 'not-found-percentage', namespace: 'flagger' },
      thresholdRange: { max: 5 },
    });
    expect(inFlagger.prometheusGate(tree, 'test', {}).config.address).toBe('http://other-prometheus:9090');
  });

  it('sends the secretRef credentials as basic auth, from the environment', async () => {
    const root = repoWith({
      't.yaml': TUTORIAL.replace(
        '    type: prometheus\n',
        '    type: prometheus\n    secretRef:\n      name: prom-auth\n',
      ),
    });
    const tree = await loadTree(root, ['.']);
    const gate = new MetricTemplateGate('m', {
      templateRef: { name: 'not-found-percentage' },
      thresholdRange: { max: 5 },
    });
    const env = {
      GITCANARY_SECRET_PROM_AUTH_USERNAME: 'flagger',
      GITCANARY_SECRET_PROM_AUTH_PASSWORD: 'pr0m-pa55word',
    };
    expect(gate.prometheusGate(tree, 'test', env).config.headers).toEqual({
      authorization: `Basic ${Buffer.from('flagger:pr0m-pa55word').toString('base64')}`,
    });
    const missing = (() => {
      try {
        gate.prometheusGate(tree, 'test', {});
      } catch (error) {
        return error as GitcanaryError;
      }
      throw new Error('expected an error');
    })();
    expect(missing.hint).toBe('set the environment variable GITCANARY_SECRET_PROM_AUTH_USERNAME');
  });

  it("refuses the Datadog MetricTemplate of Flagger's docs, naming the field, before the release", async () => {
    repo = mkdtempSync(path.join(tmpdir(), 'gitcanary-metric-template-'));
    cpSync(
      path.join(FIXTURES, 'adopt/flagger/datadog-not-found-percentage.yaml'),
      path.join(repo, 'datadog.yaml'),
    );
    const gate = new MetricTemplateGate('m', {
      templateRef: { name: 'not-found-percentage' },
      thresholdRange: { max: 5 },
    });
    const error = await gate.check(repo, 'istio-system').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitcanaryError);
    expect((error as GitcanaryError).message).toBe(
      'MetricTemplate provider datadog is not supported; gitcanary runs prometheus MetricTemplates',
    );
    expect((error as GitcanaryError).place).toMatchObject({
      file: 'datadog.yaml',
      field: 'spec.provider.type',
    });
  });
});
