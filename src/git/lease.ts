import { GitcanaryError } from '../errors.js';
import { assertNotOption, type GitRunner } from './runner.js';

// A lease on a release, kept in Git: the ref refs/gitcanary/lease/<release> points at a commit (of
// the empty tree, on no branch) whose message names the holder and when the lease expires. It is
// written and removed with a compare-and-swap push (`--force-with-lease=<ref>:<expected>`, the
// empty expectation meaning "must not exist"), so of two drivers taking it at once exactly one
// wins. It only keeps a second `run` from starting while one drives the release; the commits'
// own compare-and-swap is what keeps the history right when a lease expires under a live driver.

export const LEASE_PREFIX = 'refs/gitcanary/lease/';

const HOLDER = 'Gitcanary-Lease-Holder';
const EXPIRES = 'Gitcanary-Lease-Expires';
const LEASE_REJECTED = /\[rejected\]|\[remote rejected\]/;
const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

export interface Lease {
  /** Who drives the release: a CI job's web page, or host and process id. */
  holder: string;
  /** ISO 8601; past it, another driver may take the lease over. */
  expires: string;
  /** The lease commit: the expectation of the next compare-and-swap. */
  sha: string;
}

/** Another driver wrote or removed the lease since it was read. */
export class LeaseMoved extends Error {}

export class ReleaseLeases {
  constructor(private readonly git: GitRunner) {}

  /**
   * The lease of `release` on the remote now, or undefined when nobody holds one. `fetched`: as the
   * repository's last fetch brought it (Repository.fetch brings every lease with the branch), with
   * no round trip of its own.
   */
  async read(release: string, options: { fetched?: boolean } = {}): Promise<Lease | undefined> {
    const ref = leaseRef(release);
    if (options.fetched !== true) {
      // Every lease in one fetch (a pattern matches none without failing); --prune drops a lease
      // removed on the remote.
      await this.git.runRemote([
        'fetch',
        '--no-tags',
        '--quiet',
        '--prune',
        'origin',
        `+${LEASE_PREFIX}*:${LEASE_PREFIX}*`,
      ]);
    }
    const listed = await this.git.run(['for-each-ref', '--format=%(objectname)%00%(contents)', ref]);
    const at = listed.indexOf('\0');
    if (at < 0) return undefined;
    const sha = listed.slice(0, at).trim();
    const message = listed.slice(at + 1);
    const field = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(message)?.[1]?.trim();
    return { holder: field(HOLDER) ?? 'unknown', expires: field(EXPIRES) ?? new Date(0).toISOString(), sha };
  }

  /**
   * Writes the lease while the remote's is still `expected` (undefined: while there is none);
   * returns the new lease. Throws LeaseMoved when another driver wrote or removed it first.
   */
  async write(release: string, holder: string, expires: Date, expected: string | undefined): Promise<Lease> {
    const ref = leaseRef(release);
    // The empty tree: git knows it in every repository without writing it.
    const tree = EMPTY_TREE;
    const oneLine = holder.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || 'unknown';
    const message = `gitcanary lease of ${release}\n\n${HOLDER}: ${oneLine}\n${EXPIRES}: ${expires.toISOString()}\n`;
    const sha = (await this.git.run(['commit-tree', '--no-gpg-sign', tree, '-m', message])).trim();
    await this.#push(ref, `${sha}:${ref}`, expected);
    return { holder: oneLine, expires: expires.toISOString(), sha };
  }

  /** Removes the lease while it is still `expected` (the holder's own); LeaseMoved otherwise. */
  async remove(release: string, expected: string): Promise<void> {
    const ref = leaseRef(release);
    await this.#push(ref, `:${ref}`, expected);
  }

  async #push(ref: string, refspec: string, expected: string | undefined): Promise<void> {
    if (expected !== undefined) assertNotOption('revision', expected);
    const pushed = await this.git.runRemote(
      ['push', '--porcelain', `--force-with-lease=${ref}:${expected ?? ''}`, 'origin', refspec],
      (message) => (LEASE_REJECTED.test(message) ? new LeaseMoved(message) : undefined),
    );
    if (pushed instanceof LeaseMoved) throw pushed;
  }
}

function leaseRef(release: string): string {
  const ref = `${LEASE_PREFIX}${release}`;
  // Release names are DNS-1123 (validated with the config); a ref git refuses is refused here too.
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(release)) {
    throw new GitcanaryError('INTERNAL', `release name ${release} cannot name a lease ref`);
  }
  return ref;
}
