import { createHash } from 'node:crypto';
import { maskSecrets } from '../shared/secrets.js';
import { sleep } from './analysis.js';
import { parseDuration } from './duration.js';
import {
  parseGateConfig,
  type WebhookConfig,
  type WebhookConfigInput,
  type WebhookType,
  webhookConfigSchema,
} from './schemas.js';
import type { Gate, GateContext, GateEffect, GateResult, Measurement, Verdict } from './types.js';

// Flagger-compatible webhooks: the same POST body Flagger sends (CanaryWebhookPayload in
// pkg/apis/flagger/v1beta1, sent by pkg/controller/webhook.go), so flagger-loadtester and
// existing receivers work unchanged.

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
  // After promotion or rollback; Flagger only logs a failure.
  'post-rollout': { at: 'after-release', effect: 'notify' },
  // Polled while Progressing or waiting for a confirmation; 2xx stops the release as failed.
  rollback: { at: 'while-progressing', effect: 'rollback' },
  // On every event Flagger would emit; metadata carries eventMessage, eventType, timestamp.
  event: { at: 'every-event', effect: 'notify' },
};

/** Flagger-like checksum: stable for one candidate of one release, so receivers can key on it. */
export function webhookChecksum(context: GateContext): string {
  const candidate = context.canaryImage ?? context.commit;
  return createHash('sha256')
    .update(`${context.namespace}/${context.releaseName}@${candidate}`)
    .digest('hex')
    .slice(0, 16);
}

export function webhookPayload(
  context: GateContext,
  metadata: Record<string, string> | undefined,
): WebhookPayload {
  const payload: WebhookPayload = {
    name: context.releaseName,
    namespace: context.namespace,
    phase: context.phase,
    checksum: webhookChecksum(context),
  };
  // Flagger omits metadata when empty (`json:"metadata,omitempty"`).
  if (metadata !== undefined && Object.keys(metadata).length > 0) payload.metadata = metadata;
  return payload;
}

/** Payload of an `event` webhook; Flagger's own keys win over the configured metadata. */
export function eventPayload(
  context: GateContext,
  metadata: Record<string, string> | undefined,
  eventMessage: string,
  eventType: 'Normal' | 'Warning',
): WebhookPayload {
  return webhookPayload(context, {
    ...metadata,
    eventMessage,
    eventType,
    timestamp: String(Date.now()),
  });
}

export interface WebhookResponse {
  status: number;
  body: string;
}

/** POSTs the payload; retries connection errors, 429 and 5xx (Flagger uses retryablehttp). */
export async function postWebhook(
  url: string,
  payload: WebhookPayload,
  options: { timeoutMs: number; retries: number; signal: AbortSignal },
): Promise<WebhookResponse> {
  let attempt = 0;
  for (;;) {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(payload),
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
      });
      const body = await response.text();
      const retryable = response.status === 429 || (response.status >= 500 && response.status !== 501);
      if (!retryable || attempt >= options.retries) return { status: response.status, body };
    } catch (error) {
      options.signal.throwIfAborted();
      if (attempt >= options.retries) throw error;
    }
    attempt += 1;
    await sleep(Math.min(500 * 2 ** (attempt - 1), 5000), options.signal);
  }
}

export class WebhookGate implements Gate {
  readonly kind = 'webhook';
  readonly config: WebhookConfig;
  private readonly timeoutMs: number;

  constructor(
    readonly name: string,
    config: WebhookConfigInput,
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
    const effect = webhookFiresAt[this.config.type].effect;
    const threshold = effect === 'rollback' ? 'no HTTP 2xx (2xx requests rollback)' : 'HTTP 2xx';
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
      const response = await postWebhook(this.config.url, payload, {
        timeoutMs: this.timeoutMs,
        retries: this.config.retries,
        signal: context.signal,
      });
      const ok = response.status >= 200 && response.status < 300;
      const verdict = verdictFor(effect, ok);
      const excerpt = ok ? '' : bodyExcerpt(response.body);
      measurement = {
        verdict,
        value: response.status,
        message: maskSecrets(`${target} answered HTTP ${response.status}${describe(effect, ok)}${excerpt}`),
        at: at(),
      };
    } catch (error) {
      context.signal.throwIfAborted();
      const reason = isTimeout(error) ? `timed out after ${this.config.timeout}` : errorMessage(error);
      // Unreachable never passes: a gate fails, a confirmation keeps waiting, a rollback hook can't be read.
      const verdict: Verdict = effect === 'gate' || effect === 'notify' ? 'fail' : 'inconclusive';
      measurement = { verdict, value: 'error', message: maskSecrets(`${target} ${reason}`), at: at() };
    }
    context.progress(`${this.name}: ${measurement.message}`);
    return {
      gate: this.name,
      kind: this.kind,
      verdict: measurement.verdict,
      value: measurement.value,
      threshold,
      message: measurement.message,
      measurements: [measurement],
    };
  }
}

function verdictFor(effect: WebhookFiring['effect'], ok: boolean): Verdict {
  if (effect === 'rollback') return ok ? 'fail' : 'pass';
  if (effect === 'wait') return ok ? 'pass' : 'inconclusive';
  return ok ? 'pass' : 'fail';
}

function describe(effect: WebhookFiring['effect'], ok: boolean): string {
  if (effect === 'rollback') return ok ? ': rollback requested' : ': no rollback requested';
  if (effect === 'wait' && !ok) return ': not confirmed yet';
  return '';
}

function bodyExcerpt(body: string): string {
  const text = body.trim().replace(/\s+/g, ' ');
  if (text === '') return '';
  return `: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`;
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'TimeoutError';
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `unreachable: ${error.message}${cause}`;
}
