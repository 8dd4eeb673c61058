import type { NotificationProvider } from '../config/notifications.js';
import { postJson } from '../gates/post-json.js';
import type { WebhookCallOptions } from '../gates/webhook.js';
import type { ReleaseEvent, Reporter } from '../report/events.js';
import { maskSecrets } from '../report/secrets.js';
import { renderTemplate } from '../report/templates.js';
import { type EventWebhook, FlaggerEventMapper, sendEvent } from './event-webhooks.js';
import { type GateTraits, NoticeTracker, type ReleaseNotice } from './notices.js';
import { buildPayload, type MessageView } from './providers.js';

// A Reporter sink: the engine only emits events; this forwards them to the CLI's reporter, sends
// Flagger event webhooks, and turns the release's notable moments into chat notifications. Every
// post runs in the background, in order per destination; a failure is reported as a
// `notification` event and never reaches the release. `flush()` waits for what is still in flight.

/** A provider with its URL read from the environment or its file. */
export interface ResolvedProvider {
  config: NotificationProvider;
  url: string;
  timeoutMs: number;
}

/** One destination and which notices it wants (a trigger subscription or a Flagger alert). */
export interface Subscription {
  /** `alert on-call (slack)`, `trigger #0 (discord)`: names it in failure reports. */
  label: string;
  provider: ResolvedProvider;
  wants(notice: ReleaseNotice): boolean;
}

/** Where the release stands, read from Git, for notices that arrive without a commit in this process. */
export interface ReleaseSnapshot {
  step: { index: number; total: number };
  weight: number;
  phase: string;
  image: string;
  stableImage: string | undefined;
  commit: string;
}

export interface NotifierOptions {
  release: string;
  namespace: string;
  eventWebhooks: EventWebhook[];
  subscriptions: Subscription[];
  gateTraits(gate: string): GateTraits | undefined;
  commitLink?: ((sha: string) => string) | undefined;
  /** Web page of the CI job running the release, linked from every message. */
  jobUrl?: string | undefined;
  snapshot?: (() => Promise<ReleaseSnapshot | undefined>) | undefined;
  now?: () => Date;
  /** Event webhook retry waits (tests). */
  backoff?: WebhookCallOptions['backoff'];
}

export class NotifyingReporter implements Reporter {
  readonly #next: Reporter;
  readonly #options: NotifierOptions;
  readonly #tracker: NoticeTracker;
  readonly #mapper: FlaggerEventMapper;
  readonly #queues = new Map<string, Promise<void>>();
  /** Never aborted: an interrupted release still sends what it decided; every post has a timeout. */
  readonly #controller = new AbortController();
  #stableImage: string | undefined;

  constructor(next: Reporter, options: NotifierOptions) {
    this.#next = next;
    this.#options = options;
    this.#tracker = new NoticeTracker((gate) => options.gateTraits(gate));
    this.#mapper = new FlaggerEventMapper(options.release, options.namespace);
  }

  event(event: ReleaseEvent): void {
    this.#next.event(event);
    if (event.type === 'notification') return;
    const flaggerEvent = this.#mapper.map(event);
    if (flaggerEvent !== undefined) {
      const now = this.#now();
      for (const hook of this.#options.eventWebhooks) {
        this.#enqueue(`event ${hook.name}`, flaggerEvent.message, async () => {
          const sent = await sendEvent(hook, this.#mapper, flaggerEvent, {
            signal: this.#controller.signal,
            now,
            backoff: this.#options.backoff,
          });
          if (!sent.ok) throw new Error(sent.message);
        });
      }
    }
    for (const notice of this.#tracker.observe(event)) {
      for (const subscription of this.#options.subscriptions.filter((candidate) => candidate.wants(notice))) {
        this.#enqueue(subscription.label, notice.trigger, () => this.#notify(subscription.provider, notice));
      }
    }
  }

  async flush(): Promise<void> {
    await Promise.all(this.#queues.values());
    await this.#next.flush?.();
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #enqueue(target: string, about: string, send: () => Promise<void>): void {
    const previous = this.#queues.get(target) ?? Promise.resolve();
    const next = previous.then(send).catch((error: unknown) => {
      this.#next.event({
        type: 'notification',
        target,
        about,
        delivered: false,
        message: maskSecrets(error instanceof Error ? error.message : String(error)),
      });
    });
    this.#queues.set(target, next);
  }

  async #notify(provider: ResolvedProvider, notice: ReleaseNotice): Promise<void> {
    const view = await this.#view(notice);
    // One mask over the whole body: gate output may quote a token.
    const body = maskSecrets(JSON.stringify(buildPayload(provider.config, view)));
    const answer = await postJson(provider.url, body, {
      timeoutMs: provider.timeoutMs,
      signal: this.#controller.signal,
    });
    // Flagger's notifier wants 200; Discord answers 204 without `?wait=true`.
    if (answer.status < 200 || answer.status > 299) {
      throw new Error(`HTTP ${answer.status}: ${answer.body.trim().slice(0, 200)}`);
    }
  }

  /** Fills in from Git what this process did not see (a `step` job that only found a pause). */
  async #view(notice: ReleaseNotice): Promise<MessageView> {
    let filled = notice;
    if (notice.step === undefined || notice.stableImage === undefined) {
      const snapshot = await this.#options.snapshot?.().catch(() => undefined);
      if (snapshot) {
        this.#stableImage ??= snapshot.stableImage;
        filled = {
          ...notice,
          step: notice.step ?? snapshot.step,
          weight: notice.weight ?? snapshot.weight,
          phase: notice.phase ?? snapshot.phase,
          image: notice.image ?? snapshot.image,
          commit: notice.commit ?? snapshot.commit,
          stableImage: snapshot.stableImage,
        };
      }
    }
    return messageView(filled, {
      release: this.#options.release,
      namespace: this.#options.namespace,
      stableImage: filled.stableImage ?? this.#stableImage,
      commitLink: this.#options.commitLink,
      jobUrl: this.#options.jobUrl,
      time: this.#now().toISOString(),
    });
  }
}

const EVIDENCE_LINES = 10;
const EVIDENCE_LINE_CHARS = 300;

/** The provider-neutral message: headline and evidence from templates/notifications, facts. */
export async function messageView(
  notice: ReleaseNotice,
  context: {
    release: string;
    namespace: string;
    stableImage: string | undefined;
    commitLink?: ((sha: string) => string) | undefined;
    jobUrl?: string | undefined;
    time: string;
  },
): Promise<MessageView> {
  const weight = notice.weight === undefined ? undefined : `${notice.weight}%`;
  const step = notice.step === undefined ? undefined : `${notice.step.index}/${notice.step.total}`;
  const image = notice.image ?? 'the candidate';
  const headline = await renderTemplate('notifications/headline', {
    is: { [notice.trigger]: true },
    image,
    stableImage: context.stableImage,
    summary: notice.summary,
    weight,
    reason: notice.reason,
  });
  const title = headline.trim();
  const evidenceText = await renderTemplate('notifications/evidence', {
    gates: notice.evidence.map((gate) => ({
      ...gate,
      value: gate.value === undefined ? undefined : String(gate.value),
    })),
  });
  const evidence = evidenceText
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(0, EVIDENCE_LINES)
    .map((line) => (line.length > EVIDENCE_LINE_CHARS ? `${line.slice(0, EVIDENCE_LINE_CHARS - 1)}…` : line));
  const facts = [
    { name: 'Release', value: `${context.release}${notice.releaseId ? ` (${notice.releaseId})` : ''}` },
    { name: 'Image', value: image },
    ...(context.stableImage ? [{ name: 'Stable', value: context.stableImage }] : []),
    ...(step ? [{ name: 'Step', value: step }] : []),
    ...(weight ? [{ name: 'Canary weight', value: weight }] : []),
    ...(notice.phase ? [{ name: 'Phase', value: notice.phase }] : []),
  ];
  const commit =
    notice.commit === undefined
      ? undefined
      : { sha: notice.commit, url: context.commitLink?.(notice.commit) };
  return {
    trigger: notice.trigger,
    severity: notice.severity,
    title,
    source: `${context.release}.${context.namespace}`,
    facts,
    commit,
    job: context.jobUrl === undefined ? undefined : { url: context.jobUrl },
    evidence,
    time: context.time,
    data: {
      release: context.release,
      namespace: context.namespace,
      releaseId: notice.releaseId,
      trigger: notice.trigger,
      severity: notice.severity,
      message: title,
      image: notice.image,
      stableImage: context.stableImage,
      step: notice.step,
      weight: notice.weight,
      phase: notice.phase,
      commit: commit ?? null,
      job: context.jobUrl ?? null,
      evidence: notice.evidence.map(({ gate, kind, verdict, value, threshold, message }) => ({
        gate,
        kind,
        verdict,
        value,
        threshold,
        message,
      })),
      timestamp: context.time,
    },
  };
}
