import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { guideSchema, projectSchema } from '#lib/content/schemas.ts';

const GUIDES = 'content/guides';
const PROJECTS = 'content/projects';

function read(dir: string, file: string) {
  const raw = readFileSync(join(dir, file), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(raw);
  if (!match) throw new Error(`${file}: no frontmatter`);
  return { id: file.replace(/\.mdx?$/, ''), data: parse(match[1]!) as Record<string, unknown>, body: match[2]! };
}

const guides = readdirSync(GUIDES).filter((f) => f.endsWith('.mdx')).map((f) => read(GUIDES, f));
const projects = readdirSync(PROJECTS).filter((f) => f.endsWith('.md')).map((f) => read(PROJECTS, f));
const guideIds = guides.map((g) => g.id);
const guideRef = z.string().refine((id) => guideIds.includes(id), 'unknown guide');
const words = (text: string) => text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

describe('method guides', () => {
  it('has the seven guides the network asked for', () => {
    expect(guideIds.sort()).toEqual(
      ['7tjugo', 'mentorskap', 'motivationsutbildningar', 'samverkan-en-vag-in', 'supported-employment', 'tjanstedesign', 'uppfoljning-av-resultat'],
    );
  });

  for (const guide of guides) {
    describe(guide.id, () => {
      it('validates against the guide schema', () => {
        const result = guideSchema(guideRef).safeParse(guide.data);
        expect(result.error?.issues ?? []).toEqual([]);
      });
      it('has at least 1,200 words and at least one source', () => {
        expect(words(guide.body)).toBeGreaterThanOrEqual(1200);
        expect((guide.data.sources as unknown[]).length).toBeGreaterThanOrEqual(1);
      });
      it('has no placeholder text', () => {
        expect(guide.body).not.toMatch(/lorem ipsum|TODO|TBD|platshållare/i);
      });
    });
  }
});

describe('project bank', () => {
  it('has the five seed projects with the right regions', () => {
    const regions = Object.fromEntries(projects.map((p) => [p.id, p.data.region]));
    expect(regions).toEqual({
      'implementering-av-ung-arena': 'Skaraborg',
      'level-up-vastra-skaraborg': 'Skaraborg',
      'ung-arena-lidkoping': 'Skaraborg',
      'ungas-larande-och-etablering': 'Sörmland',
      'vaga-valja-vag': 'Sörmland',
    });
  });

  for (const project of projects) {
    it(`${project.id} validates and holds no personal contact details`, () => {
      const result = projectSchema(guideRef).safeParse(project.data);
      expect(result.error?.issues ?? []).toEqual([]);
      const raw = readFileSync(join(PROJECTS, `${project.id}.md`), 'utf8');
      expect(raw).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/); // e-mail addresses
      expect(raw).not.toMatch(/\b0\d{1,3}[- ]\d{2,3}[ ]?\d{2}[ ]?\d{2}\b/); // Swedish phone numbers
    });
  }
});
