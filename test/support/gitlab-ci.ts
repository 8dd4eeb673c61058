import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

// Enough of GitLab CI to run a pipeline file's jobs here: the file checked against GitLab's own CI
// schema (test/schemas/gitlab-ci.schema.json), `default` and `extends` merged as GitLab merges
// them, `rules` evaluated for a pipeline's predefined variables, and a job's before_script and
// script run in one bash, as the runner's shell executor runs them (`set -eo pipefail`).

const SCHEMA = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '..', 'schemas', 'gitlab-ci.schema.json'), 'utf8'),
) as object;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
const validateCi = ajv.compile(SCHEMA);

/** Top-level keys that are not jobs (docs.gitlab.com/ci/yaml/#global-keywords). */
const GLOBAL_KEYWORDS = new Set([
  '$schema',
  'spec',
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
]);

type Mapping = Record<string, unknown>;

function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A document that reads as a .gitlab-ci.yml: stages, or a job with a script or extends. */
export function looksLikeGitLabCi(document: unknown): boolean {
  if (!isMapping(document)) return false;
  return (
    'stages' in document ||
    Object.entries(document).some(
      ([key, value]) =>
        !GLOBAL_KEYWORDS.has(key) && isMapping(value) && ('script' in value || 'extends' in value),
    )
  );
}

/** Where a document breaks GitLab's CI schema; empty when GitLab would accept its structure. */
export function gitlabCiProblems(document: unknown): string[] {
  if (validateCi(document)) return [];
  return (validateCi.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
}

export interface CiJob {
  name: string;
  stage: string;
  script: string[];
  beforeScript: string[];
  variables: Record<string, string>;
  rules: Mapping[];
  allowFailure: boolean | { exit_codes: number[] };
  resourceGroup?: string | undefined;
  /** Everything else, merged. */
  raw: Mapping;
}

/** GitLab's `extends` merge: mappings merge deeply, anything else (arrays too) is replaced. */
function deepMerge(base: Mapping, over: Mapping): Mapping {
  const out: Mapping = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isMapping(current) && isMapping(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function lines(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).flat(9).map(String);
}

/** The pipeline's jobs with `extends` and `default` resolved (hidden `.jobs` are templates only). */
export function pipelineJobs(document: Mapping): CiJob[] {
  const resolve = (name: string, seen: string[] = []): Mapping => {
    const job = document[name];
    if (!isMapping(job)) throw new Error(`extends names ${name}, which is no job`);
    if (seen.includes(name)) throw new Error(`extends loops through ${name}`);
    const parents = lines(job.extends);
    const merged = parents.reduce<Mapping>(
      (acc, parent) => deepMerge(acc, resolve(parent, [...seen, name])),
      {},
    );
    const { extends: _, ...own } = job;
    return deepMerge(merged, own);
  };
  const defaults = isMapping(document.default) ? document.default : {};
  const globals = isMapping(document.variables) ? document.variables : {};
  return Object.keys(document)
    .filter((name) => !GLOBAL_KEYWORDS.has(name) && !name.startsWith('.'))
    .map((name) => {
      const job = { ...defaults, ...resolve(name) };
      return {
        name,
        stage: typeof job.stage === 'string' ? job.stage : 'test',
        script: lines(job.script),
        beforeScript: lines(job.before_script),
        variables: Object.fromEntries(
          Object.entries({ ...globals, ...(isMapping(job.variables) ? job.variables : {}) }).map(
            ([key, value]) => [key, String(isMapping(value) ? value.value : value)],
          ),
        ),
        rules: Array.isArray(job.rules) ? (job.rules as Mapping[]) : [],
        allowFailure: (job.allow_failure as CiJob['allowFailure'] | undefined) ?? false,
        resourceGroup: typeof job.resource_group === 'string' ? job.resource_group : undefined,
        raw: job,
      };
    });
}

/**
 * A `rules: if:` expression (docs.gitlab.com/ci/jobs/job_rules/#cicd-variable-expressions), for the
 * forms pipelines here use: `$VAR` (set and not empty), `$VAR == "text"`, `$VAR != "text"`,
 * joined by `&&` and `||`. Anything else throws, so a new form is noticed, not misread.
 */
export function evaluateIf(
  expression: string,
  variables: Readonly<Record<string, string | undefined>>,
): boolean {
  return expression.split('||').some((alternative) =>
    alternative.split('&&').every((term) => {
      const comparison = /^\s*\$(\w+)\s*(==|!=)\s*"([^"]*)"\s*$/.exec(term);
      if (comparison) {
        const equal = (variables[comparison[1]!] ?? '') === comparison[3];
        return comparison[2] === '==' ? equal : !equal;
      }
      const presence = /^\s*\$(\w+)\s*$/.exec(term);
      if (presence) return (variables[presence[1]!] ?? '') !== '';
      throw new Error(`rules expression not understood here: ${term.trim()}`);
    }),
  );
}

export type JobWhen = 'on_success' | 'manual' | 'never';

/** What GitLab makes of a job in a pipeline: the first matching rule's `when`, or never. */
export function jobWhen(
  job: CiJob,
  variables: Readonly<Record<string, string | undefined>>,
): { when: JobWhen; allowFailure: CiJob['allowFailure'] } {
  if (job.rules.length === 0)
    return { when: (job.raw.when as JobWhen | undefined) ?? 'on_success', allowFailure: job.allowFailure };
  for (const rule of job.rules) {
    if (typeof rule.if === 'string' && !evaluateIf(rule.if, variables)) continue;
    const when = (rule.when as JobWhen | undefined) ?? 'on_success';
    // A rule's allow_failure wins; manual jobs in rules default to not allowed to fail.
    const allowFailure = (rule.allow_failure as CiJob['allowFailure'] | undefined) ?? job.allowFailure;
    return { when, allowFailure };
  }
  return { when: 'never', allowFailure: job.allowFailure };
}

export interface JobRun {
  code: number;
  /** The job's status as GitLab would show it. */
  status: 'success' | 'failed' | 'warning';
  output: string;
}

/** Runs before_script and script in one bash with the job's variables over `env`. */
export function runJob(
  job: CiJob,
  options: { env: Record<string, string | undefined>; cwd: string; allowFailure?: CiJob['allowFailure'] },
): Promise<JobRun> {
  const script = ['set -eo pipefail', ...job.beforeScript, ...job.script].join('\n');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...options.env, ...job.variables, CI_JOB_NAME: job.name })) {
    if (value !== undefined) env[key] = value;
  }
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', script], { cwd: options.cwd, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('close', (code) => {
      const exit = code ?? 1;
      const allow = options.allowFailure ?? job.allowFailure;
      const allowed = allow === true || (typeof allow === 'object' && allow.exit_codes.includes(exit));
      resolve({ code: exit, status: exit === 0 ? 'success' : allowed ? 'warning' : 'failed', output });
    });
  });
}
