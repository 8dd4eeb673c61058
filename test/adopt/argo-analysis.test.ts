import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { ArgoAnalysisGate } from '../../src/gates/argo-analysis/gate.js';
import type { ArgoAnalysisConfigInput } from '../../src/gates/argo-analysis/schema.js';
import { checkGates } from '../../src/gates/index.js';
import { gateContext } from '../support/gate-context.js';
import { FIXTURES } from '../support/gitops.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';

// AnalysisTemplates read from a repository folder and measured against a real Prometheus (and a
// loopback web endpoint), with Argo Rollouts' semantics: count, interval, failureLimit (-1),
// inconclusiveLimit, consecutiveErrorLimit, consecutiveSuccessLimit, initialDelay, dryRun,
// measurementRetention, args with defaults, valueFrom, and background runs ended by the step.

let exporter: TestHttpServer | undefined;
let web: TestHttpServer | undefined;
let prometheus: PrometheusServer | undefined;
/** What the exporter serves for `canary_success_ratio{service=…}`. */
const ratios: Record<string, number> = { healthy: 0.99, failing: 0.5, nan: Number.NaN };

beforeAll(async () => {
  web = await startHttpServer((request) =>
    request.path.startsWith('/text')
      ? { status: 200, body: 'all good' }
      : request.path.startsWith('/down')
        ? { status: 503, body: 'down' }
        : {
            status: 200,
            body: JSON.stringify({ results: { ok: 'true', rate: 0.97 } }),
            headers: { 'content-type': 'application/json' },
          },
  );
  if (!withPrometheus) return;
  let scrapes = 0;
  exporter = await startHttpServer(() => {
    scrapes += 1;
    // Istio's request counter as its proxies export it (reporter, destination_service, response_code):
    // 99 good and 1 failed request between scrapes.
    const istio = `reporter="source",destination_service="guestbook-svc.default.svc.cluster.local"`;
    return {
      status: 200,
      body: [
        ...Object.entries(ratios).map(
          ([service, ratio]) =>
            `canary_success_ratio{service="${service}"} ${Number.isNaN(ratio) ? 'NaN' : ratio}`,
        ),
        `istio_requests_total{${istio},response_code="200"} ${99 * scrapes}`,
        `istio_requests_total{${istio},response_code="503"} ${scrapes}`,
        '',
      ].join('\n'),
    };
  });
  prometheus = await startPrometheus([`127.0.0.1:${exporter.port}`]);
  await prometheus.waitForQuery('canary_success_ratio{service="healthy"}');
  await prometheus.waitForQuery('sum(irate(istio_requests_total[5m]))');
});

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.close();
  await web?.close();
});

const repos: string[] = [];
afterEach(() => {
  for (const dir of repos.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A repository folder holding `templates` (YAML text). */
function repoWith(templates: string): string {
  const repo = mkdtempSync(path.join(tmpdir(), 'gitcanary-argo-analysis-'));
  repos.push(repo);
  writeFileSync(path.join(repo, 'templates.yaml'), templates);
  return repo;
}

function template(name: string, metric: string, args = ''): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: ${name}
spec:
${args}  metrics:
${metric
  .split('\n')
  .map((line) => `  ${line}`)
  .join('\n')}
`;
}

function promMetric(name: string, fields: string, service = '{{args.service-name}}'): string {
  return `- name: ${name}
${fields}
  provider:
    prometheus:
      address: ${prometheus?.address ?? 'http://127.0.0.1:1'}
      query: canary_success_ratio{service="${service}"}`;
}

const ARGS = '  args:\n  - name: service-name\n';

async function evaluate(root: string, config: ArgoAnalysisConfigInput) {
  const gate = new ArgoAnalysisGate('analysis', config);
  const progress: string[] = [];
  const result = await gate.evaluate(
    gateContext({ repoRoot: root, progress: (line) => progress.push(line) }),
  );
  return { result, progress };
}

const withArg = (value: string) => ({ args: [{ name: 'service-name', value }] });

describe.runIf(withPrometheus)('argoAnalysis gate on a real Prometheus', () => {
  it('passes when every measurement meets successCondition, count times', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric('success-rate', '  successCondition: result[0] >= 0.95\n  interval: 100ms\n  count: 3'),
        ARGS,
      ),
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('healthy'),
    });
    expect(result.verdict).toBe('pass');
    expect(result.measurements).toHaveLength(3);
    expect(result.message).toContain('success-rate: Successful');
    expect(result.value).toBe('[0.99]');
  });

  it('fails once failures exceed failureLimit, and stops measuring', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric(
          'success-rate',
          '  successCondition: result[0] >= 0.95\n  interval: 100ms\n  count: 5\n  failureLimit: 1',
        ),
        ARGS,
      ),
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('failing'),
    });
    expect(result.verdict).toBe('fail');
    expect(result.measurements).toHaveLength(2);
    expect(result.message).toContain('2 of 2 measurements failed (limit 1)');
  });

  it('never fails on failures with failureLimit -1: consecutiveSuccessLimit decides', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric(
          'success-rate',
          '  successCondition: result[0] >= 0.95\n  interval: 100ms\n  count: 3\n  failureLimit: -1\n  consecutiveSuccessLimit: 2',
        ),
        ARGS,
      ),
    );
    const failing = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('failing'),
    });
    expect(failing.result.verdict).toBe('fail');
    expect(failing.result.measurements).toHaveLength(3);
    expect(failing.result.message).toContain('consecutiveSuccessLimit 2 not reached in 3 measurements');
    const healthy = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('healthy'),
    });
    expect(healthy.result.verdict).toBe('pass');
    expect(healthy.result.measurements).toHaveLength(2);
  });

  it('is inconclusive when consecutiveSuccessLimit is not reached while failureLimit still applies', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric(
          'success-rate',
          '  successCondition: result[0] >= 0.95\n  interval: 100ms\n  count: 2\n  failureLimit: 3\n  consecutiveSuccessLimit: 2',
        ),
        ARGS,
      ),
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('failing'),
    });
    expect(result.verdict).toBe('inconclusive');
  });

  it('is inconclusive when neither condition holds, beyond inconclusiveLimit', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric(
          'success-rate',
          '  successCondition: result[0] >= 0.95\n  failureCondition: result[0] < 0.4\n  interval: 100ms\n  count: 2\n  inconclusiveLimit: 1',
        ),
        ARGS,
      ),
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('failing'),
    });
    expect(result.verdict).toBe('inconclusive');
    expect(result.measurements).toHaveLength(2);
  });

  it('counts `result[0]` on an empty vector as an error, failing past consecutiveErrorLimit', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric('success-rate', '  successCondition: result[0] >= 0.95\n  consecutiveErrorLimit: 0'),
        ARGS,
      ),
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('nobody'),
    });
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('index out of range: 0 (array length is 0)');
  });

  it('lets `len(result) == 0 ||` accept no data, as Argo’s docs show', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric('success-rate', '  successCondition: len(result) == 0 || result[0] >= 0.95'),
        ARGS,
      ),
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('nobody'),
    });
    expect(result.verdict).toBe('pass');
    expect(result.value).toBe('[]');
  });

  it('reads NaN as Argo does: a failed measurement unless the condition tests isNaN', async () => {
    const failing = repoWith(
      template('nan', promMetric('nan', '  successCondition: result[0] >= 0.95'), ARGS),
    );
    expect(
      (await evaluate(failing, { templates: [{ templateName: 'nan' }], ...withArg('nan') })).result.verdict,
    ).toBe('fail');
    const allowed = repoWith(
      template('nan', promMetric('nan', '  successCondition: isNaN(result[0]) || result[0] >= 0.95'), ARGS),
    );
    expect(
      (await evaluate(allowed, { templates: [{ templateName: 'nan' }], ...withArg('nan') })).result.verdict,
    ).toBe('pass');
  });

  it('merges several templates and terminates the run when one metric fails; a dryRun metric decides nothing', async () => {
    const root = repoWith(
      [
        template(
          'good',
          promMetric('good', '  successCondition: result[0] >= 0.95\n  interval: 100ms\n  count: 3'),
          ARGS,
        ),
        template('bad', promMetric('bad', '  successCondition: result[0] >= 0.95', 'failing'), ARGS),
      ].join('---\n'),
    );
    const failing = await evaluate(root, {
      templates: [{ templateName: 'good' }, { templateName: 'bad' }],
      ...withArg('healthy'),
    });
    expect(failing.result.verdict).toBe('fail');
    expect(failing.result.message).toMatch(/bad: Failed/);
    const dry = await evaluate(root, {
      templates: [{ templateName: 'good' }, { templateName: 'bad' }],
      ...withArg('healthy'),
      dryRun: [{ metricName: 'ba.*' }],
    });
    expect(dry.result.verdict).toBe('pass');
    expect(dry.result.message).toContain('bad (dry run): Failed');
  });

  it('keeps the latest measurementRetention measurements of a metric', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric('success-rate', '  successCondition: result[0] >= 0.95\n  interval: 50ms\n  count: 4'),
        ARGS,
      ),
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('healthy'),
      measurementRetention: [{ metricName: 'success-rate', limit: 2 }],
    });
    expect(result.measurements).toHaveLength(2);
  });

  it('waits initialDelay before the first measurement', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric('success-rate', '  successCondition: result[0] >= 0.95\n  initialDelay: 300ms'),
        ARGS,
      ),
    );
    const started = Date.now();
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('healthy'),
    });
    expect(result.verdict).toBe('pass');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });

  it('measures a metric without count until the step ends (background analysis, runFor)', async () => {
    const root = repoWith(
      template(
        'success-rate',
        promMetric('success-rate', '  successCondition: result[0] >= 0.95\n  interval: 100ms'),
        ARGS,
      ),
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('healthy'),
      runFor: '0.45s',
    });
    expect(result.verdict).toBe('pass');
    expect(result.measurements.length).toBeGreaterThanOrEqual(3);
    const failing = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      ...withArg('failing'),
      runFor: '10s',
    });
    // Metrics that finish early still leave the step its whole length.
    const counted = repoWith(
      template('once', promMetric('once', '  successCondition: result[0] >= 0.95'), ARGS),
    );
    const started = Date.now();
    const once = await evaluate(counted, {
      templates: [{ templateName: 'once' }],
      ...withArg('healthy'),
      runFor: '0.4s',
    });
    expect(once.result.measurements).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    // A failure ends a background run at once, not when the step ends.
    expect(failing.result.verdict).toBe('fail');
    expect(failing.result.measurements).toHaveLength(1);
  });

  it('runs the Argo docs’ success-rate template as written on Istio-shaped series, with its args', async () => {
    const docs = (await import('node:fs')).readFileSync(
      path.join(FIXTURES, 'adopt/argo-rollouts/docs-analysis-templates.yaml'),
      'utf8',
    );
    const port = new URL(prometheus!.address).port;
    const root = repoWith(docs.replace('http://prometheus.example.com:', 'http://127.0.0.1:'));
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'success-rate' }],
      args: [
        { name: 'service-name', value: 'guestbook-svc.default.svc.cluster.local' },
        { name: 'prometheus-port', value: port },
      ],
    });
    expect(result.verdict).toBe('pass');
    // irate's ratio of two rates: 0.99 give or take a float's last digit.
    expect(JSON.parse(String(result.value))[0]).toBeCloseTo(0.99, 6);
  });
});

describe('argoAnalysis gate: web metrics and templates from the repository', () => {
  const webTemplate = (url: string, extra = '') =>
    template(
      'web',
      `- name: webmetric
  successCondition: result == 'true'
  provider:
    web:
      url: "${url}"
      headers:
        - key: Authorization
          value: "Bearer {{ args.api-token }}"
      jsonPath: "{$.results.ok}"${extra}`,
      '  args:\n  - name: api-token\n    valueFrom:\n      secretKeyRef:\n        name: token-secret\n        key: apiToken\n',
    );

  it('reads the web result at jsonPath, with a secret arg from the environment that never shows', async () => {
    const root = repoWith(webTemplate(`${web!.url}/metrics`));
    process.env.GITCANARY_SECRET_TOKEN_SECRET_APITOKEN = 's3cret-token-value';
    try {
      const { result } = await evaluate(root, { templates: [{ templateName: 'web' }] });
      expect(result.verdict).toBe('pass');
      expect(web!.requests.at(-1)?.headers.authorization).toBe('Bearer s3cret-token-value');
      expect(JSON.stringify(result)).not.toContain('s3cret-token-value');
    } finally {
      delete process.env.GITCANARY_SECRET_TOKEN_SECRET_APITOKEN;
    }
  });

  it('refuses a secretKeyRef arg when its variable is not set, naming the variable', async () => {
    const root = repoWith(webTemplate(`${web!.url}/metrics`));
    const error = await new ArgoAnalysisGate('analysis', { templates: [{ templateName: 'web' }] })
      .check(root, 'test')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitcanaryError);
    expect((error as GitcanaryError).hint).toContain('GITCANARY_SECRET_TOKEN_SECRET_APITOKEN');
  });

  it('takes a body that is not JSON as a successful measurement, unevaluated (webmetric.go)', async () => {
    const root = repoWith(
      template(
        'text',
        `- name: text\n  successCondition: result == 'never'\n  provider:\n    web:\n      url: ${web!.url}/text`,
      ),
    );
    const { result } = await evaluate(root, { templates: [{ templateName: 'text' }] });
    expect(result.verdict).toBe('pass');
  });

  it('counts a non-2xx answer as an error', async () => {
    const root = repoWith(
      template(
        'down',
        `- name: down\n  consecutiveErrorLimit: 0\n  provider:\n    web:\n      url: ${web!.url}/down`,
      ),
    );
    const { result } = await evaluate(root, { templates: [{ templateName: 'down' }] });
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('received non 2xx response code: 503');
  });

  it('resolves valueFrom.fieldRef from the Rollout in Git', async () => {
    const root = repoWith(
      template(
        'labelled',
        `- name: labelled\n  provider:\n    web:\n      url: "${web!.url}/metrics?env={{args.env}}"`,
        '  args:\n  - name: env\n',
      ),
    );
    writeFileSync(
      path.join(root, 'rollout.yaml'),
      'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: guestbook\n  labels:\n    env: dev\nspec: {}\n',
    );
    const { result } = await evaluate(root, {
      templates: [{ templateName: 'labelled' }],
      args: [{ name: 'env', valueFrom: { fieldRef: { fieldPath: "metadata.labels['env']" } } }],
      fieldRefObject: { file: 'rollout.yaml', kind: 'Rollout', name: 'guestbook' },
    });
    expect(result.verdict).toBe('pass');
    expect(web!.requests.at(-1)?.path).toBe('/metrics?env=dev');
  });

  it('refuses the job provider of Argo’s examples before anything is committed, naming template and field', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'gitcanary-argo-examples-'));
    repos.push(root);
    mkdirSync(path.join(root, 'argo'));
    cpSync(path.join(FIXTURES, 'adopt/argo-rollouts'), path.join(root, 'argo'), { recursive: true });
    const gates = {
      analysis: {
        argoAnalysis: {
          templates: [{ templateName: 'random-fail' }, { templateName: 'always-pass', clusterScope: true }],
        },
      },
    };
    const error = await checkGates(gates, root, 'default').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitcanaryError);
    expect((error as GitcanaryError).message).toBe(
      'metric `random-fail` uses provider job, which gitcanary cannot run',
    );
    expect((error as GitcanaryError).place).toMatchObject({
      file: 'argo/analysis-templates.yaml',
      resource: 'AnalysisTemplate/random-fail',
      field: 'spec.metrics[0].provider',
    });
  });

  it('refuses an analysis step whose metric runs indefinitely, as Argo validates inline analysis', async () => {
    const root = repoWith(
      template(
        'forever',
        `- name: forever\n  interval: 1m\n  provider:\n    web:\n      url: ${web!.url}/metrics`,
      ),
    );
    const error = await new ArgoAnalysisGate('analysis', { templates: [{ templateName: 'forever' }] })
      .check(root, 'test')
      .catch((caught: unknown) => caught);
    expect((error as GitcanaryError).message).toContain('runs indefinitely');
  });

  it('refuses a missing template and an unresolved arg clearly', async () => {
    const root = repoWith(
      template(
        'needs-arg',
        `- name: m\n  provider:\n    web:\n      url: "${web!.url}/{{args.path}}"`,
        '  args:\n  - name: path\n',
      ),
    );
    const missing = await new ArgoAnalysisGate('a', { templates: [{ templateName: 'nope' }] })
      .check(root, 'test')
      .catch((caught: unknown) => caught);
    expect((missing as GitcanaryError).message).toBe('AnalysisTemplate nope is not in the repository');
    const unresolved = await new ArgoAnalysisGate('a', { templates: [{ templateName: 'needs-arg' }] })
      .check(root, 'test')
      .catch((caught: unknown) => caught);
    expect((unresolved as GitcanaryError).message).toContain('args.path was not resolved');
  });
});
