// Writes a content folder for benchmarks: the real guides and projects plus N synthetic guides.
// Usage: node bench/generate-content.mjs <dir> [count]
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const METHODS = ['7TJUGO', 'Supported Employment och IPS', 'Mentorskap', 'Tjänstedesign', 'Samverkan', 'Motivationsutbildning', 'Uppföljning'];
const AUDIENCES = ['Coacher och handledare', 'Mentorer', 'Studie- och yrkesvägledare', 'Socialsekreterare', 'Arbetsmarknadshandläggare', 'Chefer och projektledare'];
const WORDS = (
  'unga vuxna arbete studier samverkan kommun handledare coach mentor vägledning motivation praktik arbetsgivare ' +
  'uppföljning målgrupp delaktighet förtroende möte kartläggning plan steg stöd utbildning folkhögskola studieförbund ' +
  'försörjning hälsa trygghet nätverk kompetens metod erfarenhet resultat insats individ grupp samtal ansvar val framtid'
).split(' ');

// Deterministic pseudo-random text so every benchmark run builds the same pages.
function* rng(seed) {
  let x = seed;
  for (;;) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x / 2147483648;
  }
}

function paragraph(r, words) {
  const out = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(r.next().value * WORDS.length)]);
  const text = out.join(' ');
  return text[0].toUpperCase() + text.slice(1) + '.';
}

export function generateContent(dir, count = 200, { includeReal = true } = {}) {
  mkdirSync(join(dir, 'guides'), { recursive: true });
  mkdirSync(join(dir, 'projects'), { recursive: true });
  if (includeReal && existsSync('content')) cpSync('content', dir, { recursive: true });
  for (let n = 1; n <= count; n++) {
    const r = rng(n);
    const id = String(n).padStart(3, '0');
    const sections = Array.from({ length: 6 }, (_, s) =>
      `## Avsnitt ${s + 1}\n\n${paragraph(r, 80)}\n\n${paragraph(r, 80)}\n\n- ${paragraph(r, 8)}\n- ${paragraph(r, 8)}\n`,
    ).join('\n');
    const frontmatter = [
      '---',
      `title: "Syntetisk guide ${id}"`,
      `description: "Genererad guide för prestandamätning av bygget, nummer ${id}."`,
      `method: "${METHODS[n % METHODS.length]}"`,
      `audience: ["${AUDIENCES[n % AUDIENCES.length]}"]`,
      'tags: ["prestanda"]',
      'updated: 2026-11-23',
      `order: ${1000 + n}`,
      'sources:',
      '  - title: "Skaraborgsnätet"',
      '    url: "https://example.org/skaraborgsnatet"',
      '---',
    ].join('\n');
    writeFileSync(join(dir, 'guides', `syntetisk-guide-${id}.mdx`), `${frontmatter}\n\n${sections}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count] = process.argv.slice(2);
  if (!dir) throw new Error('Usage: node bench/generate-content.mjs <dir> [count]');
  generateContent(dir, Number(count ?? 200));
  console.log(`Wrote ${count ?? 200} synthetic guides to ${dir}`);
}
