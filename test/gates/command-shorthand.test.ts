import { describe, expect, it } from 'vitest';
import { createGate } from '../../src/gates/index.js';
import { gateConfigSchema } from '../../src/gates/schemas.js';
import { gateContext } from '../support/gate-context.js';

// `smoke: { command: "./scripts/smoke.sh", timeout: 60s }`, as the README writes it, is the same
// gate as `smoke: { command: { command: "./scripts/smoke.sh", timeout: 60s } }`.

describe('the command: "…" shorthand', () => {
  it('parses as a command gate with its fields beside the command string', async () => {
    const short = gateConfigSchema.parse({ command: 'exit 0', timeout: '5s' });
    const long = gateConfigSchema.parse({ command: { command: 'exit 0', timeout: '5s' } });
    expect(short).toMatchObject({ command: 'exit 0', timeout: '5s', count: 1 });
    expect((await createGate('smoke', short)).kind).toBe('command');
    expect((await createGate('smoke', long)).kind).toBe('command');
  });

  it('evaluates like the long form, failing on a non-zero exit', async () => {
    const pass = await (
      await createGate('smoke', gateConfigSchema.parse({ command: 'echo ok {{canaryWeight}}' }))
    ).evaluate(gateContext());
    expect(pass).toMatchObject({ gate: 'smoke', kind: 'command', verdict: 'pass' });
    expect(pass.message).toContain('ok 20');
    const fail = await (
      await createGate('smoke', gateConfigSchema.parse({ command: 'exit 3', name: 'probe' }))
    ).evaluate(gateContext());
    expect(fail).toMatchObject({ gate: 'probe', verdict: 'fail' });
  });

  it('refuses fields a command gate does not have', () => {
    expect(gateConfigSchema.safeParse({ command: 'true', url: 'http://x' }).success).toBe(false);
  });
});
