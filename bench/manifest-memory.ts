// Memory and time to find one resource in a large manifest: parsing every document (what the
// manifest tree did before it split files by their markers) against the lazy tree, each in a fresh
// node process, same files, same run. Prints peak RSS, time and the ratios.
// Run: npx tsx bench/manifest-memory.ts [documents=100000]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const N = Number(process.argv[2] ?? 100_000);
const ROOT = path.join(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(os.tmpdir(), 'gitcanary-bench-memory-'));

const route = (name: string, service: string) =>
  `apiVersion: apisix.apache.org/v2\nkind: ApisixRoute\nmetadata:\n  name: ${name}\n  namespace: test\nspec:\n  http:\n    - name: method\n      match:\n        hosts: [${name}.example.com]\n        paths: [/*]\n      backends:\n        - serviceName: ${service}\n          servicePort: 80\n          weight: 100\n`;

const files = {
  // A searched folder's file of unrelated documents (the release looks for an ApisixRoute).
  unrelated: Array.from(
    { length: N },
    (_, i) => `kind: ConfigMap\nmetadata: {name: cm-${i}, namespace: other}\ndata: {k: v}\n`,
  ).join('---\n'),
  // A manifest of other apps' routes with the release's route in the middle.
  routes: (() => {
    const docs = Array.from({ length: N }, (_, i) => route(`other-${i}`, `svc-${i}`));
    docs.splice(N / 2, 0, route('podinfo', 'podinfo-canary'));
    return docs.join('---\n');
  })(),
};

const WHOLE = `
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
const started = performance.now();
const docs = parseAllDocuments(readFileSync(process.argv[1], 'utf8'), { keepSourceTokens: true, uniqueKeys: true, merge: true });
const found = docs.filter((d) => d.get('kind') === 'ApisixRoute' && d.getIn(['metadata', 'name']) === 'podinfo').length;
console.log(JSON.stringify({ ms: performance.now() - started, rss: process.resourceUsage().maxRSS, found }));
`;
const LAZY = `
import { readFileSync } from 'node:fs';
import { ManifestTree } from './src/manifests/index.ts';
const started = performance.now();
const tree = new ManifestTree({ 'f.yaml': readFileSync(process.argv[1], 'utf8') });
const found = tree.resources(['f.yaml'], { kind: 'ApisixRoute', name: 'podinfo' }).length;
console.log(JSON.stringify({ ms: performance.now() - started, rss: process.resourceUsage().maxRSS, found }));
`;

interface Figure {
  ms: number;
  rss: number;
  found: number;
}

function measure(script: string, file: string): Figure | string {
  // -e from the package root, so `yaml` and the sources resolve as they do for the CLI.
  const run = spawnSync(
    process.execPath,
    ['--max-old-space-size=3072', '--import', 'tsx', '--input-type=module', '-e', script, file],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (run.signal === 'SIGABRT' || /heap out of memory/.test(run.stderr))
    return 'aborted: heap out of memory at 3 GB';
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Figure;
}

try {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(scratch, `${name}.yaml`);
    writeFileSync(file, text);
    const whole = measure(WHOLE, file);
    const lazy = measure(LAZY, file);
    const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
    console.log(`${name}.yaml: ${(text.length / 1024 / 1024).toFixed(1)} MB, ${N} documents`);
    console.log(
      `  parse every document: ${typeof whole === 'string' ? whole : `${mb(whole.rss)} peak RSS, ${whole.ms.toFixed(0)} ms`}`,
    );
    console.log(
      `  lazy tree:            ${typeof lazy === 'string' ? lazy : `${mb(lazy.rss)} peak RSS, ${lazy.ms.toFixed(0)} ms`}`,
    );
    if (typeof whole !== 'string' && typeof lazy !== 'string') {
      console.log(
        `  ratio: ${(whole.rss / lazy.rss).toFixed(1)}× less memory, ${(whole.ms / lazy.ms).toFixed(1)}× faster`,
      );
    }
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
