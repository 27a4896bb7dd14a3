// `npm run bench flood`: the demo org plus one catalog file with 50,000 dangling refs, against the same org
// with that file's refs left out. Both built through the real CLI, cold (no dist, no cache), BENCH_RUNS times
// (default 3) interleaved so a slow spell of the machine hits both; prints the medians, their ratio (the target
// is at most 2×) and the sizes of the pages that list the problems. BENCH_REFS changes the flood's size.

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/site/build/build.ts';
import { floodCatalog } from '../../src/site/testing/flood.ts';
import { kb, measure, secs } from './_measure.ts';

export async function run(): Promise<void> {
  const refs = Number(process.env.BENCH_REFS ?? 50_000);
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  const work = mkdtempSync(join(tmpdir(), 'backlot-flood-'));
  const cli = join(REPO_ROOT, 'src', 'cli', 'backlot.js');
  try {
    const variants = { clean: 0, flood: refs };
    for (const [name, count] of Object.entries(variants)) {
      cpSync(join(REPO_ROOT, 'content', 'repos'), join(work, name, 'org'), { recursive: true });
      mkdirSync(join(work, name, 'org', 'flood'));
      writeFileSync(join(work, name, 'org', 'flood', 'catalog-info.yaml'), floodCatalog(count, 'platform-team'));
    }
    const size = statSync(join(work, 'flood', 'org', 'flood', 'catalog-info.yaml')).size;
    console.log(`Demo org + one ${kb(size)} catalog file with ${refs.toLocaleString('en')} dangling refs (flood) or none (clean): ${work}`);
    const times: Record<string, number[]> = { clean: [], flood: [] };
    for (let i = 1; i <= runs; i++) {
      for (const name of Object.keys(variants)) {
        const cwd = join(work, name);
        rmSync(join(cwd, 'dist'), { recursive: true, force: true });
        rmSync(join(cwd, '.backlot-cache'), { recursive: true, force: true });
        const build = await measure(process.execPath, [cli, 'build', 'org'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
        // Exit 1: the flood's warnings are problems, but the site is written.
        if (build.code !== 0 && build.code !== 1) throw new Error(`${name} build failed (exit ${build.code}):\n${build.output.slice(-3000)}`);
        times[name]!.push(build.ms);
        if (i === 1) console.log(`  ${name}: ${build.output.split('\n').find((l) => l.startsWith('  problems'))?.trim()}`);
      }
      console.log(`run ${i}/${runs}: clean ${secs(times.clean!.at(-1)!)}, flood ${secs(times.flood!.at(-1)!)}`);
    }
    const median = (list: number[]) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
    const ratio = median(times.flood!) / median(times.clean!);
    console.log(`median: clean ${secs(median(times.clean!))}, flood ${secs(median(times.flood!))}: ${ratio.toFixed(2)}× (target ≤ 2×: ${ratio <= 2 ? 'ok' : 'MISSED'})`);
    const dist = join(work, 'flood', 'dist');
    for (const page of ['catalog/default/component/flood-service/index.html', 'problems/index.html', 'catalog/default/component/flood-service/relations/index.html', 'api/catalog/diagnostics.json']) {
      if (existsSync(join(dist, page))) console.log(`  ${kb(statSync(join(dist, page)).size).padStart(10)}  ${page}`);
    }
    const all = JSON.parse(readFileSync(join(dist, 'api/catalog/diagnostics.json'), 'utf8')) as unknown[];
    console.log(`  diagnostics.json holds ${all.length.toLocaleString('en')} diagnostics`);
  } finally {
    if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
  }
}
