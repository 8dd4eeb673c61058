import { describe, expect, it } from 'vitest';
import {
  type HistoryCommit,
  readOwnProgress,
  readProgress,
  targetsFingerprint,
} from '../../src/engine/progress.js';

const route = { key: 'apisix' };
const kustomization = { key: 'kustomization' };

function commit(trailers: Record<string, string>): HistoryCommit {
  return {
    sha: '0123456789abcdef0123456789abcdef01234567',
    time: '2026-12-01T10:00:00Z',
    subject: 'gitcanary(podinfo): setWeight 10 [1/4]',
    trailers: {
      'Gitcanary-Release': 'podinfo',
      'Gitcanary-Release-Id': 'fe4057851d40',
      'Gitcanary-Step': '1/4',
      'Gitcanary-Weight': '10',
      'Gitcanary-Image': 'ghcr.io/stefanprodan/podinfo:6.1.0',
      'Gitcanary-Action': 'step',
      ...trailers,
    },
  };
}

describe('targets fingerprint', () => {
  const targets = [
    { target: kustomization, role: 'canary', config: { path: 'apps/canary', image: 'podinfo' } },
    { target: route, role: 'canary', config: { file: 'route.yaml', route: 'podinfo', rules: ['method'] } },
  ];

  it('does not depend on the order of keys in a config', () => {
    const reordered = [
      { target: kustomization, role: 'canary', config: { image: 'podinfo', path: 'apps/canary' } },
      { target: route, role: 'canary', config: { rules: ['method'], route: 'podinfo', file: 'route.yaml' } },
    ];
    expect(targetsFingerprint(reordered)).toBe(targetsFingerprint(targets));
    expect(targetsFingerprint(targets)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('changes with a target config, its role or its kind', () => {
    const base = targetsFingerprint(targets);
    const [first, second] = targets as [(typeof targets)[0], (typeof targets)[1]];
    expect(
      targetsFingerprint([{ ...first, config: { ...first.config, path: 'apps/other' } }, second]),
    ).not.toBe(base);
    expect(targetsFingerprint([{ ...first, role: 'stable' }, second])).not.toBe(base);
    expect(targetsFingerprint([{ ...first, target: { key: 'rollout' } }, second])).not.toBe(base);
  });
});

describe('reading a release from its trailers', () => {
  it('reads the baseline scale', () => {
    const progress = readProgress([
      commit({ 'Gitcanary-Baseline-Scale': '{"apps/canary#podinfo":2,"x#y":null}' }),
    ]);
    expect(progress?.baselineScale).toEqual({ 'apps/canary#podinfo': 2, 'x#y': null });
  });

  it.each(['{"apps/canary#podinfo":-1}', '[2]', 'two', '{"a":1.5}'])(
    'refuses a baseline scale trailer it did not write: %s',
    (value) => {
      expect(() => readProgress([commit({ 'Gitcanary-Baseline-Scale': value })])).toThrow(
        expect.objectContaining({ code: 'RELEASE_STATE', place: { field: 'Gitcanary-Baseline-Scale' } }),
      );
    },
  );

  it('reads the failed checks a commit carries, 0 when it carries none, and refuses a count it did not write', () => {
    expect(readProgress([commit({ 'Gitcanary-Failed-Checks': '2' })])?.failedChecks).toBe(2);
    expect(readProgress([commit({})])?.failedChecks).toBe(0);
    expect(() => readProgress([commit({ 'Gitcanary-Failed-Checks': 'two' })])).toThrow(
      expect.objectContaining({ code: 'RELEASE_STATE', place: { field: 'Gitcanary-Failed-Checks' } }),
    );
  });

  it("refuses another config's release under way, but not one that ended or carries no fingerprint", () => {
    const ours = 'aaaaaaaaaaaa';
    expect(() => readOwnProgress([commit({ 'Gitcanary-Targets': 'bbbbbbbbbbbb' })], 'podinfo', ours)).toThrow(
      /was started by a config with other targets/,
    );
    expect(readOwnProgress([commit({ 'Gitcanary-Targets': ours })], 'podinfo', ours)?.stepIndex).toBe(1);
    expect(readOwnProgress([commit({})], 'podinfo', ours)?.stepIndex).toBe(1);
    const ended = commit({ 'Gitcanary-Targets': 'bbbbbbbbbbbb', 'Gitcanary-Action': 'rollback' });
    expect(readOwnProgress([ended], 'podinfo', ours)?.action).toBe('rollback');
  });
});
