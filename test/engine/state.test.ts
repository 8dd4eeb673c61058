import { describe, expect, it } from 'vitest';
import { planStep, type Step, summarizeStep } from '../../src/config/index.js';
import {
  isCommitting,
  type ReleaseImages,
  type ReleaseStep,
  rolledBackState,
  stateAt,
} from '../../src/engine/state.js';

const images: ReleaseImages = {
  canaryImage: 'ghcr.io/stefanprodan/podinfo:6.1.0',
  stableImage: 'ghcr.io/stefanprodan/podinfo:6.0.0',
  previousCanaryImage: 'ghcr.io/stefanprodan/podinfo:6.0.0',
};

const written: Step[] = [
  { setWeight: 10 },
  { pause: { duration: '30s' } },
  { setHeaderRoute: { name: 'by-header', match: [{ headerName: 'x-canary', headerValue: { exact: '1' } }] } },
  { analysis: { gates: ['smoke'] } },
  { setWeight: 50 },
  { setHeaderRoute: { name: 'by-header' } },
  { pause: {} },
  { promote: {} },
];
const steps: ReleaseStep[] = written.map((step, index) => ({
  ...planStep(step, `spec.steps[${index}]`),
  index,
  summary: summarizeStep(step),
}));

describe('release state', () => {
  it('starts with the candidate image and no canary traffic', () => {
    expect(stateAt(steps, 0, images)).toEqual({
      stableImage: images.stableImage,
      canaryImage: images.canaryImage,
      canaryWeight: 0,
      previousWeight: 0,
      headerRoutes: [],
      mirrorRoutes: [],
      canaryScale: undefined,
      phase: 'Progressing',
    });
  });

  it('carries the previous weight so the Rollout target can repeat it', () => {
    const state = stateAt(steps, 5, images);
    expect(state.canaryWeight).toBe(50);
    expect(state.previousWeight).toBe(10);
    expect(state.headerRoutes).toEqual([
      { name: 'by-header', match: [{ headerName: 'x-canary', headerValue: { exact: '1' } }] },
    ]);
  });

  it('removes a header route when setHeaderRoute has no match, as Argo Rollouts does', () => {
    expect(stateAt(steps, 6, images).headerRoutes).toEqual([]);
  });

  it('promotes: stable gets the candidate, traffic back to stable, routes gone', () => {
    const promoted = stateAt(steps, 8, images);
    expect(promoted).toMatchObject({
      stableImage: images.canaryImage,
      canaryWeight: 0,
      previousWeight: 50,
      phase: 'Promoted',
      headerRoutes: [],
    });
  });

  it('rolls back to the images the release started from', () => {
    const state = rolledBackState(stateAt(steps, 5, images), images, 'Failed');
    expect(state).toMatchObject({
      stableImage: images.stableImage,
      canaryImage: images.previousCanaryImage,
      canaryWeight: 0,
      phase: 'Failed',
      headerRoutes: [],
    });
  });

  it('commits weight, route and promote steps but not pauses or analysis', () => {
    expect(steps.map(isCommitting)).toEqual([true, false, true, false, true, true, false, true]);
    expect(steps.map((step) => step.summary)).toEqual([
      'setWeight 10',
      'pause 30s',
      'setHeaderRoute by-header',
      'analysis smoke',
      'setWeight 50',
      'remove header route by-header',
      'pause until promoted',
      'promote',
    ]);
  });
});
