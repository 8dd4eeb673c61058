// `npm run demo [-- --fail] [-- --keep]`: a whole canary release on a local GitOps repository.
// Builds a bare repository from fixtures/demo/repo, runs `gitcanary run` against it, and prints
// the release's commits. No cluster and no account: the reconciler wait is skipped and the gate
// is a shell command that simulates the canary's error rate.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = path.join(root, 'fixtures', 'demo');
const fail = process.argv.includes('--fail');
const keep = process.argv.includes('--keep');
const image = 'ghcr.io/stefanprodan/podinfo:6.1.0';

const work = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-demo-'));
const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'platform team',
  GIT_AUTHOR_EMAIL: 'platform@example.com',
  GIT_COMMITTER_NAME: 'platform team',
  GIT_COMMITTER_EMAIL: 'platform@example.com',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env, encoding: 'utf8' });

try {
  // The GitOps repository as a team would have it: one initial commit, pushed to a bare remote.
  const seed = path.join(work, 'seed');
  cpSync(path.join(fixture, 'repo'), seed, { recursive: true });
  git(seed, 'init', '--quiet', '--initial-branch=main');
  git(seed, 'add', '.');
  git(seed, 'commit', '--quiet', '-m', 'podinfo 6.0.0 on primary and canary, all traffic on primary');
  git(work, 'clone', '--quiet', '--bare', seed, 'gitops.git');
  rmSync(seed, { recursive: true, force: true });
  cpSync(path.join(fixture, 'scripts'), path.join(work, 'scripts'), { recursive: true });
  cpSync(path.join(fixture, 'gitcanary.yaml'), path.join(work, 'gitcanary.yaml'));

  console.log(`GitOps repository: ${path.join(work, 'gitops.git')}`);
  console.log(
    `$ gitcanary run --config gitcanary.yaml --image ${image}${fail ? '   # the canary errors from 30% on' : ''}\n`,
  );
  const run = spawnSync(
    process.execPath,
    [path.join(root, 'bin', 'gitcanary.js'), 'run', '--config', 'gitcanary.yaml', '--image', image],
    {
      cwd: work,
      stdio: 'inherit',
      env: { ...env, DEMO_ERROR_RATE: fail ? '7' : '0', DEMO_FAIL_FROM_WEIGHT: '30' },
    },
  );
  console.log(
    `\nexit code ${run.status} (${run.status === 0 ? 'promoted' : run.status === 1 ? 'rolled back' : 'see above'})\n`,
  );

  console.log('$ git log --reverse   # the release, one commit per step\n');
  const log = git(
    work,
    '--git-dir=gitops.git',
    'log',
    '--reverse',
    '--format=%h %s%n%(trailers:key=Gitcanary-Step,key=Gitcanary-Weight,key=Gitcanary-Phase,key=Gitcanary-Action,separator=%x2C )%n',
  );
  console.log(log.trimEnd());

  console.log('\n$ git show --stat HEAD~0   # the last commit\n');
  console.log(git(work, '--git-dir=gitops.git', 'show', '--stat', '--format=%B', 'HEAD').trimEnd());
  if (keep) {
    writeFileSync(path.join(work, 'KEPT'), 'kept by npm run demo -- --keep\n');
    console.log(`\nkept ${work}`);
  }
  process.exitCode = run.status === (fail ? 1 : 0) ? 0 : 1;
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
}
