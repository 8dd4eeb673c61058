import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoConfig } from '../support/gitops.js';
import { runAction } from './runner.js';

// Which token the Action pushes with: the variable of spec.git.tokenEnv when the job sets it, else
// the `token` input. An https server on loopback records the Authorization header git sends.

const INPUT_TOKEN = 'ghs_actionInputToken0123456789abcdef';
const ENV_TOKEN = 'ghp_configTokenEnv0123456789abcdefAB';
const basic = (token: string) => `basic ${Buffer.from(`x-access-token:${token}`).toString('base64')}`;

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

let dir: string;
let server: https.Server;
let url: string;
const seen: (string | undefined)[] = [];

beforeAll(async () => {
  if (!hasOpenssl()) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-action-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  server = https.createServer(
    { key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) },
    (request, response) => {
      seen.push(request.headers.authorization);
      response.writeHead(403).end('denied');
    },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/acme/gitops.git`;
});

afterAll(async () => {
  if (!server) return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasOpenssl())('the token the Action pushes with', () => {
  it('sends the token input to an https GitOps repository, masked everywhere, and fails the job with exit code 4', async () => {
    writeFileSync(
      path.join(dir, 'gitcanary.yaml'),
      demoConfig().replace('repo: ./gitops.git', `repo: ${url}`),
    );
    seen.length = 0;

    const run = await runAction({
      workspace: dir,
      with: { command: 'status', token: INPUT_TOKEN },
      env: { GIT_SSL_NO_VERIFY: '1' },
    });

    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((header) => header === basic(INPUT_TOKEN))).toBe(true);
    expect(run.code).toBe(1);
    expect(run.outputs['exit-code']).toBe('4');
    const error = run.commands.find((command) => command.command === 'error');
    expect(error?.properties.title).toBe('gitcanary: GIT_FAILED');
    const shown = [
      run.log,
      run.summary,
      JSON.stringify(run.commands.filter((c) => c.command !== 'add-mask')),
    ].join('\n');
    for (const form of [INPUT_TOKEN, Buffer.from(INPUT_TOKEN).toString('base64'), basic(INPUT_TOKEN)]) {
      expect(shown).not.toContain(form);
    }
  });

  it("prefers the variable the config's tokenEnv names when the job sets it", async () => {
    writeFileSync(
      path.join(dir, 'gitcanary.yaml'),
      demoConfig({ git: ', tokenEnv: GITOPS_TOKEN' }).replace('repo: ./gitops.git', `repo: ${url}`),
    );
    seen.length = 0;

    await runAction({
      workspace: dir,
      with: { command: 'status', token: INPUT_TOKEN },
      env: { GIT_SSL_NO_VERIFY: '1', GITOPS_TOKEN: ENV_TOKEN },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((header) => header === basic(ENV_TOKEN))).toBe(true);

    seen.length = 0;
    await runAction({
      workspace: dir,
      with: { command: 'status', token: INPUT_TOKEN },
      env: { GIT_SSL_NO_VERIFY: '1' },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((header) => header === basic(INPUT_TOKEN))).toBe(true);
  });
});
