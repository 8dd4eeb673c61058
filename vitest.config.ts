import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI the tests spawn, bundled once per run from the current sources.
    globalSetup: ['test/support/cli-bundle.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests spawn git, kubectl and Prometheus; two cores in CI.
    pool: 'forks',
    // GitHub's workflow parser imports its JSON schema without an import attribute, which Node
    // refuses: let vite load it (docs snippets are checked against GitHub's own workflow schema).
    server: { deps: { inline: ['@actions/workflow-parser'] } },
    // One fork runs on two cores; more than two concurrent git- or tsx-heavy tests per file only
    // queue for the CPU and stretch each test towards its timeout (vitest's default is 5).
    maxConcurrency: 2,
  },
});
