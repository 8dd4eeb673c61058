import { describe, expect, it } from 'vitest';
import { annotationFor, locateField } from '../../src/action/annotations.js';
import { parseGateEvidence } from '../../src/action/history.js';
import { parseInputs } from '../../src/action/inputs.js';
import { repositoryWebUrl } from '../../src/action/links.js';
import { chartNumber, formatDuration } from '../../src/action/summary.js';
import { GitcanaryError } from '../../src/errors.js';
import { renderTemplate } from '../../src/report/templates.js';

const CONFIG = `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata:
  name: podinfo
spec:
  steps:
    - setWeight: 10
    - pause: { duration: 1x }
  gates:
    smoke:
      command: { command: ./smoke.sh }
`;

describe('annotations', () => {
  it('places a config field an error names without a line on the line of that field', () => {
    expect(locateField(CONFIG, 'spec.steps[1].pause.duration')).toEqual({ line: 8, column: 26 });
    expect(locateField(CONFIG, 'spec.gates.smoke')).toEqual({ line: 10, column: 5 });
    // A field the file does not have points at its deepest parent that it does.
    expect(locateField(CONFIG, 'spec.gates.smoke.webhook.url')).toEqual({ line: 10, column: 5 });
    expect(locateField(CONFIG, 'nothing.here')).toBeUndefined();

    const error = new GitcanaryError('FIELD_INVALID', 'bad duration 1x', {
      field: 'spec.steps[1].pause.duration',
      hint: 'e.g. 30s, 5m',
    });
    expect(
      annotationFor(error, { workspace: '/ws', configFile: '/ws/deploy/gitcanary.yaml', configText: CONFIG }),
    ).toEqual({
      title: 'gitcanary: FIELD_INVALID spec.steps[1].pause.duration',
      message: 'bad duration 1x (hint: e.g. 30s, 5m)',
      file: 'deploy/gitcanary.yaml',
      startLine: 8,
      startColumn: 26,
    });
  });

  it('puts a manifest error on the file in a GitOps repository inside the workspace, and on no file outside it', () => {
    const error = new GitcanaryError('RESOURCE_NOT_FOUND', 'no ApisixRoute podinfo', {
      file: 'apps/podinfo/route.yaml',
      line: 3,
      resource: 'ApisixRoute/podinfo',
    });
    const context = { workspace: '/ws', configFile: '/ws/gitcanary.yaml', configText: CONFIG };
    expect(annotationFor(error, { ...context, repoDir: '/ws/gitops' })).toMatchObject({
      file: 'gitops/apps/podinfo/route.yaml',
      startLine: 3,
    });
    expect(annotationFor(error, { ...context, repoDir: '/elsewhere' })).toEqual({
      title: 'gitcanary: RESOURCE_NOT_FOUND ApisixRoute/podinfo',
      message: 'no ApisixRoute podinfo',
    });
    expect(annotationFor(new Error('boom'), context)).toEqual({
      title: 'gitcanary: internal error',
      message: 'boom',
    });
  });
});

describe('the release record', () => {
  it('reads back the gate evidence the commit-message template writes: a measured 0, a message over several lines', async () => {
    const message = await renderTemplate('commit-message', {
      subject: 'gitcanary(podinfo): setWeight 50 [3/5]',
      body: 'Release abc: img, canary weight 50%, phase Progressing.',
      gates: [
        {
          gate: 'error rate',
          kind: 'prometheus',
          verdict: 'pass',
          value: '0',
          threshold: '<= 1',
          message: 'ok',
        },
        {
          gate: 'smoke',
          kind: 'command',
          verdict: 'fail',
          value: '1',
          threshold: 'exit 0',
          message: 'exit 1\ncurl: (22) 500\nerror rate 7%',
        },
        { gate: 'approval', kind: 'webhook', verdict: 'inconclusive', message: 'HTTP 403 — not yet' },
      ],
    });
    expect(parseGateEvidence(`${message.trimEnd()}\n\nGitcanary-Release: podinfo\n`)).toEqual([
      {
        gate: 'error rate',
        kind: 'prometheus',
        verdict: 'pass',
        value: '0',
        threshold: '<= 1',
        message: 'ok',
      },
      {
        gate: 'smoke',
        kind: 'command',
        verdict: 'fail',
        value: '1',
        threshold: 'exit 0',
        message: 'exit 1\ncurl: (22) 500\nerror rate 7%',
      },
      {
        gate: 'approval',
        kind: 'webhook',
        verdict: 'inconclusive',
        value: undefined,
        threshold: undefined,
        message: 'HTTP 403 — not yet',
      },
    ]);
    expect(parseGateEvidence('gitcanary(podinfo): start [0/5]\n\nno gates')).toEqual([]);
  });
});

describe('summary parts', () => {
  it('links commits of https, ssh and scp remotes without their credentials, and none for a local path', () => {
    expect(repositoryWebUrl('https://x-access-token:ghs_secret@github.com/acme/gitops.git')).toBe(
      'https://github.com/acme/gitops',
    );
    expect(repositoryWebUrl('git@ghe.acme.dev:platform/gitops.git')).toBe(
      'https://ghe.acme.dev/platform/gitops',
    );
    expect(repositoryWebUrl('ssh://git@github.com:22/acme/gitops')).toBe('https://github.com/acme/gitops');
    expect(repositoryWebUrl('/srv/git/gitops.git')).toBeUndefined();
    expect(repositoryWebUrl('file:///srv/git/gitops.git')).toBeUndefined();
  });

  it('writes chart numbers mermaid reads (no exponent) and durations people read', () => {
    expect(chartNumber(1e-7)).toBe('0.0000001');
    expect(chartNumber(99.5)).toBe('99.5');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(65_000)).toBe('1m 5s');
    expect(formatDuration(120_000)).toBe('2m');
    expect(formatDuration(3_720_000)).toBe('1h 2m');
  });
});

describe('inputs', () => {
  const inputs = (values: Record<string, string>) => parseInputs((name) => values[name] ?? '');

  it('maps the inputs to the CLI options, with the CLI defaults', () => {
    expect(inputs({ image: 'app:2', token: 't0k3n' })).toEqual({
      command: 'run',
      options: { config: 'gitcanary.yaml', json: false, full: false, image: 'app:2', token: 't0k3n' },
      workingDirectory: '.',
      failOnWaiting: false,
    });
    expect(inputs({ command: 'promote', full: 'true', 'fail-on-waiting': 'True' })).toMatchObject({
      command: 'promote',
      options: { full: true },
      failOnWaiting: true,
    });
  });

  it('refuses what the CLI refuses: an unknown command, image or full where they do not apply, a non-boolean', () => {
    expect(() => inputs({ command: 'deploy' })).toThrow('unknown command "deploy"');
    expect(() => inputs({ command: 'status', image: 'app:2' })).toThrow('command status takes no image');
    expect(() => inputs({ command: 'run', full: 'true' })).toThrow('full applies to promote, not run');
    expect(() => inputs({ json: 'yes' })).toThrow('input json must be true or false; got "yes"');
  });
});
