import path from 'node:path';
import { defineConfig } from 'vitest/config';

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
    ],
  },
});
