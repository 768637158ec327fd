// Build folders that can be swapped in under a running server. A build target such as `dist` is a
// symbolic link to `.builds/dist-<time>-<pid>`; a new build is written to a fresh folder there and the
// link is replaced with one atomic rename. Build folders stay inside the project, whatever the target,
// because the server bundle imports packages from the project's node_modules. A running server resolves the link once at start and
// keeps serving its own folder, which is kept (never pruned) while that server's process is alive.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const IN_USE = '.in-use';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url));

/** Where every build folder lives: the project's `.builds`. */
export const BUILDS = join(PROJECT, '.builds');

/** The name prefix of `target`'s build folders: `dist` for the project's dist, else name + path hash. */
export function buildPrefix(target) {
  const abs = resolve(target);
  const rel = relative(PROJECT, abs);
  if (rel && !rel.startsWith('..') && !rel.includes(sep)) return rel;
  return `${basename(abs)}-${createHash('sha256').update(abs).digest('hex').slice(0, 8)}`;
}

/** A fresh, empty folder for the next build of `target`. */
export function freshBuildDir(target, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:.]/g, '').replace('T', '-');
  const dir = join(BUILDS, `${buildPrefix(target)}-${stamp}-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * Points `target` at `dir` with one atomic rename of a new link over the old one. A target that is still
 * a plain folder (from before builds were swapped) is first moved into the builds folder; that move is
 * the one step a server started from the plain folder cannot survive, so it is reported.
 * Returns { movedLegacyFolder: path | null }.
 */
export function swapIn(target, dir) {
  const abs = resolve(target);
  let movedLegacyFolder = null;
  if (existsSync(abs) && !lstatSync(abs).isSymbolicLink()) {
    movedLegacyFolder = join(BUILDS, `${buildPrefix(abs)}-legacy-${Date.now()}`);
    mkdirSync(BUILDS, { recursive: true });
    try {
      renameSync(abs, movedLegacyFolder);
    } catch (error) {
      if (error.code !== 'EXDEV') throw error;
      cpSync(abs, movedLegacyFolder, { recursive: true });
      rmSync(abs, { recursive: true, force: true });
    }
  }
  const link = `${abs}.link-${process.pid}`;
  rmSync(link, { force: true });
  symlinkSync(relative(dirname(abs), dir), link, 'dir');
  renameSync(link, abs);
  return { movedLegacyFolder };
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

/** Records that process `pid` serves the build at `realDir`, so pruning keeps it. Returns a remover. */
export function markInUse(realDir, pid = process.pid) {
  const file = join(realDir, IN_USE, String(pid));
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '');
  } catch {
    return () => {}; // a read-only build cannot be pruned by us either
  }
  return () => rmSync(file, { force: true });
}

/** Pids of live processes that serve the build at `dir`. */
export function usersOf(dir) {
  const markers = join(dir, IN_USE);
  if (!existsSync(markers)) return [];
  return readdirSync(markers).map(Number).filter((pid) => Number.isInteger(pid) && isAlive(pid));
}

/**
 * Removes the old build folders of `target`, except the current one, the newest `keepPrevious` others
 * (for going back) and every folder a live server still serves. Returns the removed paths.
 */
export function pruneBuilds(target, keepPrevious = 1) {
  const abs = resolve(target);
  if (!existsSync(BUILDS)) return [];
  const current = existsSync(abs) ? realpathSync(abs) : null;
  const prefix = `${buildPrefix(abs)}-`;
  const others = readdirSync(BUILDS)
    .filter((name) => name.startsWith(prefix) && /^\d{8}-\d{6}|^legacy-/.test(name.slice(prefix.length)))
    .map((name) => join(BUILDS, name))
    .filter((dir) => dir !== current)
    .sort()
    .reverse();
  const removed = [];
  for (const [i, dir] of others.entries()) {
    if (i < keepPrevious || usersOf(dir).length > 0) continue;
    rmSync(dir, { recursive: true, force: true });
    removed.push(dir);
  }
  return removed;
}

/** Removes a build target: the link and the folder it points to (used by the benchmarks). */
export function removeBuild(target) {
  const abs = resolve(target);
  if (!existsSync(abs) && !isDanglingLink(abs)) return;
  if (lstatSync(abs).isSymbolicLink()) {
    const real = existsSync(abs) ? realpathSync(abs) : null;
    unlinkSync(abs);
    if (real) rmSync(real, { recursive: true, force: true });
  } else rmSync(abs, { recursive: true, force: true });
}

function isDanglingLink(path) {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
