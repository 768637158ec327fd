// Browser side of the idea channel (src/lib/collab/idea-channel.ts): one WebSocket per page on
// /samskrivning/<ideaId>[?avsnitt=<key>], shared by the presence list and the comment threads. The server
// only pushes; a lost connection is retried with a growing pause, and subscribers are told whether
// the channel is open so they can poll the närvaro endpoint meanwhile.
export interface PresenceEntry {
  userId: number;
  name: string;
  sectionKey: string | null;
}

export type ChannelMessage =
  | { type: 'presence'; present: PresenceEntry[] }
  | { type: 'comment'; sectionKey: string; threadId: number; commentId: number }
  | { type: 'thread'; sectionKey: string; threadId: number; resolved: boolean; by: string };

/** connecting: not open yet; open; closed: failed or lost (a retry may follow). */
export type ChannelState = 'connecting' | 'open' | 'closed';

interface Channel {
  state: ChannelState;
  handlers: Set<(message: ChannelMessage) => void>;
  states: Set<(state: ChannelState) => void>;
}

/** Close code of a refused or revoked membership: no retry. */
const CLOSE_FORBIDDEN = 4403;
const MAX_RETRY_MS = 15_000;
const channels = new Map<string, Channel>();

function setState(ch: Channel, state: ChannelState): void {
  ch.state = state;
  for (const listener of ch.states) listener(state);
}

function connect(path: string, ch: Channel, attempt: number): void {
  let ws: WebSocket;
  try {
    ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`);
  } catch {
    setState(ch, 'closed');
    return;
  }
  ws.onopen = () => {
    attempt = 0;
    setState(ch, 'open');
  };
  ws.onmessage = (event) => {
    if (typeof event.data !== 'string') return;
    let message: ChannelMessage;
    try {
      message = JSON.parse(event.data) as ChannelMessage;
    } catch {
      return;
    }
    for (const handler of ch.handlers) handler(message);
  };
  ws.onclose = (event) => {
    setState(ch, 'closed');
    if (event.code === CLOSE_FORBIDDEN) return;
    window.setTimeout(() => connect(path, ch, attempt + 1), Math.min(MAX_RETRY_MS, 1000 * 2 ** attempt));
  };
}

/** Listens to the idea's channel (opened once per page); `onState` hears the current state at once. */
export function joinIdeaChannel(ideaId: number, sectionKey: string | null, onMessage: (message: ChannelMessage) => void, onState: (state: ChannelState) => void): void {
  const path = `/samskrivning/${ideaId}${sectionKey ? `?avsnitt=${encodeURIComponent(sectionKey)}` : ''}`;
  let ch = channels.get(path);
  const isNew = !ch;
  if (!ch) channels.set(path, (ch = { state: 'connecting', handlers: new Set(), states: new Set() }));
  ch.handlers.add(onMessage);
  ch.states.add(onState);
  onState(ch.state);
  if (isNew) {
    if (typeof WebSocket === 'undefined') setState(ch, 'closed');
    else connect(path, ch, 0);
  }
}
