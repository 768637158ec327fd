// Co-writing burst: W writers × S saves to one idea section over HTTP. Each writer saves sequentially,
// always based on the latest revision it has seen; most writers own a line, some pairs share one, so
// both merges and conflicts happen. On a conflict the writer re-bases on the latest text and saves
// again, as a person resolving the conflict would. At the end every acknowledged edit must be in the text.
import { and, eq } from 'drizzle-orm';
import { createGroup } from '#lib/clusters/groups.ts';
import { createIdea } from '#lib/ideas/ideas.ts';
import { getSection, saveSection } from '#lib/ideas/revisions.ts';
import { clusterMemberships, ideaSectionRevisions, ideaSections } from '#db/schema/index.ts';
import { createUsers, loginAll } from './fixtures.mjs';
import { percentile } from './stats.mjs';

const SECTION_KEY = 'metod-och-aktiviteter';
const LINES = 40;
// A writer whose partner on the same line keeps saving can lose several rounds in a row (the 409 view
// renders slower than the 303 a merge gets); the partner only has `saves` saves, so this bound is ample.
const MAX_ATTEMPTS_PER_SAVE = 120;
const REQUEST_TIMEOUT_MS = 30_000;

const linePrefix = (n) => `Rad ${String(n).padStart(2, '0')}:`;

/** Lines are found by their prefix, so nobody depends on line numbers staying put. */
function appendToLine(text, line, token) {
  const prefix = linePrefix(line);
  let found = false;
  const out = text.split('\n').map((l) => {
    if (!l.startsWith(prefix)) return l;
    found = true;
    return `${l} ${token}`;
  });
  if (!found) throw new Error(`Line "${prefix}" is missing from the section text`);
  return out.join('\n');
}

const unescapeHtml = (s) => s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export async function benchCowritingBurst(server, db, { writers = 20, saves = 50, sharedPairs = 4 } = {}) {
  const people = createUsers(db, writers, { prefix: 'skribent' });
  const group = createGroup(db, {
    name: 'Skrivgruppen för prestandamätning',
    problemArea: 'Samskrivning under last',
    description: 'Gruppen används bara för att mäta samtidiga sparningar i ett avsnitt.',
    joinMode: 'closed',
    leadEmails: [people[0].email],
    createdById: people[0].id,
  });
  for (const p of people.slice(1)) db.insert(clusterMemberships).values({ groupId: group.id, userId: p.id, role: 'member', status: 'active', joinedAt: new Date() }).run();
  const idea = createIdea(db, { groupId: group.id, title: 'Samskrivningsidé', targetCall: '', createdById: people[0].id });
  const section = getSection(db, idea.id, SECTION_KEY);
  // Writers edit even lines only, so every two edited lines have an untouched line between them.
  const baseText = Array.from({ length: LINES }, (_, n) => `${linePrefix(n)} ursprunglig text om metoden.`).join('\n');
  const base = saveSection(db, { sectionId: section.id, authorId: people[0].id, baseRevisionId: 0, text: baseText });
  const cookies = loginAll(
    db,
    people.map((p) => p.id),
  );
  // Writers 0…(W-P-1) own a line each; the last P writers share the lines of writers 0…P-1.
  const solo = writers - sharedPairs;
  const lineOf = (i) => (i < solo ? i * 2 : (i - solo) * 2);
  if (lineOf(solo - 1) >= LINES) throw new Error('Too many writers for the section lines');

  const url = `${server.url}/klustergrupper/${group.slug}/ideer/${idea.id}/avsnitt/${SECTION_KEY}?_action=clusters.saveSection`;
  const revisionText = (id) =>
    db
      .select({ text: ideaSectionRevisions.text })
      .from(ideaSectionRevisions)
      .where(and(eq(ideaSectionRevisions.id, id), eq(ideaSectionRevisions.sectionId, section.id)))
      .get()?.text;

  const counts = { applied: 0, merged: 0, resolved: 0, conflicts: 0, unchanged: 0, errors: 0, abandoned: 0, viewMismatches: 0 };
  const acknowledged = [];
  const latencies = [];

  async function post(cookie, fields) {
    const t0 = performance.now();
    const res = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams(fields).toString(),
      headers: { cookie, origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const html = res.status === 303 ? '' : await res.text();
    if (res.status === 303) await res.arrayBuffer();
    latencies.push(performance.now() - t0);
    return { status: res.status, location: res.headers.get('location'), html };
  }

  async function writer(i) {
    const cookie = cookies[i];
    const line = lineOf(i);
    let known = { rev: base.revisionId, text: baseText };
    for (let s = 0; s < saves; s++) {
      const token = `[s${String(i).padStart(2, '0')}-${String(s).padStart(2, '0')}]`;
      let resolving = false;
      let done = false;
      for (let attempt = 0; attempt < MAX_ATTEMPTS_PER_SAVE && !done; attempt++) {
        const text = appendToLine(known.text, line, token);
        const fields = { ideaId: String(idea.id), sectionKey: SECTION_KEY, baseRevisionId: String(known.rev), text, intent: 'spara' };
        if (resolving) fields.resolving = 'ja';
        let res;
        try {
          res = await post(cookie, fields);
        } catch {
          counts.errors++;
          done = true;
          break;
        }
        if (res.status === 303) {
          const params = new URL(res.location, server.url).searchParams;
          const klart = params.get('klart');
          const rev = Number(params.get('rev'));
          if (klart === 'sparad') {
            // Applied on the latest revision: the new revision is exactly the text sent.
            counts[resolving ? 'resolved' : 'applied']++;
            known = { rev, text };
          } else if (klart === 'sammanslagen') {
            // Merged: the page the redirect leads to shows the merged revision; read its text.
            counts.merged++;
            known = { rev, text: revisionText(rev) };
          } else {
            counts.unchanged++;
            done = true;
            break;
          }
          acknowledged.push(token);
          done = true;
        } else if (res.status === 409) {
          // The conflict view carries the latest revision to resolve against.
          counts.conflicts++;
          // The conflict form names the revision it was refused against (latestRevisionId; baseRevisionId is the
          // writer's own base) and holds that revision's text in the element #version-senaste.
          const latestRev = Number(res.html.match(/name="latestRevisionId" value="(\d+)"/)?.[1]);
          const latestText = res.html.match(/<(pre|div)[^>]*id="version-senaste"[^>]*>([\s\S]*?)<\/\1>/)?.[2];
          if (!latestRev || latestText === undefined) {
            counts.errors++;
            done = true;
            break;
          }
          known = { rev: latestRev, text: unescapeHtml(latestText) };
          // The writer works from what the page showed; it must be exactly the stored revision.
          if (known.text !== revisionText(latestRev)) counts.viewMismatches++;
          resolving = true;
        } else {
          counts.errors++;
          done = true;
        }
      }
      if (!done) counts.abandoned++;
    }
  }

  const started = performance.now();
  await Promise.all(people.map((_, i) => writer(i)));
  const wallSeconds = (performance.now() - started) / 1000;

  const current = db.select({ rev: ideaSections.currentRevisionId }).from(ideaSections).where(eq(ideaSections.id, section.id)).get();
  const finalText = revisionText(current.rev);
  const lost = acknowledged.filter((t) => !finalText.includes(t));
  const tokensInText = (finalText.match(/\[s\d\d-\d\d\]/g) ?? []).length;
  return {
    writers,
    savesPerWriter: saves,
    sharedLines: sharedPairs,
    requests: latencies.length,
    ...counts,
    acknowledged: acknowledged.length,
    lost: lost.length,
    tokensInFinalText: tokensInText,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    wallSeconds: Number(wallSeconds.toFixed(2)),
    pass: lost.length === 0 && counts.errors === 0 && counts.abandoned === 0 && counts.viewMismatches === 0 && acknowledged.length === writers * saves,
  };
}
