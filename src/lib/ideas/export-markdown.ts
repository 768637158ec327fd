// Markdown export of a whole idea: front matter-free, readable as is.
import type { IdeaDocument } from './document.ts';

export function ideaToMarkdown(doc: IdeaDocument): string {
  const out: string[] = [`# ${doc.title}`, ''];
  out.push(`- Klustergrupp: ${doc.groupName}`);
  out.push(`- Utlysning eller programområde: ${doc.targetCall || 'ej angivet'}`);
  out.push(`- Status: ${doc.statusLabel}`, '');
  for (const s of doc.sections) {
    out.push(`## ${s.def.number}. ${s.def.title}`, '');
    out.push(s.text.trim() ? s.text.trim() : '_Inte skrivet ännu._', '');
    if (s.def.key === 'forankring-och-samverkan' && doc.organisations.length > 0) {
      out.push('### Deltagande organisationer', '');
      for (const o of doc.organisations) out.push(`- ${o.name} – ${o.role}`);
      out.push('');
    }
  }
  return out.join('\n');
}
