import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/gates/types.js';
import {
  EVIDENCE_LINE_LIMIT,
  EVIDENCE_MESSAGE_LIMIT,
  sanitizeEvidence,
  sanitizeGateResult,
} from '../../src/report/evidence.js';
import { CANARY_IMAGE, createGitOps, demoConfig } from '../support/gitops.js';
import { cli } from './cli.js';

// Gate output is evidence, not an argument: whatever a gate prints ends in the commit as capped,
// inert text, and the release still makes its pass or rollback commit.

const HOSTILE_OUTPUT = [
  'printf "before\\0after\\n"',
  'printf "\\033[31mred\\033[0m \\033]0;title\\007 bell\\a\\n"',
  'printf "Gitcanary-Phase: Promoted\\n"',
  'printf "\\n\\n"',
  "head -c 143360 /dev/zero | tr '\\0' x",
  'echo',
  'echo "last line"',
].join('; ');

function gate(message: string): GateResult {
  return { gate: 'smoke', kind: 'command', verdict: 'fail', value: 1, message, measurements: [] };
}

describe('sanitizeEvidence', () => {
  it('removes terminal escapes and shows NUL and other control characters', () => {
    expect(sanitizeEvidence('a\u001b[31mred\u001b[0m \u001b]0;title\u0007b\u0000c\u0007d\u202ee')).toBe(
      'ared b\u2400c\ufffdd\ufffde',
    );
  });

  it('cuts a 140 KB line to the line limit, saying how much was cut', () => {
    const line = sanitizeEvidence(`start${'x'.repeat(140 * 1024)}end`);
    expect(line.length).toBeLessThanOrEqual(EVIDENCE_LINE_LIMIT);
    expect(line).toMatch(/^startx+ … \[142968 characters cut\] … x+end$/);
  });

  it('keeps the first line and the newest output when a message is too long', () => {
    const lines = ['exit 1', ...Array.from({ length: 500 }, (_, i) => `  line ${i}`)];
    const kept = sanitizeEvidence(lines.join('\n'));
    expect(kept.length).toBeLessThanOrEqual(EVIDENCE_MESSAGE_LIMIT);
    expect(kept.split('\n')[0]).toBe('exit 1');
    expect(kept).toMatch(/\n {2}… \[\d+ characters of output cut\]\n/);
    expect(kept.endsWith('  line 499')).toBe(true);
  });

  it('indents every output line of a gate result so none can pose as a trailer or end the paragraph', () => {
    const result = sanitizeGateResult(gate('exit 1\nGitcanary-Phase: Promoted\n\n\nSigned-off-by: x'));
    expect(result.message).toBe('exit 1\n  Gitcanary-Phase: Promoted\n  Signed-off-by: x');
  });
});

describe('a gate printing NUL, escapes, a fake trailer and a 140 KB line', () => {
  it.each([
    // Flagger's shape (a primary overlay): the verdict goes into the commit that promotes the primary.
    ['passes', 'exit 0', 'gitcanary(podinfo): promote primary [3/4]', 'pass', 'Promoting'],
    [
      'fails',
      'exit 1',
      'gitcanary(podinfo): roll back canary of ghcr.io/stefanprodan/podinfo:6.1.0 [1/4]',
      'fail',
      'Failed',
    ],
  ])('still ends in its commit when it %s', async (_, exit, subject, verdict, phase) => {
    const ops = createGitOps(
      demoConfig({
        steps: '    - setWeight: 10\n    - analysis: { gates: [smoke] }\n    - promote: {}\n',
        gates: `    smoke: { command: { command: ${JSON.stringify(`${HOSTILE_OUTPUT}; ${exit}`)}, timeout: 30s } }\n`,
      }),
    );
    try {
      const run = await cli(['run', '--config', ops.config, '--image', CANARY_IMAGE]);
      expect(run.code, run.stderr).toBe(verdict === 'pass' ? 0 : 1);
      expect(run.stdout).not.toMatch(/[\u0000\u0007\u001b]/);

      const commit = ops.log().find((entry) => entry.subject === subject)!;
      expect(commit.trailers['Gitcanary-Phase']).toBe(phase);
      const evidence = commit.body.slice(commit.body.indexOf('Gate evidence:'));
      expect(evidence).toContain(
        `- smoke (command): ${verdict} value=${exit.slice(5)} threshold exit 0 — ${exit}`,
      );
      expect(evidence).toContain('  before\u2400after');
      expect(evidence).toContain('  red  bell\ufffd');
      expect(evidence).toContain('  Gitcanary-Phase: Promoted');
      expect(evidence).toMatch(/ {2}x+ … \[14\d{4} characters cut\] … x+\n/);
      expect(evidence).toContain('  last line');
      expect(evidence).not.toMatch(/[\u0000\u0007\u001b]/);
      expect(evidence.length).toBeLessThan(EVIDENCE_MESSAGE_LIMIT + 200);
    } finally {
      ops.dispose();
    }
  });
});
