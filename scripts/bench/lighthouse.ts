// `npm run bench -- lighthouse`: Lighthouse's performance and accessibility scores for the home, catalog, an
// entity and a docs page of a 10,000-entity portal (the portal bench's generated org, plus the demo org's repos
// for docs pages), served gzipped as GitHub Pages serves it. Lighthouse runs the page in Debian's Chromium
// (or CHROME_PATH) with its default mobile emulation and throttling; each page is scored BENCH_LH_RUNS times
// (default 3) and the median is printed beside the target (0.95), with the median total blocking time and layout
// shift. BENCH_ENTITIES changes the size; BENCH_DOCS_MERMAID=browser|build sets docs.mermaid (default: auto).

import { spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/site/build/build.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../../src/site/testing/browser.ts';
import { serveStatic } from '../../src/site/testing/serve.ts';
import { measure, secs } from './_measure.ts';
import { writeOrg } from './_portal-org.ts';

const TARGET = 0.95;
const CATEGORIES = ['performance', 'accessibility'] as const;

export async function run(): Promise<void> {
  const entities = Number(process.env.BENCH_ENTITIES ?? 10_000);
  const runs = Math.max(1, Number(process.env.BENCH_LH_RUNS ?? 3));
  const work = mkdtempSync(join(tmpdir(), 'backlot-lighthouse-'));
  try {
    const org = writeOrg(work, { entities, apis: Math.round(entities / 20), seed: 1 });
    // Diagrams drawn at build time or in the browser, to compare the two on the docs page.
    if (process.env.BENCH_DOCS_MERMAID) appendFileSync(org.config, `docs:\n  mermaid: ${process.env.BENCH_DOCS_MERMAID}\n`);
    // The demo org's repos beside the generated ones: they bring real docs sites.
    for (const repo of readdirSync(join(REPO_ROOT, 'content', 'repos'), { withFileTypes: true })) {
      if (repo.isDirectory()) cpSync(join(REPO_ROOT, 'content', 'repos', repo.name), join(work, 'org', `demo-${repo.name}`), { recursive: true });
    }
    const build = await measure(process.execPath, [join(REPO_ROOT, 'src', 'cli', 'backlot.js'), 'build', '--config', org.config], { cwd: work });
    if (build.code !== 0) throw new Error(`backlot build failed (exit ${build.code}):\n${build.output.slice(-3000)}`);
    console.log(`Built ${org.entities.toLocaleString('en')} generated entities plus the demo org in ${secs(build.ms)}`);

    const pages = {
      home: '',
      catalog: 'catalog/',
      entity: firstEntityPage(org.dist),
      docs: firstDocsPage(org.dist),
    };
    const server = await serveStatic(org.dist, { compress: true });
    try {
      console.log(`\nLighthouse (mobile emulation, simulated throttling), the median of ${runs} run${runs === 1 ? '' : 's'} per page; target ≥ ${TARGET}`);
      for (const [name, path] of Object.entries(pages)) {
        const scores: Record<string, number[]> = { performance: [], accessibility: [] };
        const load: Record<'tbt' | 'cls', number[]> = { tbt: [], cls: [] };
        let failing: string[] = [];
        for (let i = 0; i < runs; i++) {
          const report = await lighthouse(server.url + path, work);
          for (const c of CATEGORIES) scores[c]!.push(report.categories[c]?.score ?? 0);
          load.tbt.push(report.audits['total-blocking-time']?.numericValue ?? NaN);
          load.cls.push(report.audits['cumulative-layout-shift']?.numericValue ?? NaN);
          // What costs points: the categories' failing audits, and the page's load metrics.
          const ids = new Set(CATEGORIES.flatMap((c) => report.categories[c]?.auditRefs.map((r) => r.id) ?? []));
          failing = Object.entries(report.audits)
            .filter(([id, a]) => ids.has(id) && a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable')
            .map(([id, a]) => (a.displayValue ? `${id} ${a.displayValue}` : id));
        }
        const median = (list: number[]) => list.slice().sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
        const cells = CATEGORIES.map((c) => `${c} ${median(scores[c]!).toFixed(2)} (${median(scores[c]!) >= TARGET ? 'ok' : 'MISSED'})`);
        console.log(`  ${name.padEnd(8)} /${path.padEnd(52)} ${cells.join(', ')}; TBT ${median(load.tbt).toFixed(0)} ms, CLS ${median(load.cls).toFixed(3)}`);
        if (failing.length) console.log(`           below 0.9: ${failing.join('; ')}`);
      }
    } finally {
      await server.close();
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface Report {
  categories: Record<string, { score: number | null; auditRefs: Array<{ id: string }> }>;
  audits: Record<string, { score: number | null; scoreDisplayMode: string; displayValue?: string; numericValue?: number }>;
}

async function lighthouse(url: string, work: string): Promise<Report> {
  const out = join(work, 'lighthouse.json');
  const bin = join(REPO_ROOT, 'node_modules', 'lighthouse', 'cli', 'index.js');
  const args = [bin, url, '--quiet', `--only-categories=${CATEGORIES.join(',')}`, '--output=json', `--output-path=${out}`, `--chrome-flags=--headless=new ${CHROMIUM_ARGS.join(' ')}`];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: chromiumPath() }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lighthouse ${url} exited ${code}:\n${err.slice(-2000)}`))));
  });
  const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
  writeFileSync(out, '');
  return report;
}

/** A Component's page: the kind most pages are. */
function firstEntityPage(dist: string): string {
  const dir = join(dist, 'catalog', 'default', 'component');
  const name = readdirSync(dir).sort()[0]!;
  return `catalog/default/component/${name}/`;
}

/** The first docs site's first page. */
function firstDocsPage(dist: string): string {
  const root = join(dist, 'docs', 'default');
  for (const kind of readdirSync(root).sort()) {
    for (const name of readdirSync(join(root, kind)).sort()) return `docs/default/${kind}/${name}/`;
  }
  throw new Error('no docs site was built');
}
