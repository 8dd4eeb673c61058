import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GitcanaryError } from '../errors.js';
import { sleep } from '../shared/clock.js';
import { assertNotOption, type GitRunner } from './runner.js';

// Git notes under refs/notes/gitcanary: what a release records between two commits (a check pass,
// its time and verdict) is a note on the release's newest commit, so every process reads the same
// record from the remote without a commit that would make the reconciler sync again. The notes ref
// is pushed like a branch: a rejected push (another writer noted something meanwhile) fetches the
// remote's notes and applies the update again on top of them.

export const NOTES_REF = 'refs/notes/gitcanary';

/**
 * Settings for a fetch that brings notes. A partial clone (`--filter=blob:none`) fetches with its
 * filter, which leaves out the notes' blobs too: every `git notes show` of a gated release then
 * fetched its blob on demand, one more round trip to the server per read. Blobs up to 1 MB come
 * with this fetch instead (a note is a few capped records; the branch's own new blobs are what a
 * full clone's fetch would bring anyway). git reads the filter only for a promisor remote: a full
 * clone fetches as before.
 */
export const WITH_NOTE_BLOBS = ['-c', 'remote.origin.partialclonefilter=blob:limit=1m'] as const;

// `git push --porcelain` says [rejected] for a non-fast-forward, [remote rejected] for a lost ref lock.
const PUSH_REJECTED = /\[rejected\]|\[remote rejected\]/;
const MISSING_REMOTE_REF = /couldn't find remote ref/i;
const NO_NOTE = /no note found/i;

class NotesPushRejected extends Error {}

/** Reads and updates the notes of one working copy's `origin`. */
export class ReleaseNotes {
  constructor(private readonly git: GitRunner) {}

  /** Makes the local notes ref the remote's (none when the remote has no notes yet). */
  async fetch(): Promise<void> {
    const fetched = await this.git.runOr(
      [...WITH_NOTE_BLOBS, 'fetch', '--verbose', '--no-tags', 'origin', `+${NOTES_REF}:${NOTES_REF}`],
      (message) => (MISSING_REMOTE_REF.test(message) ? 'missing' : undefined),
    );
    if (fetched === 'missing') {
      await this.git.runOr(['update-ref', '-d', NOTES_REF], () => '');
    }
  }

  /** The note on `sha` as last fetched, or undefined. */
  async read(sha: string): Promise<string | undefined> {
    assertNotOption('revision', sha);
    const text = await this.git.runOr(['notes', `--ref=${NOTES_REF}`, 'show', sha], (message) =>
      NO_NOTE.test(message) ? null : undefined,
    );
    return text === null ? undefined : text;
  }

  /**
   * Replaces the note on `sha` with `update(current)` and pushes the notes ref, re-reading the
   * remote's note and applying `update` again when another writer pushed first (a non-fast-forward
   * push is rejected, so no writer's record is ever lost).
   */
  async update(
    sha: string,
    update: (current: string | undefined) => string,
    options: { maxAttempts?: number } = {},
  ): Promise<void> {
    assertNotOption('revision', sha);
    const maxAttempts = options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      // The first attempt builds on the notes as last fetched (the caller just read them); a push
      // rejected because the remote's moved on fetches them before trying again.
      if (attempt > 1) await this.fetch();
      const text = update(await this.read(sha));
      await this.#write(sha, text);
      const pushed = await this.git.runOr(
        ['push', '--porcelain', 'origin', `${NOTES_REF}:${NOTES_REF}`],
        (message) => (PUSH_REJECTED.test(message) ? new NotesPushRejected(message) : undefined),
      );
      if (!(pushed instanceof NotesPushRejected)) return;
      if (attempt >= maxAttempts) {
        throw new GitcanaryError(
          'GIT_PUSH_CONFLICT',
          `push of ${NOTES_REF} was rejected ${attempt} time(s): other writers kept noting first`,
          { hint: 'run the step again' },
        );
      }
      await sleep(Math.min(200 * 2 ** (attempt - 1), 5_000) * (0.5 + Math.random()));
    }
  }

  /** The note goes through a file, never argv: evidence may be long or hold any byte. */
  async #write(sha: string, text: string): Promise<void> {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'gitcanary-note-'));
    try {
      const file = path.join(dir, 'note');
      await writeFile(file, text);
      await this.git.run(['notes', `--ref=${NOTES_REF}`, 'add', '--force', `--file=${file}`, sha]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
}
