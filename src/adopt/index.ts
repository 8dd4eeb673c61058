import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { GitcanaryError } from '../errors.js';
import { loadTree } from '../manifests/index.js';
import { loadTemplateCompiler } from '../shared/templates.js';
import { adoptCanary } from './canary.js';
import { type Adoption, renderAdoption } from './output.js';
import { adoptRollout } from './rollout.js';

// `gitcanary init --from <manifest>`: adopt an existing Argo Rollout or Flagger Canary without
// rewriting it. The manifest is read from a checkout of the GitOps repository (the routers, the
// AnalysisTemplates and MetricTemplates it refers to are looked up in that checkout); the result is
// a release config as text, validated, never committed.

export type { Adoption, Note } from './output.js';
export { renderAdoption } from './output.js';

export interface InitOptions {
  /** The Rollout or Canary manifest, inside a checkout of the GitOps repository. */
  from: string;
  /** spec.git.repo of the generated config. */
  repo: string;
  branch: string;
  /** Root of the checkout; default: the git top level of `from`, else its folder. */
  root?: string | undefined;
}

export interface InitResult {
  text: string;
  adoption: Adoption;
}

export async function adoptManifest(options: InitOptions): Promise<InitResult> {
  const from = path.resolve(options.from);
  if (!existsSync(from)) {
    throw new GitcanaryError('FILE_NOT_FOUND', 'no such manifest', { file: options.from });
  }
  const root = options.root === undefined ? checkoutRoot(from) : path.resolve(options.root);
  const file = path.relative(root, from).split(path.sep).join('/');
  if (file.startsWith('..')) {
    throw new GitcanaryError('PATH_OUTSIDE_REPO', 'the manifest is outside the repository checkout', {
      file: options.from,
      hint: `the checkout is ${root}`,
    });
  }
  const tree = await loadTree(root, ['.']);
  const docs = tree.documents(file).filter((doc) => doc.kind === 'Rollout' || doc.kind === 'Canary');
  if (docs.length !== 1) {
    throw new GitcanaryError(
      docs.length === 0 ? 'RESOURCE_NOT_FOUND' : 'RESOURCE_DUPLICATE',
      docs.length === 0
        ? 'the manifest holds no Argo Rollout (argoproj.io/v1alpha1) or Flagger Canary (flagger.app/v1beta1)'
        : `the manifest holds ${docs.length} Rollouts and Canaries; adopt one at a time`,
      { file: options.from },
    );
  }
  const doc = docs[0]!;
  const adopt = { repo: options.repo, branch: options.branch, file };
  const adoption = doc.kind === 'Rollout' ? adoptRollout(doc, tree, adopt) : adoptCanary(doc, tree, adopt);
  // The adopted gates' queries are templates, rendered once when the config is checked.
  await loadTemplateCompiler();
  return { text: renderAdoption(adoption), adoption };
}

function checkoutRoot(file: string): string {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: path.dirname(file),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return path.dirname(file);
  }
}
