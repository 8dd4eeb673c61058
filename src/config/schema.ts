import { z } from 'zod';
import {
  argocdSyncSchema,
  durationSchema,
  fluxSyncSchema,
  type GateConfig,
  gateConfigSchema,
} from '../gates/schemas.js';
import { allTargets } from '../targets/registry.js';
import type { Target } from '../targets/types.js';
import { backgroundAnalysisSchema } from './argo-analysis.js';
import {
  expandFlaggerAnalysis,
  type FlaggerAnalysis,
  flaggerAnalysisSchema,
  flaggerIssues,
} from './flagger.js';
import { type NotificationsConfig, notificationIssues, notificationsSchema } from './notifications.js';
import { forgeSchema, promotionSchema } from './promotion.js';
import {
  baselineIssues,
  flaggerContext,
  metricTemplateIssues,
  routerStepIssues,
  trafficRouters,
} from './routers.js';
import { type ConfigStep, isTemplatesAnalysis, routesTraffic, stepSchema } from './steps.js';
import { dns1123Label, envVarName, gitBranchName, gitRepository, singleLine } from './validators.js';

// The release config (`gitcanary.yaml`): one zod schema gives the TypeScript types, the runtime
// validation and the published JSON Schema. Target blocks come from the target registry, so adding
// a router touches nothing here.

export const API_VERSION = 'gitcanary.dev/v1alpha1';
export const SCHEMA_ID = 'https://gitcanary.dev/schema/gitcanary.schema.json';

const exactlyOne = (value: object) =>
  Object.values(value).filter((field) => field !== undefined).length === 1;
const listKeys = (keys: readonly string[]) => (keys.length === 0 ? '(none registered)' : keys.join(', '));

/** `{ <targetKey>: <its config> }` over one family's targets; `exact` = exactly one key, else at least one. */
function targetBlockSchema(family: Target['family'], targets: readonly Target[], exact: boolean) {
  const keys = targets.map((target) => target.key);
  const noun = family === 'workload' ? 'workload target' : 'traffic router';
  const shape = Object.fromEntries(
    targets.map((target) => [target.key, target.configSchema.optional()] as const),
  ) as Record<string, z.ZodOptional<z.ZodType<unknown>>>;
  return z
    .strictObject(shape, {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown ${noun} ${issue.keys.map((key) => `\`${key}\``).join(', ')}; known: ${listKeys(keys)}`
          : undefined,
    })
    .refine(
      (block) => (exact ? exactlyOne(block) : Object.values(block).some((field) => field !== undefined)),
      {
        message: `${exact ? 'set exactly one' : 'set at least one'} ${noun}: ${listKeys(keys)}`,
      },
    )
    .meta(exact ? { minProperties: 1, maxProperties: 1 } : { minProperties: 1 });
}

export const metadataSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
      'a name is lowercase letters, digits and dashes (DNS-1123 label)',
    )
    .max(63)
    .describe('Release name: in commit trailers, reports and gate templates.'),
  namespace: dns1123Label.default('default').describe('Namespace for gate templates and webhook payloads.'),
});

export const signingSchema = z
  .strictObject({
    format: z
      .enum(['ssh', 'openpgp', 'x509'])
      .default('ssh')
      .describe("git's gpg.format: ssh (ssh-keygen), openpgp (gpg) or x509 (gpgsm)."),
    key: singleLine
      .min(1)
      .optional()
      .describe(
        "git's user.signingkey: an ssh key file (or key::<public key> with an agent), or a gpg key id.",
      ),
    keyEnv: envVarName
      .optional()
      .describe(
        'Environment variable holding the key (a path or id as for key), or an ssh private key itself.',
      ),
  })
  .refine((signing) => (signing.key === undefined) !== (signing.keyEnv === undefined), {
    message: 'set exactly one of key or keyEnv',
  })
  .describe('Sign every commit, as git does with commit.gpgsign.');

export const gitSchema = z.strictObject({
  repo: gitRepository.describe('GitOps repository: a URL, or a path relative to this file.'),
  branch: gitBranchName.default('main'),
  author: z
    .strictObject({ name: singleLine.min(1), email: z.email() })
    .optional()
    .describe('Commit author.'),
  tokenEnv: envVarName.optional().describe('Environment variable holding the push token, e.g. GITHUB_TOKEN.'),
  signing: signingSchema.optional(),
});

export const releaseSyncSchema = z
  .strictObject({
    argocd: argocdSyncSchema.optional(),
    flux: fluxSyncSchema.optional(),
    delay: durationSchema.optional().describe('Fixed wait, when no reconciler can be asked.'),
  })
  .refine(exactlyOne, { message: 'set exactly one of argocd, flux or delay' })
  .meta({ minProperties: 1, maxProperties: 1 })
  .describe('Waited after every commit: the reconciler applied that commit.');

export const optionsSchema = z.strictObject({
  // Flagger restarts the analysis when the target changes mid-release; superseding does the same.
  supersede: z.boolean().default(true).describe('A new candidate image restarts a release under way.'),
  maxPushAttempts: z.number().int().min(1).default(5).describe('Pushes tried when the branch moved.'),
});

/** The whole `gitcanary.yaml` schema over the given targets. */
export function releaseSchema(targets: readonly Target[]) {
  const workload = targets.filter((target) => target.family === 'workload');
  const traffic = targets.filter((target) => target.family === 'traffic');
  const specSchema = z
    .strictObject({
      git: gitSchema,
      workload: targetBlockSchema('workload', workload, false).describe('Where the candidate image goes.'),
      stable: targetBlockSchema('workload', workload, false)
        .optional()
        .describe('Where the image goes on promotion (Flagger-style primary).'),
      baseline: targetBlockSchema('workload', workload, false)
        .optional()
        .describe(
          "A fresh copy of stable for the judge to compare the canary with: the stable image at the canary's scale while a release runs, scaled to 0 after it.",
        ),
      traffic: z
        .array(targetBlockSchema('traffic', traffic, true))
        .default([])
        .describe('Traffic routers, each a single-key object.'),
      steps: z.array(stepSchema).min(1).optional().describe('Argo Rollouts canary steps.'),
      backgroundAnalysis: backgroundAnalysisSchema.optional(),
      analysis: flaggerAnalysisSchema.optional(),
      gates: z
        .record(z.string().min(1), gateConfigSchema)
        .default({})
        .describe('Gates by name, referenced from analysis steps.'),
      sync: releaseSyncSchema.optional(),
      notifications: notificationsSchema.optional(),
      promotion: promotionSchema.optional(),
      forge: forgeSchema.optional(),
      options: optionsSchema.default({ supersede: true, maxPushAttempts: 5 }),
    })
    // Editors learn the steps-xor-analysis rule too; the other cross-field checks run only at load.
    .meta({ oneOf: [{ required: ['steps'] }, { required: ['analysis'] }] });
  return z
    .strictObject({
      apiVersion: z.literal(API_VERSION),
      kind: z.literal('Release'),
      metadata: metadataSchema,
      spec: specSchema,
    })
    .superRefine((config, ctx) => {
      for (const issue of crossFieldIssues(config.spec, targets)) ctx.addIssue({ code: 'custom', ...issue });
    })
    .meta({
      $id: SCHEMA_ID,
      title: 'gitcanary release',
      description: 'A canary release driven through Git.',
    });
}

/** The schema over every registered target. */
export function defaultReleaseSchema() {
  return releaseSchema(allTargets());
}

export type ReleaseSchema = ReturnType<typeof releaseSchema>;
export type ReleaseConfig = z.infer<ReleaseSchema>;
/** As written by users, before defaults. */
export type ReleaseConfigInput = z.input<ReleaseSchema>;
export type ReleaseSpec = ReleaseConfig['spec'];
export type ReleaseMetadata = z.infer<typeof metadataSchema>;
export type GitConfig = z.infer<typeof gitSchema>;
export type ReleaseSync = z.infer<typeof releaseSyncSchema>;
export type ReleaseOptions = z.infer<typeof optionsSchema>;
/** `{ kustomization: {...} }`: target key → that target's config. */
export type TargetBlock = ReleaseSpec['workload'];

interface SpecForChecks {
  traffic: Record<string, unknown>[];
  stable?: Record<string, unknown> | undefined;
  baseline?: Record<string, unknown> | undefined;
  steps?: ConfigStep[] | undefined;
  backgroundAnalysis?: unknown;
  analysis?: FlaggerAnalysis | undefined;
  gates: Record<string, GateConfig>;
  notifications?: NotificationsConfig | undefined;
}

/**
 * Checks across fields: steps xor analysis, gate references, a router when traffic moves, and
 * steps or built-in metric templates the configured routers cannot express.
 */
function crossFieldIssues(
  spec: SpecForChecks,
  targets: readonly Target[],
): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const gateNames = Object.keys(spec.gates);
  const router = spec.traffic.map((block) => Object.keys(block)[0]).find((key) => key !== undefined);
  const routers = trafficRouters(spec.traffic, targets);
  const context = { ...flaggerContext(spec.traffic, targets), stable: spec.stable !== undefined };
  issues.push(...metricTemplateIssues(spec.gates, targets));
  if (spec.steps !== undefined) {
    issues.push(...routerStepIssues(spec.steps, routers, (index) => ['spec', 'steps', index]));
  }
  const hasBaseline = spec.baseline !== undefined;
  issues.push(
    ...baselineIssues(spec.traffic, targets, hasBaseline, spec.steps, (index) => ['spec', 'steps', index]),
  );
  if (spec.steps !== undefined && spec.analysis !== undefined) {
    issues.push({ path: ['spec', 'analysis'], message: 'set either steps or analysis, not both' });
  }
  if (spec.steps === undefined && spec.analysis === undefined) {
    issues.push({ path: ['spec'], message: 'set steps (Argo Rollouts) or analysis (Flagger)' });
  }
  if (spec.backgroundAnalysis !== undefined && spec.steps === undefined) {
    issues.push({
      path: ['spec', 'backgroundAnalysis'],
      message: 'background analysis runs alongside spec.steps; set steps',
    });
  }
  spec.steps?.forEach((step, index) => {
    if (!('analysis' in step) || isTemplatesAnalysis(step.analysis)) return;
    step.analysis.gates.forEach((name, gateIndex) => {
      if (!gateNames.includes(name)) {
        issues.push({
          path: ['spec', 'steps', index, 'analysis', 'gates', gateIndex],
          message: `gate \`${name}\` is not defined in spec.gates; defined: ${gateNames.join(', ') || '(none)'}`,
        });
      }
    });
  });
  // The engine ends the release at the promote commit; after it only analyses run (notifications).
  const promoteAt = spec.steps?.findIndex((step) => 'promote' in step) ?? -1;
  spec.steps?.forEach((step, index) => {
    if (promoteAt < 0 || index <= promoteAt || 'analysis' in step) return;
    issues.push({
      path: ['spec', 'steps', index],
      message: `no step but analysis may follow promote (step ${promoteAt + 1}): the release ends there; move this step before it`,
    });
  });
  const firstRouting = spec.steps?.findIndex(routesTraffic) ?? -1;
  if (router === undefined && (firstRouting >= 0 || spec.analysis !== undefined)) {
    issues.push({
      path: firstRouting >= 0 ? ['spec', 'steps', firstRouting] : ['spec', 'analysis'],
      message: 'moving traffic needs a traffic router in spec.traffic',
    });
  }
  if (spec.analysis !== undefined) {
    const flagger = flaggerIssues(spec.analysis, context);
    for (const issue of flagger) {
      issues.push({ path: ['spec', 'analysis', ...issue.path], message: issue.message });
    }
    if (flagger.length === 0) {
      // The steps the block expands to (A/B header routes, mirroring) must be expressible too.
      const { steps } = expandFlaggerAnalysis(spec.analysis, context);
      for (const issue of routerStepIssues(steps, routers, () => [])) {
        const field = issue.path[0] === 'setMirrorRoute' ? 'mirror' : 'match';
        issues.push({ path: ['spec', 'analysis', field], message: issue.message });
      }
      // The weights Flagger's block steps through stay within what a baseline backend allows.
      const [overweight] = baselineIssues(spec.traffic, targets, true, steps, () => []);
      if (overweight !== undefined) {
        const field = spec.analysis.stepWeights !== undefined ? 'stepWeights' : 'maxWeight';
        issues.push({ path: ['spec', 'analysis', field], message: overweight.message });
      }
    }
    const generated = [
      ...(spec.analysis.metrics ?? []).map((metric) => metric.name),
      ...(spec.analysis.webhooks ?? []).map((webhook) => webhook.name),
    ];
    for (const name of generated.filter((name) => gateNames.includes(name))) {
      issues.push({
        path: ['spec', 'gates', name],
        message: `gate \`${name}\` is also a metric or webhook in spec.analysis; rename one`,
      });
    }
  }
  issues.push(...notificationIssues(spec.notifications, spec.analysis?.alerts));
  return issues;
}
