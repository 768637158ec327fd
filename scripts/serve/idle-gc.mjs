// Gives memory back to the system once the server has gone quiet after load.
//
// V8 has a "memory reducer" for this, but it decides from the allocation rate it measured at the last
// garbage collection; in a Node server that has gone idle no collection runs, so the rate stays that of the
// busy period and the reducer never starts (`--trace-memory-reducer` printed "high alloc" every 8 s for
// minutes after the bench). A browser tells V8 when a tab goes idle; this does the same for the server:
// when the event loop has been (nearly) idle for two checks in a row after a busy spell, and RSS has grown
// by at least a threshold since the last time, it runs one last-resort collection (what V8 runs under
// memory pressure: it compacts and frees its pooled pages). Measured after the bench's page runs: RSS 234 →
// 160 MB, the V8 heap 80 → 43 MB; after the whole bench 254 → 178 MB. A collection takes 55–80 ms of one
// core, at a time when nothing is waiting (README "Prestanda").
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const CHECK_MS = 5000;
export const QUIET_CHECKS = 2;
/** Event-loop utilisation below which a check counts as quiet (the jobs' timers and pings stay far below). */
export const MAX_UTILIZATION = 0.02;
export const MIN_GROWTH_MB = 16;

/**
 * The decision alone, with its inputs passed in (unit-tested). `check()` runs once per interval and
 * returns what a collection did, or null: at most one collection per quiet spell, and none unless the
 * loop was busy since the last one and RSS grew by `minGrowthBytes` over what the last one left.
 */
export function createIdleCollector({ utilization, rss, collect, quietChecks = QUIET_CHECKS, maxUtilization = MAX_UTILIZATION, minGrowthBytes = MIN_GROWTH_MB * 2 ** 20 }) {
  let baseline = rss();
  let quiet = 0;
  let busySinceLast = false;
  let settling = false;
  return {
    check() {
      // The first reading after a collection covers the collection itself and V8's follow-up tasks (finalising,
      // freeing buffers) on the event loop: that is not activity, so it is dropped.
      if (settling) {
        settling = false;
        utilization();
        return null;
      }
      if (utilization() > maxUtilization) {
        quiet = 0;
        busySinceLast = true;
        return null;
      }
      quiet += 1;
      if (!busySinceLast || quiet < quietChecks) return null;
      busySinceLast = false;
      const beforeBytes = rss();
      if (beforeBytes - baseline < minGrowthBytes) return null;
      const started = performance.now();
      collect();
      settling = true;
      const afterBytes = rss();
      baseline = afterBytes;
      return { beforeBytes, afterBytes, ms: performance.now() - started };
    },
  };
}

/**
 * V8's `gc()` without exposing it to the rest of the process: the flag only makes contexts created after
 * it get the function, so the portal's own global scope never has a `gc`.
 */
export function lastResortGc() {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  return () => gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
}

/** Starts the checks (IDLE_GC_CHECK_MS, IDLE_GC_MIN_GROWTH_MB; IDLE_GC=off turns them off). Returns a stop function. */
export function startIdleGc(log, env = process.env) {
  if (env.IDLE_GC === 'off') return () => {};
  let last = performance.eventLoopUtilization();
  let gc;
  const collector = createIdleCollector({
    utilization: () => {
      const now = performance.eventLoopUtilization();
      const { utilization } = performance.eventLoopUtilization(now, last);
      last = now;
      return utilization;
    },
    rss: () => process.memoryUsage.rss(),
    // Made on first use: the context it needs is not created at start.
    collect: () => (gc ??= lastResortGc())(),
    minGrowthBytes: Number(env.IDLE_GC_MIN_GROWTH_MB ?? MIN_GROWTH_MB) * 2 ** 20,
  });
  const mb = (bytes) => Number((bytes / 2 ** 20).toFixed(1));
  const timer = setInterval(() => {
    const done = collector.check();
    if (done) log.info({ rssBeforeMb: mb(done.beforeBytes), rssAfterMb: mb(done.afterBytes), ms: Math.round(done.ms) }, 'idle: memory returned');
  }, Number(env.IDLE_GC_CHECK_MS ?? CHECK_MS));
  timer.unref();
  return () => clearInterval(timer);
}
