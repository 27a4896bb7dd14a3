// Builds the Pagefind search index over a built site. With the model, entities are indexed from their
// records (records.ts) through Pagefind's Node API and only the other pages that opt in with
// data-pagefind-body (docs) are read as HTML: at 10,000 entities that is ~5× faster than having Pagefind
// parse every entity page. Without a model, the Pagefind CLI crawls the site's HTML (entity pages carry no
// data-pagefind-* attributes: with docs pages, which opt in, it indexes only those). From the model the index is
// written in shards, and a rebuild indexes again only the shards whose pages changed (./shards.ts).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PortalModel } from '../model/portal.ts';
import { linkFiles } from '../util/linkFiles.ts';
import { moveDir } from '../util/moveDir.ts';
import { formatBuildTime } from '../views/format.ts';
import { entityRecords, type SearchRecord } from '../views/search.ts';
import { facetRows, writeFacetTable, type FacetRow } from './facets.ts';
import { hashOf, shardCount, shardFolder, shardOf, type PreviousIndex, type SearchManifest, type ShardRecord } from './shards.ts';
import { SHARDS_FILE, type ShardsFile } from '../views/search-facets.ts';

export interface IndexSiteOptions {
  /** Bundle fragments into shared files above this many pages (default 1,000). */
  maxFragments?: number;
  /** Receives Pagefind's output lines (default: discarded). */
  log?: (line: string) => void;
  /** Override the Pagefind runner script (tests). */
  runner?: string;
  /** The model the site was built from: index its entities from records instead of their HTML. */
  model?: PortalModel;
  /**
   * startModelIndex: a folder of its own where, when the model has no docs pages to wait for, the index is written
   * at once (while Astro renders) and from which finish() moves it into the site.
   */
  stagingDir?: string;
  /** The last build's index: a shard whose records and docs pages are unchanged is linked from its output. */
  previous?: PreviousIndex;
  /** How many shards (default: from the page count, ./shards.ts shardCount). */
  shards?: number;
}

export interface IndexSiteResult {
  pages: number;
  ms: number;
}

/** The installed pagefind package's folder and package.json. */
function pagefindPackage(): { dir: string; pkg: { name?: string; version?: string; bin?: string | Record<string, string> } } {
  // The package only exports ".", so find its folder from the main entry and read package.json there.
  let dir = dirname(fileURLToPath(import.meta.resolve('pagefind')));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string; bin?: string | Record<string, string> };
      if (pkg.name === 'pagefind') return { dir, pkg };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the pagefind package; is it installed?');
    dir = parent;
  }
}

/** Path of the `bin` script declared in the installed pagefind package's package.json. */
export function pagefindRunner(): string {
  const { dir, pkg } = pagefindPackage();
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.pagefind;
  if (!bin) throw new Error(`pagefind's package.json in ${join(dir, 'package.json')} declares no bin`);
  return join(dir, bin);
}

/** Reads "Indexed N pages" from Pagefind's summary. */
export function parseIndexedPages(output: string): number | undefined {
  const match = /Indexed (\d+) pages?/.exec(output);
  return match ? Number(match[1]) : undefined;
}

/**
 * Pagefind writes one fragment file per page unless told to bundle them (1.6's max-fragments). At 10,000 entities
 * that is 10,000 files, each costly to create on some file systems and to upload when deploying; bundled into
 * 1,000 files it wrote in 2.0 s instead of 5.0 s here, and a search result loads a bundle of about ten fragments.
 */
export const MAX_FRAGMENTS = 1000;

export function pagefindArgs(outDir: string, options: IndexSiteOptions = {}): string[] {
  return ['--site', resolve(outDir), '--max-fragments', String(options.maxFragments ?? MAX_FRAGMENTS)];
}

export async function indexSite(outDir: string, options: IndexSiteOptions = {}): Promise<IndexSiteResult> {
  const site = resolve(outDir);
  if (!existsSync(site)) throw new Error(`Search index: the site folder ${site} does not exist; build the site first`);
  if (options.model) return indexRecords(site, options.model, options);
  const runner = options.runner ?? pagefindRunner();
  const started = performance.now();
  const { code, output } = await run(process.execPath, [runner, ...pagefindArgs(site, options)], options.log);
  const ms = Math.round(performance.now() - started);
  const errors = output.split('\n').filter((l) => /^\s*error\b/i.test(l));
  if (code !== 0 || errors.length > 0) {
    const detail = (errors.length ? [...new Set(errors)] : output.trim().split('\n').slice(-5)).join('\n');
    throw new Error(`Pagefind failed to index ${site} (exit code ${code}):\n${detail}`);
  }
  const pages = parseIndexedPages(output);
  if (pages === undefined) throw new Error(`Pagefind ran but did not report how many pages it indexed:\n${output.trim()}`);
  await writeFacetTable(join(site, 'pagefind'));
  return { pages, ms: Math.round(performance.now() - started) };
}

function run(command: string, args: string[], log?: (line: string) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (log) for (const line of text.split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => reject(new Error(`Cannot start Pagefind (${command} ${args[0]}): ${err.message}`)));
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}

/** Indexes 500 records at a time: enough in flight to keep Pagefind's service busy, bounded memory. */
const BATCH = 500;

type PagefindIndex = NonNullable<Awaited<ReturnType<typeof import('pagefind').createIndex>>['index']>;

/** Adds the records, BATCH at a time; returns how many. */
async function addRecords(index: PagefindIndex, records: SearchRecord[], problems: string[]): Promise<number> {
  for (let i = 0; i < records.length; i += BATCH) {
    const added = await Promise.all(
      records.slice(i, i + BATCH).map((r) => index.addCustomRecord({ url: r.url, content: r.content, language: 'en', meta: r.meta, filters: r.filters })),
    );
    for (const a of added) problems.push(...a.errors);
  }
  return records.length;
}

async function indexRecords(site: string, model: PortalModel, options: IndexSiteOptions): Promise<IndexSiteResult> {
  const started = performance.now();
  const search = await startModelIndex(model, options);
  const result = await search.finish(site);
  return { ...result, ms: Math.round(performance.now() - started) };
}

export interface ModelIndex {
  /** Adds the built site's docs pages, writes the index into `<site>/pagefind/` and stops Pagefind. */
  finish(site: string): Promise<ModelIndexResult>;
  /** Stops Pagefind without writing (the build failed). */
  close(): Promise<void>;
}

export interface ModelIndexResult extends IndexSiteResult {
  shards: number;
  /** Shards linked from the last build's output. */
  reused: number;
  /** For the cache folder, once the site is swapped in (./shards.ts). */
  manifest: SearchManifest;
}

/** Bumped when what a shard's key leaves out changes (the facet rows' shape, the shards' layout). */
const FORMAT = '1';
/** What a shard other than the first keeps of what Pagefind writes: its index, not Pagefind's scripts. */
const SHARD_FILES = /^(pagefind-entry\.json|.*\.pf_meta|index|filter|fragment)$/;

interface Shard {
  k: number;
  folder: string;
  records: SearchRecord[];
  docs: string[];
  recordsKey: string;
  /** The last build's shard when its records are the same (its docs pages decide at finish). */
  last?: ShardRecord;
  /** Pagefind's index with the records added. */
  index?: Promise<PagefindIndex>;
  /** Written into the staging folder while the site renders (no docs pages): Pagefind's errors. */
  early?: Promise<string[]>;
  /** Its facet rows, read from the staging folder once written early (not after the site, which the build waits for). */
  rows?: Promise<FacetRow[]>;
}

/**
 * Starts the search index and adds the model's entities to it, in shards (./shards.ts). Entities need no built page,
 * so this runs while Astro renders (Pagefind works in its own process, on the other core); only the docs pages wait
 * for the site. A shard whose records and docs pages are the last build's (`options.previous`) is linked from its
 * output instead of indexed.
 */
export async function startModelIndex(model: PortalModel, options: IndexSiteOptions = {}): Promise<ModelIndex> {
  const started = performance.now();
  const pagefind = await import('pagefind');
  const records = await entityRecords(model);
  const docsFiles = docsPageFiles(model);
  const count = options.shards ?? shardCount(records.length + docsFiles.length);
  // The site's fragment files stay about as many as one index would write, however many shards.
  const maxFragments = Math.max(1, Math.round((options.maxFragments ?? MAX_FRAGMENTS) / count));
  const settings = `${FORMAT}:${pagefindPackage().pkg.version}:${maxFragments}:${count}`;
  const shards: Shard[] = Array.from({ length: count }, (_, k) => ({ k, folder: shardFolder(k), records: [], docs: [], recordsKey: '' }));
  for (const r of records) shards[shardOf(r.url, count)]!.records.push(r);
  for (const file of docsFiles) shards[shardOf(`/${file}`, count)]!.docs.push(file);
  const previous = options.previous;
  const last = new Map((previous?.manifest.shards ?? []).map((s) => [s.folder, s]));
  const problems: string[] = [];
  const indexes: PagefindIndex[] = [];
  const close = async () => {
    for (const index of indexes) await index.deleteIndex().catch(() => {});
    await pagefind.close().catch(() => {});
  };
  const startIndex = (shard: Shard) =>
    (shard.index ??= (async () => {
      const { index, errors } = await pagefind.createIndex({ maxFragments });
      if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
      indexes.push(index);
      await addRecords(index, shard.records, problems);
      return index;
    })());
  // Each shard is written into a folder of its own and moved into the site when all are done (or linked instead).
  let staging = options.stagingDir ?? '';
  const staged = (shard: Shard) => join(staging, `pagefind-${shard.k}`);
  try {
    for (const shard of shards) {
      if (isEmpty(shard)) continue;
      shard.recordsKey = hashOf([settings, String(shard.k), ...shard.records.map((r) => JSON.stringify(r))]);
      const before = last.get(shard.folder);
      if (previous && before?.records === shard.recordsKey && before.files.every((f) => existsSync(join(previous.site, 'pagefind', shard.folder, f)))) {
        shard.last = before;
        continue;
      }
      await startIndex(shard);
      // Nothing left to add from the built site: write the shard now, beside it, and move it in when the site is done.
      if (options.stagingDir && shard.docs.length === 0) {
        shard.early = shard.index!.then(async (index) => (problems.length ? [] : (await index.writeFiles({ outputPath: staged(shard) })).errors));
        shard.early.catch(() => {}); // awaited in finish
        // Read back while the site renders: a one-repo rebuild at 10,000 entities read ~3,300 fragments after it (0.3-0.5 s in CPU profiles of a loaded VM).
        shard.rows = shard.early.then((errors) => (errors.length ? [] : facetRows(staged(shard), shard.folder)));
        shard.rows.catch(() => {}); // awaited in finish
      }
    }
  } catch (err) {
    await close();
    throw err;
  }
  return {
    close: async () => {
      for (const shard of shards) await shard.early?.catch(() => {});
      await close();
    },
    async finish(outDir: string) {
      const site = resolve(outDir);
      const pagefindDir = join(site, 'pagefind');
      staging ||= join(site, '.pagefind-shards');
      try {
        if (!existsSync(site)) throw new Error(`Search index: the site folder ${site} does not exist; build the site first`);
        // Every shard at once (Pagefind's service writes them on both cores), each into a folder of its own; then in
        // order into place, since shard 0's folder holds the others.
        const planned = await Promise.all(
          shards.map(async (shard) => {
            if (isEmpty(shard)) return undefined;
            // TechDocs pages: read as HTML, found from the model rather than by walking a site of 30,000 files.
            const read = await Promise.all(shard.docs.map(async (path) => ({ path, content: await readFile(join(site, path), 'utf8').catch(() => '') })));
            const docs = read.filter((d) => d.content.includes('data-pagefind-body'));
            if (shard.k > 0 && shard.records.length === 0 && docs.length === 0) return undefined;
            // The build's time is in each page's footer, which Pagefind does not index (data-pagefind-body).
            const docsKey = docs.length ? hashOf([shard.recordsKey, ...docs.flatMap((d) => [d.path, d.content.replaceAll(model.generatedAt, '').replaceAll(formatBuildTime(model.generatedAt), '')])]) : '';
            if (shard.last && shard.last.docs === docsKey) return { shard, docsKey, docs: docs.length, reuse: true, rows: undefined };
            const index = await startIndex(shard);
            if (shard.early) {
              const errors = await shard.early;
              if (errors.length) throw new Error(`Pagefind failed to write its index into ${staged(shard)}:\n${errors.join('\n')}`);
              // Read from the staging folder: before it is moved.
              return { shard, docsKey, docs: docs.length, reuse: false, rows: await shard.rows! };
            } else {
              for (const d of docs) problems.push(...(await index.addHTMLFile({ sourcePath: d.path, content: d.content })).errors);
              if (problems.length) throw new Error(`Pagefind failed to index ${site}:\n${[...new Set(problems)].slice(0, 10).join('\n')}`);
              const { errors } = await index.writeFiles({ outputPath: staged(shard) });
              if (errors.length) throw new Error(`Pagefind failed to write its index into ${site}:\n${errors.join('\n')}`);
            }
            return { shard, docsKey, docs: docs.length, reuse: false, rows: undefined };
          }),
        );
        if (problems.length) throw new Error(`Pagefind failed to index ${site}:\n${[...new Set(problems)].slice(0, 10).join('\n')}`);
        const written: ShardRecord[] = [];
        let reused = 0;
        let fromHtml = 0;
        for (const plan of planned) {
          if (!plan) continue;
          const { shard } = plan;
          const target = join(pagefindDir, shard.folder);
          fromHtml += plan.docs;
          if (plan.reuse) {
            linkFiles(shard.last!.files, join(previous!.site, 'pagefind', shard.folder), target);
            written.push(shard.last!);
            reused++;
            continue;
          }
          if (shard.k > 0) for (const name of await readdir(staged(shard))) if (!SHARD_FILES.test(name)) await rm(join(staged(shard), name), { recursive: true, force: true });
          await moveDir(staged(shard), target);
          written.push({ folder: shard.folder, records: shard.recordsKey, docs: plan.docsKey, files: await shardFiles(target, shard.k), rows: plan.rows ?? (await facetRows(join(pagefindDir, shard.folder), shard.folder)) });
        }
        if (!options.stagingDir) await rm(staging, { recursive: true, force: true });
        await writeFacetTable(pagefindDir, written.flatMap((s) => s.rows));
        const list: ShardsFile = { version: 1, shards: written.slice(1).map((s) => s.folder) };
        await writeFile(join(pagefindDir, SHARDS_FILE), JSON.stringify(list));
        const total = written.reduce((n, s) => n + s.rows.length, 0);
        const entities = total - fromHtml;
        options.log?.(`Indexed ${total} pages (${entities} entities from the model, ${fromHtml} pages from HTML) in ${count} shard${count === 1 ? '' : 's'}, ${reused} reused`);
        return { pages: total, ms: Math.round(performance.now() - started), shards: count, reused, manifest: { generatedAt: model.generatedAt, shards: written } };
      } finally {
        await close();
      }
    },
  };
}

/** A shard with no page (a small site in many shards): not written, since the browser cannot merge an empty index. */
const isEmpty = (shard: Shard) => shard.k > 0 && shard.records.length === 0 && shard.docs.length === 0;

/** A written shard's files, relative to its folder; shard 0's without the other shards' folders. */
async function shardFiles(dir: string, k: number): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'))
    .filter((f) => k > 0 || !/^\d+\//.test(f))
    .sort();
}

/** Site-relative `index.html` paths of the docs pages in the model (their URLs carry the base path). */
export function docsPageFiles(model: PortalModel): string[] {
  const base = model.site.base.endsWith('/') ? model.site.base : `${model.site.base}/`;
  return (model.docs?.sites ?? []).flatMap((s) =>
    s.pages.map((p) => {
      const path = p.url.startsWith(base) ? p.url.slice(base.length) : p.url.replace(/^\//, '');
      return `${path}${path === '' || path.endsWith('/') ? '' : '/'}index.html`;
    }),
  );
}
