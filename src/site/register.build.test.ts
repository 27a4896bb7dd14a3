// "Register existing component" on the fixture org's portal, driven in headless Chromium: the form's pickers by
// display name, the file it writes checked in the browser, and the same file run through the real
// `backlot validate` CLI, which must agree with the page both when it passes and when it fails.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { runAxe, serious } from './testing/axe.ts';
import { launchChromium } from './testing/browser.ts';
import { REPO_ROOT } from './testing/build.ts';
import { fixtureSite } from './testing/fixture-site.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

const BASE = '/portal/';
const tmp = mkdtempSync(join(tmpdir(), 'backlot-register-'));
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  // Built once for this file and site.build.test.ts.
  const site = await fixtureSite({ base: BASE });
  server = await serveStatic(site.dir, { base: BASE });
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  page = await context.newPage();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** `backlot validate --strict` on one repo folder holding `files`, as a service repo's CI runs it. */
function validateRepo(name: string, files: Record<string, string>): { status: number | null; out: string } {
  const dir = join(tmp, 'repos', name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const res = spawnSync(process.execPath, [join(REPO_ROOT, 'src/cli/backlot.js'), 'validate', '--strict', dir], {
    cwd: tmp,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: res.status, out: res.stdout + res.stderr };
}

const form = () => page.locator('[data-register-form]');

describe('register existing component', () => {
  it('is linked from the catalog and from Create', async () => {
    await page.goto(`${server.url}create/`);
    expect(await page.locator('[data-register-link]').getAttribute('href')).toBe(`${BASE}catalog-import/`);
    await page.goto(`${server.url}catalog/`);
    await page.locator('[data-register-link]').click();
    await page.waitForURL(`**${BASE}catalog-import/`);
    expect(await page.locator('h1').innerText()).toBe('Register existing component');
  });

  it('offers owners and systems by display name', async () => {
    const owners = await form().locator('select[name="owner"] option').allInnerTexts();
    expect(owners).toContain('Payments Team (team-payments)');
    expect(owners).toContain('Alice Example (user:alice)');
    expect(await form().locator('select[name="system"] option').allInnerTexts()).toEqual(['None', 'Checkout (checkout)']);
  });

  it('writes a file that passes the page’s check and `backlot validate`, with GitHub’s new-file link and a copy button', async () => {
    await form().locator('input[name="name"]').fill('tracking-web');
    await form().locator('input[name="title"]').fill('Tracking web');
    await form().locator('textarea[name="description"]').fill('Where customers follow a parcel: live.');
    await form().locator('select[name="owner"]').selectOption({ label: 'Payments Team (team-payments)' });
    await form().locator('select[name="system"]').selectOption({ label: 'Checkout (checkout)' });
    await form().locator('input[name="type"]').fill('website');
    await form().locator('input[name="lifecycle"]').fill('production');
    await form().locator('input[name="docs"]').check();
    await form().locator('input[name="repoUrl"]').fill('https://github.com/acme/tracking-web');
    expect(await page.locator('[data-register-status]').innerText()).toBe('The file passes the build’s checks.');
    const text = await page.locator('[data-register-yaml]').innerText();
    expect(text).toContain('  owner: team-payments\n  system: checkout\n');
    expect(text).toContain('  description: "Where customers follow a parcel: live."\n');
    expect(text).toContain('    backstage.io/techdocs-ref: dir:.\n');

    const link = new URL((await page.locator('[data-register-github]').getAttribute('href'))!);
    expect(link.origin + link.pathname).toBe('https://github.com/acme/tracking-web/new/main');
    expect(link.searchParams.get('filename')).toBe('catalog-info.yaml');
    expect(link.searchParams.get('value')).toBe(text);
    expect(await page.locator('[data-register-command]').innerText()).toBe('npx backlot validate --strict ../tracking-web');

    await page.locator('[data-register-copy]').click();
    await page.locator('[data-register-copy][data-state="done"]').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    const result = validateRepo('tracking-web', { 'catalog-info.yaml': text, 'mkdocs.yml': 'site_name: Tracking web\n', 'docs/index.md': '# Tracking web\n' });
    expect(result.out).toContain('1 valid entities in 1 file of 1 repo; 0 errors, 0 warnings');
    expect(result.status).toBe(0);
  });

  it('shows the build’s own error at the field for a bad name, and `backlot validate` reports the same', async () => {
    await form().locator('input[name="name"]').fill('Tracking Web!');
    const error = page.locator('[data-error-for="metadata.name"]');
    await expect.poll(() => error.innerText()).toContain('metadata.name "Tracking Web!" is not a valid name');
    expect(await form().locator('input[name="name"]').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-register-status]').innerText()).toBe('1 problem the build would report.');
    expect(await page.locator('[data-register-problems] li').innerText()).toContain('4:9');
    expect(await page.locator('[data-register-github]').getAttribute('aria-disabled')).toBe('true');
    expect(await page.locator('[data-register-github]').getAttribute('href')).toBeNull();

    const result = validateRepo('bad-name', { 'catalog-info.yaml': await page.locator('[data-register-yaml]').innerText() });
    expect(result.status).toBe(1);
    expect(result.out).toContain('catalog-info.yaml:4:9');
    expect(result.out).toContain('metadata.name "Tracking Web!" is not a valid name');
  });

  it('asks only for what the kind takes', async () => {
    await form().locator('select[name="kind"]').selectOption('System');
    expect(await form().locator('input[name="lifecycle"]').isVisible()).toBe(false);
    expect(await form().locator('select[name="system"]').isVisible()).toBe(false);
    await form().locator('input[name="name"]').fill('tracking');
    expect(await page.locator('[data-register-status]').innerText()).toBe('The file passes the build’s checks.');
    const text = await page.locator('[data-register-yaml]').innerText();
    expect(text).toMatch(/^kind: System$/m);
    expect(text).not.toContain('lifecycle');
  });

  it('fits a phone and has no serious accessibility violations', async () => {
    expect(serious(await runAxe(page))).toEqual([]);
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    const copy = (await page.locator('[data-register-copy]').boundingBox())!;
    const file = (await page.locator('.register-file pre').boundingBox())!;
    expect(copy.y + copy.height).toBeLessThanOrEqual(file.y);
  });

  it('has no serious accessibility violations in the dark theme, with errors showing', async () => {
    const dark = await browser.newContext({ colorScheme: 'dark' });
    const darkPage = await dark.newPage();
    darkPage.on('pageerror', (err) => pageErrors.push(err.message));
    await darkPage.goto(`${server.url}catalog-import/`);
    await darkPage.locator('input[name="name"]').fill('Bad Name');
    await darkPage.locator('[data-error-for="metadata.name"]:not(:empty)').waitFor();
    expect(serious(await runAxe(darkPage))).toEqual([]);
    await dark.close();
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
