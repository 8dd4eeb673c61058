import { z } from 'zod';

// Flagger's `analysis.alerts` (Canary CRD: name, severity, providerRef). Accepted here so a Canary's
// analysis block pastes unchanged; sending them is the notifications' job, which owns this schema
// and may replace it whole.

export const flaggerAlertSchema = z.strictObject({
  name: z.string().min(1).describe('Name of this alert.'),
  severity: z
    .enum(['', 'info', 'warn', 'error'])
    .optional()
    .describe('Least severity sent: info (default), warn or error.'),
  providerRef: z
    .strictObject({ name: z.string().min(1), namespace: z.string().optional() })
    .describe('Alert provider reference.'),
});

export const flaggerAlertsSchema = z
  .array(flaggerAlertSchema)
  .describe("Flagger's alerts for this analysis.");

export type FlaggerAlert = z.infer<typeof flaggerAlertSchema>;
