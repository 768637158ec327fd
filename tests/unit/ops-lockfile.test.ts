// The lockfile lists every platform's native binaries, so `npm ci` installs on macOS, Windows and Linux,
// and CI installs with `npm ci` (lockfile-faithful) rather than `npm install`.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { resolved?: string; integrity?: string; optional?: boolean }> };
const entries = Object.keys(lock.packages);

const NATIVE = ['@astrojs/compiler-binding-', '@rolldown/binding-', '@esbuild/', '@img/sharp-', '@node-rs/argon2-', '@pagefind/'];
const PLATFORMS = ['darwin-arm64', 'darwin-x64', 'win32-x64', 'linux-x64'];

describe('package-lock.json', () => {
  for (const prefix of NATIVE) {
    for (const platform of PLATFORMS) {
      it(`holds ${prefix}${platform}`, () => {
        // Pagefind says "windows" where the others say "win32"; some add the libc or toolchain (-gnu, -msvc).
        const name = prefix === '@pagefind/' ? platform.replace('win32', 'windows') : platform;
        const matches = entries.filter((k) => new RegExp(`(^|/)node_modules/${prefix}${name}(-gnu|-msvc)?$`).test(k));
        expect(matches, `${prefix}${name}`).not.toEqual([]);
        for (const key of matches) expect(lock.packages[key], key).toMatchObject({ version: expect.any(String), integrity: expect.stringMatching(/^sha512-/) });
      });
    }
  }

  it('is what .ci/run installs from, with npm ci', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).toMatch(/^\s*t npm ci\b/m);
    expect(ci).not.toMatch(/^\s*t? ?npm install(?! --no-save --no-audit --no-fund --prefix)/m);
  });
});
