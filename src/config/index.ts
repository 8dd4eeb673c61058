// The release config: schema and types, loading with placed errors, Flagger expansion, the plan.
export {
  DEFAULT_METRICS_SERVER,
  expandFlaggerAnalysis,
  FLAGGER_DEFAULTS,
  type FlaggerAnalysis,
  type FlaggerCanaryAnalysis,
  type FlaggerContext,
  type FlaggerExpansion,
  type FlaggerIssue,
  flaggerAnalysisSchema,
  flaggerIssues,
  fromFlaggerCanary,
  progressiveWeights,
} from './flagger.js';
export { releaseJsonSchema, releaseJsonSchemaText } from './json-schema.js';
export { type ConfigIssue, type LoadedConfig, type LoadOptions, loadConfig, parseConfig } from './load.js';
export {
  type ChangeStep,
  type PlannedStep,
  type PlanStep,
  planRelease,
  planStep,
  planSteps,
  type ReleasePlan,
  summarizeStep,
} from './plan.js';
export {
  API_VERSION,
  defaultReleaseSchema,
  type GitConfig,
  type ReleaseConfig,
  type ReleaseConfigInput,
  type ReleaseMetadata,
  type ReleaseOptions,
  type ReleaseSchema,
  type ReleaseSpec,
  type ReleaseSync,
  releaseSchema,
  SCHEMA_ID,
  type TargetBlock,
} from './schema.js';
export {
  type HeaderMatch,
  type MirrorMatch,
  type PauseStep,
  routesTraffic,
  STEP_KINDS,
  type Step,
  type StepInput,
  type StepKind,
  type StringMatch,
  stepKind,
  stepSchema,
} from './steps.js';
export { type ConfigWarning, configWarnings, imageWarning } from './warnings.js';
