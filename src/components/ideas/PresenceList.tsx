/** @jsxImportSource solid-js */
// Shows who has the idea open right now; refreshes (and reports the viewer) every heartbeat.
import { createSignal, For, onCleanup, onMount, Show } from 'solid-js';

interface Entry {
  userId: number;
  name: string;
  sectionKey: string | null;
}

interface Props {
  url: string;
  initial: Entry[];
  titles: Record<string, string>;
  selfId: number;
  /** Section the viewer edits, or null when reading the idea. */
  sectionKey: string | null;
  heartbeatMs: number;
  /** The editor island already reports presence for this page. */
  report: boolean;
}

export default function PresenceList(props: Props) {
  const [entries, setEntries] = createSignal<Entry[]>(props.initial);
  onMount(() => {
    const refresh = async () => {
      try {
        const res = props.report
          ? await fetch(props.url, { method: 'POST', body: new URLSearchParams({ section: props.sectionKey ?? '' }), credentials: 'same-origin' })
          : await fetch(props.url, { credentials: 'same-origin' });
        if (res.ok) setEntries(((await res.json()) as { present: Entry[] }).present);
      } catch {
        /* offline: keep the last list */
      }
    };
    const timer = window.setInterval(refresh, props.heartbeatMs);
    onCleanup(() => window.clearInterval(timer));
  });
  const others = () => entries().filter((e) => e.userId !== props.selfId);
  return (
    <div class="presence" aria-live="polite">
      <Show when={others().length > 0} fallback={<p class="meta">Ingen annan har idén öppen just nu.</p>}>
        <p>
          <strong>Här just nu:</strong>
        </p>
        <ul>
          <For each={others()}>
            {(e) => <li>{e.name} – {e.sectionKey && props.titles[e.sectionKey] ? `redigerar ${props.titles[e.sectionKey]}` : 'läser idén'}</li>}
          </For>
        </ul>
      </Show>
    </div>
  );
}
