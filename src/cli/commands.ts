import { type LoadedConfig, loadConfig } from '../config/index.js';
import { planDiffs } from '../engine/plan.js';
import { ReleaseEngine, type ReleaseInput } from '../engine/release.js';
import { releaseInput } from '../engine/setup.js';
import { describeStatus, releaseStatus } from '../engine/status.js';
import { validateRelease } from '../engine/validate.js';
import { GitcanaryError } from '../errors.js';
import { checkGates, createGate } from '../gates/index.js';
import { openRepository, type Repository } from '../git/index.js';
import { withNotifications } from '../notify/index.js';
import type { Reporter } from '../report/index.js';
import { registerSecret, secretFromEnv } from '../report/secrets.js';
import { EXIT, printOut } from './output.js';

// The one code path behind `gitcanary run|step|plan|status|promote|abort|validate` and the GitHub
// Action: both adapters build these options and call runReleaseCommand.

export const RELEASE_COMMANDS = ['run', 'step', 'plan', 'status', 'promote', 'abort', 'validate'] as const;
export type ReleaseCommand = (typeof RELEASE_COMMANDS)[number];

export interface ReleaseCommandOptions {
  /** Path of the release config (gitcanary.yaml). */
  config: string;
  /** An existing clone of the GitOps repository instead of a temporary one. */
  workdir?: string | undefined;
  /** One JSON object per line instead of text. */
  json?: boolean | undefined;
  /** Candidate image: starts (run, step) or plans (plan) a release. */
  image?: string | undefined;
  /** False refuses a new image while a release is in progress; undefined keeps the config's choice. */
  supersede?: boolean | undefined;
  /** `promote`: skip every remaining step. */
  full?: boolean | undefined;
  /** Push token used when the config's `tokenEnv` names no set variable (the Action's `token` input). */
  token?: string | undefined;
}

/** What the command ran against, for an adapter that reports more than the exit code. */
export interface ReleaseView {
  loaded: LoadedConfig;
  input: ReleaseInput;
  repo: Repository;
}

export interface ReleaseCommandContext {
  /** Receives the engine's events (run, step, promote, abort). */
  reporter: Reporter;
  /** Called with the still-open repository after the command returned (not after it threw). */
  inspect?: (view: ReleaseView) => Promise<void>;
}

const DEFAULT_AUTHOR = { name: 'gitcanary', email: 'gitcanary@users.noreply.github.com' };

/** Runs one release command; returns its exit code (errors are thrown, for the adapter to report). */
export async function runReleaseCommand(
  command: ReleaseCommand,
  options: ReleaseCommandOptions,
  context: ReleaseCommandContext,
): Promise<number> {
  if (command === 'plan' && !options.image) {
    throw new GitcanaryError('USAGE', 'plan needs the candidate image', { field: 'image' });
  }
  registerSecret(options.token);
  const loaded = await loadConfig(options.config);
  return withRepository(loaded, options, async (repo) => {
    const input = releaseInput(
      loaded,
      // Only an explicit refusal overrides the config's `options.supersede`.
      options.supersede === false ? { supersede: false } : {},
    );
    const code = await perform(command, options, { ...context, loaded }, input, repo);
    await context.inspect?.({ loaded, input, repo });
    return code;
  });
}

async function perform(
  command: ReleaseCommand,
  options: ReleaseCommandOptions,
  context: ReleaseCommandContext & { loaded: LoadedConfig },
  input: ReleaseInput,
  repo: Repository,
): Promise<number> {
  switch (command) {
    case 'run':
    case 'step':
      // Templates the gates read from the repository are loaded before anything is committed.
      await checkGates(input.gates, repo.root, input.namespace);
      // A release that moves on needs its notification URLs: missing ones are bad input up front.
      return withEngine(input, repo, notifying(context, input, true), (engine) =>
        engine.run({ image: options.image, once: command === 'step' }),
      );
    case 'promote':
      return withEngine(input, repo, notifying(context, input, false), (engine) =>
        engine.promote(options.full === true),
      );
    case 'abort':
      return withEngine(input, repo, notifying(context, input, false), (engine) => engine.abort());
    case 'plan':
      for (const step of await planDiffs(input, repo.root, options.image!)) {
        if (options.json) {
          printOut(JSON.stringify(step));
          continue;
        }
        printOut(
          `# [${step.index}/${input.steps.length}] ${step.summary}${step.commits ? '' : ' (no commit)'}`,
        );
        if (step.diff) printOut(step.diff.trimEnd());
      }
      return EXIT.ok;
    case 'status': {
      const status = await releaseStatus(input, repo);
      printOut(options.json ? JSON.stringify(status) : describeStatus(status));
      return EXIT.ok;
    }
    case 'validate': {
      await checkGates(input.gates, repo.root, input.namespace);
      const report = await validateRelease(input, repo.root);
      if (options.json) printOut(JSON.stringify(report));
      else for (const line of report.lines) printOut(line);
      return EXIT.ok;
    }
  }
}

/**
 * The adapter's reporter wrapped with the config's notifications (src/notify). `strict`: a missing
 * notification URL is refused before anything is committed (run, step); abort and promote go on.
 */
function notifying(
  context: ReleaseCommandContext & { loaded: LoadedConfig },
  input: ReleaseInput,
  strict: boolean,
): (engine: () => ReleaseEngine | undefined) => Reporter {
  return (engine) =>
    withNotifications(context.reporter, context.loaded, {
      gates: input.gates,
      strict,
      snapshot: async () => {
        const progress = await engine()?.progress();
        return (
          progress && {
            step: { index: progress.stepIndex, total: progress.total },
            weight: progress.weight,
            phase: progress.phase,
            image: progress.image,
            stableImage: progress.stableImage,
            commit: progress.lastCommit.sha,
          }
        );
      },
    });
}

async function withEngine(
  input: ReleaseInput,
  repo: Repository,
  makeReporter: (engine: () => ReleaseEngine | undefined) => Reporter,
  act: (engine: ReleaseEngine) => Promise<{ exitCode: number }>,
): Promise<number> {
  let engine: ReleaseEngine | undefined;
  const reporter = makeReporter(() => engine);
  const controller = new AbortController();
  const stop = () =>
    controller.abort(
      new GitcanaryError('INTERRUPTED', 'interrupted; nothing more was committed', {
        hint: 'run again to resume from the Git history',
      }),
    );
  // A cancelled workflow run sends SIGINT, then SIGTERM: both stop without a rollback commit.
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    engine = new ReleaseEngine(input, {
      repo,
      reporter,
      createGate: (name, config) => createGate(name, config as Parameters<typeof createGate>[1]),
      signal: controller.signal,
    });
    return (await act(engine)).exitCode;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await reporter.flush?.();
  }
}

async function withRepository(
  loaded: LoadedConfig,
  options: ReleaseCommandOptions,
  use: (repo: Repository) => Promise<number>,
): Promise<number> {
  const { git } = loaded.config.spec;
  const fromEnv = git.tokenEnv === undefined ? undefined : secretFromEnv(git.tokenEnv);
  const token = fromEnv || options.token || undefined;
  const repo = await openRepository({
    repo: git.repo,
    branch: git.branch,
    author: git.author ?? DEFAULT_AUTHOR,
    ...(token ? { token } : {}),
    ...(options.workdir ? { workdir: options.workdir } : {}),
  });
  try {
    return await use(repo);
  } finally {
    await repo.close();
  }
}
