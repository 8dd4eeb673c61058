import { z } from 'zod';
import { durationSchema } from '../schema-fields.js';

// Argo Rollouts' analysis objects as gitcanary reads them: the `analysis:` of a canary step or of
// `strategy.canary` (RolloutAnalysis), and AnalysisTemplate / ClusterAnalysisTemplate manifests
// (argoproj.io/v1alpha1, manifests/crds/analysis-template-crd.yaml). Templates are loose objects:
// fields gitcanary does not act on are kept out of the way, never rejected, except the providers
// it cannot run, which are refused by name when the template is loaded.

/** `{ templateName, clusterScope? }`: one template an analysis references. */
export const templateRefSchema = z.strictObject({
  templateName: z.string().min(1),
  clusterScope: z.boolean().optional().describe('A ClusterAnalysisTemplate instead of an AnalysisTemplate.'),
});

/** An argument: a value, or `valueFrom` a field of the Rollout (fieldRef) or a secret (secretKeyRef). */
export const analysisArgSchema = z.strictObject({
  name: z.string().min(1),
  // A string in the CRD; Argo's own docs write `value: 9090`, so numbers and booleans are taken as text.
  value: z.union([z.string(), z.number(), z.boolean()]).optional(),
  valueFrom: z
    .strictObject({
      fieldRef: z.strictObject({ fieldPath: z.string().min(1) }).optional(),
      secretKeyRef: z.strictObject({ name: z.string().min(1), key: z.string().min(1) }).optional(),
      podTemplateHashValue: z.enum(['Stable', 'Latest']).optional(),
    })
    .optional(),
});

export const dryRunSchema = z.strictObject({
  metricName: z.string().min(1).describe('Metric name, or a regular expression such as `.*`.'),
});

export const measurementRetentionSchema = z.strictObject({
  metricName: z.string().min(1),
  limit: z.number().int().nonnegative(),
});

/** What a step's (or the background) `analysis:` says, as Argo Rollouts' RolloutAnalysis. */
export const rolloutAnalysisFields = {
  templates: z.array(templateRefSchema).min(1).describe('AnalysisTemplates read from the repository.'),
  args: z.array(analysisArgSchema).optional(),
  dryRun: z.array(dryRunSchema).optional(),
  measurementRetention: z.array(measurementRetentionSchema).optional(),
  analysisRunMetadata: z
    .strictObject({
      labels: z.record(z.string(), z.string()).optional(),
      annotations: z.record(z.string(), z.string()).optional(),
    })
    .optional()
    .describe('Accepted for pasting; gitcanary creates no AnalysisRun object.'),
};

/** The Rollout whose fields `valueFrom.fieldRef` reads. */
export const fieldRefObjectSchema = z.strictObject({
  file: z.string().min(1),
  kind: z.string().min(1),
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
});

/** The `argoAnalysis` gate: AnalysisTemplates from the repository, evaluated as one AnalysisRun. */
export const argoAnalysisConfigSchema = z.strictObject({
  ...rolloutAnalysisFields,
  path: z
    .string()
    .min(1)
    .default('.')
    .describe('Folder of the repository searched for the templates (default: all of it).'),
  fieldRefObject: fieldRefObjectSchema
    .optional()
    .describe('Where `valueFrom.fieldRef` reads from (the Rollout of spec.workload by default).'),
  runFor: durationSchema
    .optional()
    .describe('Background analysis: measure for this long (a pause), metrics without count until then.'),
});

export type TemplateRef = z.infer<typeof templateRefSchema>;
export type AnalysisArg = z.infer<typeof analysisArgSchema>;
export type ArgoAnalysisConfig = z.infer<typeof argoAnalysisConfigSchema>;
export type ArgoAnalysisConfigInput = z.input<typeof argoAnalysisConfigSchema>;
export type FieldRefObject = z.infer<typeof fieldRefObjectSchema>;

/** Kubernetes IntOrString: `3` or `"3"` (after args are resolved, `"{{args.count}}"` becomes `"3"`). */
const intOrString = z.union([z.number().int(), z.string().regex(/^-?\d+$/, 'expected a whole number')]);

const headerListSchema = z.array(z.looseObject({ key: z.string().min(1), value: z.string() }));

export const prometheusProviderSchema = z.looseObject({
  address: z.string().optional(),
  query: z.string().min(1),
  timeout: z.number().int().nonnegative().optional().describe('Seconds (Argo: default 30).'),
  insecure: z.boolean().optional(),
  headers: headerListSchema.optional(),
  authentication: z.unknown().optional(),
});

export const webProviderSchema = z.looseObject({
  url: z.string().min(1),
  method: z.enum(['GET', 'POST', 'PUT']).optional(),
  headers: headerListSchema.optional(),
  body: z.string().optional(),
  jsonBody: z.unknown().optional(),
  timeoutSeconds: z.number().int().optional(),
  jsonPath: z.string().optional(),
  insecure: z.boolean().optional(),
});

export const metricSchema = z.looseObject({
  name: z.string().min(1),
  interval: z.string().optional(),
  initialDelay: z.string().optional(),
  count: intOrString.optional(),
  successCondition: z.string().optional(),
  failureCondition: z.string().optional(),
  failureLimit: intOrString.optional(),
  inconclusiveLimit: intOrString.optional(),
  consecutiveErrorLimit: intOrString.optional(),
  consecutiveSuccessLimit: intOrString.optional(),
  provider: z.record(z.string(), z.unknown()),
});

export const analysisTemplateSchema = z.looseObject({
  apiVersion: z.literal('argoproj.io/v1alpha1'),
  kind: z.enum(['AnalysisTemplate', 'ClusterAnalysisTemplate']),
  metadata: z.looseObject({ name: z.string().min(1), namespace: z.string().optional() }),
  spec: z.looseObject({
    args: z.array(analysisArgSchema).optional(),
    metrics: z.array(z.unknown()).min(1),
    dryRun: z.array(dryRunSchema).optional(),
    measurementRetention: z.array(measurementRetentionSchema).optional(),
  }),
});

export type Metric = z.infer<typeof metricSchema>;
export type PrometheusProvider = z.infer<typeof prometheusProviderSchema>;
export type WebProvider = z.infer<typeof webProviderSchema>;
export type AnalysisTemplate = z.infer<typeof analysisTemplateSchema>;
