import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ReleaseEngine } from '../../src/engine/release.js';
import { releaseInput } from '../../src/engine/setup.js';
import { createGate, type GateConfig } from '../../src/gates/index.js';
import { openRepository } from '../../src/git/index.js';
import { withNotifications } from '../../src/notify/index.js';
import { EventLog, type ReleaseEvent } from '../../src/report/index.js';
import { type ChatReceivers, type ReceiverPath, startChatReceivers } from '../support/chat-payloads.js';
import {
  CANARY_IMAGE,
  createGitOps,
  DEMO_TRAFFIC,
  demoConfig,
  FAIL_FROM_30,
  type GitOps,
  PODINFO,
  STABLE_IMAGE,
} from '../support/gitops.js';
import { skippingClock } from '../support/gitops-gates.js';
import { startHttpServer, type TestHttpServer, type TestReply } from '../support/http-server.js';

// Whole releases on a bare GitOps repository with the notifier wrapped around the reporter, as
// the CLI builds it: loopback receivers check every provider's documented payload shape, and
// record which moments of the release each destination heard about.

let ops: GitOps | undefined;
let chat: ChatReceivers | undefined;
let hooks: TestHttpServer | undefined;
const envNames: string[] = [];
afterEach(async () => {
  await chat?.close();
  await hooks?.close();
  ops?.dispose();
  for (const name of envNames.splice(0)) delete process.env[name];
  ops = chat = hooks = undefined;
});

function setEnv(name: string, value: string): void {
  process.env[name] = value;
  envNames.push(name);
}

const QUICK_STEPS = `    - setWeight: 10
    - analysis: { gates: [smoke] }
    - setWeight: 50
    - analysis: { gates: [smoke] }
    - promote: {}
`;

const ALL_TRIGGERS = '[started, step-committed, paused, analysis-failed, rolled-back, promoted]';
const PROVIDERS: { name: string; path: ReceiverPath; type: string; extra?: string }[] = [
  { name: 'slack', path: 'slack', type: 'slack' },
  { name: 'teams', path: 'msteams', type: 'msteams' },
  { name: 'teams-workflow', path: 'msteams-adaptive', type: 'msteams', extra: ', format: adaptiveCard' },
  { name: 'discord', path: 'discord', type: 'discord', extra: ', username: gitcanary' },
  { name: 'chat', path: 'gchat', type: 'googlechat' },
  { name: 'rocket', path: 'rocket', type: 'rocket', extra: ', channel: "#releases"' },
  { name: 'hook', path: 'webhook', type: 'webhook' },
];

/** `spec.notifications` sending every trigger to every provider, URLs from the environment. */
function everyProvider(receivers: ChatReceivers): string {
  const providers = PROVIDERS.map((provider) => {
    const env = `GITCANARY_TEST_${provider.name.toUpperCase().replace(/-/g, '_')}_URL`;
    setEnv(env, receivers.url(provider.path));
    return `      ${provider.name}: { type: ${provider.type}, urlEnv: ${env}${provider.extra ?? ''} }`;
  }).join('\n');
  const triggers = PROVIDERS.map(
    (provider) => `      - { on: ${ALL_TRIGGERS}, provider: ${provider.name} }`,
  ).join('\n');
  return `  notifications:
    commitUrl: "https://git.example.com/acme/gitops/commit/{{sha}}"
    providers:
${providers}
    triggers:
${triggers}
`;
}

interface Run {
  outcome: string;
  events: ReleaseEvent[];
  commits: string[];
}

/** The release in-process with the notifier wrapped around an event log, flushed at the end. */
async function release(configFile: string, options: { once?: boolean } = {}): Promise<Run> {
  const loaded = await loadConfig(configFile);
  const { git } = loaded.config.spec;
  const repo = await openRepository({ repo: git.repo, branch: git.branch, author: git.author! });
  const log = new EventLog();
  const input = releaseInput(loaded);
  let engine: ReleaseEngine | undefined;
  const reporter = withNotifications(log, loaded, {
    gates: input.gates,
    strict: true,
    snapshot: async () => {
      const progress = await engine?.progress();
      return (
        progress && {
          step: { index: progress.stepIndex, total: progress.total },
          weight: progress.weight,
          phase: progress.phase,
          image: progress.image,
          stableImage: progress.stableImage,
          commit: progress.lastCommit.sha,
        }
      );
    },
  });
  try {
    engine = new ReleaseEngine(input, {
      repo,
      reporter,
      createGate: (name, config) => createGate(name, config as GateConfig),
      clock: skippingClock(),
    });
    const result = await engine.run({ image: CANARY_IMAGE, once: options.once ?? false });
    await reporter.flush?.();
    const commits = log.events.flatMap((event) => (event.type === 'commit' ? [event.sha] : []));
    return { outcome: result.outcome, events: log.events, commits };
  } finally {
    await repo.close();
  }
}

const triggersOf = (messages: Record<string, unknown>[]) => messages.map((message) => message.trigger);

describe('notifications', () => {
  it("send started, every step commit and promoted to Slack, Teams, Discord, Google Chat, Rocket.Chat and a webhook in each one's documented shape", async () => {
    chat = await startChatReceivers();
    ops = createGitOps(demoConfig({ steps: QUICK_STEPS, extra: everyProvider(chat) }));

    const run = await release(ops.config);

    expect(run.outcome).toBe('promoted');
    expect(chat.errors).toEqual([]);
    expect(triggersOf(chat.of('webhook'))).toEqual([
      'started',
      'step-committed',
      'step-committed',
      // Flagger's shape: the primary gets the candidate first, traffic still split.
      'step-committed',
      'promoted',
    ]);
    for (const provider of PROVIDERS) expect(chat.of(provider.path)).toHaveLength(5);

    const [start, first, second, primary, promoted] = chat.of('webhook');
    expect(start).toMatchObject({
      release: 'podinfo',
      namespace: 'test',
      severity: 'info',
      image: CANARY_IMAGE,
      step: { index: 0, total: 6 },
      weight: 0,
      commit: { sha: run.commits[0], url: `https://git.example.com/acme/gitops/commit/${run.commits[0]}` },
    });
    expect(first).toMatchObject({
      step: { index: 1, total: 6 },
      weight: 10,
      phase: 'Progressing',
      evidence: [],
    });
    // The commit at 50% carries the verdict that let it through.
    expect(second).toMatchObject({ step: { index: 3 }, weight: 50 });
    expect(second?.evidence).toEqual([
      expect.objectContaining({
        gate: 'smoke',
        kind: 'command',
        verdict: 'pass',
        message: expect.stringContaining('error rate 0% at 10%'),
      }),
    ]);
    expect(primary).toMatchObject({ trigger: 'step-committed', step: { index: 5 }, phase: 'Promoting' });
    expect(promoted).toMatchObject({ trigger: 'promoted', severity: 'info', phase: 'Succeeded' });
    expect(promoted?.message).toBe(
      `Canary analysis of ${CANARY_IMAGE} completed successfully, promotion finished.`,
    );

    // Slack: Flagger's attachment, a link to the commit in mrkdwn, the evidence.
    const slack = chat.of('slack')[2] as {
      text: string;
      attachments: {
        color: string;
        author_name: string;
        text: string;
        fields: { title: string; value: string }[];
      }[];
    };
    expect(slack.attachments[0]).toMatchObject({ color: 'good', author_name: 'podinfo.test' });
    expect(slack.attachments[0]?.fields).toContainEqual({
      title: 'Commit',
      value: `<https://git.example.com/acme/gitops/commit/${run.commits[2]}|${run.commits[2]!.slice(0, 7)}>`,
      short: true,
    });
    expect(slack.attachments[0]?.fields).toContainEqual({
      title: 'Canary weight',
      value: '50%',
      short: true,
    });
    expect(slack.attachments[0]?.text).toContain('smoke (command): pass value=0');
    // Teams MessageCard with an OpenUri action to the commit; Discord embed with the commit URL.
    expect(chat.of('msteams')[2]).toMatchObject({
      potentialAction: [
        { targets: [{ uri: `https://git.example.com/acme/gitops/commit/${run.commits[2]}` }] },
      ],
    });
    expect(chat.of('discord')[2]).toMatchObject({
      username: 'gitcanary',
      embeds: [{ url: `https://git.example.com/acme/gitops/commit/${run.commits[2]}` }],
    });
    expect(chat.of('gchat')[0]).toMatchObject({
      cardsV2: [{ card: { header: { subtitle: 'podinfo.test' } } }],
    });
    expect(chat.of('rocket')[0]).toMatchObject({ channel: '#releases' });
  });

  it('tell about the failed check, then the rollback as an error, with the evidence', async () => {
    chat = await startChatReceivers();
    ops = createGitOps(demoConfig({ steps: QUICK_STEPS, gates: FAIL_FROM_30, extra: everyProvider(chat) }));

    const run = await release(ops.config);

    expect(run.outcome).toBe('rolledBack');
    expect(chat.errors).toEqual([]);
    const messages = chat.of('webhook');
    expect(triggersOf(messages)).toEqual([
      'started',
      'step-committed',
      'step-committed',
      'analysis-failed',
      'rolled-back',
    ]);
    const [failed, rolledBack] = messages.slice(3);
    expect(failed).toMatchObject({ severity: 'warn', weight: 50 });
    expect(failed?.message).toContain('smoke (command)');
    expect(rolledBack).toMatchObject({ severity: 'error', phase: 'Failed', weight: 0 });
    expect(rolledBack?.message).toContain('smoke (command) failed');
    expect(JSON.stringify(rolledBack?.evidence)).toContain('error rate 7% at 50%');
    expect((chat.of('slack')[4] as { attachments: { color: string }[] }).attachments[0]?.color).toBe(
      'danger',
    );
    expect(chat.of('msteams')[4]).toMatchObject({ themeColor: 'FF0000' });
  });

  it('report a receiver that fails and let the release go on', async () => {
    chat = await startChatReceivers((path) =>
      path === 'slack' ? { status: 500, body: 'no_service' } : { status: 200 },
    );
    setEnv('GITCANARY_TEST_SLACK_DOWN', chat.url('slack'));
    ops = createGitOps(
      demoConfig({
        steps: QUICK_STEPS,
        extra: `  notifications:
    triggers:
      - { on: [started, promoted], provider: { type: slack, urlEnv: GITCANARY_TEST_SLACK_DOWN } }
`,
      }),
    );

    const run = await release(ops.config);

    expect(run.outcome).toBe('promoted');
    expect(chat.of('slack')).toHaveLength(2);
    const failures = run.events.filter((event) => event.type === 'notification');
    expect(failures).toEqual([
      {
        type: 'notification',
        target: 'trigger 0 (slack)',
        about: 'started',
        delivered: false,
        message: 'HTTP 500: no_service',
      },
      {
        type: 'notification',
        target: 'trigger 0 (slack)',
        about: 'promoted',
        delivered: false,
        message: 'HTTP 500: no_service',
      },
    ]);
  });

  it('never show the webhook URL, even when a gate prints it', async () => {
    chat = await startChatReceivers();
    const url = `${chat.url('slack')}?token=xoxb-notify-secret-42`;
    setEnv('GITCANARY_TEST_SECRET_SLACK', url);
    ops = createGitOps(
      demoConfig({
        steps: QUICK_STEPS,
        gates: `    smoke:
      command: { command: 'echo "posting to $GITCANARY_TEST_SECRET_SLACK"', timeout: 10s }
`,
        extra: `  notifications:
    triggers:
      - { on: [step-committed], provider: { type: slack, urlEnv: GITCANARY_TEST_SECRET_SLACK } }
`,
      }),
    );

    const run = await release(ops.config);

    expect(run.outcome).toBe('promoted');
    const bodies = JSON.stringify(chat.messages.map((message) => message.body));
    expect(bodies).toContain('posting to [secure]');
    expect(bodies).not.toContain('xoxb-notify-secret-42');
    expect(JSON.stringify(run.events)).not.toContain('xoxb-notify-secret-42');
  });
});

/** A Flagger analysis block with webhooks (receiver `hooks`) and alerts at each severity. */
function flaggerConfig(options: { webhooks: string; alerts?: string; extra?: string }): string {
  return `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata:
  name: podinfo
  namespace: test
spec:
  git: { repo: ./gitops.git, branch: main, author: { name: gitcanary, email: gitcanary@example.com } }
  workload:
    kustomization: { path: apps/podinfo/canary, image: ${PODINFO} }
  stable:
    kustomization: { path: apps/podinfo/primary, image: ${PODINFO} }
  traffic:
${DEMO_TRAFFIC}  analysis:
    interval: 30s
    threshold: 1
    stepWeights: [10, 50]
    webhooks:
${options.webhooks}
${options.alerts ?? ''}${options.extra ?? ''}`;
}

async function startHooks(
  reply: (type: string, call: number) => TestReply,
): Promise<{ type: string; body: string }[]> {
  const calls: { type: string; body: string }[] = [];
  hooks = await startHttpServer((request) => {
    const type = request.path.slice(1);
    calls.push({ type, body: request.body });
    return reply(type, calls.filter((call) => call.type === type).length);
  });
  return calls;
}

/** Three generic-webhook alerts, one per Flagger severity, to `/webhook?alert=<severity>`. */
function alertsAtEverySeverity(receivers: ChatReceivers): string {
  for (const severity of ['info', 'warn', 'error']) {
    setEnv(`GITCANARY_TEST_ALERT_${severity.toUpperCase()}`, `${receivers.url('webhook')}?alert=${severity}`);
  }
  return `    alerts:
      - { name: dev, severity: info, providerRef: { name: dev, namespace: flagger } }
      - { name: qa, severity: warn, provider: { type: webhook, urlEnv: GITCANARY_TEST_ALERT_WARN } }
      - { name: on-call, severity: error, providerRef: { name: on-call } }
`;
}

const ALERT_PROVIDERS = `  notifications:
    providers:
      dev: { type: webhook, urlEnv: GITCANARY_TEST_ALERT_INFO }
      on-call: { type: webhook, urlEnv: GITCANARY_TEST_ALERT_ERROR }
`;

const heardBy = (receivers: ChatReceivers, severity: string) =>
  receivers.messages
    .filter((message) => message.target === `/webhook?alert=${severity}`)
    .map((message) => `${message.body.trigger} ${message.body.severity}`);

describe("Flagger's analysis.alerts", () => {
  it('filter by severity as Flagger does: info hears everything, warn warnings and errors, error only errors', async () => {
    chat = await startChatReceivers();
    await startHooks((type, call) => (type === 'rollout' && call === 2 ? { status: 500 } : { status: 200 }));
    ops = createGitOps(
      flaggerConfig({
        webhooks: `      - { name: load, type: rollout, url: "${hooks!.url}/rollout" }`,
        alerts: alertsAtEverySeverity(chat),
        extra: ALERT_PROVIDERS,
      }),
    );

    const run = await release(ops.config);

    expect(run.outcome).toBe('rolledBack');
    expect(chat.errors).toEqual([]);
    // Flagger alerts at "New revision detected" (info) and "Failed checks threshold reached" (error);
    // a failed check or a weight step is an event, not an alert.
    expect(heardBy(chat, 'info')).toEqual(['started info', 'rolled-back error']);
    expect(heardBy(chat, 'warn')).toEqual(['rolled-back error']);
    expect(heardBy(chat, 'error')).toEqual(['rolled-back error']);
  });

  it('send a warning while confirm-promotion holds the release, unless the webhook mutes alerts', async () => {
    for (const muted of [false, true]) {
      chat = await startChatReceivers();
      await startHooks((type, call) =>
        type === 'confirm-promotion' && call < 3 ? { status: 403 } : { status: 200 },
      );
      ops = createGitOps(
        flaggerConfig({
          webhooks: `      - { name: approve, type: confirm-promotion, url: "${hooks!.url}/confirm-promotion", muteAlert: ${muted} }`,
          alerts: alertsAtEverySeverity(chat),
          extra: ALERT_PROVIDERS,
        }),
      );

      const run = await release(ops.config);

      expect(run.outcome).toBe('promoted');
      // Flagger: "Canary promotion is waiting for approval." once, at warn (scheduler_hooks.go).
      expect(heardBy(chat, 'info')).toEqual(
        muted ? ['started info', 'promoted info'] : ['started info', 'paused warn', 'promoted info'],
      );
      expect(heardBy(chat, 'warn')).toEqual(muted ? [] : ['paused warn']);
      expect(heardBy(chat, 'error')).toEqual([]);
      await chat.close();
      await hooks!.close();
      ops.dispose();
      chat = hooks = ops = undefined;
    }
  });
});

describe("Flagger's event webhooks", () => {
  it("POST every event with Flagger's payload: eventMessage, eventType, a millisecond timestamp, the phase", async () => {
    const calls = await startHooks((type, call) =>
      type === 'rollout' && call === 2 ? { status: 500, body: 'p99 2s' } : { status: 200 },
    );
    ops = createGitOps(
      flaggerConfig({
        webhooks: `      - { name: load, type: rollout, url: "${hooks!.url}/rollout" }
      - { name: events, type: event, url: "${hooks!.url}/event", metadata: { cluster: prod } }`,
      }),
    );
    const before = Date.now();

    const run = await release(ops.config);

    expect(run.outcome).toBe('rolledBack');
    const events = calls
      .filter((call) => call.type === 'event')
      .map(
        (call) =>
          JSON.parse(call.body) as { phase: string; checksum: string; metadata: Record<string, string> },
      );
    expect(events.length).toBeGreaterThan(5);
    for (const event of events) {
      expect(Object.keys(event)).toEqual(['name', 'namespace', 'phase', 'checksum', 'metadata']);
      expect(Object.keys(event.metadata)).toEqual(['cluster', 'eventMessage', 'eventType', 'timestamp']);
      expect(event.metadata.timestamp).toMatch(/^\d{13}$/);
      expect(Number(event.metadata.timestamp)).toBeGreaterThanOrEqual(before - 1000);
    }
    const said = events.map(
      (event) => `${event.metadata.eventType} ${event.phase}: ${event.metadata.eventMessage}`,
    );
    expect(said[0]).toBe(
      `Normal Progressing: New revision detected! Starting canary analysis of ${CANARY_IMAGE} for podinfo.test`,
    );
    expect(said).toContainEqual(
      expect.stringMatching(
        /^Normal Progressing: Advance podinfo\.test canary weight 10, commit [0-9a-f]{7}$/,
      ),
    );
    expect(said).toContainEqual(
      expect.stringMatching(
        /^Warning Progressing: Halt podinfo\.test advancement webhook check load failed: .*HTTP 500: p99 2s$/,
      ),
    );
    expect(said.at(-1)).toMatch(/^Warning Failed: Canary failed! Rolled back podinfo\.test \(gate failed\)/);
  });

  it('never fail the release when the event receiver fails; the failure is reported', async () => {
    await startHooks((type) => (type === 'event' ? { status: 503 } : { status: 200 }));
    ops = createGitOps(
      flaggerConfig({
        webhooks: `      - { name: load, type: rollout, url: "${hooks!.url}/rollout" }
      - { name: events, type: event, url: "${hooks!.url}/event" }`,
      }),
    );

    const run = await release(ops.config);

    expect(run.outcome).toBe('promoted');
    const failures = run.events.filter((event) => event.type === 'notification');
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]).toMatchObject({ target: 'event events', delivered: false, message: 'HTTP 503' });
    // The release's own commits do not mention the event webhook.
    expect(
      ops
        .log()
        .map((entry) => entry.body)
        .join('\n'),
    ).not.toContain('/event');
  });
});

describe('a step job at an indefinite pause', () => {
  it('reads the step and weight from Git for the paused notification', async () => {
    chat = await startChatReceivers();
    setEnv('GITCANARY_TEST_PAUSE_HOOK', chat.url('webhook'));
    ops = createGitOps(
      demoConfig({
        steps: `    - setWeight: 20
    - pause: {}
    - promote: {}
`,
        extra: `  notifications:
    triggers:
      - { on: [paused], provider: { type: webhook, urlEnv: GITCANARY_TEST_PAUSE_HOOK } }
`,
      }),
    );

    await release(ops.config, { once: true }); // start
    await release(ops.config, { once: true }); // setWeight 20
    const paused = await release(ops.config, { once: true });

    expect(paused.outcome).toBe('paused');
    expect(chat.of('webhook')).toEqual([
      expect.objectContaining({
        trigger: 'paused',
        severity: 'warn',
        step: { index: 1, total: 4 },
        weight: 20,
        stableImage: STABLE_IMAGE,
      }),
    ]);
  });
});
