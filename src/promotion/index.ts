// Pull-request promotion: manual steps as pull requests (GitHub) or merge requests (GitLab), and
// gate verdicts as commit statuses.
export { ChangeRequestApproval, proposalBranch } from './change-requests.js';
export { CommitStatusReporter } from './statuses.js';
