import { describe, expect, it } from 'vitest';
import {
  deleteIn,
  detectStyle,
  type ManifestTree,
  renderScalar,
  setIn,
  valueAt,
} from '../../src/manifests/index.js';
import { fixture, hunk, treeOf } from './helpers.js';

const route = { kind: 'ApisixRoute', name: 'shop', namespace: 'prod', apiVersions: ['apisix.apache.org/v2'] };
const stableWeight = ['spec', 'http', 0, 'backends', 0, 'weight'];
const canaryWeight = ['spec', 'http', 0, 'backends', 1, 'weight'];

/** Load one fixture as `file`, apply `edit` to the resource `ref`, return before and after text. */
function edit(
  name: string,
  ref: { kind: string; name: string; namespace?: string },
  change: (tree: ManifestTree, doc: ReturnType<ManifestTree['find']>) => ManifestTree,
): { before: string; after: string } {
  const before = fixture(name);
  const tree = treeOf({ [name]: before });
  const after = change(tree, tree.find(ref)).text(name);
  return { before, after };
}

describe('ApisixRoute with comments, two backends, LF', () => {
  it('changes one line when the stable weight moves 100 → 80, keeping its comment', () => {
    const { before, after } = edit('apisixroute-comments.yaml', route, (t, d) =>
      setIn(t, d, stableWeight, 80),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 18',
      '-          weight: 100 # stable gets the rest',
      '+          weight: 80 # stable gets the rest',
    ]);
  });

  it('inserts a missing canary weight under the backend, before the comment about it', () => {
    const { before, after } = edit('apisixroute-comments.yaml', route, (t, d) =>
      setIn(t, d, canaryWeight, 20),
    );
    expect(after).toBe(
      before.replace(
        '          servicePort: 80\n          # weight',
        '          servicePort: 80\n          weight: 20\n          # weight',
      ),
    );
    expect(hunk(before, after)).toEqual(['@@ 22', '+          weight: 20']);
  });

  it('chains edits with the document found once', () => {
    const before = fixture('apisixroute-comments.yaml');
    const tree = treeOf({ 'r.yaml': before });
    const doc = tree.find(route);
    const next = setIn(setIn(tree, doc, stableWeight, 60), doc, canaryWeight, 40);
    const target = next.find(route);
    expect([valueAt(target, stableWeight), valueAt(target, canaryWeight)]).toEqual([60, 40]);
    expect(next.changedFrom(tree)).toHaveLength(1);
  });

  it('adds metadata.annotations with a key, two spaces in', () => {
    const { before, after } = edit('apisixroute-comments.yaml', route, (t, d) =>
      setIn(t, d, ['metadata', 'annotations', 'gitcanary.io/release'], 'shop-1.5.0'),
    );
    expect(hunk(before, after)).toEqual(['@@ 7', '+  annotations:', '+    gitcanary.io/release: shop-1.5.0']);
  });

  it('removes a field and its line only', () => {
    const { before, after } = edit('apisixroute-comments.yaml', route, (t, d) =>
      deleteIn(t, d, stableWeight),
    );
    expect(hunk(before, after)).toEqual(['@@ 18', '-          weight: 100 # stable gets the rest']);
  });
});

describe('CRLF line endings', () => {
  it('changes the weight and keeps every \\r\\n', () => {
    const { before, after } = edit('apisixroute-crlf.yaml', route, (t, d) => setIn(t, d, stableWeight, 80));
    expect(after).toBe(before.replace('weight: 100 #', 'weight: 80 #'));
  });

  it('inserts lines ending in \\r\\n', () => {
    const { before, after } = edit('apisixroute-crlf.yaml', route, (t, d) =>
      setIn(setIn(t, d, canaryWeight, 20), d, ['metadata', 'labels', 'app'], 'shop'),
    );
    expect(after).toBe(
      before
        .replace('  namespace: prod\r\n', '  namespace: prod\r\n  labels:\r\n    app: shop\r\n')
        .replace(
          'servicePort: 80\r\n          # weight',
          'servicePort: 80\r\n          weight: 20\r\n          # weight',
        ),
    );
  });
});

describe('byte-order mark', () => {
  it('keeps the BOM and edits as without it', () => {
    const { before, after } = edit('apisixroute-bom.yaml', route, (t, d) => setIn(t, d, canaryWeight, 20));
    expect(before.charCodeAt(0)).toBe(0xfeff);
    expect(after).toBe(
      `\uFEFF${edit('apisixroute-comments.yaml', route, (t, d) => setIn(t, d, canaryWeight, 20)).after}`,
    );
  });

  it('indents a new top-level key at column 0 when the first line carries the BOM', () => {
    const before = '\uFEFFapiVersion: v1\nkind: Kustomization\nmetadata:\n  name: shop\n';
    const tree = treeOf({ 'k.yaml': before });
    const after = setIn(
      tree,
      tree.find({ kind: 'Kustomization', name: 'shop' }),
      ['images'],
      [{ name: 'shop', newTag: '1.5' }],
    );
    expect(after.text('k.yaml')).toBe(`${before}images:\n  - name: shop\n    newTag: "1.5"\n`);
  });
});

describe('4-space indentation and quoted weights', () => {
  it('keeps double and single quotes when writing strings', () => {
    const { before, after } = edit('apisixroute-4space.yaml', route, (t, d) =>
      setIn(setIn(t, d, stableWeight, '70'), d, canaryWeight, '30'),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 15',
      '-                    weight: "90"',
      '-                -   serviceName: shop-canary',
      '-                    servicePort: 80',
      "-                    weight: '10'",
      '+                    weight: "70"',
      '+                -   serviceName: shop-canary',
      '+                    servicePort: 80',
      "+                    weight: '30'",
    ]);
  });

  it('writes a number plain when a quoted string is replaced by a number', () => {
    const { before, after } = edit('apisixroute-4space.yaml', route, (t, d) => setIn(t, d, stableWeight, 70));
    expect(hunk(before, after)).toEqual([
      '@@ 15',
      '-                    weight: "90"',
      '+                    weight: 70',
    ]);
  });

  it('inserts with four spaces per level', () => {
    const { before, after } = edit('apisixroute-4space.yaml', route, (t, d) =>
      setIn(t, d, ['metadata', 'annotations', 'gitcanary.io/release'], 'r1'),
    );
    expect(hunk(before, after)).toEqual(['@@ 6', '+    annotations:', '+        gitcanary.io/release: r1']);
  });

  it('detects the style of the file', () => {
    expect(detectStyle(fixture('apisixroute-4space.yaml'))).toEqual({
      eol: '\n',
      unit: 4,
      indentlessSeq: false,
      seqIndent: 4,
    });
  });
});

describe('indentless sequences', () => {
  it('appends a backend in the same style', () => {
    const { before, after } = edit('apisixroute-indentless.yaml', route, (t, d) =>
      setIn(t, d, ['spec', 'http', 0, 'backends', 2], {
        serviceName: 'shop-preview',
        servicePort: 80,
        weight: 0,
      }),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 19',
      '+    - serviceName: shop-preview',
      '+      servicePort: 80',
      '+      weight: 0',
    ]);
  });

  it('adds a new sequence under a key without indenting it', () => {
    const { before, after } = edit('apisixroute-indentless.yaml', route, (t, d) =>
      setIn(t, d, ['spec', 'http', 0, 'plugins'], [{ name: 'proxy-rewrite', enable: true }]),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 19',
      '+    plugins:',
      '+    - name: proxy-rewrite',
      '+      enable: true',
    ]);
  });
});

describe('multi-document file', () => {
  const deployment = { kind: 'Deployment', name: 'shop-canary', namespace: 'prod' };
  const image = ['spec', 'template', 'spec', 'containers', 0, 'image'];

  it('finds each resource by kind when names are shared', () => {
    const tree = treeOf({ 'all.yaml': fixture('multi-document.yaml') });
    expect(tree.find({ kind: 'Service', name: 'shop-canary' }).index).toBe(0);
    expect(tree.find(deployment).index).toBe(1);
    expect(tree.find(route).index).toBe(2);
  });

  it('edits the last document, which has no final newline, on its last line', () => {
    const { before, after } = edit('multi-document.yaml', route, (t, d) => setIn(t, d, canaryWeight, 40));
    expect(after).toBe(`${before.slice(0, -'weight: 20'.length)}weight: 40`);
  });

  it('changes the image line only; the block scalar and the other documents stay', () => {
    const { before, after } = edit('multi-document.yaml', deployment, (t, d) =>
      setIn(t, d, image, 'ghcr.io/example/shop:1.5.0'),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 30',
      '-        image: ghcr.io/example/shop:1.4.0',
      '+        image: ghcr.io/example/shop:1.5.0',
    ]);
  });

  it('inserts after a last key whose value is a block scalar', () => {
    const { before, after } = edit('multi-document.yaml', deployment, (t, d) =>
      setIn(t, d, ['spec', 'template', 'spec', 'containers', 0, 'imagePullPolicy'], 'Always'),
    );
    expect(hunk(before, after)).toEqual(['@@ 38', '+        imagePullPolicy: Always']);
  });

  it('rewrites a block scalar as a block scalar at its indentation', () => {
    const { before, after } = edit('multi-document.yaml', deployment, (t, d) =>
      setIn(t, d, ['spec', 'template', 'spec', 'containers', 0, 'command', 2], 'exec shop --listen :9090\n'),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 36',
      '-          exec shop \\',
      '-            --listen :8080',
      '+          exec shop --listen :9090',
    ]);
  });
});

describe('anchors', () => {
  const deployment = { kind: 'Deployment', name: 'shop' };

  it('edits outside anchored nodes', () => {
    const { before, after } = edit('anchors.yaml', deployment, (t, d) =>
      setIn(t, d, ['spec', 'template', 'spec', 'containers', 1, 'image'], 'ghcr.io/example/proxy:2.1'),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 23',
      '-        image: ghcr.io/example/proxy:2.0',
      '+        image: ghcr.io/example/proxy:2.1',
    ]);
  });

  it('keeps an anchor nobody refers to on the edited value', () => {
    const before = fixture('anchors.yaml').replace('  replicas: &replicas 2', '  replicas: &r 2');
    const tree = treeOf({ 'a.yaml': before });
    const after = setIn(tree, tree.find(deployment), ['spec', 'replicas'], 3).text('a.yaml');
    expect(hunk(before, after)).toEqual(['@@ 9', '-  replicas: &r 2', '+  replicas: &r 3']);
  });
});

describe('Kustomization images', () => {
  const kustomization = { kind: 'Kustomization', name: 'shop' };
  const noName = (name: string) =>
    fixture(name).replace('kind: Kustomization\n', 'kind: Kustomization\nmetadata:\n  name: shop\n');

  it('sets newTag keeping it a string', () => {
    const before = noName('kustomization.yaml');
    const tree = treeOf({ 'k.yaml': before });
    const after = setIn(tree, tree.find(kustomization), ['images', 0, 'newTag'], '1.10').text('k.yaml');
    expect(hunk(before, after)).toEqual(['@@ 11', '-  newTag: "1.4"', '+  newTag: "1.10"']);
  });

  it('appends an images entry indentless, as kustomize writes it', () => {
    const before = noName('kustomization.yaml');
    const tree = treeOf({ 'k.yaml': before });
    const after = setIn(tree, tree.find(kustomization), ['images', 1], {
      name: 'ghcr.io/example/worker',
      newName: 'ghcr.io/example/worker-canary',
      newTag: '2.0',
    }).text('k.yaml');
    expect(hunk(before, after)).toEqual([
      '@@ 12',
      '+- name: ghcr.io/example/worker',
      '+  newName: ghcr.io/example/worker-canary',
      '+  newTag: "2.0"',
    ]);
  });
});

describe('Argo Rollout steps', () => {
  const rollout = { kind: 'Rollout', name: 'shop', apiVersions: ['argoproj.io/v1alpha1'] };

  it('replaces the steps and keeps everything around them byte-identical', () => {
    const { before, after } = edit('rollout.yaml', rollout, (t, d) =>
      setIn(
        t,
        d,
        ['spec', 'strategy', 'canary', 'steps'],
        [{ setWeight: 20 }, { setWeight: 40 }, { pause: {} }],
      ),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 14',
      '-      - pause: {duration: 10m}  # soak',
      '-      - setWeight: 50',
      '+      - setWeight: 40',
    ]);
  });

  it('turns `annotations: {}` into a block when a key is added', () => {
    const { before, after } = edit('rollout.yaml', rollout, (t, d) =>
      setIn(t, d, ['metadata', 'annotations', 'gitcanary.io/original-steps'], '[{"setWeight":20}]'),
    );
    expect(hunk(before, after)).toEqual([
      '@@ 5',
      '-  annotations: {}',
      '+  annotations:',
      `+    gitcanary.io/original-steps: '[{"setWeight":20}]'`,
    ]);
  });
});

describe('empty values', () => {
  const base = (value: string) =>
    `kind: Kustomization\nmetadata:\n  name: shop\nimages:${value}\nresources:\n- app.yaml\n`;
  const images = [{ name: 'shop', newTag: '1.5' }];

  it.each([
    ['nothing', ''],
    ['~', ' ~'],
    ['[]', ' []'],
    ['[] with a comment', ' []  # filled by gitcanary'],
  ])('fills `images:` holding %s with an indentless block (the file style)', (_, value) => {
    const before = base(value);
    const tree = treeOf({ 'k.yaml': before });
    const after = setIn(tree, tree.find({ kind: 'Kustomization', name: 'shop' }), ['images'], images).text(
      'k.yaml',
    );
    const comment = value.includes('#') ? '  # filled by gitcanary' : '';
    expect(after).toBe(
      `kind: Kustomization\nmetadata:\n  name: shop\nimages:${comment}\n- name: shop\n  newTag: "1.5"\nresources:\n- app.yaml\n`,
    );
  });

  it('fills an empty `weight:` inline', () => {
    const before = 'kind: R\nmetadata:\n  name: shop\nweight:\nother: 1\n';
    const tree = treeOf({ 'r.yaml': before });
    expect(setIn(tree, tree.find({ kind: 'R', name: 'shop' }), ['weight'], 40).text('r.yaml')).toBe(
      'kind: R\nmetadata:\n  name: shop\nweight: 40\nother: 1\n',
    );
  });

  it('adds a key to a flow map that has entries, in flow style', () => {
    const before = 'kind: R\nmetadata: {name: shop, labels: {app: shop}}\n';
    const tree = treeOf({ 'r.yaml': before });
    expect(
      setIn(tree, tree.find({ kind: 'R', name: 'shop' }), ['metadata', 'labels', 'track'], 'canary').text(
        'r.yaml',
      ),
    ).toBe('kind: R\nmetadata: {name: shop, labels: {app: shop, track: canary}}\n');
  });
});

describe('insertion points', () => {
  it('inserts after comment lines that belong to the previous nested block', () => {
    const before =
      'kind: R\nmetadata:\n  name: shop\n  labels:\n    app: shop\n    # track is set per overlay\nspec: {}\n';
    const tree = treeOf({ 'r.yaml': before });
    const after = setIn(
      tree,
      tree.find({ kind: 'R', name: 'shop' }),
      ['metadata', 'annotations', 'a'],
      'b',
    ).text('r.yaml');
    expect(hunk(before, after)).toEqual(['@@ 7', '+  annotations:', '+    a: b']);
  });

  it('inserts after a kept block scalar without changing its trailing blank lines', () => {
    const before = 'kind: R\nmetadata:\n  name: shop\n  script: |+\n    echo\n\nspec: {}\n';
    const tree = treeOf({ 'r.yaml': before });
    const after = setIn(tree, tree.find({ kind: 'R', name: 'shop' }), ['metadata', 'team'], 'web').text(
      'r.yaml',
    );
    expect(hunk(before, after)).toEqual(['@@ 7', '+  team: web']);
  });

  it('measures the style of the edited document, not the first one in the file', () => {
    const before =
      'kind: A\nmetadata:\n    name: a\n---\nkind: B\nmetadata:\n  name: b\n  labels:\n    x: y\n';
    const tree = treeOf({ 'm.yaml': before });
    const after = setIn(tree, tree.find({ kind: 'B', name: 'b' }), ['spec', 'ports'], [{ port: 80 }]).text(
      'm.yaml',
    );
    expect(hunk(before, after)).toEqual(['@@ 10', '+spec:', '+  ports:', '+    - port: 80']);
  });
});

describe('renderScalar', () => {
  const like = (source: string) => {
    const tree = treeOf({ 's.yaml': `kind: S\nmetadata:\n  name: s\nvalue: ${source}\n` });
    return tree.find({ kind: 'S', name: 's' }).document.get('value', true) as Parameters<
      typeof renderScalar
    >[1];
  };

  it.each([
    ['1.10', undefined, '"1.10"'],
    ['true', undefined, '"true"'],
    ['null', undefined, '"null"'],
    ['0x1', undefined, '"0x1"'],
    ['yes', undefined, '"yes"'],
    ['0777', undefined, '"0777"'],
    ['shop-canary', undefined, 'shop-canary'],
    ['a: b', undefined, '"a: b"'],
    ['two\nlines', undefined, '"two\\nlines"'],
    [40, undefined, '40'],
    ['40', '"20"', '"40"'],
    ["it's", "'x'", "'it''s'"],
    ['1.10', "'1.4'", "'1.10'"],
    ['v2', 'v1', 'v2'],
    [40, '"20"', '40'],
  ])('renders %j (replacing %s) as %s', (value, source, expected) => {
    expect(renderScalar(value, source === undefined ? undefined : like(source))).toBe(expected);
  });
});
