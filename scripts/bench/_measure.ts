// Measuring helpers for the portal and scale benchmarks: a child process with its whole tree's peak RSS, folder
// sizes, compressed sizes, the largest entity page with its CSS, and the catalog page's timings in Chromium.

import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';

export interface RunResult {
  code: number | null;
  ms: number;
  /** Peak of the summed RSS of the child and all its descendants, sampled from /proc every 50 ms. */
  treePeakRss: number;
  /** GNU time's "Maximum resident set size": the largest single process of the tree. */
  maxProcessRss?: number;
  /** Each process's own peak (VmHWM, read while it ran: a process that lives under 50 ms is missed), largest first. */
  processPeaks: Array<{ pid: number; name: string; peak: number }>;
  output: string;
}

/** Summed RSS (bytes) of a process and its descendants, from /proc; `peaks` gets each one's VmHWM by pid. */
export function treeRss(root: number, peaks?: Map<number, { name: string; peak: number }>): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may contain spaces and parentheses).
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended between readdir and read.
    }
  }
  let total = 0;
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+) kB/.exec(status);
      if (kb) total += Number(kb[1]) * 1024;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
      if (peaks && hwm) {
        const seen = peaks.get(pid);
        const name = seen?.name ?? processName(pid);
        peaks.set(pid, { name, peak: Math.max(seen?.peak ?? 0, Number(hwm[1]) * 1024) });
      }
    } catch {
      continue;
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** A short name for a process: its command line's program and first argument that names a file. */
function processName(pid: number): string {
  try {
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const file = argv.slice(1).find((a) => !a.startsWith('-'));
    const base = (p: string | undefined) => p?.split('/').slice(-2).join('/') ?? '';
    return [base(argv[0]), base(file)].filter(Boolean).join(' ');
  } catch {
    return '?';
  }
}

/** Runs a command under /usr/bin/time -v (when present), sampling the tree's RSS meanwhile. */
export function measure(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: boolean } = {}): Promise<RunResult> {
  const timeBin = '/usr/bin/time';
  let hasTime = false;
  try {
    hasTime = statSync(timeBin).isFile();
  } catch {
    hasTime = false;
  }
  const [cmd, argv] = hasTime ? [timeBin, ['-v', command, ...args]] : [command, args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (options.echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    let peak = 0;
    const peaks = new Map<number, { name: string; peak: number }>();
    const timer = setInterval(() => {
      if (child.pid) peak = Math.max(peak, treeRss(child.pid, peaks));
    }, 50);
    child.on('error', (err) => {
      clearInterval(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearInterval(timer);
      const ms = performance.now() - started;
      const max = /Maximum resident set size \(kbytes\): (\d+)/.exec(output);
      const processPeaks = [...peaks].map(([pid, p]) => ({ pid, ...p })).sort((a, b) => b.peak - a.peak);
      resolve({ code, ms, treePeakRss: peak, ...(max ? { maxProcessRss: Number(max[1]) * 1024 } : {}), processPeaks, output });
    });
  });
}

export function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

export function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  const all = files(dir);
  for (const f of all) bytes += statSync(f).size;
  return { bytes, files: all.length };
}

export function compressedSizes(data: Buffer): { raw: number; gzip: number; brotli: number } {
  return {
    raw: data.length,
    gzip: gzipSync(data, { level: 6 }).length,
    brotli: brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }).length,
  };
}

export interface PageWeight {
  path: string;
  html: number;
  css: number;
  /** Module scripts the page links (none are needed to read it). */
  scripts: number;
}

/** Entity pages are exactly three folders below catalog/: catalog/<namespace>/<kind>/<name>/index.html. */
export function entityPages(dist: string): string[] {
  return files(join(dist, 'catalog')).filter((f) => {
    const parts = relative(join(dist, 'catalog'), f).split(sep);
    return parts.length === 4 && parts[3] === 'index.html' && parts[0] !== 'kind' && parts[0] !== 'page';
  });
}

/** The page's own HTML plus every stylesheet it links (and inline styles, already in the HTML). */
export function pageWeight(dist: string, file: string): PageWeight {
  const html = readFileSync(file, 'utf8');
  let css = 0;
  for (const m of html.matchAll(/<link[^>]+rel="stylesheet"[^>]*>/g)) {
    const href = /href="([^"]+)"/.exec(m[0])?.[1];
    if (href?.startsWith('/')) css += statSync(join(dist, href.replace(/^\/+/, ''))).size;
  }
  const scripts = [...html.matchAll(/<script[^>]+src="[^"]+"/g)].length + [...html.matchAll(/<script type="module"/g)].length;
  return { path: '/' + relative(dist, file).replace(/index\.html$/, ''), html: Buffer.byteLength(html), css, scripts };
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface Loaded {
  path: string;
  raw: number;
  gzip: number;
}

export interface CatalogTiming {
  /** From navigation to the first rows (`data-ready`). */
  loadMs: number;
  /** What the browser fetched before the first rows showed (gzip as a server would send it)… */
  firstLoad: { files: Loaded[]; raw: number; gzip: number };
  /** …and after them (the rest of an index loaded in parts). */
  later: Loaded[];
  rows: number;
  /** The catalog page's own HTML. */
  catalogHtml: number;
  /** Each action's render time (the page's own `data-render-ms`), the median of `rounds` from a fresh load. */
  filters: Record<string, number>;
}

/**
 * The catalog page of a built site in Chromium (`siteUrl` serves `dist`): first-load bytes, then kind, text and
 * sort actions, each `rounds` times from the page as loaded, the median kept (this machine's load varies a lot).
 */
export async function catalogTiming(browser: Browser, siteUrl: string, dist: string, rounds = 3): Promise<CatalogTiming> {
  const page = await browser.newPage();
  try {
    const loaded: Loaded[] = [];
    const later: Loaded[] = [];
    let ready = false;
    page.on('requestfinished', (req) => {
      const url = new URL(req.url());
      if (!url.href.startsWith(siteUrl)) return;
      let path = decodeURIComponent(url.pathname.slice(1));
      if (path === '' || path.endsWith('/')) path += 'index.html';
      const file = join(dist, path);
      if (!existsSync(file) || [...loaded, ...later].some((f) => f.path === path)) return;
      const data = readFileSync(file);
      (ready ? later : loaded).push({ path, raw: data.length, gzip: gzipSync(data, { level: 6 }).length });
    });
    const app = page.locator('[data-catalog-app]');
    const rendered = async (action: () => Promise<unknown>) => {
      const before = await app.getAttribute('data-render-count');
      await action();
      await page.waitForFunction((b) => document.querySelector('[data-catalog-app]')?.getAttribute('data-render-count') !== b, before);
      return Number(await app.getAttribute('data-render-ms'));
    };
    const started = performance.now();
    await page.goto(siteUrl + 'catalog/');
    await page.locator('[data-catalog-app][data-ready]').waitFor({ timeout: 120_000 });
    const loadMs = Math.round(performance.now() - started);
    ready = true;
    const firstLoad = { files: loaded.slice(), raw: loaded.reduce((n, f) => n + f.raw, 0), gzip: loaded.reduce((n, f) => n + f.gzip, 0) };
    const rows = await page.locator('[data-catalog] tbody tr').count();
    // Whatever the page loads after its first rows (the rest of a split index) before filters are timed.
    await page.locator('[data-catalog-app][data-complete]').waitFor({ timeout: 120_000 });
    const samples: Record<string, number[]> = {};
    for (let round = 0; round < rounds; round++) {
      if (round > 0) {
        await page.goto(siteUrl + 'catalog/');
        await page.locator('[data-catalog-app][data-complete]').waitFor({ timeout: 120_000 });
      }
      const times = {
        'kind All': await rendered(() => page.locator('[data-kind-picker] a[data-kind=""]').click()),
        'kind Component': await rendered(() => page.locator('[data-kind-picker] a[data-kind="component"]').click()),
        'text "payment"': await rendered(() => page.locator('#catalog-q').fill('payment')),
        'sort by owner': await rendered(() => page.locator('button[data-sort="owner"]').click()),
        'kind User': await rendered(() => page.locator('[data-kind-picker] a[data-kind="user"]').click()),
      };
      for (const [k, v] of Object.entries(times)) (samples[k] ??= []).push(v);
    }
    const filters = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(v.length / 2)]!]));
    const catalogHtml = statSync(join(dist, 'catalog', 'index.html')).size;
    return { loadMs, firstLoad, later, rows, catalogHtml, filters };
  } finally {
    await page.close();
  }
}

/** Terms the scale and portal benchmarks search: common words, a surname, two words, an exact name, a name not there. */
export const SEARCH_TERMS = ['invoice', 'tanaka', 'service', 'dispatch gateway', 'payment-sync-1234', 'customs-engine-1234', 'kafka'];

export interface SearchTiming {
  /** The first search of a page: Pagefind's script, WebAssembly, metadata and first chunks. */
  firstMs: number;
  /** Each term typed into the header's search box (one input event) until its list shows the term's results. */
  box: Array<{ term: string; ms: number; text: string }>;
  /** The same on the search page, until its results and facet counts show. */
  page: Array<{ term: string; ms: number; text: string }>;
  /** Pagefind's own parts per term, from a fresh page: chunks fetched, its worker's compute, the first results' data. */
  parts: Array<{ term: string; preloadMs: number; computeMs: number; dataMs: number; results: number }>;
}

/**
 * What a user waits for after the first load: a term typed into the header's box (debounce, chunks for the term,
 * Pagefind's compute, the fragments of the results it ranks) and into the search page (the same plus facet counts).
 */
export async function searchTiming(browser: Browser, siteUrl: string, terms = SEARCH_TERMS, rankWindow = 16): Promise<SearchTiming> {
  const fresh = async (path: string) => {
    const page = await browser.newPage();
    await page.goto(siteUrl + path);
    return page;
  };
  // Types a term in one input event and waits, in the page, for `done(term)` to hold after a DOM change.
  const typed = (selector: string, done: string) => async (page: import('playwright-core').Page, term: string) =>
    page.evaluate(
      async ({ selector, done, term }) => {
        const input = document.querySelector<HTMLInputElement>(selector)!;
        const check = new Function('term', done) as (term: string) => string | undefined;
        const t0 = performance.now();
        input.focus();
        input.value = term;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const text = await new Promise<string>((resolve) => {
          const test = () => {
            const found = check(term);
            if (found !== undefined) {
              observer.disconnect();
              resolve(found);
            }
          };
          const observer = new MutationObserver(test);
          observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
          test();
        });
        return { term, ms: Math.round(performance.now() - t0), text };
      },
      { selector, done, term },
    );
  const boxDone = `const list = document.querySelector('#site-search-results');
    const text = list && !list.hidden ? list.textContent : '';
    return text.includes('“' + term + '”') ? (list.querySelector('.search-all')?.textContent ?? text).trim() : undefined;`;
  const pageDone = `const status = document.querySelector('[data-search-status]')?.textContent ?? '';
    const items = document.querySelectorAll('[data-search-results] li').length;
    return status.includes('“' + term + '”') && (items > 0 || status.startsWith('No results')) ? status + ', ' + items + ' shown' : undefined;`;

  const parts: SearchTiming['parts'] = [];
  const apiPage = await fresh('');
  parts.push(
    ...(await apiPage.evaluate(
      async ({ base, terms, rankWindow }) => {
        const pf = await import(`${base}pagefind/pagefind.js`);
        await pf.options({ baseUrl: '/' });
        // The index's other shards, merged as the site's own search does (src/site/client/pagefind.ts).
        const shards = await fetch(`${base}pagefind/backlot-shards.json`).then((r) => (r.ok ? r.json() : { shards: [] }), () => ({ shards: [] }));
        await Promise.all((shards.shards as string[]).map((folder) => pf.mergeIndex(`${base}pagefind/${folder}`, { baseUrl: '/' })));
        await (await pf.search('shipment')).results[0]?.data();
        const out = [];
        for (const term of terms) {
          const r = await pf.search(term);
          const searched = performance.now();
          await Promise.all(r.results.slice(0, rankWindow).map((x: { data(): Promise<unknown> }) => x.data()));
          const t = (r.timings ?? []) as Array<{ preload: number; search: number }>;
          out.push({ term, preloadMs: t.reduce((n, p) => n + p.preload, 0), computeMs: t.reduce((n, p) => n + p.search, 0), dataMs: Math.round(performance.now() - searched), results: r.results.length as number });
        }
        return out;
      },
      { base: siteUrl, terms, rankWindow },
    )),
  );
  await apiPage.close();

  const home = await fresh('');
  const box = typed('#site-search', boxDone);
  const firstMs = (await box(home, 'shipment')).ms;
  const boxTimes = [];
  for (const term of terms) boxTimes.push(await box(home, term));
  await home.close();

  const searchPage = await fresh('search/');
  await searchPage.locator('main[data-search-ready]').waitFor({ timeout: 120_000 });
  const onPage = typed('[data-search-page] input[name="q"]', pageDone);
  await onPage(searchPage, 'shipment');
  const pageTimes = [];
  for (const term of terms) pageTimes.push(await onPage(searchPage, term));
  await searchPage.close();
  return { firstMs, box: boxTimes, page: pageTimes, parts };
}

/** The catalog file of the first repo (by name) with a Component that has a description: what a one-repo rebuild edits. */
export function editableCatalogFile(orgDir: string): string {
  for (const repo of readdirSync(orgDir).sort()) {
    const file = join(orgDir, repo, 'catalog-info.yaml');
    if (!existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    if (/kind: Component/.test(text) && /description: /.test(text)) return file;
  }
  throw new Error(`no Component with a description in ${orgDir}`);
}

/** Puts `words` in front of the file's first description. */
export function editDescription(file: string, words: string): void {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/description: (.*)/, (_, d: string) => `description: ${words} ${d}`));
}
