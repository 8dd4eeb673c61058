import { NoOperationTraceWriter, parseWorkflow } from '@actions/workflow-parser';

// A GitHub Actions workflow checked by GitHub's own parser (@actions/workflow-parser, the one
// behind the Actions language server): unknown keys, missing `runs-on`, bad expressions.

/** A workflow file: `jobs` and GitHub's trigger key `on` at the top (YAML 1.2 keeps `on` a string). */
export function looksLikeGitHubWorkflow(record: Record<string, unknown>): boolean {
  return 'jobs' in record && 'on' in record;
}

/** The parser's errors for the workflow text, each with its line and column; empty when valid. */
export function githubWorkflowProblems(text: string, name = 'workflow.yml'): string[] {
  const result = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  return result.context.errors.getErrors().map((error) => error.message);
}
