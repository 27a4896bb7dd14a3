// `npm run bench -- rebuild`: the 10,000-entity portal org (as `portal`) built cold (no dist/, no cache), then one
// repo's catalog file edited (a Component's description) and built again, which reuses the unchanged entity pages
// (src/site/build/reuse.ts). BENCH_RUNS pairs (default 3), cold and rebuild alternating; prints each pair, the
// medians and their ratio against #26's target (a one-repo rebuild ≤ ⅓ of a cold build), in wall time and in CPU
// time (user + sys of the build's whole process tree, from GNU time): the machine is shared, so wall time alone
// says little. BENCH_ENTITIES and BENCH_APIS change the size.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/site/build/build.ts';
import { editableCatalogFile, editDescription, measure, secs, type RunResult } from './_measure.ts';
import { writeOrg } from './_portal-org.ts';

const TARGET = 1 / 3;

export async function run(): Promise<void> {
  const entities = Number(process.env.BENCH_ENTITIES ?? 10_000);
  const apis = Number(process.env.BENCH_APIS ?? 500);
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  const work = mkdtempSync(join(tmpdir(), 'backlot-bench-rebuild-'));
  const trash = join(work, '.trash');
  const cli = join(REPO_ROOT, 'src', 'cli', 'backlot.js');
  try {
    const org = writeOrg(work, { entities, apis, seed: 1 });
    const file = editableCatalogFile(join(work, 'org'));
    console.log(`Generated ${org.entities.toLocaleString('en')} entities in ${org.repos.toLocaleString('en')} repos; the rebuild edits ${file.slice(work.length + 1)}`);
    const pairs: Array<{ cold: RunResult; rebuild: RunResult }> = [];
    for (let i = 1; i <= runs; i++) {
      // Set aside, not deleted: a big delete slows the next minutes' file creation on this VM (see portal.ts).
      setAside(org.dist, trash);
      setAside(join(work, '.backlot-cache'), trash);
      // The site the last rebuild replaced (src/util/siteOutput.ts): a cold build in CI has none to delete.
      for (const name of readdirSync(work)) if (name.startsWith('.dist.previous-')) setAside(join(work, name), trash);
      const cold = await build(cli, org.config, work);
      editDescription(file, `Edited ${i}.`);
      const rebuild = await build(cli, org.config, work);
      pairs.push({ cold, rebuild });
      console.log(`run ${i}/${runs}: cold ${secs(cold.ms)} (CPU ${secs(cpuMs(cold))}), rebuild ${secs(rebuild.ms)} (CPU ${secs(cpuMs(rebuild))}): ${(rebuild.ms / cold.ms).toFixed(2)} of cold; ${pagesLine(rebuild)}`);
    }
    const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    const cold = median(pairs.map((p) => p.cold.ms));
    const rebuild = median(pairs.map((p) => p.rebuild.ms));
    const coldCpu = median(pairs.map((p) => cpuMs(p.cold)));
    const rebuildCpu = median(pairs.map((p) => cpuMs(p.rebuild)));
    console.log(`\nMedians of ${runs}: cold ${secs(cold)}, one-repo rebuild ${secs(rebuild)}: ${(rebuild / cold).toFixed(2)} of cold (target ≤ ${TARGET.toFixed(2)}: ${rebuild / cold <= TARGET ? 'ok' : 'MISSED'})`);
    console.log(`CPU (user + sys, process tree): cold ${secs(coldCpu)}, rebuild ${secs(rebuildCpu)}: ${(rebuildCpu / coldCpu).toFixed(2)} of cold`);
    console.log(`Last rebuild:\n${summary(pairs.at(-1)!.rebuild)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function build(cli: string, config: string, cwd: string): Promise<RunResult> {
  const result = await measure(process.execPath, [cli, 'build', '--config', config], { cwd });
  if (result.code !== 0) throw new Error(`backlot build failed (exit ${result.code}):\n${result.output.slice(-3000)}`);
  return result;
}

/** User + system CPU of the build and every process it waited for (GNU time -v); 0 without GNU time. */
function cpuMs(result: RunResult): number {
  const user = /User time \(seconds\): ([\d.]+)/.exec(result.output);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(result.output);
  return (Number(user?.[1] ?? 0) + Number(sys?.[1] ?? 0)) * 1000;
}

const pagesLine = (result: RunResult) => /pages +(.*)/.exec(result.output)?.[1] ?? 'no pages line';
const summary = (result: RunResult) => result.output.split('\n').filter((l) => /^ {2}(pages|graphs|time|output) /.test(l)).join('\n');


function setAside(dir: string, trashDir: string): void {
  if (!existsSync(dir)) return;
  mkdirSync(trashDir, { recursive: true });
  renameSync(dir, join(trashDir, `${Date.now()}-${Math.random().toString(36).slice(2)}`));
}
