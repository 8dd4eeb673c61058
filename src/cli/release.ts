import type { Command } from 'commander';
import type { ReleaseCommand, ReleaseCommandOptions } from './commands.js';
import { type OutputOptions, releaseAction } from './output.js';

// `run`, `step`, `plan`, `status`, `promote`, `abort`, `validate`: commander options in, the shared
// command path (commands.ts, also behind the GitHub Action) out.

export function registerReleaseCommands(program: Command): void {
  const common = (command: Command): Command =>
    command
      .option('-c, --config <file>', 'release config', 'gitcanary.yaml')
      .option('--workdir <dir>', 'use this clone of the GitOps repository instead of a temporary one')
      .option('--json', 'one JSON event per line')
      .option('--dotenv <file>', 'write where the release stands as KEY=value lines (GitLab dotenv report)')
      .option('--junit <file>', 'write each gate evaluation as a JUnit XML test case');
  // The output (console or JSON, report files, errors as events) wraps the shared command path,
  // loaded when a command runs: `--help` and `--version` never load the engine, gates or git.
  const act = (name: ReleaseCommand) =>
    releaseAction(name, async (options: ReleaseCommandOptions & OutputOptions, output) => {
      const { runReleaseCommand } = await import('./commands.js');
      return runReleaseCommand(name, options, output);
    });

  // commander sets `supersede: true` unless `--no-supersede` is given: only the flag overrides the config.
  common(
    program.command('run').description('drive the whole release; exit when promoted, rolled back or paused'),
  )
    .option('--image <ref>', 'candidate image (required to start a release)')
    .option('--no-supersede', 'refuse a new image while a release is in progress')
    .action(act('run'));

  common(program.command('step').description('advance at most one commit, then exit (scheduled CI jobs)'))
    .option('--image <ref>', 'candidate image (required to start a release)')
    .option('--no-supersede', 'refuse a new image while a release is in progress')
    .action(act('step'));

  common(program.command('plan').description("print every step's diff; write nothing"))
    .requiredOption('--image <ref>', 'candidate image')
    .action(act('plan'));

  common(program.command('status').description('where the release stands, read from Git')).action(
    act('status'),
  );

  common(program.command('promote').description('go on past the current pause; --full promotes now'))
    .option('--full', 'skip every remaining step and promote')
    .action(act('promote'));

  common(program.command('abort').description('roll back: one commit with stable-only traffic')).action(
    act('abort'),
  );

  common(program.command('validate').description('check the config and every manifest it references')).action(
    act('validate'),
  );
}
