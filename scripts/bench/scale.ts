// `npm run bench scale`: how the build grows with the org (issue #26). Generates orgs shaped like a real one
// (_scale-org.ts) at about 10,000, 30,000 and 100,000 entities (BENCH_SCALE_SIZES, comma-separated, to change),
// builds each cold through the real CLI and prints every stage's time per size, per 1,000 entities, so
// growth faster than linear shows. Then, for the largest: whole build time, peak memory, dist/ size (file bytes,
// judged; as a tar and as `du` counts blocks, shown) and file count, the largest file, bytes per entity by kind of file, the catalog
// page's first-load bytes (gzip) and filter times in Chromium, search latency after its first load as a user waits
// for it (a term typed into the header's box and into the search page: searchTiming in _measure.ts),
// and the floor (Astro + Pagefind alone on as many bare pages), each beside its #26 target.
// BENCH_SCALE_FLOOR=0 skips the floor; BENCH_SCALE_ENTITY_GRAPH=browser|static sets site.entityGraph; BENCH_KEEP=1
// keeps the generated folders; BENCH_SCALE_DIST=DIR times only the catalog page and search in Chromium over a site
// already built (one kept, say), without generating or building.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { pagefindRunner } from '../../src/search/index.ts';
import { REPO_ROOT } from '../../src/site/build/build.ts';
import { launchChromium } from '../../src/site/testing/browser.ts';
import { serveStatic } from '../../src/site/testing/serve.ts';
import { writeFloorSite } from './_floor.ts';
import { catalogTiming, editableCatalogFile, editDescription, files, kb, mb, measure, searchTiming, secs, type RunResult } from './_measure.ts';
import { RANK_WINDOW } from '../../src/site/client/search-box.ts';
import { writeScaleOrg, type ScaleOrg } from './_scale-org.ts';

const MB = 1024 * 1024;
const TARGETS = { buildMs: 180_000, processBytes: 2048 * MB, distBytes: 1024 * MB, fileBytes: 100 * MB, files: 200_000, firstLoad: 1.5 * MB, filterMs: 100, searchMs: 300 };
const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
const count = (n: number) => Math.round(n).toLocaleString('en');
const STAGES = ['sources', 'catalog', 'graph', 'apis', 'docs', 'history', 'hand-over', 'site', 'search and API files'] as const;

interface SizeRun {
  org: ScaleOrg;
  build: RunResult;
  stages: Record<string, number>;
  entities: number;
  problems: string;
}

export async function run(): Promise<void> {
  // BENCH_SCALE_DIST: only the browser's figures, over a site already built (say, kept with BENCH_KEEP=1).
  const kept = process.env.BENCH_SCALE_DIST;
  if (kept) return printBrowserFigures(kept);
  const sizes = (process.env.BENCH_SCALE_SIZES ?? '10000,30000,100000').split(',').map(Number).filter((n) => n > 0);
  const work = mkdtempSync(join(tmpdir(), 'backlot-scale-'));
  const trash = join(work, '.trash');
  const cli = join(REPO_ROOT, 'src', 'cli', 'backlot.js');
  const runs: SizeRun[] = [];
  try {
    for (const [i, size] of sizes.entries()) {
      const dir = join(work, String(size));
      let t = performance.now();
      const org = writeScaleOrg(dir, size);
      // BENCH_SCALE_ENTITY_GRAPH=browser: entity pages as past 20,000 entities (no SVG), so 10,000 entities give
      // 100,000's bytes per entity in minutes.
      const entityGraph = process.env.BENCH_SCALE_ENTITY_GRAPH;
      if (entityGraph) writeFileSync(org.config, readFileSync(org.config, 'utf8').replace(/^site:\n/, `site:\n  entityGraph: ${entityGraph}\n`));
      console.log(`\n${count(org.entities)} entities (${Object.entries(org.byKind).map(([k, n]) => `${k} ${count(n)}`).join(', ')}), ${count(org.docsPages)} docs pages, ${count(org.dangling)} dangling refs, in ${count(org.repos)} repos: generated in ${secs(performance.now() - t)}`);
      const build = await measure(process.execPath, [cli, 'build', '--config', org.config], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      if (build.code !== 0) throw new Error(`backlot build failed (exit ${build.code}):\n${build.output.slice(-3000)}`);
      const result: SizeRun = { org, build, stages: stageTimes(build.output), entities: Number(/^\s+entities\s+(\d+)/m.exec(build.output)?.[1] ?? 0), problems: /^\s+problems\s+(.*)$/m.exec(build.output)?.[1] ?? '' };
      runs.push(result);
      console.log(`  build ${secs(build.ms)}, largest process ${build.maxProcessRss ? mb(build.maxProcessRss) : 'n/a'}; ${result.problems}`);
      console.log(`  peak per process: ${describePeaks(build)}`);
      // The generated org has no errors: any is a build that lost entities (15,024 read-errors once, from EMFILE).
      if (!/^0 errors/.test(result.problems)) console.log(`  ERRORS: only ${count(result.entities)} of ${count(org.entities)} entities built:\n${build.output.split('\n').filter((l) => / error /.test(l)).slice(0, 5).join('\n')}`);
      console.log(`  ${STAGES.map((s) => `${s} ${secs(result.stages[s] ?? NaN)}`).join(', ')}`);
      console.log(`  dist: ${describeDist(org.dist, result.entities)}`);
      if (i < sizes.length - 1) setAside(dir, trash);
    }

    console.log('\nStage times per size (seconds; in brackets per 1,000 entities: a column that rises grows faster than linearly)');
    console.log(`  ${'stage'.padEnd(22)}${runs.map((r) => count(r.entities).padStart(22)).join('')}`);
    for (const stage of [...STAGES, 'whole build']) {
      const cells = runs.map((r) => {
        const ms = stage === 'whole build' ? r.build.ms : (r.stages[stage] ?? NaN);
        return `${(ms / 1000).toFixed(1)} (${(ms / r.entities).toFixed(2)})`.padStart(22);
      });
      console.log(`  ${stage.padEnd(22)}${cells.join('')}`);
    }

    const last = runs.at(-1)!;
    const { org, build } = last;
    const dist = distFigures(org.dist);
    console.log(`\nThe largest: ${count(last.entities)} entities`);
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)}${value}`);
    const largestProcess = build.maxProcessRss ?? build.treePeakRss;
    line('whole build', `${secs(build.ms)}  (target ≤ ${secs(TARGETS.buildMs)}: ${ok(build.ms <= TARGETS.buildMs)})`);
    line('peak memory', `largest process ${mb(largestProcess)} (target ≤ 2 GB: ${ok(largestProcess <= TARGETS.processBytes)}); ${mb(build.treePeakRss)} summed over the tree`);
    line('  per process', describePeaks(build));
    // GitHub Pages counts the site's bytes: deploy-pages warns when the uploaded artifact (a zip of a tar of the files,
    // actions/upload-pages-artifact) passes 1 GB. du's 4 KB blocks are this disk's, not the site's: shown, not judged.
    line('dist/', `${mb(dist.bytes)} of file bytes (target ≤ 1 GB: ${ok(dist.bytes <= TARGETS.distBytes)}); as a tar ${mb(dist.tar)} (what upload-pages-artifact packs, before its zip compresses it); ${mb(dist.blocks)} as du counts on this disk`);
    line('files', `${count(dist.files)}  (target < ${count(TARGETS.files)}: ${ok(dist.files < TARGETS.files)})`);
    line('largest file', `${mb(dist.largest.bytes)} ${dist.largest.path}  (target ≤ 100 MB: ${ok(dist.largest.bytes <= TARGETS.fileBytes)})`);
    console.log('  bytes per entity by kind of file:');
    for (const [kind, v] of Object.entries(dist.byClass).sort((a, b) => b[1].bytes - a[1].bytes)) {
      console.log(`    ${kind.padEnd(28)}${count(v.bytes / last.entities).padStart(8)} B/entity  ${mb(v.bytes).padStart(10)} in ${count(v.files)} files`);
    }

    await printBrowserFigures(org.dist);

    // One repo's Component description edited and the org built again (what `npm run bench -- rebuild` times at
    // 10,000 entities against #26's ⅓): the reused pages, search shards and kept server bundle at this size.
    editDescription(editableCatalogFile(join(dirname(org.config), 'org')), 'Edited.');
    const rebuilt = await measure(process.execPath, [cli, 'build', '--config', org.config], { cwd: dirname(org.config), env: { ...process.env, NO_COLOR: '1' } });
    if (rebuilt.code !== 0) throw new Error(`backlot build (the rebuild) failed (exit ${rebuilt.code}):\n${rebuilt.output.slice(-3000)}`);
    line('one-repo rebuild', `${secs(rebuilt.ms)}: ${(rebuilt.ms / build.ms).toFixed(2)} of the cold build; largest process ${rebuilt.maxProcessRss ? mb(rebuilt.maxProcessRss) : 'n/a'}`);
    for (const l of rebuilt.output.split('\n').filter((l) => /^ {2}(pages|output|time) /.test(l))) console.log(`    ${l.trim()}`);

    if (process.env.BENCH_SCALE_FLOOR !== '0') {
      const pages = dist.html;
      const floorDir = join(REPO_ROOT, '.backlot', 'bench-scale-floor');
      try {
        writeFloorSite(floorDir, pages);
        const astro = await measure(process.execPath, [join(REPO_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', floorDir], { cwd: floorDir, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
        if (astro.code !== 0) throw new Error(`floor astro build failed:\n${astro.output.slice(-2000)}`);
        const search = await measure(process.execPath, [pagefindRunner(), '--site', join(floorDir, 'dist')]);
        const floorMs = astro.ms + search.ms;
        line('floor', `${secs(floorMs)} for ${count(pages)} bare pages (astro ${secs(astro.ms)}, pagefind ${secs(search.ms)}), largest process ${mb(Math.max(astro.maxProcessRss ?? 0, search.maxProcessRss ?? 0))}: Backlot is ${(build.ms / floorMs).toFixed(2)}× the floor`);
      } finally {
        rmSync(floorDir, { recursive: true, force: true });
      }
    }
  } finally {
    if (process.env.BENCH_KEEP) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** The catalog page's first load and filters, and search, in Chromium over a built site. */
async function printBrowserFigures(dist: string): Promise<void> {
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(22)}${value}`);
  const browser = await inChromium(dist);
  line('catalog first load', `${kb(browser.firstLoad.gzip)} gzip (${kb(browser.firstLoad.raw)} raw) in ${browser.firstLoad.files.length} files before the first rows show, ${browser.loadMs} ms  (target ≤ 1.5 MB: ${ok(browser.firstLoad.gzip <= TARGETS.firstLoad)})`);
  for (const f of browser.firstLoad.files) console.log(`    ${kb(f.gzip).padStart(10)} gzip  ${f.path}`);
  if (browser.later.length) console.log(`    then, after the first rows: ${browser.later.map((f) => `${f.path} ${kb(f.gzip)} gzip`).join(', ')}`);
  const worstFilter = Math.max(...Object.values(browser.filters));
  line('catalog filter', `${Object.entries(browser.filters).map(([k, v]) => `${k} ${v} ms`).join(', ')}  (target < ${TARGETS.filterMs} ms: ${ok(worstFilter < TARGETS.filterMs)})`);
  const { box, page: searchPage, parts, firstMs } = browser.search;
  const worstSearch = Math.max(...box.map((s) => s.ms), ...searchPage.map((s) => s.ms));
  line('search', `first load ${firstMs} ms; then, typed into the header's box until its list shows (target < ${TARGETS.searchMs} ms: ${ok(Math.max(...box.map((s) => s.ms)) < TARGETS.searchMs)})`);
  for (const s of box) console.log(`    ${`"${s.term}"`.padEnd(24)}${String(s.ms).padStart(5)} ms  ${s.text}`);
  console.log(`  Pagefind's parts of the same terms (preload = index chunks fetched, search = its worker's compute, data = the first ${RANK_WINDOW} results' fragments):`);
  for (const s of parts) console.log(`    ${`"${s.term}"`.padEnd(24)}preload ${s.preloadMs} ms + search ${s.computeMs} ms + data ${s.dataMs} ms (${count(s.results)} results)`);
  line('search page', `typed into /search/ until its results and facet counts show (target < ${TARGETS.searchMs} ms: ${ok(Math.max(...searchPage.map((s) => s.ms)) < TARGETS.searchMs)})`);
  for (const s of searchPage) console.log(`    ${`"${s.term}"`.padEnd(24)}${String(s.ms).padStart(5)} ms  ${s.text}`);
  console.log(`  (worst ${worstSearch} ms)`);
}

function describePeaks(run: RunResult): string {
  return run.processPeaks.filter((p) => p.peak > 50 * MB).map((p) => `${p.name} ${mb(p.peak)}`).join(', ');
}

/** The CLI's summary line: `time 12.3 s (sources 0.1 s, catalog 1.2 s, …)`. */
function stageTimes(output: string): Record<string, number> {
  const line = /^\s+time\s+[\d.]+ s \((.*)\)$/m.exec(output)?.[1] ?? '';
  const out: Record<string, number> = {};
  // A stage may carry a note: `catalog 0.4 s (401 of 402 repos kept)` on a rebuild.
  for (const m of line.matchAll(/([A-Za-z -]+?) ([\d.]+) s(?: \([^)]*\))?(?:, |$)/g)) out[m[1]!.trim()] = Number(m[2]) * 1000;
  return out;
}

/** Kinds of file in dist/, by what they hold. */
function classify(path: string): string {
  if (path.startsWith('pagefind/')) return 'Pagefind index';
  if (path === 'api/catalog/entities.json' || /^api\/catalog\/entities\/part-\d+\.json$/.test(path)) return 'api/catalog/entities.json and parts';
  if (path.startsWith('api/catalog/entities/')) return 'per-entity API JSON';
  if (path.startsWith('api/')) return 'other API JSON';
  if (/^catalog\/entities[^/]*\.json$/.test(path)) return 'catalog index';
  if (path.endsWith('.html')) {
    const parts = path.split('/');
    if (parts[0] === 'catalog' && parts.length >= 5 && parts[1] !== 'kind' && parts[1] !== 'page' && parts[1] !== 'all') return parts.length === 5 ? 'entity page HTML' : `entity ${parts[4]}/ page HTML`;
    if (parts[0] === 'catalog' && (parts[1] === 'kind' || parts[1] === 'all')) return 'static catalog list HTML';
    if (parts[0] === 'docs') return 'docs page HTML';
    return 'other HTML';
  }
  if (path.startsWith('catalog/') || path.startsWith('docs/')) return 'entity and docs files (definitions, assets, graphs)';
  return 'other (scripts, styles)';
}

function distFigures(dist: string) {
  let bytes = 0;
  let blocks = 0;
  let tarData = 0;
  let html = 0;
  let largest = { bytes: 0, path: '' };
  const byClass: Record<string, { bytes: number; files: number }> = {};
  const all = files(dist);
  for (const f of all) {
    const st = statSync(f);
    bytes += st.size;
    blocks += st.blocks * 512;
    tarData += Math.ceil(st.size / 512) * 512;
    const path = relative(dist, f).split(sep).join('/');
    if (path.endsWith('.html')) html++;
    if (st.size > largest.bytes) largest = { bytes: st.size, path };
    const c = (byClass[classify(path)] ??= { bytes: 0, files: 0 });
    c.bytes += st.size;
    c.files++;
  }
  // A tar of the folder: a 512-byte header per file and folder, each file padded to 512 bytes, two zero blocks at
  // the end (paths here stay under tar's 100-character name field).
  const dirs = new Set<string>();
  for (const f of all) {
    const parts = relative(dist, f).split(sep);
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  const tar = 1024 + dirs.size * 512 + all.length * 512 + tarData;
  return { bytes, blocks, tar, files: all.length, html, largest, byClass };
}

function describeDist(dist: string, entities: number): string {
  const d = distFigures(dist);
  return `${mb(d.bytes)} (${mb(d.blocks)} du) in ${count(d.files)} files, ${count(d.bytes / entities)} B/entity; largest ${mb(d.largest.bytes)} ${d.largest.path}`;
}

function setAside(dir: string, trash: string): void {
  if (!existsSync(dir)) return;
  mkdirSync(trash, { recursive: true });
  renameSync(dir, join(trash, `${Date.now()}`));
}

async function inChromium(dist: string) {
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  try {
    const { loadMs, firstLoad, later, filters } = await catalogTiming(browser, server.url, dist);

    const search = await searchTiming(browser, server.url);
    return { loadMs, firstLoad, later, filters, search };
  } finally {
    await browser.close();
    await server.close();
  }
}
