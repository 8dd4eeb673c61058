import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpGate } from '../../src/gates/http.js';
import { secretFromEnv } from '../../src/report/secrets.js';
import { gateContext } from '../support/gate-context.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';

const json = (body: unknown) => ({
  status: 200,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

let service: TestHttpServer;
beforeEach(async () => {
  service = await startHttpServer(() =>
    json({ status: 'UP', data: { successRate: 0.995, checks: [{ ok: true }] } }),
  );
});
afterEach(async () => {
  await service.close();
});

/** Retries as the product makes them, with short delays (test/gates/outage.test.ts covers them). */
const FAST = { attempts: 2, minDelayMs: 10, maxDelayMs: 20 };

describe('HttpGate', () => {
  it('passes on 2xx by default', async () => {
    const result = await new HttpGate('health', { url: `${service.url}/healthz` }).evaluate(gateContext());
    expect(result).toMatchObject({ kind: 'http', verdict: 'pass', value: 200, threshold: 'HTTP 2xx' });
    expect(service.requests[0]).toMatchObject({ method: 'GET', path: '/healthz' });
  });

  it('fails on a 5xx with the body excerpt', async () => {
    service.setHandler(() => ({ status: 503, body: 'upstream connect error' }));
    const result = await new HttpGate('health', { url: service.url }, { retry: FAST }).evaluate(
      gateContext(),
    );
    expect(result).toMatchObject({ verdict: 'fail', value: 503 });
    // Asked again before failing: a 5xx may be a blip of the endpoint, not the canary's answer.
    expect(service.requests).toHaveLength(2);
    expect(result.message).toContain('→ 503, expected 2xx: upstream connect error');
  });

  it('checks an exact expected status', async () => {
    service.setHandler(() => ({ status: 200 }));
    const result = await new HttpGate('created', { url: service.url, expectStatus: [201, 202] }).evaluate(
      gateContext(),
    );
    expect(result.verdict).toBe('fail');
  });

  it('passes when the successCondition holds on the jsonPath value', async () => {
    const result = await new HttpGate('success-rate', {
      url: service.url,
      jsonPath: '$.data.successRate',
      successCondition: 'result >= 0.99',
    }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'pass', value: 0.995, threshold: 'result >= 0.99' });
  });

  it('fails when the successCondition does not hold', async () => {
    const result = await new HttpGate('success-rate', {
      url: service.url,
      jsonPath: '{$.data.successRate}',
      successCondition: 'result >= 0.999',
    }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: 0.995 });
  });

  it('compares strings and array members', async () => {
    const status = await new HttpGate('status', {
      url: service.url,
      jsonPath: '$.status',
      successCondition: 'result == "UP"',
    }).evaluate(gateContext());
    expect(status.verdict).toBe('pass');
    const check = await new HttpGate('check', {
      url: service.url,
      jsonPath: '$.data.checks[0].ok',
      successCondition: 'result == true',
    }).evaluate(gateContext());
    expect(check.verdict).toBe('pass');
  });

  it('evaluates conditions on the whole JSON body without jsonPath', async () => {
    const result = await new HttpGate('body', {
      url: service.url,
      successCondition: 'result.status == "UP" && result.data.successRate > 0.99',
    }).evaluate(gateContext());
    expect(result.verdict).toBe('pass');
  });

  it('is inconclusive when neither success nor failure condition holds', async () => {
    const result = await new HttpGate('rate', {
      url: service.url,
      jsonPath: '$.data.successRate',
      successCondition: 'result >= 0.999',
      failureCondition: 'result < 0.9',
    }).evaluate(gateContext());
    expect(result.verdict).toBe('inconclusive');
  });

  it('counts a missing jsonPath as an error, failing after consecutiveErrorLimit', async () => {
    const result = await new HttpGate('missing', {
      url: service.url,
      jsonPath: '$.data.p99',
      successCondition: 'result < 500',
      consecutiveErrorLimit: 1,
      interval: 0.02,
    }).evaluate(gateContext());
    expect(result.verdict).toBe('fail');
    expect(result.measurements).toHaveLength(2);
    expect(result.message).toContain('no "p99" in the response');
  });

  it('fails on timeout', async () => {
    service.setHandler(() => ({ status: 200, delayMs: 2000 }));
    const started = Date.now();
    const result = await new HttpGate(
      'slow',
      { url: service.url, timeout: '200ms', consecutiveErrorLimit: 0 },
      { retry: FAST },
    ).evaluate(gateContext());
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result.verdict).toBe('fail');
    expect(result.message).toContain('timed out after 200ms (tried 2 times)');
  });

  it('sends method, headers, body and a bearer token, and URL-encodes template values', async () => {
    process.env.GITCANARY_TEST_HTTP_TOKEN = 'http-secret-456';
    secretFromEnv('GITCANARY_TEST_HTTP_TOKEN');
    service.setHandler(() => ({ status: 500, body: 'token http-secret-456 rejected' }));
    const result = await new HttpGate(
      'post',
      {
        url: `${service.url}/check?service={{canaryService}}&note={{namespace}}`,
        method: 'POST',
        headers: { 'x-release': 'podinfo' },
        body: '{"ping":true}',
        bearerTokenEnv: 'GITCANARY_TEST_HTTP_TOKEN',
      },
      { retry: FAST },
    ).evaluate(gateContext({ namespace: 'a&b=c d' }));
    const [request] = service.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: '/check?service=podinfo-canary&note=a%26b%3Dc%20d',
      body: '{"ping":true}',
    });
    expect(request?.headers['x-release']).toBe('podinfo');
    expect(request?.headers.authorization).toBe('Bearer http-secret-456');
    expect(result.verdict).toBe('fail');
    expect(JSON.stringify(result)).not.toContain('http-secret-456');
  });

  it('rejects an unsupported jsonPath or a bad condition at construction', () => {
    expect(() => new HttpGate('bad', { url: 'http://x', jsonPath: '$..items[*]' })).toThrow(
      /unsupported jsonPath/,
    );
    expect(() => new HttpGate('bad', { url: 'http://x', successCondition: 'result >= ' })).toThrow(
      /cannot parse condition/,
    );
    expect(() => new HttpGate('bad', { url: 'http://x', successCondition: 'process.exit(1)' })).toThrow(
      /cannot parse condition/,
    );
  });
});
