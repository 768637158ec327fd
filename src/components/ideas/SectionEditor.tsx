/** @jsxImportSource solid-js */
// The section editor. Server-rendered it is a plain form (textarea, "Förhandsgranska", "Spara") that
// works without JavaScript; hydrated it also keeps an unsaved draft in localStorage (surviving a
// reload or a dropped connection), warns before leaving with unsaved text and sends a presence
// heartbeat at least every 15 s.
import { createSignal, onCleanup, onMount, Show, For } from 'solid-js';

declare module 'solid-js' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface ExplicitProperties {
      value: string;
    }
  }
}

interface Choice {
  label: string;
  text: string;
}

interface Props {
  action: string;
  ideaId: number;
  sectionKey: string;
  sectionTitle: string;
  baseRevisionId: number;
  /** What the textarea starts with (saved text, or the writer's own text after a conflict/error). */
  initialText: string;
  /** The saved text of the latest revision (a draft equal to it is not "unsaved"). */
  savedText: string;
  /** True right after a successful save: drafts that were submitted are cleared. */
  savedNow: boolean;
  /** True when the textarea holds text that is not saved (conflict view, validation error, preview). */
  unsaved: boolean;
  resolving: boolean;
  presenceUrl: string;
  heartbeatMs: number;
  hintId: string;
  error?: string;
  /** Alternatives the writer can load into the textarea in the conflict view. */
  choices?: Choice[];
}

interface Draft {
  text: string;
  base: number;
  savedAt: number;
  submitted?: boolean;
}

export default function SectionEditor(props: Props) {
  const key = `skbn-utkast:${props.ideaId}:${props.sectionKey}`;
  const [text, setText] = createSignal(props.initialText);
  const [base, setBase] = createSignal(props.baseRevisionId);
  const [dirty, setDirty] = createSignal(props.unsaved);
  const [restored, setRestored] = createSignal<string | null>(null);
  let submitting = false;
  let textarea: HTMLTextAreaElement | undefined;

  const readDraft = (): Draft | null => {
    try {
      const raw = localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as Draft) : null;
    } catch {
      return null;
    }
  };
  const writeDraft = (d: Draft) => {
    try {
      localStorage.setItem(key, JSON.stringify(d));
    } catch {
      /* storage full or disabled: the beforeunload warning still protects the text */
    }
  };

  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (dirty() && !submitting) {
      e.preventDefault();
    }
  };

  onMount(() => {
    const draft = readDraft();
    if (draft) {
      if (props.savedNow && draft.submitted) localStorage.removeItem(key);
      else if (draft.text === props.savedText && !props.unsaved) localStorage.removeItem(key);
      else if (draft.text !== text()) {
        setText(draft.text);
        if (!props.resolving) setBase(draft.base);
        setDirty(true);
        setRestored(new Date(draft.savedAt).toLocaleString('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'long', timeStyle: 'short' }));
      }
    }
    if (props.unsaved) writeDraft({ text: text(), base: base(), savedAt: Date.now() });
    window.addEventListener('beforeunload', onBeforeUnload);

    const beat = () => {
      const body = new URLSearchParams({ section: props.sectionKey });
      fetch(props.presenceUrl, { method: 'POST', body, credentials: 'same-origin' }).catch(() => {});
    };
    beat();
    const timer = window.setInterval(beat, props.heartbeatMs);
    onCleanup(() => {
      window.clearInterval(timer);
      window.removeEventListener('beforeunload', onBeforeUnload);
    });
  });

  const onInput = (value: string) => {
    setText(value);
    setDirty(value !== props.savedText || props.unsaved);
    writeDraft({ text: value, base: base(), savedAt: Date.now() });
  };

  const onSubmit = () => {
    submitting = true;
    const d = readDraft();
    if (d) writeDraft({ ...d, text: text(), submitted: true });
    else writeDraft({ text: text(), base: base(), savedAt: Date.now(), submitted: true });
  };

  const discardDraft = () => {
    localStorage.removeItem(key);
    setText(props.initialText);
    setBase(props.baseRevisionId);
    setDirty(props.unsaved);
    setRestored(null);
    textarea?.focus();
  };

  const errorId = `fel-text-${props.sectionKey}`;
  return (
    <form method="post" action={props.action} class="section-editor" onSubmit={onSubmit}>
      <input type="hidden" name="ideaId" value={props.ideaId} />
      <input type="hidden" name="sectionKey" value={props.sectionKey} />
      <input type="hidden" name="baseRevisionId" value={base()} />
      <Show when={props.resolving}>
        <input type="hidden" name="resolving" value="ja" />
      </Show>
      <Show when={restored()}>
        <div class="notice warn" role="status">
          <p>Osparad text från {restored()} har återställts från den här webbläsaren. Spara den, eller släng utkastet.</p>
          <button type="button" class="secondary" onClick={discardDraft}>
            Släng utkastet
          </button>
        </div>
      </Show>
      <Show when={props.choices && props.choices.length > 0}>
        <div class="editor-choices" role="group" aria-label="Fyll textrutan med">
          <For each={props.choices}>
            {(c) => (
              <button type="button" class="secondary" onClick={() => onInput(c.text)}>
                {c.label}
              </button>
            )}
          </For>
        </div>
      </Show>
      <div class="field editor-field">
        <label for={`falt-text-${props.sectionKey}`}>Text för {props.sectionTitle} (Markdown)</label>
        <textarea
          ref={textarea}
          id={`falt-text-${props.sectionKey}`}
          name="text"
          rows={18}
          aria-describedby={[props.hintId, props.error ? errorId : ''].filter(Boolean).join(' ')}
          aria-invalid={props.error ? 'true' : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
          prop:value={text()}
        >
          {text()}
        </textarea>
        <Show when={props.error}>
          <p class="error" id={errorId}>
            {props.error}
          </p>
        </Show>
      </div>
      <p class="meta" aria-live="polite">
        {dirty() ? 'Du har osparade ändringar. De finns kvar i den här webbläsaren tills du sparar.' : 'Inga osparade ändringar.'}
      </p>
      <button type="submit" name="intent" value="spara">
        {props.resolving ? 'Spara den lösta texten' : 'Spara avsnittet'}
      </button>{' '}
      <button type="submit" name="intent" value="forhandsgranska" class="secondary">
        Förhandsgranska
      </button>
    </form>
  );
}
