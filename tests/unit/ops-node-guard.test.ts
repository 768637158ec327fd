// `npm start`, `npm test` and `npm run build` stop under an old Node with one line and exit code 1.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INSTALL_COMMAND, nodeVersionProblem, requiredRange } from '../../scripts/node-guard.mjs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('Node version guard', () => {
  it('reads the required version from package.json engines', () => {
    expect(requiredRange()).toBe(pkg.engines.node);
    expect(nodeVersionProblem('22.18.0')).toBeNull();
    expect(nodeVersionProblem('24.21.0')).toBeNull();
    expect(nodeVersionProblem('22.17.1')).toContain('22.17.1');
  });

  it('under Node 20 prints one Swedish/English line with the README command and exits 1, without a stack trace', () => {
    const run = spawnSync(process.execPath, ['scripts/node-guard.mjs', '20.20.2'], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('Node 20.20.2 är för gammal / is too old');
    expect(lines[0]).toContain(`Node ${pkg.engines.node}`);
    expect(lines[0]).toContain(INSTALL_COMMAND);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('lets the running Node through', () => {
    const run = spawnSync(process.execPath, ['scripts/node-guard.mjs'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('runs first in npm start, npm test, npm run build and npm run serve', () => {
    for (const script of ['start', 'test', 'build', 'serve']) expect(pkg.scripts[script], script).toMatch(/^node scripts\/node-guard\.mjs && /);
  });

  it('gives the same install command as the README', () => {
    expect(readFileSync('README.md', 'utf8')).toContain(INSTALL_COMMAND);
  });
});
