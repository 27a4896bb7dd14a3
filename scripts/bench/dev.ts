// `npm run bench dev`: what a save costs `backlot dev` before the browser reloads — one file edited, the repo read
// again and the pipeline run again (src/cli/devSession.ts), against a full run in the same warm process — on a copy
// of the demo org (a catalog file, a docs page) and on a generated org of BENCH_ENTITIES (default 10,000). Medians
// of BENCH_RUNS (default 5). Astro's part (rendering the one page asked for) is measured by
// src/cli/dev.build.test.ts, which prints the time from the save to the page served.

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load.ts';
import { openConfigured, openOrgFolder } from '../../src/cli/context.ts';
import { openDevSession, type DevSession } from '../../src/cli/devSession.ts';
import { runPipeline } from '../../src/pipeline/index.ts';
import { REPO_ROOT } from '../../src/site/build/build.ts';
import { writeOrg } from './_portal-org.ts';

const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 5));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => `${Math.round(x)} ms`;

export async function run(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'backlot-bench-dev-'));
  try {
    const demo = join(work, 'demo');
    cpSync(join(REPO_ROOT, 'content', 'repos'), demo, { recursive: true });
    const demoCtx = await openOrgFolder(loadConfig(undefined, REPO_ROOT), demo);
    const demoSession = await openDevSession(demoCtx, { docsMode: false });
    console.log(`demo org (${demoCtx.snapshot.repos.length} repos, ${demoSession.current().result.model.entities.length} entities)`);
    await fullRun(demoCtx);
    await saves(demoSession, demo, 'shipments/catalog-info.yaml', (t, i) => t.replace(/^(  title: ).*$/m, `$1Shipments Service ${i}`));
    await saves(demoSession, demo, 'shipments/docs/runbook.md', (t, i) => `${t}\nA line added by save ${i}.\n`);

    const entities = Number(process.env.BENCH_ENTITIES ?? 10_000);
    const written = writeOrg(join(work, 'big'), { entities, seed: 1 });
    const bigCtx = await openConfigured(loadConfig(written.config));
    const bigSession = await openDevSession(bigCtx, { docsMode: false });
    console.log(`generated org (${written.repos} repos, ${written.entities} entities)`);
    await fullRun(bigCtx);
    const repo = readdirSync(join(work, 'big', 'org')).sort()[0]!;
    await saves(bigSession, join(work, 'big', 'org'), `${repo}/catalog-info.yaml`, (t, i) => t.replace(/^(  description: ).*$/m, `$1Edited by save ${i}.`));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function fullRun(ctx: Awaited<ReturnType<typeof openConfigured>>): Promise<void> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await runPipeline(ctx.config, ctx.snapshot, { catalogPath: ctx.catalogPath });
    times.push(performance.now() - t);
  }
  console.log(`${'  full pipeline run, warm'.padEnd(46)}${ms(median(times))} median of ${runs}`);
}

async function saves(session: DevSession, root: string, path: string, edit: (text: string, i: number) => string): Promise<void> {
  const times: number[] = [];
  const stages: Record<string, number[]> = {};
  for (let i = 0; i < runs; i++) {
    const file = join(root, path);
    writeFileSync(file, edit(readFileSync(file, 'utf8'), i));
    const rebuilt = await session.rebuild([{ root: session.roots[0]!, path }]);
    if (!rebuilt) throw new Error(`a save of ${path} did not rebuild`);
    times.push(rebuilt.ms);
    for (const [stage, t] of Object.entries(session.current().result.timings)) (stages[stage] ??= []).push(t);
  }
  const parts = Object.entries(stages).map(([stage, t]) => `${stage} ${ms(median(t))}`).join(', ');
  console.log(`  save of ${path}`.padEnd(46) + `${ms(median(times))} median of ${runs} (${parts})`);
}
