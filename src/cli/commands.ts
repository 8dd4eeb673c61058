import { hostname } from 'node:os';
import {
  type ConfigWarning,
  configWarnings,
  imageWarning,
  type LoadedConfig,
  loadConfig,
} from '../config/index.js';
import { actorFrom } from '../engine/actor.js';
import { loadTargetTree, observeAll, observeImages } from '../engine/apply.js';
import { planDiffs } from '../engine/plan.js';
import { ReleaseEngine, type ReleaseInput } from '../engine/release.js';
import { releaseInput } from '../engine/setup.js';
import { type ReleaseStatus, releaseStatus } from '../engine/status.js';
import type { StepApproval } from '../engine/types.js';
import { validateRelease } from '../engine/validate.js';
import { GitcanaryError } from '../errors.js';
import type { Forge } from '../forges/index.js';
import { checkGates, createGate } from '../gates/index.js';
import { openRepository, type Repository, type SigningOptions } from '../git/index.js';
import { notifiesAnything } from '../notify/wanted.js';
import { colorEnabled, type Reporter, renderStatus } from '../report/index.js';
import { registerSecret, secretFromEnv } from '../report/secrets.js';
import { parseImageRef } from '../targets/image-ref.js';
import { EXIT, interruptSignal, printOut } from './output.js';

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
  /** The answer of plan, status and validate (default: printed, one JSON line with `--json`). */
  answer?(type: 'status' | 'plan' | 'validation', value: object, text: () => string): void;
  /** Where the release stands as the command ends, also after a failure (the report files). */
  settle?(read: () => Promise<ReleaseStatus>): Promise<void>;
  /** `status`: the status it read, with the commits' verdicts (the report files). */
  observeStatus?(status: ReleaseStatus): void;
}

/** The adapter's answer, or printed as it is: JSON with `--json`, else text. */
function answerOf(
  context: ReleaseCommandContext,
  options: ReleaseCommandOptions,
): NonNullable<ReleaseCommandContext['answer']> {
  if (context.answer) return context.answer.bind(context);
  return (type, value, text) => printOut(options.json ? JSON.stringify({ type, ...value }) : text());
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
  const input = releaseInput(
    loaded,
    // Only an explicit refusal overrides the config's `options.supersede`.
    options.supersede === false ? { supersede: false } : {},
  );
  return withRepository(loaded, options, context, input, async (repo) => {
    const code = await perform(command, options, context, loaded, input, repo);
    await context.inspect?.({ loaded, input, repo });
    return code;
  });
}

async function perform(
  command: ReleaseCommand,
  options: ReleaseCommandOptions,
  context: ReleaseCommandContext,
  loaded: LoadedConfig,
  input: ReleaseInput,
  repo: Repository,
): Promise<number> {
  switch (command) {
    case 'run':
    case 'step': {
      // A candidate that is no image reference is bad input before anything else happens.
      if (options.image !== undefined) candidate(options.image);
      // Templates the gates read from the repository are loaded before anything is committed.
      await checkGates(input.gates, repo.root, input.namespace);
      // A release that moves on needs its notification URLs: missing ones are bad input up front.
      const forge = await forgeOf(loaded, options, context);
      const approval = approvalOf(forge, loaded);
      const reporter = withStatuses(forge, input, await notifying(context, loaded, input, true));
      return withEngine(
        input,
        repo,
        reporter,
        async (engine, warn) => {
          for (const warning of configWarnings(loaded.config, process.env)) warn(warning);
          const warning = await readTargets(input, repo.root, options.image);
          if (warning) warn(warning);
          return engine.run({ image: options.image, once: command === 'step' });
        },
        approval,
      );
    }
    case 'promote':
      return withEngine(
        input,
        repo,
        withStatuses(
          await forgeOf(loaded, options, context),
          input,
          await notifying(context, loaded, input, false),
        ),
        (engine) => engine.promote(options.full === true, actorFrom(process.env)),
      );
    case 'abort': {
      // An abort also closes the pull request the release was waiting on.
      const forge = await forgeOf(loaded, options, context);
      return withEngine(
        input,
        repo,
        withStatuses(forge, input, await notifying(context, loaded, input, false)),
        (engine) => engine.abort(),
        approvalOf(forge, loaded),
      );
    }
    case 'plan': {
      const answer = answerOf(context, options);
      for (const step of await planDiffs(input, repo.root, options.image!)) {
        answer('plan', step, () =>
          [
            `# [${step.index}/${input.steps.length}] ${step.summary}${step.commits ? '' : ' (no commit)'}`,
            ...(step.diff ? [step.diff.trimEnd()] : []),
          ].join('\n'),
        );
      }
      return EXIT.ok;
    }
    case 'status': {
      const now = new Date();
      const status = await releaseStatus(input, repo, { now, evidence: true });
      context.observeStatus?.(status);
      answerOf(context, options)('status', status, () =>
        renderStatus(status, {
          now,
          color: colorEnabled(process.env, process.stdout.isTTY === true),
        }).trimEnd(),
      );
      return EXIT.ok;
    }
    case 'validate': {
      await checkGates(input.gates, repo.root, input.namespace);
      const report = await validateRelease(input, repo.root);
      const warnings = configWarnings(loaded.config, process.env);
      answerOf(context, options)('validation', { ...report, warnings }, () =>
        [...report.lines, ...warnings.map((warning) => `warn ${warning.field}: ${warning.message}`)].join(
          '\n',
        ),
      );
      return EXIT.ok;
    }
  }
}

/**
 * The adapter's reporter wrapped with the config's notifications (src/notify). `strict`: a missing
 * notification URL is refused before anything is committed (run, step); abort and promote go on.
 * The notifier (providers, payloads, event webhooks) is loaded only for a config that notifies.
 */
async function notifying(
  context: ReleaseCommandContext,
  loaded: LoadedConfig,
  input: ReleaseInput,
  strict: boolean,
): Promise<(engine: () => ReleaseEngine | undefined) => Reporter> {
  if (!notifiesAnything(loaded.config, input.gates)) return () => context.reporter;
  const { withNotifications } = await import('../notify/index.js');
  return (engine) =>
    withNotifications(context.reporter, loaded, {
      gates: input.gates,
      strict,
      jobUrl: input.jobUrl,
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

/** The forge a release uses, with the promotion code that drives it (both loaded only then). */
interface ForgeUse {
  forge: Forge;
  release: string;
  promotion: typeof import('../promotion/index.js');
}

/**
 * The forge of `spec.forge` (or the CI's) when the config uses one — pull-request promotion or
 * commit statuses; its rate-limit waits are reported as progress. The GitHub and GitLab clients
 * are loaded only then: they are a third of the release path's code (docs/performance.md).
 */
async function forgeOf(
  loaded: LoadedConfig,
  options: ReleaseCommandOptions,
  context: ReleaseCommandContext,
): Promise<ForgeUse | undefined> {
  const { spec } = loaded.config;
  if (spec.promotion?.pullRequest === undefined && spec.forge === undefined) return undefined;
  const [{ createForge }, promotion] = await Promise.all([
    import('../forges/index.js'),
    import('../promotion/index.js'),
  ]);
  // The push token (the Action's `token` input) opens the pull requests when the forge's variable
  // is not set: on a runner it is the workflow's token for the same repository.
  const tokenEnv = spec.forge?.gitlab?.tokenEnv ?? spec.forge?.github?.tokenEnv;
  const fallback = options.token
    ? Object.fromEntries(
        [tokenEnv, 'GITHUB_TOKEN', 'GITLAB_TOKEN'].flatMap((name) =>
          name && !process.env[name] ? [[name, options.token]] : [],
        ),
      )
    : {};
  const forge = createForge(
    spec.forge,
    { ...process.env, ...fallback },
    {
      onWait: (message) => context.reporter.event({ type: 'progress', message }),
    },
  );
  return { forge, release: loaded.config.metadata.name, promotion };
}

/** Pull-request promotion, when the config asks for it. */
function approvalOf(forge: ForgeUse | undefined, loaded: LoadedConfig): StepApproval | undefined {
  const pullRequest = loaded.config.spec.promotion?.pullRequest;
  return forge && pullRequest
    ? new forge.promotion.ChangeRequestApproval(forge.forge, pullRequest)
    : undefined;
}

/** The reporter posting gate verdicts as commit statuses on the forge, when there is one. */
function withStatuses(
  forge: ForgeUse | undefined,
  input: ReleaseInput,
  makeReporter: (engine: () => ReleaseEngine | undefined) => Reporter,
): (engine: () => ReleaseEngine | undefined) => Reporter {
  if (forge === undefined) return makeReporter;
  return (engine) =>
    new forge.promotion.CommitStatusReporter(
      makeReporter(engine),
      forge.forge,
      input.name,
      async () => (await engine()?.progress())?.lastCommit.sha,
    );
}

async function withEngine(
  input: ReleaseInput,
  repo: Repository,
  makeReporter: (engine: () => ReleaseEngine | undefined) => Reporter,
  act: (engine: ReleaseEngine, warn: (warning: ConfigWarning) => void) => Promise<{ exitCode: number }>,
  approval?: StepApproval,
): Promise<number> {
  let engine: ReleaseEngine | undefined;
  const reporter = makeReporter(() => engine);
  const warn = (warning: ConfigWarning) => reporter.event({ type: 'warning', ...warning });
  try {
    engine = new ReleaseEngine(input, {
      repo,
      reporter,
      createGate: (name, config) => createGate(name, config as Parameters<typeof createGate>[1]),
      // SIGINT/SIGTERM (src/cli/output.ts): waits stop, gate process groups are killed, no commit.
      // A cancelled workflow run sends SIGINT, then SIGTERM.
      signal: interruptSignal,
      approval,
      // The lease holder other drivers are told about: the CI job's page, else this process.
      holder: input.jobUrl ?? `${hostname()}:${process.pid}`,
    });
    return (await act(engine, warn)).exitCode;
  } finally {
    await reporter.flush?.();
  }
}

/** `--image` as an image reference, or bad input naming the option. */
function candidate(image: string): void {
  try {
    parseImageRef(image);
  } catch (error) {
    if (!(error instanceof GitcanaryError)) throw error;
    throw new GitcanaryError(error.code, error.message, { field: '--image', hint: error.hint });
  }
}

/**
 * What `validate` reads first, before any commit: a manifest no target can read is refused. With a
 * candidate, whether it comes from the repository the canary runs now. The tree is dropped on
 * return (a large manifest is not held while the release runs).
 */
async function readTargets(
  input: ReleaseInput,
  root: string,
  image: string | undefined,
): Promise<ConfigWarning | undefined> {
  const tree = await loadTargetTree(input.targets, root);
  observeAll(input.targets, tree);
  return image === undefined
    ? undefined
    : imageWarning(observeImages(input.targets, tree).canaryImage, image);
}

async function withRepository(
  loaded: LoadedConfig,
  options: ReleaseCommandOptions,
  context: ReleaseCommandContext,
  input: ReleaseInput,
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
    paths: repositoryPaths(input),
    signing: signingOptions(git.signing),
    signal: interruptSignal,
  });
  try {
    return await use(repo);
  } finally {
    // Also after a failure: the report files say where the release stands when the state is known.
    await context.settle?.(() => releaseStatus(input, repo));
    await repo.close();
  }
}

/**
 * Every path of the GitOps repository a release reads or writes: the targets' manifests (and the
 * files they own, such as a header route) and what gates load from it (an AnalysisTemplate's or
 * MetricTemplate's `path`). The temporary clone checks out only these (docs/performance.md).
 */
export function repositoryPaths(input: ReleaseInput): string[] {
  const paths = input.targets.flatMap((bound) => [
    ...bound.target.files(bound.config),
    ...(bound.target.ownedFiles?.(bound.config) ?? []),
  ]);
  const gates = [
    ...Object.values(input.gates),
    ...(input.sync && 'gate' in input.sync ? [input.sync.gate] : []),
  ];
  for (const gate of gates) {
    if (gate === null || typeof gate !== 'object') continue;
    for (const block of Object.values(gate)) {
      const where =
        block !== null && typeof block === 'object' ? (block as { path?: unknown }).path : undefined;
      if (typeof where === 'string') paths.push(where);
    }
  }
  return [...new Set(paths)];
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
