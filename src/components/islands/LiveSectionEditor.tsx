// Solid island on the section page: live co-writing of one section (see live-editor.ts). Server-side
// it renders nothing visible, so without JavaScript the page is exactly the form it always was.
import { createSignal, For, Show, onCleanup, onMount } from 'solid-js';
import type { LinkStatus, LiveMode } from './live-editor.ts';
import { PALETTE, type LiveUser } from './palette.ts';

interface Props {
  ideaId: number;
  sectionKey: string;
  sectionTitle: string;
  userId: number;
  userName: string;
  /** CSS selector of the server-rendered form the editor replaces once it is live. */
  formSelector: string;
}

const STATUS_TEXT: Record<LinkStatus, string> = {
  connected: 'Ansluten. Allt ni skriver sparas automatiskt och syns direkt för de andra.',
  connecting: 'Ansluter … Det du skriver sparas i webbläsaren och skickas när anslutningen är tillbaka.',
  disconnected: 'Frånkopplad. Det du skriver sparas i webbläsaren och skickas när anslutningen är tillbaka.',
};

export default function LiveSectionEditor(props: Props) {
  const [mode, setMode] = createSignal<LiveMode>('starting');
  const [status, setStatus] = createSignal<LinkStatus>('connecting');
  const [people, setPeople] = createSignal<LiveUser[]>([]);
  const label = `Text för ${props.sectionTitle} (Markdown), samskrivning`;
  let host!: HTMLDivElement;
  let stop: (() => void) | undefined;

  onMount(() => {
    void import('./live-editor.ts').then(({ startLiveEditor }) => {
      stop = startLiveEditor({ ...props, label, host, onMode: setMode, onStatus: setStatus, onPeople: setPeople }).destroy;
    });
  });
  onCleanup(() => stop?.());

  return (
    <div class="live-editor" data-mode={mode()}>
      <div hidden={mode() !== 'live' && mode() !== 'forbidden'}>
        <p class="live-label" aria-hidden="true">
          {label}
        </p>
        <div class="live-editor-host" ref={host} />
        <p class="meta" role="status" data-live-status={mode() === 'forbidden' ? 'forbidden' : status()}>
          {mode() === 'forbidden' ? 'Du har inte längre behörighet att skriva i avsnittet. Ladda om sidan.' : STATUS_TEXT[status()]}
        </p>
        <Show when={people().length > 0}>
          <p class="live-people-title">Skriver i avsnittet nu:</p>
          <ul class="live-people">
            <For each={people()}>
              {(p) => (
                <li>
                  <span class={`live-swatch cm-remote-c${Math.abs(Number(p.colorIndex) || 0) % PALETTE.length}`} aria-hidden="true" />
                  {p.name}
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
      <Show when={mode() === 'form'}>
        <p class="meta" role="status">Samskrivningen är inte tillgänglig just nu. Skriv och spara i formuläret som vanligt.</p>
      </Show>
    </div>
  );
}
