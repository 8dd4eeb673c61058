import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openRepository, type Repository } from '../../src/git/index.js';
import { sparsePatterns } from '../../src/git/open.js';
import { AUTHOR, createRemote, git, type Remote } from './fixture.js';

// A temporary clone checks out only the paths the release names, over a partial clone: what it
// costs follows the release's files, not the repository (docs/performance.md).

const WEB = 'apps/web/kustomization.yaml';
const API = 'apps/api/deployment.yaml';

let remote: Remote;
let repository: Repository | undefined;

beforeEach(() => {
  remote = createRemote({
    [WEB]: 'images: []\n',
    'apps/web/route.yaml': 'kind: ApisixRoute\n',
    [API]: 'kind: Deployment\n',
    'README.md': 'not a manifest\n',
  });
  // What GitHub and GitLab allow; a bare repository's default is to refuse filters.
  git(remote.url, 'config', 'uploadpack.allowFilter', 'true');
});

afterEach(async () => {
  await repository?.close();
  repository = undefined;
  remote.dispose();
});

/** Blobs of HEAD's tree the clone does not have (a partial clone fetches them on demand). */
function missingBlobs(root: string): string[] {
  return git(root, 'rev-list', '--objects', '--missing=print', 'HEAD')
    .split('\n')
    .filter((line) => line.startsWith('?'));
}

describe('sparse, partial clone (paths)', () => {
  it('checks out only the given paths, fetches no other blob, and still commits and pushes', async () => {
    repository = await openRepository({
      repo: pathToFileURL(remote.url).href,
      branch: 'main',
      author: AUTHOR,
      paths: ['apps/web'],
    });
    const { root } = repository;

    expect(readFileSync(path.join(root, WEB), 'utf8')).toBe('images: []\n');
    expect(existsSync(path.join(root, 'apps/web/route.yaml'))).toBe(true);
    // Outside the set: not in the working tree, and its blob never came over the wire. (Files
    // of the folders above a path, here README.md at the root, are part of a cone.)
    expect(existsSync(path.join(root, API))).toBe(false);
    expect(existsSync(path.join(root, 'README.md'))).toBe(true);
    expect(missingBlobs(root)).toHaveLength(1);
    // A sparse index: the other folder is one entry, not its files.
    expect(git(root, 'ls-files', '--sparse')).toContain('apps/api/');
    expect(git(root, 'ls-files', '--sparse')).not.toContain(API);

    const outcome = await repository.commitStep(async (at) => {
      writeFileSync(path.join(at, WEB), 'images: [{name: web, newTag: "2"}]\n');
      return { message: 'web: image 2', trailers: {}, files: [WEB] };
    });

    expect(outcome).toMatchObject({ committed: true, attempts: 1 });
    expect(remote.head()).toBe(outcome.sha);
    // The commit changed the one file; what was never checked out is kept as it was.
    expect(git(remote.url, 'show', '--name-only', '--format=', 'main')).toBe(WEB);
    expect(git(remote.url, 'show', `main:${API}`)).toBe('kind: Deployment');
    expect(git(remote.url, 'ls-tree', '-r', '--name-only', 'main').split('\n')).toHaveLength(4);
    expect(existsSync(path.join(root, API))).toBe(false);
  });

  it('replays on the new head when the branch moved after the clone, outside and inside the set', async () => {
    repository = await openRepository({
      repo: pathToFileURL(remote.url).href,
      branch: 'main',
      author: AUTHOR,
      paths: [WEB],
    });
    const other = remote.clone('other');
    const theirs = remote.pushFrom(other, {
      [API]: 'kind: Deployment\n# theirs\n',
      [WEB]: 'images: []\n# theirs\n',
    });

    const seen: string[] = [];
    const outcome = await repository.commitStep(async (at) => {
      const before = readFileSync(path.join(at, WEB), 'utf8');
      seen.push(before);
      writeFileSync(path.join(at, WEB), `${before}# ours\n`);
      return { message: 'web: ours', trailers: {}, files: [WEB] };
    });

    // The first attempt built on the tip the clone saw; the server refused it, the replay won.
    expect(outcome).toMatchObject({ committed: true, attempts: 2, replayed: true });
    expect(seen).toEqual(['images: []\n', 'images: []\n# theirs\n']);
    expect(git(remote.url, 'rev-parse', 'main^')).toBe(theirs);
    expect(git(remote.url, 'show', `main:${API}`)).toBe('kind: Deployment\n# theirs');
    expect(existsSync(path.join(repository.root, API))).toBe(false);
  });

  it('checks out a local-path remote sparsely too', async () => {
    repository = await openRepository({ repo: remote.url, branch: 'main', author: AUTHOR, paths: [WEB] });
    expect(existsSync(path.join(repository.root, WEB))).toBe(true);
    // A file's folder is in the cone: the files next to it come along.
    expect(existsSync(path.join(repository.root, 'apps/web/route.yaml'))).toBe(true);
    expect(existsSync(path.join(repository.root, API))).toBe(false);
  });

  it('follows a configured path that is a symbolic link into the repository', async () => {
    const other = remote.clone('links');
    symlinkSync('../web/kustomization.yaml', path.join(other, 'apps/api/link.yaml'));
    git(other, 'add', '--all');
    git(other, 'commit', '--quiet', '-m', 'link');
    git(other, 'push', '--quiet', 'origin', 'HEAD:main');

    repository = await openRepository({
      repo: pathToFileURL(remote.url).href,
      branch: 'main',
      author: AUTHOR,
      paths: ['apps/api/link.yaml'],
    });
    // The link's folder alone would not hold its target: the target's folder joined the cone.
    expect(readFileSync(path.join(repository.root, 'apps/api/link.yaml'), 'utf8')).toBe('images: []\n');
    expect(git(repository.root, 'sparse-checkout', 'list')).toContain('apps/web');
  });

  it('writes cone patterns: each path whole, the folders above it with their own files only', () => {
    expect(sparsePatterns(['apps/web/', './apps/web/sub', 'x/f*.yaml', '../up', 'we[i]rd'])).toEqual([
      '/*',
      '!/*/',
      '/apps/',
      '!/apps/*/',
      '/x/',
      '!/x/*/',
      '/apps/web/',
      '/we\\[i\\]rd/',
      '/x/f\\*.yaml/',
    ]);
    expect(sparsePatterns(['.', 'apps'])).toEqual(['/*']);
    expect(sparsePatterns([])).toEqual(['/*', '!/*/']);
  });
});
