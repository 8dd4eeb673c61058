import type { GateContext } from '../../src/gates/types.js';

/** A gate context for podinfo at 20% in namespace `test`; tests override what they measure. */
export function gateContext(overrides: Partial<GateContext> = {}): GateContext {
  return {
    releaseName: 'podinfo',
    namespace: 'test',
    commit: 'abc1234',
    branch: 'main',
    stepIndex: 1,
    canaryWeight: 20,
    canaryImage: 'ghcr.io/stefanprodan/podinfo:6.5.1',
    stableImage: 'ghcr.io/stefanprodan/podinfo:6.5.0',
    canaryService: 'podinfo-canary',
    stableService: 'podinfo-stable',
    route: 'podinfo',
    phase: 'Progressing',
    variables: {},
    signal: new AbortController().signal,
    progress: () => {},
    ...overrides,
  };
}
