import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { GitcanaryError } from '../../src/errors.js';
import { ManifestTree, setIn, writtenKind } from '../../src/manifests/index.js';

// An edit replaces one document's text: the tree it makes shares the file's other documents with
// the tree before, and puts the whole text together only to write or diff it. What a reader sees
// must not tell: the text, what changed, positions in errors, the pieces written.

const configMap = (i: number) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  k: v\n`;
const route = (name: string) =>
  `apiVersion: apisix.apache.org/v2\nkind: ApisixRoute\nmetadata:\n  name: ${name}\nspec:\n  http:\n    - name: main\n      backends:\n        - serviceName: ${name}\n          weight: 100\n`;

/** 200 ConfigMaps with the routes `shop` (document 50) and `cart` (document 150) among them. */
function manyDocuments(): string {
  const docs = Array.from({ length: 200 }, (_, i) => configMap(i));
  docs[50] = route('shop');
  docs[150] = route('cart');
  return docs.join('---\n');
}

const shop = { kind: 'ApisixRoute', name: 'shop' };
const cart = { kind: 'ApisixRoute', name: 'cart' };

function caught(run: () => unknown): GitcanaryError {
  try {
    run();
  } catch (error) {
    if (error instanceof GitcanaryError) return error;
    throw error;
  }
  throw new Error('expected a GitcanaryError');
}

describe('a file edited one document at a time', () => {
  it('reads as the same text as the whole file edited', () => {
    const text = manyDocuments();
    const tree = new ManifestTree({ 'f.yaml': text });
    const labels = ['metadata', 'labels'];
    let next = setIn(tree, tree.find(shop), labels, { tier: 'web', team: 'shop' });
    next = setIn(next, next.find(cart), ['spec', 'http', 0, 'backends', 0, 'weight'], 7);

    const expected = text
      .replace('  name: shop\n', '  name: shop\n  labels:\n    tier: web\n    team: shop\n')
      .replace('serviceName: cart\n          weight: 100\n', 'serviceName: cart\n          weight: 7\n');
    expect(next.text('f.yaml')).toBe(expected);
    expect(next.changedFrom(tree)).toEqual([{ file: 'f.yaml', text: expected }]);
    expect([...next.chunks('f.yaml', 1000)].join('')).toBe(expected);
    expect(next.slices('f.yaml')).toEqual(new ManifestTree({ 'f.yaml': expected }).slices('f.yaml'));
  });

  it('is unchanged once its edits are undone', () => {
    const tree = new ManifestTree({ 'f.yaml': manyDocuments() });
    const weight = ['spec', 'http', 0, 'backends', 0, 'weight'];
    const edited = setIn(tree, tree.find(shop), weight, 20);
    const undone = setIn(edited, edited.find(shop), weight, 100);

    expect(edited.changedFiles(tree)).toEqual(['f.yaml']);
    expect(undone.changedFiles(tree)).toEqual([]);
    expect(undone.changedFrom(tree)).toEqual([]);
    expect(undone.text('f.yaml')).toBe(tree.text('f.yaml'));
  });

  it('locates errors in later documents by their lines in the edited file', () => {
    const tree = new ManifestTree({ 'f.yaml': manyDocuments() });
    // Four lines more in document 50: everything after it moves down by four.
    const next = setIn(tree, tree.find(shop), ['metadata', 'labels'], { a: '1', b: '2', c: '3' });
    const fresh = new ManifestTree({ 'f.yaml': next.text('f.yaml') });
    const missing = ['spec', 'http', 0, 'backends', 0, 'weight', 'deeper'];

    const edited = caught(() => setIn(next, next.find(cart), missing, 1));
    const reread = caught(() => setIn(fresh, fresh.find(cart), missing, 1));

    const lines = next.text('f.yaml').split('\n');
    // The weight line after cart's serviceName, 1-based; the value starts in column 19.
    const weightLine = lines.indexOf('        - serviceName: cart') + 2;
    expect(lines[weightLine - 1]).toBe('          weight: 100');
    expect(edited.place).toMatchObject({ file: 'f.yaml', line: weightLine, column: 19 });
    expect(edited.place).toEqual(reread.place);
  });

  it('writes pieces that never split a character in two', () => {
    const text = `a: "${'😀'.repeat(40)}"\n---\nb: 1\n`;
    const tree = new ManifestTree({ 'f.yaml': text });
    const next = setIn(tree, tree.document('f.yaml', 1)!, ['b'], 2);
    const chunks = [...next.chunks('f.yaml', 7)];

    expect(chunks.join('')).toBe(text.replace('b: 1', 'b: 2'));
    for (const chunk of chunks) expect(Buffer.from(chunk, 'utf8').toString('utf8')).toBe(chunk);
  });
});

describe('the kind a document names in its text', () => {
  it('reads plain, quoted and commented kind lines of block mappings', () => {
    expect(writtenKind('kind: ApisixRoute\nmetadata:\n  name: a\n')).toBe('ApisixRoute');
    expect(writtenKind('# c\n--- # start\napiVersion: v1\n"kind": \'Ingress\' # here\n')).toBe('Ingress');
    expect(writtenKind('apiVersion: v1\nspec:\n  kind: Ingress\n')).toBeNull();
  });

  it('leaves to the parser what the text does not say plainly', () => {
    for (const text of [
      '{kind: Ingress}\n',
      '--- {kind: Ingress}\n',
      'kind: !!str Ingress\n',
      'kind: &k Ingress\n',
      'kind: *k\n',
      'kind:\n  Ingress\n',
      'kind: Ingress\n  Route\n',
      'kind: true\n',
      '<<: {kind: Ingress}\n',
      '? kind\n: Ingress\n',
      'a: 1\nkind: A\nkind: B\n',
      '- kind: Ingress\n',
    ]) {
      expect(writtenKind(text), text).toBeUndefined();
    }
  });

  const line = fc.constantFrom(
    'kind: ApisixRoute',
    'kind: Ingress # the route',
    '"kind": "Ingress"',
    "'kind': 'Mapping'",
    'kind: true',
    'kind:',
    '  kind: Service',
    '  ApisixRoute',
    'kind: &k Ingress',
    'other: *k',
    'apiVersion: v1',
    'metadata:',
    '  name: a',
    'text: |',
    'kind: x',
    '- kind: Ingress',
    '# kind: Ingress',
    '{kind: Ingress,',
    'a: [b,',
    'kind: Ingress}',
    '---',
    '--- !!map',
    '%YAML 1.2',
    '',
    '<<: {kind: Mapping}',
    '? kind',
    ': Ingress',
  );

  it('is the kind the parser reads, whenever it reads one', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.boolean(), (lines, crlf) => {
        const text = `${lines.join(crlf ? '\r\n' : '\n')}\n`;
        const written = writtenKind(text);
        if (written === undefined) return;
        const parsed = parseAllDocuments(text, { uniqueKeys: true, merge: true });
        const documents = Array.isArray(parsed) ? parsed : [];
        // Only one document, as the tree slices files, and only one the parser accepts.
        if (documents.length !== 1 || documents[0]!.errors.length > 0) return;
        const kind = documents[0]!.get('kind');
        expect(written, JSON.stringify(text)).toBe(kind === undefined ? null : String(kind));
      }),
      { numRuns: 3000 },
    );
  });
});
