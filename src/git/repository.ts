import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pRetry from 'p-retry';
import { GitcanaryError } from '../errors.js';
import { LEASE_PREFIX, type Lease, ReleaseLeases } from './lease.js';
import { NOTES_REF, ReleaseNotes, WITH_NOTE_BLOBS } from './notes.js';
import { assertNotOption, type GitRunner } from './runner.js';
import {
  formatCommitMessage,
  GITCANARY_TRAILERS,
  hasGitcanaryTrailer,
  parseTrailerField,
} from './trailers.js';

/** What a step's intent wants committed: the message, its trailers and the files it wrote or deleted. */
export interface StepCommit {
  message: string;
  trailers: Record<string, string>;
  /** Paths relative to the repository root (or absolute inside it); deleted files are staged as deletions. */
  files: string[];
}

/** Writes a step's files into the working copy at `root`; null when the step has nothing to commit. */
export type StepIntent = (root: string) => Promise<StepCommit | null>;

export interface CommitStepOptions {
  /** Attempts in all, counting the first; each retry re-applies the intent to the new remote head. */
  maxAttempts?: number;
  /** Commit locally only (plan, tests) when false. */
  push?: boolean;
  /** Push to this branch instead of the tracked one (PR mode); the commit still builds on the tracked one. */
  pushTo?: string;
  /** Overwrite `pushTo` (a branch gitcanary owns) instead of requiring a fast-forward. */
  force?: boolean;
  /** Commit even when the intent changed no file: a marker such as a release start or a resume. */
  allowEmpty?: boolean;
  /**
   * Compare-and-swap on the branch tip: commit on top of this sha and push only while the remote
   * branch still points at it (`git push --force-with-lease=<ref>:<sha>`, checked by the server as
   * the ref update's old value). A lost race throws GIT_TIP_MOVED and the intent is not replayed:
   * the caller re-reads what the other writer committed instead.
   */
  expectedTip?: string;
  /**
   * Compare-and-swap on one release: commit only while the newest commit of release `name` on the
   * remote branch is still `newest` (undefined: the release has no commit yet). Commits of other
   * apps on the branch do not count: a push they beat is replayed on the new head as usual, and the
   * check runs again there. A commit of the release itself throws GIT_TIP_MOVED, never replayed.
   */
  expectedRelease?: { name: string; newest: string | undefined };
}

export interface CommitOutcome {
  committed: boolean;
  /** The new commit, or when nothing was committed the head the intent saw. */
  sha: string;
  /** The new commit's committer time (ISO 8601, UTC); undefined when nothing was committed. */
  time?: string;
  attempts: number;
  /** True when the intent ran again on a newer head after a rejected push. */
  replayed: boolean;
}

export interface CommitInfo {
  sha: string;
  /** Commit (not author) time, ISO 8601 in UTC. */
  time: string;
}

export interface ReleaseCommit extends CommitInfo {
  subject: string;
  trailers: Record<string, string>;
}

// One record per commit: fields split by US (0x1f), trailers by GS (0x1d), records end with RS (0x1e).
const LOG_FORMAT = '--format=%H%x1f%cI%x1f%s%x1f%(trailers:only,unfold,separator=%x1d)%x1e';

// `git push --porcelain` marks a lost race as [rejected] (fetch first / non-fast-forward) or, when
// two pushes hit the server at once, as a [remote rejected] ref-lock failure.
const PUSH_RACE =
  /\[rejected\] \((fetch first|non-fast-forward)\)|\[remote rejected\].*(cannot lock ref|incorrect old value|failed to update ref)/;

class PushRejected extends Error {}

/** commit() found the index equal to HEAD. */
const NOTHING = Symbol('nothing to commit');

/** A compare-and-swap push found another tip: never replayed. */
class TipMoved extends Error {}

/** git cannot store a NUL byte in a commit message; the file is the message, so it is shown as ␀. */
const NUL = /\u0000/g;

/** An intent's own failure, carried through p-retry untouched. */
class IntentFailed extends Error {
  constructor(readonly reason: unknown) {
    super('step intent failed');
  }
}

/**
 * `git fetch` arguments (after the subcommand) that read what a command needs of the remote in one
 * round trip: origin/<branch>, forced (the remote may have been rewritten), the release notes and
 * the release leases (the patterns match refs/notes/gitcanary and every
 * refs/gitcanary/lease/<release>, and nothing when the remote has none, without failing; `--prune`
 * drops a lease the remote no longer has). openRepository's first fetch and `Repository.fetch`.
 */
export function remoteReadArgs(branch: string): string[] {
  return [
    '--verbose',
    '--no-tags',
    '--prune',
    'origin',
    `+refs/heads/${branch}:refs/remotes/origin/${branch}`,
    `+${NOTES_REF}*:${NOTES_REF}*`,
    `+${LEASE_PREFIX}*:${LEASE_PREFIX}*`,
  ];
}

/** A working copy of one branch of the GitOps repository. */
export class Repository {
  private closed = false;

  /** @internal Use openRepository. */
  constructor(
    /** Absolute path of the working copy. */
    readonly root: string,
    readonly branch: string,
    private readonly git: GitRunner,
    /** Temp dir we cloned into; only then do we clean untracked files and delete it on close. */
    private readonly ownedDir: string | undefined,
    /** Removes the other private temp dirs (signing key files) on close. */
    private readonly releasePrivate: () => Promise<void> = async () => undefined,
    /** True when origin/<branch> was just cloned: the first commitStep need not fetch again. */
    tipKnown = false,
    /**
     * True when opening fetched what `fetch` fetches (the branch, the notes and the leases): a
     * command's first read (`fetch({ reuseOpen: true })`) before it writes to the remote has
     * nothing to add.
     */
    fetchedAtOpen = false,
  ) {
    this.tipKnown = tipKnown;
    this.#synced = tipKnown;
    this.#clean = tipKnown;
    this.#fetchedAtOpen = fetchedAtOpen;
  }

  /** The open's fetch may stand for the first `fetch` (cleared by any fetch and any write to the remote). */
  #fetchedAtOpen: boolean;

  /**
   * HEAD and the working tree are origin/<branch> as last fetched, untouched since (a fresh clone,
   * a reset): resetToRemote has nothing to do and there is no unpushed commit. A fetch (which may
   * move origin/<branch>) and an intent writing files end it.
   */
  #synced: boolean;

  /** No intent wrote into the working tree since the clone or the last reset: nothing to clean. */
  #clean: boolean;

  /** Counts the fetches and pushes that may have moved origin/<branch>. */
  #generation = 0;

  /** Each release's newest commit on origin/<branch>, read at a generation (releaseHistory). */
  readonly #newest = new Map<string, { generation: number; sha: string | undefined }>();

  /**
   * origin/<branch> is what this object last saw on the remote (its clone, fetch or push), not a
   * workdir's leftover. commitStep then builds its first attempt there without fetching: the push
   * is a fast-forward the server checks, so a branch that moved meanwhile rejects it and the next
   * attempt fetches and replays the intent, as for any lost race.
   */
  private tipKnown: boolean;

  #gitDir: string | undefined;

  private get remoteRef(): string {
    return `refs/remotes/origin/${this.branch}`;
  }

  async head(): Promise<CommitInfo> {
    return this.commitInfo('HEAD');
  }

  /**
   * Updates origin/<branch>, the release notes and the release leases from the remote
   * (`remoteReadArgs`): one round trip, what a command reads of the remote before it acts.
   * `reuseOpen`: the caller's first read, right after it opened the repository; when openRepository
   * fetched the same and nothing was fetched or written since, that fetch stands for this one.
   */
  async fetch(options: { reuseOpen?: boolean } = {}): Promise<void> {
    const reuse = this.#fetchedAtOpen && options.reuseOpen === true;
    this.#fetchedAtOpen = false;
    if (reuse) return;
    await this.git.runRemote([...WITH_NOTE_BLOBS, 'fetch', ...remoteReadArgs(this.branch)]);
    this.#synced = false;
    this.#generation += 1;
    this.tipKnown = true;
  }

  /** Discards local commits and changes: the working copy becomes origin/<branch> as last fetched. */
  async resetToRemote(): Promise<void> {
    if (this.#synced) return;
    await this.git.run(['reset', '--hard', this.remoteRef]);
    // Leftovers of an intent that threw; only in our own clone, a user's workdir keeps its files.
    if (this.ownedDir !== undefined && !this.#clean) await this.git.run(['clean', '--quiet', '-fd']);
    this.#synced = this.#clean = true;
  }

  /**
   * Commits one step on top of origin/<branch> and pushes it. When the push loses a race, fetches,
   * resets to the new head and runs `intent` again there (re-applying the intent, never rebasing
   * text), with exponential backoff and jitter, up to `maxAttempts`. An intent that throws stops at
   * once with nothing committed; an intent that changes nothing yields no (empty) commit.
   */
  async commitStep(intent: StepIntent, options: CommitStepOptions = {}): Promise<CommitOutcome> {
    const maxAttempts = options.maxAttempts ?? 5;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
      throw new GitcanaryError('INTERNAL', `maxAttempts must be a positive integer, got ${maxAttempts}`);
    }
    const target = options.pushTo ?? this.branch;
    assertNotOption('branch', target);
    const expectedTip = options.expectedTip;
    if (expectedTip !== undefined) assertNotOption('revision', expectedTip);
    const expectedRelease = options.expectedRelease;
    let attempts = 0;
    this.#fetchedAtOpen = false;

    const attempt = async (): Promise<CommitOutcome> => {
      attempts += 1;
      const replayed = attempts > 1;
      // One fetch less per step: only a push the server checks (a fast-forward of the tracked
      // branch) may build on the tip as last seen; a force push to another branch may not, and a
      // compare-and-swap promises to refuse before running the intent when the branch moved.
      const optimistic =
        attempts === 1 &&
        this.tipKnown &&
        target === this.branch &&
        options.force !== true &&
        expectedTip === undefined;
      if (!optimistic) await this.fetch();
      await this.resetToRemote();
      if (expectedTip !== undefined) {
        const tip = (await this.git.run(['rev-parse', this.remoteRef])).trim();
        if (tip !== expectedTip) throw new TipMoved(tip);
      }
      if (expectedRelease !== undefined) {
        const newest = await this.#newestOf(expectedRelease.name);
        if (newest !== expectedRelease.newest) throw new TipMoved(newest ?? '');
      }
      let step: StepCommit | null;
      this.#synced = this.#clean = false;
      try {
        step = await intent(this.root);
      } catch (error) {
        throw new IntentFailed(error);
      }
      const unchanged = async (): Promise<CommitOutcome> => {
        await this.resetToRemote();
        return {
          committed: false,
          sha: (await this.git.run(['rev-parse', 'HEAD'])).trim(),
          attempts,
          replayed,
        };
      };
      if (step === null) return unchanged();
      const message = formatCommitMessage(step.message, step.trailers);
      const files = step.files.map((file) => this.relativePath(file));
      if (files.length > 0) await this.stage(files);
      const committed = await this.commit(message, options.allowEmpty === true);
      if (committed === undefined) return unchanged();
      const { sha, time } = committed;
      if (options.push === false) return { committed: true, sha, time, attempts, replayed };
      await this.push(target, options.force === true, expectedTip);
      if (target === this.branch) this.tipKnown = true;
      return { committed: true, sha, time, attempts, replayed };
    };

    try {
      return await pRetry(attempt, {
        retries: maxAttempts - 1,
        factor: 2,
        minTimeout: 200,
        maxTimeout: 5_000,
        randomize: true,
        // A compare-and-swap push is never replayed: the caller decides after a re-read.
        shouldRetry: (error) => error instanceof PushRejected && expectedTip === undefined,
      });
    } catch (error) {
      if (error instanceof TipMoved && expectedRelease !== undefined && expectedTip === undefined) {
        await this.resetToRemote().catch(() => undefined);
        const from = expectedRelease.newest?.slice(0, 7) ?? 'no commit';
        throw new GitcanaryError(
          'GIT_TIP_MOVED',
          `release ${expectedRelease.name} moved on from ${from} to ${error.message.slice(0, 7) || 'no commit'}: another process committed for it first; nothing was pushed`,
          { hint: 're-read the release from the branch before committing again' },
        );
      }
      if (error instanceof TipMoved || (error instanceof PushRejected && expectedTip !== undefined)) {
        await this.resetToRemote().catch(() => undefined);
        throw new GitcanaryError(
          'GIT_TIP_MOVED',
          `branch ${target} moved on from ${expectedTip!.slice(0, 7)}: another writer committed first; nothing was pushed`,
          { hint: 're-read the release from the branch before committing again' },
        );
      }
      if (error instanceof IntentFailed) {
        await this.resetToRemote().catch(() => undefined);
        throw error.reason;
      }
      if (error instanceof PushRejected) {
        throw new GitcanaryError(
          'GIT_PUSH_CONFLICT',
          `push to branch ${target} was rejected ${attempts} time(s): other commits kept landing first`,
          { hint: 'another writer is busy on this branch; run the step again, or raise maxAttempts' },
        );
      }
      await this.resetToRemote().catch(() => undefined);
      throw error;
    }
  }

  /**
   * Commits with gitcanary trailers that are on HEAD but not on origin/<branch> as last fetched:
   * left by a run killed between commit and push. Push them with pushUnpushed or drop them with
   * resetToRemote. Newest first.
   */
  async unpushedCommits(): Promise<ReleaseCommit[]> {
    if (this.#synced) return [];
    // One count answers the usual case, HEAD at or behind origin/<branch>: nothing left unpushed.
    const [ahead = '', behind = ''] = (
      await this.git.run(['rev-list', '--left-right', '--count', `HEAD...${this.remoteRef}`, '--'])
    )
      .trim()
      .split(/\s+/);
    if (ahead === '0') {
      // HEAD is origin/<branch>, and no intent wrote since the clone or a reset: nothing to reset.
      if (behind === '0' && this.#clean) this.#synced = true;
      return [];
    }
    const commits = await this.log([`${this.remoteRef}..HEAD`]);
    return commits.filter((commit) => hasGitcanaryTrailer(commit.trailers));
  }

  /** Pushes HEAD to the branch as is (no replay: the intent that made it is gone); returns its sha. */
  async pushUnpushed(): Promise<string> {
    await this.push(this.branch, false).catch((error: unknown) => {
      if (!(error instanceof PushRejected)) throw error;
      throw new GitcanaryError(
        'GIT_PUSH_CONFLICT',
        `push to branch ${this.branch} was rejected: it moved on`,
        {
          hint: 'drop the unpushed commits (resetToRemote) and run the step again',
        },
      );
    });
    return (await this.git.run(['rev-parse', 'HEAD'])).trim();
  }

  /** Commits on origin/<branch> carrying `Gitcanary-Release: <releaseName>`, newest first. */
  async releaseHistory(releaseName: string, options: { limit?: number } = {}): Promise<ReleaseCommit[]> {
    const args = [
      // Children before parents whatever the timestamps: a step merged from a pull request is a
      // second parent that may carry the same second as (or an older date than) the first.
      '--topo-order',
      '--extended-regexp',
      // git matches --grep per line; the trailer check below drops a body line that merely looks alike.
      `--grep=^${GITCANARY_TRAILERS.release}: *${escapeRegExp(releaseName.trim())} *$`,
    ];
    if (options.limit !== undefined) args.push(`--max-count=${Math.max(0, Math.floor(options.limit))}`);
    const generation = this.#generation;
    const commits = (await this.log([...args, this.remoteRef])).filter(
      (commit) => commit.trailers[GITCANARY_TRAILERS.release] === releaseName.trim(),
    );
    if (options.limit === undefined || options.limit > 0)
      this.#newest.set(releaseName.trim(), { generation, sha: commits[0]?.sha });
    return commits;
  }

  /**
   * The release's newest commit on origin/<branch>: what the last read of its history said when
   * origin/<branch> has not moved since (no fetch, no push), so a step's compare-and-swap does not
   * read the history the engine has just read.
   */
  async #newestOf(releaseName: string): Promise<string | undefined> {
    const known = this.#newest.get(releaseName.trim());
    if (known !== undefined && known.generation === this.#generation) return known.sha;
    return (await this.releaseHistory(releaseName, { limit: 1 }))[0]?.sha;
  }

  /** Unified diff between two commits (`toSha` defaults to HEAD), for plans and PR bodies. */
  async diff(fromSha: string, toSha = 'HEAD'): Promise<string> {
    assertNotOption('revision', fromSha);
    assertNotOption('revision', toSha);
    return this.git.run(['diff', '--no-color', '--no-ext-diff', '--no-textconv', fromSha, toSha, '--']);
  }

  /** The whole message of one commit (subject, body, trailers), e.g. for the gate evidence it records. */
  async message(sha: string): Promise<string> {
    assertNotOption('revision', sha);
    return this.git.run(['log', '-1', '--format=%B', sha, '--']);
  }

  /** `git show` of one commit: header, full message and patch. */
  async show(sha: string): Promise<string> {
    assertNotOption('revision', sha);
    return this.git.run([
      'show',
      '--no-color',
      '--no-ext-diff',
      '--no-textconv',
      '--format=fuller',
      sha,
      '--',
    ]);
  }

  /** The note on `sha` under refs/notes/gitcanary as last fetched (`fetch` brings the notes too). */
  async readNote(sha: string): Promise<string | undefined> {
    return new ReleaseNotes(this.git).read(sha);
  }

  /** Replaces the note on `sha` with `update(current)` and pushes it (re-applied if another writer won). */
  async updateNote(sha: string, update: (current: string | undefined) => string): Promise<void> {
    this.#fetchedAtOpen = false;
    await new ReleaseNotes(this.git).update(sha, update);
  }

  /**
   * The lease on `release` (refs/gitcanary/lease/<release>) on the remote now, or undefined;
   * `fetched`: as the last fetch brought it.
   */
  async readLease(release: string, options: { fetched?: boolean } = {}): Promise<Lease | undefined> {
    return new ReleaseLeases(this.git).read(release, options);
  }

  /** Writes the lease while the remote's is still `expected` (undefined: none); LeaseMoved else. */
  async writeLease(
    release: string,
    holder: string,
    expires: Date,
    expected: string | undefined,
  ): Promise<Lease> {
    this.#fetchedAtOpen = false;
    return new ReleaseLeases(this.git).write(release, holder, expires, expected);
  }

  /** Removes the lease while it is still `expected`; LeaseMoved else. */
  async removeLease(release: string, expected: string): Promise<void> {
    this.#fetchedAtOpen = false;
    await new ReleaseLeases(this.git).remove(release, expected);
  }

  /** The sha the remote branch points at now (`git ls-remote`), without fetching; undefined when absent. */
  async remoteTip(branch = this.branch): Promise<string | undefined> {
    assertNotOption('branch', branch);
    const out = await this.git.runRemote(['ls-remote', '--heads', 'origin', `refs/heads/${branch}`]);
    const sha = out.trim().split(/\s+/)[0];
    return sha === undefined || sha === '' ? undefined : sha;
  }

  /**
   * The files of another branch of the remote (a pull request's head), checked out in a temporary
   * worktree beside this one; `dispose` removes it. Undefined when the remote has no such branch.
   */
  async checkoutBranch(
    branch: string,
  ): Promise<{ root: string; sha: string; dispose(): Promise<void> } | undefined> {
    assertNotOption('branch', branch);
    if ((await this.remoteTip(branch)) === undefined) return undefined;
    const ref = 'refs/gitcanary/proposal';
    await this.git.runRemote(['fetch', '--verbose', '--no-tags', 'origin', `+refs/heads/${branch}:${ref}`]);
    const sha = (await this.git.run(['rev-parse', ref])).trim();
    const root = await mkdtemp(path.join(os.tmpdir(), 'gitcanary-proposal-'));
    await this.git.run(['worktree', 'add', '--detach', '--force', root, sha]);
    return {
      root,
      sha,
      dispose: async () => {
        await this.git.run(['worktree', 'remove', '--force', root]).catch(() => undefined);
        await rm(root, { recursive: true, force: true });
      },
    };
  }

  /** Deletes the temp clone openRepository made (and key files); a given workdir is left alone. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.ownedDir !== undefined) await rm(this.ownedDir, { recursive: true, force: true });
    await this.releasePrivate();
  }

  /**
   * `git commit -F <file>`: the message never goes through argv, so its size (a gate's 140 KB
   * line; argv is limited, E2BIG) and content (a leading `-`) cannot break the command. Hooks
   * belong to people's commits; verbatim because we formatted the message (and `#` is text).
   * Returns the new commit's sha, read from git's own summary line (`core.abbrev=no` makes it
   * whole), or undefined when the index equals HEAD and `allowEmpty` is false: one process where
   * `diff --cached` + `commit` + `rev-parse HEAD` were three.
   */
  private async commit(
    message: string,
    allowEmpty: boolean,
  ): Promise<{ sha: string; time: string } | undefined> {
    // Our own clone's git dir is where the clone put it; a workdir may be a worktree or a submodule.
    this.#gitDir ??=
      this.ownedDir !== undefined
        ? path.join(this.root, '.git')
        : (await this.git.run(['rev-parse', '--absolute-git-dir'])).trim();
    const file = path.join(this.#gitDir, 'GITCANARY_COMMIT_MSG');
    await writeFile(file, message.replace(NUL, '\u2400'));
    // The committer time is set here (git's own clock, to the second), so the caller knows it
    // without reading the commit back.
    const seconds = Math.floor(Date.now() / 1000);
    const time = new Date(seconds * 1000).toISOString();
    try {
      const out = await this.git.runOr(
        [
          '-c',
          'core.abbrev=no',
          'commit',
          '--no-verify',
          '--no-status',
          '--cleanup=verbatim',
          ...(allowEmpty ? ['--allow-empty'] : []),
          `--file=${file}`,
        ],
        // LC_ALL=C (gitEnvironment): an index equal to HEAD is reported so, on stdout, exit 1.
        (text) =>
          /^nothing (added )?to commit|^no changes added to commit/m.test(text) ? NOTHING : undefined,
        { GIT_COMMITTER_DATE: `@${seconds} +0000` },
      );
      if (out === NOTHING) return undefined;
      const sha = /^\[[^\]\n]*? ([0-9a-f]{40}|[0-9a-f]{64})\]/.exec(out)?.[1];
      return { sha: sha ?? (await this.git.run(['rev-parse', 'HEAD'])).trim(), time };
    } finally {
      await rm(file, { force: true });
    }
  }

  private async commitInfo(revision: string): Promise<CommitInfo> {
    const [sha = '', time = ''] = (await this.git.run(['log', '-1', '--format=%H%x1f%cI', revision, '--']))
      .trim()
      .split('\x1f');
    return { sha, time: new Date(time).toISOString() };
  }

  private async log(args: readonly string[]): Promise<ReleaseCommit[]> {
    const out = await this.git.run(['log', LOG_FORMAT, ...args, '--']);
    const commits: ReleaseCommit[] = [];
    for (const record of out.split('\x1e')) {
      const [sha, time, subject, trailers] = record.replace(/^\n/, '').split('\x1f');
      if (sha === undefined || sha === '' || time === undefined) continue;
      commits.push({
        sha,
        time: new Date(time).toISOString(),
        subject: subject ?? '',
        trailers: parseTrailerField(trailers ?? ''),
      });
    }
    return commits;
  }

  /** Stages exactly these paths (additions, changes, deletions); commit() tells whether anything changed. */
  private async stage(files: readonly string[]): Promise<void> {
    // update-index takes literal paths (no pathspec magic, no .gitignore) and skips absent untracked ones.
    await this.git.run(['update-index', '--add', '--remove', '--', ...files]);
  }

  private async push(target: string, force: boolean, expectedTip?: string): Promise<void> {
    this.#fetchedAtOpen = false;
    const refspec = `${force ? '+' : ''}HEAD:refs/heads/${target}`;
    // A push to the branch moves origin/<branch> (git updates the tracking ref with it).
    if (target === this.branch) this.#generation += 1;
    // The lease makes the server check the ref's old value: a push that lost the race is refused.
    const lease = expectedTip === undefined ? [] : [`--force-with-lease=refs/heads/${target}:${expectedTip}`];
    const outcome = await this.git.runRemote(
      ['push', '--porcelain', ...lease, 'origin', refspec],
      (message) =>
        PUSH_RACE.test(message) || (lease.length > 0 && /\[rejected\] \(stale info\)/.test(message))
          ? new PushRejected(message)
          : undefined,
    );
    if (!(outcome instanceof PushRejected)) return;
    // A retried push whose first attempt did land (the answer was lost) finds its own commit there.
    if (lease.length > 0) {
      const head = (await this.git.run(['rev-parse', 'HEAD'])).trim();
      if ((await this.remoteTip(target)) === head) return;
    }
    throw outcome;
  }

  private relativePath(file: string): string {
    const relative = path.relative(this.root, path.resolve(this.root, file));
    if (
      relative === '' ||
      relative === '..' ||
      relative.startsWith(`..${path.sep}`) ||
      path.isAbsolute(relative)
    ) {
      throw new GitcanaryError('PATH_OUTSIDE_REPO', `step file ${file} is outside the repository`, { file });
    }
    return relative.split(path.sep).join('/');
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
