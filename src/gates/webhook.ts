import { createHash } from 'node:crypto';
import pRetry, { AbortError } from 'p-retry';
import { maskSecrets } from '../shared/secrets.js';
import { parseDuration } from './duration.js';
import { isCertificateError, type PostResponse, PostTimeoutError, postJson } from './post-json.js';
import {
  parseGateConfig,
  type WebhookConfig,
  type WebhookConfigInput,
  type WebhookType,
  webhookConfigSchema,
} from './schemas.js';
import type { Gate, GateContext, GateEffect, GateResult, Measurement, Verdict } from './types.js';

// Flagger-compatible webhooks: the same POST body Flagger sends (CanaryWebhookPayload in
// pkg/apis/flagger/v1beta1, sent by pkg/controller/webhook.go callWebhook / CallEventWebhook), the
// same success rule (HTTP status <= 202), timeout (10s), retries and TLS switch, so
// flagger-loadtester and existing receivers work unchanged.

export type { WebhookConfigInput } from './schemas.js';

/** Flagger's CanaryWebhookPayload, field for field. */
export interface WebhookPayload {
  name: string;
  namespace: string;
  /** Flagger's canary phase: `Initializing`, `Waiting`, `Progressing`, `WaitingPromotion`, `Promoting`, `Finalising`, `Succeeded`, `Failed`. */
  phase: string;
  /** Identifies the release's candidate (Flagger: hash of tracked configs + last applied spec). */
  checksum: string;
  metadata?: Record<string, string>;
}

/** When a webhook type fires in the release and what its answer does, as in Flagger. */
export interface WebhookFiring {
  /** Point in the release where the engine calls it. */
  at:
    | 'before-first-step'
    | 'before-traffic'
    | 'each-analysis'
    | 'before-weight-increase'
    | 'before-promotion'
    | 'after-release'
    | 'while-progressing'
    | 'every-event';
  /**
   * `gate`: non-2xx is a failed check (counts toward the analysis threshold, then rollback);
   * `wait`: non-2xx means "not yet", the engine polls again next interval;
   * `rollback`: 2xx asks for rollback; `notify`: the answer is logged, never decides.
   */
  effect: 'gate' | 'wait' | 'rollback' | 'notify';
}

export const webhookFiresAt: Readonly<Record<WebhookType, WebhookFiring>> = {
  // Before the canary gets any change (Flagger: before scaling up the canary); manual approval.
  'confirm-rollout': { at: 'before-first-step', effect: 'wait' },
  // Before the first traffic moves to the canary (Flagger: failures count toward threshold).
  'pre-rollout': { at: 'before-traffic', effect: 'gate' },
  // On every analysis iteration, before the metric checks.
  rollout: { at: 'each-analysis', effect: 'gate' },
  // Right before each weight increase.
  'confirm-traffic-increase': { at: 'before-weight-increase', effect: 'wait' },
  // Before promotion; metrics and rollout hooks keep running while it waits.
  'confirm-promotion': { at: 'before-promotion', effect: 'wait' },
  // After promotion or rollback; Flagger only logs a failure (runPostRolloutHooks).
  'post-rollout': { at: 'after-release', effect: 'notify' },
  // Polled while Progressing or waiting for a confirmation; 2xx stops the release as failed.
  rollback: { at: 'while-progressing', effect: 'rollback' },
  // On every event Flagger would emit (sendEventToWebhook); sent by src/notify, never decides.
  event: { at: 'every-event', effect: 'notify' },
};

/** What a webhook payload says about the release (a GateContext carries it all). */
export interface WebhookSubject {
  releaseName: string;
  namespace: string;
  /** Flagger's canary phase. */
  phase: string;
  canaryImage: string | undefined;
  commit: string;
}

/** Flagger-like checksum: stable for one candidate of one release, so receivers can key on it. */
export function webhookChecksum(subject: Omit<WebhookSubject, 'phase'>): string {
  const candidate = subject.canaryImage ?? subject.commit;
  return createHash('sha256')
    .update(`${subject.namespace}/${subject.releaseName}@${candidate}`)
    .digest('hex')
    .slice(0, 16);
}

export function webhookPayload(
  subject: WebhookSubject,
  metadata: Record<string, string> | undefined,
): WebhookPayload {
  const payload: WebhookPayload = {
    name: subject.releaseName,
    namespace: subject.namespace,
    phase: subject.phase,
    checksum: webhookChecksum(subject),
  };
  // Flagger omits metadata when empty (`json:"metadata,omitempty"`); Go's encoding/json writes a
  // map's keys sorted, so receivers see the same bytes.
  if (metadata !== undefined && Object.keys(metadata).length > 0) payload.metadata = sortedKeys(metadata);
  return payload;
}

/**
 * Payload of an `event` webhook, as Flagger's CallEventWebhook (pkg/controller/webhook.go) builds
 * it: eventMessage, eventType (`Normal` / `Warning`) and the time in milliseconds as a string;
 * configured metadata is added, Flagger's own keys win.
 */
export function eventPayload(
  subject: WebhookSubject,
  metadata: Record<string, string> | undefined,
  eventMessage: string,
  eventType: 'Normal' | 'Warning',
  now: Date = new Date(),
): WebhookPayload {
  return webhookPayload(subject, {
    ...metadata,
    eventMessage,
    eventType,
    timestamp: String(now.getTime()),
  });
}

function sortedKeys(map: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(map).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Flagger's callWebhook: `if r.StatusCode > 202 { return errors.New(string(b)) }`. */
export function flaggerAccepts(status: number): boolean {
  return status >= 200 && status <= 202;
}

/**
 * go-retryablehttp's DefaultRetryPolicy, which Flagger's webhook client uses: 429 and 5xx other
 * than 501 are retried (connection errors too, see callWebhook).
 */
export function retryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501);
}

/** retryablehttp's DefaultBackoff as Flagger leaves it: 1s, 2s, 4s, … capped at 30s. */
export const FLAGGER_BACKOFF = { minMs: 1000, maxMs: 30_000 } as const;

export interface WebhookCallOptions {
  timeoutMs: number;
  /** HTTP retries after the first attempt (Flagger's `retries`, retryablehttp's RetryMax). */
  retries: number;
  disableTLS: boolean;
  signal: AbortSignal;
  /** Waits between attempts; Flagger's by default. */
  backoff?: { minMs: number; maxMs: number } | undefined;
}

export interface WebhookAnswer {
  status: number;
  body: string;
  /** Requests made, retries included. */
  attempts: number;
}

class RetryableAnswer extends Error {
  constructor(readonly answer: PostResponse) {
    super(`HTTP ${answer.status}`);
  }
}

/**
 * POSTs the payload as Flagger's callWebhook does (pkg/controller/webhook.go, newHTTPClient): the
 * timeout bounds each attempt, `retries` more attempts follow a connection error, a timeout, 429
 * or 5xx (not 501) with exponential backoff, and `disableTLS` skips certificate checks. After the
 * last retry the last answer is returned; a certificate error is never retried.
 */
export async function callWebhook(
  url: string,
  payload: WebhookPayload,
  options: WebhookCallOptions,
): Promise<WebhookAnswer> {
  const body = JSON.stringify(payload);
  const backoff = options.backoff ?? FLAGGER_BACKOFF;
  let attempts = 0;
  try {
    return await pRetry(
      async () => {
        attempts += 1;
        let answer: PostResponse;
        try {
          answer = await postJson(url, body, {
            timeoutMs: options.timeoutMs,
            insecure: options.disableTLS,
            signal: options.signal,
          });
        } catch (error) {
          if (options.signal.aborted || isCertificateError(error)) throw new AbortError(error as Error);
          throw error;
        }
        if (retryableStatus(answer.status)) throw new RetryableAnswer(answer);
        return { ...answer, attempts };
      },
      {
        retries: options.retries,
        factor: 2,
        minTimeout: backoff.minMs,
        maxTimeout: backoff.maxMs,
        randomize: false,
        signal: options.signal,
      },
    );
  } catch (error) {
    if (error instanceof RetryableAnswer) return { ...error.answer, attempts };
    throw error;
  }
}

export class WebhookGate implements Gate {
  readonly kind = 'webhook';
  readonly config: WebhookConfig;
  private readonly timeoutMs: number;

  constructor(
    readonly name: string,
    config: WebhookConfigInput,
    private readonly backoff?: WebhookCallOptions['backoff'],
  ) {
    this.config = parseGateConfig(webhookConfigSchema, config, 'webhook');
    this.timeoutMs = parseDuration(this.config.timeout, 'webhook.timeout');
  }

  /** The engine acts on the verdict as Flagger acts on this webhook type (see webhookFiresAt). */
  get effect(): GateEffect {
    const { effect } = webhookFiresAt[this.config.type];
    return effect === 'gate' ? 'decide' : effect;
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    // What the answer means (gate, wait, rollback, notify), from the webhook type.
    const effect = webhookFiresAt[this.config.type].effect;
    const payload =
      this.config.type === 'event'
        ? eventPayload(
            context,
            this.config.metadata,
            `${this.name}: ${context.phase} at step ${context.stepIndex}`,
            'Normal',
          )
        : webhookPayload(context, this.config.metadata);
    const target = `${this.config.type} webhook ${maskSecrets(this.config.url)}`;
    const at = (): string => new Date().toISOString();
    let measurement: Measurement;
    try {
      const answer = await callWebhook(this.config.url, payload, {
        timeoutMs: this.timeoutMs,
        retries: this.config.retries,
        disableTLS: this.config.disableTLS,
        signal: context.signal,
        backoff: this.backoff,
      });
      const ok = flaggerAccepts(answer.status);
      const excerpt = ok ? '' : bodyExcerpt(answer.body);
      const tries = answer.attempts > 1 ? ` after ${answer.attempts} attempts` : '';
      measurement = {
        verdict: verdictFor(effect, ok),
        value: answer.status,
        message: maskSecrets(
          `${target} answered HTTP ${answer.status}${tries}${describe(effect, ok, answer.status)}${excerpt}`,
        ),
        at: at(),
      };
    } catch (error) {
      context.signal.throwIfAborted();
      const reason =
        error instanceof PostTimeoutError ? `timed out after ${this.config.timeout}` : errorMessage(error);
      measurement = {
        verdict: unreachableVerdict(effect),
        value: 'error',
        message: maskSecrets(`${target} ${reason}${describe(effect, false, undefined)}`),
        at: at(),
      };
    }
    context.progress(`${this.name}: ${measurement.message}`);
    return {
      gate: this.name,
      kind: this.kind,
      verdict: measurement.verdict,
      value: measurement.value,
      threshold: THRESHOLDS[effect],
      message: measurement.message,
      measurements: [measurement],
    };
  }
}

const THRESHOLDS: Record<WebhookFiring['effect'], string> = {
  gate: 'HTTP 200-202',
  wait: 'HTTP 200-202',
  rollback: 'no HTTP 200-202 (200-202 requests rollback)',
  notify: 'notification (never fails the release)',
};

function verdictFor(effect: WebhookFiring['effect'], ok: boolean): Verdict {
  if (effect === 'notify') return 'pass';
  if (effect === 'rollback') return ok ? 'fail' : 'pass';
  if (effect === 'wait') return ok ? 'pass' : 'inconclusive';
  return ok ? 'pass' : 'fail';
}

/**
 * No answer: a check fails and a confirmation keeps waiting, as in Flagger, where the error is the
 * same as a refusal; a rollback hook that cannot be reached asks for no rollback (runRollbackHooks:
 * "not signaling a rollback"); a notification never decides.
 */
function unreachableVerdict(effect: WebhookFiring['effect']): Verdict {
  if (effect === 'gate') return 'fail';
  if (effect === 'wait') return 'inconclusive';
  return 'pass';
}

function describe(effect: WebhookFiring['effect'], ok: boolean, status: number | undefined): string {
  if (effect === 'notify') return ok ? '' : ' (notification only: the release goes on)';
  if (effect === 'rollback') return ok ? ': rollback requested' : ': no rollback requested';
  const refused =
    status !== undefined && status >= 203 && status < 300 ? ' (Flagger counts only 200-202 as success)' : '';
  if (effect === 'wait' && !ok) return `: not confirmed yet${refused}`;
  return refused;
}

function bodyExcerpt(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  if (text === '') return '';
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `unreachable: ${error.message}${cause}`;
}
