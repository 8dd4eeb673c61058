import { z } from 'zod';

// `spec.promotion` and `spec.forge`: pull-request promotion (issue 10). The engine does not drive
// pull requests yet, so these schemas are not part of the release schema: a config using them is
// refused by the loader as an unknown field until the engine calls src/forges/.

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

export const forgeSchema = z
  .strictObject({ github: githubForgeSchema })
  .describe(
    'Where pull requests are opened. Optional on an Actions runner: GitHub, from GITHUB_REPOSITORY and GITHUB_API_URL.',
  );

export type PullRequestPromotion = z.infer<typeof pullRequestPromotionSchema>;
export type PromotionConfig = z.infer<typeof promotionSchema>;
export type GitHubForgeConfig = z.infer<typeof githubForgeSchema>;
export type ForgeConfig = z.infer<typeof forgeSchema>;
