import { spawn } from 'node:child_process';
import { GitcanaryError } from '../errors.js';
import { type RetryPolicy, withRetries } from '../retry.js';
import { maskSecrets, registerSecret } from '../shared/secrets.js';

export interface GitIdentity {
  name: string;
  email: string;
}

/** Basic credentials for one http(s) origin (`https://host[:port]`), sent as a header, never stored. */
export interface GitCredentials {
  origin: string;
  username: string;
  password: string;
}

export interface GitEnvironmentOptions {
  credentials?: GitCredentials | undefined;
  /** Extra `git -c` settings for every command (signing, stall limits), passed through the environment. */
  config?: Readonly<Record<string, string>> | undefined;
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
 * Transports git may use. `ext::` runs a command and `fd::` reads a descriptor: a repository URL
 * from a config must never do either (git's own default policy already refuses `ext`).
 */
const ALLOWED_PROTOCOLS = 'file:git:http:https:ssh';

/**
 * The environment every git command of one repository runs with: the operator's (ssh agent,
 * proxies), no prompts, untranslated messages (we match on push rejections), our identity, and
 * settings as `GIT_CONFIG_*` variables: `git -c` without the argv (which every user can read with
 * `ps`) and without a file (a token in `.git/config` outlives the run). Credentials go out as a
 * `http.<origin>/.extraheader` for that origin only; an empty value first resets headers a
 * persisted checkout (actions/checkout) left, since two Authorization headers get a 400.
 */
export function gitEnvironment(
  identity: GitIdentity,
  options: GitEnvironmentOptions = {},
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  for (const key of DROPPED_ENV) delete env[key];
  Object.assign(env, {
    GIT_TERMINAL_PROMPT: '0',
    GIT_ALLOW_PROTOCOL: env.GIT_ALLOW_PROTOCOL ?? ALLOWED_PROTOCOLS,
    LC_ALL: 'C',
    GIT_AUTHOR_NAME: identity.name,
    GIT_AUTHOR_EMAIL: identity.email,
    GIT_COMMITTER_NAME: identity.name,
    GIT_COMMITTER_EMAIL: identity.email,
  });
  const settings: [string, string][] = [];
  const { credentials } = options;
  if (credentials !== undefined) {
    const basic = Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64');
    registerSecret(credentials.password);
    registerSecret(basic);
    const key = `http.${credentials.origin}/.extraheader`;
    settings.push([key, ''], [key, `AUTHORIZATION: basic ${basic}`]);
  }
  settings.push(...Object.entries(options.config ?? {}));
  let index = Number.parseInt(env.GIT_CONFIG_COUNT ?? '0', 10) || 0;
  for (const [key, value] of settings) {
    env[`GIT_CONFIG_KEY_${index}`] = key;
    env[`GIT_CONFIG_VALUE_${index}`] = value;
    index += 1;
  }
  if (settings.length > 0) env.GIT_CONFIG_COUNT = String(index);
  return env;
}

/** `https://host[:port]` (or `http://…`) of an http(s) remote URL, credentials dropped; else undefined. */
export function httpOrigin(remote: string): string | undefined {
  if (!/^https?:\/\//i.test(remote)) return undefined;
  try {
    return new URL(remote).origin;
  } catch {
    return undefined;
  }
}

export interface GitRunnerOptions {
  /** Aborting kills the running git process and fails every later command (SIGINT/SIGTERM). */
  signal?: AbortSignal | undefined;
  /** Retry policy of commands that talk to the remote (default: src/retry.ts). */
  retry?: RetryPolicy | undefined;
}

/**
 * Runs git in one directory with one environment; every failure becomes a masked GIT_FAILED.
 * Spawned directly (one process per command, no wrapper): simple-git, used before, waited 50 ms
 * after every command that printed nothing and added its own work per call, which made a step's
 * nine git commands cost more than the git work itself (docs/performance.md).
 */
export class GitRunner {
  constructor(
    readonly cwd: string,
    private readonly env: Record<string, string>,
    private readonly options: GitRunnerOptions = {},
  ) {}

  /** Output of `git <args>` (untrimmed); throws GIT_FAILED with the masked message. */
  async run(args: readonly string[]): Promise<string> {
    const result = await this.exec(args);
    if (result.code !== 0) throw this.failure(args, result.message);
    return result.stdout;
  }

  /** Like `run`, but hands git's masked error text to `classify` first (push rejections). */
  async runOr<T>(
    args: readonly string[],
    classify: (message: string) => T | undefined,
    /** Variables set for this one command (a commit's date). */
    extraEnv?: Record<string, string>,
  ): Promise<string | T> {
    const result = await this.exec(args, extraEnv);
    if (result.code === 0) return result.stdout;
    this.options.signal?.throwIfAborted();
    const classified = classify(maskSecrets(result.message));
    if (classified !== undefined) return classified;
    throw this.failure(args, result.message);
  }

  /**
   * One git process: stdin closed (git never waits on it), stdout and stderr collected. Aborting
   * the signal kills it; the transport helpers it started get SIGTERM from the signal handler
   * (src/cli/output.ts). `message` is stdout then stderr, as git prints a failure across both
   * (`push --porcelain` puts the rejected ref on stdout).
   */
  private exec(
    args: readonly string[],
    extraEnv?: Record<string, string>,
  ): Promise<{ code: number; stdout: string; message: string }> {
    const { signal } = this.options;
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const env = extraEnv === undefined ? this.env : { ...this.env, ...extraEnv };
      const child = spawn('git', args, { cwd: this.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
      const onAbort = () => child.kill('SIGTERM');
      signal?.addEventListener('abort', onAbort, { once: true });
      child.on('error', (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(this.failure(args, error.message));
      });
      child.on('close', (code, killedBy) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) {
          reject(signal.reason);
          return;
        }
        const stdout = Buffer.concat(out).toString('utf8');
        const stderr = Buffer.concat(err).toString('utf8');
        resolve({
          code: code ?? 128,
          stdout,
          message: `${stdout}${stderr}` || (killedBy ? `killed by ${killedBy}` : `exit code ${code}`),
        });
      });
    });
  }

  /**
   * A command that talks to the remote (clone, fetch, push, ls-remote): a refused or reset
   * connection, a stalled transfer, a 5xx or an answer git cannot read is tried again with backoff
   * (src/retry.ts); an authentication failure or a missing branch is not.
   */
  async runRemote<T = never>(
    args: readonly string[],
    classify: (message: string) => T | undefined = () => undefined,
  ): Promise<string | T> {
    let attempts = 0;
    try {
      return await withRetries(
        async () => {
          attempts += 1;
          return this.runOr(args, classify);
        },
        {
          isTransient: (error) => error instanceof GitcanaryError && isTransientGitFailure(error.message),
          policy: this.options.retry,
          signal: this.options.signal,
        },
      );
    } catch (error) {
      if (attempts > 1 && error instanceof GitcanaryError && error.code === 'GIT_FAILED') {
        throw new GitcanaryError('GIT_FAILED', `${error.message} (tried ${attempts} times)`, {
          hint: 'the git remote is down, slow or answering errors; run again when it is back',
        });
      }
      throw error;
    }
  }

  private failure(args: readonly string[], message: string): unknown {
    // Interrupted: the signal's reason (INTERRUPTED) says more than "git was killed".
    if (this.options.signal?.aborted) return this.options.signal.reason;
    return gitFailure(args, message);
  }
}

// git's messages (LC_ALL=C) for failures of the transport rather than of the request: curl's
// connection and stall errors, HTTP 5xx/429, a dropped connection mid-pack, an answer that is not
// git's protocol. Authentication (401/403), 404 and missing refs are not among them.
const TRANSIENT_GIT = new RegExp(
  [
    'Could not resolve host',
    'Failed to connect to',
    'Connection refused',
    'Connection reset',
    'Connection timed out',
    'Operation too slow',
    'Operation timed out',
    'Empty reply from server',
    'The requested URL returned error: (5\\d\\d|429|408)',
    'RPC failed',
    'early EOF',
    'the remote end hung up unexpectedly',
    'unexpected disconnect',
    'transfer closed with',
    'Recv failure',
    'SSL_read|SSL_connect|GnuTLS|gnutls_handshake',
    'HTTP/2 stream',
    'protocol error',
    'bad line length',
    'invalid server response',
    'is this a git repository\\?',
    'expected flush after ref listing',
  ].join('|'),
);

export function isTransientGitFailure(message: string): boolean {
  return TRANSIENT_GIT.test(message);
}

function gitFailure(args: readonly string[], message: string): GitcanaryError {
  const text = message.trim().replace(/\n+/g, '; ');
  // The subcommand, past `-c key=value` settings given for this one command.
  const command = args.find((arg, i) => arg !== '-c' && args[i - 1] !== '-c') ?? '';
  return new GitcanaryError('GIT_FAILED', maskSecrets(`git ${command} failed: ${text}`));
}

/** Newlines and other control characters: never part of a ref, URL or trailer value. */
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Rejects values git would read as an option (`-x`), so user input can't inject flags. */
export function assertNotOption(what: string, value: string): void {
  if (value === '' || value.startsWith('-') || CONTROL_CHARACTERS.test(value)) {
    throw new GitcanaryError('USAGE', `${what} ${JSON.stringify(maskSecrets(value))} is not valid`, {
      field: what,
      hint: `${what} must be non-empty, on one line and not start with "-"`,
    });
  }
}
