// `npm start`: build when the build is missing or older than the sources, then serve the portal.
// serve() loads demo data into an empty database first (outside production; scripts/demo-data.mjs) and
// prints the demo log-ins; the portal then opens and migrates the database at start.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const buildDir = process.env.BUILD_DIR ?? 'dist';
const entry = join(buildDir, 'server', 'entry.mjs');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const sourcesChanged = ['src', 'content', 'public', 'astro.config.mjs', 'package.json'].some((p) => newestMtime(p) > newestMtime(entry));
if (!existsSync(entry) || sourcesChanged) {
  console.log('Bygger portalen …');
  execSync('npm run build', { stdio: 'inherit' });
}

process.env.HOST ??= 'localhost';
process.env.PORT ??= '4321';
const { serve } = await import('./serve.mjs');
await serve();

const address = `http://${process.env.HOST}:${process.env.PORT}`;
const health = await fetch(`http://127.0.0.1:${process.env.PORT}/healthz`).then((r) => r.json()).catch(() => null);
if (!health?.ok) console.error('Varning: hälsokontrollen misslyckades', health);
console.log(`\nSkaraborgsnätet körs på ${address}\n`);
