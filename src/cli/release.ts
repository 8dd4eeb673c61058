import type { Command } from 'commander';
import { type LoadedConfig, loadConfig } from '../config/index.js';
import { planDiffs } from '../engine/plan.js';
import type { ReleaseResult } from '../engine/release.js';
import { ReleaseEngine } from '../engine/release.js';
import { releaseInput } from '../engine/setup.js';
import { releaseStatus } from '../engine/status.js';
import { validateRelease } from '../engine/validate.js';
import { GitcanaryError } from '../errors.js';
import { createGate } from '../gates/index.js';
import { openRepository, type Repository } from '../git/index.js';
import { withNotifications } from '../notify/index.js';
import { colorEnabled, type Reporter, renderStatus } from '../report/index.js';
import { secretFromEnv } from '../report/secrets.js';
import { type CommandOutput, EXIT, type OutputOptions, releaseAction } from './output.js';

// `run`, `step`, `plan`, `status`, `promote`, `abort`, `validate`: thin adapters over the engine.

interface ReleaseOptions extends OutputOptions {
  config: string;
  workdir?: string;
  image?: string;
  supersede?: boolean;
}

const DEFAULT_AUTHOR = { name: 'gitcanary', email: 'gitcanary@users.noreply.github.com' };

export function registerReleaseCommands(program: Command): void {
  const common = (command: Command): Command =>
    command
      .option('-c, --config <file>', 'release config', 'gitcanary.yaml')
      .option('--workdir <dir>', 'use this clone of the GitOps repository instead of a temporary one')
      .option('--json', 'one JSON event per line')
      .option('--dotenv <file>', 'write where the release stands as KEY=value lines (GitLab dotenv report)')
      .option('--junit <file>', 'write each gate evaluation as a JUnit XML test case');

  common(
    program.command('run').description('drive the whole release; exit when promoted, rolled back or paused'),
  )
    .option('--image <ref>', 'candidate image (required to start a release)')
    .option('--no-supersede', 'refuse a new image while a release is in progress')
    .action(releaseAction('run', (options: ReleaseOptions, output) => drive(options, false, output)));

  common(program.command('step').description('advance at most one commit, then exit (scheduled CI jobs)'))
    .option('--image <ref>', 'candidate image (required to start a release)')
    .option('--no-supersede', 'refuse a new image while a release is in progress')
    .action(releaseAction('step', (options: ReleaseOptions, output) => drive(options, true, output)));

  common(program.command('plan').description("print every step's diff; write nothing"))
    .requiredOption('--image <ref>', 'candidate image')
    .action(
      releaseAction('plan', async (options: ReleaseOptions, output) => {
        const loaded = await loadConfig(options.config);
        return withRepository(loaded, options, output, async (repo) => {
          const input = releaseInput(loaded);
          for (const step of await planDiffs(input, repo.root, options.image!)) {
            output.answer('plan', step, () =>
              [
                `# [${step.index}/${input.steps.length}] ${step.summary}${step.commits ? '' : ' (no commit)'}`,
                ...(step.diff ? [step.diff.trimEnd()] : []),
              ].join('\n'),
            );
          }
          return EXIT.ok;
        });
      }),
    );

  common(program.command('status').description('where the release stands, read from Git')).action(
    releaseAction('status', async (options: ReleaseOptions, output) => {
      const loaded = await loadConfig(options.config);
      return withRepository(loaded, options, output, async (repo) => {
        const now = new Date();
        const status = await releaseStatus(releaseInput(loaded), repo, { now, evidence: true });
        output.files.observe(status, { verdicts: true });
        output.answer('status', status, () =>
          renderStatus(status, {
            now,
            color: colorEnabled(process.env, process.stdout.isTTY === true),
          }).trimEnd(),
        );
        return EXIT.ok;
      });
    }),
  );

  common(program.command('promote').description('go on past the current pause; --full promotes now'))
    .option('--full', 'skip every remaining step and promote')
    .action(
      releaseAction('promote', async (options: ReleaseOptions & { full?: boolean }, output) =>
        withEngine(options, output, (engine) => engine.promote(options.full === true)),
      ),
    );

  common(program.command('abort').description('roll back: one commit with stable-only traffic')).action(
    releaseAction('abort', async (options: ReleaseOptions, output) =>
      withEngine(options, output, (engine) => engine.abort()),
    ),
  );

  common(program.command('validate').description('check the config and every manifest it references')).action(
    releaseAction('validate', async (options: ReleaseOptions, output) => {
      const loaded = await loadConfig(options.config);
      return withRepository(loaded, options, output, async (repo) => {
        const report = await validateRelease(releaseInput(loaded), repo.root);
        output.answer('validation', report, () => report.lines.join('\n'));
        return EXIT.ok;
      });
    }),
  );
}

async function drive(options: ReleaseOptions, once: boolean, output: CommandOutput): Promise<number> {
  // A release that moves on needs its notification URLs: missing ones are bad input up front.
  return withEngine(options, output, (engine) => engine.run({ image: options.image, once }), {
    strict: true,
  });
}

async function withEngine(
  options: ReleaseOptions,
  output: CommandOutput,
  act: (engine: ReleaseEngine) => Promise<ReleaseResult>,
  notify: { strict: boolean } = { strict: false },
): Promise<number> {
  const loaded = await loadConfig(options.config);
  let engine: ReleaseEngine | undefined;
  const reporter: Reporter = withNotifications(output.reporter, loaded, {
    gates: releaseInput(loaded).gates,
    strict: notify.strict,
    snapshot: async () => {
      const progress = await engine?.progress();
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
  return withRepository(loaded, options, output, async (repo) => {
    const controller = new AbortController();
    const stop = () =>
      controller.abort(
        new GitcanaryError('INTERRUPTED', 'interrupted; nothing more was committed', {
          hint: 'run again to resume from the Git history',
        }),
      );
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    try {
      // commander sets `supersede: true` when `--no-supersede` is absent: only the flag overrides the config.
      const supersede = options.supersede === false ? { supersede: false } : {};
      engine = new ReleaseEngine(releaseInput(loaded, supersede), {
        repo,
        reporter,
        createGate: (name, config) => createGate(name, config as Parameters<typeof createGate>[1]),
        signal: controller.signal,
      });
      const result = await act(engine);
      return result.exitCode;
    } finally {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      await reporter.flush?.();
    }
  });
}

async function withRepository(
  loaded: LoadedConfig,
  options: ReleaseOptions,
  output: CommandOutput,
  use: (repo: Repository) => Promise<number>,
): Promise<number> {
  const { git } = loaded.config.spec;
  const token = git.tokenEnv === undefined ? undefined : secretFromEnv(git.tokenEnv);
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
    // Also after a failure: the report files say where the release stands when the state is known.
    await output.settle(() => releaseStatus(releaseInput(loaded), repo));
    await repo.close();
  }
}
