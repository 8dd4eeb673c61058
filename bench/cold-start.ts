// Cold start of the installed CLI (`npm pack` + install, as a user has it): `gitcanary --version`,
// `--help` and `validate --help` against `node -e 0`, interleaved. Target: each ≤ 3× node.
// Run: npx tsx bench/cold-start.ts [N=15]
import { benchEnv, fmtMb, fmtMs, installedCli, median, ratio, scratch, timed } from './lib.js';

const N = Number(process.argv[2] ?? 15);
const dir = scratch('cold');
const env = benchEnv(dir);
const bin = installedCli();

const cases: { label: string; command: string; args: string[] }[] = [
  { label: 'node -e 0', command: process.execPath, args: ['-e', '0'] },
  { label: 'gitcanary --version', command: bin, args: ['--version'] },
  { label: 'gitcanary --help', command: bin, args: ['--help'] },
  { label: 'gitcanary validate --help', command: bin, args: ['validate', '--help'] },
];
const times = cases.map(() => [] as number[]);
const rss = cases.map(() => [] as number[]);
// One warm-up round (the disk cache, and Node 22+'s compile cache as a scheduled job would have it).
for (let round = 0; round < N + 1; round++) {
  for (const [i, c] of cases.entries()) {
    const run = await timed(c.command, c.args, { cwd: dir, env });
    if (round === 0) continue;
    times[i]!.push(run.ms);
    rss[i]!.push(run.rssKb);
  }
}
const base = median(times[0]!);
console.log(`cold start, installed package, node ${process.version}, N=${N} interleaved (median)`);
for (const [i, c] of cases.entries()) {
  const t = median(times[i]!);
  console.log(
    `  ${c.label.padEnd(27)} ${fmtMs(t).padStart(9)}  rss ${fmtMb(median(rss[i]!)).padStart(8)}  ${ratio(t, base)} node${i > 0 ? (t / base <= 3 ? '  (target ≤ 3x: met)' : '  (target ≤ 3x: NOT met)') : ''}`,
  );
}
