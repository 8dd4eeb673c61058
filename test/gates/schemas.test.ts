import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  gateConfigSchema,
  parseGateConfig,
  prometheusConfigSchema,
  syncGateSchema,
} from '../../src/gates/schemas.js';

describe('gate config schemas', () => {
  it('applies Argo-style defaults to a prometheus gate', () => {
    expect(
      gateConfigSchema.parse({
        name: 'success-rate',
        prometheus: {
          address: 'http://prometheus.monitoring:9090',
          template: 'request-success-rate',
          router: 'apisix',
          thresholdRange: { min: 99 },
        },
      }),
    ).toEqual({
      name: 'success-rate',
      prometheus: {
        address: 'http://prometheus.monitoring:9090',
        template: 'request-success-rate',
        router: 'apisix',
        thresholdRange: { min: 99 },
        timeout: '30s',
        interval: '1m',
        count: 1,
        failureLimit: 0,
        inconclusiveLimit: 0,
        consecutiveErrorLimit: 4,
      },
    });
  });

  it('accepts every gate kind', () => {
    for (const gate of [
      { command: { command: 'curl -sf http://{{canaryService}}/healthz', timeout: 30 } },
      { webhook: { url: 'http://flagger-loadtester.test/', type: 'pre-rollout', metadata: { cmd: 'hey' } } },
      {
        http: {
          url: 'http://{{canaryService}}:9898/healthz',
          jsonPath: '$.status',
          successCondition: 'result == "ok"',
        },
      },
      {
        sync: {
          argocd: { server: 'https://argocd.example.com', application: 'podinfo', tokenEnv: 'ARGOCD_TOKEN' },
        },
      },
      { sync: { flux: { kustomization: 'apps', namespace: 'flux-system', progressDeadline: '10m' } } },
      { approval: { label: 'canary/approved' } },
      { approval: {} },
    ]) {
      expect(gateConfigSchema.safeParse(gate).success, JSON.stringify(gate)).toBe(true);
    }
  });

  it.each([
    [
      { prometheus: { address: 'http://p:9090', thresholdRange: { min: 1 } } },
      'set exactly one of query or template',
    ],
    [
      { prometheus: { address: 'http://p:9090', query: 'up', thresholdRange: {} } },
      'thresholdRange needs min, max or both',
    ],
    [
      {
        prometheus: {
          address: 'http://p:9090',
          template: 'request-success-rate',
          thresholdRange: { min: 1 },
        },
      },
      'a built-in template needs router',
    ],
    [{ command: { command: 'true', timeout: '5 minutes' } }, 'expected a duration'],
    [{ webhook: { url: 'http://x', type: 'pre-promotion' } }, 'Invalid option'],
    [{ command: { command: 'true', timeuot: '5s' } }, 'Unrecognized key'],
  ])('rejects %j', (gate, message) => {
    const parsed = gateConfigSchema.safeParse(gate);
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toContain(message);
  });

  it('rejects a gate with two kinds and a sync with both reconcilers', () => {
    expect(gateConfigSchema.safeParse({ command: { command: 'true' }, approval: {} }).success).toBe(false);
    expect(
      syncGateSchema.safeParse({
        sync: { argocd: { server: 's', application: 'a' }, flux: { kustomization: 'k' } },
      }).success,
    ).toBe(false);
  });

  it('names the bad field in a GitcanaryError', () => {
    expect(() =>
      parseGateConfig(
        prometheusConfigSchema,
        { address: 'http://p', query: 'up', thresholdRange: { min: 2, max: 1 } },
        'prometheus',
      ),
    ).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', place: { field: 'prometheus.thresholdRange' } }),
    );
  });

  it('converts to JSON Schema for editors', () => {
    const schema = z.toJSONSchema(gateConfigSchema, { io: 'input' }) as { anyOf: unknown[] };
    // Nine kinds (argoAnalysis and metricTemplate read templates from the repository), and the
    // command gate's `command: "…"` shorthand.
    expect(schema.anyOf).toHaveLength(10);
    expect(JSON.stringify(schema)).toContain('"default":"1m"');
  });
});
