// Which CI system runs gitcanary, read from the variables each one sets, and the web page of the
// job: it goes into every commit's `Gitcanary-Job` trailer and into notifications, so a commit or
// a chat message leads back to the log that made it.
// GitHub Actions: docs.github.com/actions/reference/variables-reference#default-environment-variables.
// GitLab CI: docs.gitlab.com/ci/variables/predefined_variables.

export interface CiJob {
  provider: 'github' | 'gitlab';
  /** Web page of the job (GitLab) or of the workflow run (GitHub). */
  url: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The job running this process, when a CI system says so; undefined elsewhere. */
export function ciJob(env: Env = process.env): CiJob | undefined {
  if (env.GITLAB_CI === 'true' && present(env.CI_JOB_URL)) return { provider: 'gitlab', url: env.CI_JOB_URL };
  if (
    env.GITHUB_ACTIONS === 'true' &&
    present(env.GITHUB_SERVER_URL) &&
    present(env.GITHUB_REPOSITORY) &&
    present(env.GITHUB_RUN_ID)
  ) {
    const server = env.GITHUB_SERVER_URL.replace(/\/+$/, '');
    return {
      provider: 'github',
      url: `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`,
    };
  }
  return undefined;
}

/** What GitLab CI says about the project and its API, for the GitLab forge's defaults. */
export function gitlabCiProject(env: Env = process.env): { apiUrl?: string; project?: string } | undefined {
  if (env.GITLAB_CI !== 'true') return undefined;
  const project = present(env.CI_PROJECT_ID) ? env.CI_PROJECT_ID : env.CI_PROJECT_PATH;
  return {
    ...(present(env.CI_API_V4_URL) ? { apiUrl: env.CI_API_V4_URL } : {}),
    ...(present(project) ? { project } : {}),
  };
}

function present(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}
