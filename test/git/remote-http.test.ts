import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRepository } from '../../src/git/index.js';
import type { RetryPolicy } from '../../src/retry.js';
import { type Fault, type FaultyProxy, failFirst, startFaultyProxy } from '../support/faulty-proxy.js';
import { type GitHttpServer, startGitHttpServer } from '../support/git-http.js';
import { freePort } from '../support/http-server.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

// The git remote over real smart HTTP (`git http-backend`), with credentials and through a proxy
// that fails requests the way an outage does. Retries use short delays; the policy is the product's.

const TOKEN = 'ghp_remoteHttpToken0123456789';
const FAST: RetryPolicy = { attempts: 4, minDelayMs: 50, maxDelayMs: 200 };
const KUSTOMIZATION = 'apps/web/kustomization.yaml';

let remote: Remote;
let server: GitHttpServer;
let secured: GitHttpServer;

beforeAll(async () => {
  remote = createRemote();
  server = await startGitHttpServer(remote.dir);
  secured = await startGitHttpServer(remote.dir, { username: 'x-access-token', password: TOKEN });
});

afterAll(async () => {
  await server.close();
  await secured.close();
  remote.dispose();
});

function expectNoToken(text: string): void {
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(encodeURIComponent(TOKEN));
  expect(text).not.toContain(Buffer.from(`x-access-token:${TOKEN}`).toString('base64'));
}

async function commitLine(repo: Awaited<ReturnType<typeof openRepository>>, line: string) {
  return repo.commitStep(async (root) => {
    const file = path.join(root, KUSTOMIZATION);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, `${readFileSync(file, 'utf8')}# ${line}\n`);
    return { message: `web: ${line}`, trailers: {}, files: [KUSTOMIZATION] };
  });
}

describe('credentials over http', () => {
  it('takes a token out of the repo URL: sent as a header, never written to the clone', async () => {
    const url = `http://x-access-token:${TOKEN}@127.0.0.1:${secured.port}/remote.git`;
    const repo = await openRepository({ repo: url, branch: 'main', author: AUTHOR });
    try {
      const outcome = await commitLine(repo, 'token in the URL');

      expect(outcome.sha).toBe(remote.head());
      const config = readFileSync(path.join(repo.root, '.git', 'config'), 'utf8');
      expectNoToken(config);
      expect(git(repo.root, 'remote', 'get-url', 'origin')).toBe(`${secured.url}/remote.git`);
      expect(secured.authorizations.at(-1)).toBe(
        `basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`,
      );
    } finally {
      await repo.close();
    }
  });

  it('sends a tokenEnv token the same way, and the clone keeps the plain URL', async () => {
    const repo = await openRepository({
      repo: `${secured.url}/remote.git`,
      branch: 'main',
      author: AUTHOR,
      token: TOKEN,
    });
    try {
      await commitLine(repo, 'tokenEnv');
      expectNoToken(readFileSync(path.join(repo.root, '.git', 'config'), 'utf8'));
      expect(remote.head()).toBe((await repo.head()).sha);
    } finally {
      await repo.close();
    }
  });

  it('fails without retrying when the server refuses the credentials', async () => {
    const before = secured.authorizations.length;
    const opening = openRepository({
      repo: `http://x-access-token:wrong-token-0000@127.0.0.1:${secured.port}/remote.git`,
      branch: 'main',
      author: AUTHOR,
      retry: FAST,
    });
    await expect(opening).rejects.toMatchObject({
      code: 'GIT_FAILED',
      message: expect.stringMatching(/git fetch failed/),
    });
    // One clone attempt: curl asks once, gets 401, and git gives up (no prompt, no retry).
    expect(secured.authorizations.length - before).toBeLessThanOrEqual(2);
  });
});

describe('git remote outages', () => {
  let proxy: FaultyProxy;

  async function throughProxy(plan: (index: number) => Fault, stallSeconds = 30) {
    proxy = await startFaultyProxy(server.url, plan, { slowMs: 4_000 });
    return openRepository({
      repo: `${proxy.url}/remote.git`,
      branch: 'main',
      author: AUTHOR,
      retry: FAST,
      stallSeconds,
    });
  }

  afterAll(async () => proxy?.close());

  it.each<[string, Fault]>([
    ['503 answers', '503'],
    ['connection resets', 'reset'],
    ['garbage answers', 'garbage'],
  ])('clones and pushes through %s on the first requests, retrying with backoff', async (_, fault) => {
    const repo = await throughProxy(failFirst(2, fault));
    try {
      // The push's first request fails too.
      proxy.setPlan(failFirst(proxy.seen.length + 1, fault));
      const outcome = await commitLine(repo, `through ${fault}`);
      expect(outcome.sha).toBe(remote.head());
      expect(proxy.seen.filter((seen) => seen === fault).length).toBeGreaterThanOrEqual(3);
    } finally {
      await repo.close();
      await proxy.close();
    }
  });

  it('gives up a stalled transfer and retries it', async () => {
    const repo = await throughProxy(failFirst(1, 'hang'), 1);
    try {
      expect((await repo.head()).sha).toBe(remote.head());
      expect(proxy.seen.slice(0, 2)).toEqual(['hang', 'pass']);
    } finally {
      await repo.close();
      await proxy.close();
    }
  });

  it.each<[string, Fault]>([
    ['answers 503', '503'],
    ['resets every connection', 'reset'],
    ['answers garbage', 'garbage'],
  ])('fails closed with GIT_FAILED after the policy’s attempts when the remote %s', async (_, fault) => {
    const opening = throughProxy(() => fault);
    await expect(opening).rejects.toMatchObject({
      code: 'GIT_FAILED',
      message: expect.stringMatching(/git fetch failed: .*\(tried 4 times\)/),
    });
    expect(proxy.seen.length).toBeGreaterThanOrEqual(4);
    await proxy.close();
  });

  it('fails closed after the policy’s attempts when the remote is down', async () => {
    const port = await freePort();
    const started = Date.now();
    const opening = openRepository({
      repo: `http://127.0.0.1:${port}/remote.git`,
      branch: 'main',
      author: AUTHOR,
      retry: FAST,
    });
    await expect(opening).rejects.toMatchObject({
      code: 'GIT_FAILED',
      message: expect.stringMatching(/(Connection refused|Failed to connect).*\(tried 4 times\)/),
    });
    // Backoff: three waits of at least 50, 100 and 200 ms (jitter only lengthens them).
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
  });
});
