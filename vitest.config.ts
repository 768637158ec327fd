import { defineConfig } from 'vitest/config';

// Three projects: `npm run test:unit` runs only `unit` (no build, no browser, no server); integration and
// e2e start the built server (tests/helpers/server.ts) and e2e drives Chromium. `npm test` runs all three.
export default defineConfig({
  test: {
    environment: 'node',
    // Generous limits: the suite must pass on a shared 2-core machine with other work beside it
    // (tests never assert timings; these only catch hangs).
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // expect.poll waits for the browser or server; its 1 s default fails on a busy machine.
    expect: { poll: { timeout: 20_000 } },
    // Browser and server tests are heavy; two workers match the two cores.
    maxWorkers: 2,
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Unit files use in-memory databases and no process-wide state, so they can share workers
          // (the module graph is imported once per worker, not once per file).
          isolate: false,
        },
      },
      { extends: true, test: { name: 'integration', include: ['tests/integration/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'] } },
    ],
  },
});
