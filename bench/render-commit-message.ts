// Bundled by bench/templates.ts: one commit message rendered in a fresh process, timed from the
// module's import (what a step pays for its templates) to the rendered text.
const start = performance.now();
const { renderFile } = await import('../src/shared/templates.js');
const loaded = performance.now();
const message = await renderFile('commit-message', {
  subject: 'gitcanary(podinfo): set canary weight to 20% [2/10]',
  body: 'Release 0123456789ab: ghcr.io/stefanprodan/podinfo:6.1.0, canary weight 20%, phase Progressing.',
  gates: [
    { gate: 'smoke', kind: 'command', verdict: 'pass', value: '0', threshold: 'exit 0', message: 'ok' },
  ],
});
const rendered = performance.now();
if (!message.startsWith('gitcanary(podinfo)')) throw new Error(`unexpected message: ${message}`);
process.stdout.write(JSON.stringify({ load: loaded - start, render: rendered - loaded }));
