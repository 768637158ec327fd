// The comment threads of a section page kept live: comments, replies and resolved/reopened threads pushed
// over the idea channel are fetched as the server renders them and shown in place, announced in the page's
// status line; when the channel (re)opens, the section's threads are fetched once to catch up.
import { joinIdeaChannel } from './idea-channel-client.ts';
import { nameList } from '#lib/text/name-list.ts';
import { countLabel } from '#lib/text/plural.ts';

/** `box`: the threads' <section> (CommentThreads.astro), with data-threads-url, data-idea and data-section. */
export function followCommentThreads(box: HTMLElement): void {
  const url = box.dataset.threadsUrl!;
  const list = box.querySelector<HTMLOListElement>('ol.threads')!;
  const news = box.querySelector<HTMLElement>('[data-comment-news]')!;
  const has = (id: string | undefined) => box.querySelector(`[data-comment-id="${id}"]`) !== null;
  const commentIds = (li: HTMLElement) => [li, ...li.querySelectorAll<HTMLElement>('[data-comment-id]')].map((e) => e.dataset.commentId);
  const isResolved = (li: Element) => li.classList.contains('resolved');
  const threadOnPage = (id: string | undefined) => list.querySelector<HTMLLIElement>(`:scope > li[data-thread="${id}"]`);

  // The server renders (and escapes) threads exactly as on the page; parsed inertly, scripts never run.
  const fetchThreads = async (path: string): Promise<HTMLLIElement[] | null> => {
    const res = await fetch(path, { credentials: 'same-origin' });
    if (!res.ok) return null;
    const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
    return [...doc.querySelectorAll<HTMLLIElement>('li[data-thread]')];
  };

  /**
   * Shows the server's rendering of a thread in place of the page's (or adds it, in the page's order by
   * id), exactly as a reload would. Keeps what the reader is doing there: a reply being typed (even if the
   * thread was resolved meanwhile) and the focus. Returns false when the page already showed it so.
   */
  const apply = (fresh: HTMLLIElement): boolean => {
    const existing = threadOnPage(fresh.dataset.thread);
    const node = document.adoptNode(fresh);
    if (!existing) {
      const later = [...list.children].find((li) => Number((li as HTMLElement).dataset.thread) > Number(node.dataset.thread));
      list.insertBefore(node, later ?? null);
      box.querySelector('[data-no-comments]')?.remove();
      return true;
    }
    if (isResolved(existing) === isResolved(node) && commentIds(existing).join() === commentIds(node).join()) return false;
    const focused = existing.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    const typing = existing.querySelector('textarea');
    if (typing?.value) {
      const target = node.querySelector('textarea');
      if (target) {
        target.value = typing.value;
        if (focused === typing) target.setSelectionRange(typing.selectionStart, typing.selectionEnd);
      } else node.querySelector('article')!.append(typing.closest('form')!);
    }
    existing.replaceWith(node);
    if (focused && !node.contains(focused)) {
      // The same field, or the button of the same kind of form (resolve, reply).
      const action = focused.closest('form')?.getAttribute('action');
      const again = (focused.id ? node.querySelector<HTMLElement>(`#${CSS.escape(focused.id)}`) : null) ?? [...node.querySelectorAll('form')].find((f) => f.getAttribute('action') === action)?.querySelector('button');
      again?.focus();
    } else focused?.focus();
    return true;
  };

  /** A comment posted: its thread fetched and shown, announced. */
  const arrive = async (threadId: number, commentId: number) => {
    if (has(String(commentId))) return;
    const [fresh] = (await fetchThreads(`${url}/${threadId}`)) ?? [];
    if (!fresh || has(String(commentId))) return;
    const comment = fresh.dataset.commentId === String(commentId) ? fresh : fresh.querySelector<HTMLElement>(`[data-comment-id="${commentId}"]`);
    if (!comment) return;
    const author = comment.querySelector('p.meta strong')?.textContent ?? '';
    apply(fresh);
    news.textContent = commentId === threadId ? `Ny kommentar från ${author}.` : `Nytt svar från ${author}.`;
  };

  /** A thread resolved or opened again: fetched and shown, announced (unless the page showed it already). */
  const changeState = async (threadId: number, resolved: boolean, by: string) => {
    const [fresh] = (await fetchThreads(`${url}/${threadId}`)) ?? [];
    if (!fresh || isResolved(fresh) !== resolved || !apply(fresh)) return;
    // textContent: the name is never read as markup.
    news.textContent = resolved ? `${by} markerade en kommentar som löst.` : `${by} öppnade en kommentar igen.`;
  };

  // Catching up: whenever the channel opens (the first time too: a comment may have come between the
  // page's rendering and the socket opening), the section's threads are fetched once and every thread
  // that differs is shown as the server has it. Pushes that overlap it find nothing left to change:
  // both paths compare with the page before they touch it, and run one at a time (the queue).
  const catchUp = async () => {
    const fresh = await fetchThreads(url);
    if (!fresh) return;
    let added = 0;
    let resolved = 0;
    let reopened = 0;
    for (const li of fresh) {
      const existing = threadOnPage(li.dataset.thread);
      const newIds = commentIds(li).filter((id) => !has(id)).length;
      const stateChanged = existing !== null && isResolved(existing) !== isResolved(li);
      if (!apply(li)) continue;
      added += newIds;
      if (stateChanged && isResolved(li)) resolved += 1;
      else if (stateChanged) reopened += 1;
    }
    const parts = [
      added && countLabel(added, 'ny kommentar', 'nya kommentarer'),
      resolved && countLabel(resolved, 'kommentar markerad som löst', 'kommentarer markerade som lösta'),
      reopened && countLabel(reopened, 'kommentar öppnad igen', 'kommentarer öppnade igen'),
    ].filter((p): p is string => Boolean(p));
    if (parts.length) news.textContent = `Kommentarerna är uppdaterade: ${nameList(parts)}.`;
  };

  // One fetch at a time, in order of arrival: two changes to one thread never race.
  let queue = Promise.resolve();
  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(job).catch(() => undefined);
  };
  joinIdeaChannel(
    Number(box.dataset.idea),
    box.dataset.section || null,
    (message) => {
      if (message.type === 'comment' && message.sectionKey === box.dataset.section) enqueue(() => arrive(message.threadId, message.commentId));
      else if (message.type === 'thread' && message.sectionKey === box.dataset.section) enqueue(() => changeState(message.threadId, message.resolved, message.by));
    },
    (state) => {
      if (state === 'open') enqueue(catchUp);
    },
  );
}
