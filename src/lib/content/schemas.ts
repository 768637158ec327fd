import { z } from 'astro/zod';
import { AUDIENCES, METHODS } from './taxonomy.ts';
import { SEED_IDS } from './seeds.ts';

// The content schemas, shared by src/content.config.ts and the content tests. A reference to
// another entry is passed in, because `reference()` only exists inside Astro.

const source = z.object({ title: z.string().min(3), url: z.url() });

export function guideSchema<R extends z.ZodType>(guideRef: R) {
  return z.object({
    title: z.string().min(3),
    description: z.string().min(20).max(300),
    method: z.enum(METHODS),
    audience: z.array(z.enum(AUDIENCES)).min(1),
    tags: z.array(z.string()).default([]),
    updated: z.coerce.date(),
    order: z.number().int().default(100),
    sources: z.array(source).min(1),
    /** The network's own documents (applications, plans) the guide builds on; the content tests require them. */
    seeds: z.array(z.enum(SEED_IDS)).default([]),
    /** Abbreviations, English names and common misspellings readers search for; indexed, not shown. */
    searchTerms: z.array(z.string().min(2)).default([]),
    related: z.array(guideRef).default([]),
  });
}

export function projectSchema<R extends z.ZodType>(guideRef: R) {
  return z.object({
    title: z.string().min(3),
    summary: z.string().min(20).max(400),
    owner: z.string(),
    region: z.enum(['Skaraborg', 'Sörmland']),
    area: z.string(),
    projectNumber: z.string().optional(),
    programme: z.string().optional(),
    /** Only dates a source gives; an unknown start or end is left out and shown as unknown. */
    periodStart: z.coerce.date().optional(),
    periodEnd: z.coerce.date().optional(),
    budgetSek: z.number().int().positive().optional(),
    esfSupportSek: z.number().int().positive().optional(),
    targetGroup: z.string(),
    plannedParticipants: z.number().int().positive().optional(),
    goals: z.array(z.string()).min(1),
    methods: z.array(guideRef).default([]),
    lessons: z.array(z.string()).min(1),
    /** What is known of the results (reached, moved on to work or studies), or that nothing is published. */
    results: z.string().min(40),
    /** Whether the work still runs, as far as a source says. */
    status: z.string().min(10),
    seeds: z.array(z.enum(SEED_IDS)).default([]),
    sources: z.array(z.object({ title: z.string(), url: z.url().optional() })).default([]),
  });
}

/** A source link: an absolute http(s) address or a path on this site. */
const link = z.string().regex(/^(https?:\/\/|\/)\S+$/, 'a URL or a site path');

/** One entry of the glossary (/ordlista), from content/ordlista.yaml. */
export const glossarySchema = z.object({
  term: z.string().min(2),
  expansion: z.string().optional(),
  definition: z.string().min(30),
  /** Forms of the term that count as a use of it in a guide (matched as whole words). */
  forms: z.array(z.string().min(2)).min(1),
  source: z.object({ title: z.string().min(3), url: link }),
});
