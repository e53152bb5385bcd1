import { defineConfig } from 'vitest/config';

// Two projects: fast unit/integration tests in parallel, and browser end-to-end tests one file
// at a time (they start servers and Chromium). `npm test` runs both.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
          // expect.poll waits 1 s by default: too short for a filter's fetch and re-render when
          // the machine is loaded by the unit project running beside it (a CI run failed so).
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
