// Every Astro Action, grouped per domain; each group lives in its own file.
import { auth } from './auth.ts';
import { activities } from './activities.ts';
import { clusters } from './clusters.ts';

export const server = { auth, activities, clusters };
