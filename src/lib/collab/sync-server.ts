// The WebSocket side of live co-writing, attached to the portal's own http.Server (scripts/serve.mjs):
// `GET /samskrivning/<ideaId>/<sectionKey>` upgrades when the session cookie belongs to a member who
// may edit that idea (idea:edit, decided by the idea's group — the name grants nothing) and the
// Origin is the portal's. Messages speak the y-websocket protocol (sync + awareness).
// `GET /samskrivning/<ideaId>` (no section) is the idea channel (idea-channel.ts): members of the idea's
// group (idea:comment) hear who is in the idea and new comments, pushed by the server.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { Db } from '#lib/db.ts';
import { SESSION_COOKIE, sessionIdFromToken, validateSessionToken } from '#lib/auth/session.ts';
import { ideaAccessById } from '#lib/clusters/access.ts';
import { getSection } from '#lib/ideas/revisions.ts';
import { sectionByKey } from '#lib/ideas/template.ts';
import { HEARTBEAT_MS, updatePlaces } from '#lib/ideas/presence.ts';
import { LiveSection, MESSAGE_AWARENESS, MESSAGE_SYNC, type Peer } from './live-section.ts';
import { COLLAB_PATH, collabSettings } from './settings.ts';
import { configuredSiteUrl } from '#lib/config.ts';
import { mayStill } from './recheck.ts';
import { IdeaChannels, placesOf, type Listener } from './idea-channel.ts';

/** Close codes the editor island understands (4000–4999 are free for applications). */
export const CLOSE_FORBIDDEN = 4403;
export const CLOSE_RATE_LIMITED = 4429;
export const CLOSE_BAD_MESSAGE = 1007;
export const CLOSE_GOING_AWAY = 1001;

interface Connection extends Peer {
  ws: WebSocket;
  sessionId: string;
  ideaId: number;
  groupId: number;
  sectionKey: string;
  live: LiveSection;
  tokens: number;
  refilledAt: number;
  checkedAt: number;
}

function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** The browser must be on the portal itself: Origin's host equals Host (or SITE_URL's, behind a proxy). */
export function originAllowed(req: IncomingMessage, siteUrl = configuredSiteUrl()): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  if (siteUrl) {
    try {
      if (new URL(siteUrl).host === host) return true;
    } catch {
      /* ignore a malformed SITE_URL here; config validation reports it */
    }
  }
  return host === req.headers.host;
}

/** A fault in one live document is logged, never allowed to stop the portal's process. */
function safely(fn: () => void): void {
  try {
    fn();
  } catch (error) {
    console.error('live co-writing:', error);
  }
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 0\r\n\r\n`);
}

export interface CollabServer {
  /** Handles an upgrade request on the collab path; returns false for other paths. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Flushes live text into a revision before a save or restore made outside the live document. */
  beforeRevisionChange(sectionId: number): void;
  /** Merges the section's latest revision into its live document, if anyone is writing in it. */
  afterRevisionChange(sectionId: number): void;
  /** Re-checks everyone connected to the group's ideas now (after a membership change). */
  membershipChanged(groupId: number): void;
  /** Pushes the idea's presence list to its channel if it changed (after a heartbeat from a page without a socket). */
  presenceChanged(ideaId: number): void;
  /** Tells everyone with the section open that a comment was posted (they fetch the thread themselves). */
  commentPosted(ideaId: number, sectionKey: string, threadId: number, commentId: number): void;
  /** Tells everyone with the section open that a thread was resolved or opened again (they fetch it themselves). */
  threadResolved(ideaId: number, sectionKey: string, threadId: number, resolved: boolean, by: string): void;
  /** Writes every live document's revision and closes all connections. */
  shutdown(): void;
  /** Number of open connections (for the benchmark and tests). */
  connections(): number;
  /** Number of open idea channels (for tests). */
  listeners(): number;
}

export function createCollabServer(getDb: () => Db): CollabServer {
  // Made on the first upgrade: the settings come from the runtime configuration, which a build never reads.
  let wss: WebSocketServer | undefined;
  const sections = new Map<number, LiveSection>();
  const connections = new Set<Connection>();
  const channels = new IdeaChannels(getDb);
  /** When each member's presence row was last refreshed by a live connection (`ideaId:userId` → ms). */
  const beatAt = new Map<string, number>();

  const stillAllowed = (c: Connection): boolean => mayStill(getDb(), c.sessionId, c.userId, c.ideaId, 'idea:edit');
  const stillListening = (l: Listener): boolean => mayStill(getDb(), l.sessionId, l.userId, l.ideaId, 'idea:comment');

  /**
   * Brings the member's presence rows in line with their open connections (one place each; `left`: the place
   * of a connection that just closed) and tells the idea.
   */
  const updatePresence = (ideaId: number, userId: number, left: Array<string | null> = [], now = Date.now()) => {
    const places = placesOf([...connections, ...channels.all()], ideaId, userId);
    const key = `${ideaId}:${userId}`;
    updatePlaces(getDb(), ideaId, userId, places, left, new Date(now));
    if (places.size === 0) beatAt.delete(key);
    else beatAt.set(key, now);
    channels.publishPresence(ideaId);
  };

  const dropListener = (l: Listener, code: number, reason: string) => {
    if (l.ws.readyState === WebSocket.OPEN || l.ws.readyState === WebSocket.CONNECTING) l.ws.close(code, reason);
    leaveChannel(l);
  };

  const leaveChannel = (l: Listener) => {
    if (channels.remove(l)) updatePresence(l.ideaId, l.userId, [l.sectionKey]);
  };

  const drop = (c: Connection, code: number, reason: string) => {
    if (c.ws.readyState === WebSocket.OPEN || c.ws.readyState === WebSocket.CONNECTING) c.ws.close(code, reason);
    leave(c);
  };

  const leave = (c: Connection) => {
    if (!connections.delete(c)) return;
    if (c.live.leave(c)) sections.delete(c.live.sectionId);
    updatePresence(c.ideaId, c.userId, [c.sectionKey]);
  };

  const takeToken = (c: Connection, now: number): boolean => {
    c.tokens = Math.min(collabSettings.rateBurst, c.tokens + ((now - c.refilledAt) / 1000) * collabSettings.ratePerSecond);
    c.refilledAt = now;
    if (c.tokens < 1) return false;
    c.tokens -= 1;
    return true;
  };

  const onMessage = (c: Connection, data: Uint8Array) => {
    const now = Date.now();
    if (!takeToken(c, now)) return drop(c, CLOSE_RATE_LIMITED, 'För många ändringar på kort tid');
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        // Every change is checked against the current membership before it is applied.
        if (!stillAllowed(c)) return drop(c, CLOSE_FORBIDDEN, 'Behörighet saknas');
        c.checkedAt = now;
        const encoder = encoding.createEncoder();
        encoding.writeVarUint(encoder, MESSAGE_SYNC);
        syncProtocol.readSyncMessage(decoder, encoder, c.live.doc, c);
        if (encoding.length(encoder) > 1) c.send(encoding.toUint8Array(encoder));
        if (c.live.text.length > collabSettings.maxTextLength) drop(c, CLOSE_BAD_MESSAGE, 'Texten är för lång');
      } else if (type === MESSAGE_AWARENESS) {
        if (now - c.checkedAt > collabSettings.recheckMs) {
          if (!stillAllowed(c)) return drop(c, CLOSE_FORBIDDEN, 'Behörighet saknas');
          c.checkedAt = now;
        }
        awarenessProtocol.applyAwarenessUpdate(c.live.awareness, decoding.readVarUint8Array(decoder), c);
      } else {
        drop(c, CLOSE_BAD_MESSAGE, 'Okänt meddelande');
      }
    } catch {
      drop(c, CLOSE_BAD_MESSAGE, 'Felaktigt meddelande');
    }
  };

  // Removed members, ended sessions and finished ideas are noticed even from silent connections;
  // presence rows are refreshed so the idea page lists live writers too.
  // Runs only while someone is connected: the module is also loaded at build time (prerendering), where
  // no timer may open the database.
  let sweep: ReturnType<typeof setInterval> | undefined;
  const startSweep = () => {
    if (sweep) return;
    sweep = setInterval(() => safely(() => {
      if (connections.size === 0 && channels.count() === 0) {
        clearInterval(sweep);
        sweep = undefined;
        return;
      }
      const now = Date.now();
      for (const c of [...connections]) {
        if (!stillAllowed(c)) drop(c, CLOSE_FORBIDDEN, 'Behörighet saknas');
        else c.checkedAt = now;
      }
      for (const l of channels.all()) {
        if (!stillListening(l)) dropListener(l, CLOSE_FORBIDDEN, 'Behörighet saknas');
        else l.checkedAt = now;
      }
      // Presence rows of everyone connected stay fresh (well inside the presence window) …
      const people = new Set([...connections, ...channels.all()].map((x) => `${x.ideaId}:${x.userId}`));
      for (const key of people) {
        if (now - (beatAt.get(key) ?? 0) < HEARTBEAT_MS) continue;
        const [ideaId, userId] = key.split(':').map(Number) as [number, number];
        updatePresence(ideaId, userId, [], now);
      }
      // … and members seen only through a page without a socket drop out of the list when they stop.
      for (const ideaId of channels.ideas()) channels.publishPresence(ideaId);
    }), collabSettings.recheckMs);
    sweep.unref();
  };

  const openChannel = (req: IncomingMessage, socket: Duplex, head: Buffer, token: string, user: Parameters<typeof ideaAccessById>[1], ideaId: number, sectionKey: string | null) => {
    const access = ideaAccessById(getDb(), user, ideaId, 'idea:comment');
    if (!access.ok) return refuse(socket, access.status, access.status === 404 ? 'Not Found' : 'Forbidden');
    wss ??= new WebSocketServer({ noServer: true, maxPayload: collabSettings.maxMessageBytes });
    wss.handleUpgrade(req, socket, head, (ws) => {
      const l: Listener = { ws, sessionId: sessionIdFromToken(token), userId: user.id, ideaId, groupId: access.group.id, sectionKey, checkedAt: Date.now() };
      channels.add(l);
      startSweep();
      // The channel only pushes: anything a client sends is refused.
      ws.on('message', () => safely(() => dropListener(l, CLOSE_BAD_MESSAGE, 'Kanalen tar inte emot meddelanden')));
      ws.on('close', () => safely(() => leaveChannel(l)));
      ws.on('error', () => safely(() => leaveChannel(l)));
      safely(() => {
        updatePresence(ideaId, user.id);
        channels.publishPresence(ideaId, l);
      });
    });
  };

  const handleUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): boolean => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith(`${COLLAB_PATH}/`)) return false;
    const [ideaPart, sectionKey, ...rest] = url.pathname.slice(COLLAB_PATH.length + 1).split('/');
    if (!originAllowed(req)) return refuse(socket, 403, 'Forbidden'), true;
    const db = getDb();
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    const { user } = token ? validateSessionToken(db, token) : { user: null };
    if (!user || !token) return refuse(socket, 401, 'Unauthorized'), true;
    const ideaId = Number(ideaPart);
    if (!Number.isInteger(ideaId) || ideaId <= 0) return refuse(socket, 404, 'Not Found'), true;
    if (sectionKey === undefined) {
      const where = url.searchParams.get('avsnitt');
      if (where !== null && !sectionByKey(where)) return refuse(socket, 404, 'Not Found'), true;
      return openChannel(req, socket, head, token, user, ideaId, where), true;
    }
    if (rest.length > 0 || !sectionKey || !sectionByKey(sectionKey)) return refuse(socket, 404, 'Not Found'), true;
    const access = ideaAccessById(db, user, ideaId, 'idea:edit');
    if (!access.ok) return refuse(socket, access.status, access.status === 404 ? 'Not Found' : 'Forbidden'), true;
    const section = getSection(db, ideaId, sectionKey);
    if (!section) return refuse(socket, 404, 'Not Found'), true;

    wss ??= new WebSocketServer({ noServer: true, maxPayload: collabSettings.maxMessageBytes });
    wss.handleUpgrade(req, socket, head, (ws) => {
      let live = sections.get(section.id);
      if (!live) {
        try {
          sections.set(section.id, (live = new LiveSection(db, section.id, ideaId, access.group.id)));
        } catch (error) {
          console.error('live co-writing: could not open the section', error);
          ws.close(1011, 'Internt fel');
          return;
        }
      }
      const now = Date.now();
      const c: Connection = {
        ws,
        sessionId: sessionIdFromToken(token),
        userId: user.id,
        name: user.name,
        ideaId,
        groupId: access.group.id,
        sectionKey,
        live,
        awarenessIds: new Set(),
        tokens: collabSettings.rateBurst,
        refilledAt: now,
        checkedAt: now,
        send: (message) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(message);
        },
      };
      connections.add(c);
      startSweep();
      live.peers.add(c);
      ws.binaryType = 'nodebuffer';
      ws.on('message', (data: Buffer) => safely(() => onMessage(c, new Uint8Array(data.buffer, data.byteOffset, data.byteLength))));
      ws.on('close', () => safely(() => leave(c)));
      ws.on('error', () => safely(() => leave(c)));
      safely(() => updatePresence(ideaId, user.id, [], now));

      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.writeSyncStep1(encoder, live.doc);
      c.send(encoding.toUint8Array(encoder));
      const states = live.awareness.getStates();
      if (states.size > 0) {
        const aw = encoding.createEncoder();
        encoding.writeVarUint(aw, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(aw, awarenessProtocol.encodeAwarenessUpdate(live.awareness, [...states.keys()]));
        c.send(encoding.toUint8Array(aw));
      }
    });
    return true;
  };

  return {
    handleUpgrade,
    beforeRevisionChange(sectionId) {
      sections.get(sectionId)?.writeRevision();
    },
    afterRevisionChange(sectionId) {
      const live = sections.get(sectionId);
      if (!live) return;
      const row = getDb().$client.prepare('SELECT currentRevisionId AS id FROM idea_sections WHERE id = ?').get(sectionId) as { id: number | null } | undefined;
      live.mergeRevision(row?.id ?? 0);
    },
    membershipChanged(groupId) {
      for (const c of [...connections]) if (c.groupId === groupId && !stillAllowed(c)) drop(c, CLOSE_FORBIDDEN, 'Behörighet saknas');
      for (const l of channels.all()) if (l.groupId === groupId && !stillListening(l)) dropListener(l, CLOSE_FORBIDDEN, 'Behörighet saknas');
    },
    presenceChanged(ideaId) {
      safely(() => channels.publishPresence(ideaId));
    },
    commentPosted(ideaId, sectionKey, threadId, commentId) {
      safely(() => channels.commentPosted(ideaId, sectionKey, threadId, commentId));
    },
    threadResolved(ideaId, sectionKey, threadId, resolved, by) {
      safely(() => channels.threadResolved(ideaId, sectionKey, threadId, resolved, by));
    },
    shutdown() {
      clearInterval(sweep);
      for (const l of channels.all()) {
        channels.remove(l);
        l.ws.close(CLOSE_GOING_AWAY, 'Servern startar om');
      }
      for (const c of [...connections]) drop(c, CLOSE_GOING_AWAY, 'Servern startar om');
      for (const live of sections.values()) live.close();
      sections.clear();
    },
    connections: () => connections.size,
    listeners: () => channels.count(),
  };
}
