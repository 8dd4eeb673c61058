import type { Command } from 'commander';
import {
  type ConfigWarning,
  configWarnings,
  imageWarning,
  type LoadedConfig,
  loadConfig,
} from '../config/index.js';
import { loadTargetTree, observeAll, observeImages } from '../engine/apply.js';
import { planDiffs } from '../engine/plan.js';
import type { ReleaseResult } from '../engine/release.js';
import { ReleaseEngine } from '../engine/release.js';
import { releaseInput } from '../engine/setup.js';
import { describeStatus, releaseStatus } from '../engine/status.js';
import { validateRelease } from '../engine/validate.js';
import { GitcanaryError } from '../errors.js';
import { createGate } from '../gates/index.js';
import { openRepository, type Repository, type SigningOptions } from '../git/index.js';
import { ConsoleReporter, JsonReporter, type Reporter } from '../report/index.js';
import { secretFromEnv } from '../report/secrets.js';
import { parseImageRef } from '../targets/image-ref.js';
import { action, EXIT, interruptSignal, printErr, printOut } from './output.js';

// `run`, `step`, `plan`, `status`, `promote`, `abort`, `validate`: thin adapters over the engine.

interface ReleaseOptions {
  config: string;
  workdir?: string;
  json?: boolean;
  image?: string;
  supersede?: boolean;
}

const DEFAULT_AUTHOR = { name: 'gitcanary', email: 'gitcanary@users.noreply.github.com' };

export function registerReleaseCommands(program: Command): void {
  const common = (command: Command): Command =>
    command
      .option('-c, --config <file>', 'release config', 'gitcanary.yaml')
      .option('--workdir <dir>', 'use this clone of the GitOps repository instead of a temporary one')
      .option('--json', 'one JSON event per line');

  common(
    program.command('run').description('drive the whole release; exit when promoted, rolled back or paused'),
  )
    .option('--image <ref>', 'candidate image (required to start a release)')
    .option('--no-supersede', 'refuse a new image while a release is in progress')
    .action(action((options: ReleaseOptions) => drive(options, false)));

  common(program.command('step').description('advance at most one commit, then exit (scheduled CI jobs)'))
    .option('--image <ref>', 'candidate image (required to start a release)')
    .option('--no-supersede', 'refuse a new image while a release is in progress')
    .action(action((options: ReleaseOptions) => drive(options, true)));

  common(program.command('plan').description("print every step's diff; write nothing"))
    .requiredOption('--image <ref>', 'candidate image')
    .action(
      action(async (options: ReleaseOptions) => {
        const loaded = await loadConfig(options.config);
        return withRepository(loaded, options, async (repo) => {
          const input = releaseInput(loaded);
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
        });
      }),
    );

  common(program.command('status').description('where the release stands, read from Git')).action(
    action(async (options: ReleaseOptions) => {
      const loaded = await loadConfig(options.config);
      return withRepository(loaded, options, async (repo) => {
        const status = await releaseStatus(releaseInput(loaded), repo);
        printOut(options.json ? JSON.stringify(status) : describeStatus(status));
        return EXIT.ok;
      });
    }),
  );

  common(program.command('promote').description('go on past the current pause; --full promotes now'))
    .option('--full', 'skip every remaining step and promote')
    .action(
      action(async (options: ReleaseOptions & { full?: boolean }) =>
        withEngine(options, (engine) => engine.promote(options.full === true)),
      ),
    );

  common(program.command('abort').description('roll back: one commit with stable-only traffic')).action(
    action(async (options: ReleaseOptions) => withEngine(options, (engine) => engine.abort())),
  );

  common(program.command('validate').description('check the config and every manifest it references')).action(
    action(async (options: ReleaseOptions) => {
      const loaded = await loadConfig(options.config);
      return withRepository(loaded, options, async (repo) => {
        const report = await validateRelease(releaseInput(loaded), repo.root);
        const warnings = configWarnings(loaded.config, process.env);
        if (options.json) printOut(JSON.stringify({ ...report, warnings }));
        else {
          for (const line of report.lines) printOut(line);
          for (const warning of warnings) printOut(`warn ${warning.field}: ${warning.message}`);
        }
        return EXIT.ok;
      });
    }),
  );
}

async function drive(options: ReleaseOptions, once: boolean): Promise<number> {
  // A candidate that is no image reference is bad input before anything else happens.
  if (options.image !== undefined) {
    try {
      parseImageRef(options.image);
    } catch (error) {
      if (!(error instanceof GitcanaryError)) throw error;
      throw new GitcanaryError(error.code, error.message, { field: '--image', hint: error.hint });
    }
  }
  return withEngine(options, async (engine, warn, repo, loaded) => {
    const warning = await readTargets(releaseInput(loaded), repo.root, options.image);
    if (warning) warn(warning);
    return engine.run({ image: options.image, once });
  });
}

async function withEngine(
  options: ReleaseOptions,
  act: (
    engine: ReleaseEngine,
    warn: (warning: ConfigWarning) => void,
    repo: Repository,
    loaded: LoadedConfig,
  ) => Promise<ReleaseResult>,
): Promise<number> {
  const loaded = await loadConfig(options.config);
  const reporter: Reporter = options.json ? new JsonReporter() : new ConsoleReporter(printErrOrOut);
  const warn = (warning: ConfigWarning) => reporter.event({ type: 'warning', ...warning });
  for (const warning of configWarnings(loaded.config, process.env)) warn(warning);
  return withRepository(loaded, options, async (repo) => {
    // commander sets `supersede: true` when `--no-supersede` is absent: only the flag overrides the config.
    const supersede = options.supersede === false ? { supersede: false } : {};
    const engine = new ReleaseEngine(releaseInput(loaded, supersede), {
      repo,
      reporter,
      createGate: (name, config) => createGate(name, config as Parameters<typeof createGate>[1]),
      // SIGINT/SIGTERM (src/cli/output.ts): waits stop, gate process groups are killed, no commit.
      signal: interruptSignal,
    });
    const result = await act(engine, warn, repo, loaded);
    return result.exitCode;
  });
}

/**
 * What `validate` reads first, before any commit: a manifest no target can read is refused. With a
 * candidate, whether it comes from the repository the canary runs now. The tree is dropped on
 * return (a large manifest is not held while the release runs).
 */
async function readTargets(
  input: ReturnType<typeof releaseInput>,
  root: string,
  image: string | undefined,
): Promise<ConfigWarning | undefined> {
  const tree = await loadTargetTree(input.targets, root);
  observeAll(input.targets, tree);
  return image === undefined
    ? undefined
    : imageWarning(observeImages(input.targets, tree).canaryImage, image);
}

/** Console lines: warnings to stderr (they are not the release's progress), the rest to stdout. */
function printErrOrOut(line: string): void {
  if (line.startsWith('warning: ')) printErr(line);
  else printOut(line);
}

async function withRepository(
  loaded: LoadedConfig,
  options: ReleaseOptions,
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
    signing: signingOptions(git.signing),
    signal: interruptSignal,
  });
  try {
    return await use(repo);
  } finally {
    await repo.close();
  }
}

/** The signing key from the config or the variable it names; an ssh private key's text is passed as such. */
function signingOptions(
  signing: LoadedConfig['config']['spec']['git']['signing'],
): SigningOptions | undefined {
  if (signing === undefined) return undefined;
  if (signing.keyEnv === undefined) return { format: signing.format, key: signing.key };
  const value = secretFromEnv(signing.keyEnv);
  if (value === undefined || value.trim() === '') {
    throw new GitcanaryError('CONFIG_INVALID', `${signing.keyEnv} is not set, so commits cannot be signed`, {
      field: 'spec.git.signing.keyEnv',
      hint: 'export the signing key (a path, a key id, or an ssh private key) in that variable',
    });
  }
  return value.includes('PRIVATE KEY-----')
    ? { format: signing.format, privateKey: value }
    : { format: signing.format, key: value.trim() };
}
