import { GitcanaryError } from '../../errors.js';
import { describeDoc, type ManifestTree, type ResourceDoc, toPlain } from '../../manifests/index.js';
import { registerSecret } from '../../shared/secrets.js';
import { parseDuration } from '../duration.js';
import { compileCondition, type ExprCondition } from './expr.js';
import {
  type AnalysisArg,
  type AnalysisTemplate,
  analysisTemplateSchema,
  type FieldRefObject,
  metricSchema,
  type PrometheusProvider,
  prometheusProviderSchema,
  type TemplateRef,
  type WebProvider,
  webProviderSchema,
} from './schema.js';

// From `analysis: { templates, args }` to the metrics one AnalysisRun measures, as Argo Rollouts
// builds an AnalysisRun: the templates' metrics and args merged (analysisutil.NewAnalysisRunFromTemplates:
// a metric name twice, or one arg name with two default values, is an error), the Rollout's args
// over the templates' defaults (MergeArgs), every arg resolved, then `{{args.<name>}}` replaced in
// each metric (templateutil.ResolveArgs: an unresolved placeholder is an error).

/** Argo's DefaultMeasurementHistoryLimit: measurements kept per metric unless measurementRetention says. */
export const DEFAULT_RETENTION = 10;
/** Argo's DefaultConsecutiveErrorLimit. */
export const DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;
/** Argo's DefaultErrorRetryInterval: after an error the next measurement comes this soon. */
export const ERROR_RETRY_INTERVAL_MS = 10_000;

/** Environment variable holding key `key` of Secret `name`: GITCANARY_SECRET_<NAME>_<KEY>. */
export function secretEnvName(name: string, key: string): string {
  const part = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
  return `GITCANARY_SECRET_${part(name)}_${part(key)}`;
}

export type MetricProvider =
  | { kind: 'prometheus'; config: PrometheusProvider }
  | { kind: 'web'; config: WebProvider };

/** One metric of the run, args resolved and limits parsed. */
export interface ResolvedMetric {
  name: string;
  /** `AnalysisTemplate/<name>` it came from, for messages. */
  source: string;
  provider: MetricProvider;
  /** Undefined: measured once (no interval) or on error retry only. */
  intervalMs: number | undefined;
  initialDelayMs: number;
  /** Argo's EffectiveCount: undefined runs until the step ends (interval without count). */
  count: number | undefined;
  /** -1: failures never fail the metric (consecutiveSuccessLimit decides). */
  failureLimit: number;
  inconclusiveLimit: number;
  consecutiveErrorLimit: number;
  /** 0: off. */
  consecutiveSuccessLimit: number;
  successCondition: ExprCondition | undefined;
  failureCondition: ExprCondition | undefined;
  dryRun: boolean;
  retention: number;
}

export interface RunSpec {
  metrics: ResolvedMetric[];
  /** Resolved secret values, masked in every message. */
  secrets: string[];
}

export interface RunRequest {
  templates: readonly TemplateRef[];
  args?: readonly AnalysisArg[] | undefined;
  dryRun?: readonly { metricName: string }[] | undefined;
  measurementRetention?: readonly { metricName: string; limit: number }[] | undefined;
  /** The namespace the release runs in: AnalysisTemplates are looked up there. */
  namespace: string;
  fieldRefObject?: FieldRefObject | undefined;
  /** Background analysis: metrics may run until the step ends. */
  background: boolean;
  env?: NodeJS.ProcessEnv;
}

/** The metrics of the AnalysisRun `request` describes; throws CONFIG_INVALID naming the template and field. */
export function resolveRun(tree: ManifestTree, request: RunRequest): RunSpec {
  const templates = request.templates.map((ref) => findTemplate(tree, ref, request.namespace));
  const templateArgs = mergeTemplateArgs(templates);
  const args = mergeArgs(templateArgs, request.args ?? []);
  const secrets: string[] = [];
  const values = new Map<string, string>();
  for (const arg of args) {
    const value = resolveArg(arg, tree, request, secrets);
    values.set(arg.name, value);
  }
  const dryRun = [
    ...templates.flatMap(({ template }) => template.spec.dryRun ?? []),
    ...(request.dryRun ?? []),
  ];
  const retention = [
    ...templates.flatMap(({ template }) => template.spec.measurementRetention ?? []),
    ...(request.measurementRetention ?? []),
  ];
  const seen = new Map<string, string>();
  const metrics: ResolvedMetric[] = [];
  for (const { template, doc } of templates) {
    template.spec.metrics.forEach((raw, index) => {
      const field = `spec.metrics[${index}]`;
      const place = { file: doc.file, resource: describeDoc(doc), field };
      const resolved = substituteArgs(raw, values, place);
      const parsed = metricSchema.safeParse(resolved);
      if (!parsed.success)
        throw invalid(
          parsed.error.issues[0]?.message ?? 'invalid metric',
          place,
          parsed.error.issues[0]?.path,
        );
      const metric = parsed.data;
      const source = describeDoc(doc);
      const previous = seen.get(metric.name);
      if (previous !== undefined) {
        throw invalid(
          `metric \`${metric.name}\` is in both ${previous} and ${source}`,
          place,
          ['name'],
          'Argo Rollouts refuses to merge templates whose metrics share a name',
        );
      }
      seen.set(metric.name, source);
      metrics.push(
        resolveMetric(
          metric,
          source,
          place,
          request.background,
          matches(dryRun, metric.name),
          retentionFor(retention, metric.name),
        ),
      );
    });
  }
  return { metrics, secrets };
}

interface FoundTemplate {
  template: AnalysisTemplate;
  doc: ResourceDoc;
}

function findTemplate(tree: ManifestTree, ref: TemplateRef, namespace: string): FoundTemplate {
  const kind = ref.clusterScope ? 'ClusterAnalysisTemplate' : 'AnalysisTemplate';
  // Kind and name let the tree parse only the documents that can be it (src/manifests/tree.ts).
  let candidates = tree
    .resources(tree.paths(), { kind, name: ref.templateName })
    .filter((doc) => doc.apiVersion?.startsWith('argoproj.io/'));
  // An AnalysisTemplate belongs to the Rollout's namespace; one with no namespace takes the one it is applied to.
  if (candidates.length > 1 && kind === 'AnalysisTemplate') {
    candidates = candidates.filter((doc) => doc.namespace === undefined || doc.namespace === namespace);
  }
  if (candidates.length === 0) {
    throw new GitcanaryError('RESOURCE_NOT_FOUND', `${kind} ${ref.templateName} is not in the repository`, {
      resource: `${kind}/${ref.templateName}`,
      hint: ref.clusterScope
        ? 'commit the ClusterAnalysisTemplate to the GitOps repository'
        : 'commit the AnalysisTemplate to the GitOps repository (or set clusterScope: true for a ClusterAnalysisTemplate)',
    });
  }
  if (candidates.length > 1) {
    throw new GitcanaryError(
      'RESOURCE_DUPLICATE',
      `${kind} ${ref.templateName} is defined ${candidates.length} times`,
      {
        resource: `${kind}/${ref.templateName}`,
        hint: `files: ${candidates.map((doc) => doc.file).join(', ')}`,
      },
    );
  }
  const doc = candidates[0]!;
  const parsed = analysisTemplateSchema.safeParse(toPlain(doc));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(
      issue?.message ?? 'invalid template',
      { file: doc.file, resource: describeDoc(doc), field: '' },
      issue?.path,
    );
  }
  return { template: parsed.data, doc };
}

/** The templates' args in order, one per name; the same name with two default values is an error. */
function mergeTemplateArgs(templates: readonly FoundTemplate[]): AnalysisArg[] {
  const byName = new Map<string, AnalysisArg>();
  for (const { template, doc } of templates) {
    for (const arg of template.spec.args ?? []) {
      const known = byName.get(arg.name);
      if (
        known !== undefined &&
        known.value !== undefined &&
        arg.value !== undefined &&
        known.value !== arg.value
      ) {
        throw new GitcanaryError(
          'CONFIG_INVALID',
          `arg \`${arg.name}\` has two default values: ${JSON.stringify(known.value)} and ${JSON.stringify(arg.value)}`,
          {
            file: doc.file,
            resource: describeDoc(doc),
            field: 'spec.args',
          },
        );
      }
      if (known === undefined || known.value === undefined) byName.set(arg.name, arg);
    }
  }
  return [...byName.values()];
}

/** Argo's MergeArgs: the Rollout's value (or valueFrom) replaces the template's; others are ignored. */
function mergeArgs(templateArgs: readonly AnalysisArg[], incoming: readonly AnalysisArg[]): AnalysisArg[] {
  return templateArgs.map((arg) => {
    const given = incoming.find((candidate) => candidate.name === arg.name);
    if (given === undefined) return arg;
    if (given.value !== undefined && given.valueFrom !== undefined) {
      throw new GitcanaryError('CONFIG_INVALID', `arg \`${arg.name}\` sets both value and valueFrom`, {
        field: `args.${arg.name}`,
      });
    }
    return {
      name: arg.name,
      ...(given.value !== undefined ? { value: given.value } : {}),
      ...(given.valueFrom ? { valueFrom: given.valueFrom } : {}),
    };
  });
}

function resolveArg(arg: AnalysisArg, tree: ManifestTree, request: RunRequest, secrets: string[]): string {
  if (arg.valueFrom === undefined) {
    if (arg.value === undefined) {
      throw new GitcanaryError(
        'CONFIG_INVALID',
        `args.${arg.name} was not resolved: the template gives no value and the analysis passes none`,
        {
          field: `args.${arg.name}`,
          hint: `add { name: ${arg.name}, value: ... } to the analysis args`,
        },
      );
    }
    return String(arg.value);
  }
  const { fieldRef, secretKeyRef, podTemplateHashValue } = arg.valueFrom;
  if (secretKeyRef !== undefined) {
    const env = request.env ?? process.env;
    const name = secretEnvName(secretKeyRef.name, secretKeyRef.key);
    const value = env[name];
    if (value === undefined) {
      throw new GitcanaryError(
        'CONFIG_INVALID',
        `args.${arg.name} reads Secret ${secretKeyRef.name} key ${secretKeyRef.key}, which Git does not hold`,
        {
          field: `args.${arg.name}.valueFrom.secretKeyRef`,
          hint: `set the environment variable ${name} to that value`,
        },
      );
    }
    registerSecret(value);
    secrets.push(value);
    return value;
  }
  if (fieldRef !== undefined)
    return resolveFieldRef(arg.name, fieldRef.fieldPath, tree, request.fieldRefObject);
  if (podTemplateHashValue !== undefined) {
    throw new GitcanaryError(
      'CONFIG_INVALID',
      `args.${arg.name} uses podTemplateHashValue: ${podTemplateHashValue}, which only the Argo Rollouts controller knows`,
      {
        field: `args.${arg.name}.valueFrom.podTemplateHashValue`,
        hint: 'select the canary by something Git holds (a label, the canary Service) and pass it as a value',
      },
    );
  }
  throw new GitcanaryError('CONFIG_INVALID', `args.${arg.name}: valueFrom names no source`, {
    field: `args.${arg.name}.valueFrom`,
  });
}

/** `metadata.labels['env']`, `metadata.name`, `spec.strategy.canary.canaryService`: read from the Rollout in Git. */
function resolveFieldRef(
  argName: string,
  fieldPath: string,
  tree: ManifestTree,
  object: FieldRefObject | undefined,
): string {
  const field = `args.${argName}.valueFrom.fieldRef`;
  if (object === undefined) {
    throw new GitcanaryError(
      'CONFIG_INVALID',
      `args.${argName} reads ${fieldPath} of the Rollout, and the release has no Rollout workload`,
      {
        field,
        hint: 'pass the value instead, or make spec.workload a rollout',
      },
    );
  }
  if (/^status\b/.test(fieldPath)) {
    throw new GitcanaryError(
      'CONFIG_INVALID',
      `args.${argName} reads ${fieldPath}: a Rollout's status is not in Git`,
      {
        field,
        hint: 'pass the value instead',
      },
    );
  }
  const doc = tree.find(
    { kind: object.kind, name: object.name, namespace: object.namespace },
    filesUnder(tree, object.file),
  );
  let value: unknown = toPlain(doc);
  for (const segment of parseFieldPath(fieldPath, field)) {
    value =
      value !== null && typeof value === 'object'
        ? (value as Record<string | number, unknown>)[segment]
        : undefined;
  }
  if (value === undefined || value === null || typeof value === 'object') {
    throw new GitcanaryError(
      'CONFIG_INVALID',
      `args.${argName}: ${fieldPath} of ${describeDoc(doc)} is ${value === undefined || value === null ? 'not set' : 'not a single value'}`,
      {
        file: doc.file,
        resource: describeDoc(doc),
        field,
      },
    );
  }
  return String(value);
}

function parseFieldPath(fieldPath: string, field: string): (string | number)[] {
  const segments: (string | number)[] = [];
  const pattern = /\.?([A-Za-z0-9_-]+)|\[(?:'([^']*)'|"([^"]*)"|(\d+))\]/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  // biome-ignore lint/suspicious/noAssignInExpressions: a sticky regex walks the path.
  while ((match = pattern.exec(fieldPath)) !== null) {
    end = pattern.lastIndex;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[4] !== undefined) segments.push(Number(match[4]));
    else segments.push(match[2] ?? match[3] ?? '');
  }
  if (end !== fieldPath.length || segments.length === 0) {
    throw new GitcanaryError('CONFIG_INVALID', `cannot read fieldPath ${JSON.stringify(fieldPath)}`, {
      field,
      hint: "e.g. metadata.labels['env'] or spec.strategy.canary.canaryService",
    });
  }
  return segments;
}

function filesUnder(tree: ManifestTree, file: string): string[] {
  const folder = file.replace(/\/+$/, '');
  if (tree.has(folder)) return [folder];
  const prefix = folder === '' || folder === '.' ? '' : `${folder}/`;
  return tree.paths().filter((path) => path.startsWith(prefix));
}

/** Replaces `{{args.<name>}}` (spaces allowed) in every string of the metric; any other placeholder is an error. */
function substituteArgs(value: unknown, args: ReadonlyMap<string, string>, place: Place): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{([^{}]*)\}\}/g, (whole, tag: string) => {
      const name = /^\s*args\.([A-Za-z0-9_.-]+)\s*$/.exec(tag)?.[1];
      const replacement = name === undefined ? undefined : args.get(name);
      if (replacement === undefined) {
        throw invalid(
          `failed to resolve ${whole}`,
          place,
          [],
          name === undefined
            ? 'only {{args.<name>}} placeholders are resolved in AnalysisTemplates'
            : `declare ${name} in the template's spec.args`,
        );
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substituteArgs(item, args, place));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, substituteArgs(item, args, place)]),
    );
  }
  return value;
}

interface Place {
  file: string;
  resource: string;
  field: string;
}

function invalid(
  message: string,
  place: Place,
  path: readonly PropertyKey[] = [],
  hint?: string,
): GitcanaryError {
  const suffix = path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
  return new GitcanaryError('CONFIG_INVALID', message, {
    file: place.file,
    resource: place.resource,
    field: `${place.field}${suffix}`.replace(/^\./, ''),
    ...(hint ? { hint } : {}),
  });
}

const SUPPORTED_PROVIDERS = ['prometheus', 'web'];

function resolveMetric(
  metric: ReturnType<typeof metricSchema.parse>,
  source: string,
  place: Place,
  background: boolean,
  dryRun: boolean,
  retention: number | undefined,
): ResolvedMetric {
  const at = (field: string): Place => ({ ...place, field: `${place.field}.${field}` });
  const kinds = Object.keys(metric.provider);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined || !SUPPORTED_PROVIDERS.includes(kind)) {
    throw invalid(
      `metric \`${metric.name}\` uses provider ${kinds.join(', ') || '(none)'}, which gitcanary cannot run`,
      at('provider'),
      [],
      `gitcanary evaluates the ${SUPPORTED_PROVIDERS.join(' and ')} providers; measure it with a gitcanary gate (command, http) instead`,
    );
  }
  const provider = parseProvider(kind, metric.provider[kind], at(`provider.${kind}`));
  const intervalMs =
    metric.interval === undefined || metric.interval === ''
      ? undefined
      : duration(metric.interval, at('interval'));
  const countValue = metric.count === undefined ? 0 : Number(metric.count);
  // Argo's Metric.EffectiveCount: no count (or 0) measures once without an interval, indefinitely with one.
  const count = countValue > 0 ? countValue : intervalMs === undefined ? 1 : undefined;
  if (count !== undefined && count > 1 && intervalMs === undefined) {
    throw invalid(
      `metric \`${metric.name}\` has count ${count} and no interval`,
      at('count'),
      [],
      'set interval: the time between measurements',
    );
  }
  if (count === undefined && !background) {
    // Argo refuses the same in an inline analysis: the step would never end.
    throw invalid(
      `metric \`${metric.name}\` runs indefinitely (interval without count), which an analysis step cannot wait for`,
      at('count'),
      [],
      'set count, or run the template as background analysis',
    );
  }
  const failureLimit = intOr(metric.failureLimit, 0);
  const consecutiveSuccessLimit = intOr(metric.consecutiveSuccessLimit, 0);
  if (failureLimit < 0 && consecutiveSuccessLimit <= 0) {
    throw invalid(
      `metric \`${metric.name}\` disables failureLimit (-1) without a consecutiveSuccessLimit`,
      at('failureLimit'),
    );
  }
  if (count !== undefined && consecutiveSuccessLimit > count) {
    throw invalid(
      `metric \`${metric.name}\`: consecutiveSuccessLimit ${consecutiveSuccessLimit} exceeds count ${count}`,
      at('consecutiveSuccessLimit'),
    );
  }
  const condition = (key: 'successCondition' | 'failureCondition') => {
    const text = metric[key];
    return text === undefined || text === '' ? undefined : compileCondition(text, `${place.field}.${key}`);
  };
  return {
    name: metric.name,
    source,
    provider,
    intervalMs,
    initialDelayMs:
      metric.initialDelay === undefined || metric.initialDelay === ''
        ? 0
        : duration(metric.initialDelay, at('initialDelay')),
    count,
    failureLimit,
    inconclusiveLimit: intOr(metric.inconclusiveLimit, 0),
    consecutiveErrorLimit: intOr(metric.consecutiveErrorLimit, DEFAULT_CONSECUTIVE_ERROR_LIMIT),
    consecutiveSuccessLimit,
    successCondition: condition('successCondition'),
    failureCondition: condition('failureCondition'),
    dryRun,
    retention: retention !== undefined && retention > 0 ? retention : DEFAULT_RETENTION,
  };
}

function parseProvider(kind: string, config: unknown, place: Place): MetricProvider {
  if (kind === 'prometheus') {
    const parsed = prometheusProviderSchema.safeParse(config);
    if (!parsed.success)
      throw invalid(parsed.error.issues[0]?.message ?? 'invalid', place, parsed.error.issues[0]?.path);
    if (parsed.data.authentication !== undefined) {
      throw invalid(
        'prometheus authentication (sigv4, oauth2) is not supported',
        { ...place, field: `${place.field}.authentication` },
        [],
        'use headers with a token read from args',
      );
    }
    return { kind: 'prometheus', config: parsed.data };
  }
  const parsed = webProviderSchema.safeParse(config);
  if (!parsed.success)
    throw invalid(parsed.error.issues[0]?.message ?? 'invalid', place, parsed.error.issues[0]?.path);
  return { kind: 'web', config: parsed.data };
}

function duration(text: string, place: Place): number {
  try {
    return parseDuration(text, place.field);
  } catch (error) {
    throw invalid(`invalid duration ${JSON.stringify(text)}`, place, [], (error as GitcanaryError).hint);
  }
}

function intOr(value: number | string | undefined, fallback: number): number {
  return value === undefined ? fallback : Number(value);
}

/** dryRun / measurementRetention entries name a metric, or a regular expression over names (`.*`). */
function matches(entries: readonly { metricName: string }[], name: string): boolean {
  return entries.some((entry) => nameMatches(entry.metricName, name));
}

function retentionFor(
  entries: readonly { metricName: string; limit: number }[],
  name: string,
): number | undefined {
  return entries.filter((entry) => nameMatches(entry.metricName, name)).at(-1)?.limit;
}

function nameMatches(pattern: string, name: string): boolean {
  if (pattern === name) return true;
  try {
    return new RegExp(`^(?:${pattern})$`).test(name);
  } catch {
    return false;
  }
}
