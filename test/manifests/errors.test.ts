import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GitcanaryError } from '../../src/errors.js';
import { loadTree, resolveInside, setIn, valueAt, writeTree } from '../../src/manifests/index.js';
import { fixture, treeOf } from './helpers.js';

/** The GitcanaryError thrown by `run`, for asserting its code and place. */
function caught(run: () => unknown): GitcanaryError {
  try {
    run();
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected a GitcanaryError');
}

async function caughtAsync(run: () => Promise<unknown>): Promise<GitcanaryError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected a GitcanaryError');
}

const route = { kind: 'ApisixRoute', name: 'shop' };
let repo: string;
let outside: string;

beforeEach(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'gitcanary-manifests-'));
  outside = await mkdtemp(path.join(tmpdir(), 'gitcanary-outside-'));
  await mkdir(path.join(repo, 'apps'));
  await writeFile(path.join(repo, 'apps/route.yaml'), fixture('apisixroute-comments.yaml'));
});

afterEach(async () => {
  await rm(repo, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

describe('refusals while reading', () => {
  it('names file, line and column of invalid YAML (a duplicate key) in a document that could hold the resource', async () => {
    const broken =
      'apiVersion: apisix.apache.org/v2\nkind: ApisixRoute\nmetadata:\n  name: shop\n  name: shop-2\n';
    await writeFile(path.join(repo, 'apps/broken.yaml'), broken);
    const tree = await loadTree(repo, ['apps']);
    const error = caught(() => tree.find(route));
    expect([error.code, error.place]).toEqual([
      'YAML_INVALID',
      { file: 'apps/broken.yaml', line: 5, column: 3 },
    ]);
  });

  it('does not parse, so is not stopped by, a broken document that cannot hold the resource', async () => {
    await writeFile(path.join(repo, 'apps/broken.yaml'), fixture('invalid.yaml'));
    const tree = await loadTree(repo, ['apps']);
    expect(tree.find(route).file).toBe('apps/route.yaml');
  });

  it('refuses a resource defined twice, naming the second place and the first', async () => {
    await writeFile(path.join(repo, 'apps/copy.yaml'), `---\n${fixture('apisixroute-comments.yaml')}`);
    const tree = await loadTree(repo, ['apps']);
    const error = caught(() => tree.find(route));
    expect(error.code).toBe('RESOURCE_DUPLICATE');
    expect(error.place).toEqual({
      file: 'apps/route.yaml',
      line: 2,
      column: 1,
      resource: 'ApisixRoute/shop',
    });
    expect(error.hint).toBe('also in apps/copy.yaml (document 1)');
  });

  it('reports a missing resource with the names that exist', () => {
    const tree = treeOf({ 'route.yaml': fixture('apisixroute-comments.yaml') });
    const error = caught(() => tree.find({ kind: 'ApisixRoute', name: 'cart' }));
    expect([error.code, error.place.resource, error.hint]).toEqual([
      'RESOURCE_NOT_FOUND',
      'ApisixRoute/cart',
      'ApisixRoute resources present: shop',
    ]);
  });

  it('does not find a resource in another namespace or apiVersion', () => {
    const tree = treeOf({ 'route.yaml': fixture('apisixroute-comments.yaml') });
    expect(caught(() => tree.find({ ...route, namespace: 'staging' })).code).toBe('RESOURCE_NOT_FOUND');
    expect(caught(() => tree.find({ ...route, apiVersions: ['apisix.apache.org/v2beta3'] })).code).toBe(
      'RESOURCE_NOT_FOUND',
    );
  });

  it('skips an empty file when searching, but refuses it when named', () => {
    const tree = treeOf({
      'empty.yaml': fixture('empty.yaml'),
      'route.yaml': fixture('apisixroute-comments.yaml'),
    });
    expect(tree.find(route).file).toBe('route.yaml');
    const error = caught(() => tree.find(route, ['empty.yaml']));
    expect([error.code, error.place.file]).toEqual(['FILE_EMPTY', 'empty.yaml']);
  });

  it('refuses to edit a resource whose file has been emptied since it was found', () => {
    const tree = treeOf({ 'route.yaml': fixture('apisixroute-comments.yaml') });
    const doc = tree.find(route);
    const error = caught(() => setIn(tree.with('route.yaml', '# moved\n'), doc, ['spec', 'x'], 1));
    expect([error.code, error.place.file, error.place.resource]).toEqual([
      'FILE_EMPTY',
      'route.yaml',
      'ApisixRoute/prod/shop',
    ]);
  });

  it('bounds alias expansion (billion laughs) when reading and when editing', () => {
    const tree = treeOf({ 'bomb.yaml': fixture('alias-bomb.yaml') });
    const doc = tree.find({ kind: 'ConfigMap', name: 'bomb' });
    const read = caught(() => valueAt(doc, ['data', 'd']));
    expect([read.code, read.place.file, read.place.line]).toEqual(['YAML_ALIAS_LIMIT', 'bomb.yaml', 1]);
    expect(caught(() => setIn(tree, doc, ['metadata', 'namespace'], 'prod')).code).toBe('YAML_ALIAS_LIMIT');
  });
});

describe('refusals while editing through anchors', () => {
  const tree = treeOf({ 'deploy.yaml': fixture('anchors.yaml') });
  const doc = tree.find({ kind: 'Deployment', name: 'shop' });

  it('refuses to edit a field reached through an alias, at the alias', () => {
    const error = caught(() => setIn(tree, doc, ['spec', 'selector', 'matchLabels', 'app'], 'shop-v2'));
    expect(error.code).toBe('FIELD_INVALID');
    expect(error.place).toEqual({
      file: 'deploy.yaml',
      line: 11,
      column: 18,
      resource: 'Deployment/shop',
      field: 'spec.selector.matchLabels',
    });
  });

  it('refuses to edit inside an anchored map that aliases share', () => {
    const error = caught(() => setIn(tree, doc, ['metadata', 'labels', 'app'], 'shop-v2'));
    expect([error.code, error.place.line, error.place.column, error.place.field]).toEqual([
      'FIELD_INVALID',
      6,
      5,
      'metadata.labels.app',
    ]);
    expect(error.message).toBe(
      'the field is anchored as &labels and aliases (*labels) elsewhere would change with it',
    );
  });

  it('refuses to add a key to an anchored map that aliases share', () => {
    expect(caught(() => setIn(tree, doc, ['metadata', 'labels', 'track'], 'canary')).code).toBe(
      'FIELD_INVALID',
    );
  });

  it('refuses to replace an anchored scalar that an alias repeats', () => {
    const error = caught(() =>
      setIn(tree, doc, ['spec', 'template', 'spec', 'containers', 0, 'image'], 'ghcr.io/example/shop:1.5.0'),
    );
    expect([error.code, error.place.line, error.place.column]).toEqual(['FIELD_INVALID', 18, 23]);
  });

  it('refuses to replace a collection holding an anchor used outside it', () => {
    const error = caught(() => setIn(tree, doc, ['metadata'], { name: 'shop' }));
    expect([error.code, error.place.field, error.place.line]).toEqual(['FIELD_INVALID', 'metadata', 6]);
  });

  it('replaces a collection whose anchors are only used inside it', () => {
    const next = setIn(
      tree,
      doc,
      ['spec', 'template', 'spec', 'containers'],
      [{ name: 'shop', image: 'shop:2' }],
    );
    expect(next.text('deploy.yaml')).toBe(
      fixture('anchors.yaml').replace(
        / {6}- name: shop\n[\s\S]*$/,
        '      - name: shop\n        image: shop:2\n',
      ),
    );
  });

  it('refuses to set a field below a scalar', () => {
    const error = caught(() => setIn(tree, doc, ['spec', 'replicas', 'max'], 3));
    expect([error.code, error.place.field, error.place.line]).toEqual(['FIELD_INVALID', 'spec.replicas', 9]);
  });
});

describe('paths and writing', () => {
  it('refuses paths that leave the repository', async () => {
    for (const userPath of ['../etc/passwd', 'apps/../../x.yaml', path.join(outside, 'x.yaml')]) {
      const error = await caughtAsync(() => resolveInside(repo, userPath));
      expect([error.code, error.place.file]).toEqual(['PATH_OUTSIDE_REPO', userPath]);
    }
  });

  it('refuses a symlink that points outside, named or met in a folder', async () => {
    await writeFile(path.join(outside, 'secret.yaml'), 'kind: Secret\n');
    await symlink(path.join(outside, 'secret.yaml'), path.join(repo, 'apps/linked.yaml'));
    expect((await caughtAsync(() => loadTree(repo, ['apps/linked.yaml']))).code).toBe('PATH_OUTSIDE_REPO');
    expect((await caughtAsync(() => loadTree(repo, ['apps']))).code).toBe('PATH_OUTSIDE_REPO');
  });

  it('refuses a folder symlinked outside when writing, and writes nothing at all', async () => {
    await symlink(outside, path.join(repo, 'escape'));
    const base = await loadTree(repo, ['apps']);
    const next = setIn(base, base.find(route), ['spec', 'http', 0, 'backends', 0, 'weight'], 80).with(
      'escape/evil.yaml',
      'kind: Evil\n',
    );
    const error = await caughtAsync(() => writeTree(repo, base, next));
    expect(error.code).toBe('PATH_OUTSIDE_REPO');
    expect(await readFile(path.join(repo, 'apps/route.yaml'), 'utf8')).toBe(
      fixture('apisixroute-comments.yaml'),
    );
    await expect(readFile(path.join(outside, 'evil.yaml'), 'utf8')).rejects.toThrow();
  });

  it('writes nothing when an edit is refused', async () => {
    const base = await loadTree(repo, ['apps']);
    expect(() => setIn(base, base.find(route), ['spec', 'http', 0, 'name', 'x'], 1)).toThrow(GitcanaryError);
    expect(await writeTree(repo, base, base)).toEqual([]);
    expect(await readFile(path.join(repo, 'apps/route.yaml'), 'utf8')).toBe(
      fixture('apisixroute-comments.yaml'),
    );
  });

  it('writes exactly the changed bytes of the changed files', async () => {
    await writeFile(
      path.join(repo, 'apps/crlf.yaml'),
      fixture('apisixroute-crlf.yaml').replace('name: shop', 'name: cart'),
    );
    const base = await loadTree(repo, ['apps']);
    const next = setIn(
      base,
      base.find({ kind: 'ApisixRoute', name: 'cart' }),
      ['spec', 'http', 0, 'backends', 0, 'weight'],
      90,
    );
    expect(await writeTree(repo, base, next)).toEqual(['apps/crlf.yaml']);
    expect(await readFile(path.join(repo, 'apps/crlf.yaml'), 'utf8')).toBe(
      fixture('apisixroute-crlf.yaml')
        .replace('name: shop', 'name: cart')
        .replace('weight: 100 #', 'weight: 90 #'),
    );
  });
});
