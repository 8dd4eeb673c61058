// The commit message rendered cold in a fresh `node` process, from a bundle built as the CLI is:
// precompiled (templates/ as built: handlebars' runtime renders the spec in the bundle) against
// compiled (the same file edited after the build: the compiler's chunk loads and compiles it, as
// every step did before the bundles carried precompiled specs). Interleaved runs, medians.
// Run: npx tsx bench/templates.ts [N=15]
import { appendFileSync, cpSync } from 'node:fs';
import path from 'node:path';
import { bundleSplit } from '../scripts/bundle.js';
import { fmtMs, median, ROOT, scratch, timed } from './lib.js';

const N = Number(process.argv[2] ?? 15);
const dir = scratch('templates');
await bundleSplit({ render: 'bench/render-commit-message.ts' }, path.join(dir, 'bundle'));
const cases = ['precompiled', 'compiled'].map((label) => {
  const pkg = path.join(dir, label);
  cpSync(path.join(dir, 'bundle'), pkg, { recursive: true });
  cpSync(path.join(ROOT, 'templates'), path.join(pkg, 'templates'), { recursive: true });
  // One more newline: the same rendering, another hash.
  if (label === 'compiled') appendFileSync(path.join(pkg, 'templates', 'commit-message.hbs'), '\n');
  return { label, entry: path.join(pkg, 'render.js'), render: [] as number[], wall: [] as number[] };
});
for (let round = 0; round < N + 1; round++) {
  for (const c of cases) {
    const run = await timed(process.execPath, [c.entry], { cwd: dir, env: process.env });
    const { render } = JSON.parse(run.stdout) as { render: number };
    if (round === 0) continue;
    c.render.push(render);
    c.wall.push(run.ms);
  }
}
console.log(`commit message rendered cold, node ${process.version}, N=${N} interleaved (median)`);
for (const c of cases) {
  console.log(
    `  ${c.label.padEnd(12)} render ${fmtMs(median(c.render)).padStart(9)}  whole process ${fmtMs(median(c.wall)).padStart(9)}`,
  );
}
