// Web links into the GitOps repository for the job summary: GitHub (and GitHub Enterprise, GitLab,
// Gitea) serve a commit at `<repository web URL>/commit/<sha>`.

/** `https://host/owner/repo` for an https, ssh or scp-like remote; undefined for a local path. */
export function repositoryWebUrl(remote: string): string | undefined {
  const scp = /^[\w.-]+@([\w.-]+):(?!\/\/)(.+)$/.exec(remote);
  if (scp) return `https://${scp[1]}/${trimRepoPath(scp[2] ?? '')}`;
  let url: URL;
  try {
    url = new URL(remote);
  } catch {
    return undefined;
  }
  if (!['https:', 'http:', 'ssh:'].includes(url.protocol)) return undefined;
  // Never the credentials: a token in the remote must not reach a printed link.
  const scheme = url.protocol === 'http:' ? 'http' : 'https';
  return `${scheme}://${url.hostname}${url.protocol === 'ssh:' || url.port === '' ? '' : `:${url.port}`}/${trimRepoPath(url.pathname)}`;
}

export function commitUrlFor(remote: string): (sha: string) => string | undefined {
  const web = repositoryWebUrl(remote);
  return (sha) => (web === undefined ? undefined : `${web}/commit/${sha}`);
}

function trimRepoPath(repoPath: string): string {
  return repoPath
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
}
