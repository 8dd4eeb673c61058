import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from '../support/cli.js';

// bin/gitcanary.js in a checkout runs the TypeScript sources through tsx; the rest of the suite
// spawns the bundle built from the same sources. Both must be the same program.

const BIN = path.join(ROOT, 'bin', 'gitcanary.js');
const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

describe('bin/gitcanary.js in a checkout', () => {
  it('runs the sources: --version is the package version, and --help lists the same commands as the bundle', () => {
    expect(execFileSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' }).trim()).toBe(version);
    const fromSource = execFileSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    const fromBundle = execFileSync(process.execPath, [...CLI, '--help'], { encoding: 'utf8' });
    expect(fromSource).toContain('validate');
    expect(fromBundle).toBe(fromSource);
  });
});
