import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { runReleaseCommand } from '../cli/commands.js';
import { EXIT, exitCodeFor, formatError } from '../cli/output.js';
import { loadConfig } from '../config/index.js';
import { type ReleaseStatus, releaseStatus } from '../engine/status.js';
import { GitcanaryError } from '../errors.js';
import {
  ConsoleReporter,
  EventLog,
  JsonReporter,
  maskSecrets,
  onSecret,
  registerSecret,
} from '../report/index.js';
import { annotationFor } from './annotations.js';
import { type ReleaseRecord, readReleaseRecord } from './history.js';
import { type ActionInputs, parseInputs } from './inputs.js';
import { commitUrlFor } from './links.js';
import { GroupedReporter } from './reporter.js';
import { renderSummary } from './summary.js';

// The GitHub Action: a thin adapter. It reads the inputs into the CLI's options, runs the same
// command path, and reports through the runner: log groups, outputs, annotations, the job summary,
// and every secret registered with the runner's masking. @actions/core stays in src/action/.

export const OUTPUTS = [
  'phase',
  'step',
  'weight',
  'commit',
  'release-id',
  'pull-request',
  'exit-code',
] as const;

interface Inspected {
  status?: ReleaseStatus | undefined;
  record?: ReleaseRecord | undefined;
  release?: string | undefined;
  remote?: string | undefined;
}

/** Runs the Action once; sets process.exitCode (1 when the job must fail) and returns the CLI exit code. */
export async function runAction(): Promise<number> {
  onSecret((secret) => core.setSecret(secret));
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  let events = new EventLog();
  const inspected: Inspected = {};
  let inputs: ActionInputs | undefined;
  let reporter: GroupedReporter | undefined;
  let exitCode: number;
  let failure: unknown;
  try {
    inputs = parseInputs((name) => core.getInput(name));
    registerSecret(inputs.options.token);
    enter(path.resolve(workspace, inputs.workingDirectory));
    const print = (line: string) => process.stdout.write(`${line}\n`);
    const lines = inputs.options.json ? new JsonReporter(print) : new ConsoleReporter(print);
    reporter = new GroupedReporter(lines, core);
    events = new EventLog(reporter);
    exitCode = await runReleaseCommand(inputs.command, inputs.options, {
      reporter: events,
      inspect: async ({ loaded, input, repo }) => {
        inspected.release = input.name;
        inspected.remote = loaded.config.spec.git.repo;
        try {
          inspected.status = await releaseStatus(input, repo);
          inspected.record = await readReleaseRecord(repo, input);
        } catch (error) {
          core.warning(
            maskSecrets(`could not read the release's history for the summary: ${formatError(error)}`),
          );
        }
      },
    });
  } catch (error) {
    failure = error;
    exitCode = exitCodeFor(error);
  } finally {
    reporter?.close();
  }

  setOutputs(inspected.status, exitCode, pullRequestUrl(events));
  if (failure !== undefined) await annotate(failure, inputs, workspace);
  await writeSummary(inputs, inspected, events, exitCode, failure);
  decide(inputs?.command, exitCode, failure, events, inputs?.failOnWaiting ?? false);
  return exitCode;
}

function enter(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new GitcanaryError('USAGE', `working-directory ${dir} is not a folder`, {
      field: 'with.working-directory',
      hint: 'give a folder relative to the workspace (check out the repository first)',
    });
  }
  process.chdir(dir);
}

/** The change request this job opened or waited on (pull-request promotion), if any. */
function pullRequestUrl(events: EventLog): string {
  const last = events.events.findLast((event) => event.type === 'pull-request');
  return last?.type === 'pull-request' ? last.url : '';
}

function setOutputs(status: ReleaseStatus | undefined, exitCode: number, pullRequest: string): void {
  const known = status !== undefined && status.state !== 'none';
  const values: Record<(typeof OUTPUTS)[number], string> = {
    phase: known ? (status.phase ?? '') : '',
    step: known ? String(status.step ?? '') : '',
    weight: known ? String(status.weight ?? '') : '',
    commit: known ? (status.lastCommit?.sha ?? '') : '',
    'release-id': known ? (status.releaseId ?? '') : '',
    'pull-request': pullRequest,
    'exit-code': String(exitCode),
  };
  for (const name of OUTPUTS) core.setOutput(name, maskSecrets(values[name]));
}

async function annotate(error: unknown, inputs: ActionInputs | undefined, workspace: string): Promise<void> {
  if (!(error instanceof GitcanaryError)) core.info(maskSecrets(formatError(error)));
  const configFile = path.resolve(inputs?.options.config ?? 'gitcanary.yaml');
  let configText: string | undefined;
  try {
    configText = readFileSync(configFile, 'utf8');
  } catch {
    configText = undefined;
  }
  const annotation = annotationFor(error, {
    workspace,
    configFile,
    configText,
    repoDir: await localRepoDir(configFile),
  });
  const { message, ...properties } = annotation;
  core.error(maskSecrets(message), {
    ...properties,
    title: maskSecrets(properties.title),
  });
}

/** The GitOps repository's folder when the config names a local one (manifest errors name its files). */
async function localRepoDir(configFile: string): Promise<string | undefined> {
  try {
    // The loader resolves a local repository against the config's folder and leaves URLs as given.
    const { repo } = (await loadConfig(configFile)).config.spec.git;
    return path.isAbsolute(repo) && existsSync(path.join(repo, '.git')) ? repo : undefined;
  } catch {
    return undefined;
  }
}

async function writeSummary(
  inputs: ActionInputs | undefined,
  inspected: Inspected,
  events: EventLog,
  exitCode: number,
  failure: unknown,
): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return;
  // A config the loader refuses has no trusted name; the error names the file instead.
  const release = inspected.release;
  const markdown = await renderSummary({
    command: inputs?.command ?? 'run',
    release,
    exitCode,
    events: events.events,
    record: inspected.record,
    status: inspected.status,
    error: failure,
    commitUrl: inspected.remote === undefined ? undefined : commitUrlFor(inspected.remote),
  });
  await core.summary.addRaw(markdown, true).write();
}

/**
 * The job fails on an error, a rollback, an interruption; on waiting only when asked. An abort is
 * exit code 1 like a rollback, but it is what `command: abort` was asked to do.
 */
function decide(
  command: string | undefined,
  exitCode: number,
  failure: unknown,
  events: EventLog,
  failOnWaiting: boolean,
): void {
  const done = events.events.findLast((event) => event.type === 'done');
  const message = maskSecrets(done?.type === 'done' ? done.message : `exit code ${exitCode}`);
  if (failure !== undefined) {
    // The error is annotated already; setFailed would annotate it twice.
    process.exitCode = 1;
    return;
  }
  if (exitCode === EXIT.ok) return;
  if (exitCode === EXIT.waiting && !failOnWaiting) {
    core.notice(message, { title: 'gitcanary: waiting' });
    return;
  }
  if (command === 'abort' && done?.type === 'done' && done.outcome === 'aborted') {
    core.notice(message, { title: 'gitcanary: aborted' });
    return;
  }
  core.setFailed(message);
}
