import { defineCollection, reference } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { AUDIENCES, METHODS } from './lib/content/taxonomy.ts';

// CONTENT_DIR lets the benchmark build the site from a generated content folder.
const contentDir = process.env.CONTENT_DIR ?? './content';

const source = z.object({ title: z.string().min(3), url: z.url() });

const guides = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `${contentDir}/guides` }),
  schema: z.object({
    title: z.string().min(3),
    description: z.string().min(20).max(300),
    method: z.enum(METHODS),
    audience: z.array(z.enum(AUDIENCES)).min(1),
    tags: z.array(z.string()).default([]),
    updated: z.coerce.date(),
    order: z.number().int().default(100),
    sources: z.array(source).min(1),
    related: z.array(reference('guides')).default([]),
  }),
});

const projects = defineCollection({
  loader: glob({ pattern: '**/*.md', base: `${contentDir}/projects` }),
  schema: z.object({
    title: z.string().min(3),
    summary: z.string().min(20).max(400),
    owner: z.string(),
    region: z.enum(['Skaraborg', 'Sörmland']),
    area: z.string(),
    projectNumber: z.string().optional(),
    programme: z.string().optional(),
    periodStart: z.coerce.date(),
    periodEnd: z.coerce.date(),
    budgetSek: z.number().int().positive().optional(),
    esfSupportSek: z.number().int().positive().optional(),
    targetGroup: z.string(),
    plannedParticipants: z.number().int().positive().optional(),
    goals: z.array(z.string()).min(1),
    methods: z.array(reference('guides')).default([]),
    lessons: z.array(z.string()).min(1),
    sources: z.array(z.object({ title: z.string(), url: z.url().optional() })).default([]),
  }),
});

export const collections = { guides, projects };
