// Swapped builds: a new build replaces the `dist` link atomically, old builds are pruned unless a live
// server still serves them.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILDS, buildPrefix, freshBuildDir, markInUse, pruneBuilds, removeBuild, swapIn, usersOf } from '../../scripts/build/releases.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function project() {
  const root = mkdtempSync(join(tmpdir(), 'skbn-releases-'));
  dirs.push(root);
  return { root, target: join(root, 'dist') };
}

function fakeBuild(target: string, label: string, at: Date) {
  const dir = freshBuildDir(target, at);
  dirs.push(dir);
  mkdirSync(join(dir, 'client'));
  writeFileSync(join(dir, 'client', 'index.html'), label);
  return dir;
}

describe('build releases', () => {
  it('points the target at each new build with a link, moving a plain folder aside once', () => {
    const { target } = project();
    mkdirSync(join(target, 'client'), { recursive: true });
    writeFileSync(join(target, 'client', 'index.html'), 'old plain folder');
    const first = fakeBuild(target, 'first', new Date('2026-12-01T10:00:00Z'));
    // Build folders live in the project (the server bundle needs its node_modules), named per target.
    expect(buildPrefix(target)).toMatch(/^dist-[0-9a-f]{8}$/);
    expect(buildPrefix('dist')).toBe('dist');
    expect(first.startsWith(join(BUILDS, `${buildPrefix(target)}-20261201-100000`))).toBe(true);
    const movedLegacyFolder: string = swapIn(target, first).movedLegacyFolder!;
    dirs.push(movedLegacyFolder);
    expect(readFileSync(join(movedLegacyFolder, 'client', 'index.html'), 'utf8')).toBe('old plain folder');
    expect(lstatSync(target).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(target, 'client', 'index.html'), 'utf8')).toBe('first');

    const second = fakeBuild(target, 'second', new Date('2026-12-01T11:00:00Z'));
    expect(swapIn(target, second).movedLegacyFolder).toBeNull();
    expect(realpathSync(target)).toBe(realpathSync(second));
    expect(readFileSync(join(first, 'client', 'index.html'), 'utf8')).toBe('first');
  });

  it('prunes old builds but keeps the current one, the previous one and any a live server uses', async () => {
    const { target } = project();
    const builds = [8, 9, 10, 11, 12].map((h) => fakeBuild(target, `b${h}`, new Date(`2026-12-01T${String(h).padStart(2, '0')}:00:00Z`)));
    swapIn(target, builds[4]);
    const server = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      markInUse(builds[0], server.pid);
      const unmarkGone = markInUse(builds[1], 999_999_999); // no such process
      expect(usersOf(builds[0])).toEqual([server.pid]);
      expect(usersOf(builds[1])).toEqual([]);
      const removed = pruneBuilds(target);
      expect(removed.sort()).toEqual([builds[1], builds[2]].sort());
      expect(builds.map((b) => existsSync(b))).toEqual([true, false, false, true, true]);
      unmarkGone();
    } finally {
      server.kill();
    }
  });

  it('removeBuild removes the link and the folder behind it', () => {
    const { target } = project();
    const dir = fakeBuild(target, 'x', new Date());
    swapIn(target, dir);
    removeBuild(target);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(dir)).toBe(false);
  });
});
