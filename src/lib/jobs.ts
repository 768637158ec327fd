// Background work of the server process, registered once at start: scripts/serve.mjs calls start() after
// loading the bundle (the bundle's middleware publishes it, as it publishes the live co-writing server).
// Never started from a page, an action or a component. Each job is switched by the configuration.
import { config, type Config } from './config.ts';
import { getDb, type Db } from './db.ts';
import { ACTIVITY_JOBS_INTERVAL_MS, runActivityJobs } from './activities/jobs.ts';
import { IDEA_JOBS_INTERVAL_MS, runIdeaJobs } from './ideas/jobs.ts';
import { startMailSender } from './mail/sender.ts';
import { smtpTransport } from './mail/transport.ts';

/** Runs fn now (after start-up finishes) and then every intervalMs; errors are logged, never thrown. The timer never keeps the process alive. */
function every(intervalMs: number, failure: string, fn: () => void): () => void {
  const tick = () => {
    try {
      fn();
    } catch (error) {
      console.error(failure, (error as Error).message);
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  setImmediate(tick);
  return () => clearInterval(timer);
}

/** Starts every configured job; returns a function that stops them. */
export function startBackgroundJobs(db: Db, cfg: Config = config()): () => void {
  const stops: Array<() => void> = [];
  if (cfg.jobs.activities) stops.push(every(ACTIVITY_JOBS_INTERVAL_MS, 'Aktivitetsjobb misslyckades:', () => runActivityJobs(db)));
  if (cfg.jobs.ideas) stops.push(every(IDEA_JOBS_INTERVAL_MS, 'Idéjobb misslyckades:', () => runIdeaJobs(db)));
  if (cfg.jobs.mail && cfg.mail.smtpUrl) stops.push(startMailSender(db, smtpTransport(cfg.mail.smtpUrl, cfg.mail.from)));
  return () => stops.forEach((s) => s());
}

const KEY = Symbol.for('skaraborgsnatet.jobs');
let stop: (() => void) | undefined;

/** Publishes start/stop for scripts/serve.mjs (the bundle's own module instance, so one connection and one sender). */
export function publishJobs(): void {
  (globalThis as Record<symbol, unknown>)[KEY] = {
    start() {
      stop ??= startBackgroundJobs(getDb());
    },
    stop() {
      stop?.();
      stop = undefined;
    },
  };
}
