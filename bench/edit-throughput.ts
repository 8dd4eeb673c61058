// Edit throughput: one image set in 1,000 kustomizations, committed and pushed as one commit.
// gitcanary's edit (lazy manifest tree, byte-minimal setImage, writeTree) inside commitStep, against
// a shell loop of sed one-liners + `git commit -a && git push`, and a naive parse-and-reserialise
// (yaml parseDocument → set → toString per file) + the same git commands. Interleaved, same run.
// Target: gitcanary ≤ 2x the sed loop.
// Run: npx tsx bench/edit-throughput.ts [N=5] [files=1000]
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseDocument } from 'yaml';
import { openRepository } from '../src/git/index.js';
import { loadTree, writeTree } from '../src/manifests/index.js';
import { parseSetImageArg } from '../src/targets/image-ref.js';
import { setImage } from '../src/targets/kustomization.js';
import { benchEnv, fmtMs, generateRepo, git, median, ratio, scratch } from './lib.js';

const N = Number(process.argv[2] ?? 5);
const FILES = Number(process.argv[3] ?? 1000);
const dir = scratch('edit');
const env = benchEnv(dir);
Object.assign(process.env, env);

const kustomization = (i: number) => `# app ${i}, owned by team ${i % 50}
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: team-${i % 50}
resources:
  - ../../base
images:
  - name: registry.example.com/shared/sidecar
    newTag: 1.0.0
  - name: registry.example.com/team-${i % 50}/app-${i} # the app itself
    newTag: 1.0.0
`;
const files: Record<string, string> = {};
const paths: string[] = [];
for (let i = 0; i < FILES; i++) {
  const file = `apps/app-${i}/overlays/prod/kustomization.yaml`;
  files[file] = kustomization(i);
  paths.push(file);
}
const remotes = ['ours', 'sed', 'naive'].map((name) => {
  const at = path.join(dir, name);
  execFileSync('mkdir', ['-p', at]);
  return generateRepo(at, env, { manifests: 0, history: 1, files });
});

const repository = await openRepository({
  repo: remotes[0]!,
  branch: 'main',
  author: { name: 'bench', email: 'bench@example.com' },
});
const clone = (remote: string, name: string) => {
  const at = path.join(dir, `${name}-clone`);
  git(dir, env, 'clone', '--quiet', remote, at);
  return at;
};
const sedClone = clone(remotes[1]!, 'sed');
const naiveClone = clone(remotes[2]!, 'naive');
const listFile = path.join(dir, 'files.txt');
writeFileSync(listFile, `${paths.join('\n')}\n`);

const times = { ours: [] as number[], sed: [] as number[], naive: [] as number[] };
for (let round = 0; round < N + 1; round++) {
  const tag = `1.${round + 1}.0`;
  let t = performance.now();
  await repository.commitStep(async (root) => {
    const tree = await loadTree(root, paths);
    let next = tree;
    const change = parseSetImageArg(`registry.example.com/shared/sidecar:${tag}`);
    for (const file of paths) next = setImage(next, file, change);
    const written = await writeTree(root, tree, next);
    return { message: `sidecar ${tag}`, trailers: {}, files: written };
  });
  if (round > 0) times.ours.push(performance.now() - t);

  t = performance.now();
  execFileSync(
    'sh',
    [
      '-c',
      `while read -r f; do sed -i '/name: registry.example.com\\/shared\\/sidecar/{n;s/newTag: .*/newTag: ${tag}/}' "$f"; done < "$1"
git commit --quiet --all -m "sidecar ${tag}" && git push --quiet origin HEAD:main`,
      'sh',
      listFile,
    ],
    { cwd: sedClone, env },
  );
  if (round > 0) times.sed.push(performance.now() - t);

  t = performance.now();
  for (const file of paths) {
    const at = path.join(naiveClone, file);
    const doc = parseDocument(readFileSync(at, 'utf8'));
    doc.setIn(['images', 0, 'newTag'], tag);
    writeFileSync(at, doc.toString());
  }
  git(naiveClone, env, 'commit', '--quiet', '--all', '-m', `sidecar ${tag}`);
  git(naiveClone, env, 'push', '--quiet', 'origin', 'HEAD:main');
  if (round > 0) times.naive.push(performance.now() - t);
}
await repository.close();

// Byte-minimal: gitcanary and sed change the same bytes; the naive round trip rewrites more.
const diffOf = (remote: string) => git(remote, env, 'diff', '--stat', 'main~1', 'main').split('\n').pop();
const ours = median(times.ours);
const sed = median(times.sed);
const naive = median(times.naive);
console.log(`an image set in ${FILES} kustomizations, one commit + push, N=${N} interleaved (median)`);
console.log(`  sed loop + git commit/push          ${fmtMs(sed).padStart(8)}   ${diffOf(remotes[1]!)}`);
console.log(
  `  gitcanary (setImage + commitStep)   ${fmtMs(ours).padStart(8)}   ${diffOf(remotes[0]!)}  ${ratio(ours, sed)} sed ${ours / sed <= 2 ? '(target ≤ 2x: met)' : '(target ≤ 2x: NOT met)'}`,
);
console.log(
  `  naive parse + reserialise + git     ${fmtMs(naive).padStart(8)}   ${diffOf(remotes[2]!)}  ${ratio(naive, sed)} sed`,
);
