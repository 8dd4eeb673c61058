import type { ReleaseConfig } from '../config/schema.js';
import { type GateConfig, gateConfigSchema } from '../gates/schemas.js';
import type { EventWebhook } from './event-webhooks.js';

// Whether a release notifies anything, decided from its config alone: the CLI loads the notifier
// (providers, payloads, event webhooks) only then, and withNotifications wraps the reporter only
// then. Kept apart from ./index.js so that decision loads none of it.

/** Release gates by the name they report under, those that parse (spec.gates and the Flagger block's). */
export function parsedGates(gates: Record<string, unknown>): Record<string, GateConfig> {
  return Object.fromEntries(
    Object.entries(gates).flatMap(([name, gate]) => {
      const parsed = gateConfigSchema.safeParse(gate);
      return parsed.success ? [[parsed.data.name ?? name, parsed.data] as const] : [];
    }),
  );
}

/** Flagger's `event` webhooks among the gates: posted every event, never evaluated as gates. */
export function eventWebhooksOf(gates: Record<string, GateConfig>): EventWebhook[] {
  return Object.entries(gates).flatMap(([name, gate]) =>
    'webhook' in gate && gate.webhook.type === 'event' ? [{ name, config: gate.webhook }] : [],
  );
}

/** Whether the release sends anything: notification triggers, Flagger alerts or event webhooks. */
export function notifiesAnything(config: ReleaseConfig, gates: Record<string, unknown>): boolean {
  return (
    (config.spec.notifications?.triggers ?? []).length > 0 ||
    (config.spec.analysis?.alerts ?? []).length > 0 ||
    eventWebhooksOf(parsedGates(gates)).length > 0
  );
}
