import { renderSource } from '../shared/templates.js';

// The link a notification gives to a commit: the configured template, or the web page GitHub or
// GitLab shows for the commit of an https or ssh remote. Credentials in the remote never reach it.

/** `(sha) => url` for a repository, or undefined when no web page is known. */
export function commitLinker(
  repo: string,
  template: string | undefined,
): ((sha: string) => string) | undefined {
  if (template !== undefined) return (sha) => renderSource(template, { sha }, { strict: false });
  const web = webRepository(repo);
  if (web === undefined) return undefined;
  return (sha) => `${web.base}${web.gitlab ? '/-/commit/' : '/commit/'}${sha}`;
}

/** `https://<host>/<path>` of a GitHub or GitLab remote (https, ssh or scp-like), without credentials or `.git`. */
function webRepository(repo: string): { base: string; gitlab: boolean } | undefined {
  let host: string;
  let repoPath: string;
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(repo);
  if (/^(https?|ssh):\/\//i.test(repo)) {
    let url: URL;
    try {
      url = new URL(repo);
    } catch {
      return undefined;
    }
    host = url.hostname;
    repoPath = url.pathname.replace(/^\/+/, '');
  } else if (scp) {
    host = scp[1]!;
    repoPath = scp[2]!;
  } else {
    return undefined;
  }
  repoPath = repoPath.replace(/\.git\/?$/, '').replace(/\/+$/, '');
  const github = host === 'github.com' || host.startsWith('github.');
  const gitlab = host === 'gitlab.com' || host.startsWith('gitlab.');
  if ((!github && !gitlab) || repoPath === '') return undefined;
  return { base: `https://${host}/${repoPath}`, gitlab };
}
