import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          // Some unit tests start the CLI or worker threads: on 2 busy cores they take seconds, not milliseconds.
          testTimeout: 20_000,
          exclude: ['src/**/*.browser.test.ts', 'src/**/*.build.test.ts', 'node_modules/**'],
        },
      },
      {
        test: {
          name: 'build',
          include: ['src/**/*.build.test.ts', 'src/**/*.browser.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          fileParallelism: false,
          // A folder where the fixture org's site is built once for the files that only read it.
          globalSetup: ['src/site/testing/shared-sites.setup.ts'],
        },
      },
    ],
  },
});
