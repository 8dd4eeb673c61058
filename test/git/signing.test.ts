import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveTempDirs, openRepository, type SigningOptions } from '../../src/git/index.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

// Signed commits as git makes them (gpg.format, user.signingkey, commit.gpgsign passed per command),
// checked by `git verify-commit` in a clone of the remote that trusts only the test key.

const KUSTOMIZATION = 'apps/web/kustomization.yaml';

let keys: string;
let remote: Remote;

beforeAll(() => {
  keys = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-keys-'));
  execFileSync('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'gitcanary',
    '-f',
    path.join(keys, 'id'),
  ]);
  // gpg.ssh.allowedSignersFile: principal, then the public key.
  const publicKey = readFileSync(path.join(keys, 'id.pub'), 'utf8').trim();
  writeFileSync(path.join(keys, 'allowed_signers'), `${AUTHOR.email} ${publicKey}\n`);
  remote = createRemote();
});

afterAll(() => {
  remote.dispose();
  rmSync(keys, { recursive: true, force: true });
});

async function commitSigned(signing: SigningOptions): Promise<string> {
  const repo = await openRepository({ repo: remote.url, branch: 'main', author: AUTHOR, signing });
  try {
    const outcome = await repo.commitStep(async (root) => {
      const file = path.join(root, KUSTOMIZATION);
      writeFileSync(file, `${readFileSync(file, 'utf8')}# signed\n`);
      return { message: 'web: signed step', trailers: {}, files: [KUSTOMIZATION] };
    });
    return outcome.sha;
  } finally {
    await repo.close();
  }
}

/** `git verify-commit` in a fresh clone that trusts the test key: its stderr, or throws. */
function verify(sha: string, allowedSigners = path.join(keys, 'allowed_signers')): string {
  const clone = remote.clone(`verify-${sha.slice(0, 7)}-${Math.random().toString(36).slice(2, 6)}`);
  return execFileSync(
    'git',
    ['-c', `gpg.ssh.allowedSignersFile=${allowedSigners}`, 'verify-commit', '--raw', sha],
    { cwd: clone, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

describe('signed commits', () => {
  it('signs with an ssh key file; git verify-commit accepts the signature', async () => {
    const sha = await commitSigned({ format: 'ssh', key: path.join(keys, 'id') });
    expect(git(remote.url, 'cat-file', 'commit', sha)).toContain('-----BEGIN SSH SIGNATURE-----');
    expect(() => verify(sha)).not.toThrow();
  });

  it('signs with an ssh private key given as text (a CI secret) and removes its file afterwards', async () => {
    const sha = await commitSigned({
      format: 'ssh',
      privateKey: readFileSync(path.join(keys, 'id'), 'utf8'),
    });
    expect(() => verify(sha)).not.toThrow();
    expect(liveTempDirs().filter((dir) => dir.includes('gitcanary-key-'))).toEqual([]);
  });

  it('is rejected by git verify-commit when the key is not the trusted one', async () => {
    const other = path.join(keys, 'other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', other]);
    const sha = await commitSigned({ format: 'ssh', key: other });
    expect(() => verify(sha)).toThrow();
  });

  it('leaves the signing settings out of the clone’s .git/config', async () => {
    const repo = await openRepository({
      repo: remote.url,
      branch: 'main',
      author: AUTHOR,
      signing: { format: 'ssh', key: path.join(keys, 'id') },
    });
    try {
      expect(readFileSync(path.join(repo.root, '.git', 'config'), 'utf8')).not.toMatch(/gpgsign|signingkey/);
    } finally {
      await repo.close();
    }
  });

  it('signs with a gpg (openpgp) key id from the keyring', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-gnupg-'));
    const previous = process.env.GNUPGHOME;
    process.env.GNUPGHOME = home;
    try {
      execFileSync(
        'gpg',
        [
          '--batch',
          '--passphrase',
          '',
          '--quick-gen-key',
          `gitcanary <${AUTHOR.email}>`,
          'ed25519',
          'sign',
          '1d',
        ],
        { stdio: 'ignore' },
      );
      const sha = await commitSigned({ format: 'openpgp', key: AUTHOR.email });
      expect(git(remote.url, 'cat-file', 'commit', sha)).toContain('-----BEGIN PGP SIGNATURE-----');
      expect(git(remote.url, 'verify-commit', sha)).toBe('');
    } finally {
      if (previous === undefined) delete process.env.GNUPGHOME;
      else process.env.GNUPGHOME = previous;
      try {
        execFileSync('gpgconf', ['--kill', 'gpg-agent'], { env: { ...process.env, GNUPGHOME: home } });
      } catch {}
      rmSync(home, { recursive: true, force: true });
    }
  });
});
