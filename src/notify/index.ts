import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadedConfig } from '../config/index.js';
import type { FlaggerAlert, NotificationProvider } from '../config/notifications.js';
import { GitcanaryError } from '../errors.js';
import { parseDuration } from '../gates/duration.js';
import type { GateConfig } from '../gates/schemas.js';
import { webhookFiresAt } from '../gates/webhook.js';
import type { Reporter } from '../report/events.js';
import { registerSecret, secretFromEnv } from '../report/secrets.js';
import { commitLinker } from './links.js';
import { alertWants, type GateTraits } from './notices.js';
import {
  NotifyingReporter,
  type ReleaseSnapshot,
  type ResolvedProvider,
  type Subscription,
} from './reporter.js';
import { eventWebhooksOf, notifiesAnything, parsedGates } from './wanted.js';

export { FlaggerEventMapper } from './event-webhooks.js';
export { alertWants, NoticeTracker, type ReleaseNotice, type Severity } from './notices.js';
export { buildPayload, type MessageView } from './providers.js';
export { messageView, NotifyingReporter, type ReleaseSnapshot } from './reporter.js';
export { notifiesAnything } from './wanted.js';

/** Flagger's notifier timeout (pkg/notifier/client.go postMessage: 5s). */
const DEFAULT_PROVIDER_TIMEOUT = '5s';

export interface NotifierSetup {
  /** Release gates by name (spec.gates and those the Flagger block expands to). */
  gates: Record<string, unknown>;
  /** Where the release stands in Git, for notices without a commit in this process. */
  snapshot?: () => Promise<ReleaseSnapshot | undefined>;
  /**
   * A provider URL that cannot be read is bad input (exit 2, nothing written) when strict; else it
   * is reported and that provider skipped (`abort` must not depend on a chat webhook).
   */
  strict: boolean;
  /** Web page of the CI job running the release (ReleaseInput.jobUrl), linked from every message. */
  jobUrl?: string | undefined;
}

/**
 * The CLI's reporter wrapped with notifications and event webhooks, or unchanged when the config
 * has none.
 */
export function withNotifications(base: Reporter, loaded: LoadedConfig, setup: NotifierSetup): Reporter {
  const { config } = loaded;
  const notifications = config.spec.notifications;
  const alerts = config.spec.analysis?.alerts ?? [];
  if (!notifiesAnything(config, setup.gates)) return base;
  const gates = parsedGates(setup.gates);
  const eventWebhooks = eventWebhooksOf(gates);
  const triggers = notifications?.triggers ?? [];

  const unreadable: string[] = [];
  const resolve = (provider: NotificationProvider, field: string): ResolvedProvider | undefined => {
    const url = readProviderUrl(provider, field, loaded.dir, setup.strict);
    if (url === undefined) {
      unreadable.push(field);
      return undefined;
    }
    return {
      config: provider,
      url,
      timeoutMs: parseDuration(provider.timeout ?? DEFAULT_PROVIDER_TIMEOUT, `${field}.timeout`),
    };
  };
  const named = (name: string) => notifications?.providers[name];
  const subscriptions: Subscription[] = [];
  triggers.forEach((trigger, index) => {
    const field = `spec.notifications.triggers[${index}].provider`;
    const provider = typeof trigger.provider === 'string' ? named(trigger.provider) : trigger.provider;
    const resolved =
      provider &&
      resolve(
        provider,
        typeof trigger.provider === 'string' ? `spec.notifications.providers.${trigger.provider}` : field,
      );
    if (!resolved) return;
    subscriptions.push({
      label: `${typeof trigger.provider === 'string' ? trigger.provider : `trigger ${index}`} (${resolved.config.type})`,
      provider: resolved,
      wants: (notice) => !notice.muted && trigger.on.includes(notice.trigger),
    });
  });
  alerts.forEach((alert: FlaggerAlert, index) => {
    const provider = alert.provider ?? (alert.providerRef ? named(alert.providerRef.name) : undefined);
    const field = alert.provider
      ? `spec.analysis.alerts[${index}].provider`
      : `spec.notifications.providers.${alert.providerRef?.name}`;
    const resolved = provider && resolve(provider, field);
    if (!resolved) return;
    subscriptions.push({
      label: `alert ${alert.name} (${resolved.config.type})`,
      provider: resolved,
      // Flagger alerts at its alert() points only, filtered by severity; muteAlert silences a webhook's.
      wants: (notice) => notice.alert && !notice.muted && alertWants(alert.severity, notice.severity),
    });
  });

  const reporter = new NotifyingReporter(base, {
    release: config.metadata.name,
    namespace: config.metadata.namespace,
    eventWebhooks,
    subscriptions,
    gateTraits: (name) => gateTraits(gates, name),
    commitLink: commitLinker(config.spec.git.repo, notifications?.commitUrl),
    jobUrl: setup.jobUrl,
    snapshot: setup.snapshot,
  });
  for (const field of new Set(unreadable)) {
    base.event({
      type: 'notification',
      target: field,
      about: 'setup',
      delivered: false,
      message: 'its webhook URL could not be read; nothing is sent to it',
    });
  }
  return reporter;
}

/** The provider's URL, registered with the secret mask. */
function readProviderUrl(
  provider: NotificationProvider,
  field: string,
  dir: string,
  strict: boolean,
): string | undefined {
  let url: string | undefined;
  let where: string;
  if (provider.urlEnv !== undefined) {
    where = `environment variable ${provider.urlEnv}`;
    url = secretFromEnv(provider.urlEnv)?.trim();
  } else {
    const file = path.resolve(dir, provider.urlFile ?? '');
    where = `file ${provider.urlFile}`;
    try {
      url = readFileSync(file, 'utf8').trim();
      registerSecret(url);
    } catch {
      url = undefined;
    }
  }
  if (url !== undefined && url !== '' && URL.canParse(url) && /^https?:/i.test(url)) return url;
  if (!strict) return undefined;
  throw new GitcanaryError('CONFIG_INVALID', `no http(s) webhook URL in ${where}`, {
    field: `${field}.${provider.urlEnv !== undefined ? 'urlEnv' : 'urlFile'}`,
    hint: `set ${where} to the ${provider.type} webhook URL; nothing was committed`,
  });
}

function gateTraits(gates: Record<string, GateConfig>, name: string): GateTraits | undefined {
  const gate = gates[name];
  if (gate === undefined) return undefined;
  if ('webhook' in gate)
    return { effect: webhookFiresAt[gate.webhook.type].effect, muteAlert: gate.webhook.muteAlert };
  return { effect: 'decide', muteAlert: false };
}
