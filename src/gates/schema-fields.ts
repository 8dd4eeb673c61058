import { z } from 'zod';
import { httpHeaderName, httpHeaderValue } from '../config/validators.js';
import { isDuration } from './duration.js';

// Schema pieces several gate kinds share. Apart from schemas.ts so that a gate keeping its schema
// in its own folder (judge/) can use them without an import cycle through the gate union.

/** `30s`, `5m`, `1h30m`, `500ms`, or a number of seconds. */
export const durationSchema = z
  .union([z.string(), z.number().nonnegative()])
  .refine(isDuration, { message: 'expected a duration like 30s, 5m, 1h or a number of seconds' })
  .meta({ description: 'Duration: a number of seconds or a string like 30s, 5m, 1h30m.' });

export const stringMap = z.record(z.string(), z.string());
/** HTTP headers: names are tokens, values one line (no header injection). */
export const headerMap = z.record(httpHeaderName, httpHeaderValue);
/** `name` or `namespace/name` of a Kubernetes object. */
export const objectRef = z
  .string()
  .regex(
    /^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    'name or namespace/name of a Kubernetes object (DNS-1123)',
  );

/** Repetition and tolerance shared by measured gates, named as in Argo Rollouts' analysis. */
export const measurementFields = {
  interval: durationSchema.default('1m').describe('Time between measurements.'),
  count: z.number().int().positive().default(1).describe('Number of measurements.'),
  failureLimit: z.number().int().nonnegative().default(0).describe('Failed measurements tolerated.'),
  inconclusiveLimit: z
    .number()
    .int()
    .nonnegative()
    .default(0)
    .describe('Inconclusive measurements (no data) tolerated.'),
  consecutiveErrorLimit: z
    .number()
    .int()
    .nonnegative()
    .default(4)
    .describe('Consecutive errors (query failed, server down) tolerated before the gate fails.'),
};
