// Remote carets and selections for CodeMirror from Yjs awareness, after y-codemirror.next's
// yRemoteSelections but coloured by class (cm-remote-c0 … c7) instead of inline style attributes,
// which the portal's CSP (no 'unsafe-inline') would block.
import * as Y from 'yjs';
import { Decoration, EditorView, ViewPlugin, WidgetType, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import type { Range } from '@codemirror/state';
import type { Awareness } from 'y-protocols/awareness';

import { PALETTE, type LiveUser } from './palette.ts';

class CaretWidget extends WidgetType {
  readonly colorIndex: number;
  readonly name: string;
  constructor(colorIndex: number, name: string) {
    super();
    this.colorIndex = colorIndex;
    this.name = name;
  }
  toDOM(): HTMLElement {
    const caret = document.createElement('span');
    caret.className = `cm-remote-caret cm-remote-c${this.colorIndex}`;
    caret.setAttribute('aria-hidden', 'true');
    const label = document.createElement('span');
    label.className = 'cm-remote-name';
    label.textContent = this.name;
    caret.append('\u2060', label, '\u2060');
    return caret;
  }
  eq(other: CaretWidget): boolean {
    return other.colorIndex === this.colorIndex && other.name === this.name;
  }
  ignoreEvent(): boolean {
    return true;
  }
}

export function remoteCursors(ytext: Y.Text, awareness: Awareness) {
  const doc = ytext.doc!;
  return [
    ViewPlugin.fromClass(
      class {
        decorations: DecorationSet = Decoration.none;
        private readonly listener: () => void;
        constructor(view: EditorView) {
          this.listener = () => view.dispatch({});
          awareness.on('change', this.listener);
        }
        destroy() {
          awareness.off('change', this.listener);
        }
        update(update: ViewUpdate) {
          const local = awareness.getLocalState();
          if (local) {
            const focused = update.view.hasFocus && update.view.dom.ownerDocument.hasFocus();
            const sel = focused ? update.state.selection.main : null;
            if (sel) {
              const anchor = Y.createRelativePositionFromTypeIndex(ytext, sel.anchor);
              const head = Y.createRelativePositionFromTypeIndex(ytext, sel.head);
              const cur = local.cursor as { anchor: unknown; head: unknown } | null | undefined;
              if (
                !cur ||
                !Y.compareRelativePositions(Y.createRelativePositionFromJSON(cur.anchor), anchor) ||
                !Y.compareRelativePositions(Y.createRelativePositionFromJSON(cur.head), head)
              ) {
                awareness.setLocalStateField('cursor', { anchor, head });
              }
            }
          }
          const marks: Range<Decoration>[] = [];
          awareness.getStates().forEach((state, clientId) => {
            if (clientId === doc.clientID || !state.cursor?.anchor || !state.cursor?.head) return;
            const anchor = Y.createAbsolutePositionFromRelativePosition(state.cursor.anchor, doc);
            const head = Y.createAbsolutePositionFromRelativePosition(state.cursor.head, doc);
            if (!anchor || !head || anchor.type !== ytext || head.type !== ytext) return;
            const user = (state.user ?? {}) as Partial<LiveUser>;
            const c = Math.abs(Number(user.colorIndex) || 0) % PALETTE.length;
            const len = update.state.doc.length;
            const from = Math.min(anchor.index, head.index, len);
            const to = Math.min(Math.max(anchor.index, head.index), len);
            if (from < to) marks.push(Decoration.mark({ class: `cm-remote-selection cm-remote-c${c}` }).range(from, to));
            marks.push(Decoration.widget({ widget: new CaretWidget(c, String(user.name ?? '')), side: head.index - anchor.index > 0 ? -1 : 1 }).range(Math.min(head.index, len)));
          });
          this.decorations = Decoration.set(marks, true);
        }
      },
      { decorations: (v) => v.decorations },
    ),
    EditorView.baseTheme(
      Object.fromEntries([
        ['.cm-remote-caret', { position: 'relative', borderLeft: '2px solid', marginLeft: '-1px', marginRight: '-1px', boxSizing: 'border-box' }],
        ['.cm-remote-name', { position: 'absolute', top: '-1.3em', left: '-2px', fontSize: '0.75em', lineHeight: '1.2', padding: '0 0.25em', color: '#fff', whiteSpace: 'nowrap', userSelect: 'none', pointerEvents: 'none' }],
        ...PALETTE.flatMap((color, i) => [
          [`.cm-remote-caret.cm-remote-c${i}`, { borderColor: color }],
          [`.cm-remote-c${i} .cm-remote-name`, { backgroundColor: color }],
          [`.cm-remote-selection.cm-remote-c${i}`, { backgroundColor: `${color}33` }],
        ]),
      ]),
    ),
  ];
}
