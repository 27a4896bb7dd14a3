// Look and feel in Chromium on the fixture org's model: light and dark themes (system default, switch, remembered,
// no flash), keyboard and landmarks, phone width, and axe-core on the main pages in both themes.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { runAxe, serious } from './testing/axe.ts';
import { launchChromium } from './testing/browser.ts';
import { fixtureSite } from './testing/fixture-site.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

// The fixture org's site, indexed: built once for this file and site.build.test.ts.
const { dir: out, model } = await fixtureSite({ index: true });

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveStatic(out);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const LIGHT_BG = 'rgb(255, 255, 255)';
const DARK_BG = 'rgb(18, 22, 29)';
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor || getComputedStyle(document.documentElement).backgroundColor);
const htmlBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

async function newPage(options: { colorScheme?: 'light' | 'dark'; width?: number } = {}): Promise<Page> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: 900 },
  });
  return context.newPage();
}

describe('themes', () => {
  it('follows the system preference until the user switches', async () => {
    const dark = await newPage({ colorScheme: 'dark' });
    await dark.goto(server.url);
    expect(await htmlBackground(dark)).toBe(DARK_BG);
    expect(await dark.locator('[data-theme-switch]').getAttribute('aria-pressed')).toBe('true');
    const light = await newPage({ colorScheme: 'light' });
    await light.goto(server.url);
    expect(await htmlBackground(light)).toBe(LIGHT_BG);
    expect(await light.locator('[data-theme-switch]').getAttribute('aria-pressed')).toBe('false');
    await dark.context().close();
    await light.context().close();
  });

  it('switches, remembers the choice across pages and reloads, and applies it before the body is drawn', async () => {
    const page = await newPage({ colorScheme: 'light' });
    await page.goto(server.url);
    const toggle = page.locator('[data-theme-switch]');
    expect(await toggle.isVisible()).toBe(true);
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await htmlBackground(page)).toBe(DARK_BG);
    expect(await page.evaluate(() => localStorage.getItem('backlot.theme'))).toBe('dark');

    // The theme must be on <html> before <body> exists: no flash of the light theme.
    await page.addInitScript(() => {
      new MutationObserver((_records, observer) => {
        if (!document.body) return;
        (window as unknown as { themeAtBody: string | null }).themeAtBody = document.documentElement.getAttribute('data-theme');
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(server.url + 'catalog/');
    expect(await page.evaluate(() => (window as unknown as { themeAtBody: string | null }).themeAtBody)).toBe('dark');
    expect(await background(page)).not.toBe(LIGHT_BG);
    expect(await page.locator('[data-theme-switch]').getAttribute('aria-pressed')).toBe('true');

    await page.locator('[data-theme-switch]').click();
    await page.reload();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await htmlBackground(page)).toBe(LIGHT_BG);
    await page.context().close();
  });

  it('hides the switch without JavaScript and still follows the system', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(server.url);
    expect(await page.locator('[data-theme-switch]').isVisible()).toBe(false);
    expect(await htmlBackground(page)).toBe(DARK_BG);
    await context.close();
  });
});

describe('keyboard and landmarks', () => {
  it('starts with a skip link to the main content', async () => {
    const page = await newPage();
    await page.goto(server.url + 'catalog/');
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link[href="#main"]');
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.context().close();
  });

  it('has one banner, main nav, search, main and footer on every kind of page', async () => {
    const page = await newPage();
    for (const path of ['', 'catalog/', 'catalog/default/component/payments-service/', 'search/', 'problems/']) {
      await page.goto(server.url + path);
      expect(await page.getByRole('banner').count(), path).toBe(1);
      expect(await page.getByRole('navigation', { name: 'Main' }).count(), path).toBe(1);
      expect(await page.getByRole('search').count(), path).toBeGreaterThanOrEqual(1);
      expect(await page.getByRole('main').count(), path).toBe(1);
      expect(await page.getByRole('contentinfo').count(), path).toBe(1);
      expect(await page.locator('h1').count(), path).toBe(1);
    }
    await page.context().close();
  });

  it('focuses the search box with / on any page, but not while typing in a field', async () => {
    const page = await newPage();
    await page.goto(server.url + 'catalog/default/api/payments-api/');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await page.goto(server.url + 'catalog/');
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    await page.locator('#catalog-q').focus();
    await page.keyboard.type('a/b');
    expect(await page.locator('#catalog-q').inputValue()).toBe('a/b');
    await page.context().close();
  });

  it('filters the catalog with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(server.url + 'catalog/');
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    await page.locator('#catalog-q').focus();
    // Tab through the list radios into the type checkboxes, then check one with Space.
    let guard = 0;
    while ((await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)) !== 'type' && guard++ < 20) await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.waitForURL(/\?type=/);
    expect(await page.locator('[data-facet="type"] input:checked').count()).toBe(1);
    await page.context().close();
  });
});

describe('phone width', () => {
  it('never scrolls the page sideways', async () => {
    const page = await newPage({ width: 390 });
    for (const path of ['', 'catalog/', 'catalog/default/component/payments-service/', 'search/?q=payments', 'problems/']) {
      await page.goto(server.url + path);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, path).toBeLessThanOrEqual(0);
    }
    // Filters fold away behind a button.
    await page.goto(server.url + 'catalog/');
    await page.locator('[data-catalog-app][data-ready]').waitFor();
    expect(await page.locator('[data-filters]').isVisible()).toBe(false);
    await page.locator('.filters-toggle').click();
    expect(await page.locator('[data-filters]').isVisible()).toBe(true);
    await page.context().close();
  });
});

describe('accessibility (axe-core)', () => {
  const pages = {
    home: '',
    catalog: 'catalog/?kind=component',
    entity: 'catalog/default/component/payments-service/',
    api: `catalog/default/api/payments-api/`,
    search: 'search/?q=payments',
  };

  // Each page loaded once and checked light, then dark: the colours follow `color-scheme`, so switching the
  // emulated system preference recolours the page as loading it dark would.
  it('finds no serious or critical violations in the light and the dark theme', async () => {
    const page = await newPage();
    const found: string[] = [];
    for (const [name, path] of Object.entries(pages)) {
      await page.goto(server.url + path);
      if (name === 'catalog') await page.locator('[data-catalog-app][data-ready]').waitFor();
      if (name === 'search') await page.locator('[data-search-results] li').first().waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await htmlBackground(page), `${name} ${scheme}`).toBe(scheme === 'dark' ? DARK_BG : LIGHT_BG);
        const findings = await runAxe(page, { tags: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] });
        expect(findings.passes, `${name} ${scheme}`).toBeGreaterThan(20);
        found.push(...serious(findings).map((v) => `${name} ${scheme}: ${v}`));
      }
    }
    expect(found).toEqual([]);
    await page.context().close();
  });

  it('has the pages it checks', () => {
    expect(model.entities.some((e) => e.ref === 'api:default/payments-api')).toBe(true);
    expect(model.entities.some((e) => e.ref === 'component:default/payments-service')).toBe(true);
  });
});
