import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrometheusGate } from '../../src/gates/prometheus.js';
import { routerFor } from '../../src/targets/registry.js';
import { gateContext } from '../support/gate-context.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';

// Every built-in metric template, run by a real Prometheus on series shaped exactly as each
// router's exporter emits them for the manifests gitcanary wrote: the canary's traffic answers 95%
// non-5xx in 25–50 ms, everything else the exporter shows (the stable, other routes, Flagger's
// generated names that gitcanary never writes) answers 50% in 500 ms–1 s. A template that selects
// the wrong series reads 50, a mix, or no data.

const startedAt = Date.now();
const seconds = () => (Date.now() - startedAt) / 1000;

type Labels = Record<string, string>;
const fmt = (labels: Labels) =>
  `{${Object.entries(labels)
    .map(([key, value]) => `${key}=${JSON.stringify(value)}`)
    .join(',')}}`;

/** Counter lines for requests at `rate`/s of which `ok` share succeed (status label `statusLabel`). */
function requests(metric: string, labels: Labels, statusLabel: string, ok: number, fail: number): string[] {
  const t = seconds();
  return [
    `${metric}${fmt({ ...labels, [statusLabel]: '200' })} ${ok * t}`,
    `${metric}${fmt({ ...labels, [statusLabel]: '503' })} ${fail * t}`,
  ];
}

/** A histogram whose every observation falls in (low, high] of `buckets`, at `rate`/s. */
function histogram(
  metric: string,
  labels: Labels,
  buckets: number[],
  high: number,
  rate: number,
  sum: number,
): string[] {
  const t = seconds();
  return [
    ...buckets.map(
      (le) => `${metric}_bucket${fmt({ ...labels, le: String(le) })} ${le >= high ? rate * t : 0}`,
    ),
    `${metric}_bucket${fmt({ ...labels, le: '+Inf' })} ${rate * t}`,
    `${metric}_sum${fmt(labels)} ${sum * rate * t}`,
    `${metric}_count${fmt(labels)} ${rate * t}`,
  ];
}

const MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500];

/** What each exporter shows for the release podinfo in namespace test, canary vs the rest. */
function exposition(): string {
  const canary = (labels: Labels, statusLabel: string, metric: string) =>
    requests(metric, labels, statusLabel, 95, 5);
  const other = (labels: Labels, statusLabel: string, metric: string) =>
    requests(metric, labels, statusLabel, 50, 50);
  const lines: string[] = [];
  // APISIX prometheus plugin (prefer_name: true): route = <namespace>_<ApisixRoute>_<rule>.
  const apisix = (route: string) => ({
    route,
    matched_uri: '/*',
    matched_host: 'app.example.com',
    service: '',
    consumer: '',
    node: '10.0.0.7',
  });
  lines.push('# TYPE apisix_http_status counter');
  lines.push(...canary(apisix('test_podinfo_method'), 'code', 'apisix_http_status'));
  lines.push(...other(apisix('test_checkout_main'), 'code', 'apisix_http_status'));
  lines.push('# TYPE apisix_http_latency histogram');
  const apisixLatency = (route: string) => ({
    type: 'request',
    route,
    service: '',
    consumer: '',
    node: '10.0.0.7',
  });
  lines.push(...histogram('apisix_http_latency', apisixLatency('test_podinfo_method'), MS, 50, 10, 40));
  lines.push(...histogram('apisix_http_latency', apisixLatency('test_checkout_main'), MS, 1000, 10, 800));
  // ingress-nginx: canary requests carry the stable Ingress's name and the canary upstream.
  const nginx = (canaryUpstream: string) => ({
    canary: canaryUpstream,
    controller_class: 'k8s.io/ingress-nginx',
    controller_namespace: 'ingress-nginx',
    controller_pod: 'ingress-nginx-controller-7d9f',
    host: 'app.example.com',
    ingress: 'podinfo',
    method: 'GET',
    namespace: 'test',
    path: '/',
    service: 'podinfo-primary',
  });
  lines.push('# TYPE nginx_ingress_controller_requests counter');
  lines.push(...canary(nginx('test-podinfo-canary-9898'), 'status', 'nginx_ingress_controller_requests'));
  lines.push(...other(nginx(''), 'status', 'nginx_ingress_controller_requests'));
  lines.push('# TYPE nginx_ingress_controller_ingress_upstream_latency_seconds summary');
  for (const [upstream, latency] of [
    ['test-podinfo-canary-9898', 0.04],
    ['', 0.8],
  ] as const) {
    const labels = { canary: upstream, ingress: 'podinfo', namespace: 'test', service: 'podinfo-primary' };
    lines.push(
      `nginx_ingress_controller_ingress_upstream_latency_seconds_sum${fmt(labels)} ${latency * 10 * seconds()}`,
    );
    lines.push(
      `nginx_ingress_controller_ingress_upstream_latency_seconds_count${fmt(labels)} ${10 * seconds()}`,
    );
  }
  // Istio sidecars (also what Gateway API with Istio reports): the canary workload is podinfo.
  const istio = (workload: string) => ({
    reporter: 'destination',
    destination_workload: workload,
    destination_workload_namespace: 'test',
    destination_service_name: workload === 'podinfo' ? 'podinfo-canary' : 'podinfo-primary',
    source_workload: 'istio-ingressgateway',
  });
  lines.push('# TYPE istio_requests_total counter');
  lines.push(...canary(istio('podinfo'), 'response_code', 'istio_requests_total'));
  lines.push(...other(istio('podinfo-primary'), 'response_code', 'istio_requests_total'));
  lines.push('# TYPE istio_request_duration_milliseconds histogram');
  lines.push(...histogram('istio_request_duration_milliseconds', istio('podinfo'), MS, 50, 10, 40));
  lines.push(
    ...histogram('istio_request_duration_milliseconds', istio('podinfo-primary'), MS, 1000, 10, 800),
  );
  // Traefik: a Service behind a TraefikService is <namespace>-<service>-<port>@kubernetescrd.
  const traefik = (service: string, code: string) => ({ code, method: 'GET', protocol: 'http', service });
  lines.push('# TYPE traefik_service_request_duration_seconds histogram');
  const S = [0.01, 0.025, 0.05, 0.1, 0.3, 1.2, 5];
  lines.push(
    ...histogram(
      'traefik_service_request_duration_seconds',
      traefik('test-podinfo-canary-80@kubernetescrd', '200'),
      S,
      0.05,
      9.5,
      0.04,
    ),
  );
  lines.push(
    ...histogram(
      'traefik_service_request_duration_seconds',
      traefik('test-podinfo-canary-80@kubernetescrd', '503'),
      S,
      0.05,
      0.5,
      0.04,
    ),
  );
  lines.push(
    ...histogram(
      'traefik_service_request_duration_seconds',
      traefik('test-podinfo-primary-80@kubernetescrd', '503'),
      S,
      1.2,
      10,
      0.8,
    ),
  );
  // Linkerd proxies (Flagger's smi:linkerd): classification success/failure, inbound.
  const linkerd = (deployment: string, classification: string) => ({
    namespace: 'test',
    deployment,
    direction: 'inbound',
    classification,
    status_code: classification === 'success' ? '200' : '503',
  });
  lines.push('# TYPE response_total counter');
  lines.push(`response_total${fmt(linkerd('podinfo', 'success'))} ${95 * seconds()}`);
  lines.push(`response_total${fmt(linkerd('podinfo', 'failure'))} ${5 * seconds()}`);
  lines.push(`response_total${fmt(linkerd('podinfo-primary', 'failure'))} ${50 * seconds()}`);
  lines.push('# TYPE response_latency_ms histogram');
  const linkerdLatency = (deployment: string) => ({ namespace: 'test', deployment, direction: 'inbound' });
  lines.push(...histogram('response_latency_ms', linkerdLatency('podinfo'), MS, 50, 10, 40));
  lines.push(...histogram('response_latency_ms', linkerdLatency('podinfo-primary'), MS, 1000, 10, 800));
  return `${lines.join('\n')}\n`;
}

/** The router configs gitcanary's manifests were written with (see the router fixtures). */
const CONFIGS: Record<string, unknown> = {
  apisix: {
    file: 'r.yaml',
    route: 'podinfo',
    rules: ['method'],
    stableService: 'podinfo-primary',
    canaryService: 'podinfo-canary',
  },
  nginx: {
    file: 'i.yaml',
    stableIngress: 'podinfo',
    stableService: 'podinfo-primary',
    canaryService: 'podinfo-canary',
  },
  istio: {
    file: 'vs.yaml',
    virtualService: { name: 'podinfo' },
    stableService: 'podinfo-primary',
    canaryService: 'podinfo-canary',
  },
  gatewayAPI: {
    file: 'h.yaml',
    httpRoute: 'podinfo',
    stableService: 'podinfo-primary',
    canaryService: 'podinfo-canary',
  },
  traefik: {
    file: 't.yaml',
    weightedTraefikServiceName: 'podinfo',
    stableService: 'podinfo-primary',
    canaryService: 'podinfo-canary',
  },
  smi: {
    file: 's.yaml',
    trafficSplitName: 'podinfo',
    stableService: 'podinfo-primary',
    canaryService: 'podinfo-canary',
  },
};

/** Expected canary values: 95% success; p99 of (25, 50] ms is 49.75 ms; NGINX's average 40 ms; Traefik in seconds. */
const EXPECTED: Record<string, { rate: number; duration: number }> = {
  apisix: { rate: 95, duration: 49.75 },
  nginx: { rate: 95, duration: 40 },
  istio: { rate: 95, duration: 49.75 },
  gatewayAPI: { rate: 95, duration: 49.75 },
  traefik: { rate: 95, duration: 0.04975 },
  smi: { rate: 95, duration: 49.75 },
};

let exporter: TestHttpServer;
let prometheus: PrometheusServer;

beforeAll(async () => {
  if (!withPrometheus) return;
  exporter = await startHttpServer(() => ({ status: 200, body: exposition() }));
  prometheus = await startPrometheus([`127.0.0.1:${exporter.port}`]);
  await prometheus.waitForQuery('sum(rate(apisix_http_status[10s]))');
}, 60_000);

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.close();
});

describe.runIf(withPrometheus)('built-in metric templates on a real Prometheus', () => {
  it('covers every router that declares templates', () => {
    const declared = Object.keys(CONFIGS);
    for (const key of declared)
      expect(routerFor(key)?.metricTemplates).toEqual(['request-success-rate', 'request-duration']);
    expect(routerFor('alb')?.metricTemplates).toEqual([]);
    expect(routerFor('ambassador')?.metricTemplates).toEqual([]);
  });

  for (const [key, raw] of Object.entries(CONFIGS)) {
    it(`measures the canary traffic ${key} routes: success rate and latency`, async () => {
      const router = routerFor(key)!;
      const variables = router.gateVariables(router.configSchema.parse(raw));
      const context = gateContext({
        namespace: 'test',
        releaseName: 'podinfo',
        canaryService: variables.canaryService,
        stableService: variables.stableService,
        route: variables.route,
        variables,
      });
      for (const [template, expected] of [
        ['request-success-rate', EXPECTED[key]!.rate],
        ['request-duration', EXPECTED[key]!.duration],
      ] as const) {
        const gate = new PrometheusGate(template, {
          address: prometheus.address,
          template,
          router: key,
          variables: { interval: '10s' },
          thresholdRange: { min: 0 },
          consecutiveErrorLimit: 0,
        });
        const result = await gate.evaluate(context);
        expect(result.verdict, `${key}/${template}: ${result.message}\n${gate.renderQuery(context)}`).toBe(
          'pass',
        );
        const error = Math.abs(Number(result.value) - expected) / expected;
        expect(error, `${key}/${template}: ${result.value}, expected ${expected}`).toBeLessThan(0.01);
      }
    });
  }
});
