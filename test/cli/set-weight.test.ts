import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI } from '../support/cli.js';

// The CLI as users run it: `node bin/gitcanary.js …` in a copy of a fixture, checking exit code,
// stdout, stderr and the bytes of every file.

const ROOT = path.join(import.meta.dirname, '..', '..');
const FIXTURES = path.join(ROOT, 'fixtures', 'apisix');

const ARGO_SERVICES = [
  '--stable',
  'rollout-apisix-canary-stable',
  '--canary',
  'rollout-apisix-canary-canary',
];

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp copy of a fixture folder; the CLI runs with it as the current directory. */
function workspace(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitcanary-set-weight-'));
  dirs.push(dir);
  cpSync(path.join(FIXTURES, fixture), dir, { recursive: true });
  return dir;
}

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run the CLI; asynchronous so that the concurrent tests overlap the CLI's start-up. */
function gitcanary(cwd: string, ...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CLI, ...args], { cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file of the workspace with its text, to assert what changed and that errors change nothing. */
function snapshot(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
  return Object.fromEntries(files.map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]));
}

const argoRouteAt20 = `apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: rollouts-apisix-route
spec:
  http:
    - name: rollouts-apisix
      match:
        paths:
          - /*
        hosts:
          - rollouts-demo.apisix.local
      backends:
        - serviceName: rollout-apisix-canary-stable
          servicePort: 80
          weight: 80
        - serviceName: rollout-apisix-canary-canary
          servicePort: 80
          weight: 20
`;

describe.concurrent('gitcanary set weight', () => {
  it('writes the weights in place, silently', async () => {
    const dir = workspace('argo-rollouts');
    const before = snapshot(dir);
    const result = await gitcanary(dir, 'set', 'weight', '--file', 'route.yaml', ...ARGO_SERVICES, '20');
    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(snapshot(dir)).toEqual({ ...before, 'route.yaml': argoRouteAt20 });
  });

  it('prints the files written with --verbose, and "no change" when there is none', async () => {
    const dir = workspace('argo-rollouts');
    const args = [
      'set',
      'weight',
      '--file',
      '.',
      '--route',
      'rollouts-apisix-route',
      ...ARGO_SERVICES,
      '20',
      '-v',
    ];
    expect(await gitcanary(dir, ...args)).toEqual({ status: 0, stdout: 'wrote route.yaml\n', stderr: '' });
    expect(await gitcanary(dir, ...args)).toEqual({ status: 0, stdout: 'no change\n', stderr: '' });
  });

  it('keeps CRLF line endings when it finds the route in a folder', async () => {
    const dir = workspace('crlf-multidoc');
    const before = snapshot(dir);
    const result = await gitcanary(
      dir,
      ...['set', 'weight', '--file', '.', '--route', 'payments'],
      ...['--stable', 'payments-stable', '--canary', 'payments-canary', '35'],
    );
    expect(result.status).toBe(0);
    expect(snapshot(dir)).toEqual({
      ...before,
      'payments.yaml': before['payments.yaml']!.replace(
        'weight: 100    # stable',
        'weight: 65    # stable',
      ).replace('weight: 0      # canary', 'weight: 35      # canary'),
    });
  });

  it('manages the rules given with --rule', async () => {
    const dir = workspace('two-rules');
    const before = readFileSync(path.join(dir, 'route.yaml'), 'utf8');
    const result = await gitcanary(
      dir,
      ...['set', 'weight', '--file', 'route.yaml', '--rule', 'admin'],
      ...['--stable', 'shop-stable', '--canary', 'shop-canary', '5'],
    );
    expect(result.status).toBe(0);
    expect(readFileSync(path.join(dir, 'route.yaml'), 'utf8')).toBe(
      before.replace('weight: 100\n', 'weight: 95\n').replace(/weight: 0\n$/, 'weight: 5\n'),
    );
  });

  it.each([
    ['101', 'error: weight must be an integer from 0 to 100, got "101"\n'],
    ['10.5', 'error: weight must be an integer from 0 to 100, got "10.5"\n'],
    ['ten', 'error: weight must be an integer from 0 to 100, got "ten"\n'],
  ])('refuses weight %s with exit 2 and leaves the files alone', async (weight, stderr) => {
    const dir = workspace('argo-rollouts');
    const before = snapshot(dir);
    expect(await gitcanary(dir, 'set', 'weight', '--file', 'route.yaml', ...ARGO_SERVICES, weight)).toEqual({
      status: 2,
      stdout: '',
      stderr,
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('names file, line, resource and field when a backend is missing', async () => {
    const dir = workspace('argo-rollouts');
    const before = snapshot(dir);
    const result = await gitcanary(
      dir,
      ...['set', 'weight', '--file', 'route.yaml', '--stable', 'rollout-apisix-canary-stable'],
      ...['--canary', 'rollout-apisix-canary-preview', '10'],
    );
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'error: route.yaml:14:9: ApisixRoute/rollouts-apisix-route: spec.http[0].backends: rule "rollouts-apisix" ' +
        'has no canary backend "rollout-apisix-canary-preview" (hint: backends present: ' +
        'rollout-apisix-canary-stable, rollout-apisix-canary-canary)\n',
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('asks for --route when the folder holds several ApisixRoutes', async () => {
    const dir = workspace('crlf-multidoc');
    const result = await gitcanary(
      dir,
      'set',
      'weight',
      '--file',
      '.',
      '--stable',
      'a',
      '--canary',
      'b',
      '10',
    );
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'error: . holds several ApisixRoutes; choose one with --route (hint: ApisixRoutes: payments, payments-webhooks)\n',
    });
  });

  it('reports a rule that is not there', async () => {
    const dir = workspace('two-rules');
    const before = snapshot(dir);
    const result = await gitcanary(
      dir,
      'set',
      'weight',
      '--file',
      'route.yaml',
      '--rule',
      'checkout',
      '10',
      '--stable',
      'shop-stable',
      '--canary',
      'shop-canary',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: route.yaml:10:5: ApisixRoute/prod/shop: spec.http: rule "checkout" not found (hint: rules present: shop, admin)\n',
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a route defined twice', async () => {
    const dir = workspace('argo-rollouts');
    cpSync(path.join(dir, 'route.yaml'), path.join(dir, 'route-copy.yaml'));
    const result = await gitcanary(
      dir,
      'set',
      'weight',
      '--file',
      '.',
      '--route',
      'rollouts-apisix-route',
      ...ARGO_SERVICES,
      '10',
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(
      'error: route.yaml:1:1: ApisixRoute/rollouts-apisix-route: resource is defined more than once (hint: also in route-copy.yaml (document 1))\n',
    );
  });

  it('edits a file outside the current directory, relative or absolute', async () => {
    const dir = workspace('argo-rollouts');
    mkdirSync(path.join(dir, 'elsewhere'));
    const relative = await gitcanary(
      path.join(dir, 'elsewhere'),
      'set',
      'weight',
      '--file',
      '../route.yaml',
      '10',
    );
    expect(relative).toEqual({ status: 0, stdout: '', stderr: '' });
    const absolute = await gitcanary(dir, 'get', 'weight', '--file', path.join(dir, 'route.yaml'));
    expect(absolute).toEqual({ status: 0, stdout: '10\n', stderr: '' });
  });

  it('says which routers exist when the file holds none of their kinds', async () => {
    const dir = workspace('argo-rollouts');
    const result = await gitcanary(dir, 'get', 'weight', '--file', 'services.yaml');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error: no resource a traffic router edits in services\.yaml \(hint: routers: apisix \(ApisixRoute\), gatewayAPI \(HTTPRoute\), /,
    );
  });

  it('refuses a file holding resources of several routers, changing nothing', async () => {
    const dir = workspace('argo-rollouts');
    const httpRoute = readFileSync(
      path.join(ROOT, 'fixtures/routers/gatewayapi/traffic-split-2.yaml'),
      'utf8',
    );
    const route = readFileSync(path.join(dir, 'route.yaml'), 'utf8');
    writeFileSync(path.join(dir, 'both.yaml'), `${route}---\n${httpRoute}`);
    const before = snapshot(dir);

    const result = await gitcanary(dir, 'set', 'weight', '--file', 'both.yaml', ...ARGO_SERVICES, '20');

    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^error: both\.yaml holds resources of several routers \(apisix, gatewayAPI\); choose one with --router/,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('detects the router of a file of many routes from the first one, as --router reads it', async () => {
    const dir = workspace('argo-rollouts');
    const route = readFileSync(path.join(dir, 'route.yaml'), 'utf8');
    const other = (i: number) => route.replaceAll('rollouts-apisix-route', `other-${i}`);
    // Documents that mention other routers' kinds without being theirs, and a broken route that
    // neither detection nor the edit has to parse (as with --router apisix).
    const noise =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n  text: HTTPRoute Ingress VirtualService\n';
    const broken = 'apiVersion: apisix.apache.org/v2\nkind: ApisixRoute\nmetadata: {name: broken\n';
    const docs = [...Array.from({ length: 500 }, (_, i) => other(i)), noise, route, broken];
    writeFileSync(path.join(dir, 'routes.yaml'), docs.join('---\n'));

    const result = await gitcanary(
      dir,
      ...[
        'set',
        'weight',
        '--file',
        'routes.yaml',
        '--route',
        'rollouts-apisix-route',
        ...ARGO_SERVICES,
        '20',
      ],
    );

    expect(result).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dir, 'routes.yaml'), 'utf8')).toBe(
      [...docs.slice(0, -2), argoRouteAt20, broken].join('---\n'),
    );
  });

  it('exits 2 on a usage error', async () => {
    const dir = workspace('argo-rollouts');
    const result = await gitcanary(dir, 'set', 'weight', '--file', 'route.yaml', ...ARGO_SERVICES);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: missing required argument 'weight'");
  });
});

describe.concurrent('gitcanary get weight', () => {
  it('prints the canary weight, inferring the canary as the second backend', async () => {
    const dir = workspace('flagger-podinfo');
    expect(await gitcanary(dir, 'get', 'weight', '--file', '.')).toEqual({
      status: 0,
      stdout: '0\n',
      stderr: '',
    });
    await gitcanary(
      dir,
      'set',
      'weight',
      '--file',
      '.',
      '--stable',
      'podinfo-primary',
      '--canary',
      'podinfo-canary',
      '30',
    );
    expect((await gitcanary(dir, 'get', 'weight', '--file', 'podinfo-apisixroute.yaml')).stdout).toBe('30\n');
    expect((await gitcanary(dir, 'get', 'weight', '--file', '.', '--canary', 'podinfo-primary')).stdout).toBe(
      '70\n',
    );
  });

  it("reports APISIX's equal split for backends without weights", async () => {
    const dir = workspace('argo-rollouts');
    expect((await gitcanary(dir, 'get', 'weight', '--file', 'route.yaml')).stdout).toBe('50\n');
  });

  it('asks for --stable and --canary when the rule does not have two backends', async () => {
    const dir = workspace('crlf-multidoc');
    const result = await gitcanary(dir, 'get', 'weight', '--file', '.', '--route', 'payments-webhooks');
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'error: cannot infer the stable and canary backends: rule "webhooks" has 1 backends (hint: pass --stable and --canary)\n',
    });
  });
});

describe.concurrent('gitcanary set header-route', () => {
  const setHeader = `# Managed by gitcanary: header routes of ApisixRoute/rollouts-apisix-route during a canary release.
# gitcanary rewrites this file at every step and deletes it when no header route is active.
apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: set-header
  labels:
    app.kubernetes.io/managed-by: gitcanary
  annotations:
    gitcanary.dev/header-route-match: '[{"headerName":"trace","headerValue":{"exact":"debug"}}]'
spec:
  http:
    - name: rollouts-apisix
      priority: 1
      match:
        paths:
          - /*
        hosts:
          - rollouts-demo.apisix.local
        exprs:
          - subject:
              scope: Header
              name: trace
            op: Equal
            value: debug
      backends:
        - serviceName: rollout-apisix-canary-canary
          servicePort: 80
          weight: 100
`;

  it('adds a header route file next to the route and removes it again', async () => {
    const dir = workspace('argo-rollouts');
    const before = snapshot(dir);
    const add = [
      'set',
      'header-route',
      '--file',
      '.',
      '--route',
      'rollouts-apisix-route',
      '--name',
      'set-header',
    ];
    expect(await gitcanary(dir, ...add, '--header', 'trace', '--exact', 'debug')).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
    expect(snapshot(dir)).toEqual({ ...before, 'rollouts-apisix-route-gitcanary-routes.yaml': setHeader });
    // The header route is not mistaken for a second route of the folder.
    expect((await gitcanary(dir, 'get', 'weight', '--file', '.')).stdout).toBe('50\n');
    const remove = ['set', 'header-route', '--file', 'route.yaml', '--name', 'set-header', '--remove', '-v'];
    expect(await gitcanary(dir, ...remove)).toEqual({
      status: 0,
      stdout: 'deleted rollouts-apisix-route-gitcanary-routes.yaml\n',
      stderr: '',
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('keeps the other header routes, sorted by name, when adding one', async () => {
    const dir = workspace('argo-rollouts');
    const base = ['set', 'header-route', '--file', 'route.yaml'];
    await gitcanary(dir, ...base, '--name', 'set-header', '--header', 'trace', '--exact', 'debug');
    const result = await gitcanary(
      dir,
      ...base,
      '--name',
      'beta',
      '--header',
      'x-version',
      '--prefix',
      'v2.',
    );
    expect(result.status).toBe(0);
    const text = readFileSync(path.join(dir, 'rollouts-apisix-route-gitcanary-routes.yaml'), 'utf8');
    expect(text.split('\n---\n').map((doc) => /name: (\S+)/.exec(doc)?.[1])).toEqual(['beta', 'set-header']);
    expect(text).toContain('            value: ^v2\\.\n');
  });

  it('refuses two kinds of match, and leaves the files alone', async () => {
    const dir = workspace('argo-rollouts');
    const before = snapshot(dir);
    const result = await gitcanary(
      dir,
      ...[
        'set',
        'header-route',
        '--file',
        'route.yaml',
        '--name',
        'x',
        '--header',
        'h',
        '--exact',
        '--regex',
        'v',
      ],
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: option '--exact' cannot be used with option '--regex'");
    expect(snapshot(dir)).toEqual(before);
  });

  it('needs a header and a value unless removing', async () => {
    const dir = workspace('argo-rollouts');
    const result = await gitcanary(
      dir,
      'set',
      'header-route',
      '--file',
      'route.yaml',
      '--name',
      'x',
      '--exact',
      'v',
    );
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr:
        'error: give --header <header>, one of --exact, --prefix, --regex, and the value (or --remove)\n',
    });
  });
});

/** A temp copy of fixtures/routers/<folder>. */
function routerWorkspace(folder: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'gitcanary-set-weight-'));
  dirs.push(dir);
  cpSync(path.join(ROOT, 'fixtures', 'routers', folder), dir, { recursive: true });
  return dir;
}

describe.concurrent('gitcanary set weight on every router', () => {
  it('detects an HTTPRoute and infers stable and canary from its two backendRefs', async () => {
    const dir = routerWorkspace('gatewayapi');
    const set = await gitcanary(dir, 'set', 'weight', '--file', 'traffic-split-2.yaml', '25');
    expect(set).toEqual({ status: 0, stdout: '', stderr: '' });
    const text = readFileSync(path.join(dir, 'traffic-split-2.yaml'), 'utf8');
    expect(text).toContain('      weight: 75\n    - name: foo-v2\n      port: 8080\n      weight: 25\n');
    const get = await gitcanary(dir, 'get', 'weight', '--file', 'traffic-split-2.yaml');
    expect(get).toEqual({ status: 0, stdout: '25\n', stderr: '' });
  });

  it('adds and removes an NGINX header route on the canary Ingress, leaving the file as it was', async () => {
    const dir = routerWorkspace('nginx');
    const before = snapshot(dir);
    const args = ['--file', 'nginx-template.yaml', '--canary', 'nginx-canary-canary'];
    const add = await gitcanary(
      dir,
      'set',
      'header-route',
      ...args,
      '--name',
      'qa',
      '--header',
      'x-qa',
      '--exact',
      'on',
    );
    expect(add).toEqual({ status: 0, stdout: '', stderr: '' });
    const text = readFileSync(path.join(dir, 'nginx-template.yaml'), 'utf8');
    expect(text).toContain('nginx.ingress.kubernetes.io/canary-by-header: x-qa\n');
    expect(text).toContain('nginx.ingress.kubernetes.io/canary-by-header-value: "on"\n');
    const remove = await gitcanary(dir, 'set', 'header-route', ...args, '--name', 'qa', '--remove');
    expect(remove.status).toBe(0);
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses a header route on a router that cannot route by header, changing nothing', async () => {
    const dir = routerWorkspace('smi');
    const before = snapshot(dir);
    const result = await gitcanary(
      dir,
      ...[
        'set',
        'header-route',
        '--file',
        'canary.yaml',
        '--name',
        'qa',
        '--header',
        'x-qa',
        '--exact',
        'on',
      ],
    );
    expect(result).toEqual({
      status: 2,
      stdout: '',
      stderr: 'error: setHeaderRoute: router `smi` cannot route by header\n',
    });
    expect(snapshot(dir)).toEqual(before);
  });
});
