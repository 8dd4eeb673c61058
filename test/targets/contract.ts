import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { treeDiff } from '../../src/engine/diff.js';
import { GitcanaryError } from '../../src/errors.js';
import { loadTree, type ManifestTree } from '../../src/manifests/index.js';
import { routerTarget, type TrafficRouter } from '../../src/targets/router.js';
import {
  type CanaryState,
  type HeaderRoute,
  initialState,
  type MirrorRoute,
} from '../../src/targets/types.js';
import { assertValidManifests } from '../support/k8s.js';

// The contract every traffic router runs (the way Gateway API's conformance suite runs every
// implementation): written output validates against its schema, observe(setWeight(w)) = w for
// 0–100, applying twice changes no bytes, weight 0 without routes restores the bytes, only weight
// lines change between two weights, what it cannot express is refused, errors carry places.
// Adding a router = one file, one fixture folder and one `routerContract(...)` call.

export const ROUTER_FIXTURES = path.join(import.meta.dirname, '..', '..', 'fixtures', 'routers');

export interface RouterCase<C> {
  router: TrafficRouter<C>;
  /** Folder under fixtures/routers (or an absolute folder) and the files the config names. */
  fixture: string;
  files: string[];
  config: unknown;
  /** Lines a weight change may touch (the weight fields, or the one annotation that holds them). */
  weightLine: RegExp;
  /** Whether the fixture's bytes are already what weight 0 writes (explicit 100/0 weights). */
  startsAtZero: boolean;
  /** A config whose backend is missing from the manifests: the located error case. */
  missingBackend: unknown;
  /** Routers that declare extraBackends: a fixture listing the judge's baseline as a third backend. */
  baseline?: BaselineCase;
}

export interface BaselineCase {
  /** Folder under fixtures/routers and the files the config names. */
  fixture: string;
  files: string[];
  config: unknown;
  /** Whether the fixture's bytes are what a finished release writes (baseline and canary at 0). */
  startsAtZero: boolean;
  /** A config naming a baseline backend the manifests do not list. */
  missingBaseline: unknown;
}

const HEADER: HeaderRoute = {
  name: 'canary-by-header',
  match: [{ headerName: 'x-canary', headerValue: { exact: 'always' } }],
};
const MIRROR: MirrorRoute = { name: 'mirror', percentage: 20, match: [{ path: { prefix: '/' } }] };

function state(canaryWeight: number, routes: boolean, router: TrafficRouter<unknown>): CanaryState {
  return {
    ...initialState('app:1'),
    canaryImage: 'app:2',
    canaryWeight,
    headerRoutes: routes && router.capabilities.headerRoutes > 0 ? [HEADER] : [],
    mirrorRoutes: routes && router.capabilities.mirrorRoutes ? [MIRROR] : [],
  };
}

const finished = (s: CanaryState): CanaryState => ({
  ...s,
  canaryWeight: 0,
  headerRoutes: [],
  mirrorRoutes: [],
  phase: 'Promoted',
});

function validateChanged(base: ManifestTree, next: ManifestTree): void {
  for (const change of next.changedFrom(base)) if (change.text !== null) assertValidManifests(change.text);
}

function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  if (a.length !== b.length) return ['(line count changed)'];
  return b.filter((line, i) => line !== a[i]);
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

/**
 * Sums of every list of weighted backends in `text` (items with a numeric `weight` or `Weight`),
 * JSON annotations (the ALB forward action) included: each must be 100.
 */
export function weightSums(text: string): number[] {
  const sums: number[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.trimStart().startsWith('{')) {
      try {
        visit(JSON.parse(value));
      } catch {}
      return;
    }
    if (Array.isArray(value)) {
      // SMI v1alpha1 writes weights as strings ("30"): read as numbers.
      const weights = value.map((item) => {
        const weight = item !== null && typeof item === 'object' ? (item.weight ?? item.Weight) : undefined;
        return typeof weight === 'string' && /^\d+$/.test(weight) ? Number(weight) : weight;
      });
      if (value.length > 1 && weights.every((weight) => typeof weight === 'number'))
        sums.push(weights.reduce((a: number, b: number) => a + b, 0));
    }
    if (value !== null && typeof value === 'object') for (const child of Object.values(value)) visit(child);
  };
  for (const doc of parseAllDocuments(text) as unknown as { toJS(): unknown }[]) visit(doc.toJS());
  return sums;
}

export function routerContract<C>(name: string, spec: RouterCase<C>): void {
  const router = spec.router as unknown as TrafficRouter<unknown>;
  const target = routerTarget(router);
  const config = router.configSchema.parse(spec.config);
  const root = path.isAbsolute(spec.fixture) ? spec.fixture : path.join(ROUTER_FIXTURES, spec.fixture);
  const load = () => loadTree(root, spec.files);
  const apply = (tree: ManifestTree, s: CanaryState) => target.apply(tree, config, s, 'canary');

  describe(`router contract: ${name}`, () => {
    it('writes output its CRD or the Kubernetes schema accepts, with and without routes', async () => {
      const base = await load();
      for (const weight of [0, 1, 30, 99, 100]) {
        for (const routes of [false, true]) validateChanged(base, apply(base, state(weight, routes, router)));
      }
    });

    it('reads back every weight from 0 to 100 it wrote', async () => {
      const base = await load();
      for (let weight = 0; weight <= 100; weight++) {
        const next = router.setWeight(base, config, weight, { inRelease: true });
        expect(router.observe(next, config).canaryWeight, `weight ${weight}`).toBe(weight);
      }
    });

    it('reads back the header and mirror routes it wrote', async () => {
      const base = await load();
      const next = apply(base, state(40, true, router));
      expect(router.observe(next, config)).toEqual({
        canaryWeight: 40,
        headerRoutes: state(40, true, router).headerRoutes,
        mirrorRoutes: state(40, true, router).mirrorRoutes,
      });
    });

    it('changes no bytes when the same state is applied twice', async () => {
      const base = await load();
      for (const routes of [false, true]) {
        const once = apply(base, state(30, routes, router));
        expect(apply(once, state(30, routes, router)).changedFrom(once)).toEqual([]);
      }
    });

    it('restores the bytes of weight 0 when traffic and routes go back', async () => {
      const base = await load();
      const zero = apply(base, finished(state(0, false, router)));
      if (spec.startsAtZero) expect(zero.changedFrom(base)).toEqual([]);
      const during = apply(zero, state(60, true, router));
      expect(during.changedFrom(zero)).not.toEqual([]);
      expect(apply(during, finished(state(60, true, router))).changedFrom(zero)).toEqual([]);
    });

    it('changes only weight lines between two weights', async () => {
      const base = await load();
      const low = apply(base, state(10, false, router));
      const high = apply(low, state(70, false, router));
      const changes = high.changedFrom(low);
      expect(changes.length).toBeGreaterThan(0);
      for (const change of changes) {
        for (const line of changedLines(low.text(change.file), change.text ?? '')) {
          expect(line, `${change.file}: ${line}`).toMatch(spec.weightLine);
        }
      }
    });

    it('refuses the routes it cannot express instead of skipping them', async () => {
      const base = await load();
      const { headerRoutes, mirrorRoutes } = router.capabilities;
      if (headerRoutes === 0) {
        const error = caught(() => apply(base, { ...state(10, false, router), headerRoutes: [HEADER] }));
        expect(error.message).toContain('cannot route by header');
      }
      if (!mirrorRoutes) {
        const error = caught(() => apply(base, { ...state(10, false, router), mirrorRoutes: [MIRROR] }));
        expect(error.message).toContain('cannot mirror');
      }
      if (headerRoutes === 1) {
        const second = { ...HEADER, name: 'second' };
        const error = caught(() =>
          apply(base, { ...state(10, false, router), headerRoutes: [HEADER, second] }),
        );
        expect(error.message).toContain('at most 1 header route');
      }
    });

    it('names file, line and column when a backend is missing', async () => {
      const base = await load();
      const broken = router.configSchema.parse(spec.missingBackend);
      const error = caught(() => router.setWeight(base, broken, 10, { inRelease: true }));
      expect(['BACKEND_MISSING', 'FIELD_MISSING']).toContain(error.code);
      expect(error.place.file).toBeDefined();
      expect(error.place.line).toBeGreaterThan(0);
      expect(error.place.column).toBeGreaterThan(0);
    });

    it('writes the golden diff of weight 30 with its routes on the upstream example', async () => {
      const base = await load();
      const diff = await treeDiff(base, apply(base, state(30, true, router)));
      await expect(diff).toMatchFileSnapshot(path.join(import.meta.dirname, 'golden', `${name}.diff`));
    });

    it('declares a third backend only with a baseline case, and refuses baselineService without one', () => {
      if (router.capabilities.extraBackends) {
        expect(spec.baseline, 'a router with extraBackends runs the baseline contract').toBeDefined();
        return;
      }
      const parsed = router.configSchema.safeParse({ ...(spec.config as object), baselineService: 'base' });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toContain(`router \`${router.key}\` cannot carry a baseline`);
    });
  });

  if (spec.baseline !== undefined) baselineContract(name, router, spec.baseline);
}

/** The judge's baseline as a third backend: the canary's share while the release runs, 0 after. */
function baselineContract(name: string, router: TrafficRouter<unknown>, spec: BaselineCase): void {
  const target = routerTarget(router);
  const config = router.configSchema.parse(spec.config);
  const root = path.isAbsolute(spec.fixture) ? spec.fixture : path.join(ROUTER_FIXTURES, spec.fixture);
  const load = () => loadTree(root, spec.files);
  const apply = (tree: ManifestTree, s: CanaryState) => target.apply(tree, config, s, 'canary');
  const sumsOf = (base: ManifestTree, next: ManifestTree) =>
    next.changedFrom(base).flatMap((change) => weightSums(change.text ?? ''));

  describe(`router contract: ${name} with a baseline backend`, () => {
    it('gives the baseline the canary weight and stable the rest, summing to 100, from 0 to 50', async () => {
      const base = await load();
      expect(router.baselineBackend?.(config)).toBeDefined();
      for (let weight = 0; weight <= 50; weight++) {
        const next = apply(base, state(weight, false, router));
        validateChanged(base, next);
        const observed = router.observe(next, config);
        expect([observed.canaryWeight, observed.baselineWeight], `weight ${weight}`).toEqual([
          weight,
          weight,
        ]);
        const sums = sumsOf(base, next);
        if (weight > 0) expect(sums.length, `weighted lists changed at ${weight}`).toBeGreaterThan(0);
        for (const sum of sums) expect(sum, `weight ${weight}`).toBe(100);
      }
    });

    it('sends the baseline nothing once promoted or rolled back, restoring the bytes', async () => {
      const base = await load();
      const zero = apply(base, finished(state(0, false, router)));
      if (spec.startsAtZero) expect(zero.changedFrom(base)).toEqual([]);
      const during = apply(zero, state(30, true, router));
      expect(router.observe(during, config).baselineWeight).toBe(30);
      for (const phase of ['Promoted', 'RolledBack'] as const) {
        const after = apply(during, { ...finished(state(30, true, router)), phase });
        expect(after.changedFrom(zero), phase).toEqual([]);
        expect(router.observe(after, config).baselineWeight).toBe(0);
      }
    });

    it('sends the baseline nothing once the primary runs the candidate (Flagger shape)', async () => {
      const base = await load();
      const promoting = { ...state(30, false, router), stableImage: 'app:2' };
      const observed = router.observe(apply(base, promoting), config);
      expect([observed.canaryWeight, observed.baselineWeight]).toEqual([30, 0]);
    });

    it('changes no bytes when the same state is applied twice', async () => {
      const base = await load();
      const once = apply(base, state(20, true, router));
      expect(apply(once, state(20, true, router)).changedFrom(once)).toEqual([]);
    });

    it('refuses a canary weight over 50, which would leave stable less than the baseline', async () => {
      const base = await load();
      const error = caught(() => apply(base, state(51, false, router)));
      expect(error.code).toBe('WEIGHT_INVALID');
      expect(error.message).toContain('leaves stable -2%');
      expect(error.hint).toContain('at most 50');
    });

    it('names file, line and column when the baseline backend is missing', async () => {
      const base = await load();
      const broken = router.configSchema.parse(spec.missingBaseline);
      const error = caught(() => target.apply(base, broken, state(10, false, router), 'canary'));
      expect(['BACKEND_MISSING', 'FIELD_MISSING']).toContain(error.code);
      expect(error.message).toMatch(/baseline|subset "nope"/);
      expect(error.place.file).toBeDefined();
      expect(error.place.line).toBeGreaterThan(0);
    });

    it('writes the golden diff of weight 30 with its baseline', async () => {
      const base = await load();
      const diff = await treeDiff(base, apply(base, state(30, true, router)));
      await expect(diff).toMatchFileSnapshot(
        path.join(import.meta.dirname, 'golden', `${name}-baseline.diff`),
      );
    });
  });
}
