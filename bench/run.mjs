// `npm run bench`: prints every figure and writes bench/results/latest.json. Not part of `npm test`.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchStaticSite, printStaticSite } from './static-site.mjs';

const guides = Number(process.env.BENCH_GUIDES ?? 200);
const results = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
};

console.log(`Benchmark on ${results.machine}\n`);
results.staticSite = benchStaticSite(guides);
printStaticSite(results.staticSite);

mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2) + '\n');
console.log('\nWrote bench/results/latest.json');
