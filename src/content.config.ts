import { defineCollection, reference } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { buildSettings } from './lib/config.ts';
import { glossarySchema, guideSchema, projectSchema } from './lib/content/schemas.ts';

// CONTENT_DIR lets the benchmark build the site from a generated content folder.
const { contentDir } = buildSettings();

const guides = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: `${contentDir}/guides` }),
  schema: guideSchema(reference('guides')),
});

const projects = defineCollection({
  loader: glob({ pattern: '**/*.md', base: `${contentDir}/projects` }),
  schema: projectSchema(reference('guides')),
});

// The glossary is the same for every content folder, so it is not read from CONTENT_DIR.
const glossary = defineCollection({
  loader: file('./content/ordlista.yaml'),
  schema: glossarySchema,
});

export const collections = { guides, projects, glossary };
