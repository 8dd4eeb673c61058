#!/usr/bin/env node
// In a checkout, run the TypeScript source through tsx so the CLI never lags the code; the npm
// package ships only the compiled dist/ (see "files" in package.json).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source);
} else {
  // Node 22.1+: V8's compiled code for the bundle is cached on disk (os.tmpdir()), so a scheduled
  // `gitcanary step` does not compile the same chunks on every run. Node 20 has no such cache.
  const { enableCompileCache } = await import('node:module');
  enableCompileCache?.();
  await import(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)));
}
