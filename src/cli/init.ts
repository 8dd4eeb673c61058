import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { action, printErr, printOut } from './output.js';

// `gitcanary init --from <manifest> --repo <url>`: a release config from an existing Argo Rollout
// or Flagger Canary, printed (or written with -o). It never commits; what it could not carry over
// is listed in the file's header and on stderr.

interface InitCliOptions {
  from: string;
  repo: string;
  branch: string;
  output?: string;
  root?: string;
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('write a gitcanary.yaml from an existing Argo Rollout or Flagger Canary; commits nothing')
    .requiredOption(
      '--from <manifest>',
      'the Rollout or Canary manifest, in a checkout of the GitOps repository',
    )
    .requiredOption('--repo <url>', 'GitOps repository URL for spec.git.repo')
    .option('--branch <name>', 'branch gitcanary commits to', 'main')
    .option('-o, --output <file>', 'write the config here instead of printing it')
    .option('--root <dir>', 'root of the checkout (default: the git top level of --from)')
    .action(
      action(async (options: InitCliOptions) => {
        const { adoptManifest } = await import('../adopt/index.js');
        const { text, adoption } = await adoptManifest(options);
        for (const line of adoption.dropped) printErr(`warning: not carried over: ${line}`);
        if (options.output === undefined) {
          process.stdout.write(text);
        } else {
          await writeFile(options.output, text);
          printOut(`wrote ${options.output}`);
        }
        return 0;
      }),
    );
}
