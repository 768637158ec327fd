// Browser side of live co-writing, loaded by LiveSectionEditor after hydration: a Yjs document kept in
// IndexedDB (edits survive a closed tab or a lost connection), synced over /samskrivning with the
// server, edited in CodeMirror 6. Until the document is synced the server-rendered form stays; if the
// socket cannot connect, or the writer already typed in the form, the form simply remains.
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { EditorView } from '@codemirror/view';
import type { LiveUser } from './palette.ts';

export type LiveMode = 'starting' | 'live' | 'form' | 'forbidden';
export type LinkStatus = 'connecting' | 'connected' | 'disconnected';

export interface LiveOptions {
  ideaId: number;
  sectionKey: string;
  userId: number;
  userName: string;
  /** The editor's accessible name (the visible label above it says the same). */
  label: string;
  formSelector: string;
  host: HTMLElement;
  onMode(mode: LiveMode): void;
  onStatus(status: LinkStatus): void;
  onPeople(people: LiveUser[]): void;
}

/** Same path and text name as the server (src/lib/collab). */
const PATH = '/samskrivning';
const TEXT_NAME = 'markdown';
const CONNECT_TIMEOUT_MS = 8000;
const CLOSE_FORBIDDEN = 4403;


export function startLiveEditor(o: LiveOptions): { destroy(): void } {
  const form = document.querySelector<HTMLFormElement>(o.formSelector);
  const textarea = form?.querySelector<HTMLTextAreaElement>('textarea[name="text"]') ?? null;
  const initialFormText = textarea?.value ?? '';
  const room = `${o.ideaId}/${o.sectionKey}`;
  const doc = new Y.Doc();
  const ytext = doc.getText(TEXT_NAME);
  const local = new IndexeddbPersistence(`skbn-samskrivning:${room}`, doc);
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${PATH}`;
  const provider = new WebsocketProvider(url, room, doc, { connect: false, maxBackoffTime: 4000 });
  const awareness = provider.awareness;
  awareness.setLocalStateField('user', { name: o.userName, colorIndex: o.userId } satisfies LiveUser);
  let mode: LiveMode = 'starting';
  let view: EditorView | null = null;
  let timeout = 0;

  const setMode = (m: LiveMode) => {
    mode = m;
    o.onMode(m);
  };
  const fallBack = () => {
    if (mode !== 'starting') return;
    provider.disconnect();
    setMode('form');
  };
  const goLive = async () => {
    if (mode !== 'starting') return;
    // Someone who already started typing in the form keeps it (nothing they typed is moved or lost).
    if (!form || !textarea || textarea.value !== initialFormText) return fallBack();
    window.clearTimeout(timeout);
    // CodeMirror is loaded only now: a page that keeps its form never downloads it.
    const { createEditor } = await import('./codemirror-editor.ts');
    if (mode !== 'starting' || textarea.value !== initialFormText) return fallBack();
    view = createEditor(o.host, ytext, awareness, o.label);
    form.hidden = true;
    setMode('live');
  };

  provider.on('sync', (synced: boolean) => {
    if (synced) void goLive();
  });
  provider.on('status', ({ status }: { status: LinkStatus }) => o.onStatus(status));
  provider.on('connection-close', (event: CloseEvent | null) => {
    if (event?.code === CLOSE_FORBIDDEN) {
      provider.disconnect();
      if (view) view.contentDOM.contentEditable = 'false';
      setMode('forbidden');
      return;
    }
    if (mode === 'starting') fallBack();
  });
  provider.on('connection-error', () => {
    if (mode === 'starting') fallBack();
  });
  timeout = window.setTimeout(fallBack, CONNECT_TIMEOUT_MS);

  // A browser that knows it is offline stops trying; edits go to IndexedDB and are sent when back.
  const offline = () => {
    if (mode === 'live') provider.disconnect();
  };
  const online = () => {
    if (mode === 'live') provider.connect();
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);

  const people = () => {
    const list: LiveUser[] = [];
    awareness.getStates().forEach((state, id) => {
      if (id !== doc.clientID && state.user) list.push(state.user as LiveUser);
    });
    o.onPeople(list);
  };
  awareness.on('change', people);

  // Unsent edits from an earlier visit are loaded before the socket opens, then synced with it.
  void local.whenSynced.then(() => {
    if (mode === 'starting' && navigator.onLine !== false) provider.connect();
    else if (mode === 'starting') fallBack();
  });

  return {
    destroy() {
      window.clearTimeout(timeout);
      window.removeEventListener('offline', offline);
      window.removeEventListener('online', online);
      view?.destroy();
      provider.destroy();
      void local.destroy();
      doc.destroy();
    },
  };
}
