import type { ForgeConfig } from '../config/promotion.js';
import { GitcanaryError } from '../errors.js';
import { GITHUB_API_URL, GitHubForge, type GitHubForgeOptions } from './github.js';
import type { Forge } from './types.js';

// The forge layer: change requests, comments, permissions and commit verdicts on GitHub (GitLab next).
export { GITHUB_API_URL, GitHubForge, type GitHubForgeOptions } from './github.js';
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

/**
 * The forge a config names, or GitHub as an Actions runner describes it (GITHUB_REPOSITORY,
 * GITHUB_API_URL, the token in GITHUB_TOKEN) when it names none.
 */
export function createForge(
  config: ForgeConfig | undefined,
  env: NodeJS.ProcessEnv = process.env,
  options: Pick<GitHubForgeOptions, 'onWait' | 'secondMs' | 'maxWaitSeconds' | 'maxRateLimitRetries'> = {},
): Forge {
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
    ...options,
  });
}
