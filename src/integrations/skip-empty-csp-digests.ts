import type { Plugin } from 'vite';

// Astro 7.3 (core/fetch/fetch-state.js, createResult) hashes the text of every <style> and <script> of the
// route for the CSP on each on-demand request, external ones included, whose text is empty: every page
// with a stylesheet and a script awaited three SHA-256 jobs on the thread pool per request (~9 % of the
// main thread's samples in a CPU profile of the idea page) for hashes of "" that only allow an empty
// inline element. This build-time edit hashes only non-empty text. It fails the build when the code it edits
// has changed (an Astro update: check whether it is still needed), and tests/integration/ops-server.test.ts
// checks that no page's policy lists the hash of "".
const FILE = '/astro/dist/core/fetch/fetch-state.js';
const EDITS: [string, string][] = [
  [
    'for (const style of styles) {\n        extraStyleHashes.push(',
    'for (const style of styles) {\n        if (style.children) extraStyleHashes.push(',
  ],
  [
    'for (const script of scripts) {\n        extraScriptHashes.push(',
    'for (const script of scripts) {\n        if (script.children) extraScriptHashes.push(',
  ],
];

export function skipEmptyCspDigests(): Plugin {
  return {
    name: 'skaraborgsnatet:skip-empty-csp-digests',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replaceAll('\\', '/').endsWith(FILE)) return;
      let out = code;
      for (const [from, to] of EDITS) {
        if (!out.includes(from)) throw new Error(`${FILE} has changed (Astro update?): the CSP digest edit in src/integrations/skip-empty-csp-digests.ts no longer applies`);
        out = out.replace(from, to);
      }
      return { code: out, map: null };
    },
  };
}
