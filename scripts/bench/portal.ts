// `npm run bench portal`: builds a generated org of 10,000 entities (500 APIs with definitions) through the
// real CLI — pipeline, Astro, Pagefind — and prints build time, pages/s, peak memory, dist size, the catalog
// index's transfer size, the heaviest entity page and filtering time in Chromium; then builds the same number
// of bare pages with Astro and Pagefind alone (the floor) and prints the ratio. Both run BENCH_RUNS times
// (default 3), alternating, each cold (no dist, no cache), and the medians are compared: on this machine a
// single build's time varies by a third from one minute to the next, mostly with the disk. Between runs the last
// output is renamed aside, not deleted, and deleted only when all is measured: on this VM's ext4 a big delete
// slows every file created in the next minutes (the allocator scans the recently freed inodes), which would
// tax whichever build comes next.
// BENCH_ENTITIES and BENCH_APIS change the size; BENCH_KEEP=1 keeps the generated folder.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pagefindRunner } from '../../src/search/index.ts';
import { REPO_ROOT } from '../../src/site/build/build.ts';
import { launchChromium } from '../../src/site/testing/browser.ts';
import { serveStatic } from '../../src/site/testing/serve.ts';
import { writeFloorSite } from './_floor.ts';
import { catalogTiming, compressedSizes, entityPages, files, folderSize, kb, mb, measure, pageWeight, secs, type PageWeight, type RunResult } from './_measure.ts';
import { writeOrg } from './_portal-org.ts';

const TARGETS = { buildMs: 60_000, floorRatio: 2, indexBytes: 1024 * 1024, pageBytes: 50 * 1024, filterMs: 100 };
const ok = (pass: boolean) => (pass ? 'ok' : 'MISSED');
const count = (n: number) => n.toLocaleString('en');

export async function run(): Promise<void> {
  const entities = Number(process.env.BENCH_ENTITIES ?? 10_000);
  const apis = Number(process.env.BENCH_APIS ?? 500);
  const work = mkdtempSync(join(tmpdir(), 'backlot-bench-'));
  const floorDir = join(REPO_ROOT, '.backlot', 'bench-floor');
  const trashes = [join(work, '.trash'), join(REPO_ROOT, '.backlot', 'bench-trash')];
  try {
    let t = performance.now();
    const org = writeOrg(work, { entities, apis, seed: 1 });
    console.log(`Generated ${count(org.entities)} entities (${count(org.apis)} APIs with definitions) in ${count(org.repos)} repos in ${secs(performance.now() - t)}: ${work}`);

    // 1. The whole build, as a user runs it, and 2. the floor: the same number of bare pages through Astro and
    // Pagefind alone. Alternating, so a slow spell of the machine hits both.
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
    const cli = join(REPO_ROOT, 'src', 'cli', 'backlot.js');
    const astro = join(REPO_ROOT, 'node_modules', 'astro', 'bin', 'astro.mjs');
    const builds: RunResult[] = [];
    const floors: Array<{ ms: number; astroMs: number; pagefindMs: number; peak: number }> = [];
    let pages = 0;
    for (let run = 1; run <= runs; run++) {
      setAside(org.dist, trashes[0]!);
      setAside(join(work, '.backlot-cache'), trashes[0]!);
      const build = await measure(process.execPath, [cli, 'build', '--config', org.config], { cwd: work });
      if (build.code !== 0) throw new Error(`backlot build failed (exit ${build.code}):\n${build.output.slice(-3000)}`);
      builds.push(build);
      pages = files(org.dist).filter((f) => f.endsWith('.html')).length;
      setAside(floorDir, trashes[1]!);
      writeFloorSite(floorDir, pages);
      const floorAstro = await measure(process.execPath, [astro, 'build', '--root', floorDir], { cwd: floorDir, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
      if (floorAstro.code !== 0) throw new Error(`floor astro build failed:\n${floorAstro.output.slice(-2000)}`);
      const floorSearch = await measure(process.execPath, [pagefindRunner(), '--site', join(floorDir, 'dist')]);
      if (floorSearch.code !== 0) throw new Error(`floor pagefind failed:\n${floorSearch.output.slice(-2000)}`);
      floors.push({ ms: floorAstro.ms + floorSearch.ms, astroMs: floorAstro.ms, pagefindMs: floorSearch.ms, peak: Math.max(floorAstro.treePeakRss, floorSearch.treePeakRss) });
      console.log(`run ${run}/${runs}: Backlot ${secs(build.ms)}, floor ${secs(floorAstro.ms + floorSearch.ms)} (${(build.ms / (floorAstro.ms + floorSearch.ms)).toFixed(2)}×)`);
    }
    const build = builds.slice().sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)]!;
    const floor = floors.slice().sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)]!;
    const ratio = build.ms / floor.ms;
    const summary = build.output.split('\n').filter((l) => /^(Backlot:|\s{2}\w)/.test(l) && !/^\s+(Command|User|System|Percent|Elapsed|Average|Maximum|Major|Minor|Volun|Invol|Swaps|File|Socket|Signals|Page size|Exit)/.test(l));
    const html = files(org.dist).filter((f) => f.endsWith('.html'));
    const dist = folderSize(org.dist);

    // 3. What a browser downloads.
    const index = compressedSizes(readFileSync(join(org.dist, 'catalog', 'entities.json')));
    const weights = entityPages(org.dist).map((f) => pageWeight(org.dist, f));
    weights.sort((a, b) => b.html + b.css - (a.html + a.css));
    const heaviest = weights[0];
    const median = weights[Math.floor(weights.length / 2)];
    const overBudget = weights.filter((w) => w.html + w.css > TARGETS.pageBytes).length;

    // 4. The catalog at this size in Chromium.
    t = performance.now();
    const server = await serveStatic(org.dist);
    const browser = await launchChromium();
    const timing = await catalogTiming(browser, server.url, org.dist).finally(async () => {
      await browser.close();
      await server.close();
    });
    const worstFilter = Math.max(...Object.values(timing.filters));

    const peak = Math.max(build.treePeakRss, build.maxProcessRss ?? 0);
    const line = (label: string, value: string) => console.log(`  ${label.padEnd(18)}${value}`);
    console.log(`\nBacklot build (CLI: pipeline, Astro, Pagefind): the median of ${runs} cold build${runs === 1 ? '' : 's'}`);
    for (const l of summary) console.log(`  | ${l.trim()}`);
    line('total', `${secs(build.ms)}  (target < ${secs(TARGETS.buildMs)}: ${ok(build.ms < TARGETS.buildMs)})`);
    line('pages', `${count(html.length)} HTML pages, ${count(weights.length)} entity pages, ${count(Math.round(html.length / (build.ms / 1000)))} pages/s`);
    line('peak memory', `${mb(build.treePeakRss)} summed over the process tree; largest process ${build.maxProcessRss ? mb(build.maxProcessRss) : 'n/a'}`);
    line('dist', `${mb(dist.bytes)} in ${count(dist.files)} files`);
    console.log(`\nFloor: Astro + Pagefind alone on ${count(pages)} bare pages, the median of ${runs}`);
    line('total', `${secs(floor.ms)} (astro ${secs(floor.astroMs)}, pagefind ${secs(floor.pagefindMs)}); peak ${mb(floor.peak)}`);
    line('ratio', `${ratio.toFixed(2)}× the floor, median over median  (target ≤ ${TARGETS.floorRatio}×: ${ok(ratio <= TARGETS.floorRatio)})`);
    line('each run', builds.map((b, i) => `${(b.ms / floors[i]!.ms).toFixed(2)}×`).join(', '));
    console.log('\nCatalog index (/catalog/entities.json)');
    line('size', `${kb(index.raw)} raw, ${kb(index.gzip)} gzip, ${kb(index.brotli)} brotli  (target < 1 MB compressed: ${ok(index.gzip < TARGETS.indexBytes)})`);
    line('in Chromium', `load + decode + first render ${timing.loadMs} ms (${kb(timing.firstLoad.gzip)} gzip); ${Object.entries(timing.filters).map(([k, v]) => `${k} ${v} ms`).join(', ')}  (target < ${TARGETS.filterMs} ms: ${ok(worstFilter < TARGETS.filterMs)})`);
    line('catalog page', `${kb(timing.catalogHtml)} HTML for its first ${timing.rows} rows`);
    console.log('\nEntity pages (HTML + CSS, no JavaScript needed to read them)');
    if (heaviest) line('largest', `${describeWeight(heaviest)}  (target < 50 KB: ${ok(heaviest.html + heaviest.css < TARGETS.pageBytes)})`);
    if (median) line('median', describeWeight(median));
    line('over 50 KB', `${count(overBudget)} of ${count(weights.length)}`);
    console.log(`\n(${secs(performance.now() - t)} in Chromium; whole benchmark done)`);
  } finally {
    for (const dir of [floorDir, ...trashes]) rmSync(dir, { recursive: true, force: true });
    if (process.env.BENCH_KEEP) console.log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

/** Moves `dir` (if there) into `trash`, a folder beside it on the same disk, to be deleted after the measuring. */
function setAside(dir: string, trash: string): void {
  if (!existsSync(dir)) return;
  mkdirSync(trash, { recursive: true });
  renameSync(dir, join(trash, `${Date.now()}-${Math.random().toString(36).slice(2)}`));
}

function describeWeight(w: PageWeight): string {
  return `${kb(w.html + w.css)} (${kb(w.html)} HTML + ${kb(w.css)} CSS) ${w.path}`;
}
