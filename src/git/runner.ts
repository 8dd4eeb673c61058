import { type SimpleGit, simpleGit } from 'simple-git';
import { GitcanaryError } from '../errors.js';
import { maskSecrets, registerSecret } from '../shared/secrets.js';

export interface GitIdentity {
  name: string;
  email: string;
}

// Variables that would make git open an editor/pager, point it at another repository (set when
// we run inside a git hook) or backdate our commits.
const DROPPED_ENV = [
  'EDITOR',
  'VISUAL',
  'GIT_EDITOR',
  'GIT_SEQUENCE_EDITOR',
  'PAGER',
  'GIT_PAGER',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_INDEX_FILE',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_DATE',
];

/**
 * The environment every git command of one repository runs with: the operator's (ssh agent,
 * proxies), no prompts, untranslated messages (we match on push rejections), our identity, and
 * for https remotes the token as a per-command `http.<origin>/.extraheader`.
 */
export function gitEnvironment(
  identity: GitIdentity,
  auth?: { remote: string; token: string },
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  for (const key of DROPPED_ENV) delete env[key];
  Object.assign(env, {
    GIT_TERMINAL_PROMPT: '0',
    LC_ALL: 'C',
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  });
  const origin = auth === undefined ? undefined : httpsOrigin(auth.remote);
  if (auth !== undefined && origin !== undefined) {
    // GitHub's git endpoint takes the token as basic auth for x-access-token, like actions/checkout.
    const basic = Buffer.from(`x-access-token:${auth.token}`).toString('base64');
    registerSecret(auth.token);
    registerSecret(basic);
    // GIT_CONFIG_* is `git -c` without the argv (readable by every user via ps); an empty value
    // first resets headers a persisted checkout left, since two Authorization headers get a 400.
    const first = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
    const key = `http.${origin}/.extraheader`;
    env[`GIT_CONFIG_KEY_${first}`] = key;
    env[`GIT_CONFIG_VALUE_${first}`] = '';
    env[`GIT_CONFIG_KEY_${first + 1}`] = key;
    env[`GIT_CONFIG_VALUE_${first + 1}`] = `AUTHORIZATION: basic ${basic}`;
    env.GIT_CONFIG_COUNT = String(first + 2);
  }
  return env;
}

/** `https://host[:port]` of an https remote URL (credentials dropped), else undefined. */
export function httpsOrigin(remote: string): string | undefined {
  if (!/^https:\/\//i.test(remote)) return undefined;
  try {
    return new URL(remote).origin;
  } catch {
    return undefined;
  }
}

/**
 * Runs git in one directory with one environment; every failure becomes a masked GIT_FAILED.
 * simple-git waits 50 ms more after a command that printed nothing, so callers prefer
 * `--verbose` to `--quiet` on the hot path (commitStep).
 */
export class GitRunner {
  private readonly git: SimpleGit;

  constructor(
    readonly cwd: string,
    env: Record<string, string>,
  ) {
    this.git = simpleGit({
      baseDir: cwd,
      // simple-git vets argv (which we build) and the environment (the operator's, trusted here).
      unsafe: {
        allowUnsafeAskPass: true,
        allowUnsafeConfigEnvCount: true,
        allowUnsafeConfigPaths: true,
        allowUnsafeGitProxy: true,
        allowUnsafeSshCommand: true,
        allowUnsafeTemplateDir: true,
        allowUnsafeDiffExternal: true,
      },
    }).env(env);
  }

  /** Output of `git <args>` (untrimmed); throws GIT_FAILED with the masked message. */
  async run(args: readonly string[]): Promise<string> {
    try {
      return await this.git.raw([...args]);
    } catch (error) {
      throw gitFailure(args, error);
    }
  }

  /** Like `run`, but hands git's masked error text to `classify` first (push rejections). */
  async runOr<T>(args: readonly string[], classify: (message: string) => T | undefined): Promise<string | T> {
    try {
      return await this.git.raw([...args]);
    } catch (error) {
      const classified = classify(maskSecrets(errorText(error)));
      if (classified !== undefined) return classified;
      throw gitFailure(args, error);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function gitFailure(args: readonly string[], error: unknown): GitcanaryError {
  const text = errorText(error).trim().replace(/\n+/g, '; ');
  return new GitcanaryError('GIT_FAILED', maskSecrets(`git ${args[0] ?? ''} failed: ${text}`));
}

/** Newlines and other control characters: never part of a ref, URL or trailer value. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Rejects values git would read as an option (`-x`), so user input can't inject flags. */
export function assertNotOption(what: string, value: string): void {
  if (value === '' || value.startsWith('-') || CONTROL_CHARACTERS.test(value)) {
    throw new GitcanaryError('GIT_FAILED', `${what} ${JSON.stringify(maskSecrets(value))} is not valid`, {
      hint: `${what} must be non-empty, on one line and not start with "-"`,
    });
  }
}
