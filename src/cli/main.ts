import { Command } from 'commander';
import { registerInitCommand } from './init.js';
import { registerReleaseCommands } from './release.js';
import { registerImageCommands } from './set-image.js';
import { registerWeightCommands } from './set-weight.js';

// The CLI is a thin adapter: it parses arguments, builds typed options and calls the library.

export function buildProgram(): Command {
  const program = new Command('gitcanary')
    .description('Canary releases through Git: every step is a commit to your GitOps repository.')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride((error) => {
      // Usage errors (unknown option, missing argument) exit 2 like other bad input.
      process.exit(error.exitCode === 0 ? 0 : 2);
    });
  registerReleaseCommands(program);
  registerInitCommand(program);
  const set = program.command('set').description('edit manifests in place, without committing');
  const get = program.command('get').description('read canary state from manifests');
  registerWeightCommands(set, get);
  registerImageCommands(set);
  return program;
}

// A reader that closes early (`gitcanary status | head -1`) must not crash a release mid-step.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

await buildProgram().parseAsync(process.argv);
