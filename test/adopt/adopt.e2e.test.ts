import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { adoptManifest } from '../../src/adopt/index.js';
import { runReleaseCommand } from '../../src/cli/commands.js';
import type { ReleaseEvent, Reporter } from '../../src/report/index.js';
import { createGitOps, type GitOps } from '../support/gitops.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';

// Issue 14's "done": a repository as an Argo Rollouts user has it (Argo's APISIX example, an
// analysis step and a background analysis on the AnalysisTemplates of Argo's docs) → `gitcanary
// init --from` on a checkout → `gitcanary run` through the CLI's code path, the analysis measured
// on a real Prometheus scraping Istio-shaped request counters. Promoted when the canary is healthy,
// rolled back when it is not; the user's steps (with their analysis) are back in the Rollout after.

const ROLLOUT = 'apps/rollouts-demo/rollout.yaml';
const TEMPLATES = 'apps/rollouts-demo/analysis-templates.yaml';
const ROUTE = 'apps/rollouts-demo/route.yaml';

let exporter: TestHttpServer | undefined;
let prometheus: PrometheusServer | undefined;
/** Requests per scrape the canary answers with 5xx, out of 100. */
let failedPerHundred = 1;

beforeAll(async () => {
  if (!withPrometheus) return;
  let ok = 0;
  let failed = 0;
  exporter = await startHttpServer(() => {
    ok += 100 - failedPerHundred;
    failed += failedPerHundred;
    const labels = 'reporter="source",destination_service="guestbook-svc.default.svc.cluster.local"';
    return {
      status: 200,
      body: `istio_requests_total{${labels},response_code="200"} ${ok}\nistio_requests_total{${labels},response_code="503"} ${failed}\n`,
    };
  });
  prometheus = await startPrometheus([`127.0.0.1:${exporter.port}`]);
  await prometheus.waitForQuery('sum(irate(istio_requests_total[5m]))');
});

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.close();
});

/** Sets the canary's failure share and waits until Prometheus' irate (its last two scrapes) shows it. */
async function failing(perHundred: number): Promise<void> {
  failedPerHundred = perHundred;
  const share =
    'sum(irate(istio_requests_total{response_code="503"}[5m])) / sum(irate(istio_requests_total[5m]))';
  await prometheus!.waitForQuery(share, (result) => {
    const value = Number(result.result[0]?.value[1]);
    return Math.abs(value - perHundred / 100) < 0.005;
  });
}

let ops: GitOps | undefined;
afterEach(() => {
  ops?.dispose();
  ops = undefined;
});

class Events implements Reporter {
  readonly events: ReleaseEvent[] = [];
  event(event: ReleaseEvent): void {
    this.events.push(event);
  }
}

/** The Argo user's repository, its templates pointed at this Prometheus; then `init --from` on a checkout. */
async function adopted(): Promise<{ ops: GitOps; text: string }> {
  ops = createGitOps('', 'adopt/argo-user');
  const checkout = ops.clone('checkout');
  const templates = readFileSync(path.join(checkout, TEMPLATES), 'utf8').replaceAll(
    'http://prometheus.example.com:9090',
    prometheus!.address,
  );
  const port = new URL(prometheus!.address).port;
  ops.pushFrom(
    checkout,
    {
      [TEMPLATES]: templates
        .replace(
          'http://prometheus.example.com:{{args.prometheus-port}}',
          `http://127.0.0.1:{{args.prometheus-port}}`,
        )
        .replace('value: 9090', `value: ${port}`),
    },
    'point the analysis at our Prometheus',
  );
  const { text } = await adoptManifest({
    from: path.join(checkout, ROLLOUT),
    repo: ops.bare,
    branch: 'main',
  });
  ops.writeConfig(text);
  return { ops, text };
}

async function run(image: string): Promise<{ code: number; events: ReleaseEvent[] }> {
  const reporter = new Events();
  const code = await runReleaseCommand('run', { config: ops!.config, image }, { reporter });
  return { code, events: reporter.events };
}

describe.runIf(withPrometheus)('adopting an Argo Rollout end to end', () => {
  it('init --from writes the Rollout’s own steps, its analysis and its router; it commits nothing', async () => {
    const { ops, text } = await adopted();
    const config = parse(text);
    expect(config.spec.workload).toEqual({
      rollout: { file: ROLLOUT, name: 'rollout-apisix-canary', container: 'rollout-apisix-canary' },
    });
    expect(config.spec.traffic).toEqual([
      {
        apisix: {
          file: ROUTE,
          route: 'rollouts-apisix-route',
          rules: ['rollouts-apisix'],
          stableService: 'rollout-apisix-canary-stable',
          canaryService: 'rollout-apisix-canary-canary',
        },
      },
    ]);
    expect(config.spec.steps).toEqual([
      { setCanaryScale: { replicas: 1 } },
      {
        setHeaderRoute: {
          match: [{ headerName: 'trace', headerValue: { exact: 'debug' } }],
          name: 'set-header',
        },
      },
      { setWeight: 20 },
      {
        analysis: {
          templates: [{ templateName: 'success-rate' }],
          args: [{ name: 'service-name', value: 'guestbook-svc.default.svc.cluster.local' }],
        },
      },
      { setWeight: 50 },
      { pause: { duration: 1 } },
    ]);
    // Argo's startingStep 3 is setWeight: 50, the fifth step here once the first is split in two.
    expect(config.spec.backgroundAnalysis).toMatchObject({
      templates: [{ templateName: 'error-rate' }],
      startingStep: 4,
    });
    expect(text).toContain('# Everything in the manifest was carried over.');
    expect(ops.log().map((entry) => entry.subject)).toEqual([
      'podinfo 6.0.0 on primary and canary',
      'point the analysis at our Prometheus',
    ]);
  });

  it('promotes a healthy canary, measuring the analysis step and the background analysis on Prometheus', async () => {
    await failing(1);
    const { ops } = await adopted();
    const before = ops.show(ROLLOUT)!;
    const { code, events } = await run('argoproj/rollouts-demo:yellow');
    expect(code).toBe(0);
    const gates = events.flatMap((event) => (event.type === 'gate' ? [event.result] : []));
    expect(gates.map((gate) => [gate.gate, gate.verdict])).toEqual([
      ['success-rate@step4', 'pass'],
      ['error-rate@background-step6', 'pass'],
    ]);
    // irate's ratio of two rates: 0.99 give or take a float's last digit.
    expect(JSON.parse(String(gates[0]?.value))[0]).toBeCloseTo(0.99, 6);
    const after = ops.show(ROLLOUT)!;
    // The image is promoted and the user's steps, analysis included, are back as they were.
    expect(parse(after).spec.template.spec.containers[0].image).toBe('argoproj/rollouts-demo:yellow');
    expect(parse(after).spec.strategy).toEqual(parse(before).spec.strategy);
    expect(after).toBe(before.replace('argoproj/rollouts-demo:blue', 'argoproj/rollouts-demo:yellow'));
    expect(ops.log().at(-1)?.trailers['Gitcanary-Action']).toBe('finish');
  }, 60_000);

  it('rolls back when the analysis step fails, and leaves the Rollout as it was', async () => {
    await failing(50);
    const { ops } = await adopted();
    const before = ops.show(ROLLOUT)!;
    const routeBefore = ops.show(ROUTE)!;
    const { code, events } = await run('argoproj/rollouts-demo:red');
    expect(code).toBe(1);
    const failed = events.flatMap((event) =>
      event.type === 'gate' && event.result.verdict === 'fail' ? [event.result] : [],
    );
    expect(failed.map((gate) => gate.gate)).toEqual(['success-rate@step4']);
    expect(failed[0]?.message).toContain('success-rate: Failed');
    expect(ops.show(ROLLOUT)).toBe(before);
    // All traffic back on stable: the route now says so with weights, as Argo's APISIX router writes them.
    const backends = parse(ops.show(ROUTE)!).spec.http[0].backends;
    expect(backends).toEqual([
      { serviceName: 'rollout-apisix-canary-stable', servicePort: 80, weight: 100 },
      { serviceName: 'rollout-apisix-canary-canary', servicePort: 80, weight: 0 },
    ]);
    expect(parse(routeBefore).spec.http[0].backends[0].weight).toBeUndefined();
    expect(ops.log().at(-1)?.trailers['Gitcanary-Action']).toBe('rollback');
  }, 60_000);
});

describe('init --from on the Argo user’s repository, without Prometheus', () => {
  it('refuses a template gitcanary cannot run at `run`, before the first commit', async () => {
    ops = createGitOps('', 'adopt/argo-user');
    const checkout = ops.clone('checkout');
    const { text } = await adoptManifest({
      from: path.join(checkout, ROLLOUT),
      repo: ops.bare,
      branch: 'main',
    });
    ops.writeConfig(text);
    // Someone swaps the success-rate provider for Datadog after init.
    const templates = readFileSync(path.join(checkout, TEMPLATES), 'utf8').replace(
      '    provider:\n      prometheus:',
      '    provider:\n      datadog:',
    );
    ops.pushFrom(checkout, { [TEMPLATES]: templates }, 'datadog');
    const head = ops.head();
    const error = await runReleaseCommand(
      'run',
      { config: ops.config, image: 'argoproj/rollouts-demo:yellow' },
      { reporter: new Events() },
    ).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toBe(
      'metric `success-rate` uses provider datadog, which gitcanary cannot run',
    );
    expect(ops.head()).toBe(head);
  });
});
