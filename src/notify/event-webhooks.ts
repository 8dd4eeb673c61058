import { parseDuration } from '../gates/duration.js';
import type { WebhookConfig } from '../gates/schemas.js';
import {
  callWebhook,
  eventPayload,
  flaggerAccepts,
  type WebhookCallOptions,
  type WebhookSubject,
} from '../gates/webhook.js';
import type { ReleaseEvent } from '../report/events.js';

// Flagger's `event` webhooks: every event Flagger records (recordEventInfof / recordEventWarningf
// in pkg/controller/events.go) is POSTed to each event webhook by sendEventToWebhook, with
// CallEventWebhook's payload (pkg/controller/webhook.go). Here the release's own events play
// that part; a webhook that fails is reported and the release goes on.

export interface EventWebhook {
  name: string;
  config: WebhookConfig;
}

/** A release event as Flagger would record it: message, Normal/Warning, and the canary phase. */
export interface FlaggerEvent {
  message: string;
  eventType: 'Normal' | 'Warning';
  phase: string;
}

/** Keeps the phase and candidate across events and turns each event into Flagger's words. */
export class FlaggerEventMapper {
  #phase = 'Progressing';
  #image: string | undefined;
  #commit = '';

  constructor(
    readonly release: string,
    readonly namespace: string,
  ) {}

  /** The subject of the payload: release, namespace, phase and candidate (for the checksum). */
  subject(phase: string): WebhookSubject {
    return {
      releaseName: this.release,
      namespace: this.namespace,
      phase,
      canaryImage: this.#image,
      commit: this.#commit,
    };
  }

  map(event: ReleaseEvent): FlaggerEvent | undefined {
    const target = `${this.release}.${this.namespace}`;
    const normal = (message: string): FlaggerEvent => ({ message, eventType: 'Normal', phase: this.#phase });
    const warning = (message: string): FlaggerEvent => ({
      message,
      eventType: 'Warning',
      phase: this.#phase,
    });
    switch (event.type) {
      case 'release':
        this.#image = event.image;
        if (event.action === 'resume') return undefined;
        this.#phase = 'Progressing';
        return normal(`New revision detected! Starting canary analysis of ${event.image} for ${target}`);
      case 'commit': {
        this.#commit = event.sha;
        const sha = event.sha.slice(0, 7);
        if (event.action === 'rollback' || event.action === 'abort') {
          this.#phase = 'Failed';
          return warning(
            `Canary failed! Rolled back ${target} (${event.action === 'abort' ? 'aborted' : 'gate failed'}), commit ${sha}`,
          );
        }
        if (event.action === 'promote') {
          this.#phase = 'Promoting';
          return normal(
            `Copying ${this.#image ?? 'the canary image'} to the stable workload of ${target}, commit ${sha}`,
          );
        }
        if (event.action === 'start' || event.action === 'supersede' || event.action === 'finish')
          return undefined;
        this.#phase = 'Progressing';
        return normal(`Advance ${target} canary weight ${event.weight}, commit ${sha}`);
      }
      case 'gate': {
        const { gate, kind, verdict, message } = event.result;
        if (verdict === 'pass') return normal(`${kind} check ${gate} passed`);
        return warning(
          `Halt ${target} advancement ${kind} check ${gate} ${verdict === 'fail' ? 'failed' : 'inconclusive'}: ${message}`,
        );
      }
      case 'wait':
        if (event.reason.startsWith('confirmation')) {
          this.#phase = 'Waiting';
          return warning(`Halt ${target} advancement waiting for approval (${event.reason})`);
        }
        return undefined;
      case 'done':
        if (event.outcome === 'promoted') {
          this.#phase = 'Succeeded';
          return normal(`Promotion completed! ${this.#image ?? 'The canary'} is stable on ${target}`);
        }
        if (event.outcome === 'paused') {
          this.#phase = 'Waiting';
          return warning(`Halt ${target} advancement: ${event.message}`);
        }
        return undefined;
      default:
        return undefined;
    }
  }
}

/** POSTs one event to one event webhook with the webhook's timeout, retries and TLS setting. */
export async function sendEvent(
  hook: EventWebhook,
  mapper: FlaggerEventMapper,
  event: FlaggerEvent,
  options: { signal: AbortSignal; now?: Date; backoff?: WebhookCallOptions['backoff'] },
): Promise<{ ok: boolean; message: string }> {
  const payload = eventPayload(
    mapper.subject(event.phase),
    hook.config.metadata,
    event.message,
    event.eventType,
    options.now,
  );
  const answer = await callWebhook(hook.config.url, payload, {
    timeoutMs: parseDuration(hook.config.timeout, `${hook.name}.timeout`),
    retries: hook.config.retries,
    disableTLS: hook.config.disableTLS,
    signal: options.signal,
    backoff: options.backoff,
  });
  const ok = flaggerAccepts(answer.status);
  const body = answer.body.trim().slice(0, 200);
  return { ok, message: `HTTP ${answer.status}${ok || body === '' ? '' : `: ${body}`}` };
}
