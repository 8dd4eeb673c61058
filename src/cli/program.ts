import { Command, CommanderError } from 'commander';
import { GitcanaryError } from '../errors.js';
import { registerImageCommands, registerWeightCommands } from './edit-commands.js';
import { registerInitCommand } from './init.js';
import { EXIT, lastExitCode, reportError, resetExitCode } from './output.js';
import { registerReleaseCommands } from './release.js';

// The CLI is a thin adapter: it parses arguments, builds typed options and calls the library.

export function buildProgram(): Command {
  const program = new Command('gitcanary')
    .description('Canary releases through Git: every step is a commit to your GitOps repository.')
    .version('0.1.0')
    .showHelpAfterError()
    // Usage errors (unknown option, missing argument) are thrown to `main`, which exits 2.
    .exitOverride();
  registerReleaseCommands(program);
  registerInitCommand(program);
  const set = program.command('set').description('edit manifests in place, without committing');
  const get = program.command('get').description('read canary state from manifests');
  registerWeightCommands(set, get);
  registerImageCommands(set);
  return program;
}

/**
 * Runs the CLI on `argv` (`process.argv` form: node, script, arguments) and returns the exit code.
 * bin/gitcanary.js sets it as the process's; tests call this in-process.
 */
export async function main(argv: readonly string[]): Promise<number> {
  resetExitCode();
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // --help and --version exit 0; commander already printed its usage message.
    if (error.exitCode === 0) return EXIT.ok;
    if (argv.includes('--json')) {
      reportError(new GitcanaryError('USAGE', error.message.replace(/^error: /, '')), true, false);
    }
    return EXIT.badInput;
  }
  return lastExitCode();
}
