// Big files: a 30 MB multi-document manifest (other apps' routes around the release's ApisixRoute)
// edited by the installed `gitcanary set weight` (with --router, and with the router detected from
// the file) and by one `gitcanary step`. Peak RSS against the file size (target ≤ 10x), and a naive
// parse-and-reserialise of the whole file for comparison (yaml's parseAllDocuments + toString),
// each in its own process.
// Run: npx tsx bench/big-file.ts [MB=30]
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  benchEnv,
  fmtMb,
  fmtMs,
  generateRepo,
  installedCli,
  RELEASE_FILES,
  ROOT,
  releaseConfig,
  scratch,
  timed,
} from './lib.js';

const MB = Number(process.argv[2] ?? 30);
const dir = scratch('bigfile');
const env = benchEnv(dir);
const bin = installedCli();

const other = (i: number) => `apiVersion: apisix.apache.org/v2
kind: ApisixRoute
metadata:
  name: other-${i}
  namespace: team-${i % 50}
spec:
  http:
    - name: method
      match:
        hosts: [other-${i}.example.com]
        paths: [/*]
      backends:
        - serviceName: other-${i}
          servicePort: 80
          weight: 100
`;
const docs: string[] = [];
let size = 0;
for (let i = 0; size < MB * 1024 * 1024; i++) {
  const doc = other(i);
  docs.push(doc);
  size += doc.length + 4;
}
docs.splice(Math.floor(docs.length / 2), 0, RELEASE_FILES['apps/podinfo/routes/route.yaml']!);
const text = docs.join('---\n');
const bytes = Buffer.byteLength(text);
const file = path.join(dir, 'routes.yaml');
writeFileSync(file, text);

const setWeight = await timed(
  bin,
  ['set', 'weight', '--file', 'routes.yaml', '--router', 'apisix', '--route', 'podinfo', '25'],
  {
    cwd: dir,
    env,
  },
);

writeFileSync(file, text);
const detected = await timed(bin, ['set', 'weight', '--file', 'routes.yaml', '--route', 'podinfo', '25'], {
  cwd: dir,
  env,
});

const repo = generateRepo(dir, env, {
  manifests: 0,
  history: 5,
  files: { ...RELEASE_FILES, 'apps/podinfo/routes/route.yaml': text },
});
writeFileSync(path.join(dir, 'gitcanary.yaml'), releaseConfig(`file://${repo}`, [10, 20]));
const step = await timed(
  bin,
  ['step', '--config', 'gitcanary.yaml', '--image', 'ghcr.io/stefanprodan/podinfo:6.1.0'],
  {
    cwd: dir,
    env,
  },
);

const NAIVE = `
import { readFileSync, writeFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
const docs = parseAllDocuments(readFileSync(process.argv[1], 'utf8'));
for (const d of docs) if (d.getIn(['metadata', 'name']) === 'podinfo') d.setIn(['spec', 'http', 0, 'backends', 1, 'weight'], 25);
writeFileSync(process.argv[1], docs.map((d) => d.toString()).join(''));
`;
writeFileSync(file, text);
const naive = await timed(process.execPath, ['--input-type=module', '-e', NAIVE, file], { cwd: ROOT, env });

const x = (kb: number) => `${((kb * 1024) / bytes).toFixed(1)}x the file`;
console.log(
  `a ${(bytes / 1024 / 1024).toFixed(1)} MB manifest of ${docs.length} documents, one ApisixRoute edited`,
);
console.log(
  `  gitcanary set weight        ${fmtMs(setWeight.ms).padStart(8)}  peak rss ${fmtMb(setWeight.rssKb).padStart(9)}  ${x(setWeight.rssKb)}${setWeight.rssKb * 1024 <= 10 * bytes ? ' (target ≤ 10x: met)' : ' (target ≤ 10x: NOT met)'}`,
);
console.log(
  `  set weight, router detected ${fmtMs(detected.ms).padStart(8)}  peak rss ${fmtMb(detected.rssKb).padStart(9)}  ${x(detected.rssKb)}${detected.rssKb * 1024 <= 10 * bytes ? ' (target ≤ 10x: met)' : ' (target ≤ 10x: NOT met)'}`,
);
console.log(
  `  gitcanary step (first)      ${fmtMs(step.ms).padStart(8)}  peak rss ${fmtMb(step.rssKb).padStart(9)}  ${x(step.rssKb)}${step.rssKb * 1024 <= 10 * bytes ? ' (target ≤ 10x: met)' : ' (target ≤ 10x: NOT met)'}`,
);
console.log(
  `  naive parse + reserialise   ${fmtMs(naive.ms).padStart(8)}  peak rss ${fmtMb(naive.rssKb).padStart(9)}  ${x(naive.rssKb)}`,
);
