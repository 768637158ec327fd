// Routes that exist only in the benchmark's own build (bench/server.mjs builds with BENCH_ROUTES=1): a normal
// `npm run build` has neither, so production cannot reach them.
//   /_bench/floor   Astro's floor: an on-demand page with no layout and no data, through the same server
//                   (scripts/serve.mjs) and middleware as every page; no page can be faster than it.
//   /_bench/memory  the server's process.memoryUsage() split (heap, external, array buffers) as JSON.
import { fileURLToPath } from 'node:url';

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

/** The integration, or null when the build is not for the benchmark. */
export function benchRoutes(enabled) {
  if (!enabled) return null;
  return {
    name: 'skbn-bench-routes',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/_bench/floor', entrypoint: here('./floor.astro'), prerender: false });
        injectRoute({ pattern: '/_bench/memory', entrypoint: here('./memory.ts'), prerender: false });
      },
    },
  };
}
