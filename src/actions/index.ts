// Every Astro Action, grouped per domain; each group lives in its own file.
import { z } from 'astro/zod';
import { auth } from './auth.ts';
import { activities } from './activities.ts';
import { clusters } from './clusters.ts';

export const server = { auth, activities, clusters };

// Validation messages that a schema does not word itself come in Swedish.
z.config(z.locales.sv());
