// `npm run bench`: every bench in turn, each in its own process, each printing ratios against a
// baseline it measured in the same run. Not part of the test suite. Arguments narrow the set:
// `npm run bench -- step large-repo`. The figures and the machine are in docs/performance.md.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BENCHES: { name: string; args: string[] }[] = [
  { name: 'cold-start', args: [] },
  { name: 'git-commit', args: ['20'] },
  { name: 'step', args: ['10'] },
  { name: 'templates', args: ['15'] },
  { name: 'large-repo', args: ['7'] },
  { name: 'big-file', args: ['30'] },
  { name: 'concurrent', args: ['50'] },
  { name: 'edit-throughput', args: ['5', '1000'] },
  { name: 'manifest-memory', args: [] },
];

const only = process.argv.slice(2);
let failed = 0;
for (const bench of BENCHES) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  console.log(`\n== ${bench.name}`);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, `${bench.name}.ts`), ...bench.args],
    { stdio: 'inherit' },
  );
  if (run.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
