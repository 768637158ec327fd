// DOCX export with the docx library: headings per section, Markdown turned into paragraphs,
// bullet lists and real tables (the budget).
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { createHash } from 'node:crypto';
import { marked, type Token, type Tokens } from 'marked';
import { markdownProblemKind } from '#lib/text/markdown-limits.ts';
import type { IdeaDocument } from './document.ts';

function inlineRuns(tokens: Token[] | undefined, style: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  if (!tokens) return [];
  return tokens.flatMap((t): TextRun[] => {
    switch (t.type) {
      case 'strong':
        return inlineRuns((t as Tokens.Strong).tokens, { ...style, bold: true });
      case 'em':
        return inlineRuns((t as Tokens.Em).tokens, { ...style, italics: true });
      case 'link': {
        const link = t as Tokens.Link;
        return [...inlineRuns(link.tokens, style), new TextRun({ text: ` (${link.href})`, ...style })];
      }
      case 'br':
        return [new TextRun({ text: '', break: 1 })];
      case 'text': {
        const text = t as Tokens.Text;
        return text.tokens ? inlineRuns(text.tokens, style) : [new TextRun({ text: decode(text.text), ...style })];
      }
      default:
        return [new TextRun({ text: decode('text' in t ? String(t.text) : t.raw), ...style })];
    }
  });
}

function decode(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'");
}

function blocks(markdown: string): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [];
  for (const token of marked.lexer(markdown)) {
    switch (token.type) {
      case 'heading':
        out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: inlineRuns((token as Tokens.Heading).tokens) }));
        break;
      case 'paragraph':
        out.push(new Paragraph({ children: inlineRuns((token as Tokens.Paragraph).tokens) }));
        break;
      case 'list':
        for (const item of (token as Tokens.List).items) {
          const children = item.tokens.flatMap((t) => ('tokens' in t && t.tokens ? inlineRuns(t.tokens as Token[]) : inlineRuns([t])));
          out.push(new Paragraph({ bullet: { level: 0 }, children }));
        }
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: Tokens.TableCell[], header: boolean) =>
          new TableRow({
            tableHeader: header,
            children: cells.map((c) => new TableCell({ children: [new Paragraph({ children: inlineRuns(c.tokens, header ? { bold: true } : {}) })] })),
          });
        out.push(
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [row(table.header, true), ...table.rows.map((r) => row(r, false))],
          }),
        );
        break;
      }
      case 'blockquote':
        out.push(...blocks((token as Tokens.Blockquote).text));
        break;
      case 'code':
        out.push(new Paragraph({ children: [new TextRun({ text: (token as Tokens.Code).text, font: 'Courier New' })] }));
        break;
      case 'space':
      case 'hr':
        break;
      default:
        if (token.raw.trim()) out.push(new Paragraph({ children: [new TextRun(token.raw.trim())] }));
    }
  }
  return out;
}

/** Plain paragraphs, for text beyond the Markdown limits or that the parser failed on. */
function plainBlocks(text: string): Paragraph[] {
  return text
    .split(/\n{2,}/)
    .filter((p) => p.trim())
    .map((p) => new Paragraph({ children: [new TextRun(p.trim())] }));
}

/** One section's blocks; a text the parser cannot handle becomes plain paragraphs, never a failed export. */
function sectionBlocks(text: string): Array<Paragraph | Table> {
  if (markdownProblemKind(text)) return plainBlocks(text);
  try {
    return blocks(text);
  } catch {
    return plainBlocks(text);
  }
}

// Exports are kept by the content they were made from (title, sections, organisations: the idea's
// revision state), so the same state is never packed twice; concurrent requests share one build.
const exports = new Map<string, Promise<Buffer>>();
const MAX_EXPORTS = 20;

export function ideaToDocx(doc: IdeaDocument): Promise<Buffer> {
  const key = createHash('sha256').update(JSON.stringify(doc)).digest('base64');
  let buffer = exports.get(key);
  if (buffer) {
    exports.delete(key);
  } else {
    buffer = buildDocx(doc);
    buffer.catch(() => exports.delete(key));
    if (exports.size >= MAX_EXPORTS) exports.delete(exports.keys().next().value!);
  }
  exports.set(key, buffer);
  return buffer;
}

async function buildDocx(doc: IdeaDocument): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(doc.title)] }),
    new Paragraph({ children: [new TextRun({ text: 'Klustergrupp: ', bold: true }), new TextRun(doc.groupName)] }),
    new Paragraph({ children: [new TextRun({ text: 'Utlysning eller programområde: ', bold: true }), new TextRun(doc.targetCall || 'ej angivet')] }),
    new Paragraph({ children: [new TextRun({ text: 'Status: ', bold: true }), new TextRun(doc.statusLabel)] }),
  ];
  for (const s of doc.sections) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(`${s.def.number}. ${s.def.title}`)] }));
    if (s.text.trim()) children.push(...sectionBlocks(s.text));
    else children.push(new Paragraph({ children: [new TextRun({ text: 'Inte skrivet ännu.', italics: true })] }));
    if (s.def.key === 'forankring-och-samverkan' && doc.organisations.length > 0) {
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Deltagande organisationer')] }));
      for (const o of doc.organisations) children.push(new Paragraph({ bullet: { level: 0 }, children: [new TextRun(`${o.name} – ${o.role}`)] }));
    }
  }
  const document = new Document({
    creator: 'Skaraborgsnätet',
    title: doc.title,
    description: `Projektidé från klustergruppen ${doc.groupName}`,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
