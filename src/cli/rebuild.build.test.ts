// A rebuild after one repo changed renders only the entity pages whose data changed and hard-links the others from
// the last build: real CLI processes on a copy of the fixture org. Pages copied carry a marker the test appends to the
// last build's output, so a page with the marker was reused and one without was rendered again.
// The pipeline keeps each unchanged repo's parsed catalog too (src/pipeline/repoCache.ts): the summary says how many.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../site/build/files.ts';
import { formatBuildTime } from '../views/format.ts';
import { launchChromium } from '../site/testing/browser.ts';
import { serveStatic } from '../site/testing/serve.ts';
import { shardFolder, shardOf } from '../search/shards.ts';
import { SHARDS_FILE, type ShardsFile } from '../views/search-facets.ts';

const BIN = join(REPO_ROOT, 'src/cli/backlot.js');
// Inside the repo: Astro keeps its prerender chunks under the cwd (as the demo test does).
const work = join(REPO_ROOT, '.backlot', `rebuild-test-${process.pid}`);
const org = join(work, 'org');
const MARKER = '<!--reused-->';
const NOTES = [
  'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: notes-service }\nspec: { type: service, lifecycle: production, owner: team-platform }\n',
  'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: { name: notes-db }\nspec: { type: database, owner: team-platform }\n',
].join('---\n');

function config(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'backlot.config.yaml');
  writeFileSync(file, 'site:\n  title: Rebuilt\n  outDir: dist\ncacheDir: .backlot-cache\n');
  return file;
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // A search shard per ~4 pages: the small org's index in several shards, as 10,000 entities' is.
  const child = spawn(process.execPath, [BIN, ...args], { cwd: work, env: { ...process.env, NO_COLOR: '1', CI: '1', BACKLOT_SEARCH_SHARD_PAGES: '4' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

async function build(args: string[]): Promise<string> {
  const result = await run(['build', ...args, org]);
  expect(result.code, result.stderr + result.stdout).toBe(0);
  return result.stdout;
}

const entityPages = (dir: string) =>
  readdirSync(join(dir, 'catalog'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .filter((f) => /^catalog\/[^/]+\/[^/]+\/[^/]+\/index\.html$/.test(f) && !f.startsWith('catalog/kind/') && !f.startsWith('catalog/all/'));

/** The catalog's static list pages, one per kind (the fixture org's kinds have one page each). */
const kindLists = (dir: string) =>
  readdirSync(join(dir, 'catalog/kind'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'index.html')
    .map((e) => relative(dir, join(e.parentPath, e.name)));

/** The TechDocs pages (the fixture org has the payments team's and the platform team's sites). */
const docsPages = (dir: string) =>
  readdirSync(join(dir, 'docs'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name === 'index.html' && e.parentPath !== join(dir, 'docs'))
    .map((e) => relative(dir, join(e.parentPath, e.name)));

/** Marks every entity page of a built site: a page still marked after a rebuild was copied, not rendered. */
function mark(dir: string): string[] {
  const pages = entityPages(dir);
  for (const page of pages) appendFileSync(join(dir, page), MARKER);
  return pages;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');
/** The search index's shard folders ('' for the first). */
const shardFolders = (dir: string) => ['', ...(JSON.parse(read(dir, `pagefind/${SHARDS_FILE}`)) as ShardsFile).shards];
/** `… pages indexed in N shards, M reused` from a build's summary. */
const indexed = (log: string) => {
  const m = /pages indexed in (\d+) shards?(?:, (\d+) reused)?/.exec(log);
  return m ? { shards: Number(m[1]), reused: Number(m[2] ?? 0) } : undefined;
};
const EXPLORERS = ['catalog/default/system/checkout/graph/index.html', 'catalog/default/domain/commerce/graph/index.html'];
const footerTime = (html: string) => /<time datetime="([^"]+)"/.exec(html.slice(html.lastIndexOf('<footer')))?.[1];

/** Every file with a hash of its content, the build's own time and the markers taken out. */
function siteFiles(dir: string): Map<string, string> {
  const builtAt = footerTime(read(dir, 'index.html'))!;
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes: Buffer | string = readFileSync(path);
    if (/\.(html|json|xml)$/.test(entry.name)) bytes = bytes.toString('utf8').replaceAll(MARKER, '').replaceAll(builtAt, '<built>').replaceAll(formatBuildTime(builtAt), '<built>');
    files.set(relative(dir, path), createHash('sha1').update(bytes).digest('hex'));
  }
  return files;
}

/** Every folder of a site, sorted. */
const siteFolders = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

describe('a rebuild after one repo changed', () => {
  const site = join(work, 'a/dist');
  const logs = { cold: '', edit: '', rename: '', full: '' };
  let markedBefore: string[] = [];
  let markedRename: string[] = [];
  /** The inode of each entity page of the output before the rename's rebuild. */
  const inodes = new Map<string, number>();
  /** The inode of each search shard's entry file before the rename's rebuild. */
  const shardInodes = new Map<string, number>();

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    cpSync(join(REPO_ROOT, 'src/site/fixtures/org'), org, { recursive: true });
    mkdirSync(join(org, 'notes'));
    writeFileSync(join(org, 'notes/catalog-info.yaml'), NOTES);
    const a = config('a');
    logs.cold = await build(['--config', a]);
    markedBefore = mark(site);
    for (const page of EXPLORERS) appendFileSync(join(site, page), MARKER);
    // One repo changed: its service has a new title, and its database is gone.
    writeFileSync(join(org, 'notes/catalog-info.yaml'), NOTES.replace('name: notes-service }', 'name: notes-service, title: Notes Core }').split('---')[0]!);
    logs.edit = await build(['--config', a]);
    // A group renamed: every page that shows the group shows its new title.
    cpSync(site, join(work, 'before-rename'), { recursive: true });
    markedRename = mark(site);
    // Docs pages are not marked: the search index reads their HTML, and a mark would change their shards' keys.
    for (const page of kindLists(site)) appendFileSync(join(site, page), MARKER);
    for (const page of [...markedRename, ...kindLists(site), ...docsPages(site)]) inodes.set(page, statSync(join(site, page)).ino);
    for (const folder of shardFolders(site)) shardInodes.set(folder, statSync(join(site, 'pagefind', folder, 'pagefind-entry.json')).ino);
    const people = join(org, 'org/catalog-info.yaml');
    writeFileSync(people, read(org, 'org/catalog-info.yaml').replace('title: Payments Team', 'title: Payments Guild'));
    logs.rename = await build(['--config', a]);
    // The same org built whole, continuing the same history: what the rebuild must equal.
    logs.full = await build(['--config', config('b'), '--no-reuse', '--previous', join(work, 'before-rename')]);
  });

  afterAll(() => { if (!process.env.KEEP) rmSync(work, { recursive: true, force: true }); });

  it('renders every page the first time and records their keys', () => {
    expect(logs.cold).toMatch(/pages +\d+ entity pages rendered \(none reused: no manifest of the last build\)/);
    expect(markedBefore.length).toBeGreaterThan(10);
    expect(JSON.parse(read(work, 'a/.backlot-cache/pages.json')).pages).toHaveProperty(['catalog/default/component/notes-service/index.html']);
    expect(logs.full).toMatch(/none reused: --no-reuse/);
  });

  it('renders a rebuild from the last build\'s kept server bundle, without bundling again (src/site/build/kept-bundle.ts)', () => {
    const replayed = /pages .*; the last build's bundle, not bundled again/;
    expect(logs.cold).not.toMatch(replayed);
    expect(logs.full).not.toMatch(replayed);
    expect(logs.edit).toMatch(replayed);
    expect(logs.rename).toMatch(replayed);
    expect(existsSync(join(work, 'a/.backlot-cache/site-bundle/meta.json'))).toBe(true);
  });

  it('renders the changed entity again, links the others (no build time in their footer), and drops the removed one', () => {
    const edited = /pages +(\d+) entity pages rendered, (\d+) reused from the last build/.exec(logs.edit);
    expect(edited, logs.edit).not.toBeNull();
    const notes = read(join(work, 'before-rename'), 'catalog/default/component/notes-service/index.html');
    expect(notes).toContain('Notes Core');
    expect(notes).not.toContain(MARKER);
    // Its owner lists it: rendered again too.
    expect(read(join(work, 'before-rename'), 'catalog/default/group/team-platform/index.html')).not.toContain(MARKER);
    const kept = read(join(work, 'before-rename'), 'catalog/default/component/payments-service/index.html');
    expect(kept.endsWith(MARKER)).toBe(true);
    // Reused as it was: its footer shows no build time (the home page's footer does), so it needs no rewrite.
    expect(kept).toMatch(/<footer class="site-footer">\s*<div class="inner">\s*Built by Backlot\.\s*<\/div>/);
    expect(footerTime(kept)).toBeUndefined();
    expect(footerTime(read(join(work, 'before-rename'), 'index.html'))).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(entityPages(join(work, 'before-rename'))).not.toContain('catalog/default/resource/notes-db/index.html');
    // Its folder too (the rebuild makes the last build's folders ahead of its pages).
    expect(existsSync(join(work, 'before-rename', 'catalog/default/resource/notes-db'))).toBe(false);
    // Graph explorers are keyed too: the notes repo is in no system, so they are linked as they were.
    for (const page of EXPLORERS) expect(read(join(work, 'before-rename'), page).endsWith(MARKER), page).toBe(true);
    expect(markedBefore).toContain('catalog/default/resource/notes-db/index.html');
    expect(Number(edited![2])).toBeGreaterThan(3);
  });

  it('parses and validates again only the repos whose files changed; --no-reuse and a first build read them all', () => {
    const repos = Number(/repos +(\d+)/.exec(logs.cold)![1]);
    expect(repos).toBeGreaterThan(3);
    for (const log of [logs.cold, logs.full]) expect(log).not.toMatch(/repos kept/);
    // The fixture org's repos all read their own files only, so every unchanged one is kept.
    expect(logs.edit).toContain(`catalog ${/catalog (\d+\.\d s)/.exec(logs.edit)![1]} (${repos - 1} of ${repos} repos kept)`);
    expect(logs.rename).toMatch(new RegExp(`\\(${repos - 1} of ${repos} repos kept\\)`));
    expect(readdirSync(join(work, 'a/.backlot-cache/pipeline/repos'))).toHaveLength(repos);
  });

  it('after a group rename, renders every page showing the group and reuses only pages that never showed it', () => {
    const pages = entityPages(site);
    const reused = pages.filter((p) => read(site, p).endsWith(MARKER));
    const rendered = pages.filter((p) => !reused.includes(p));
    expect(reused.length).toBeGreaterThan(2);
    expect(rendered).toEqual(expect.arrayContaining(['catalog/default/group/team-payments/index.html', 'catalog/default/component/payments-service/index.html', 'catalog/default/group/engineering/index.html']));
    for (const page of reused) expect(read(site, page), page).not.toContain('Payments Team');
    // The last build's very files, hard-linked into the new site (the last output is deleted after the swap).
    for (const page of reused) expect(statSync(join(site, page)).ino, page).toBe(inodes.get(page));
    for (const page of rendered) expect(statSync(join(site, page)).ino, page).not.toBe(inodes.get(page));
    for (const page of rendered) expect(markedRename).toContain(page);
    expect(rendered.some((p) => read(site, p).includes('Payments Guild'))).toBe(true);
  });

  it('after a group rename, renders again the docs pages naming the group as their owner and links the others', () => {
    // Reused: the last build's very file (hard-linked); rendered: a new one.
    const pages = docsPages(site);
    const reused = pages.filter((p) => statSync(join(site, p)).ino === inodes.get(p));
    const rendered = pages.filter((p) => !reused.includes(p));
    expect(rendered.length).toBeGreaterThan(0);
    expect(reused.length).toBeGreaterThan(0);
    for (const page of rendered) expect(read(site, page), page).toContain('Payments Guild');
    for (const page of reused) expect(read(site, page), page).not.toContain('Payments Team');
    // Reused as they were: no build time in their footer.
    for (const page of pages) expect(footerTime(read(site, page)), page).toBeUndefined();
  });

  it('after a group rename, renders again the catalog lists that show the group and links the others', () => {
    const lists = kindLists(site);
    const reused = lists.filter((p) => read(site, p).endsWith(MARKER));
    const rendered = lists.filter((p) => !reused.includes(p));
    // The Groups list shows the group; the Components list shows it as their owner; the Users list shows neither.
    expect(rendered).toEqual(expect.arrayContaining(['catalog/kind/group/index.html', 'catalog/kind/component/index.html']));
    expect(reused).toContain('catalog/kind/user/index.html');
    for (const page of rendered) expect(read(site, page), page).toContain('Payments Guild');
    for (const page of reused) expect(read(site, page), page).not.toContain('Payments Team');
    for (const page of reused) expect(statSync(join(site, page)).ino, page).toBe(inodes.get(page));
    const keys = (JSON.parse(read(work, 'a/.backlot-cache/pages.json')) as { pages: Record<string, string> }).pages;
    for (const page of lists) expect(keys, page).toHaveProperty([page]);
  });

  it('gives the same site as a build that renders every page, file for file but the build time', () => {
    const rebuilt = siteFiles(site);
    const whole = siteFiles(join(work, 'b/dist'));
    expect([...rebuilt.keys()].sort()).toEqual([...whole.keys()].sort());
    expect(siteFolders(site)).toEqual(siteFolders(join(work, 'b/dist')));
    expect([...rebuilt].filter(([file, hash]) => whole.get(file) !== hash).map(([file]) => file)).toEqual([]);
    // Entity pages as they are, the build time not normalised: a cold build writes the very bytes a rebuild reuses.
    const pages = entityPages(site);
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(read(site, page).replaceAll(MARKER, ''), page).toBe(read(join(work, 'b/dist'), page));
    // The same keys: the whole build's worked out as its pages rendered, the rebuild's kept from the last build or
    // worked out by the pages it rendered.
    const keys = (name: string) => (JSON.parse(read(work, `${name}/.backlot-cache/pages.json`)) as { pages: Record<string, string> }).pages;
    expect(Object.keys(keys('b')).length).toBeGreaterThan(10);
    expect(keys('a')).toEqual(keys('b'));
  });

  it('indexes again only the search shards whose pages changed and links the others from the last build', () => {
    const cold = indexed(logs.cold)!;
    expect(cold.shards, logs.cold).toBeGreaterThan(2);
    expect(cold.reused).toBe(0);
    expect(indexed(logs.full)!.reused).toBe(0);
    for (const log of [logs.edit, logs.rename]) {
      const rebuilt = indexed(log)!;
      expect(rebuilt.shards).toBe(cold.shards);
      expect(rebuilt.reused, log).toBeGreaterThan(0);
      expect(rebuilt.reused, log).toBeLessThan(rebuilt.shards);
    }
    // The renamed group's shard is indexed again; a reused shard is the last build's very files.
    const folders = shardFolders(site);
    expect(folders.length).toBeGreaterThan(2); // a shard with no page is not written
    const groupShard = shardFolder(shardOf('/catalog/default/group/team-payments/', cold.shards));
    expect(folders).toContain(groupShard);
    const same = folders.filter((f) => statSync(join(site, 'pagefind', f, 'pagefind-entry.json')).ino === shardInodes.get(f));
    expect(same).not.toContain(groupShard);
    expect(same).toHaveLength(indexed(logs.rename)!.reused);
    expect(JSON.parse(read(work, 'a/.backlot-cache/search.json')).shards).toHaveLength(folders.length);
  });

  it('indexes the whole rebuilt site: search finds the new titles, and the header box finds a page of each shard', async () => {
    const server = await serveStatic(site);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      const titles = (await page.evaluate(`(async () => {
        const base = '${new URL(server.url).pathname}';
        const pf = await import(base + 'pagefind/pagefind.js');
        for (const folder of (await (await fetch(base + 'pagefind/${SHARDS_FILE}')).json()).shards) await pf.mergeIndex(base + 'pagefind/' + folder);
        const titles = async (q) => Promise.all((await pf.search(q)).results.map(async (r) => (await r.data()).meta.title));
        return { notes: await titles('notes'), guild: await titles('guild') };
      })()`)) as Record<string, string[]>;
      expect(titles.notes).toContain('Notes Core');
      expect(titles.notes).not.toContain('notes-db');
      expect(titles.guild).toContain('Payments Guild');
      // The site's own search box merges every shard: an entity from each is found by its name, first.
      const count = indexed(logs.rename)!.shards;
      const urls = entityPages(site).map((f) => `/${f.replace(/index\.html$/, '')}`);
      const box = page.locator('#site-search');
      const shards = new Set(urls.map((u) => shardOf(u, count)));
      expect(shards.size).toBeGreaterThan(2);
      for (const k of shards) {
        const url = urls.find((u) => shardOf(u, count) === k)!;
        await box.fill(url.split('/')[4]!);
        // First: results from every shard are ranked together, an exact name above pages with its parts.
        await page.locator(`#site-search-results li:first-child a[href$="${url}"]`).waitFor({ timeout: 15_000 });
      }
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
