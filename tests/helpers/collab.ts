// Live co-writing from Node: a raw upgrade probe and a Yjs client speaking the same protocol as the
// editor island (y-websocket's provider over `ws`, with the session cookie and Origin a browser sends).
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import type { Db } from '#lib/db.ts';
import { createSession, generateSessionToken, SESSION_COOKIE } from '#lib/auth/session.ts';

export const COLLAB_PATH = '/samskrivning';
export const TEXT_NAME = 'markdown';

/** The HTTP status an upgrade request gets (101 when the socket is opened, then closed at once). */
export function upgradeStatus(baseUrl: string, path: string, headers: Record<string, string>): Promise<number> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(url, {
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

export function sessionFor(db: Db, userId: number): string {
  const token = generateSessionToken();
  createSession(db, token, userId);
  return token;
}

export interface LiveClient {
  doc: Y.Doc;
  text: Y.Text;
  provider: WebsocketProvider;
  closes: Array<{ code: number; reason: string }>;
  synced: Promise<void>;
  destroy(): void;
}

/** A Yjs client connected as the session's user to one section (`ideaId/sectionKey`). */
export function liveClient(baseUrl: string, room: string, token: string | null, options: { origin?: string; connect?: boolean } = {}): LiveClient {
  const origin = options.origin ?? baseUrl;
  const headers: Record<string, string> = { origin };
  if (token) headers.cookie = `${SESSION_COOKIE}=${token}`;
  class CookieSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  const doc = new Y.Doc();
  const wsUrl = baseUrl.replace(/^http/, 'ws') + COLLAB_PATH;
  const provider = new WebsocketProvider(wsUrl, room, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    connect: options.connect ?? true,
    maxBackoffTime: 500,
    disableBc: true,
  });
  const closes: LiveClient['closes'] = [];
  provider.on('connection-close', (event: { code: number; reason: string } | null) => {
    if (event) closes.push({ code: event.code, reason: String(event.reason) });
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (s: boolean) => s && resolve());
  });
  return {
    doc,
    text: doc.getText(TEXT_NAME),
    provider,
    closes,
    synced,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function waitFor(check: () => boolean, timeoutMs = 5000, label = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${label}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export interface ChannelClient {
  ws: WebSocket;
  /** Every JSON message the server pushed, in order. */
  messages: Array<Record<string, unknown>>;
  closes: Array<{ code: number; reason: string }>;
  opened: Promise<void>;
  /** The latest presence list pushed: `name@section` (`name@` on the idea page), sorted. */
  presence(): string[] | undefined;
  close(): void;
}

/** The idea channel (`/samskrivning/<ideaId>[?avsnitt=key]`) as a browser page opens it. */
export function channelClient(baseUrl: string, path: string, token: string | null, origin = baseUrl): ChannelClient {
  const headers: Record<string, string> = { origin };
  if (token) headers.cookie = `${SESSION_COOKIE}=${token}`;
  const ws = new WebSocket(baseUrl.replace(/^http/, 'ws') + path, { headers });
  const messages: ChannelClient['messages'] = [];
  const closes: ChannelClient['closes'] = [];
  ws.on('message', (data, isBinary) => {
    if (!isBinary) messages.push(JSON.parse(String(data)) as Record<string, unknown>);
  });
  ws.on('close', (code, reason) => closes.push({ code, reason: String(reason) }));
  ws.on('error', () => undefined);
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
  return {
    ws,
    messages,
    closes,
    opened,
    presence() {
      const last = messages.filter((m) => m.type === 'presence').at(-1) as { present: Array<{ name: string; sectionKey: string | null }> } | undefined;
      return last?.present.map((p) => `${p.name}@${p.sectionKey ?? ''}`).sort();
    },
    close: () => ws.close(),
  };
}
