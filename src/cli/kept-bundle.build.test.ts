// A rebuild renders from the last full build's kept server bundle (src/site/build/kept-bundle.ts); a bundle that
// cannot render, or is not this build's, leaves the build to Astro and loses nothing: real CLI processes on a copy
// of the fixture org.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../site/build/files.ts';
import type { KeptBundle } from '../site/build/kept-bundle.ts';
import { formatBuildTime } from '../views/format.ts';

const BIN = join(REPO_ROOT, 'src/cli/backlot.js');
// Inside the repo: Astro keeps its prerender chunks under the cwd (as the demo test does).
const work = join(REPO_ROOT, '.backlot', `kept-bundle-test-${process.pid}`);
const org = join(work, 'org');
const kept = join(work, '.backlot-cache', 'site-bundle');
const REPLAYED = /pages .*; the last build's bundle, not bundled again/;
const CONFIG = (outDir: string, cacheDir: string) => `site:\n  title: Kept\n  base: /portal/\n  outDir: ${outDir}\ncacheDir: ${cacheDir}\n`;
const PAGE = 'dist/catalog/default/component/payments-service/index.html';

function build(config = join(work, 'backlot.config.yaml'), ...args: string[]): Promise<string> {
  const child = spawn(process.execPath, [BIN, 'build', '--verbose', '--config', config, ...args, org], { cwd: work, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c));
  child.stderr.on('data', (c: Buffer) => (out += c));
  return new Promise((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`exit ${code}:\n${out.slice(-3000)}`)))));
}

/** Gives the payments service a new title and builds. */
function retitle(title: string): Promise<string> {
  const file = join(org, 'payments/catalog-info.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/^ {2}title: .*$/m, `  title: ${title}`));
  return build();
}

const meta = () => JSON.parse(readFileSync(join(kept, 'meta.json'), 'utf8')) as KeptBundle;

/** Every file of a site with a hash of its content, the build's own time taken out. */
function siteFiles(dir: string): Map<string, string> {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const builtAt = /<time datetime="([^"]+)"/.exec(html.slice(html.lastIndexOf('<footer')))![1]!;
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes: Buffer | string = readFileSync(path);
    if (/\.(html|json|xml)$/.test(entry.name)) bytes = bytes.toString('utf8').replaceAll(builtAt, '<built>').replaceAll(formatBuildTime(builtAt), '<built>');
    files.set(relative(dir, path), createHash('sha1').update(bytes).digest('hex'));
  }
  return files;
}
const read = (file: string) => readFileSync(join(work, file), 'utf8');

describe('the kept server bundle', () => {
  const logs: Record<string, string> = {};
  const files: { cold: string[]; broken: string[] } = { cold: [], broken: [] };
  // The search index's files are named by their content, which the edits change.
  const list = () => readdirSync(join(work, 'dist'), { recursive: true }).map(String).filter((f) => !f.startsWith('pagefind/')).sort();

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work, { recursive: true });
    cpSync(join(REPO_ROOT, 'src/site/fixtures/org'), org, { recursive: true });
    // Under a base path: the replay renders each page at the URL Astro would.
    writeFileSync(join(work, 'backlot.config.yaml'), CONFIG('dist', '.backlot-cache'));
    logs.cold = await build();
    files.cold = list();
    // A kept bundle that throws when imported: the replay fails before any page, and Astro builds the site.
    writeFileSync(join(kept, 'prerender', meta().entry), "throw new Error('a broken bundle');\n");
    logs.broken = await retitle('Payments After Broken');
    logs.brokenPage = read(PAGE);
    files.broken = list();
    // The site Astro built in a folder of its own kept no bundle: the next build keeps one, and the one after renders from it.
    logs.afterBroken = await retitle('Payments Full Again');
    cpSync(join(work, 'dist'), join(work, 'before-renewed'), { recursive: true });
    logs.renewed = await retitle('Payments Renewed');
    logs.renewedPage = read(PAGE);
    // The same org built whole by Astro, continuing the same history: what the replayed site must equal.
    writeFileSync(join(work, 'whole.config.yaml'), CONFIG('whole', '.whole-cache'));
    cpSync(join(work, 'dist'), join(work, 'replayed'), { recursive: true });
    logs.whole = await build(join(work, 'whole.config.yaml'), '--no-reuse', '--previous', join(work, 'before-renewed'));
    // A bundle kept by another Astro is not read.
    writeFileSync(join(kept, 'meta.json'), JSON.stringify({ ...meta(), astro: '0.0.0' }));
    logs.otherAstro = await retitle('Payments Other Astro');
    logs.otherAstroPage = read(PAGE);
  }, 240_000);

  afterAll(() => { if (!process.env.KEEP) rmSync(work, { recursive: true, force: true }); });

  it('is kept by a full build, with the client files it wrote', () => {
    expect(logs.cold).not.toMatch(REPLAYED);
    expect(meta().assets.some((f) => f.startsWith('_astro/') && f.endsWith('.css'))).toBe(true);
    expect(meta().assets).toContain('favicon.svg');
  });

  it('that cannot render leaves the build to Astro: the whole site, the edit in it, and a new bundle kept', () => {
    expect(logs.broken).toMatch(/The kept bundle could not render the site \(a broken bundle\): building with Astro/);
    expect(logs.broken).not.toMatch(REPLAYED);
    expect(logs.brokenPage).toContain('Payments After Broken');
    expect(files.broken).toEqual(files.cold);
    expect(logs.afterBroken).not.toMatch(REPLAYED);
    expect(logs.afterBroken).not.toMatch(/could not render/);
    expect(logs.renewed).toMatch(REPLAYED);
    expect(logs.renewedPage).toContain('Payments Renewed');
  });

  it('renders, under a base path, the site Astro renders: file for file but the build time', () => {
    expect(logs.whole).not.toMatch(REPLAYED);
    const replayed = siteFiles(join(work, 'replayed'));
    const whole = siteFiles(join(work, 'whole'));
    expect([...replayed.keys()].sort()).toEqual([...whole.keys()].sort());
    expect([...replayed].filter(([file, hash]) => whole.get(file) !== hash).map(([file]) => file)).toEqual([]);
    expect(read('replayed/index.html')).toContain('href="/portal/catalog/');
  });

  it('kept by another Astro version is not read, and the next build keeps its own', () => {
    expect(logs.otherAstro).not.toMatch(REPLAYED);
    expect(logs.otherAstro).not.toMatch(/could not render/);
    expect(logs.otherAstroPage).toContain('Payments Other Astro');
    expect(meta().astro).not.toBe('0.0.0');
  });
});
