import { RELEASE_COMMANDS, type ReleaseCommand, type ReleaseCommandOptions } from '../cli/commands.js';
import { GitcanaryError } from '../errors.js';

// The Action's inputs (action.yml) as the CLI's typed options. Inputs are read through a getter so
// this stays free of @actions/core: the runner passes `with:` values as INPUT_<NAME> variables.

export interface ActionInputs {
  command: ReleaseCommand;
  options: ReleaseCommandOptions;
  /** Folder the config path is relative to (the job's workspace by default). */
  workingDirectory: string;
  /** Exit code 3 (paused, or a pause still running) fails the job too. */
  failOnWaiting: boolean;
}

/** `getInput(name)` returns the input's value, '' when not given (as @actions/core does). */
export function parseInputs(getInput: (name: string) => string): ActionInputs {
  const text = (name: string) => getInput(name).trim();
  const flag = (name: string): boolean => {
    const value = text(name);
    // The YAML 1.2 core schema's booleans, as @actions/core getBooleanInput reads them.
    if (['true', 'True', 'TRUE'].includes(value)) return true;
    if (['false', 'False', 'FALSE', ''].includes(value)) return false;
    throw new GitcanaryError('USAGE', `input ${name} must be true or false; got ${JSON.stringify(value)}`, {
      field: `with.${name}`,
    });
  };
  const command = text('command') || 'run';
  if (!(RELEASE_COMMANDS as readonly string[]).includes(command)) {
    throw new GitcanaryError('USAGE', `unknown command ${JSON.stringify(command)}`, {
      field: 'with.command',
      hint: `one of ${RELEASE_COMMANDS.join(', ')}`,
    });
  }
  const image = text('image');
  const token = text('token');
  // As the CLI, whose other commands have no --image and only promote has --full.
  if (image && !['run', 'step', 'plan'].includes(command)) {
    throw new GitcanaryError('USAGE', `command ${command} takes no image`, {
      field: 'with.image',
      hint: 'pass image to run, step or plan only',
    });
  }
  if (flag('full') && command !== 'promote') {
    throw new GitcanaryError('USAGE', `full applies to promote, not ${command}`, { field: 'with.full' });
  }
  return {
    command: command as ReleaseCommand,
    options: {
      config: text('config') || 'gitcanary.yaml',
      json: flag('json'),
      full: flag('full'),
      ...(image ? { image } : {}),
      ...(token ? { token } : {}),
    },
    workingDirectory: text('working-directory') || '.',
    failOnWaiting: flag('fail-on-waiting'),
  };
}
