import { describe, expect, it } from 'vitest';
import { ManifestTree } from '../../src/manifests/index.js';
import { albRouter } from '../../src/targets/alb.js';
import { assertValidManifests } from '../support/k8s.js';

// The forward action the AWS Load Balancer Controller documents (camelCase keys, a third target
// group by ARN), written by a person as indented JSON in a block scalar: only the weights change.

const INGRESS = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  annotations:
    kubernetes.io/ingress.class: alb
    # Weights moved by gitcanary; keep the rest as it is.
    alb.ingress.kubernetes.io/actions.shop-root: |
      {
        "type": "forward",
        "forwardConfig": {
          "targetGroups": [
            { "serviceName": "shop-stable", "servicePort": "80", "weight": 100 },
            { "serviceName": "shop-canary", "servicePort": "80", "weight": 0 },
            { "targetGroupARN": "arn:aws:elasticloadbalancing:eu-west-1:1:targetgroup/legacy/1" }
          ],
          "targetGroupStickinessConfig": { "enabled": true, "durationSeconds": 200 }
        }
      }
spec:
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: shop-root
            port:
              name: use-annotation
`;

const config = albRouter.configSchema.parse({
  file: 'ingress.yaml',
  ingress: 'shop',
  rootService: 'shop-root',
  servicePort: 80,
  stableService: 'shop-stable',
  canaryService: 'shop-canary',
});

describe('alb router', () => {
  it("changes only the weight numbers inside a person's forward action, keeping its layout", () => {
    const tree = new ManifestTree({ 'ingress.yaml': INGRESS });
    const next = albRouter.setWeight(tree, config, 25);
    expect(next.text('ingress.yaml')).toBe(
      INGRESS.replace('"weight": 100 }', '"weight": 75 }').replace('"weight": 0 }', '"weight": 25 }'),
    );
    expect(albRouter.observe(next, config).canaryWeight).toBe(25);
    assertValidManifests(next.text('ingress.yaml'));
  });

  it('inserts a missing weight next to the target group it belongs to', () => {
    const tree = new ManifestTree({
      'ingress.yaml': INGRESS.replace(', "weight": 0 }', ' }'),
    });
    const next = albRouter.setWeight(tree, config, 10);
    expect(next.text('ingress.yaml')).toContain(
      '{ "serviceName": "shop-canary", "servicePort": "80", "weight": 10 }',
    );
    expect(next.text('ingress.yaml')).toContain('"weight": 90 }');
  });

  it('refuses an action that is not JSON, at the annotation', () => {
    const tree = new ManifestTree({
      'ingress.yaml': INGRESS.replace('"type": "forward",', '"type": forward,'),
    });
    expect(() => albRouter.setWeight(tree, config, 10)).toThrow(/the ALB action annotation is not JSON/);
  });
});
