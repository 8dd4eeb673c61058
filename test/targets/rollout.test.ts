import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { ManifestTree } from '../../src/manifests/index.js';
import {
  managedSteps,
  ORIGINAL_STEPS_ANNOTATION,
  type RolloutConfig,
  rolloutTarget,
} from '../../src/targets/rollout.js';
import { type CanaryState, initialState } from '../../src/targets/types.js';
import { assertValidAgainstCrd } from '../support/crd.js';
import { FIXTURES } from '../support/kubectl.js';

const APISIX = readFileSync(path.join(FIXTURES, 'rollout', 'rollout.yaml'), 'utf8');
const COMMENTED = readFileSync(path.join(FIXTURES, 'rollout', 'rollout-commented.yaml'), 'utf8');
const BLUE = 'argoproj/rollouts-demo:blue';
const YELLOW = 'argoproj/rollouts-demo:yellow';
const apisix: RolloutConfig = { file: 'rollout.yaml', name: 'rollout-apisix-canary' };
const demo: RolloutConfig = { file: 'rollout.yaml', name: 'rollouts-demo', namespace: 'ics' };

function state(extra: Partial<CanaryState>): CanaryState {
  return { ...initialState(BLUE), canaryImage: YELLOW, ...extra };
}

/** Apply each state in turn, checking every written Rollout against the upstream CRD. */
function run(
  text: string,
  config: RolloutConfig,
  states: CanaryState[],
  role: 'canary' | 'stable' = 'canary',
) {
  let tree = new ManifestTree({ 'rollout.yaml': text });
  const outputs: string[] = [];
  for (const next of states) {
    tree = rolloutTarget.apply(tree, config, next, role);
    const output = tree.text('rollout.yaml');
    for (const doc of tree.documents('rollout.yaml')) {
      assertValidAgainstCrd('rollout-crd.yaml', doc.document.toJS() as { apiVersion: string; kind: string });
    }
    outputs.push(output);
  }
  return { tree, outputs, last: outputs[outputs.length - 1]! };
}

const ORIGINAL_APISIX_STEPS = `      steps:
        - setCanaryScale:
            replicas: 1
          setHeaderRoute:
            match:
              - headerName: trace
                headerValue:
                  exact: debug
            name: set-header
        - setWeight: 20
        - pause: {}
        - setWeight: 40
        - pause:
            duration: 15
        - setWeight: 60
        - pause:
            duration: 15
        - setWeight: 80
        - pause:
            duration: 15
`;

const ANNOTATION = `  annotations:
    gitcanary.dev/original-steps: '[{"setCanaryScale":{"replicas":1},"setHeaderRoute":{"match":[{"headerName":"trace","headerValue":{"exact":"debug"}}],"name":"set-header"}},{"setWeight":20},{"pause":{}},{"setWeight":40},{"pause":{"duration":15}},{"setWeight":60},{"pause":{"duration":15}},{"setWeight":80},{"pause":{"duration":15}}]'
`;

/** The seed Rollout with `steps` replaced, the annotation added and the image set. */
function managedApisix(steps: string, image = YELLOW): string {
  return APISIX.replace(ORIGINAL_APISIX_STEPS, steps)
    .replace('  name: rollout-apisix-canary\nspec:', `  name: rollout-apisix-canary\n${ANNOTATION}spec:`)
    .replace(`image: ${BLUE}`, `image: ${image}`);
}

describe('rollout target, role canary', () => {
  it('starts a release: keeps the original steps in an annotation, sets the weight and the image', () => {
    const { last } = run(APISIX, apisix, [state({ canaryWeight: 20, canaryScale: { replicas: 1 } })]);
    expect(last).toBe(`apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: rollout-apisix-canary
${ANNOTATION}spec:
  replicas: 5
  strategy:
    canary:
      canaryService: rollout-apisix-canary-canary
      stableService: rollout-apisix-canary-stable
      trafficRouting:
        managedRoutes:
          - name: set-header
        apisix:
          route:
            name: rollouts-apisix-route
            rules:
              - rollouts-apisix
      steps:
        - setCanaryScale:
            replicas: 1
        - setWeight: 20
        - pause: {}
  revisionHistoryLimit: 2
  selector:
    matchLabels:
      app: rollout-apisix-canary
  template:
    metadata:
      labels:
        app: rollout-apisix-canary
    spec:
      containers:
        - name: rollout-apisix-canary
          image: argoproj/rollouts-demo:yellow
          ports:
            - name: http
              containerPort: 8080
              protocol: TCP
          resources:
            requests:
              memory: 32Mi
              cpu: 5m
`);
  });

  it('repeats the previous weight first so the step reset does not drop canary traffic', () => {
    const { outputs } = run(APISIX, apisix, [
      state({ canaryWeight: 20 }),
      state({ previousWeight: 20, canaryWeight: 50, phase: 'Paused' }),
    ]);
    expect(outputs[1]).toBe(
      managedApisix('      steps:\n        - setWeight: 20\n        - setWeight: 50\n        - pause: {}\n'),
    );
  });

  it('puts setCanaryScale after the repeated weight, before the new one', () => {
    const { last } = run(APISIX, apisix, [
      state({ previousWeight: 20, canaryWeight: 40, canaryScale: { replicas: 2 } }),
    ]);
    expect(last).toBe(
      managedApisix(
        '      steps:\n        - setWeight: 20\n        - setCanaryScale:\n            replicas: 2\n' +
          '        - setWeight: 40\n        - pause: {}\n',
      ),
    );
  });

  it('writes a single setWeight when the weight does not change', () => {
    expect(managedSteps(state({ previousWeight: 40, canaryWeight: 40 }))).toEqual([
      { setWeight: 40 },
      { pause: {} },
    ]);
  });

  it('promotes fully with the previous weight then 100 and no pause', () => {
    const { last } = run(APISIX, apisix, [
      state({ canaryWeight: 20 }),
      state({ previousWeight: 60, canaryWeight: 60, phase: 'Promoted' }),
    ]);
    expect(last).toBe(managedApisix('      steps:\n        - setWeight: 60\n        - setWeight: 100\n'));
  });

  it('restores the original steps byte for byte once the promoted image is stable', () => {
    const { last } = run(APISIX, apisix, [
      state({ canaryWeight: 20, canaryScale: { replicas: 1 } }),
      state({ previousWeight: 20, canaryWeight: 40 }),
      state({ previousWeight: 40, canaryWeight: 80 }),
      state({ previousWeight: 80, canaryWeight: 80, phase: 'Promoted' }),
      { ...initialState(YELLOW), phase: 'Promoted' },
    ]);
    expect(last).toBe(APISIX.replace(`image: ${BLUE}`, `image: ${YELLOW}`));
  });

  it('keeps the managed steps while promoted but the stable image is not yet the template image', () => {
    const { outputs } = run(APISIX, apisix, [
      state({ previousWeight: 80, canaryWeight: 80, phase: 'Promoted' }),
      { ...initialState(BLUE), phase: 'Promoted' },
    ]);
    expect(outputs[1]).toBe(outputs[0]);
  });

  it.each(['RolledBack', 'Failed'] as const)('%s: returns to the original file byte for byte', (phase) => {
    const { last } = run(APISIX, apisix, [
      state({ canaryWeight: 20 }),
      state({ previousWeight: 20, canaryWeight: 40 }),
      state({ previousWeight: 40, canaryWeight: 0, phase }),
    ]);
    expect(last).toBe(APISIX);
  });

  it('round-trips a commented Rollout with indentless sequences and a sidecar', () => {
    const { outputs, last } = run(COMMENTED, demo, [
      state({ canaryWeight: 10 }),
      state({ previousWeight: 10, canaryWeight: 30 }),
      { ...state({ previousWeight: 30 }), phase: 'RolledBack' },
    ]);
    expect(outputs[1]).toBe(
      COMMENTED.replace(
        '    app.kubernetes.io/name: rollouts-demo # shown in the Argo CD tree\n',
        `    app.kubernetes.io/name: rollouts-demo # shown in the Argo CD tree\n  annotations:\n    ${ORIGINAL_STEPS_ANNOTATION}: '[{"setWeight":20},{"pause":{}},{"setWeight":40},{"pause":{"duration":10}},{"setWeight":80},{"pause":{"duration":10}}]'\n`,
      )
        .replace(
          / {6}steps:\n[\s\S]*?(?= {6}trafficRouting)/,
          '      steps:\n      - setWeight: 10\n      - setWeight: 30\n      - pause: {}\n',
        )
        .replace('image: argoproj/rollouts-demo:blue # bumped', `image: ${YELLOW} # bumped`),
    );
    expect(last).toBe(COMMENTED);
  });

  it('sets the named container only', () => {
    const config = { ...demo, container: 'log-shipper' };
    const { last } = run(COMMENTED, config, [state({ canaryImage: 'docker.io/fluent/fluent-bit:3.1' })]);
    expect(last).toContain('        image: "docker.io/fluent/fluent-bit:3.1"\n');
    expect(last).toContain(`        image: ${BLUE} # bumped by the release\n`);
  });

  it('restores absent steps by removing the managed ones', () => {
    const noSteps = COMMENTED.replace(/ {6}steps:\n[\s\S]*?(?= {6}trafficRouting)/, '');
    const { outputs, last } = run(noSteps, demo, [
      state({ canaryWeight: 10 }),
      { ...state({ previousWeight: 10 }), phase: 'Failed' },
    ]);
    expect(outputs[0]).toContain(`${ORIGINAL_STEPS_ANNOTATION}: "null"`);
    expect(last).toBe(noSteps);
  });

  it('leaves the file alone with no canary image outside a rollback', () => {
    const tree = new ManifestTree({ 'rollout.yaml': APISIX });
    expect(rolloutTarget.apply(tree, apisix, initialState(BLUE), 'canary')).toBe(tree);
  });
});

describe('rollout target, role stable', () => {
  it('sets the template image when no canary is under way', () => {
    const { last } = run(APISIX, apisix, [initialState(YELLOW)], 'stable');
    expect(last).toBe(APISIX.replace(`image: ${BLUE}`, `image: ${YELLOW}`));
  });

  it('does not touch the template while a canary is under way', () => {
    const tree = new ManifestTree({ 'rollout.yaml': APISIX });
    expect(rolloutTarget.apply(tree, apisix, state({ canaryWeight: 20 }), 'stable')).toBe(tree);
    const managed = rolloutTarget.apply(tree, apisix, state({ canaryWeight: 20 }), 'canary');
    expect(rolloutTarget.apply(managed, apisix, initialState('argoproj/rollouts-demo:red'), 'stable')).toBe(
      managed,
    );
  });
});

describe('rollout observe', () => {
  it('reads the template as the stable image between releases', () => {
    const tree = new ManifestTree({ 'rollout.yaml': APISIX });
    expect(rolloutTarget.observe(tree, apisix, 'canary')).toEqual({ stableImage: BLUE, canaryWeight: 0 });
    expect(rolloutTarget.observe(tree, apisix, 'stable')).toEqual({ stableImage: BLUE });
  });

  it('reads the canary image and the last managed weight during a release', () => {
    const { tree } = run(APISIX, apisix, [
      state({ previousWeight: 20, canaryWeight: 40, canaryScale: { replicas: 2 } }),
    ]);
    expect(rolloutTarget.observe(tree, apisix, 'canary')).toEqual({ canaryImage: YELLOW, canaryWeight: 40 });
    expect(rolloutTarget.observe(tree, apisix, 'stable')).toEqual({});
  });
});

describe('rollout errors', () => {
  const tree = new ManifestTree({ 'rollout.yaml': APISIX });

  it('names the Rollouts present when the name is wrong', () => {
    const error = catchError(() => rolloutTarget.observe(tree, { ...apisix, name: 'nope' }, 'canary'));
    expect(error.code).toBe('RESOURCE_NOT_FOUND');
    expect(error.hint).toBe('Rollout resources present: rollout-apisix-canary');
  });

  it('lists the containers when the container is wrong', () => {
    const error = catchError(() =>
      rolloutTarget.apply(tree, { ...apisix, container: 'app' }, state({}), 'canary'),
    );
    expect(error.code).toBe('RESOURCE_NOT_FOUND');
    expect(error.hint).toBe('containers: rollout-apisix-canary');
  });

  it('refuses a blue-green Rollout', () => {
    const blueGreen = new ManifestTree({
      'rollout.yaml': APISIX.replace(
        / {2}strategy:\n[\s\S]*?(?= {2}revisionHistoryLimit)/,
        '  strategy:\n    blueGreen:\n      activeService: active\n',
      ),
    });
    expect(catchError(() => rolloutTarget.apply(blueGreen, apisix, state({}), 'canary')).code).toBe(
      'FIELD_MISSING',
    );
  });

  it.each([[{ canaryWeight: 101 }], [{ canaryWeight: 12.5 }], [{ previousWeight: -1 }]])(
    'refuses weight %j',
    (weights) => {
      expect(catchError(() => rolloutTarget.apply(tree, apisix, state(weights), 'canary')).code).toBe(
        'WEIGHT_INVALID',
      );
    },
  );

  it('refuses an invalid image before writing', () => {
    expect(
      catchError(() => rolloutTarget.apply(tree, apisix, state({ canaryImage: 'Bad Image' }), 'canary')).code,
    ).toBe('IMAGE_REF_INVALID');
  });

  it('explains a corrupted original-steps annotation', () => {
    const { tree: managed } = run(APISIX, apisix, [state({ canaryWeight: 20 })]);
    const corrupted = managed.with(
      'rollout.yaml',
      managed.text('rollout.yaml').replace(/original-steps: '.*'/, "original-steps: '{oops'"),
    );
    const error = catchError(() =>
      rolloutTarget.apply(corrupted, apisix, state({ phase: 'RolledBack' }), 'canary'),
    );
    expect(error.code).toBe('FIELD_INVALID');
    expect(error.place.field).toBe(`metadata.annotations.${ORIGINAL_STEPS_ANNOTATION}`);
  });

  it('validates its config', () => {
    expect(rolloutTarget.configSchema.safeParse({ file: 'rollout.yaml', name: 'x' }).success).toBe(true);
    expect(rolloutTarget.configSchema.safeParse({ file: 'rollout.yaml' }).success).toBe(false);
  });
});

function catchError(fn: () => unknown): GitcanaryError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected a GitcanaryError');
}
