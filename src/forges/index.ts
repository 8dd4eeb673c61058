import type { ForgeConfig } from '../config/promotion.js';
import { GitcanaryError } from '../errors.js';
import { gitlabCiProject } from './ci.js';
import { GITHUB_API_URL, GitHubForge, type GitHubForgeOptions } from './github.js';
import { GITLAB_API_URL, GitLabForge, type GitLabForgeOptions } from './gitlab.js';
import type { Forge } from './types.js';

// The forge layer: change requests, comments, permissions and commit verdicts on GitHub and GitLab.
export { type CiJob, ciJob, gitlabCiProject } from './ci.js';
export { GITHUB_API_URL, GitHubForge, type GitHubForgeOptions } from './github.js';
export {
  accessPermission,
  GITLAB_ACCESS,
  GITLAB_API_URL,
  GitLabForge,
  type GitLabForgeOptions,
} from './gitlab.js';
export {
  type CommandComment,
  commandAuthors,
  commentCommand,
  decidePromotion,
  type IgnoredCommand,
  type PromotionCommand,
  type PromotionDecision,
  type PromotionInput,
  WRITE_PERMISSIONS,
} from './promotion.js';
export type * from './types.js';

/** Rate-limit handling both forges take (GitHub measures waits in `secondMs`, GitLab takes a `sleep`). */
export type ForgeClientOptions = Pick<
  GitHubForgeOptions,
  'onWait' | 'secondMs' | 'maxWaitSeconds' | 'maxRateLimitRetries'
> &
  Pick<GitLabForgeOptions, 'sleep' | 'now'>;

/**
 * The forge a config names; else GitLab as GitLab CI describes it (GITLAB_CI, CI_PROJECT_ID,
 * CI_API_V4_URL, the token in GITLAB_TOKEN), else GitHub as an Actions runner does
 * (GITHUB_REPOSITORY, GITHUB_API_URL, the token in GITHUB_TOKEN).
 */
export function createForge(
  config: ForgeConfig | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: ForgeClientOptions = {},
): Forge {
  if (config?.gitlab !== undefined || (config?.github === undefined && env.GITLAB_CI === 'true')) {
    return createGitLabForge(config?.gitlab, env, options);
  }
  const github = config?.github;
  const repository = github?.repository ?? env.GITHUB_REPOSITORY;
  if (!repository) {
    throw new GitcanaryError('CONFIG_INVALID', 'no GitHub repository for pull requests', {
      field: 'spec.forge.github.repository',
      hint: 'set spec.forge.github.repository, or run on GitHub Actions where GITHUB_REPOSITORY is set',
    });
  }
  const tokenEnv = github?.tokenEnv ?? 'GITHUB_TOKEN';
  // GitHubForge registers it with the secret mask.
  const token = env[tokenEnv];
  if (!token) {
    throw new GitcanaryError('CONFIG_INVALID', `no GitHub token in ${tokenEnv}`, {
      field: 'spec.forge.github.tokenEnv',
      hint:
        'on GitHub Actions set GITHUB_TOKEN from the github.token context, or mint a GitHub App ' +
        'installation token with actions/create-github-app-token',
    });
  }
  return new GitHubForge({
    repository,
    token,
    apiUrl: github?.apiUrl ?? env.GITHUB_API_URL ?? GITHUB_API_URL,
    onWait: options.onWait,
    secondMs: options.secondMs,
    maxWaitSeconds: options.maxWaitSeconds,
    maxRateLimitRetries: options.maxRateLimitRetries,
  });
}

function createGitLabForge(
  gitlab: NonNullable<ForgeConfig['gitlab']> | undefined,
  env: NodeJS.ProcessEnv,
  options: ForgeClientOptions,
): Forge {
  const ci = gitlabCiProject(env);
  const project = gitlab?.project ?? ci?.project;
  if (project === undefined) {
    throw new GitcanaryError('CONFIG_INVALID', 'no GitLab project for merge requests', {
      field: 'spec.forge.gitlab.project',
      hint: 'set spec.forge.gitlab.project (group/project or its ID), or run in GitLab CI where CI_PROJECT_ID is set',
    });
  }
  const tokenEnv = gitlab?.tokenEnv ?? 'GITLAB_TOKEN';
  const token = tokenEnv === 'CI_JOB_TOKEN' ? undefined : env[tokenEnv];
  if (!token) {
    throw new GitcanaryError(
      'CONFIG_INVALID',
      tokenEnv === 'CI_JOB_TOKEN'
        ? 'CI_JOB_TOKEN can neither push nor open merge requests'
        : `no GitLab token in ${tokenEnv}`,
      {
        field: 'spec.forge.gitlab.tokenEnv',
        hint:
          'create a project access token (role Developer, scopes api and write_repository) and store it as a ' +
          `masked CI/CD variable ${tokenEnv === 'CI_JOB_TOKEN' ? 'GITLAB_TOKEN' : tokenEnv}; CI_JOB_TOKEN cannot push or open merge requests`,
      },
    );
  }
  return new GitLabForge({
    project,
    token,
    apiUrl: gitlab?.apiUrl ?? ci?.apiUrl ?? GITLAB_API_URL,
    onWait: options.onWait,
    maxWaitSeconds: options.maxWaitSeconds,
    maxRetries: options.maxRateLimitRetries,
    sleep: options.sleep,
    now: options.now,
  });
}
