import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
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
  },
});
