import { describe, expect, it } from 'vitest';
import { normaliseNextPath, safeNextPath } from '#lib/auth/redirect.ts';

describe('normaliseNextPath', () => {
  it('accepts same-site paths and keeps query and fragment', () => {
    expect(normaliseNextPath('/mina-sidor')).toBe('/mina-sidor');
    expect(normaliseNextPath('/aktiviteter?typ=kurs#x')).toBe('/aktiviteter?typ=kurs#x');
    expect(normaliseNextPath('/a/./b/../c')).toBe('/a/c');
  });

  it('refuses everything that would resolve to another origin or a protocol-relative path', () => {
    for (const next of ['/.//evil.example/phish', '/..//evil.example', '/%2e%2e//evil.example', '/%252e%252e//evil.example', '//evil.example', '/\\evil.example', '/%5cevil.example', 'https://evil.example', 'evil.example', '/\u0000x', '', '/%', 'javascript:alert(1)']) {
      expect(normaliseNextPath(next), next).toBeNull();
    }
  });

  it('safeNextPath falls back to Mina sidor and never returns to log-in/log-out', () => {
    expect(safeNextPath('/.//evil.example')).toBe('/mina-sidor');
    expect(safeNextPath('/logga-in?next=/x')).toBe('/mina-sidor');
    expect(safeNextPath(undefined)).toBe('/mina-sidor');
  });
});
