import { z } from 'zod';
import { rolloutAnalysisFields } from '../gates/argo-analysis/schema.js';
import { durationSchema } from '../gates/schemas.js';
import { dns1123Subdomain, httpHeaderName, httpHeaderValue, regexPattern } from './validators.js';

// Canary steps with Argo Rollouts' names and fields (Rollout CRD `spec.strategy.canary.steps[]`),
// plus gitcanary's `analysis: { gates }` and `promote: {}`. Users paste their Rollout steps as-is.

const weightSchema = z
  .number()
  .int()
  .min(0, 'weight must be between 0 and 100')
  .max(100, 'weight must be between 0 and 100');

/** Argo Rollouts' StringMatch: exactly one of exact, prefix, regex. */
export const stringMatchSchema = z
  .strictObject({
    exact: httpHeaderValue.optional(),
    prefix: httpHeaderValue.optional(),
    regex: regexPattern.optional(),
  })
  .refine((match) => Object.values(match).filter((value) => value !== undefined).length === 1, {
    message: 'set exactly one of exact, prefix or regex',
  });

export const headerMatchSchema = z.strictObject({
  headerName: httpHeaderName,
  headerValue: stringMatchSchema,
});

export const mirrorMatchSchema = z.strictObject({
  method: stringMatchSchema.optional(),
  path: stringMatchSchema.optional(),
  headers: z.record(httpHeaderName, stringMatchSchema).optional(),
});

export const pauseSchema = z
  .strictObject({
    duration: durationSchema
      .optional()
      .describe(
        'How long to wait; omit to wait until `gitcanary promote` (Argo Rollouts: int seconds or "30s").',
      ),
  })
  .describe('Wait a duration, or indefinitely until promoted.');

export const canaryScaleSchema = z
  .strictObject({
    replicas: z.number().int().nonnegative().optional(),
    weight: weightSchema.optional(),
    matchTrafficWeight: z.boolean().optional(),
  })
  .refine((scale) => Object.values(scale).filter((value) => value !== undefined).length === 1, {
    message: 'set exactly one of replicas, weight or matchTrafficWeight',
  })
  .describe('Scale the canary without changing traffic weight.');

export const headerRouteSchema = z
  .strictObject({
    name: dns1123Subdomain.describe('Managed route name; routers name a resource after it.'),
    match: z.array(headerMatchSchema).optional().describe('All must match; omit to remove the route.'),
  })
  .describe('Send requests whose headers match to the canary only.');

export const mirrorRouteSchema = z
  .strictObject({
    name: dns1123Subdomain.describe('Managed route name; routers name a resource after it.'),
    percentage: weightSchema.optional().describe('Percent of matching requests mirrored (default 100).'),
    match: z.array(mirrorMatchSchema).optional().describe('Any may match; omit to remove the route.'),
  })
  .describe('Mirror matching requests to the canary.');

export const gatesAnalysisSchema = z
  .strictObject({
    gates: z.array(z.string().min(1)).min(1).describe('Names of gates in spec.gates, evaluated in order.'),
  })
  .describe('Evaluate gates; a failing gate rolls the release back.');

/** Argo Rollouts' own form: AnalysisTemplates read from the GitOps repository, evaluated as Argo does. */
export const templatesAnalysisSchema = z
  .strictObject(rolloutAnalysisFields)
  .describe("Argo Rollouts' analysis step: AnalysisTemplates from the repository, with args.");

export const analysisStepSchema = z.union([gatesAnalysisSchema, templatesAnalysisSchema], {
  error: () =>
    'an analysis step lists `gates:` (names in spec.gates) or `templates:` (Argo AnalysisTemplates in the repository)',
});

/** Every step kind, each optional: a step sets exactly one of them. */
const stepShape = {
  setWeight: weightSchema.optional().describe('Percent of traffic to the canary, 0–100.'),
  pause: pauseSchema.optional(),
  setCanaryScale: canaryScaleSchema.optional(),
  setHeaderRoute: headerRouteSchema.optional(),
  setMirrorRoute: mirrorRouteSchema.optional(),
  analysis: analysisStepSchema.optional(),
  promote: z.strictObject({}).optional().describe('Promote: the stable workload gets the candidate.'),
};

export const STEP_KINDS = Object.keys(stepShape) as (keyof typeof stepShape)[];

const stepObjectSchema = z
  .strictObject(stepShape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown step ${issue.keys.map((key) => `\`${key}\``).join(', ')}; known: ${STEP_KINDS.join(', ')}`
        : undefined,
  })
  .refine((step) => Object.values(step).filter((value) => value !== undefined).length === 1, {
    message: `a step sets exactly one of ${STEP_KINDS.join(', ')}`,
  })
  .meta({ minProperties: 1, maxProperties: 1 });

type StepFields = z.infer<typeof stepObjectSchema>;

/** Turns `{ a?: A; b?: B }` into `{ a: A } | { b: B }`: the one-key form a validated step has. */
type OneKeyOf<T> = { [K in keyof T]-?: { [P in K]-?: Exclude<T[P], undefined> } }[keyof T];

/** A step as the config writes it: an analysis lists gates or AnalysisTemplates. */
export type ConfigStep = OneKeyOf<StepFields>;
export type StepInput = OneKeyOf<z.input<typeof stepObjectSchema>>;
export type GatesAnalysis = z.infer<typeof gatesAnalysisSchema>;
export type TemplatesAnalysis = z.infer<typeof templatesAnalysisSchema>;
/** A planned step: every analysis names gates (the plan turns AnalysisTemplates into a gate). */
export type Step = Exclude<ConfigStep, { analysis: unknown }> | { analysis: GatesAnalysis };

/** One canary step: exactly one step key (the refine guarantees the one-key union type). */
export const stepSchema = stepObjectSchema as unknown as z.ZodType<ConfigStep, StepInput>;
export type StepKind = keyof StepFields;

/** True for Argo Rollouts' templates form of an analysis step. */
export function isTemplatesAnalysis(
  analysis: GatesAnalysis | TemplatesAnalysis,
): analysis is TemplatesAnalysis {
  return 'templates' in analysis;
}
export type PauseStep = Extract<Step, { pause: unknown }>;
export type HeaderMatch = z.infer<typeof headerMatchSchema>;
export type StringMatch = z.infer<typeof stringMatchSchema>;
export type MirrorMatch = z.infer<typeof mirrorMatchSchema>;

/** The kind of a validated step (its only key). */
export function stepKind(step: ConfigStep): StepKind {
  return Object.keys(step)[0] as StepKind;
}

/** True when the step moves or routes traffic, so it needs a traffic router. */
export function routesTraffic(step: ConfigStep): boolean {
  return 'setWeight' in step || 'setHeaderRoute' in step || 'setMirrorRoute' in step;
}
