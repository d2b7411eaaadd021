import { defineConfig } from 'vitest/config';

// Two projects: "parallel" suites share the machine's databases and brokers safely (each makes its
// own schema, exchange or stream prefix); "serial" suites stop brokers, start whole stacks or drive
// a browser, so they run one file at a time after the rest.
export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'parallel',
          // Three files at a time on 2 cores: these tests mostly wait on PostgreSQL, the brokers and
          // timers, so a third worker halves the wall time (vitest's default here would be one).
          maxWorkers: 3,
          include: ['packages/*/test/**/*.test.ts', 'services/*/test/**/*.test.ts', 'apps/gateway/test/**/*.test.ts', 'apps/web/test/**/*.test.ts', 'tools/*/test/**/*.test.ts'],
          exclude: ['**/*.serial.test.ts', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: ['**/*.serial.test.ts', 'tests/**/*.test.ts'],
          exclude: ['**/node_modules/**'],
          fileParallelism: false,
          testTimeout: 300_000,
        },
      },
    ],
  },
});
