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
          // Two files at a time. vitest's default is one fewer than the cores, 1 on the 2-core machine, which
          // left a core idle while a file imported its modules or waited on a CLI process it started.
          maxWorkers: 2,
          exclude: ['src/**/*.browser.test.ts', 'src/**/*.build.test.ts', 'node_modules/**'],
          // The run's temporary files in one folder, deleted at its end.
          globalSetup: ['src/testing/temp-dir.setup.ts'],
        },
      },
      {
        test: {
          name: 'build',
          include: ['src/**/*.build.test.ts', 'src/**/*.browser.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 300_000,
          // expect.poll gives up after 1 s by default: a page's first Pagefind search or a rebuild takes longer
          // on 2 busy cores. It still returns as soon as the value matches.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
          // A folder where the fixture org's site is built once for the files that only read it.
          globalSetup: ['src/testing/temp-dir.setup.ts', 'src/site/testing/shared-sites.setup.ts'],
        },
      },
    ],
  },
});
