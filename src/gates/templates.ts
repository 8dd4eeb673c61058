import { GitcanaryError } from '../errors.js';
import { renderSource, TemplateCompilerNeeded, templateSource } from '../shared/templates.js';
import type { MetricRouter, MetricTemplateName } from './schemas.js';
import type { GateContext } from './types.js';

// Gate templates (commands, queries) are handlebars over the gate context. Every value is escaped
// for its destination *before* rendering and handlebars' HTML escaping is off, so a value can
// never break out of a shell word or a PromQL string, whatever the template author wrote.

/** Template values: strings and numbers, nested one level for `variables.*`. */
export type TemplateValue = string | number | boolean | undefined | { [key: string]: TemplateValue };
export type TemplateValues = Record<string, TemplateValue>;

/** The context fields templates may use; `variables` also appear top-level (they override). */
export function contextValues(context: GateContext, variables: Record<string, string> = {}): TemplateValues {
  const allVariables = { ...context.variables, ...variables };
  return {
    releaseName: context.releaseName,
    name: context.releaseName,
    namespace: context.namespace,
    commit: context.commit,
    branch: context.branch,
    stepIndex: context.stepIndex,
    canaryWeight: context.canaryWeight,
    canaryImage: context.canaryImage,
    stableImage: context.stableImage,
    canaryService: context.canaryService,
    stableService: context.stableService,
    route: context.route,
    phase: context.phase,
    ...allVariables,
    variables: allVariables,
  };
}

/**
 * A gate context with every field set, for rendering a template once when the gate is built: a
 * template that names an unknown variable or does not parse (an unclosed `{{`) is refused by
 * `validate` and before a release's first commit, not found by the analysis that needs it.
 */
export const TEMPLATE_CHECK_CONTEXT: GateContext = {
  releaseName: 'release',
  namespace: 'default',
  commit: '0000000000000000000000000000000000000000',
  branch: 'main',
  stepIndex: 1,
  canaryWeight: 10,
  canaryImage: 'registry.example/app:2',
  stableImage: 'registry.example/app:1',
  canaryService: 'app-canary',
  stableService: 'app-primary',
  route: 'app',
  phase: 'Progressing',
  variables: {},
  signal: new AbortController().signal,
  progress: () => undefined,
};

/** Renders `source` with every leaf value passed through `escape`; unknown variables are errors. */
export function renderTemplate(
  source: string,
  values: TemplateValues,
  escapeValue: (value: string) => string,
  field: string,
): string {
  try {
    return renderSource(source, escapeValues(values, escapeValue), { strict: true });
  } catch (error) {
    // Not the template's fault: createGate loads the compiler and builds the gate again.
    if (error instanceof TemplateCompilerNeeded) throw error;
    const message = (error instanceof Error ? error.message : String(error))
      .split('\n')[0]!
      // Handlebars' strict mode: `"x" not defined in [object Object] - 1:7`.
      .replace(
        / not defined in \[object Object\] - (\d+):(\d+)$/,
        ' is not a template variable (line $1, column $2)',
      );
    throw new GitcanaryError('FIELD_INVALID', `cannot render template: ${message}`, {
      field,
      hint: 'template variables: releaseName, namespace, commit, canaryWeight, canaryService, stableService, route, target, interval, variables.*',
      cause: error,
    });
  }
}

function escapeValues(values: TemplateValues, escapeValue: (value: string) => string): TemplateValues {
  const out: TemplateValues = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) out[key] = escapeValue('');
    else if (typeof value === 'object') out[key] = escapeValues(value, escapeValue);
    else out[key] = escapeValue(String(value));
  }
  return out;
}

/** Escapes a value for the inside of a double-quoted PromQL string (label matcher). */
export function escapePromQLString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** One POSIX shell word: bare when only safe characters, else single-quoted. */
export function shellQuote(value: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Source of a built-in metric query, `templates/metrics/<router>/<name>.hbs` (routers declare theirs). */
export function builtinMetricTemplate(router: MetricRouter, name: MetricTemplateName): string {
  // The router key is a folder name: never a path (the schema allows letters, digits and "-").
  const source = /^[A-Za-z][A-Za-z0-9-]*$/.test(router)
    ? templateSource(`metrics/${router}/${name}`)
    : undefined;
  if (source === undefined) {
    throw new GitcanaryError('FIELD_INVALID', `no built-in template ${name} for router ${router}`, {
      field: 'prometheus.template',
    });
  }
  // `{{!-- --}}` comments in the file document the query and render to nothing.
  return source;
}
