// The CodeMirror 6 editor of the live island, bound to the section's Y.Text (y-codemirror.next's sync
// and undo) with remote carets. Mounted in a shadow root: there CodeMirror's styles go into a
// constructed stylesheet; in the document they would be an inline <style>, which the hashed CSP blocks.
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, drawSelection, placeholder } from '@codemirror/view';
import { defaultKeymap, indentWithTab } from '@codemirror/commands';
import { ySync, ySyncFacet, YSyncConfig, yUndoManagerKeymap } from 'y-codemirror.next';
import { remoteCursors } from './remote-cursors.ts';

const editorTheme = EditorView.theme({
  '&': { border: '1px solid #6b6b6b', borderRadius: '4px', background: '#fff', color: '#1a1a1a', maxWidth: '100%' },
  '&.cm-focused': { outline: '3px solid #1f5fa8', outlineOffset: '2px' },
  '.cm-scroller': { minHeight: '16rem', fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: '1rem', lineHeight: '1.5' },
  '.cm-content': { padding: '0.5rem 0' },
  '.cm-placeholder': { color: '#595959' },
});

export function createEditor(host: HTMLElement, ytext: Y.Text, awareness: Awareness, label: string): EditorView {
  const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  return new EditorView({
    root,
    parent: root,
    state: EditorState.create({
      doc: ytext.toString(),
      extensions: [
        keymap.of([...yUndoManagerKeymap, ...defaultKeymap, indentWithTab]),
        drawSelection(),
        EditorView.lineWrapping,
        placeholder('Skriv här …'),
        ySyncFacet.of(new YSyncConfig(ytext, awareness)),
        ySync,
        remoteCursors(ytext, awareness),
        editorTheme,
        // ID references do not cross the shadow root, so the label is repeated as aria-label.
        EditorView.contentAttributes.of({ 'aria-label': label, 'aria-multiline': 'true' }),
      ],
    }),
  });
}
