import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PrometheusConfigInput, PrometheusGate } from '../../src/gates/prometheus.js';
import { gateContext } from '../support/gate-context.js';
import { freePort, startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';
import { VirtualClock } from '../support/virtual-clock.js';

// Against a real Prometheus scraping a loopback exporter every second; counters grow linearly
// from the exporter's start so rates are exact: the canary route answers 95% non-5xx.

const startedAt = Date.now();
let gaugeValue = 99;

function exposition(): string {
  const seconds = (Date.now() - startedAt) / 1000;
  return [
    '# TYPE gitcanary_test_gauge gauge',
    `gitcanary_test_gauge{app="podinfo"} ${gaugeValue}`,
    'gitcanary_test_gauge{app="we\\"ird\\\\name"} 42',
    'gitcanary_test_gauge{app="other"} 7',
    '# TYPE apisix_http_status counter',
    `apisix_http_status{route="test_podinfo-podinfo-canary_rule-1",code="200"} ${95 * seconds}`,
    `apisix_http_status{route="test_podinfo-podinfo-canary_rule-1",code="503"} ${5 * seconds}`,
    // The stable route fails a lot; the canary query must not see it.
    `apisix_http_status{route="test_podinfo_rule-1",code="500"} ${50 * seconds}`,
    '',
  ].join('\n');
}

let exporter: TestHttpServer;
let prometheus: PrometheusServer;

beforeAll(async () => {
  if (!withPrometheus) return;
  exporter = await startHttpServer(() => ({ status: 200, body: exposition() }));
  prometheus = await startPrometheus([`127.0.0.1:${exporter.port}`]);
  // rate() needs two scrapes inside the window.
  await prometheus.waitForQuery('sum(rate(apisix_http_status[10s]))');
});

afterAll(async () => {
  await prometheus?.stop();
  await exporter?.close();
});

/** Retries as the product makes them, with short delays (test/gates/outage.test.ts covers them). */
const FAST = { attempts: 2, minDelayMs: 10, maxDelayMs: 20 };

function gate(config: Omit<PrometheusConfigInput, 'address'> & { address?: string }): PrometheusGate {
  return new PrometheusGate(
    'success-rate',
    { address: prometheus.address, ...config } as PrometheusConfigInput,
    { retry: FAST },
  );
}

describe.runIf(withPrometheus)('PrometheusGate against a real Prometheus', () => {
  it('passes when the value is exactly the minimum', async () => {
    gaugeValue = 99;
    await prometheus.waitForQuery('gitcanary_test_gauge{app="podinfo"} == 99');
    const result = await gate({
      query: 'gitcanary_test_gauge{app="podinfo"}',
      thresholdRange: { min: 99 },
    }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'pass', value: 99, threshold: '>= 99', kind: 'prometheus' });
    expect(result.message).toBe('success-rate = 99 (threshold >= 99)');
  });

  it('fails when the value is outside the threshold range', async () => {
    const result = await gate({
      query: 'gitcanary_test_gauge{app="other"}',
      thresholdRange: { min: 0.99, max: 1 },
    }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: 7, threshold: '[0.99, 1]' });
    expect(result.measurements).toHaveLength(1);
  });

  it('takes an empty result as a measurement error, as Argo Rollouts does: measured again each interval, failing past consecutiveErrorLimit', async () => {
    const clock = new VirtualClock();
    const result = await gate({
      query: 'gitcanary_test_gauge{app="absent"}',
      thresholdRange: { min: 99 },
      interval: '1m',
      consecutiveErrorLimit: 2,
    }).evaluate(gateContext({ clock }));
    expect(result.verdict).toBe('fail');
    expect(result.message).toBe(
      '3 consecutive errors (limit 2): error: success-rate: no data (empty result)',
    );
    expect(result.measurements).toHaveLength(3);
    // The intervals passed on the gate's clock, not the machine's.
    expect(clock.slept).toEqual([60_000, 60_000]);
  });

  it('fails when the query returns NaN, as no range holds NaN', async () => {
    const result = await gate({ query: 'vector(0) / vector(0)', thresholdRange: { min: 99 } }).evaluate(
      gateContext(),
    );
    expect(result).toMatchObject({ verdict: 'fail', value: 'NaN' });
    expect(result.message).toBe('success-rate = NaN (threshold >= 99)');
  });

  it('fails after consecutiveErrorLimit errors when Prometheus is down', async () => {
    const port = await freePort();
    const progress: string[] = [];
    const result = await gate({
      address: `http://127.0.0.1:${port}`,
      query: 'up',
      thresholdRange: { min: 1 },
      interval: 0.05,
      consecutiveErrorLimit: 2,
    }).evaluate(gateContext({ progress: (line) => progress.push(line) }));
    expect(result.verdict).toBe('fail');
    expect(result.measurements).toHaveLength(3);
    expect(result.message).toContain('3 consecutive errors (limit 2)');
    expect(result.message).toContain('unreachable');
    expect(result.message).toContain('(tried 2 times)');
    expect(progress).toHaveLength(3);
  });

  it('counts a PromQL syntax error as an error, not as data', async () => {
    const result = await gate({
      query: 'sum(rate(',
      thresholdRange: { min: 1 },
      consecutiveErrorLimit: 0,
    }).evaluate(gateContext());
    expect(result.verdict).toBe('fail');
    expect(result.message).toMatch(/HTTP 400: .*parse error/);
  });

  it('refuses a result with several series', async () => {
    const result = await gate({
      query: 'gitcanary_test_gauge',
      thresholdRange: { min: 1 },
      consecutiveErrorLimit: 0,
    }).evaluate(gateContext());
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('series, expected one');
  });

  it('tolerates failed measurements up to failureLimit', async () => {
    gaugeValue = 50;
    await prometheus.waitForQuery('gitcanary_test_gauge{app="podinfo"} == 50');
    const recovering = gate({
      query: 'gitcanary_test_gauge{app="podinfo"}',
      thresholdRange: { min: 99 },
      count: 2,
      interval: '2500ms',
      failureLimit: 1,
    });
    // The canary recovers after the first measurement; the next scrape (1s) sees it.
    const result = await recovering.evaluate(
      gateContext({
        progress: () => {
          gaugeValue = 100;
        },
      }),
    );
    expect(result.measurements.map((m) => m.verdict)).toEqual(['fail', 'pass']);
    expect(result).toMatchObject({ verdict: 'pass', value: 100 });
    expect(result.message).toContain('1 failed (limit 1)');
  });

  it('fails at the first failed measurement with failureLimit 0', async () => {
    gaugeValue = 50;
    await prometheus.waitForQuery('gitcanary_test_gauge{app="podinfo"} == 50');
    const result = await gate({
      query: 'gitcanary_test_gauge{app="podinfo"}',
      thresholdRange: { min: 99 },
      count: 5,
      interval: 10,
    }).evaluate(gateContext());
    expect(result.verdict).toBe('fail');
    expect(result.measurements).toHaveLength(1);
  });

  it('escapes template variables for PromQL strings', async () => {
    const weird = gate({
      query: 'gitcanary_test_gauge{app="{{ app }}"}',
      variables: { app: 'we"ird\\name' },
      thresholdRange: { min: 40, max: 50 },
    });
    expect(weird.renderQuery(gateContext())).toBe('gitcanary_test_gauge{app="we\\"ird\\\\name"}');
    const result = await weird.evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'pass', value: 42 });
  });

  it('keeps an injection attempt inside the label string', async () => {
    const injected = gate({
      query: 'gitcanary_test_gauge{app="{{ app }}"}',
      variables: { app: 'x"} or vector(100) or {app="' },
      thresholdRange: { min: 99 },
    });
    expect(injected.renderQuery(gateContext())).toBe(
      'gitcanary_test_gauge{app="x\\"} or vector(100) or {app=\\""}',
    );
    // No such series: the injected `or vector(100)` did not turn into a passing value.
    const result = await injected.evaluate(gateContext({ clock: new VirtualClock() }));
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('no data');
  });

  it('renders the APISIX template on the routes apisix-ingress-controller names for the ApisixRoute', () => {
    const apisix = gate({
      template: 'request-success-rate',
      router: 'apisix',
      interval: '10s',
      thresholdRange: { min: 99 },
    });
    // <namespace>_<ApisixRoute>_<rule> (ComposeRouteName); test/gates/builtin-templates.test.ts measures it.
    expect(apisix.renderQuery(gateContext())).toContain('route=~"test_podinfo_.+"');
    expect(apisix.renderQuery(gateContext())).toContain('[10s]');
  });

  it('renders every built-in template to PromQL Prometheus accepts', async () => {
    for (const router of ['apisix', 'nginx', 'istio', 'gatewayAPI', 'traefik', 'smi']) {
      for (const template of ['request-success-rate', 'request-duration'] as const) {
        const result = await gate({
          template,
          router,
          thresholdRange: { min: 0 },
          consecutiveErrorLimit: 0,
        }).evaluate(gateContext({ namespace: 'nothing-here' }));
        // Accepted PromQL over no series: an empty result (a bad query would be an HTTP 400).
        expect(result.message, `${router}/${template}`).toContain('no data (empty result)');
      }
    }
  });
});
