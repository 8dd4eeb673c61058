import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

// Runs the committed Action bundle the way the GitHub runner does: `node24 dist/action/index.js`
// (action.yml `runs`), each `with:` value (or the input's default from action.yml) as INPUT_<NAME>,
// GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, GITHUB_ACTIONS=true, RUNNER_TEMP, GITHUB_WORKSPACE;
// then reads back what the runner would: the outputs, the summary and the workflow commands.

export const ROOT = path.join(import.meta.dirname, '..', '..');
export const ACTION_YML = path.join(ROOT, 'action.yml');

interface ActionManifest {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string };
}

export const manifest = parse(readFileSync(ACTION_YML, 'utf8')) as ActionManifest;

let noticed = false;

/**
 * The Node the runner would use for `runs.using: node24`: .ci/run installs one and names it in
 * GITCANARY_NODE24; otherwise the current Node, with a one-line notice.
 */
export function actionNode(): string {
  const node24 = process.env.GITCANARY_NODE24;
  if (node24) return node24;
  if (!noticed && !process.versions.node.startsWith('24.')) {
    noticed = true;
    process.stderr.write(
      `GITCANARY_NODE24 is not set: running the Action under Node ${process.version} instead of 24\n`,
    );
  }
  return process.execPath;
}

/** The runner's name mangling (actions/runner ActionRunner: `INPUT_` + name, spaces → `_`, upper case). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface WorkflowCommand {
  command: string;
  properties: Record<string, string>;
  message: string;
}

export interface ActionRun {
  /** Process exit code: non-zero fails the step. */
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::name key=value,…::message` lines of stdout. */
  commands: WorkflowCommand[];
  /** stdout without workflow command lines: what the log shows as text. */
  log: string;
}

export interface ActionRunOptions {
  /** `with:` values by input name. */
  with?: Record<string, string>;
  /** The job's workspace (GITHUB_WORKSPACE and the process's working directory). */
  workspace: string;
  /** Extra environment (`env:` of the step or job). */
  env?: Record<string, string>;
  /** `${{ github.token }}`, for the token input's default. */
  githubToken?: string;
}

/** Runs dist/action/index.js once, as the runner runs a node action step. */
export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-runner-'));
  const runnerTemp = path.join(scratch, 'temp');
  mkdirSync(runnerTemp);
  const outputFile = path.join(runnerTemp, 'output');
  const summaryFile = path.join(runnerTemp, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(manifest.inputs)) {
    const value = options.with?.[name] ?? spec.default ?? '';
    inputs[inputVariable(name)] = value.replace(/\$\{\{\s*github\.token\s*\}\}/g, options.githubToken ?? '');
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? os.homedir(),
    // Tests never read the machine's git config (test/support/gitops.ts sets the same).
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_CONFIG_NOSYSTEM: '1',
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_REPOSITORY: 'acme/gitops',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_RUN_ID: '1',
    ...inputs,
    ...options.env,
  };
  try {
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        actionNode(),
        [path.join(ROOT, manifest.runs.main)],
        { cwd: options.workspace, env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    const commands = parseCommands(result.stdout);
    return {
      ...result,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      commands,
      log: result.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::'))
        .join('\n'),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` records (@actions/core file commands). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<=]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const [, name = '', delimiter] = match;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i] ?? '');
    outputs[name] = value.join('\n');
  }
  return outputs;
}

// Workflow command escaping (actions/toolkit command.ts): message %, \r, \n; properties also : and ,.
const unescapeCommand = (text: string) =>
  text
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');

export function parseCommands(stdout: string): WorkflowCommand[] {
  const commands: WorkflowCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const match = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!match) continue;
    const [, command = '', props = '', message = ''] = match;
    const properties: Record<string, string> = {};
    for (const pair of props.split(',').filter((p) => p !== '')) {
      const eq = pair.indexOf('=');
      properties[pair.slice(0, eq)] = unescapeCommand(pair.slice(eq + 1));
    }
    commands.push({ command, properties, message: unescapeCommand(message) });
  }
  return commands;
}
