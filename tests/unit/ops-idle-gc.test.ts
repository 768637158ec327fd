import { describe, expect, it } from 'vitest';
import { createIdleCollector, lastResortGc } from '../../scripts/serve/idle-gc.mjs';

const MB = 2 ** 20;

/** A collector over scripted readings: each check takes the next utilisation; RSS is whatever `mem.rss` says. */
function scripted(options: { minGrowthBytes?: number } = {}) {
  const mem = { rss: 100 * MB };
  const loads: number[] = [];
  let collections = 0;
  const collector = createIdleCollector({
    utilization: () => loads.shift() ?? 0,
    rss: () => mem.rss,
    collect: () => {
      collections += 1;
      mem.rss = 110 * MB;
    },
    ...options,
  });
  const run = (...utilizations: number[]) => {
    loads.push(...utilizations);
    return utilizations.map(() => collector.check());
  };
  return { mem, run, collections: () => collections };
}

describe('idle collection (scripts/serve/idle-gc.mjs)', () => {
  it('collects once after two quiet checks that follow a busy spell in which RSS grew', () => {
    const s = scripted();
    s.run(0.6, 0.9);
    s.mem.rss = 180 * MB;
    const results = s.run(0.01, 0.0, 0.0, 0.0);
    expect(s.collections()).toBe(1);
    expect(results[0]).toBeNull();
    expect(results[1]).toMatchObject({ beforeBytes: 180 * MB, afterBytes: 110 * MB });
    expect(results.slice(2)).toEqual([null, null]);
  });

  it('does not count its own collection as activity', () => {
    const s = scripted();
    s.run(0.9);
    s.mem.rss = 180 * MB;
    // The reading after the collection covers the collection and its aftermath (busy): it is dropped.
    s.run(0, 0, 0.5, 0, 0, 0, 0);
    expect(s.collections()).toBe(1);
    // A busy spell after that still counts.
    s.mem.rss = 180 * MB;
    s.run(0.5, 0, 0);
    expect(s.collections()).toBe(2);
  });

  it('never collects while the loop stays busy, nor in a quiet spell without a busy one before it', () => {
    const s = scripted();
    s.mem.rss = 300 * MB;
    s.run(0, 0, 0, 0);
    expect(s.collections()).toBe(0);
    s.run(0.5, 0.01, 0.5, 0.01, 0.5);
    expect(s.collections()).toBe(0);
  });

  it('leaves small growth alone and measures growth from what the last collection left', () => {
    const s = scripted({ minGrowthBytes: 16 * MB });
    // From 100 MB at start: 110 is too little, 130 enough; the collection leaves 110 MB, so then 120 is too
    // little and 127 enough. Each step is one busy check and two quiet ones.
    for (const [rssMb, collections] of [[110, 0], [130, 1], [120, 1], [127, 2]] as const) {
      s.mem.rss = rssMb * MB;
      s.run(0.5, 0, 0);
      expect(s.collections(), `at ${rssMb} MB`).toBe(collections);
    }
  });

  it('gets V8 last-resort collection without putting gc on the global scope', () => {
    const collect = lastResortGc();
    expect('gc' in globalThis).toBe(false);
    let garbage: unknown[] | null = Array.from({ length: 200_000 }, (_, i) => ({ i, text: `x${i}` }));
    expect(garbage.length).toBe(200_000);
    garbage = null;
    const before = process.memoryUsage().heapUsed;
    collect();
    expect(process.memoryUsage().heapUsed).toBeLessThan(before);
  });
});
