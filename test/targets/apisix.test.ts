import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GitcanaryError } from '../../src/errors.js';
import { loadTree, ManifestTree } from '../../src/manifests/index.js';
import {
  type ApisixConfig,
  apisixConfigSchema,
  apisixTarget,
  readCanaryWeight,
  setCanaryWeight,
  setHeaderRoutes,
} from '../../src/targets/apisix.js';
import { type CanaryState, type HeaderRoute, initialState } from '../../src/targets/types.js';
import { assertValidAgainstCrd } from '../support/crd.js';

const FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'apisix');

const argo: ApisixConfig = {
  file: 'argo-rollouts/route.yaml',
  route: 'rollouts-apisix-route',
  stableService: 'rollout-apisix-canary-stable',
  canaryService: 'rollout-apisix-canary-canary',
};
const podinfo: ApisixConfig = {
  file: 'flagger-podinfo',
  route: 'podinfo',
  namespace: 'test',
  stableService: 'podinfo-primary',
  canaryService: 'podinfo-canary',
};
const payments: ApisixConfig = {
  file: 'crlf-multidoc',
  route: 'payments',
  stableService: 'payments-stable',
  canaryService: 'payments-canary',
};
const shop: ApisixConfig = {
  file: 'two-rules/route.yaml',
  route: 'shop',
  stableService: 'shop-stable',
  canaryService: 'shop-canary',
};

const fixture = (folder: string): Promise<ManifestTree> => loadTree(FIXTURES, [folder]);

function state(canaryWeight: number, headerRoutes: HeaderRoute[] = []): CanaryState {
  return { ...initialState('app:1'), canaryImage: 'app:2', canaryWeight, headerRoutes };
}

const traceDebug: HeaderRoute = {
  name: 'set-header',
  match: [{ headerName: 'trace', headerValue: { exact: 'debug' } }],
};

/** Line diff (`-old` at its old line number, `+new` at its new one); a CR shows as `\r`. */
function diff(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const lcs = a.map(() => new Array<number>(b.length + 1).fill(0));
  lcs.push(new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: string[] = [];
  const show = (line: string) => line.replace(/\r$/, '\\r');
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push(`-${i + 1}: ${show(a[i]!)}`);
      i++;
    } else {
      out.push(`+${j + 1}: ${show(b[j]!)}`);
      j++;
    }
  }
  return out.join('\n');
}

/** Every changed file's diff against `base`, and every ApisixRoute written validated against the CRD. */
function changes(base: ManifestTree, next: ManifestTree): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const change of next.changedFrom(base)) {
    if (change.text !== null) assertApisixRoutesValid(change.text);
    out[change.file] =
      change.text === null
        ? null
        : base.has(change.file)
          ? diff(base.text(change.file), change.text)
          : change.text;
  }
  return out;
}

function assertApisixRoutesValid(text: string): void {
  for (const document of parseAllDocuments(text) as ReturnType<typeof parseAllDocuments> & unknown[]) {
    const object = document.toJS() as { apiVersion: string; kind: string } | null;
    if (object?.kind !== 'ApisixRoute') continue;
    // The vendored CRD serves only v2 (v2beta3 is gone upstream); v2beta3 routes are checked as v2.
    assertValidAgainstCrd('apisixroute-crd.yaml', { ...object, apiVersion: 'apisix.apache.org/v2' });
  }
}

function caught(fn: () => unknown): GitcanaryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected a GitcanaryError');
}

describe('apisix target: weights', () => {
  it('inserts the missing weights of the Argo Rollouts example (0 → 10)', async () => {
    const tree = await fixture('argo-rollouts');
    const next = apisixTarget.apply(tree, argo, state(10), 'canary');
    expect(changes(tree, next)).toEqual({
      'argo-rollouts/route.yaml': ['+16:           weight: 90', '+19:           weight: 10'].join('\n'),
    });
  });

  it('changes only the weight lines, 10 → 50 → 100', async () => {
    const tree = await fixture('argo-rollouts');
    const at10 = setCanaryWeight(tree, argo, 10);
    const at50 = setCanaryWeight(at10, argo, 50);
    expect(changes(at10, at50)).toEqual({
      'argo-rollouts/route.yaml': [
        '-16:           weight: 90',
        '+16:           weight: 50',
        '-19:           weight: 10',
        '+19:           weight: 50',
      ].join('\n'),
    });
    const at100 = setCanaryWeight(at50, argo, 100);
    expect(at100.text('argo-rollouts/route.yaml')).toBe(`apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: rollouts-apisix-route
spec:
  http:
    - name: rollouts-apisix
      match:
        paths:
          - /*
        hosts:
          - rollouts-demo.apisix.local
      backends:
        - serviceName: rollout-apisix-canary-stable
          servicePort: 80
          weight: 0
        - serviceName: rollout-apisix-canary-canary
          servicePort: 80
          weight: 100
`);
  });

  it('leaves the file byte-identical when the weight is already set', async () => {
    const tree = await fixture('flagger-podinfo');
    expect(setCanaryWeight(tree, podinfo, 0).changedFrom(tree)).toEqual([]);
  });

  it("keeps Flagger's podinfo comments and plugins, managing its only rule", async () => {
    const tree = await fixture('flagger-podinfo');
    const next = setCanaryWeight(tree, podinfo, 10);
    expect(changes(tree, next)).toEqual({
      'flagger-podinfo/podinfo-apisixroute.yaml': [
        '-14:           weight: 100',
        '+14:           weight: 90',
        '-18:           weight: 0',
        '+18:           weight: 10',
      ].join('\n'),
    });
  });

  it('keeps CRLF, 4-space indentation, trailing comments and the other documents (v2beta3)', async () => {
    const tree = await fixture('crlf-multidoc');
    const next = setCanaryWeight(tree, payments, 10);
    expect(changes(tree, next)).toEqual({
      'crlf-multidoc/payments.yaml': [
        '-29:                     weight: 100    # stable\\r',
        '+29:                     weight: 90    # stable\\r',
        '-32:                     weight: 0      # canary\\r',
        '+32:                     weight: 10      # canary\\r',
      ].join('\n'),
    });
  });

  it('manages the rule named like the route and leaves the other rule alone', async () => {
    const tree = await fixture('two-rules');
    const next = setCanaryWeight(tree, shop, 50);
    expect(changes(tree, next)).toEqual({
      'two-rules/route.yaml': [
        '-20:           weight: 90',
        '+20:           weight: 50',
        '-23:           weight: 10',
        '+23:           weight: 50',
      ].join('\n'),
    });
  });

  it('manages every rule named in `rules`', async () => {
    const tree = await fixture('two-rules');
    const next = setCanaryWeight(tree, { ...shop, rules: ['shop', 'admin'] }, 10);
    expect(changes(tree, next)).toEqual({
      'two-rules/route.yaml': [
        '-37:           weight: 100',
        '+37:           weight: 90',
        '-40:           weight: 0',
        '+40:           weight: 10',
      ].join('\n'),
    });
    expect(readCanaryWeight(next, { ...shop, rules: ['shop', 'admin'] })).toBe(10);
  });
});

describe('apisix target: header routes', () => {
  const argoHeaderRoutes = `# Managed by gitcanary: header routes of ApisixRoute/rollouts-apisix-route during a canary release.
# gitcanary rewrites this file at every step and deletes it when no header route is active.
apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: set-header
  labels:
    app.kubernetes.io/managed-by: gitcanary
  annotations:
    gitcanary.dev/header-route-match: '[{"headerName":"trace","headerValue":{"exact":"debug"}}]'
spec:
  http:
    - name: rollouts-apisix
      priority: 1
      match:
        paths:
          - /*
        hosts:
          - rollouts-demo.apisix.local
        exprs:
          - subject:
              scope: Header
              name: trace
            op: Equal
            value: debug
      backends:
        - serviceName: rollout-apisix-canary-canary
          servicePort: 80
          weight: 100
`;

  it("writes Argo Rollouts' set-header step as its own ApisixRoute next to the route", async () => {
    const tree = await fixture('argo-rollouts');
    const next = apisixTarget.apply(tree, argo, state(0, [traceDebug]), 'canary');
    expect(changes(tree, next)).toEqual({
      'argo-rollouts/route.yaml': ['+16:           weight: 100', '+19:           weight: 0'].join('\n'),
      'argo-rollouts/rollouts-apisix-route-gitcanary-routes.yaml': argoHeaderRoutes,
    });
  });

  it('regenerates identical bytes for the same state and deletes the file with the last header route', async () => {
    const tree = await fixture('argo-rollouts');
    const once = apisixTarget.apply(tree, argo, state(20, [traceDebug]), 'canary');
    const twice = apisixTarget.apply(once, argo, state(20, [traceDebug]), 'canary');
    expect(twice.changedFrom(once)).toEqual([]);
    const removed = apisixTarget.apply(twice, argo, state(20), 'canary');
    expect(removed.changedFrom(twice)).toEqual([
      { file: 'argo-rollouts/rollouts-apisix-route-gitcanary-routes.yaml', text: null },
    ]);
  });

  it('writes prefix as an escaped regex, regex as RegexMatch, keeps authentication, class and priority + 1', async () => {
    const tree = await fixture('two-rules');
    const next = setHeaderRoutes(tree, { ...shop, headerRouteFile: 'two-rules/canary-routes.yaml' }, [
      { name: 'beta-users', match: [{ headerName: 'x-version', headerValue: { prefix: 'v2.0 (beta)' } }] },
      {
        name: 'debug',
        match: [
          { headerName: 'trace', headerValue: { regex: '^(debug|verbose)$' } },
          { headerName: 'x-team', headerValue: { exact: 'payments' } },
        ],
      },
    ]);
    expect(changes(tree, next)).toEqual({
      'two-rules/canary-routes.yaml': `# Managed by gitcanary: header routes of ApisixRoute/prod/shop during a canary release.
# gitcanary rewrites this file at every step and deletes it when no header route is active.
apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: beta-users
  namespace: prod
  labels:
    app.kubernetes.io/managed-by: gitcanary
  annotations:
    gitcanary.dev/header-route-match: '[{"headerName":"x-version","headerValue":{"prefix":"v2.0 (beta)"}}]'
spec:
  ingressClassName: apisix
  http:
    - name: shop
      priority: 6
      match:
        hosts:
          - shop.example.com
        paths:
          - /*
        exprs:
          - subject:
              scope: Header
              name: x-version
            op: RegexMatch
            value: ^v2\\.0 \\(beta\\)
      backends:
        - serviceName: shop-canary
          servicePort: 8080
          weight: 100
      authentication:
        enable: true
        type: keyAuth
---
apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: debug
  namespace: prod
  labels:
    app.kubernetes.io/managed-by: gitcanary
  annotations:
    gitcanary.dev/header-route-match: '[{"headerName":"trace","headerValue":{"regex":"^(debug|verbose)$"}},{"headerName":"x-team","headerValue":{"exact":"payments"}}]'
spec:
  ingressClassName: apisix
  http:
    - name: shop
      priority: 6
      match:
        hosts:
          - shop.example.com
        paths:
          - /*
        exprs:
          - subject:
              scope: Header
              name: trace
            op: RegexMatch
            value: ^(debug|verbose)$
          - subject:
              scope: Header
              name: x-team
            op: Equal
            value: payments
      backends:
        - serviceName: shop-canary
          servicePort: 8080
          weight: 100
      authentication:
        enable: true
        type: keyAuth
`,
    });
  });

  it('writes the owned file in the route file’s CRLF and 4-space style', async () => {
    const tree = await fixture('crlf-multidoc');
    const next = setHeaderRoutes(tree, payments, [traceDebug]);
    const text = next.text('crlf-multidoc/payments-gitcanary-routes.yaml');
    expect(text.split('\r\n').slice(2, 14)).toEqual([
      'apiVersion: apisix.apache.org/v2beta3',
      'kind: ApisixRoute',
      'metadata:',
      '    name: set-header',
      '    namespace: pay',
      '    labels:',
      '        app.kubernetes.io/managed-by: gitcanary',
      '    annotations:',
      `        gitcanary.dev/header-route-match: '[{"headerName":"trace","headerValue":{"exact":"debug"}}]'`,
      'spec:',
      '    http:',
      '        - name: payments',
    ]);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    assertApisixRoutesValid(text);
  });

  it('keeps the plugins of the podinfo rule on the header route', async () => {
    const tree = await fixture('flagger-podinfo');
    const next = setHeaderRoutes(tree, podinfo, [traceDebug]);
    const text = next.text('flagger-podinfo/podinfo-gitcanary-routes.yaml');
    expect(text).toContain(`      plugins:
        - name: prometheus
          enable: true
          config:
            disable: false
            prefer_name: true
`);
    assertApisixRoutesValid(text);
  });

  it('does not take a header route for the route when searching a folder', async () => {
    const tree = await fixture('argo-rollouts');
    const withHeader = setHeaderRoutes(tree, { ...argo, file: 'argo-rollouts' }, [
      { ...traceDebug, name: 'rollouts-apisix-route-debug' },
    ]);
    expect(readCanaryWeight(setCanaryWeight(withHeader, { ...argo, file: 'argo-rollouts' }, 30), argo)).toBe(
      30,
    );
  });
});

describe('apisix target: observe', () => {
  it('reads back what apply wrote, for any weight and header routes', async () => {
    const tree = await fixture('two-rules');
    // Header values never hold control characters and regexes compile: the config schema refuses others.
    const text = fc.string({ minLength: 1 }).filter((value) => !/[\u0000-\u001f\u007f]/.test(value));
    const headerValue = fc.oneof(
      fc.record({ exact: text }),
      fc.record({ prefix: text }),
      fc.record({ regex: fc.constantFrom('^v[0-9]+$', '.*beta.*', 'a|b', '^(x|y)+') }),
    );
    const headerRoute = fc.record({
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/),
      match: fc.array(
        fc.record({ headerName: fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/), headerValue }),
        {
          minLength: 1,
          maxLength: 3,
        },
      ),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100 }),
        fc.uniqueArray(headerRoute, { selector: (route) => route.name, maxLength: 3 }),
        (canaryWeight, headerRoutes) => {
          const routes = headerRoutes.filter((route) => route.name !== 'shop');
          const next = apisixTarget.apply(tree, shop, state(canaryWeight, routes), 'canary');
          expect(apisixTarget.observe(next, shop, 'canary')).toEqual({
            canaryWeight,
            headerRoutes: routes,
            mirrorRoutes: [],
          });
          for (const change of next.changedFrom(tree)) if (change.text) assertApisixRoutesValid(change.text);
        },
      ),
      { numRuns: 60 },
    );
  });

  it("counts a backend without weight as APISIX's default 100", async () => {
    const tree = await fixture('argo-rollouts');
    expect(apisixTarget.observe(tree, argo, 'canary')).toEqual({
      canaryWeight: 50,
      headerRoutes: [],
      mirrorRoutes: [],
    });
  });

  it('refuses to guess when the managed rules disagree', async () => {
    const tree = await fixture('two-rules');
    const error = caught(() => readCanaryWeight(tree, { ...shop, rules: ['shop', 'admin'] }));
    expect(error.code).toBe('FIELD_INVALID');
    expect(error.message).toBe(
      'managed rules disagree: rule "shop" sends 10% to the canary, rule "admin" 0%',
    );
    expect(error.place).toEqual({
      file: 'two-rules/route.yaml',
      line: 35,
      column: 9,
      resource: 'ApisixRoute/prod/shop',
      field: 'spec.http[1].backends',
    });
  });
});

describe('apisix target: errors', () => {
  it('names file, resource and field when the canary backend is missing', async () => {
    const tree = await fixture('argo-rollouts');
    const error = caught(() =>
      setCanaryWeight(tree, { ...argo, canaryService: 'rollout-apisix-canary-preview' }, 10),
    );
    expect(error.code).toBe('BACKEND_MISSING');
    expect(error.format()).toBe(
      'argo-rollouts/route.yaml:14:9: ApisixRoute/rollouts-apisix-route: spec.http[0].backends: ' +
        'rule "rollouts-apisix" has no canary backend "rollout-apisix-canary-preview" ' +
        '(hint: backends present: rollout-apisix-canary-stable, rollout-apisix-canary-canary)',
    );
  });

  it('names the rule when its stable backend is missing', async () => {
    const tree = await fixture('two-rules');
    const error = caught(() => setCanaryWeight(tree, { ...shop, stableService: 'shop-primary' }, 10));
    expect(error.code).toBe('BACKEND_MISSING');
    expect(error.place.field).toBe('spec.http[0].backends');
    expect(error.message).toBe('rule "shop" has no stable backend "shop-primary"');
  });

  it('reports a rule that is not in the route, listing the rules present', async () => {
    const tree = await fixture('two-rules');
    const error = caught(() => setCanaryWeight(tree, { ...shop, rules: ['checkout'] }, 10));
    expect(error.code).toBe('FIELD_MISSING');
    expect(error.format()).toBe(
      'two-rules/route.yaml:10:5: ApisixRoute/prod/shop: spec.http: rule "checkout" not found (hint: rules present: shop, admin)',
    );
  });

  it('asks for rules when none is named like the route and there are several', async () => {
    const tree = await fixture('two-rules');
    const renamed = tree.with(
      'two-rules/route.yaml',
      tree.text('two-rules/route.yaml').replace('- name: shop', '- name: store'),
    );
    const error = caught(() => setCanaryWeight(renamed, shop, 10));
    expect(error.code).toBe('FIELD_MISSING');
    expect(error.message).toBe('no rule is named like the route ("shop")');
    expect(error.hint).toBe(
      'name the rules to manage (config `rules`, CLI --rule); rules present: store, admin',
    );
  });

  it.each([-1, 101, 10.5, Number.NaN])('refuses canary weight %s', async (canaryWeight) => {
    const tree = await fixture('argo-rollouts');
    const error = caught(() => apisixTarget.apply(tree, argo, state(canaryWeight), 'canary'));
    expect(error.code).toBe('WEIGHT_INVALID');
  });

  it('refuses a route defined twice, naming both places', async () => {
    const tree = await fixture('argo-rollouts');
    const twice = tree.with('argo-rollouts/copy.yaml', tree.text('argo-rollouts/route.yaml'));
    const error = caught(() => setCanaryWeight(twice, { ...argo, file: 'argo-rollouts' }, 10));
    expect(error.code).toBe('RESOURCE_DUPLICATE');
    expect(error.place).toMatchObject({
      file: 'argo-rollouts/route.yaml',
      resource: 'ApisixRoute/rollouts-apisix-route',
    });
    expect(error.hint).toBe('also in argo-rollouts/copy.yaml (document 1)');
  });

  it('reports a route that is not there', async () => {
    const tree = await fixture('crlf-multidoc');
    const error = caught(() => setCanaryWeight(tree, { ...payments, route: 'billing' }, 10));
    expect(error.code).toBe('RESOURCE_NOT_FOUND');
    expect(error.hint).toBe('ApisixRoute resources present: payments, payments-webhooks');
  });

  it('refuses a header route named like an existing ApisixRoute', async () => {
    const tree = await fixture('crlf-multidoc');
    const error = caught(() =>
      setHeaderRoutes(tree, payments, [{ ...traceDebug, name: 'payments-webhooks' }]),
    );
    expect(error.code).toBe('RESOURCE_DUPLICATE');
    expect(error.place).toMatchObject({
      file: 'crlf-multidoc/payments.yaml',
      line: 37,
      field: 'metadata.name',
    });
  });

  it('refuses a header match with two kinds of value, and an invalid name', async () => {
    const tree = await fixture('argo-rollouts');
    const both = caught(() =>
      setHeaderRoutes(tree, argo, [
        { name: 'x', match: [{ headerName: 'trace', headerValue: { exact: 'a', prefix: 'b' } }] },
      ]),
    );
    expect(both.code).toBe('FIELD_INVALID');
    expect(both.place.field).toBe('headerRoutes[0].match[0].headerValue');
    const name = caught(() => setHeaderRoutes(tree, argo, [{ ...traceDebug, name: 'Set_Header' }]));
    expect(name.code).toBe('FIELD_INVALID');
    expect(name.place.field).toBe('headerRoutes[0].name');
  });

  it('never overwrites or deletes a header route file it does not own', async () => {
    const tree = (await fixture('argo-rollouts')).with('argo-rollouts/mine.yaml', 'kind: ConfigMap\n');
    const config = { ...argo, headerRouteFile: 'argo-rollouts/mine.yaml' };
    expect(caught(() => setHeaderRoutes(tree, config, [traceDebug])).code).toBe('FIELD_INVALID');
    expect(caught(() => setHeaderRoutes(tree, config, [])).place.file).toBe('argo-rollouts/mine.yaml');
  });

  it('validates its config block', () => {
    expect(apisixConfigSchema.safeParse(argo).success).toBe(true);
    expect(apisixConfigSchema.safeParse({ ...argo, canaryService: argo.stableService }).success).toBe(false);
    expect(apisixConfigSchema.safeParse({ ...argo, weight: 10 }).success).toBe(false);
    expect(apisixConfigSchema.safeParse({ ...argo, rules: [] }).success).toBe(false);
  });
});

describe('apisix target: shape', () => {
  it('is the `apisix` traffic target and lists the route and its header route file', () => {
    expect(apisixTarget.key).toBe('apisix');
    expect(apisixTarget.family).toBe('traffic');
    expect(apisixTarget.files(argo)).toEqual(['argo-rollouts/route.yaml']);
    expect(apisixTarget.ownedFiles?.(argo)).toEqual([
      'argo-rollouts/rollouts-apisix-route-gitcanary-routes.yaml',
    ]);
    expect(apisixTarget.files(podinfo)).toEqual(['flagger-podinfo']);
    expect(apisixTarget.ownedFiles?.(podinfo)).toEqual([]);
  });

  it('does not change the tree it is given', async () => {
    const tree = await fixture('argo-rollouts');
    const before = new ManifestTree(new Map(tree.paths().map((file) => [file, tree.text(file)])));
    apisixTarget.apply(tree, argo, state(40, [traceDebug]), 'canary');
    expect(tree.changedFrom(before)).toEqual([]);
  });
});
