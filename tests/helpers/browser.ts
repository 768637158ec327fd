import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Db } from '#lib/db.ts';
import { createSession, generateSessionToken, SESSION_COOKIE } from '#lib/auth/session.ts';
import { AxeBuilder } from '@axe-core/playwright';

export const CHROMIUM_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium saknas (${CHROMIUM_PATH}). Installera: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * Runs axe with the WCAG 2.1 A/AA rules and returns the violations as readable lines. Legacy mode runs axe in
 * the page itself; the default mode opens an extra blank page per scan to merge the results of cross-origin
 * frames, which our pages do not have, and that took ~1.2 s of the ~2 s a scan cost.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).setLegacyMode(true).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** A temporary directory for downloads etc., removed by the returned function. */
export function tempDir(): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), 'skbn-e2e-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A browser context for the server, logged in as `userId` (a session made straight in the database) or anonymous. */
export async function newContextAs(
  browser: Browser,
  server: { url: string },
  db: Db,
  userId: number | null,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: server.url, ...options });
  // Playwright's 30 s default for one action or navigation is too short on a busy shared machine.
  context.setDefaultTimeout(120_000);
  if (userId !== null) {
    const token = generateSessionToken();
    createSession(db, token, userId);
    await context.addCookies([{ name: SESSION_COOKIE, value: token, url: server.url, httpOnly: true, sameSite: 'Lax' }]);
  }
  return context;
}

/** Zero axe violations and exactly one h1. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  expect(await axeViolations(page), `${label} (${page.url()})`).toEqual([]);
  expect(await page.locator('h1').count(), `${label}: one h1`).toBe(1);
}
