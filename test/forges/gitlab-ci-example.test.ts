import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI_BUNDLE } from '../support/cli.js';
import { startFakeGitLab } from '../support/fake-gitlab.js';
import { type CiJob, gitlabCiProblems, jobWhen, pipelineJobs, runJob } from '../support/gitlab-ci.js';
import { CANARY_IMAGE, createGitOps, demoConfig, type GitOps, PODINFO } from '../support/gitops.js';

// examples/gitlab-ci.yml as GitLab would run it: checked against GitLab's CI schema, its jobs
// picked by their rules for tag, schedule, push and manual pipelines, and each job's before_script
// and script run in bash with GitLab's predefined variables, `gitcanary` being this checkout's
// CLI, against a real bare GitOps repository.

const ROOT = path.join(import.meta.dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'examples', 'gitlab-ci.yml');
const document = parse(readFileSync(EXAMPLE, 'utf8')) as Record<string, unknown>;
const jobs = pipelineJobs(document);
const job = (name: string): CiJob => {
  const found = jobs.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`examples/gitlab-ci.yml has no job ${name}`);
  return found;
};

const STEPS = `    - setWeight: 20
    - pause: {}
    - setWeight: 50
    - analysis: { gates: [smoke] }
    - promote: {}
`;

/** The CI variables of the machine running the tests must not reach a job. */
const HOST_CI = ['CI', 'GITLAB_CI', 'CI_JOB_URL', 'CI_COMMIT_TAG', 'GITHUB_ACTIONS', 'GITHUB_RUN_ID'];

let ops: GitOps;
let scratch: string;
let projectDir: string;
let jobId = 1000;

beforeEach(() => {
  ops = createGitOps(demoConfig({ steps: STEPS }));
  scratch = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-gitlab-ci-'));
  projectDir = path.join(scratch, 'project');
  mkdirSync(path.join(projectDir, 'deploy'), { recursive: true });
  writeConfig(demoConfig({ steps: STEPS }));
  // `gitcanary` on the PATH is this checkout's CLI (bundled from the sources for this run), so the example's install line is skipped.
  const bin = path.join(scratch, 'bin');
  mkdirSync(bin);
  writeFileSync(path.join(bin, 'gitcanary'), `#!/bin/sh\nexec "${process.execPath}" "${CLI_BUNDLE}" "$@"\n`);
  chmodSync(path.join(bin, 'gitcanary'), 0o755);
});

afterEach(() => {
  ops.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

/** deploy/gitcanary.yaml of the project running the pipeline; the GitOps repository is elsewhere. */
function writeConfig(config: string): void {
  writeFileSync(path.join(projectDir, 'deploy', 'gitcanary.yaml'), config.replace('./gitops.git', ops.bare));
}

/** GitLab's predefined variables for a pipeline (docs.gitlab.com/ci/variables/predefined_variables). */
function pipeline(
  source: 'push' | 'schedule' | 'web',
  ref: { tag?: string; branch?: string },
  /** Masked CI/CD variables of the project. */
  secrets: Record<string, string> = {},
) {
  const variables: Record<string, string | undefined> = {
    ...secrets,
    CI: 'true',
    GITLAB_CI: 'true',
    CI_SERVER_URL: 'https://gitlab.example.com',
    CI_API_V4_URL: 'https://gitlab.example.com/api/v4',
    CI_PROJECT_ID: '7',
    CI_PROJECT_PATH: 'acme/podinfo',
    CI_PROJECT_DIR: projectDir,
    CI_REGISTRY_IMAGE: PODINFO,
    CI_PIPELINE_SOURCE: source,
    CI_PIPELINE_ID: String(jobId),
    CI_COMMIT_REF_NAME: ref.tag ?? ref.branch ?? 'main',
    ...(ref.tag ? { CI_COMMIT_TAG: ref.tag } : { CI_COMMIT_BRANCH: ref.branch ?? 'main' }),
  };
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of HOST_CI) delete env[name];
  env.PATH = `${path.join(scratch, 'bin')}:${process.env.PATH ?? ''}`;
  return {
    /** The jobs GitLab would create, with how each starts. */
    plan: () =>
      Object.fromEntries(
        jobs.map((candidate) => [candidate.name, jobWhen(candidate, variables).when] as const),
      ),
    /** Runs a job of this pipeline (a manual one as if someone pressed play). */
    async run(name: string) {
      const chosen = job(name);
      const { when, allowFailure } = jobWhen(chosen, variables);
      if (when === 'never') throw new Error(`${name} is not part of this pipeline`);
      const id = String(++jobId);
      return runJob(chosen, {
        cwd: projectDir,
        allowFailure,
        env: {
          ...env,
          ...variables,
          CI_JOB_ID: id,
          CI_JOB_URL: `https://gitlab.example.com/acme/podinfo/-/jobs/${id}`,
        },
      });
    },
  };
}

const actions = () => ops.log().map((commit) => commit.trailers['Gitcanary-Action'] ?? 'seed');

describe('examples/gitlab-ci.yml', () => {
  it('is a pipeline GitLab accepts: one stage, every release job in one resource group, manual controls that do not block', () => {
    expect(gitlabCiProblems(document)).toEqual([]);
    expect(document.stages).toEqual(['canary']);
    expect(jobs.map((candidate) => candidate.name)).toEqual([
      'canary:start',
      'canary:step',
      'canary:promote',
      'canary:promote-full',
      'canary:abort',
      'canary:status',
    ]);
    for (const candidate of jobs) {
      expect(candidate.stage).toBe('canary');
      expect(candidate.script.length).toBeGreaterThan(0);
      expect(candidate.beforeScript).toEqual([
        'command -v gitcanary >/dev/null || npm install --global gitcanary@0',
      ]);
    }
    const writers = jobs.filter((candidate) => candidate.name !== 'canary:status');
    expect(new Set(writers.map((candidate) => candidate.resourceGroup))).toEqual(
      new Set(['gitcanary-podinfo']),
    );
    expect(job('canary:status').resourceGroup).toBeUndefined();
    for (const name of ['canary:start', 'canary:step'])
      expect(job(name).allowFailure).toEqual({ exit_codes: [3] });
    for (const name of ['canary:promote', 'canary:promote-full', 'canary:abort']) {
      expect(job(name).rules).toEqual([{ if: '$CI_COMMIT_TAG', when: 'manual', allow_failure: true }]);
    }
    // The schema is GitLab's: a job GitLab would refuse is refused here too.
    expect(
      gitlabCiProblems({ ...document, 'canary:step': { ...job('canary:step').raw, when: 'sometimes' } }),
    ).not.toEqual([]);
  });

  it('starts on a tag, steps on a schedule, waits at the pause until the manual promote, and ends promoted', {
    timeout: 180_000,
  }, async () => {
    const tag = pipeline('push', { tag: '6.1.0' });
    expect(tag.plan()).toEqual({
      'canary:start': 'on_success',
      'canary:step': 'never',
      'canary:promote': 'manual',
      'canary:promote-full': 'manual',
      'canary:abort': 'manual',
      'canary:status': 'never',
    });
    const schedule = pipeline('schedule', { branch: 'main' });
    expect(schedule.plan()).toMatchObject({ 'canary:start': 'never', 'canary:step': 'on_success' });

    const idle = await schedule.run('canary:step');
    expect(idle).toMatchObject({ code: 0, status: 'success' });
    expect(idle.output).toContain('gitcanary: no release under way');

    const start = await tag.run('canary:start');
    expect(start.output).not.toContain('npm');
    expect(start).toMatchObject({ code: 0, status: 'success' });
    const first = ops.log().at(-1)!;
    expect(first.trailers).toMatchObject({
      'Gitcanary-Action': 'start',
      'Gitcanary-Image': CANARY_IMAGE,
      'Gitcanary-Job': `https://gitlab.example.com/acme/podinfo/-/jobs/${jobId}`,
    });

    expect(await schedule.run('canary:step')).toMatchObject({ code: 0, status: 'success' });
    expect(ops.log().at(-1)?.trailers['Gitcanary-Weight']).toBe('20');
    // At `pause: {}` the scheduled job exits 3: passed with a warning, nothing committed.
    const paused = await schedule.run('canary:step');
    expect(paused).toMatchObject({ code: 3, status: 'warning' });
    expect(actions()).toEqual(['seed', 'start', 'step']);

    expect(await tag.run('canary:promote')).toMatchObject({ code: 0, status: 'success' });
    expect(actions().at(-1)).toBe('resume');
    expect(await schedule.run('canary:step')).toMatchObject({ code: 0 });
    expect(ops.log().at(-1)?.trailers['Gitcanary-Weight']).toBe('50');
    // Flagger's shape (a primary overlay): the primary takes the candidate first, traffic stays.
    expect(await schedule.run('canary:step')).toMatchObject({ code: 0 });
    expect(ops.log().at(-1)?.trailers).toMatchObject({
      'Gitcanary-Action': 'step',
      'Gitcanary-Phase': 'Promoting',
    });
    expect(await schedule.run('canary:step')).toMatchObject({ code: 0 });
    expect(ops.log().at(-1)?.trailers).toMatchObject({
      'Gitcanary-Action': 'promote',
      'Gitcanary-Phase': 'Promoted',
    });

    const after = await schedule.run('canary:step');
    expect(after).toMatchObject({ code: 0, status: 'success' });
    expect(after.output).toContain('gitcanary: no release under way');
    expect(actions()).toEqual(['seed', 'start', 'step', 'resume', 'step', 'step', 'promote']);

    const status = await pipeline('web', { branch: 'main' }).run('canary:status');
    expect(status.code).toBe(0);
    expect(status.output).toContain(CANARY_IMAGE);
  });

  it('runs nothing on a branch push; the manual abort rolls back and passes; a broken config fails the job and commits nothing', {
    timeout: 120_000,
  }, async () => {
    expect(Object.values(pipeline('push', { branch: 'main' }).plan())).toEqual(Array(6).fill('never'));

    const tag = pipeline('push', { tag: '6.1.0' });
    expect(await tag.run('canary:start')).toMatchObject({ code: 0 });
    const abort = await tag.run('canary:abort');
    expect(abort).toMatchObject({ code: 0, status: 'success' });
    expect(ops.log().at(-1)?.trailers).toMatchObject({
      'Gitcanary-Action': 'abort',
      'Gitcanary-Phase': 'RolledBack',
    });

    writeConfig(demoConfig({ steps: '    - setWeight: 120\n' }));
    const before = ops.head();
    const broken = await pipeline('push', { tag: '6.2.0' }).run('canary:start');
    expect(broken).toMatchObject({ code: 2, status: 'failed' });
    expect(broken.output).toContain('weight must be between 0 and 100');
    expect(ops.head()).toBe(before);
    // With no release under way the manual abort fails (shown as allowed to fail: it blocks nothing).
    writeConfig(demoConfig({ steps: STEPS }));
    expect(await tag.run('canary:abort')).toMatchObject({ code: 2, status: 'warning' });
  });

  it('in MR mode the scheduled step opens a merge request at the pause and goes on once it is merged', {
    timeout: 180_000,
  }, async () => {
    const token = 'glpat-exampleMrModeToken0123456';
    const gitlab = await startFakeGitLab({ repo: ops.bare, token });
    try {
      writeConfig(
        demoConfig({
          steps: STEPS,
          extra: `  promotion:\n    pullRequest: { labels: [canary] }\n  forge:\n    gitlab: { apiUrl: ${gitlab.apiUrl}, project: ${gitlab.projectPath} }\n`,
        }),
      );
      const tag = pipeline('push', { tag: '6.1.0' }, { GITLAB_TOKEN: token });
      const schedule = pipeline('schedule', { branch: 'main' }, { GITLAB_TOKEN: token });
      expect(await tag.run('canary:start')).toMatchObject({ code: 0 });
      expect(await schedule.run('canary:step')).toMatchObject({ code: 0 });

      const paused = await schedule.run('canary:step');
      expect(paused).toMatchObject({ code: 3, status: 'warning' });
      expect(paused.output).toContain('merge request !1');
      expect(paused.output).not.toContain(token);
      expect(gitlab.mergeRequests.get(1)).toMatchObject({
        title: 'podinfo: canary 20% → 50%',
        labels: ['canary'],
      });
      expect(await schedule.run('canary:step')).toMatchObject({ code: 3 });
      expect(gitlab.mergeRequests.size).toBe(1);

      gitlab.merge(1, 'merge', 'alice');
      const merged = await schedule.run('canary:step');
      expect(merged).toMatchObject({ code: 0, status: 'success' });
      expect(ops.log().some((entry) => entry.trailers['Gitcanary-Weight'] === '50')).toBe(true);
      expect(ops.gitIn(['branch', '--list', 'gitcanary/*'])).toBe('');
      expect(gitlab.notes.find((note) => note.iid === 1 && note.author.id === gitlab.bot.id)?.body).toContain(
        'the release goes on',
      );
      expect(gitlab.violations).toEqual([]);
    } finally {
      await gitlab.close_();
    }
  });
});
