// After a form posts, the page that answers shows either an error summary or a confirmation
// ("?klart=…" after the redirect). Moving focus there makes screen readers read it and puts keyboard
// users where the answer is. One mechanism for every on-demand page (loaded by layouts/App.astro):
// the first element marked data-focus-message, or an error summary / confirmation notice in <main>.
const SELECTOR = 'main [data-focus-message], main .notice[role="alert"], main .notice.ok[role="status"]';

export function focusFormMessage(doc: Document = document): HTMLElement | null {
  const target = doc.querySelector<HTMLElement>(SELECTOR);
  if (!target) return null;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
  return target;
}

/** Runs once the page has loaded; after a jump to a #fragment the browser settles its own focus first. */
export function focusFormMessageWhenLoaded(): void {
  if (!location.hash || document.readyState === 'complete') focusFormMessage();
  else window.addEventListener('load', () => setTimeout(() => focusFormMessage(), 0), { once: true });
}
