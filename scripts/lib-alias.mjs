// `@lib/*` → `src/lib/*` for source files that Node runs directly (its type stripping knows no tsconfig
// paths): the serve path loads the demo seed and the config this way. Import this module first; modules
// that use the alias must then be loaded after it (a dynamic import(), or a later entry point). Astro, Vite
// and Vitest read the alias from tsconfig.json / vitest.config.ts themselves.
import { registerHooks } from 'node:module';

const LIB = new URL('../src/lib/', import.meta.url);

registerHooks({
  resolve(specifier, context, nextResolve) {
    return nextResolve(specifier.startsWith('@lib/') ? new URL(specifier.slice('@lib/'.length), LIB).href : specifier, context);
  },
});
