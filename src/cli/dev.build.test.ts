// `backlot dev` as an author uses it: the real CLI starts Astro's dev server over a copy of the demo org, the links
// the pages carry answer (raw API definitions included), and a save in a catalog file, a docs page or mkdocs.yml is
// on the page moments later, in the terminal when it is a problem, and in an open browser without a keystroke.
// Then `dev --docs` previews a lone repo's docs, as `mkdocs serve` does.

import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { REPO_ROOT } from '../site/build/build.ts';
import { launchChromium } from '../site/testing/browser.ts';

const work = join(REPO_ROOT, '.backlot', `dev-test-${process.pid}`);
const org = join(work, 'org');

interface Dev {
  child: ChildProcess;
  base: string;
  /** Everything it printed so far. */
  output(): string;
}

/** Starts `backlot dev ARGS` as a user runs it; resolves once it watches for changes. */
async function startDev(args: string[]): Promise<Dev> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'src/cli/backlot.js'), 'dev', ...args], {
    cwd: REPO_ROOT,
    // Under Vitest's variables Astro's dev server takes itself for a test and serves no routes.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV')), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server did not start:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/localhost:\d+\//.exec(output)?.[0];
      if (url && /^Watching \d+ repos? for changes/m.test(output)) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`dev exited with ${code}:\n${output}`)));
  });
  return { child, base, output: () => output };
}

async function stopDev(dev: Dev | undefined): Promise<void> {
  if (!dev || dev.child.exitCode !== null) return;
  const exited = new Promise((resolve) => dev.child.once('exit', resolve));
  dev.child.kill('SIGTERM');
  await exited;
}

/** Milliseconds until `url` answers with HTML containing `text`, or passing `test` (polled every 25 ms; fails after 15 s). */
async function served(url: URL, text: string, test = (html: string) => html.includes(text)): Promise<number> {
  const started = performance.now();
  for (;;) {
    const html = await fetch(url).then((r) => (r.ok ? r.text() : ''), () => '');
    if (html && test(html)) return Math.round(performance.now() - started);
    if (performance.now() - started > 15_000) throw new Error(`${url} never showed "${text}"`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Saves a file as editors do: new contents written beside it, renamed over it. */
function save(file: string, edit: (text: string) => string): void {
  const text = readFileSync(file, 'utf8');
  const next = edit(text);
  expect(next).not.toBe(text);
  writeFileSync(`${file}.saving`, next);
  renameSync(`${file}.saving`, file);
}

const timings: string[] = [];

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  // The figure the README quotes: from a save to the changed page being served.
  if (timings.length) console.log(`backlot dev, save → page served: ${timings.join(', ')}`);
});

describe('backlot dev', () => {
  let dev: Dev;
  let browser: Browser | undefined;
  const shipments = join(org, 'shipments');

  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    cpSync(join(REPO_ROOT, 'content', 'repos'), org, { recursive: true });
    const config = readFileSync(join(REPO_ROOT, 'backlot.config.yaml'), 'utf8')
      .replace('path: content/repos', `path: ${JSON.stringify(org)}`)
      .replace('pages: content/pages', `pages: ${JSON.stringify(join(REPO_ROOT, 'content', 'pages'))}`)
      .replace(/module: \.\/(\S+)/g, (_, file: string) => `module: ${JSON.stringify(join(REPO_ROOT, file))}`);
    writeFileSync(join(work, 'backlot.config.yaml'), config);
    dev = await startDev(['--config', join(work, 'backlot.config.yaml')]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stopDev(dev);
  });

  it('serves the pages and the raw definitions they link to', async () => {
    const page = await fetch(new URL('catalog/default/api/customer-graphql/', dev.base));
    expect(page.status).toBe(200);
    const html = await page.text();
    const raw = /href="([^"]*schema\.graphql)"/.exec(html)?.[1];
    expect(raw).toBe('/catalog/default/api/customer-graphql/schema.graphql');
    const file = await fetch(new URL(raw!, dev.base));
    expect(file.status).toBe(200);
    expect(await file.text()).toMatch(/type \w+/);
  }, 60_000);

  it('serves the scripts of plugins’ cards, which a build copies into the site', async () => {
    const html = await (await fetch(new URL('catalog/default/resource/shipments-db/', dev.base))).text();
    const src = /<script[^>]*src="([^"]*_backlot\/plugins\/[^"]+\.js)"/.exec(html)?.[1];
    expect(src).toBeDefined();
    const script = await fetch(new URL(src!, dev.base));
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript']);
    expect(await script.text()).toBe(readFileSync(join(REPO_ROOT, 'content', 'plugins', 'aws-resource.browser.js'), 'utf8'));
  }, 30_000);

  it('serves the platform team’s own MDX pages', async () => {
    const page = await fetch(new URL('guides/getting-started/', dev.base));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-create-button="template:default/node-service"');
  }, 60_000);

  it('shows an edited catalog file’s new title, and reloads an open browser by itself', async () => {
    const url = new URL('catalog/default/component/shipments-service/', dev.base);
    browser = await launchChromium();
    const tab = await browser.newPage();
    await tab.goto(url.href);
    await expect.poll(() => tab.locator('h1').first().textContent()).toBe('Shipments Service');
    const saved = performance.now();
    save(join(shipments, 'catalog-info.yaml'), (t) => t.replace('  title: Shipments Service\n', '  title: Shipments Ledger\n'));
    timings.push(`catalog title ${await served(url, '>Shipments Ledger</h1>')} ms`);
    await tab.waitForFunction(() => document.querySelector('h1')?.textContent === 'Shipments Ledger', undefined, { timeout: 15_000 });
    timings.push(`open browser reloaded ${Math.round(performance.now() - saved)} ms`);
    expect(dev.output()).toMatch(/Changed shipments\/catalog-info\.yaml: rebuilt in \d+ ms \(\d+ errors?, \d+ warnings? in all\)/);
  }, 60_000);

  it('shows an edited docs page and a nav changed in mkdocs.yml', async () => {
    const runbook = new URL('docs/default/component/shipments-service/runbook/', dev.base);
    save(join(shipments, 'docs', 'runbook.md'), (t) => `${t}\nPage the duty officer before restarting the relay.\n`);
    timings.push(`docs page ${await served(runbook, 'Page the duty officer before restarting the relay.')} ms`);
    save(join(shipments, 'mkdocs.yml'), (t) => t.replace('      - Runbook: runbook.md', '      - On-call runbook: runbook.md'));
    timings.push(`mkdocs.yml nav ${await served(runbook, 'On-call runbook')} ms`);
  }, 60_000);

  it('reports a new error in the terminal and on the Problems page, and says when it is fixed', async () => {
    const file = join(org, 'label-service', 'catalog-info.yaml');
    save(file, (t) => t.replace(/  lifecycle: \w+/, '  lifecycle: [production'));
    const problems = new URL('problems/', dev.base);
    timings.push(`new problem ${await served(problems, 'is never closed')} ms`);
    const message = /org\/label-service\/catalog-info\.yaml:(\d+):\d+ +error +yaml-syntax +YAML syntax error: the \[ opened here is never closed/;
    await expect.poll(() => dev.output(), { timeout: 5_000 }).toMatch(message);
    // The entity is gone with its file, so the two that depend on it point at nothing now.
    expect(dev.output()).toMatch(/Changed label-service\/catalog-info\.yaml: rebuilt in \d+ ms, 3 new problems \(1 error, \d+ warnings in all\)/);
    expect(dev.output()).toMatch(/org\/shipments\/catalog-info\.yaml:\d+:\d+ +warning +dangling-ref +spec\.dependsOn\[\d\] refers to component:default\/label-service/);
    save(file, (t) => t.replace('  lifecycle: [production', '  lifecycle: production'));
    await served(problems, '', (html) => !html.includes('is never closed'));
    await expect.poll(() => dev.output(), { timeout: 5_000 }).toMatch(/rebuilt in \d+ ms, 3 fixed \(0 errors, \d+ warnings? in all\)\n(fixed .*\n){3}/);
    expect(dev.output()).toMatch(/fixed +\S+label-service\/catalog-info\.yaml:\d+:\d+ +yaml-syntax/);
  }, 60_000);

  it('leaves a change the model does not depend on alone', async () => {
    const before = dev.output();
    save(join(shipments, 'package.json'), (t) => t.replace('"name"', '"name" ')); // the pipeline never reads it
    await new Promise((r) => setTimeout(r, 600));
    expect(dev.output().slice(before.length)).not.toContain('Changed ');
    // A file the model does read, saved unchanged: it is looked at again.
    save(join(shipments, 'mkdocs.yml'), (t) => `${t}\n`);
    await expect.poll(() => dev.output().slice(before.length), { timeout: 5_000 }).toContain('Changed shipments/mkdocs.yml: rebuilt');
  }, 30_000);
});

describe('backlot dev --docs', () => {
  let dev: Dev | undefined;
  const repo = join(work, 'Pricing Notes');

  beforeAll(async () => {
    mkdirSync(join(repo, 'docs', 'img'), { recursive: true });
    writeFileSync(join(repo, 'mkdocs.yml'), 'site_name: Pricing notes\nnav:\n  - Start here: start.md\n  - Home: index.md\n');
    writeFileSync(join(repo, 'docs', 'start.md'), '# Start here\n\nHow prices are set.\n\n![Curve](img/curve.png)\n');
    writeFileSync(join(repo, 'docs', 'index.md'), '# Home\n');
    writeFileSync(join(repo, 'docs', 'img', 'curve.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    dev = await startDev(['--docs', repo]);
  }, 120_000);

  afterAll(() => stopDev(dev));

  it('serves a lone repo’s docs without a catalog file, opening on the first page of its nav', async () => {
    const start = '/docs/default/component/pricing-notes/start/';
    expect(dev!.output()).toContain(`Docs preview: ${new URL(start, dev!.base).href}`);
    const root = await fetch(dev!.base, { redirect: 'manual' });
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe(start);
    const html = await (await fetch(new URL(start, dev!.base))).text();
    expect(html).toContain('How prices are set.');
    const img = /<img[^>]*src="([^"]*curve\.png)"/.exec(html)?.[1];
    expect(img).toBeDefined();
    const bytes = await fetch(new URL(img!, new URL(start, dev!.base)));
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await bytes.arrayBuffer())).toEqual(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]));
    // No owner or system in the org to point at: a lone repo shows no problems about them.
    expect(await (await fetch(new URL('problems/', dev!.base))).text()).toContain('Nothing to fix.');
  }, 60_000);

  it('shows a saved page moments later', async () => {
    save(join(repo, 'docs', 'start.md'), (t) => t.replace('How prices are set.', 'How prices are set, and by whom.'));
    const ms = await served(new URL('/docs/default/component/pricing-notes/start/', dev!.base), 'How prices are set, and by whom.');
    timings.push(`--docs page ${ms} ms`);
  }, 30_000);
});
