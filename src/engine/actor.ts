// Who let a release go on: a `promote` commit records it (Gitcanary-Promoted-By). On a CI runner it
// is the user who triggered the job (GitHub Actions' GITHUB_ACTOR, GitLab CI's GITLAB_USER_LOGIN);
// on a workstation, git's author name (GIT_AUTHOR_NAME) or the login name.

const SOURCES = ['GITHUB_ACTOR', 'GITLAB_USER_LOGIN', 'GIT_AUTHOR_NAME', 'USER', 'USERNAME'] as const;

/** The person behind this process, from its environment; undefined when none is set. */
export function actorFrom(env: Readonly<Record<string, string | undefined>>): string | undefined {
  for (const name of SOURCES) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}
