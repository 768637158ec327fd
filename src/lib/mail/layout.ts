import { escapeHtml } from '#lib/text/escape.ts';

/** Wraps paragraphs of plain text into the portal's simple HTML mail; returns both parts. */
export function composeMail(paragraphs: string[], link?: { url: string; label: string }) {
  const footer = 'Skaraborgsnätet – nätverk och kunskapsbank för dig som arbetar med unga i Skaraborg.';
  const textParts = [...paragraphs];
  if (link) textParts.push(`${link.label}: ${link.url}`);
  textParts.push('--', footer);
  const htmlParts = paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`);
  if (link) htmlParts.push(`<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>`);
  htmlParts.push(`<hr><p style="color:#555;font-size:0.9em">${escapeHtml(footer)}</p>`);
  return {
    text: textParts.join('\n\n'),
    html: `<!doctype html><html lang="sv"><body style="font-family:sans-serif;line-height:1.5">${htmlParts.join('')}</body></html>`,
  };
}
