// Live co-writing run: C clients (y-websocket's provider over `ws`, as the editor island speaks) each
// make E edits to one section at a steady pace, all at once. Every edit inserts a unique token at a
// random place between tokens; each client records when every other client's token arrives. Checks: all clients
// converge to the same text, no edit is lost (in every client and in the revision written when the
// last writer leaves), and reports p50/p99 from an edit to its arrival at every other client.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { eq } from 'drizzle-orm';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection } from '#lib/ideas/revisions.ts';
import { clusterMemberships, ideaSectionRevisions } from '#db/schema/index.ts';
import { createUsers, loginAll } from './fixtures.mjs';
import { percentile } from './stats.mjs';
import { rss } from './memory.mjs';

const SECTION_KEY = 'tidsplan';
const TOKEN = /⟦c(\d+)e(\d+)⟧/g;
/** CPU seconds (user + system) a process has used, from /proc (Linux; clock ticks of 10 ms). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function client(url, room, cookie) {
  class CookieSocket extends WebSocket {
    constructor(address, protocols) {
      super(address, protocols, { headers: { cookie, origin: url } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/samskrivning`, room, doc, {
    WebSocketPolyfill: CookieSocket,
    disableBc: true,
    maxBackoffTime: 1000,
  });
  const synced = new Promise((resolve) => provider.on('sync', (s) => s && resolve()));
  return { doc, text: doc.getText('markdown'), provider, synced };
}

export async function benchLiveCowriting(server, db, { clients = 20, edits = 200, intervalMs = 50 } = {}) {
  const people = createUsers(db, clients, { prefix: 'samskribent' });
  const group = createGroup(db, {
    name: 'Samskrivargruppen för prestandamätning',
    problemArea: 'Samskrivning i realtid under last',
    description: 'Gruppen används bara för att mäta samskrivning i realtid i ett avsnitt.',
    joinMode: 'closed',
    leadEmails: [people[0].email],
    createdById: people[0].id,
  });
  for (const p of people.slice(1)) db.insert(clusterMemberships).values({ groupId: group.id, userId: p.id, role: 'member', status: 'active', joinedAt: new Date() }).run();
  const idea = createIdea(db, { groupId: group.id, title: 'Realtidsidé', targetCall: '', createdById: people[0].id });
  const section = getSection(db, idea.id, SECTION_KEY);
  const cookies = loginAll(
    db,
    people.map((p) => p.id),
  );
  const room = `${idea.id}/${SECTION_KEY}`;
  const rssBefore = rss(server.pid).rssMb;

  // y-websocket's provider adds a process 'exit' listener per client in Node.
  process.setMaxListeners(process.getMaxListeners() + clients);
  const sentAt = new Map(); // token → ms
  const latencies = [];
  const all = cookies.map((cookie) => client(server.url, room, cookie));
  all.forEach((c, index) => {
    // Arrival of other clients' tokens: the strings inserted by each remote update, read from the update
    // itself once the client's document has applied it. (Yjs' event.delta would walk the whole text for
    // every update, which made the benchmark's own process the bottleneck: 31 % of its CPU, quadratic in
    // the text's length, and latency that measured the clients rather than the server.)
    const seen = new Set();
    c.doc.on('update', (update, _origin, _doc, transaction) => {
      if (transaction.local) return;
      const now = performance.now();
      for (const struct of Y.decodeUpdate(update).structs) {
        const str = struct.content?.str;
        if (typeof str !== 'string') continue;
        for (const m of str.matchAll(TOKEN)) {
          if (Number(m[1]) === index || seen.has(m[0])) continue;
          seen.add(m[0]);
          const t = sentAt.get(m[0]);
          if (t !== undefined) latencies.push(now - t);
        }
      }
    });
  });
  await Promise.all(all.map((c) => c.synced));

  const started = performance.now();
  const serverCpuBefore = cpuSeconds(server.pid);
  const clientCpuBefore = process.cpuUsage();
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  await Promise.all(
    all.map(async (c, index) => {
      await sleep((index * intervalMs) / clients); // spread the clients over one interval
      for (let e = 0; e < edits; e++) {
        const token = `⟦c${index}e${e}⟧`;
        // A random place between two tokens (never inside one, which would split it).
        const text = c.text.toString();
        const gaps = [0];
        for (let i = text.indexOf('⟧'); i !== -1; i = text.indexOf('⟧', i + 1)) gaps.push(i + 1);
        const at = gaps[Math.floor(random() * gaps.length)];
        sentAt.set(token, performance.now());
        c.text.insert(at, token);
        await sleep(intervalMs);
      }
    }),
  );
  const expected = clients * edits;
  const count = (c) => (c.text.toString().match(TOKEN) ?? []).length;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !all.every((c) => count(c) === expected)) await sleep(100);
  const wallSeconds = Number(((performance.now() - started) / 1000).toFixed(1));
  const texts = all.map((c) => c.text.toString());
  const converged = texts.every((t) => t === texts[0]);
  const tokens = new Set(texts[0].match(TOKEN) ?? []);
  const lostInClients = expected - tokens.size;
  const rssAfter = rss(server.pid);
  const serverCpu = Number((cpuSeconds(server.pid) - serverCpuBefore).toFixed(1));
  const clientUsage = process.cpuUsage(clientCpuBefore);
  const clientCpu = Number(((clientUsage.user + clientUsage.system) / 1e6).toFixed(1));

  for (const c of all) c.provider.destroy();
  // The last writer leaving writes the revision; wait for it.
  let revisionText = '';
  for (let i = 0; i < 100; i++) {
    const row = db.select().from(ideaSectionRevisions).where(eq(ideaSectionRevisions.sectionId, section.id)).all().at(-1);
    revisionText = row?.text ?? '';
    if ((revisionText.match(TOKEN) ?? []).length >= tokens.size && tokens.size > 0) break;
    await sleep(100);
  }
  const stored = new Set(revisionText.match(TOKEN) ?? []);
  const lostInRevision = [...sentAt.keys()].filter((t) => !stored.has(t)).length;

  const result = {
    clients,
    editsPerClient: edits,
    intervalMs,
    edits: expected,
    wallSeconds,
    converged,
    lostInClients,
    lostInRevision,
    arrivals: latencies.length,
    expectedArrivals: expected * (clients - 1),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: percentile(latencies, 100),
    serverRssMb: { before: rssBefore, after: rssAfter.rssMb, peak: rssAfter.peakMb },
    // Where the time went: the server process and the benchmark process running all the clients.
    cpuSeconds: { server: serverCpu, clients: clientCpu },
  };
  result.pass = converged && lostInClients === 0 && lostInRevision === 0 && result.arrivals === result.expectedArrivals;
  for (const c of all) c.doc.destroy();
  return result;
}
