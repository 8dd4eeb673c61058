import { execFile } from 'node:child_process';
import { type ActionRun, runAction } from './runner.js';

// Runs the jobs of a workflow from the docs the way GitHub Actions would, far enough to prove the
// docs work: jobs in `needs` order, `if:` conditions, `${{ }}` expressions over the github, inputs,
// secrets, vars, steps and needs contexts, step and job outputs. gitcanary steps run the bundled
// Action (test/action/runner.ts); `run:` steps run in bash; actions/checkout is the prepared
// workspace; actions/create-github-app-token answers an installation token. Anything else in a
// documented workflow fails the test, so the docs cannot use what this does not check.

export interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

interface Job {
  'runs-on': string;
  needs?: string | string[];
  if?: string;
  environment?: string;
  outputs?: Record<string, string>;
  steps: Step[];
}

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
}

type Value = string | number | boolean | null | { [key: string]: Value };

export interface WorkflowContext {
  github: Record<string, Value>;
  inputs?: Record<string, Value>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
}

export interface StepRecord {
  job: string;
  id?: string | undefined;
  uses?: string | undefined;
  with?: Record<string, string>;
  action?: ActionRun;
  run?: { code: number; stdout: string };
}

export interface WorkflowRun {
  /** Jobs by name: skipped (its `if:` was false), success or failure. */
  jobs: Record<string, 'success' | 'failure' | 'skipped'>;
  steps: StepRecord[];
}

/** An installation token as actions/create-github-app-token would output it. */
export const APP_TOKEN = 'ghs_appInstallationToken0123456789abcd';

const GITCANARY = /^(\.\/|gitcanary\/gitcanary@)/;

export async function runWorkflow(
  workflow: Workflow,
  context: WorkflowContext,
  options: { workspace: string; env?: Record<string, string> },
): Promise<WorkflowRun> {
  const result: WorkflowRun = { jobs: {}, steps: [] };
  const jobOutputs: Record<string, Record<string, Value>> = {};
  const order = jobOrder(workflow.jobs);
  for (const name of order) {
    const job = workflow.jobs[name]!;
    const needs = [job.needs ?? []].flat();
    const scope: Record<string, Value> = {
      github: context.github,
      inputs: context.inputs ?? {},
      secrets: context.secrets ?? {},
      vars: context.vars ?? {},
      needs: Object.fromEntries(
        needs.map((need) => [need, { outputs: jobOutputs[need] ?? {}, result: result.jobs[need] ?? null }]),
      ),
      steps: {},
    };
    if (
      needs.some((need) => result.jobs[need] !== 'success') ||
      (job.if !== undefined && !truthy(evaluate(job.if, scope)))
    ) {
      result.jobs[name] = 'skipped';
      continue;
    }
    let failed = false;
    for (const step of job.steps) {
      if (failed || (step.if !== undefined && !truthy(evaluate(step.if, scope)))) continue;
      const inputs = Object.fromEntries(
        Object.entries(step.with ?? {}).map(([key, value]) => [key, interpolate(String(value), scope)]),
      );
      const record: StepRecord = { job: name, id: step.id, uses: step.uses, with: inputs };
      let outputs: Record<string, Value> = {};
      if (step.uses !== undefined && GITCANARY.test(step.uses)) {
        record.action = await runAction({
          workspace: options.workspace,
          with: inputs,
          githubToken: String(context.github.token ?? ''),
          env: options.env ?? {},
        });
        outputs = record.action.outputs;
        failed = record.action.code !== 0;
      } else if (step.uses?.startsWith('actions/checkout@')) {
        // The workspace holds the repository already.
      } else if (step.uses?.startsWith('actions/create-github-app-token@')) {
        if (!inputs['app-id'] || !inputs['private-key'])
          throw new Error('create-github-app-token needs app-id and private-key');
        outputs = { token: APP_TOKEN };
      } else if (step.run !== undefined) {
        record.run = await bash(interpolate(step.run, scope), options.workspace);
        failed = record.run.code !== 0;
      } else {
        throw new Error(`the docs use a step this harness does not run: ${JSON.stringify(step)}`);
      }
      result.steps.push(record);
      if (step.id !== undefined) (scope.steps as Record<string, Value>)[step.id] = { outputs };
    }
    result.jobs[name] = failed ? 'failure' : 'success';
    jobOutputs[name] = Object.fromEntries(
      Object.entries(job.outputs ?? {}).map(([key, value]) => [key, interpolate(value, scope)]),
    );
  }
  return result;
}

function jobOrder(jobs: Record<string, Job>): string[] {
  const order: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (order.includes(name)) return;
    if (path.includes(name)) throw new Error(`jobs need each other: ${[...path, name].join(' → ')}`);
    const job = jobs[name];
    if (job === undefined)
      throw new Error(`job ${path.at(-1)} needs ${name}, which the workflow does not define`);
    for (const need of [job.needs ?? []].flat()) visit(need, [...path, name]);
    order.push(name);
  };
  for (const name of Object.keys(jobs)) visit(name, []);
  return order;
}

function bash(script: string, cwd: string): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    execFile('bash', ['-e', '-c', script], { cwd }, (error, stdout) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout }),
    );
  });
}

/** `${{ expr }}` inside a string, as GitHub substitutes it (null becomes ''). */
export function interpolate(text: string, scope: Record<string, Value>): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expression: string) => {
    const value = evaluate(expression, scope);
    return value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}

/** GitHub's falsy values: false, 0, '', null. */
export function truthy(value: Value): boolean {
  return !(value === false || value === 0 || value === '' || value === null);
}

// Expressions: context paths (`steps.app-token.outputs.token`), 'strings', true/false/null,
// numbers, ( ), !, ==, !=, &&, || — GitHub's precedence and loose equality (strings compared
// ignoring case; different types compared as numbers). Functions are refused.
export function evaluate(expression: string, scope: Record<string, Value>): Value {
  const tokens = [
    ...expression.matchAll(/\s*('(?:[^']|'')*'|==|!=|&&|\|\||[!()]|[A-Za-z_][\w.-]*|\d+(?:\.\d+)?)\s*/gy),
  ].map((match) => match[1]!);
  if (tokens.join('').replace(/\s/g, '') !== expression.replace(/\s/g, '')) {
    throw new Error(`expression the harness does not read: ${expression}`);
  }
  let at = 0;
  const peek = () => tokens[at];
  const next = () => tokens[at++];
  const primary = (): Value => {
    const token = next();
    if (token === undefined) throw new Error(`unexpected end of ${expression}`);
    if (token === '(') {
      const value = or();
      if (next() !== ')') throw new Error(`missing ) in ${expression}`);
      return value;
    }
    if (token === '!') return !truthy(primary());
    if (token.startsWith("'")) return token.slice(1, -1).replace(/''/g, "'");
    if (token === 'true' || token === 'false') return token === 'true';
    if (token === 'null') return null;
    if (/^\d/.test(token)) return Number(token);
    if (peek() === '(')
      throw new Error(`functions are not supported by the harness: ${token}() in ${expression}`);
    let value: Value = scope;
    for (const part of token.split('.')) {
      value = value !== null && typeof value === 'object' ? (value[part] ?? null) : null;
    }
    return value;
  };
  const equality = (): Value => {
    let left = primary();
    while (peek() === '==' || peek() === '!=') {
      const negate = next() === '!=';
      const same = looselyEqual(left, primary());
      left = negate ? !same : same;
    }
    return left;
  };
  const and = (): Value => {
    let left = equality();
    while (peek() === '&&') {
      next();
      const right = equality();
      left = truthy(left) ? right : left;
    }
    return left;
  };
  const or = (): Value => {
    let left = and();
    while (peek() === '||') {
      next();
      const right = and();
      left = truthy(left) ? left : right;
    }
    return left;
  };
  const value = or();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]} in ${expression}`);
  return value;
}

function looselyEqual(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  const number = (v: Value) =>
    v === null ? 0 : typeof v === 'boolean' ? Number(v) : typeof v === 'object' ? Number.NaN : Number(v);
  return number(a) === number(b);
}
