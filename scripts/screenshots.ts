// `npm run screenshots`: builds the demo org into dist/ and takes the README's pictures of each main page type, light and
// dark, at laptop width, in Debian's Chromium (or CHROME_PATH). Run it after changing how a page looks, and
// commit the pictures with the change so the README stays current.

import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT } from '../src/site/build/build.ts';
import { launchChromium } from '../src/site/testing/browser.ts';
import { serveStatic } from '../src/site/testing/serve.ts';

/** Page type → its path in the demo portal. */
const PAGES: Record<string, string> = {
  home: '',
  catalog: 'catalog/',
  entity: 'catalog/default/component/shipments-service/',
  explorer: 'catalog/default/system/shipment-management/graph/',
  api: 'catalog/default/api/shipments-api/',
  docs: 'docs/default/component/shipments-service/',
  create: 'create/',
  problems: 'problems/',
};

const out = join(REPO_ROOT, '.github', 'screenshots');

const built = spawnSync(process.execPath, [join(REPO_ROOT, 'src', 'cli', 'backlot.js'), 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

const server = await serveStatic(join(REPO_ROOT, 'dist'));
const browser = await launchChromium();
try {
  mkdirSync(out, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, colorScheme: scheme, deviceScaleFactor: 1 });
    const page = await context.newPage();
    for (const [name, path] of Object.entries(PAGES)) {
      await page.goto(server.url + path, { waitUntil: 'networkidle' });
      // Diagrams and the catalog app draw after load.
      await page.waitForTimeout(500);
      const file = join(out, `${name}-${scheme}.jpg`);
      await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
      console.log(`/${path} (${scheme}) → ${relative(REPO_ROOT, file)}`);
    }
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
