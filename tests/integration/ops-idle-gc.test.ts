import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server.ts';
import { waitFor } from '../helpers/collab.ts';

// Short checks and no growth threshold, so a small burst is enough to see the mechanism in the real server;
// the background jobs off, so that only the test's requests make the server busy. A check counts as busy above
// 2 % event-loop use, 20 ms of a 1 s check: with 0.5 s checks (10 ms) a timer callback delayed by the other test
// worker and Chromium on the same two cores was once enough to count as activity.
const CHECK_MS = 1000;
let server: RunningServer;
beforeAll(async () => {
  const jobsOff = { ACTIVITY_JOBS: 'off', IDEA_JOBS: 'off', MAIL_JOBS: 'off' };
  server = await startServer({ env: { LOG_LEVEL: 'info', IDLE_GC_CHECK_MS: String(CHECK_MS), IDLE_GC_MIN_GROWTH_MB: '0', ...jobsOff } });
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
    await new Promise((r) => setTimeout(r, 5 * CHECK_MS));
    expect(collections()).toHaveLength(1);
    await burst();
    expect(await collectionsAfterWaitingFor(2)).toHaveLength(2);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
