// `npm run bench -- docs-one`: the fixed cost an author pays for one repo's docs. A generated 20-page site
// (BENCH_DOCS_ONE_PAGES) built whole by `backlot build DIR` (pipeline, Astro, Pagefind; a config with no
// plugins) and by `mkdocs build` (Debian's, Material theme), each BENCH_DOCS_ONE_RUNS times (default 5), one
// after the other; prints the medians of wall time and of CPU time (user + system, children included).
// CPU is the figure to compare on a shared machine: wall time there mostly measures the other jobs.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeCorpus } from './_docs-corpus.ts';

const EXTENSIONS = ['admonition', 'pymdownx.details', 'pymdownx.superfences', 'pymdownx.tabbed:\n      alternate_style: true', 'toc:\n      permalink: true', 'tables', 'attr_list'];
const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'backlot.js');

interface Run {
  wall: number;
  cpu: number;
  ok: boolean;
}

/** One timed command: wall and CPU from /usr/bin/time when it is there, wall alone otherwise. */
function timed(command: string, args: string[], cwd: string): Run {
  const time = existsSync('/usr/bin/time');
  const started = performance.now();
  const child = time ? spawnSync('/usr/bin/time', ['-f', 'TIMES %U %S', command, ...args], { cwd, encoding: 'utf8' }) : spawnSync(command, args, { cwd, encoding: 'utf8' });
  const wall = (performance.now() - started) / 1000;
  const m = /TIMES ([\d.]+) ([\d.]+)\s*$/.exec(child.stderr ?? '');
  if (child.status !== 0) console.log(`${command} failed: ${(child.stderr ?? '').trim().split('\n').slice(-3).join(' / ')}`);
  return { wall, cpu: m ? Number(m[1]) + Number(m[2]) : NaN, ok: child.status === 0 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const show = (runs: Run[]) =>
  `wall ${median(runs.map((r) => r.wall)).toFixed(1)} s, CPU ${median(runs.map((r) => r.cpu)).toFixed(1)} s (median of ${runs.length}; wall ${runs.map((r) => r.wall.toFixed(1)).join('/')})`;

export async function run(): Promise<void> {
  const pages = Number(process.env.BENCH_DOCS_ONE_PAGES ?? 20);
  const count = Number(process.env.BENCH_DOCS_ONE_RUNS ?? 5);
  const dir = mkdtempSync(join(tmpdir(), 'backlot-bench-docs-one-'));
  try {
    const [repo] = writeCorpus(join(dir, 'org'), { sites: 1, pagesPerSite: pages, mkdocsExtensions: EXTENSIONS });
    const config = join(dir, 'backlot.config.yaml');
    writeFileSync(config, `site:\n  title: Docs\n  outDir: ${JSON.stringify(join(dir, 'dist'))}\ncacheDir: ${JSON.stringify(join(dir, 'cache'))}\n`);
    console.log(`one repo, ${pages} pages; load average before ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    const backlot: Run[] = [];
    for (let i = 0; i < count; i++) backlot.push(timed(process.execPath, [CLI, 'build', '--config', config, join(dir, 'org')], dir));
    console.log(`backlot build (pipeline, Astro, Pagefind): ${show(backlot)}`);
    if (spawnSync('mkdocs', ['--version']).status !== 0) {
      console.log('mkdocs: not installed (apt-get install -y mkdocs mkdocs-material) — comparison skipped');
      return;
    }
    const mkdocs: Run[] = [];
    for (let i = 0; i < count; i++) mkdocs.push(timed('mkdocs', ['build', '-q', '-f', join(repo!.dir, 'mkdocs.yml'), '-d', join(dir, 'mkdocs-site')], dir));
    console.log(`mkdocs build (Material theme): ${show(mkdocs)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
