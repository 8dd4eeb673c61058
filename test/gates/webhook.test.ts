import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { webhookTypeSchema } from '../../src/gates/schemas.js';
import { WebhookGate, webhookChecksum, webhookFiresAt } from '../../src/gates/webhook.js';
import { secretFromEnv } from '../../src/report/secrets.js';
import { gateContext } from '../support/gate-context.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';

let receiver: TestHttpServer;
beforeEach(async () => {
  receiver = await startHttpServer();
});
afterEach(async () => {
  await receiver.close();
});

describe('WebhookGate', () => {
  it("POSTs Flagger's CanaryWebhookPayload and passes on 200", async () => {
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
      threshold: 'HTTP 2xx',
    });
    expect(receiver.requests).toHaveLength(1);
    const [request] = receiver.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/gate/check');
    expect(request?.headers['content-type']).toBe('application/json');
    // Key order as Go's encoding/json writes the struct: name, namespace, phase, checksum, metadata.
    expect(request?.body).toBe(
      JSON.stringify({
        name: 'podinfo',
        namespace: 'test',
        phase: 'Progressing',
        checksum: webhookChecksum(gateContext()),
        metadata: { type: 'bash', cmd: 'curl -sd test podinfo-canary:9898/token' },
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

  it('passes on any 2xx, including 204', async () => {
    receiver.setHandler(() => ({ status: 204 }));
    const result = await new WebhookGate('hook', { url: receiver.url }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'pass', value: 204 });
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

  it('retries a 5xx answer up to retries times', async () => {
    receiver.setHandler((_, index) => ({ status: index === 0 ? 503 : 200 }));
    const result = await new WebhookGate('flaky', { url: receiver.url, retries: 1 }).evaluate(gateContext());
    expect(result.verdict).toBe('pass');
    expect(receiver.requests).toHaveLength(2);
  });

  it('does not retry a 4xx answer', async () => {
    receiver.setHandler(() => ({ status: 403, body: 'forbidden' }));
    const result = await new WebhookGate('hook', { url: receiver.url, retries: 3 }).evaluate(gateContext());
    expect(result).toMatchObject({ verdict: 'fail', value: 403 });
    expect(receiver.requests).toHaveLength(1);
  });

  it('keeps waiting (inconclusive) while a confirm-promotion hook answers non-2xx', async () => {
    receiver.setHandler(() => ({ status: 403, body: 'gate closed' }));
    const result = await new WebhookGate('approve', {
      url: receiver.url,
      type: 'confirm-promotion',
    }).evaluate(gateContext({ phase: 'WaitingPromotion' }));
    expect(result.verdict).toBe('inconclusive');
    expect(result.message).toContain('not confirmed yet');
    expect(JSON.parse(receiver.requests[0]?.body ?? '{}').phase).toBe('WaitingPromotion');
  });

  it('fails when a rollback hook answers 2xx and passes otherwise', async () => {
    const gate = new WebhookGate('rollback', { url: receiver.url, type: 'rollback' });
    expect((await gate.evaluate(gateContext())).verdict).toBe('fail');
    receiver.setHandler(() => ({ status: 400 }));
    expect((await gate.evaluate(gateContext())).verdict).toBe('pass');
  });

  it('sends event metadata with Flagger keys winning over configured ones', async () => {
    await new WebhookGate('events', {
      url: receiver.url,
      type: 'event',
      metadata: { eventType: 'mine', cluster: 'prod' },
    }).evaluate(gateContext());
    const metadata = JSON.parse(receiver.requests[0]?.body ?? '{}').metadata;
    expect(metadata).toMatchObject({ cluster: 'prod', eventType: 'Normal' });
    expect(metadata.eventMessage).toContain('Progressing');
    expect(Number(metadata.timestamp)).toBeGreaterThan(Date.now() - 60_000);
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
