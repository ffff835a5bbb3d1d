import path from 'node:path';
import { defineConfig } from 'vitest/config';

/**
 * The integration suites that exercise the Engine. They run against daemon A (Engine 20.10) in the `integration`
 * project, and again, unchanged, against daemon C (Engine 26.1) in `integration-engine26` (test/harness.ts
 * engineUnderTest()). Suites about Berth itself (auth, store, tasks…) run once.
 */
const ENGINE_SUITES = [
  'hosts',
  'containers',
  'launch',
  'recreate-keeps',
  'images',
  'pull',
  'registries',
  'build',
  'volumes',
  'networks',
  'logs',
  'logs-shared',
  'exec',
  'stats',
  'live',
  'stacks',
  'stacks-keys',
  'stacks-upgrade',
  'stacks-upgrade-health',
  'stacks-health',
  'health-agent',
  'stacks-build',
  'stacks-pull-policy',
  'stacks-env-file',
  'policy',
  'policy-joins',
  'policy-stacks',
  'engine-differences',
  'plan-images',
  'stacks-interop',
  'diagnosis',
  'image-updates',
].map((s) => `test/integration/${s}.test.ts`);

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    projects: [
      {
        extends: true,
        // The fake GitHub server's tests start a tsx process: slower than a pure unit test on 2 cores.
        test: { name: 'unit', include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'test/github-fake/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // Real daemons, real PostgreSQL: one file at a time keeps the 2-core machines from timing out.
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-engine26',
          include: ENGINE_SUITES,
          environment: 'node',
          env: { BERTH_TEST_ENGINE: 'c' },
          pool: 'forks',
          poolOptions: { forks: { singleFork: true } },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
