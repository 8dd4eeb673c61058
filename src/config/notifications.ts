import { z } from 'zod';
import { durationSchema } from '../gates/schemas.js';

// Where a release tells people what happens: chat providers (Slack, Microsoft Teams, Discord,
// Google Chat, Rocket.Chat) and a generic JSON webhook, subscribed by trigger (`spec.notifications`)
// or by Flagger's `analysis.alerts` with a severity. Provider URLs are secrets: they come from the
// environment or a file, never from the config, and are masked in all output.

/** What a notification is about, in the order a release meets them. */
export const NOTIFICATION_TRIGGERS = [
  'started',
  'step-committed',
  'paused',
  'analysis-failed',
  'rolled-back',
  'promoted',
] as const;
export const notificationTriggerSchema = z.enum(NOTIFICATION_TRIGGERS);

/** Flagger's AlertProvider types (`gchat` also as `googlechat`) and a generic JSON webhook. */
export const providerTypeSchema = z.enum([
  'slack',
  'msteams',
  'discord',
  'gchat',
  'googlechat',
  'rocket',
  'webhook',
]);

export const notificationProviderSchema = z
  .strictObject({
    type: providerTypeSchema,
    urlEnv: z.string().min(1).optional().describe('Environment variable holding the webhook URL.'),
    urlFile: z
      .string()
      .min(1)
      .optional()
      .describe('File holding the webhook URL (a mounted secret); relative to this file.'),
    address: z
      .string()
      .optional()
      .describe('Not accepted: a webhook URL is a secret and does not belong in Git; use urlEnv or urlFile.'),
    channel: z.string().min(1).optional().describe('Slack / Rocket.Chat channel (legacy webhooks).'),
    username: z.string().min(1).optional().describe('Bot name shown (Slack, Discord, Rocket.Chat).'),
    format: z
      .enum(['messageCard', 'adaptiveCard'])
      .optional()
      .describe(
        'Microsoft Teams: messageCard for connector webhooks (default, as Flagger), adaptiveCard for Workflows webhooks.',
      ),
    timeout: durationSchema.optional().describe('Time one post may take (default 5s, as Flagger).'),
  })
  .superRefine((provider, ctx) => {
    if (provider.address !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: 'a webhook URL is a secret: put it in an environment variable (urlEnv) or a file (urlFile)',
      });
    } else if ((provider.urlEnv === undefined) === (provider.urlFile === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'set exactly one of urlEnv or urlFile' });
    }
    if (provider.format !== undefined && provider.type !== 'msteams') {
      ctx.addIssue({ code: 'custom', path: ['format'], message: 'format applies to msteams providers only' });
    }
  });

/** A provider by name (`spec.notifications.providers`) or inline. */
const providerUseSchema = z.union([z.string().min(1), notificationProviderSchema]);

export const notificationsSchema = z
  .strictObject({
    providers: z
      .record(z.string().min(1), notificationProviderSchema)
      .default({})
      .describe('Providers by name, used by triggers and by analysis.alerts providerRef.'),
    triggers: z
      .array(
        z.strictObject({
          on: z.array(notificationTriggerSchema).min(1).describe('Triggers that send to this provider.'),
          provider: providerUseSchema.describe('A provider name from providers, or a provider inline.'),
        }),
      )
      .default([]),
    commitUrl: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Link to a commit, a template over {{sha}}; derived from spec.git.repo for GitHub and GitLab when unset.',
      ),
  })
  .describe('Chat and webhook notifications (Argo Rollouts-style triggers).');

/** Flagger's `analysis.alerts[]` (flagger.app/v1beta1 CanaryAlert); the provider by name or inline. */
export const flaggerAlertSchema = z
  .strictObject({
    name: z.string().min(1),
    severity: z
      .enum(['', 'info', 'warn', 'error'])
      .optional()
      .describe('info: every alert; warn: warnings and errors; error: errors only (default info).'),
    providerRef: z
      .strictObject({
        name: z.string().min(1).describe('A provider in spec.notifications.providers.'),
        namespace: z
          .string()
          .optional()
          .describe("Accepted for Flagger's sake; providers are not namespaced here."),
      })
      .optional(),
    provider: notificationProviderSchema.optional().describe('The provider inline, instead of providerRef.'),
  })
  .refine((alert) => (alert.providerRef === undefined) !== (alert.provider === undefined), {
    message: 'set exactly one of providerRef or provider',
  });

export type NotificationTrigger = z.infer<typeof notificationTriggerSchema>;
export type NotificationProvider = z.infer<typeof notificationProviderSchema>;
export type NotificationsConfig = z.infer<typeof notificationsSchema>;
export type FlaggerAlert = z.infer<typeof flaggerAlertSchema>;

/** Provider names used by triggers and alerts that `providers` does not define. */
export function notificationIssues(
  notifications: NotificationsConfig | undefined,
  alerts: readonly FlaggerAlert[] | undefined,
): { path: (string | number)[]; message: string }[] {
  const defined = Object.keys(notifications?.providers ?? {});
  const unknown = (name: string) =>
    `provider \`${name}\` is not defined in spec.notifications.providers; defined: ${defined.join(', ') || '(none)'}`;
  const issues: { path: (string | number)[]; message: string }[] = [];
  notifications?.triggers.forEach((trigger, index) => {
    if (typeof trigger.provider === 'string' && !defined.includes(trigger.provider)) {
      issues.push({
        path: ['spec', 'notifications', 'triggers', index, 'provider'],
        message: unknown(trigger.provider),
      });
    }
  });
  alerts?.forEach((alert, index) => {
    if (alert.providerRef !== undefined && !defined.includes(alert.providerRef.name)) {
      issues.push({
        path: ['spec', 'analysis', 'alerts', index, 'providerRef', 'name'],
        message: unknown(alert.providerRef.name),
      });
    }
  });
  return issues;
}
