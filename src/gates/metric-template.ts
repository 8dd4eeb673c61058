import { z } from 'zod';
import { GitcanaryError } from '../errors.js';
import { describeDoc, loadTree, type ManifestTree, toPlain } from '../manifests/index.js';
import { registerSecret } from '../shared/secrets.js';
import { loadTemplateCompiler } from '../shared/templates.js';
import { secretEnvName } from './argo-analysis/templates.js';
import { PrometheusGate } from './prometheus.js';
import {
  type MetricTemplateConfig,
  type MetricTemplateConfigInput,
  metricTemplateConfigSchema,
  parseGateConfig,
} from './schemas.js';
import type { Gate, GateContext, GateResult } from './types.js';

// A Flagger metric with `templateRef`: the MetricTemplate (flagger.app/v1beta1) is read from the
// GitOps repository at the commit being evaluated and run as a prometheus gate, the way Flagger's
// runMetricChecks does (pkg/controller/scheduler_metrics.go): the template is looked up in
// `templateRef.namespace`, else the canary's; its query is rendered with the model Flagger gives
// templates (MetricTemplateModel: name, namespace, target, service, ingress, interval — the
// metric's interval — and `variables`, the metric's templateVariables); a `secretRef` gives the
// provider credentials, read here from GITCANARY_SECRET_<SECRET>_USERNAME / _PASSWORD (Flagger's
// NewPrometheusProvider reads the Secret's `username` and `password` keys for basic auth).

const metricTemplateSchema = z.looseObject({
  spec: z.looseObject({
    provider: z.looseObject({
      type: z.string().optional(),
      address: z.string().optional(),
      secretRef: z.looseObject({ name: z.string().min(1) }).optional(),
      insecureSkipVerify: z.boolean().optional(),
    }),
    query: z.string().min(1),
  }),
});

export class MetricTemplateGate implements Gate {
  readonly kind = 'metricTemplate';
  readonly config: MetricTemplateConfig;

  constructor(
    readonly name: string,
    config: MetricTemplateConfigInput,
  ) {
    this.config = parseGateConfig(metricTemplateConfigSchema, config, 'metricTemplate');
  }

  /** The prometheus gate the MetricTemplate amounts to; what `run` checks before its first commit. */
  async check(
    repoRoot: string,
    namespace: string,
    env: NodeJS.ProcessEnv = process.env,
  ): Promise<PrometheusGate> {
    const tree = await loadTree(repoRoot, [this.config.path]);
    // The MetricTemplate's query becomes a template the prometheus gate renders when it is built.
    await loadTemplateCompiler();
    return this.prometheusGate(tree, namespace, env);
  }

  prometheusGate(tree: ManifestTree, namespace: string, env: NodeJS.ProcessEnv): PrometheusGate {
    const { templateRef } = this.config;
    const wanted = templateRef.namespace ?? namespace;
    const docs = tree
      .resources(tree.paths(), { kind: 'MetricTemplate', name: templateRef.name })
      .filter((doc) => doc.apiVersion?.startsWith('flagger.app/'))
      .filter((doc, _, all) => all.length === 1 || doc.namespace === undefined || doc.namespace === wanted);
    const resource = `MetricTemplate/${wanted}/${templateRef.name}`;
    if (docs.length !== 1) {
      throw new GitcanaryError(
        docs.length === 0 ? 'RESOURCE_NOT_FOUND' : 'RESOURCE_DUPLICATE',
        docs.length === 0
          ? `MetricTemplate ${templateRef.name} is not in the repository`
          : `MetricTemplate ${templateRef.name} is defined ${docs.length} times`,
        {
          resource,
          field: `gates.${this.name}.metricTemplate.templateRef`,
          hint:
            docs.length === 0
              ? 'commit the MetricTemplate to the GitOps repository'
              : `files: ${docs.map((doc) => doc.file).join(', ')}`,
        },
      );
    }
    const doc = docs[0]!;
    const place = { file: doc.file, resource: describeDoc(doc) };
    const parsed = metricTemplateSchema.safeParse(toPlain(doc));
    if (!parsed.success) {
      throw new GitcanaryError(
        'CONFIG_INVALID',
        `invalid MetricTemplate: ${parsed.error.issues[0]?.message}`,
        {
          ...place,
          field: (parsed.error.issues[0]?.path ?? []).map(String).join('.'),
        },
      );
    }
    const { provider, query } = parsed.data.spec;
    if ((provider.type ?? 'prometheus') !== 'prometheus') {
      throw new GitcanaryError(
        'CONFIG_INVALID',
        `MetricTemplate provider ${provider.type} is not supported; gitcanary runs prometheus MetricTemplates`,
        {
          ...place,
          field: 'spec.provider.type',
          hint: 'measure it with a gitcanary gate (command, http) instead',
        },
      );
    }
    if (provider.insecureSkipVerify) {
      throw new GitcanaryError('CONFIG_INVALID', 'insecureSkipVerify is not supported for MetricTemplates', {
        ...place,
        field: 'spec.provider.insecureSkipVerify',
      });
    }
    if (provider.address === undefined || !URL.canParse(provider.address)) {
      throw new GitcanaryError(
        'CONFIG_INVALID',
        `prometheus address ${provider.address ?? '(none)'} is not a valid URL`,
        {
          ...place,
          field: 'spec.provider.address',
        },
      );
    }
    const headers: Record<string, string> = {};
    if (provider.secretRef !== undefined) {
      const credentials = ['username', 'password'].map((key) => {
        const variable = secretEnvName(provider.secretRef!.name, key);
        const value = env[variable];
        if (value === undefined) {
          throw new GitcanaryError(
            'CONFIG_INVALID',
            `MetricTemplate ${templateRef.name} needs the ${key} of Secret ${provider.secretRef!.name}, which Git does not hold`,
            {
              ...place,
              field: 'spec.provider.secretRef',
              hint: `set the environment variable ${variable}`,
            },
          );
        }
        registerSecret(value);
        return value;
      });
      const basic = `Basic ${Buffer.from(`${credentials[0]}:${credentials[1]}`).toString('base64')}`;
      registerSecret(basic);
      headers.authorization = basic;
    }
    const { templateRef: _ref, path: _path, ...measurement } = this.config;
    return new PrometheusGate(this.name, {
      ...measurement,
      address: provider.address,
      query,
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
    });
  }

  async evaluate(context: GateContext): Promise<GateResult> {
    if (context.repoRoot === undefined) {
      throw new GitcanaryError('INTERNAL', 'the metricTemplate gate needs the GitOps working copy', {
        field: `gates.${this.name}`,
      });
    }
    let gate: PrometheusGate;
    try {
      gate = await this.check(context.repoRoot, context.namespace);
    } catch (error) {
      const message = error instanceof GitcanaryError ? error.format() : String(error);
      return { gate: this.name, kind: this.kind, verdict: 'fail', message, measurements: [] };
    }
    return { ...(await gate.evaluate(context)), kind: this.kind };
  }
}
