import { z } from 'astro/zod';
import { AUDIENCES, METHODS } from './taxonomy.ts';

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
    periodStart: z.coerce.date(),
    periodEnd: z.coerce.date(),
    budgetSek: z.number().int().positive().optional(),
    esfSupportSek: z.number().int().positive().optional(),
    targetGroup: z.string(),
    plannedParticipants: z.number().int().positive().optional(),
    goals: z.array(z.string()).min(1),
    methods: z.array(guideRef).default([]),
    lessons: z.array(z.string()).min(1),
    sources: z.array(z.object({ title: z.string(), url: z.url().optional() })).default([]),
  });
}
