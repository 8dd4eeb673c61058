import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/gates/index.js';
import { formatEvent, JsonReporter, type ReleaseEvent } from '../../src/report/index.js';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps, git, PODINFO } from '../support/gitops.js';
import {
  ReconcilingArgoCd,
  ReconcilingFlux,
  runRelease,
  type SyncEnding,
  short,
  Timeline,
} from '../support/gitops-gates.js';
import { startHttpServer, type TestHttpServer } from '../support/http-server.js';
import { type PrometheusServer, startPrometheus, withPrometheus } from '../support/prometheus.js';

// The gates issue's "done" criterion end to end: the engine in-process against a bare GitOps
// repository; a fake Argo CD (or Flux's kube API) that follows the commits the release pushes; an
// http `probe` gate recording what the reconciler showed when the engine evaluated it; a real
// Prometheus scraping a loopback exporter. One timeline orders reconciler states and engine events.

const TOKEN = 'argocd-e2e-token-7d1f0b2c';
const TOKEN_ENV = 'GITCANARY_E2E_ARGOCD_TOKEN';
const KUBE_TOKEN = 'kube-e2e-token-2a9c4e71';
/** The exporter serves this candidate at 90% success; every other image at 100%. */
const BAD_IMAGE = `${PODINFO}:6.2.0`;

let ops: GitOps | undefined;
let argo: ReconcilingArgoCd | undefined;
let flux: ReconcilingFlux | undefined;
let probe: TestHttpServer | undefined;
let kubeDir: string | undefined;
afterEach(async () => {
  await argo?.close();
  await flux?.close();
  await probe?.close();
  ops?.dispose();
  if (kubeDir !== undefined) rmSync(kubeDir, { recursive: true, force: true });
  ops = undefined;
  argo = undefined;
  flux = undefined;
  probe = undefined;
  kubeDir = undefined;
  delete process.env[TOKEN_ENV];
});

const PROBE_STEPS = `    - setWeight: 10
    - analysis: { gates: [probe] }
    - setWeight: 50
    - analysis: { gates: [probe] }
    - promote: {}
`;

/** What the reconciler showed for the branch head when the probe gate ran. */
interface ProbeCall {
  head: string;
  shown: string | undefined;
}

/** The probe gate's server: records the head and the reconciler's state for it on each call. */
async function startProbe(timeline: Timeline): Promise<ProbeCall[]> {
  const calls: ProbeCall[] = [];
  probe = await startHttpServer(() => {
    const head = ops!.head();
    calls.push({ head, shown: (argo ?? flux)!.stateOf(head) });
    timeline.push('probe');
    return { status: 200 };
  });
  return calls;
}

function probeGate(): string {
  return `    probe:\n      http: { url: "${probe!.url}/healthz", timeout: 5s }\n`;
}

/** A GitOps repository released with the given steps and gates, synced by a fake Argo CD. */
async function withArgo(
  timeline: Timeline,
  options: { steps: string; gates: string; ending?: (subject: string) => SyncEnding; deadline?: string },
): Promise<void> {
  process.env[TOKEN_ENV] = TOKEN;
  ops = createGitOps('');
  const subjectOf = (sha: string) => git(ops!.bare, 'log', '-1', '--format=%s', sha);
  const ending = options.ending;
  argo = await ReconcilingArgoCd.start({
    bare: ops.bare,
    token: TOKEN,
    application: 'podinfo',
    timeline,
    ...(ending === undefined ? {} : { ending: (sha: string) => ending(subjectOf(sha)) }),
  });
  ops.writeConfig(
    demoConfig({
      steps: options.steps,
      gates: options.gates,
      extra: `  sync:
    argocd:
      server: ${argo.url}
      application: podinfo
      tokenEnv: ${TOKEN_ENV}
      pollInterval: 10ms
      progressDeadline: ${options.deadline ?? '5s'}
`,
    }),
  );
}

/** The timeline entries of one commit walking through Argo CD to Synced Healthy. */
function argoSyncs(sha: string): string[] {
  return [
    `argocd ${short(sha)} OutOfSync`,
    `argocd ${short(sha)} Syncing`,
    `argocd ${short(sha)} Synced Healthy (not reconciled since sync)`,
    `argocd ${short(sha)} Synced Progressing`,
    `argocd ${short(sha)} Synced Healthy`,
    'gate sync pass',
  ];
}

function gateEvents(events: ReleaseEvent[]): GateResult[] {
  return events.flatMap((event) => (event.type === 'gate' ? [event.result] : []));
}

describe('a release synced by Argo CD', () => {
  it('makes the next commit and evaluates the next analysis only after Argo CD reported our commit Synced and Healthy', async () => {
    const timeline = new Timeline();
    const probes = await startProbe(timeline);
    await withArgo(timeline, { steps: PROBE_STEPS, gates: probeGate() });

    const run = await runRelease(ops!.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    const [start, weight10, weight50, primary, promote] = run.commits as [
      string,
      string,
      string,
      string,
      string,
    ];
    expect(run.commits).toHaveLength(5);
    expect(timeline.entries).toEqual([
      `commit [0/6] start canary of ${CANARY_IMAGE}`,
      ...argoSyncs(start),
      'commit [1/6] setWeight 10',
      ...argoSyncs(weight10),
      'probe',
      'gate probe pass',
      'commit [3/6] setWeight 50',
      ...argoSyncs(weight50),
      'probe',
      'gate probe pass',
      // The primary takes the candidate and Argo CD reports it healthy before traffic goes back to it.
      'commit [5/6] promote primary',
      ...argoSyncs(primary),
      'commit [6/6] promote',
      ...argoSyncs(promote),
    ]);
    expect(probes).toEqual([
      { head: weight10, shown: 'Synced Healthy' },
      { head: weight50, shown: 'Synced Healthy' },
    ]);
    expect(argo!.fake.errors).toEqual([]);
    // The sync gate's own evidence: what it waited for and what Argo CD showed.
    expect(gateEvents(run.events).filter((result) => result.gate === 'sync')[1]).toMatchObject({
      kind: 'sync',
      verdict: 'pass',
      value: `Synced Healthy at ${short(weight10)}`,
      threshold: `synced ${short(weight10)} Healthy`,
      message: `argocd podinfo: Synced Healthy at ${short(weight10)} (reconciled after sync)`,
    });
  });

  it('rolls back with a commit naming the sync failure when Argo CD reports our commit Degraded', async () => {
    const timeline = new Timeline();
    await startProbe(timeline);
    await withArgo(timeline, {
      steps: PROBE_STEPS,
      gates: probeGate(),
      ending: (subject) =>
        subject.includes('setWeight 50')
          ? { degraded: 'Deployment "podinfo-canary" exceeded its progress deadline' }
          : 'Healthy',
    });

    const run = await runRelease(ops!.config, { image: CANARY_IMAGE, timeline });

    const [, , weight50, rollback] = run.commits as [string, string, string, string];
    expect(run.result).toMatchObject({
      outcome: 'rolledBack',
      exitCode: 1,
      message: `sync of ${short(weight50)} failed; rolled back`,
    });
    // No probe at 50%: the analysis after a failed sync is never evaluated.
    expect(timeline.entries.slice(-8)).toEqual([
      'commit [3/6] setWeight 50',
      `argocd ${short(weight50)} OutOfSync`,
      `argocd ${short(weight50)} Syncing`,
      `argocd ${short(weight50)} Synced Healthy (not reconciled since sync)`,
      `argocd ${short(weight50)} Synced Progressing`,
      `argocd ${short(weight50)} Synced Degraded`,
      'gate sync fail',
      `commit [3/6] roll back canary of ${CANARY_IMAGE}`,
    ]);
    expect(timeline.entries.filter((entry) => entry === 'probe')).toHaveLength(1);
    const last = ops!.log().at(-1)!;
    expect(last.trailers).toMatchObject({ 'Gitcanary-Phase': 'Failed', 'Gitcanary-Action': 'rollback' });
    expect(last.body).toBe(
      [
        `Release ${run.result.progress!.releaseId}: ${CANARY_IMAGE}, canary weight 0%, phase Failed.`,
        '',
        'Gate evidence:',
        `- sync (sync): fail value=Synced Degraded at ${short(weight50)} threshold synced ${short(weight50)} Healthy` +
          ` — argocd podinfo: Synced Degraded at ${short(weight50)}, Degraded at ${short(weight50)}:` +
          ' Deployment "podinfo-canary" exceeded its progress deadline',
      ].join('\n'),
    );
    expect(ops!.head()).toBe(rollback);
  });

  it('rolls back when Argo CD has not synced our commit by the progress deadline', async () => {
    const timeline = new Timeline();
    await startProbe(timeline);
    await withArgo(timeline, {
      steps: PROBE_STEPS,
      gates: probeGate(),
      deadline: '300ms',
      ending: (subject) => (subject.includes('setWeight 10') ? 'stuck' : 'Healthy'),
    });

    const run = await runRelease(ops!.config, { image: CANARY_IMAGE, timeline });

    const [, weight10] = run.commits as [string, string];
    expect(run.result.outcome).toBe('rolledBack');
    // The deadline is virtual time: the gate polled until 300ms had passed on the engine's clock.
    expect(run.clock.sleptMs).toBeGreaterThanOrEqual(300);
    expect(timeline.entries.slice(-5)).toEqual([
      'commit [1/6] setWeight 10',
      `argocd ${short(weight10)} OutOfSync`,
      `argocd ${short(weight10)} Syncing`,
      'gate sync fail',
      `commit [1/6] roll back canary of ${CANARY_IMAGE}`,
    ]);
    expect(timeline.entries).not.toContain('probe');
    expect(ops!.log().at(-1)!.body.split('\n').slice(1)).toEqual([
      '',
      'Gate evidence:',
      `- sync (sync): fail value=OutOfSync Progressing at ${short(weight10)} threshold synced ${short(weight10)} Healthy` +
        ` — argocd podinfo: ${short(weight10)} not synced and healthy within 300ms;` +
        ` last state: OutOfSync Progressing at ${short(weight10)}, sync operation Running`,
    ]);
  });
});

describe('a release synced by Flux', () => {
  it("advances only after the Kustomization's lastAppliedRevision carries our commit and Ready is True", async () => {
    const timeline = new Timeline();
    const probes = await startProbe(timeline);
    ops = createGitOps('');
    flux = await ReconcilingFlux.start({
      bare: ops.bare,
      token: KUBE_TOKEN,
      namespace: 'flux-system',
      name: 'apps',
      timeline,
    });
    kubeDir = mkdtempSync(path.join(tmpdir(), 'gitcanary-e2e-kube-'));
    const kubeconfig = flux.fake.writeKubeconfig(kubeDir);
    ops.writeConfig(
      demoConfig({
        steps: `    - setWeight: 50\n    - analysis: { gates: [probe] }\n    - promote: {}\n`,
        gates: probeGate(),
        extra: `  sync:
    flux: { kustomization: apps, namespace: flux-system, kubeconfig: ${kubeconfig}, pollInterval: 10ms, progressDeadline: 5s }
`,
      }),
    );

    const run = await runRelease(ops.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    const [start, weight50, primary, promote] = run.commits as [string, string, string, string];
    const fluxSyncs = (sha: string) => [
      `flux ${short(sha)} Ready at previous revision`,
      `flux ${short(sha)} Reconciling`,
      `flux ${short(sha)} Ready`,
      'gate sync pass',
    ];
    expect(timeline.entries).toEqual([
      `commit [0/4] start canary of ${CANARY_IMAGE}`,
      ...fluxSyncs(start),
      'commit [1/4] setWeight 50',
      ...fluxSyncs(weight50),
      'probe',
      'gate probe pass',
      'commit [3/4] promote primary',
      ...fluxSyncs(primary),
      'commit [4/4] promote',
      ...fluxSyncs(promote),
    ]);
    expect(probes).toEqual([{ head: weight50, shown: 'Ready' }]);
    expect(flux.fake.errors).toEqual([]);
    // The gate asked Flux to reconcile each commit now, as `flux reconcile` does.
    expect(flux.fake.patches).toHaveLength(4);
  });
});

describe.runIf(withPrometheus)('a release gated by a real Prometheus', () => {
  // Counters grow linearly from the exporter's start, so rates are exact: 100% non-5xx for every
  // image except BAD_IMAGE, which answers 10% 503s.
  const startedAt = Date.now();
  const exposition = (): string => {
    const seconds = (Date.now() - startedAt) / 1000;
    const series = (image: string, code: number, perSecond: number) =>
      `http_requests_total{service="podinfo-canary",image="${image}",code="${code}"} ${perSecond * seconds}`;
    return [
      '# TYPE http_requests_total counter',
      series(CANARY_IMAGE, 200, 100),
      series(BAD_IMAGE, 200, 90),
      series(BAD_IMAGE, 503, 10),
      // The primary fails a lot; the canary's query must not see it.
      `http_requests_total{service="podinfo-primary",image="${PODINFO}:6.0.0",code="500"} ${50 * seconds}`,
      '',
    ].join('\n');
  };
  const QUERY =
    'round(100 * sum(rate(http_requests_total{service="{{canaryService}}",image="{{canaryImage}}",code!~"5.."}[5s]))' +
    ' / sum(rate(http_requests_total{service="{{canaryService}}",image="{{canaryImage}}"}[5s])), 0.1)';
  const render = (image: string) =>
    QUERY.replaceAll('{{canaryService}}', 'podinfo-canary').replaceAll('{{canaryImage}}', image);

  let exporter: TestHttpServer;
  let prometheus: PrometheusServer;
  beforeAll(async () => {
    exporter = await startHttpServer(() => ({ status: 200, body: exposition() }));
    prometheus = await startPrometheus([`127.0.0.1:${exporter.port}`]);
    // rate() needs two scrapes inside the window.
    await prometheus.waitForQuery(render(CANARY_IMAGE));
    await prometheus.waitForQuery(render(BAD_IMAGE));
  });
  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  const STEPS = `    - setWeight: 10
    - analysis: { gates: [success-rate] }
    - setWeight: 50
    - analysis: { gates: [success-rate] }
    - promote: {}
`;
  const gates = () => `    success-rate:
      prometheus:
        address: ${prometheus.address}
        query: '${QUERY}'
        thresholdRange: { min: 99 }
        interval: 200ms
        count: 2
`;

  it("promotes a canary whose success rate stays at 100%, each commit carrying the previous analysis' evidence", async () => {
    const timeline = new Timeline();
    await withArgo(timeline, { steps: STEPS, gates: gates() });

    const run = await runRelease(ops!.config, { image: CANARY_IMAGE, timeline });

    expect(run.result.outcome).toBe('promoted');
    const [, weight10, weight50] = run.commits as [string, string, string];
    // Each analysis ran after Argo CD reported the commit before it Synced and Healthy.
    for (const sha of [weight10, weight50]) {
      const healthy = timeline.entries.indexOf(`argocd ${short(sha)} Synced Healthy`);
      expect(timeline.entries.slice(healthy + 1, healthy + 3)).toEqual([
        'gate sync pass',
        'gate success-rate pass',
      ]);
    }
    const rates = gateEvents(run.events).filter((result) => result.gate === 'success-rate');
    expect(rates.map(({ verdict, value, threshold }) => ({ verdict, value, threshold }))).toEqual([
      { verdict: 'pass', value: 100, threshold: '>= 99' },
      { verdict: 'pass', value: 100, threshold: '>= 99' },
    ]);
    expect(rates[0]!.measurements.map((m) => m.value)).toEqual([100, 100]);
    const log = ops!.log();
    expect(log.map((entry) => entry.subject.replace('gitcanary(podinfo): ', ''))).toEqual([
      'podinfo 6.0.0 on primary and canary',
      `start canary of ${CANARY_IMAGE} [0/6]`,
      'setWeight 10 [1/6]',
      'setWeight 50 [3/6]',
      'promote primary [5/6]',
      'promote [6/6]',
    ]);
    for (const entry of log.slice(3, 5)) {
      expect(entry.body.split('\n').slice(1)).toEqual([
        '',
        'Gate evidence:',
        '- success-rate (prometheus): pass value=100 threshold >= 99 — 2 measurements: success-rate = 100 (threshold >= 99)',
      ]);
    }
  });

  it('rolls back when Prometheus reports the canary at 90% success: phase Failed, the value and threshold in the events, the console, --json and the rollback commit', async () => {
    const timeline = new Timeline();
    await withArgo(timeline, { steps: STEPS, gates: gates() });

    const run = await runRelease(ops!.config, { image: BAD_IMAGE, timeline });

    expect(run.result).toMatchObject({
      outcome: 'rolledBack',
      exitCode: 1,
      message: `gate failed at step 2/6; rolled back to ${PODINFO}:6.0.0`,
    });
    const [, weight10, rollback] = run.commits as [string, string, string];
    expect(timeline.entries.slice(-4)).toEqual([
      `argocd ${short(weight10)} Synced Healthy`,
      'gate sync pass',
      'gate success-rate fail',
      `commit [1/6] roll back canary of ${BAD_IMAGE}`,
    ]);
    const event = run.events.find(
      (e): e is Extract<ReleaseEvent, { type: 'gate' }> =>
        e.type === 'gate' && e.result.gate === 'success-rate',
    )!;
    const message = '1 of 1 measurements failed (limit 0): success-rate = 90 (threshold >= 99)';
    expect(event.result).toMatchObject({
      gate: 'success-rate',
      kind: 'prometheus',
      verdict: 'fail',
      value: 90,
      threshold: '>= 99',
      message,
    });
    // failureLimit 0: the first failed measurement decides; the second is never taken.
    expect(event.result.measurements).toHaveLength(1);
    expect(formatEvent(event)).toBe(
      `  gate success-rate (prometheus): FAIL value=90 threshold >= 99 — ${message}`,
    );
    const lines: string[] = [];
    new JsonReporter((line) => lines.push(line)).event(event);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      type: 'gate',
      result: { gate: 'success-rate', verdict: 'fail', value: 90, threshold: '>= 99', message },
    });

    expect(ops!.head()).toBe(rollback);
    const last = ops!.log().at(-1)!;
    expect(last.trailers).toMatchObject({
      'Gitcanary-Phase': 'Failed',
      'Gitcanary-Action': 'rollback',
      'Gitcanary-Weight': '0',
    });
    expect(last.body).toBe(
      [
        `Release ${run.result.progress!.releaseId}: ${BAD_IMAGE}, canary weight 0%, phase Failed.`,
        '',
        'Gate evidence:',
        `- success-rate (prometheus): fail value=90 threshold >= 99 — ${message}`,
      ].join('\n'),
    );
    expect(argo!.fake.errors).toEqual([]);
  });
});
