import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRepository } from '../../src/git/index.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

const TOKEN = 'ghs_canaryTestToken0123456789';
const HEADER_BASE64 = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
// Nothing listens on port 1: git fails fast, without leaving loopback.
const UNREACHABLE = 'https://127.0.0.1:1/acme/gitops.git';
// One attempt: these tests are about what the failure says, not about retrying it.
const ONCE = { attempts: 1, minDelayMs: 0, maxDelayMs: 0 };

function expectNoToken(text: string): void {
  for (const form of [
    TOKEN,
    encodeURIComponent(TOKEN),
    Buffer.from(TOKEN).toString('base64'),
    HEADER_BASE64,
  ]) {
    expect(text).not.toContain(form);
  }
}

async function failureText(promise: Promise<unknown>, code = 'GIT_FAILED'): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code });
  return `${String(error)}\n${JSON.stringify(error)}\n${(error as Error).stack ?? ''}`;
}

let remote: Remote;

beforeEach(() => {
  remote = createRemote();
});

afterEach(() => remote.dispose());

describe('token handling', () => {
  it('keeps the token out of the error when a clone over https fails', async () => {
    const text = await failureText(
      openRepository({ repo: UNREACHABLE, branch: 'main', author: AUTHOR, token: TOKEN, retry: ONCE }),
    );
    expect(text).toContain('git fetch failed');
    expectNoToken(text);
  });

  it('keeps the token out of .git/config, the remote URL and fetch errors', async () => {
    const workdir = remote.clone('work');
    git(workdir, 'remote', 'set-url', 'origin', UNREACHABLE);
    const repository = await openRepository({
      repo: UNREACHABLE,
      branch: 'main',
      retry: ONCE,
      workdir,
      author: AUTHOR,
      token: TOKEN,
    });

    expectNoToken(await failureText(repository.fetch()));
    expectNoToken(await failureText(repository.commitStep(async () => null)));
    expectNoToken(readFileSync(path.join(workdir, '.git', 'config'), 'utf8'));
    expect(git(workdir, 'remote', 'get-url', 'origin')).toBe(UNREACHABLE);
  });

  it.skipIf(!hasOpenssl())(
    'sends the token as a basic Authorization header to the https remote only',
    async () => {
      const certDir = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-tls-'));
      const seen: (string | undefined)[] = [];
      const server = https.createServer(selfSignedCert(certDir), (request, response) => {
        seen.push(request.headers.authorization);
        response.writeHead(403).end('denied');
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      process.env.GIT_SSL_NO_VERIFY = '1';
      try {
        const { port } = server.address() as AddressInfo;
        const url = `https://127.0.0.1:${port}/acme/gitops.git`;
        const text = await failureText(
          openRepository({ repo: url, branch: 'main', author: AUTHOR, token: TOKEN, retry: ONCE }),
        );

        expect(seen.length).toBeGreaterThan(0);
        expect(seen.every((header) => header === `basic ${HEADER_BASE64}`)).toBe(true);
        expectNoToken(text);
      } finally {
        delete process.env.GIT_SSL_NO_VERIFY;
        server.close();
        rmSync(certDir, { recursive: true, force: true });
      }
    },
  );

  it('keeps credentials of an https repo URL, a token alone as the user too, out of a refused workdir', async () => {
    const workdir = remote.clone('work');
    // Not registered by another test: masking must come from the URL itself.
    const token = 'ghp_urlUserToken9876543210';
    const userToken = `https://${token}@127.0.0.1:1/acme/gitops.git`;
    const password = 'p@ss/w0rd-secret';
    const userPassword = `https://oauth2:${encodeURIComponent(password)}@127.0.0.1:1/acme/other.git`;
    git(workdir, 'remote', 'set-url', 'origin', userPassword);

    const text = await failureText(
      openRepository({ repo: userToken, branch: 'main', workdir, author: AUTHOR }),
      'USAGE',
    );

    expect(text).toContain('is a clone of https://oauth2:[secure]@127.0.0.1:1/acme/other.git');
    // The configured URL's credentials were taken out of it before anything used it.
    expect(text).toContain('not of https://127.0.0.1:1/acme/gitops.git');
    expect(text).not.toContain(token);
    expect(text).not.toContain(password);
    expect(text).not.toContain(encodeURIComponent(password));
  });

  it('does not send the token to a local remote', async () => {
    const repository = await openRepository({
      repo: remote.url,
      branch: 'main',
      author: AUTHOR,
      token: TOKEN,
    });
    try {
      expectNoToken(readFileSync(path.join(repository.root, '.git', 'config'), 'utf8'));
      expect((await repository.head()).sha).toBe(remote.head());
    } finally {
      await repository.close();
    }
  });
});

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function selfSignedCert(dir: string): { key: Buffer; cert: Buffer } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
