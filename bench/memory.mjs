// Resident memory of a process from /proc (Linux): current (VmRSS) and peak (VmHWM), in MB.
import { readFileSync } from 'node:fs';

function field(status, name) {
  const m = status.match(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm'));
  return m ? Number((Number(m[1]) / 1024).toFixed(1)) : null;
}

export function rss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rssMb: field(status, 'VmRSS'), peakMb: field(status, 'VmHWM') };
}
