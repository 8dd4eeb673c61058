import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveTempDirs } from '../../src/git/index.js';
import { CANARY_IMAGE, createGitOps, FILES, type GitOps, git, PODINFO } from '../support/gitops.js';
import { cli } from './cli.js';

// Hostile input is refused before anything is written: exit 2, the message names the file and
// the field, the remote does not move, and `validate` refuses everything `run` would. One table,
// each case run through both commands in-process (src/cli/program.ts `main`, what bin runs).

interface Parts {
  metadata: string;
  git: string;
  workload: string;
  traffic: string;
  steps: string;
  gates: string;
  extra: string;
}

const BASE: Parts = {
  metadata: '{ name: podinfo, namespace: test }',
  git: 'branch: main, author: { name: gitcanary, email: gitcanary@example.com }',
  workload: `kustomization: { path: apps/podinfo/canary, image: ${PODINFO} }`,
  traffic: `    - apisix:
        file: apps/podinfo/routes/route.yaml
        route: podinfo
        rules: [method]
        stableService: podinfo-primary
        canaryService: podinfo-canary
`,
  steps: `    - setWeight: 10
    - analysis: { gates: [smoke] }
    - setHeaderRoute:
        name: podinfo-by-header
        match: [{ headerName: x-canary, headerValue: { exact: "always" } }]
    - setWeight: 50
    - promote: {}
`,
  gates: `    smoke: { command: { command: 'echo ok {{canaryWeight}}', timeout: 10s } }
`,
  extra: '',
};

function configText(repo: string, parts: Partial<Parts>): string {
  const p = { ...BASE, ...parts };
  return `apiVersion: gitcanary.dev/v1alpha1
kind: Release
metadata: ${p.metadata}
spec:
  git: { repo: ${repo}, ${p.git} }
  workload:
    ${p.workload}
  stable:
    kustomization: { path: apps/podinfo/primary, image: ${PODINFO} }
  traffic:
${p.traffic}  steps:
${p.steps}  gates:
${p.gates}${p.extra}`;
}

/** One header match step with the given match item (flow YAML). */
const headerStep = (match: string, name = 'podinfo-by-header') => `    - setWeight: 10
    - setHeaderRoute: { name: ${name}, match: [${match}] }
`;
const commandGate = (command: string, more = '') =>
  `    smoke: { command: { command: ${JSON.stringify(command)}${more} } }
`;
const promGate = (fields: string) =>
  `    smoke: { prometheus: { address: "http://127.0.0.1:9090", thresholdRange: { min: 1 }${fields} } }
`;
const httpGate = (fields: string) => `    smoke: { http: { ${fields} } }
`;

interface Case {
  name: string;
  /** Config parts that differ from BASE. */
  parts?: Partial<Parts>;
  /** Replaces the config file (written next to the shared remote) before the commands run. */
  configFile?: (file: string, text: string) => void;
  /** Changes pushed to a case's own remote before the commands run (symlinks, broken manifests). */
  repo?: (clone: string) => void;
  /** Arguments after `run`; default `--image <candidate>`. Run-only cases skip validate. */
  runArgs?: string[];
  runOnly?: boolean;
  /** Fragments the error must contain: the file and the field (or the option). */
  names: string[];
}

const ROUTE = FILES.route;
const OWNED = FILES.headerRoutes;
const ALIAS_BOMB = `a: &a ["x","x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
`;

const CASES: Case[] = [
  // --- the config file itself --------------------------------------------------------------------
  { name: '--config naming a folder', configFile: (f) => mkdirSync(f), names: ['gitcanary.yaml', 'folder'] },
  {
    name: 'a config that is a dangling symlink',
    configFile: (f) => symlinkSync(`${f}.gone`, f),
    names: ['gitcanary.yaml', 'does not exist'],
  },
  {
    name: 'a config that is a symlink loop',
    configFile: (f) => {
      symlinkSync(`${f}.b`, f);
      symlinkSync(f, `${f}.b`);
    },
    names: ['gitcanary.yaml', 'symlink loop'],
  },
  {
    name: 'a config that does not exist',
    configFile: () => undefined,
    names: ['gitcanary.yaml', 'not found'],
  },
  {
    name: 'a config that is a named pipe',
    configFile: (f) => execFileSync('mkfifo', [f]),
    names: ['gitcanary.yaml', 'not a regular file'],
  },
  {
    name: 'an empty config',
    configFile: (f) => writeFileSync(f, ''),
    names: ['gitcanary.yaml', 'no document'],
  },
  {
    name: 'a config larger than 1 MB',
    configFile: (f, text) => writeFileSync(f, `${text}\n${'#'.repeat(1024 * 1024)}\n`),
    names: ['gitcanary.yaml', 'bytes'],
  },
  {
    name: 'a config that is not YAML',
    configFile: (f) => writeFileSync(f, 'spec: [unclosed\n'),
    names: ['gitcanary.yaml:'],
  },
  {
    name: 'a config with two documents',
    configFile: (f, text) => writeFileSync(f, `${text}---\n${text}`),
    names: ['gitcanary.yaml:', 'one YAML document'],
  },
  {
    name: 'a config holding an alias bomb',
    configFile: (f, text) => writeFileSync(f, `${text}  x-bomb:\n${ALIAS_BOMB.replace(/^/gm, '    ')}`),
    names: ['gitcanary.yaml', 'alias'],
  },
  {
    name: 'a config holding a NUL byte',
    configFile: (f, text) => writeFileSync(f, text.replace('podinfo-primary', 'podinfo\u0000primary')),
    names: ['gitcanary.yaml'],
  },
  // --- spec.git ------------------------------------------------------------------------------------
  ...[
    ['a branch that is a git option', '"--upload-pack=touch /tmp/gitcanary-pwned"'],
    ['a branch with ..', 'main..other'],
    ['a branch with a space', '"main other"'],
    ['a branch with a newline', '"main\\nother"'],
    ['a branch ending in .lock', 'main.lock'],
    ['a branch with @{', '"main@{1}"'],
  ].map(([name, branch]) => ({
    name: name!,
    parts: { git: `branch: ${branch}` },
    names: ['gitcanary.yaml:', 'spec.git.branch'],
  })),
  ...[
    ['a repo that is a git option', '"--upload-pack=touch /tmp/gitcanary-pwned"'],
    ['an ext:: repo that runs a command', '"ext::sh -c touch% /tmp/gitcanary-pwned"'],
    ['an fd:: repo', '"fd::3"'],
    ['a repo with an ftp:// URL', 'ftp://example.com/gitops.git'],
    ['a repo with a newline', '"https://example.com/gitops.git\\n--upload-pack=x"'],
  ].map(([name, repo]) => ({
    name: name!,
    parts: { git: `branch: main }\n  # repo replaced below\n  x: { ` },
    configFile: (f: string, text: string) =>
      writeFileSync(
        f,
        text
          .replace(/repo: [^,]+,/, `repo: ${repo},`)
          .replace(/\n {2}# repo replaced below\n {2}x: \{ \}/, ''),
      ),
    names: ['gitcanary.yaml:', 'spec.git.repo'],
  })),
  {
    name: 'an author name with a newline',
    parts: { git: 'author: { name: "gitcanary\\nCo-authored-by: x", email: a@example.com }' },
    names: ['gitcanary.yaml:', 'spec.git.author.name'],
  },
  {
    name: 'an author email that is not one',
    parts: { git: 'author: { name: gitcanary, email: "not an email" }' },
    names: ['gitcanary.yaml:', 'spec.git.author.email'],
  },
  {
    name: 'a tokenEnv that is no variable name',
    parts: { git: 'tokenEnv: "$(id)"' },
    names: ['gitcanary.yaml:', 'spec.git.tokenEnv'],
  },
  {
    name: 'signing with both key and keyEnv',
    parts: { git: 'signing: { key: /k, keyEnv: KEY }' },
    names: ['gitcanary.yaml:', 'spec.git.signing'],
  },
  {
    name: 'signing from an unset variable',
    parts: { git: 'signing: { keyEnv: GITCANARY_HOSTILE_UNSET_KEY }' },
    names: ['spec.git.signing.keyEnv'],
  },
  // --- metadata ------------------------------------------------------------------------------------
  {
    name: 'a release name with $(…)',
    parts: { metadata: '{ name: "$(touch /tmp/gitcanary-pwned)" }' },
    names: ['gitcanary.yaml:', 'metadata.name'],
  },
  {
    name: 'a namespace with a shell command',
    parts: { metadata: '{ name: podinfo, namespace: "test; rm -rf /" }' },
    names: ['gitcanary.yaml:', 'metadata.namespace'],
  },
  {
    name: 'an upper-case namespace',
    parts: { metadata: '{ name: podinfo, namespace: Test }' },
    names: ['gitcanary.yaml:', 'metadata.namespace'],
  },
  // --- targets -------------------------------------------------------------------------------------
  {
    name: 'a kustomization path outside the repository (absolute)',
    parts: { workload: `kustomization: { path: /etc, image: ${PODINFO} }` },
    names: ['/etc', 'outside'],
  },
  {
    name: 'a kustomization path escaping with ..',
    parts: { workload: `kustomization: { path: ../../etc, image: ${PODINFO} }` },
    names: ['../../etc', 'outside'],
  },
  {
    name: 'a kustomization image name with a tag',
    parts: { workload: `kustomization: { path: apps/podinfo/canary, image: "${PODINFO}:6.0.0" }` },
    names: ['gitcanary.yaml:', 'spec.workload.kustomization.image'],
  },
  {
    name: 'a kustomization image name with $(…)',
    parts: { workload: 'kustomization: { path: apps/podinfo/canary, image: "$(id)" }' },
    names: ['gitcanary.yaml:', 'spec.workload.kustomization.image'],
  },
  ...[
    [
      'a stableService with a shell command',
      'stableService: podinfo-primary',
      'stableService: "podinfo-primary; $(id)"',
      'stableService',
    ],
    [
      'an upper-case canaryService',
      'canaryService: podinfo-canary',
      'canaryService: Podinfo-Canary',
      'canaryService',
    ],
    [
      'a canaryService starting with a digit (not DNS-1035)',
      'canaryService: podinfo-canary',
      'canaryService: 1canary',
      'canaryService',
    ],
    ['a route name with a space', 'route: podinfo', 'route: "podinfo route"', 'route'],
    ['a rule name with a shell command', 'rules: [method]', 'rules: ["method; ls"]', 'rules[0]'],
    [
      'a route namespace with a slash',
      'route: podinfo',
      'route: podinfo\n        namespace: "a/b"',
      'namespace',
    ],
  ].map(([name, from, to, field]) => ({
    name: name!,
    parts: { traffic: BASE.traffic.replace(from!, to!) },
    names: ['gitcanary.yaml:', `spec.traffic[0].apisix.${field}`],
  })),
  {
    name: 'a headerRouteFile outside the repository',
    parts: { traffic: `${BASE.traffic}        headerRouteFile: /tmp/gitcanary-owned.yaml\n` },
    names: ['/tmp/gitcanary-owned.yaml', 'outside'],
  },
  {
    name: 'a headerRouteFile escaping with ..',
    parts: { traffic: `${BASE.traffic}        headerRouteFile: ../owned.yaml\n` },
    names: ['../owned.yaml', 'outside'],
  },
  {
    name: 'a route file that does not exist',
    parts: { traffic: BASE.traffic.replace('routes/route.yaml', 'routes/none.yaml') },
    names: ['apps/podinfo/routes/none.yaml', 'no such file'],
  },
  {
    name: 'a route that is not in the file',
    parts: { traffic: BASE.traffic.replace('route: podinfo', 'route: other') },
    names: [ROUTE, 'ApisixRoute/other'],
  },
  // --- steps ---------------------------------------------------------------------------------------
  {
    name: 'a header route name with $(…)',
    parts: { steps: headerStep('{ headerName: x-canary, headerValue: { exact: "1" } }', '"$(id)"') },
    names: ['gitcanary.yaml:', 'spec.steps[1].setHeaderRoute.name'],
  },
  {
    name: 'a header route name that is no resource name',
    parts: { steps: headerStep('{ headerName: x-canary, headerValue: { exact: "1" } }', 'Canary_Header') },
    names: ['gitcanary.yaml:', 'spec.steps[1].setHeaderRoute.name'],
  },
  ...[
    ['a header name with a space', '{ headerName: "x canary", headerValue: { exact: "1" } }', 'headerName'],
    ['a header name with a colon', '{ headerName: "x-canary:", headerValue: { exact: "1" } }', 'headerName'],
    [
      'a header name with a newline',
      '{ headerName: "x\\nEvil: 1", headerValue: { exact: "1" } }',
      'headerName',
    ],
    [
      'a header value with a newline',
      '{ headerName: x-canary, headerValue: { exact: "1\\nEvil: 1" } }',
      'headerValue.exact',
    ],
    [
      'a header value with a carriage return',
      '{ headerName: x-canary, headerValue: { exact: "1\\r" } }',
      'headerValue.exact',
    ],
    [
      'a header value with a NUL',
      '{ headerName: x-canary, headerValue: { exact: "1\\0" } }',
      'headerValue.exact',
    ],
    [
      'a header value with a terminal escape',
      '{ headerName: x-canary, headerValue: { exact: "\\e[31m" } }',
      'headerValue.exact',
    ],
    [
      'a header prefix with a newline',
      '{ headerName: x-canary, headerValue: { prefix: "a\\nb" } }',
      'headerValue.prefix',
    ],
    [
      'a header regex with an unclosed group',
      '{ headerName: x-canary, headerValue: { regex: "(canary" } }',
      'headerValue.regex',
    ],
    [
      'a header regex with an unclosed class',
      '{ headerName: x-canary, headerValue: { regex: "[a-" } }',
      'headerValue.regex',
    ],
    [
      'a header regex with a dangling quantifier',
      '{ headerName: x-canary, headerValue: { regex: "*canary" } }',
      'headerValue.regex',
    ],
    [
      'a header regex with a bad repetition',
      '{ headerName: x-canary, headerValue: { regex: "a{2,1}" } }',
      'headerValue.regex',
    ],
    [
      'a header regex with a newline',
      '{ headerName: x-canary, headerValue: { regex: "a\\nb" } }',
      'headerValue.regex',
    ],
  ].map(([name, match, field]) => ({
    name: name!,
    parts: { steps: headerStep(match!) },
    names: ['gitcanary.yaml:', `spec.steps[1].setHeaderRoute.match[0].${field}`],
  })),
  {
    name: 'a mirror route name with $(…)',
    parts: { steps: '    - setMirrorRoute: { name: "$(id)", match: [{ method: { exact: GET } }] }\n' },
    names: ['gitcanary.yaml:', 'spec.steps[0].setMirrorRoute.name'],
  },
  {
    name: 'a mirror match with an invalid regex',
    parts: { steps: '    - setMirrorRoute: { name: mirror, match: [{ path: { regex: "(" } }] }\n' },
    names: ['gitcanary.yaml:', 'spec.steps[0].setMirrorRoute.match[0].path.regex'],
  },
  {
    name: 'setCanaryScale without a replicas target',
    parts: { steps: '    - setWeight: 10\n    - setCanaryScale: { replicas: 2 }\n' },
    names: ['spec.workload.kustomization.replicas', 'setCanaryScale'],
  },
  {
    name: 'a weight above 100',
    parts: { steps: '    - setWeight: 120\n' },
    names: ['gitcanary.yaml:', 'spec.steps[0].setWeight'],
  },
  {
    name: 'a pause that is no duration',
    parts: { steps: '    - pause: { duration: forever }\n' },
    names: ['gitcanary.yaml:', 'spec.steps[0].pause.duration'],
  },
  {
    name: 'an unknown step',
    parts: { steps: '    - setTraffic: 10\n' },
    names: ['gitcanary.yaml:', 'spec.steps[0]'],
  },
  // --- gates ---------------------------------------------------------------------------------------
  {
    name: 'a command template with an unknown variable',
    parts: { gates: commandGate('echo {{canarySevrice}}') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.command.command', 'canarySevrice'],
  },
  {
    name: 'a command template with an unclosed {{',
    parts: { gates: commandGate('echo {{canaryService') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.command.command'],
  },
  {
    name: 'a command template naming an undefined variables.*',
    parts: { gates: commandGate('echo {{variables.target}}') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.command.command'],
  },
  {
    name: 'a command env name that is no variable name',
    parts: { gates: commandGate('true', ', env: { "A B": x }') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.command.env'],
  },
  {
    name: 'a command timeout that is no duration',
    parts: { gates: commandGate('true', ', timeout: "5 minutes"') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.command.timeout'],
  },
  {
    name: 'a Prometheus query with an unknown variable',
    parts: { gates: promGate(', query: \'sum(up{job="{{jobName}}"})\'') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.prometheus.query', 'jobName'],
  },
  {
    name: 'a Prometheus query with an unclosed {{',
    parts: { gates: promGate(', query: \'sum(up{job="{{releaseName"})\'') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.prometheus.query'],
  },
  {
    name: 'a Prometheus address that reads a file',
    parts: {
      gates:
        '    smoke: { prometheus: { address: "file:///etc/passwd", query: up, thresholdRange: { min: 1 } } }\n',
    },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.prometheus.address'],
  },
  {
    name: 'a Prometheus header value with a newline',
    parts: { gates: promGate(', query: up, headers: { x-scope: "a\\nEvil: 1" }') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.prometheus.headers'],
  },
  {
    name: 'a Prometheus bearerTokenEnv with $(…)',
    parts: { gates: promGate(', query: up, bearerTokenEnv: "$(id)"') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.prometheus.bearerTokenEnv'],
  },
  {
    name: 'an http gate URL with an unknown variable',
    parts: { gates: httpGate('url: "http://{{canaryHost}}/healthz"') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.http.url', 'canaryHost'],
  },
  {
    name: 'an http gate URL that is not http(s)',
    parts: { gates: httpGate('url: "ftp://{{canaryService}}/x"') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.http.url'],
  },
  {
    name: 'an http gate header name with a space',
    parts: { gates: httpGate('url: "http://{{canaryService}}/x", headers: { "x evil": "1" }') },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.http.headers'],
  },
  {
    name: 'an approval gate (needs pull-request mode)',
    parts: { gates: '    smoke: { approval: {} }\n' },
    names: ['gitcanary.yaml:', 'spec.gates.smoke.approval'],
  },
  {
    name: 'an analysis naming an undefined gate',
    parts: { steps: '    - analysis: { gates: [missing] }\n' },
    names: ['gitcanary.yaml:', 'spec.steps[0].analysis.gates[0]'],
  },
  {
    name: 'an Argo CD application with $(…)',
    parts: { extra: '  sync: { argocd: { server: https://argocd.example.com, application: "$(id)" } }\n' },
    names: ['gitcanary.yaml:', 'spec.sync.argocd.application'],
  },
  {
    name: 'an Argo CD tokenEnv that is no variable name',
    parts: {
      extra:
        '  sync: { argocd: { server: https://argocd.example.com, application: podinfo, tokenEnv: "A-B" } }\n',
    },
    names: ['gitcanary.yaml:', 'spec.sync.argocd.tokenEnv'],
  },
  {
    name: 'a Flux kubeconfig that does not exist',
    parts: { extra: '  sync: { flux: { kustomization: podinfo, kubeconfig: /nonexistent/kubeconfig } }\n' },
    names: ['gitcanary.yaml:', 'spec.sync.flux.kubeconfig'],
  },
  // --- the manifests in the repository -----------------------------------------------------------
  {
    name: 'a route file that is a dangling symlink',
    repo: (clone) => replaceWithSymlink(clone, ROUTE, 'gone.yaml'),
    names: [ROUTE, 'does not exist'],
  },
  {
    name: 'a route file that is a symlink loop',
    repo: (clone) => {
      replaceWithSymlink(clone, ROUTE, 'loop.yaml');
      symlinkSync('route.yaml', path.join(clone, 'apps/podinfo/routes/loop.yaml'));
    },
    names: [ROUTE, 'symlink loop'],
  },
  {
    name: 'a route file that is a symlink out of the repository',
    repo: (clone) => replaceWithSymlink(clone, ROUTE, '/etc/hostname'),
    names: [ROUTE, 'symlink'],
  },
  {
    name: 'an owned header-route file that is a dangling symlink',
    repo: (clone) => symlinkSync('gone.yaml', path.join(clone, OWNED)),
    names: [OWNED, 'symlink'],
  },
  {
    name: 'an owned header-route file that is a symlink to the route',
    repo: (clone) => symlinkSync('route.yaml', path.join(clone, OWNED)),
    names: [OWNED, 'symlink'],
  },
  {
    name: 'an owned header-route file that is a folder',
    repo: (clone) => writeFileSync(path.join(clone, OWNED, 'keep'), mkdirAnd(path.join(clone, OWNED))),
    names: [OWNED, 'folder'],
  },
  {
    name: 'an owned header-route file gitcanary did not write',
    repo: (clone) => writeFileSync(path.join(clone, OWNED), 'apiVersion: v1\nkind: ConfigMap\n'),
    names: [OWNED, 'headerRouteFile', 'not managed by gitcanary'],
  },
  {
    name: 'a kustomization that is a dangling symlink',
    repo: (clone) => replaceWithSymlink(clone, FILES.canary, 'gone.yaml'),
    names: [FILES.canary, 'does not exist'],
  },
  {
    name: 'a route file that is not YAML',
    repo: (clone) => writeFileSync(path.join(clone, ROUTE), 'spec: [unclosed\n'),
    names: [`${ROUTE}:`],
  },
  {
    name: 'a route file holding an alias bomb',
    repo: (clone) =>
      writeFileSync(
        path.join(clone, ROUTE),
        `${git(clone, 'show', `HEAD:${ROUTE}`)}\n  x-bomb:\n${ALIAS_BOMB.replace(/^/gm, '    ')}`,
      ),
    names: [ROUTE, 'alias'],
  },
  {
    name: 'a route defined twice',
    repo: (clone) =>
      writeFileSync(
        path.join(clone, ROUTE),
        `${git(clone, 'show', `HEAD:${ROUTE}`)}\n---\n${git(clone, 'show', `HEAD:${ROUTE}`)}\n`,
      ),
    names: [ROUTE, 'more than once'],
  },
  {
    name: 'a route without the canary backend',
    repo: (clone) =>
      writeFileSync(
        path.join(clone, ROUTE),
        git(clone, 'show', `HEAD:${ROUTE}`).replace('serviceName: podinfo-canary', 'serviceName: other'),
      ),
    names: [ROUTE, 'backends', 'podinfo-canary'],
  },
  {
    name: 'a backend weight that is not a number',
    repo: (clone) =>
      writeFileSync(
        path.join(clone, ROUTE),
        git(clone, 'show', `HEAD:${ROUTE}`).replace('weight: 0', 'weight: "x"'),
      ),
    names: [ROUTE, 'weight'],
  },
  {
    name: 'a kustomization whose images is not a list',
    repo: (clone) =>
      writeFileSync(
        path.join(clone, FILES.canary),
        git(clone, 'show', `HEAD:${FILES.canary}`).replace(/images:[\s\S]*$/, 'images: podinfo\n'),
      ),
    names: [FILES.canary, 'images'],
  },
  // --- arguments (run only: validate takes no image) ---------------------------------------------
  ...[
    ['an --image with a space', `${PODINFO}:6.1.0 evil`],
    ['an empty --image', ''],
    ['an --image with a newline', `${PODINFO}:6.1.0\n--amend`],
    ['an --image starting with -', '-oops'],
    ['an --image with upper case', 'GHCR.io/Stefanprodan/Podinfo:6.1.0'],
    ['an --image with $(…)', `${PODINFO}:$(id)`],
  ].map(([name, image]) => ({
    name: name!,
    runOnly: true,
    runArgs: [`--image=${image}`],
    names: ['image'],
  })),
  {
    name: 'a --workdir that is not a clone',
    runOnly: true,
    runArgs: ['--image', CANARY_IMAGE, '--workdir', '/tmp'],
    names: ['workdir', 'not a git working copy'],
  },
];

function mkdirAnd(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return 'a folder where gitcanary keeps a file\n';
}

function replaceWithSymlink(clone: string, file: string, target: string): void {
  rmSync(path.join(clone, file));
  symlinkSync(target, path.join(clone, file));
}

/** Branches, tags and other refs of the remote, with their shas. */
function refs(ops: GitOps): string {
  return ops.gitIn(['for-each-ref', '--format=%(refname) %(objectname)']);
}

let shared: GitOps;
let counter = 0;

beforeAll(() => {
  shared = createGitOps('# replaced per case\n');
});

afterAll(() => shared.dispose());

/** A config (or whatever the case puts there) in a folder of its own; the remote given. */
function writeCase(c: Case, remote: string): string {
  const dir = path.join(shared.dir, `case-${++counter}`);
  mkdirSync(dir);
  const file = path.join(dir, 'gitcanary.yaml');
  const text = configText(remote, c.parts ?? {});
  if (c.configFile) c.configFile(file, text);
  else writeFileSync(file, text);
  return file;
}

function caseRemote(c: Case): GitOps {
  if (c.repo === undefined) return shared;
  const ops = createGitOps('# replaced per case\n');
  const clone = ops.clone('prepare');
  c.repo(clone);
  git(clone, 'add', '--all');
  git(clone, 'commit', '--quiet', '-m', `hostile: ${c.name}`);
  git(clone, 'push', '--quiet', 'origin', 'HEAD:main');
  return ops;
}

describe('hostile input is refused before anything is written (exit 2, remote untouched)', () => {
  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const ops = caseRemote(c);
    try {
      const before = refs(ops);
      const config = writeCase(c, ops.bare);
      const commands: string[][] = [
        ...(c.runOnly ? [] : [['validate', '--config', config]]),
        ['run', '--config', config, ...(c.runArgs ?? ['--image', CANARY_IMAGE])],
      ];
      for (const args of commands) {
        const run = await cli(args);
        const where = `${args[0]}: ${run.stderr}${run.stdout}`;
        expect(run.code, where).toBe(2);
        for (const fragment of c.names) expect(run.stderr, where).toContain(fragment);
        expect(run.stderr, where).not.toMatch(/internal|\n\s+at /);
        expect(refs(ops), `${args[0]} moved the remote`).toBe(before);
      }
      expect(liveTempDirs()).toEqual([]);
    } finally {
      if (ops !== shared) ops.dispose();
    }
  });
});

describe('warnings, not refusals', () => {
  it('warns about an unset tokenEnv and weights going down; validate still passes (exit 0)', async () => {
    delete process.env.GITCANARY_HOSTILE_UNSET_TOKEN;
    const config = writeCase(
      {
        name: 'warnings',
        parts: {
          git: 'branch: main, tokenEnv: GITCANARY_HOSTILE_UNSET_TOKEN',
          steps: '    - setWeight: 50\n    - setWeight: 20\n    - promote: {}\n',
        },
        names: [],
      },
      shared.bare,
    );

    const run = await cli(['validate', '--config', config]);

    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain('warn spec.git.tokenEnv: GITCANARY_HOSTILE_UNSET_TOKEN is not set');
    expect(run.stdout).toContain('warn spec.steps[1].setWeight: weight 20 after 50 (step 1)');
    const json = JSON.parse((await cli(['validate', '--config', config, '--json'])).stdout) as {
      warnings: { field: string }[];
    };
    expect(json.warnings.map((warning) => warning.field)).toEqual([
      'spec.git.tokenEnv',
      'spec.steps[1].setWeight',
    ]);
  });

  it('warns about an unset Argo CD token and gate bearer token', async () => {
    delete process.env.GITCANARY_HOSTILE_UNSET_ARGOCD;
    delete process.env.GITCANARY_HOSTILE_UNSET_BEARER;
    const config = writeCase(
      {
        name: 'secret warnings',
        parts: {
          gates: promGate(', query: up, bearerTokenEnv: GITCANARY_HOSTILE_UNSET_BEARER'),
          extra:
            '  sync: { argocd: { server: https://argocd.example.com, application: podinfo, tokenEnv: GITCANARY_HOSTILE_UNSET_ARGOCD } }\n',
        },
        names: [],
      },
      shared.bare,
    );

    const run = await cli(['validate', '--config', config]);

    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('warn spec.sync.argocd.tokenEnv: GITCANARY_HOSTILE_UNSET_ARGOCD is not set');
    expect(run.stdout).toContain(
      'warn spec.gates.smoke.prometheus.bearerTokenEnv: GITCANARY_HOSTILE_UNSET_BEARER is not set',
    );
  });

  it('warns about an --image from another repository and starts the release anyway', async () => {
    const ops = createGitOps('# replaced per case\n');
    try {
      const config = writeCase({ name: 'other image', names: [] }, ops.bare);
      const run = await cli(['step', '--config', config, '--image', 'docker.io/someone/podinfo:6.1.0']);

      expect(run.code).toBe(0);
      expect(run.stderr).toBe(
        'warning: --image: docker.io/someone/podinfo:6.1.0 is not from ghcr.io/stefanprodan/podinfo, the repository the canary runs now\n',
      );
      expect(ops.log().at(-1)?.trailers['Gitcanary-Image']).toBe('docker.io/someone/podinfo:6.1.0');
    } finally {
      ops.dispose();
    }
  });
});

describe('--json', () => {
  it('reports a refused config as an error event on stdout too', async () => {
    const config = writeCase(
      { name: 'json error', parts: { git: 'branch: "--upload-pack=x"' }, names: [] },
      shared.bare,
    );

    const run = await cli(['validate', '--config', config, '--json']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('spec.git.branch');
    const event = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(event).toMatchObject({
      type: 'error',
      code: 'CONFIG_INVALID',
      file: config,
      line: 5,
      field: 'spec.git.branch',
      exitCode: 2,
    });
    expect(String(event.message)).toContain('not a git branch name');
  });

  it('reports a usage error as an error event', async () => {
    const run = await cli(['run', '--json', '--no-such-option']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toMatchObject({ type: 'error', code: 'USAGE', exitCode: 2 });
  });
});
