// Builds the Pagefind search index over a built site. With the model, entities are indexed from their
// records (records.ts) through Pagefind's Node API and only the other pages that opt in with
// data-pagefind-body (docs) are read as HTML: at 10,000 entities that is ~5× faster than having Pagefind
// parse every entity page. Without a model, the Pagefind CLI crawls the site's HTML (entity pages carry no
// data-pagefind-* attributes: with docs pages, which opt in, it indexes only those).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PortalModel } from '../model/portal.ts';
import { moveDir } from '../util/moveDir.ts';
import { entityRecords, type SearchRecord } from '../views/search.ts';
import { writeFacetTable } from './facets.ts';

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
}

export interface IndexSiteResult {
  pages: number;
  ms: number;
}

/** Path of the `bin` script declared in the installed pagefind package's package.json. */
export function pagefindRunner(): string {
  // The package only exports ".", so find its folder from the main entry and read package.json there.
  let dir = dirname(fileURLToPath(import.meta.resolve('pagefind')));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; bin?: string | Record<string, string> };
      if (pkg.name === 'pagefind') {
        const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.pagefind;
        if (!bin) throw new Error(`pagefind's package.json at ${manifest} declares no bin`);
        return join(dir, bin);
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the pagefind package; is it installed?');
    dir = parent;
  }
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
  return { pages: result.pages, ms: Math.round(performance.now() - started) };
}

export interface ModelIndex {
  /** Adds the built site's docs pages, writes the index into `<site>/pagefind/` and stops Pagefind. */
  finish(site: string): Promise<IndexSiteResult>;
  /** Stops Pagefind without writing (the build failed). */
  close(): Promise<void>;
}

/**
 * Starts a search index and adds the model's entities to it. Entities need no built page, so this runs while
 * Astro renders (Pagefind works in its own process, on the other core); only the docs pages wait for the site.
 */
export async function startModelIndex(model: PortalModel, options: IndexSiteOptions = {}): Promise<ModelIndex> {
  const started = performance.now();
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ maxFragments: options.maxFragments ?? MAX_FRAGMENTS });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  const close = async () => {
    await index.deleteIndex().catch(() => {});
    await pagefind.close().catch(() => {});
  };
  const problems: string[] = [];
  // Only the count is kept: `finish` runs after the site is rendered, and the records are Pagefind's by then.
  let entities: number;
  try {
    entities = await addRecords(index, entityRecords(model), problems);
  } catch (err) {
    await close();
    throw err;
  }
  // Nothing left to add from the built site: write the index now, beside it, and move it in when the site is done.
  const docsPages = docsPageFiles(model);
  const staged = options.stagingDir && docsPages.length === 0 && problems.length === 0 ? join(options.stagingDir, 'pagefind') : undefined;
  // The search page's facet table (facets.ts) is read from the written fragments, here while Astro still renders.
  const early = staged
    ? index.writeFiles({ outputPath: staged }).then(async (written) => {
        if (!written.errors.length) await writeFacetTable(staged);
        return written;
      })
    : undefined;
  early?.catch(() => {}); // awaited in finish
  return {
    close: async () => {
      await early?.catch(() => {});
      await close();
    },
    async finish(outDir: string) {
      const site = resolve(outDir);
      try {
        if (!existsSync(site)) throw new Error(`Search index: the site folder ${site} does not exist; build the site first`);
        if (early && staged) {
          const written = await early;
          if (written.errors.length) throw new Error(`Pagefind failed to write its index into ${staged}:\n${written.errors.join('\n')}`);
          await moveDir(staged, join(site, 'pagefind'));
          options.log?.(`Indexed ${entities} pages (${entities} entities from the model)`);
          return { pages: entities, ms: Math.round(performance.now() - started) };
        }
        // TechDocs pages: read as HTML, found from the model rather than by walking a site of 30,000 files.
        let pages = 0;
        for (const path of docsPages) {
          const content = await readFile(join(site, path), 'utf8').catch(() => undefined);
          if (content === undefined || !content.includes('data-pagefind-body')) continue;
          const added = await index.addHTMLFile({ sourcePath: path, content });
          problems.push(...added.errors);
          pages += 1;
        }
        if (problems.length) throw new Error(`Pagefind failed to index ${site}:\n${[...new Set(problems)].slice(0, 10).join('\n')}`);
        const written = await index.writeFiles({ outputPath: join(site, 'pagefind') });
        if (written.errors.length) throw new Error(`Pagefind failed to write its index into ${site}:\n${written.errors.join('\n')}`);
        await writeFacetTable(join(site, 'pagefind'));
        const total = entities + pages;
        options.log?.(`Indexed ${total} pages (${entities} entities from the model, ${pages} pages from HTML)`);
        return { pages: total, ms: Math.round(performance.now() - started) };
      } finally {
        await close();
      }
    },
  };
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
