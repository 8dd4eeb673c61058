import { z } from 'zod';

// `spec.promotion` and `spec.forge`: pull-request promotion (issues 10 and 12). The engine asks
// src/promotion/ at each manual step; the forge is where the pull or merge requests are opened.

export const pullRequestPromotionSchema = z
  .strictObject({
    steps: z
      .enum(['pauses', 'all'])
      .default('pauses')
      .describe(
        'Which steps become pull requests: each indefinite `pause: {}` (pauses), or every committing step (all).',
      ),
    labels: z.array(z.string().min(1)).default([]).describe('Labels put on each pull request.'),
    reviewers: z
      .array(z.string().min(1))
      .default([])
      .describe('Reviewers requested on each pull request: logins, or `org/team` for a team.'),
    draft: z.boolean().default(false).describe('Open the pull requests as drafts.'),
  })
  .describe('Manual steps become pull requests: merging one promotes, closing it aborts.');

export const promotionSchema = z
  .strictObject({ pullRequest: pullRequestPromotionSchema.optional() })
  .describe('How a release goes on past its manual steps.');

export const githubForgeSchema = z
  .strictObject({
    apiUrl: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe(
        'REST API root; GitHub Enterprise Server: https://<host>/api/v3. Default: GITHUB_API_URL, else https://api.github.com.',
      ),
    repository: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/, 'a repository is owner/name')
      .optional()
      .describe('owner/name of the repository the pull requests go to. Default: GITHUB_REPOSITORY.'),
    tokenEnv: z
      .string()
      .min(1)
      .default('GITHUB_TOKEN')
      .describe(
        'Environment variable holding the token (GITHUB_TOKEN, a personal access token or a GitHub App installation token).',
      ),
  })
  .describe('GitHub or GitHub Enterprise Server.');

export const gitlabForgeSchema = z
  .strictObject({
    apiUrl: z
      .url({ protocol: /^https?$/ })
      .regex(/\/api\/v4\/?$/, 'the REST API root ends in /api/v4')
      .optional()
      .describe(
        'REST API root, https://<host>/api/v4. Default: CI_API_V4_URL, else https://gitlab.com/api/v4.',
      ),
    project: z
      .union([
        z
          .string()
          .regex(
            /^(\d+|[\w.-]+(\/[\w.-]+)+)$/,
            'a project is its full path (group/project) or its numeric ID',
          ),
        z.number().int().positive(),
      ])
      .optional()
      .describe(
        'Full path (group/subgroup/project) or numeric ID of the project the merge requests go to. Default: CI_PROJECT_ID.',
      ),
    tokenEnv: z
      .string()
      .min(1)
      .refine((name) => name !== 'CI_JOB_TOKEN', 'CI_JOB_TOKEN can neither push nor open merge requests')
      .default('GITLAB_TOKEN')
      .describe(
        'Environment variable holding a project or group access token (role Developer or more, scope api). CI_JOB_TOKEN cannot push or open merge requests.',
      ),
  })
  .describe('GitLab.com or a self-managed GitLab.');

export const forgeSchema = z
  .strictObject({ github: githubForgeSchema.optional(), gitlab: gitlabForgeSchema.optional() })
  .refine((forge) => (forge.github === undefined) !== (forge.gitlab === undefined), {
    message: 'name one forge: github or gitlab',
  })
  .describe(
    'Where pull or merge requests are opened. Optional in CI: GitHub on an Actions runner (GITHUB_REPOSITORY, GITHUB_API_URL), GitLab in GitLab CI (CI_PROJECT_ID, CI_API_V4_URL).',
  );

export type PullRequestPromotion = z.infer<typeof pullRequestPromotionSchema>;
export type PromotionConfig = z.infer<typeof promotionSchema>;
export type GitHubForgeConfig = z.infer<typeof githubForgeSchema>;
export type GitLabForgeConfig = z.infer<typeof gitlabForgeSchema>;
export type ForgeConfig = z.infer<typeof forgeSchema>;
