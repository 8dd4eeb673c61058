import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookConfigSchema, webhookTypeSchema } from '../../src/gates/schemas.js';
import {
  eventPayload,
  FLAGGER_BACKOFF,
  flaggerAccepts,
  WebhookGate,
  webhookChecksum,
  webhookFiresAt,
} from '../../src/gates/webhook.js';
import { secretFromEnv } from '../../src/report/secrets.js';
import { gateContext } from '../support/gate-context.js';
import { freePort, startHttpServer, type TestHttpServer } from '../support/http-server.js';

// Flagger's webhook client (fluxcd/flagger pkg/controller/webhook.go: callWebhook, newHTTPClient,
// CallEventWebhook) against a real loopback receiver: payload bytes, the `> 202` failure rule, the
// 10s default timeout, HTTP retries with backoff, disableTLS.

/** Short waits between retries; the defaults are Flagger's 1s..30s (checked below). */
const FAST = { minMs: 20, maxMs: 40 };

let receiver: TestHttpServer;
beforeEach(async () => {
  receiver = await startHttpServer();
});
afterEach(async () => {
  await receiver.close();
});

describe('WebhookGate', () => {
  it("POSTs Flagger's CanaryWebhookPayload, metadata keys sorted as Go writes a map, and passes on 200", async () => {
    const gate = new WebhookGate('load-test', {
      url: `${receiver.url}/gate/check`,
      type: 'pre-rollout',
      metadata: { type: 'bash', cmd: 'curl -sd test podinfo-canary:9898/token' },
    });
    const result = await gate.evaluate(gateContext());
    expect(result).toMatchObject({
      gate: 'load-test',
      kind: 'webhook',
      verdict: 'pass',
      value: 200,
      threshold: 'HTTP 200-202',
    });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/gate/check');
    expect(request?.headers['content-type']).toBe('application/json');
    // Go's encoding/json writes the struct's fields in order and a map's keys sorted.
    expect(request?.body).toBe(
      JSON.stringify({
        name: 'podinfo',
        namespace: 'test',
        phase: 'Progressing',
        checksum: webhookChecksum(gateContext()),
        metadata: { cmd: 'curl -sd test podinfo-canary:9898/token', type: 'bash' },
      }),
    );
  });

  it('omits metadata when none is configured, as Flagger does', async () => {
    await new WebhookGate('hook', { url: receiver.url }).evaluate(gateContext());
    expect(Object.keys(JSON.parse(receiver.requests[0]?.body ?? '{}'))).toEqual([
      'name',
      'namespace',
      'phase',
      'checksum',
    ]);
  });

  it.each([200, 201, 202])('passes on HTTP %i', async (status) => {
    receiver.setHandler(() => ({ status }));
    const result = await new WebhookGate('hook', { url: receiver.url }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'pass', value: status });
  });

  it.each([203, 204, 302])('fails on HTTP %i, since Flagger fails any status above 202', async (status) => {
    receiver.setHandler(() => ({ status }));
    const result = await new WebhookGate('hook', { url: receiver.url }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: status });
    expect(flaggerAccepts(status)).toBe(false);
    if (status === 204) expect(result.message).toContain('Flagger counts only 200-202 as success');
  });

  it('fails on 5xx and records the status and a body excerpt', async () => {
    receiver.setHandler(() => ({ status: 500, body: `load test failed:\n  ${'x'.repeat(300)}` }));
    const result = await new WebhookGate('load-test', { url: receiver.url, type: 'rollout' }).evaluate(
      gateContext(),
    );
    expect(result).toMatchObject({ verdict: 'fail', value: 500 });
    expect(result.message).toContain('rollout webhook');
    expect(result.message).toContain('answered HTTP 500: load test failed: xxx');
    expect(result.message.endsWith('x…')).toBe(true);
    expect(receiver.requests).toHaveLength(1);
  });

  it("waits 10s for an answer by default, Flagger's timeout", () => {
    expect(new WebhookGate('hook', { url: receiver.url }).config.timeout).toBe('10s');
  });

  it('fails when the receiver does not answer within the timeout', async () => {
    receiver.setHandler(() => ({ status: 200, delayMs: 2000 }));
    const started = Date.now();
    const result = await new WebhookGate('slow', { url: receiver.url, timeout: '200ms' }).evaluate(
      gateContext(),
    );
    expect(Date.now() - started).toBeLessThan(1500);
    expect(result).toMatchObject({ verdict: 'fail', value: 'error' });
    expect(result.message).toContain('timed out after 200ms');
  });

  it('makes one request when retries is not set, even on 503', async () => {
    receiver.setHandler(() => ({ status: 503 }));
    const result = await new WebhookGate('hook', { url: receiver.url }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: 503 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('retries a 5xx answer as an HTTP retry and passes when a retry succeeds', async () => {
    receiver.setHandler((_, index) => ({ status: index === 0 ? 503 : 200 }));
    const gate = new WebhookGate('flaky', { url: receiver.url, retries: 1 }, FAST);
    const result = await gate.evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'pass', value: 200 });
    expect(result.message).toContain('after 2 attempts');
    expect(receiver.requests).toHaveLength(2);
  });

  it('gives up after retries more attempts and reports the last answer', async () => {
    receiver.setHandler(() => ({ status: 502, body: 'bad gateway' }));
    const gate = new WebhookGate('down', { url: receiver.url, retries: 2 }, FAST);
    const result = await gate.evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: 502 });
    expect(result.message).toContain('after 3 attempts: bad gateway');
    expect(receiver.requests).toHaveLength(3);
  });

  it('retries 429 and a timed-out attempt, as retryablehttp does', async () => {
    receiver.setHandler((_, index) =>
      index === 0 ? { status: 429 } : index === 1 ? { status: 200, delayMs: 1000 } : { status: 202 },
    );
    const gate = new WebhookGate('busy', { url: receiver.url, retries: 2, timeout: '150ms' }, FAST);
    const result = await gate.evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'pass', value: 202 });
    expect(receiver.requests).toHaveLength(3);
  });

  it.each([403, 501])('does not retry HTTP %i', async (status) => {
    receiver.setHandler(() => ({ status, body: 'no' }));
    const gate = new WebhookGate('hook', { url: receiver.url, retries: 3 }, FAST);
    const result = await gate.evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: status });
    expect(receiver.requests).toHaveLength(1);
  });

  it('waits longer before each retry, up to the maximum', async () => {
    const times: number[] = [];
    receiver.setHandler(() => {
      times.push(Date.now());
      return { status: 503 };
    });
    const gate = new WebhookGate('hook', { url: receiver.url, retries: 3 }, { minMs: 100, maxMs: 150 });
    await gate.evaluate(gateContext());
    const waits = times.slice(1).map((time, index) => time - times[index]!);
    // 100ms, then 200ms capped at 150ms, twice (a loaded machine only adds to these).
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(95);
    expect(waits[1]).toBeGreaterThanOrEqual(145);
    expect(waits[2]).toBeGreaterThanOrEqual(145);
  });

  it("uses retryablehttp's default backoff as Flagger leaves it: 1s doubling up to 30s", () => {
    expect(FLAGGER_BACKOFF).toEqual({ minMs: 1000, maxMs: 30_000 });
  });

  it('reports an unreachable receiver as a failed check after its retries', async () => {
    const port = await freePort();
    const gate = new WebhookGate('gone', { url: `http://127.0.0.1:${port}/`, retries: 1 }, FAST);
    const result = await gate.evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: 'error' });
    expect(result.message).toContain('unreachable');
  });

  describe('over HTTPS with a self-signed certificate', () => {
    let secure: TestHttpServer;
    beforeEach(async () => {
      secure = await startHttpServer(() => ({ status: 200 }), { tls: true });
    });
    afterEach(async () => {
      await secure.close();
    });

    it('refuses the certificate and does not retry a certificate error', async () => {
      const gate = new WebhookGate('tls', { url: `${secure.url}/`, retries: 2 }, FAST);
      const result = await gate.evaluate(gateContext());
      expect(result).toMatchObject({ verdict: 'fail', value: 'error' });
      expect(result.message).toMatch(/certificate/i);
      expect(secure.requests).toHaveLength(0);
    });

    it('skips certificate verification with disableTLS, as Flagger sets InsecureSkipVerify', async () => {
      const gate = new WebhookGate('tls', { url: `${secure.url}/`, disableTLS: true });
      const result = await gate.evaluate(gateContext());
      expect(result).toMatchObject({ verdict: 'pass', value: 200 });
      expect(secure.requests).toHaveLength(1);
    });
  });

  it('keeps waiting (inconclusive) while a confirm-promotion hook answers non-2xx or cannot be reached', async () => {
    receiver.setHandler(() => ({ status: 403, body: 'gate closed' }));
    const gate = new WebhookGate('approve', { url: receiver.url, type: 'confirm-promotion' });
    const result = await gate.evaluate(gateContext({ phase: 'WaitingPromotion' }));
    expect(result.verdict).toBe('inconclusive');
    expect(result.message).toContain('not confirmed yet');
    expect(JSON.parse(receiver.requests[0]?.body ?? '{}').phase).toBe('WaitingPromotion');
    const port = await freePort();
    const gone = new WebhookGate('approve', { url: `http://127.0.0.1:${port}/`, type: 'confirm-rollout' });
    expect((await gone.evaluate(gateContext())).verdict).toBe('inconclusive');
  });

  it('asks for a rollback (fail) when a rollback hook answers 200-202, and for none otherwise or when unreachable', async () => {
    const gate = new WebhookGate('rollback', { url: receiver.url, type: 'rollback' });
    expect(gate.effect).toBe('rollback');
    expect((await gate.evaluate(gateContext())).verdict).toBe('fail');
    receiver.setHandler(() => ({ status: 400 }));
    expect((await gate.evaluate(gateContext())).verdict).toBe('pass');
    const port = await freePort();
    const gone = await new WebhookGate('rollback', {
      url: `http://127.0.0.1:${port}/`,
      type: 'rollback',
    }).evaluate(gateContext());
    expect(gone.verdict).toBe('pass');
    expect(gone.message).toContain('no rollback requested');
  });

  it.each(['post-rollout', 'event'] as const)(
    'never fails the release from a %s webhook: its failure is reported, the verdict passes',
    async (type) => {
      receiver.setHandler(() => ({ status: 500, body: 'receiver down' }));
      const result = await new WebhookGate('notify', { url: receiver.url, type }).evaluate(gateContext());
      expect(result).toMatchObject({ verdict: 'pass', value: 500 });
      expect(result.message).toContain('notification only');
      expect(result.threshold).toBe('notification (never fails the release)');
    },
  );

  it('accepts Flagger fields disableTLS and muteAlert', () => {
    expect(webhookConfigSchema.parse({ url: receiver.url, muteAlert: true, disableTLS: true })).toMatchObject(
      {
        muteAlert: true,
        disableTLS: true,
        retries: 0,
        timeout: '10s',
      },
    );
  });

  it("builds Flagger's event payload: eventMessage, eventType, timestamp in ms as a string; Flagger's keys win", () => {
    const payload = eventPayload(
      gateContext(),
      { eventType: 'mine', cluster: 'prod' },
      'New revision detected! Scaling up podinfo.test',
      'Normal',
      new Date(1578607635167),
    );
    expect(JSON.stringify(payload)).toBe(
      JSON.stringify({
        name: 'podinfo',
        namespace: 'test',
        phase: 'Progressing',
        checksum: webhookChecksum(gateContext()),
        metadata: {
          cluster: 'prod',
          eventMessage: 'New revision detected! Scaling up podinfo.test',
          eventType: 'Normal',
          timestamp: '1578607635167',
        },
      }),
    );
  });

  it('masks secrets in the URL and the answer', async () => {
    process.env.GITCANARY_TEST_WEBHOOK_TOKEN = 'hook-secret-123';
    secretFromEnv('GITCANARY_TEST_WEBHOOK_TOKEN');
    receiver.setHandler(() => ({ status: 401, body: 'bad token hook-secret-123' }));
    const result = await new WebhookGate('hook', { url: `${receiver.url}/?token=hook-secret-123` }).evaluate(
      gateContext(),
    );
    expect(result.message).not.toContain('hook-secret-123');
    expect(result.message).toContain('[secure]');
  });

  it('keeps the checksum stable across the steps of one candidate', () => {
    const first = webhookChecksum(gateContext({ commit: 'aaa', stepIndex: 1 }));
    expect(webhookChecksum(gateContext({ commit: 'bbb', stepIndex: 2 }))).toBe(first);
    expect(webhookChecksum(gateContext({ canaryImage: 'ghcr.io/stefanprodan/podinfo:6.5.2' }))).not.toBe(
      first,
    );
    expect(first).toMatch(/^[0-9a-f]{16}$/);
  });

  it('documents when every Flagger webhook type fires', () => {
    expect(Object.keys(webhookFiresAt).sort()).toEqual([...webhookTypeSchema.options].sort());
  });
});
