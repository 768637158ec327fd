import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/collab.ts';

// Short checks and a small growth threshold, so a small burst is enough to see the mechanism in the real server;
// the background jobs off, so that only the test's requests make the server busy. The threshold (2 MB; production
// has 16) is part of the mechanism: a burst after a collection grows RSS by ~5 MB here, while in the full suite,
// with the other worker running Chromium, a check soon after a collection sometimes read as busy, and with no
// threshold that alone brought a second collection. The decision itself is unit-tested (tests/unit/ops-idle-gc.test.ts).
let server: RunningServer;
beforeAll(async () => {
  const jobsOff = { ACTIVITY_JOBS: 'off', IDEA_JOBS: 'off', MAIL_JOBS: 'off' };
  server = await startServer({ env: { LOG_LEVEL: 'info', IDLE_GC_CHECK_MS: '500', IDLE_GC_MIN_GROWTH_MB: '2', ...jobsOff } });
});
afterAll(async () => {
  await server?.stop();
});

const collections = () =>
  server
    .output()
    .split('\n')
    .filter((line) => line.includes('"idle: memory returned"'))
    .map((line) => JSON.parse(line) as { rssBeforeMb: number; rssAfterMb: number; ms: number });

// One request per connection (no keep-alive): a kept-alive socket closing seconds later would be activity
// after the burst.
const page = () =>
  new Promise<void>((done, fail) => {
    get(`${server.url}/aktiviteter`, { agent: false }, (res) => res.resume().on('end', done)).on('error', fail);
  });

async function burst() {
  for (let round = 0; round < 10; round++) await Promise.all(Array.from({ length: 10 }, page));
}

async function collectionsAfterWaitingFor(count: number) {
  await waitFor(() => collections().length >= count, 20_000, `${count} idle collection(s)`);
  return collections();
}

describe('memory returned when the server goes quiet (scripts/serve/idle-gc.mjs)', () => {
  it('collects once after a busy spell, not again until the next one', async () => {
    await burst();
    const first = await collectionsAfterWaitingFor(1);
    expect(first).toHaveLength(1);
    expect(first[0]!.rssBeforeMb).toBeGreaterThan(0);
    expect(first[0]!.rssAfterMb).toBeGreaterThan(0);
    // Five more quiet checks: still one.
    await new Promise((r) => setTimeout(r, 2500));
    expect(collections()).toHaveLength(1);
    await burst();
    expect(await collectionsAfterWaitingFor(2)).toHaveLength(2);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
