// Docs stage benchmark: 3,000 generated TechDocs pages across 100 entities, rendered by Backlot's
// docs stage; then `mkdocs build` (Debian's mkdocs + mkdocs-material) on the same corpus, one site
// at a time as TechDocs runs it, when mkdocs is installed.
// BENCH_DOCS_SITES / BENCH_DOCS_PAGES change the size; BENCH_DOCS_SITE=0 skips the Astro portal build and
// Pagefind on top of the docs stage; BENCH_DOCS_MKDOCS=0 skips mkdocs.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDocs, writeDocsAssets, type DocsResult } from '../../src/docs/index.ts';
import type { CatalogEntity } from '../../src/model/catalog.ts';
import type { PortalModel } from '../../src/model/portal.ts';
import { indexSite } from '../../src/search/index.ts';
import { buildSite } from '../../src/site/build/build.ts';
import { templateForms } from '../../src/views/create/page-data.ts';
import type { Snapshot } from '../../src/snapshot/types.ts';
import { openLocalRepos } from '../../src/sources/local.ts';
import { writeCorpus } from './_docs-corpus.ts';

const MKDOCS_EXTENSIONS = [
  'admonition',
  'pymdownx.details',
  'pymdownx.superfences',
  'pymdownx.tabbed:\n      alternate_style: true',
  'pymdownx.highlight:\n      linenums: true',
  'toc:\n      permalink: true',
  'tables',
  'def_list',
  'attr_list',
  'abbr',
  'footnotes',
  'pymdownx.tasklist',
  'pymdownx.mark',
  'pymdownx.caret',
  'pymdownx.tilde',
  'pymdownx.emoji',
  'pymdownx.snippets',
];

/** The whole portal on top: Astro renders the docs pages from the model, then Pagefind indexes them. */
async function portal(dir: string, snapshot: Snapshot, entities: CatalogEntity[], docs: DocsResult): Promise<void> {
  const model: PortalModel = {
    site: { title: 'Docs bench', base: '/' },
    generatedAt: new Date().toISOString(),
    repos: [...snapshot.repos],
    entities: entities.map((e) => ({ ref: e.ref, entity: e.entity, source: { repo: e.source.repo, file: e.source.file, line: 1, column: 1 } })),
    diagnostics: docs.diagnostics,
    apis: {},
    docs: { sites: docs.sites, redirects: docs.redirects },
  };
  const out = join(dir, '_portal');
  const started = performance.now();
  await buildSite({ model, forms: templateForms(model), outDir: out, base: '/' });
  await writeDocsAssets(snapshot, docs.sites.flatMap((s) => s.assets), out, '/');
  const built = performance.now();
  const search = await indexSite(out);
  const pages = docs.sites.reduce((n, s) => n + s.pages.length, 0);
  console.log(
    `portal on top: astro ${((built - started) / 1000).toFixed(1)} s, pagefind ${(search.ms / 1000).toFixed(1)} s (${search.pages} pages indexed); ` +
      `docs stage + portal ${pages} pages; peak RSS of this process so far ${mb(process.resourceUsage().maxRSS)}`,
  );
}

const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;

export async function run(): Promise<void> {
  const sites = Number(process.env.BENCH_DOCS_SITES ?? 100);
  const pagesPerSite = Number(process.env.BENCH_DOCS_PAGES ?? 30);
  const loadBefore = loadavg();
  const dir = mkdtempSync(join(tmpdir(), 'backlot-bench-docs-'));
  try {
    const repos = writeCorpus(dir, { sites, pagesPerSite, mkdocsExtensions: MKDOCS_EXTENSIONS });
    const snapshot = await openLocalRepos(repos, { org: 'bench', host: 'github.com', defaultBranch: 'main' });
    const entities: CatalogEntity[] = repos.map(({ name }) => ({
      ref: `component:default/${name}`,
      entity: { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata: { name, annotations: { 'backstage.io/techdocs-ref': 'dir:.' } }, spec: {} },
      source: { repo: name, file: 'catalog-info.yaml', line: 1, column: 1, positions: {} },
    }));

    const rssBefore = process.resourceUsage().maxRSS;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const result = await buildDocs(snapshot, entities, { base: '/' });
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const pages = result.sites.reduce((n, s) => n + s.pages.length, 0);
    const html = result.sites.reduce((n, s) => n + s.pages.reduce((m, p) => m + p.html.length, 0), 0);
    console.log(`corpus: ${sites} entities × ${pagesPerSite} pages (${dir})`);
    console.log(
      `backlot docs stage: ${pages} pages in ${seconds.toFixed(2)} s = ${(pages / seconds).toFixed(0)} pages/s ` +
        `(${((seconds * 1000) / pages).toFixed(2)} ms/page, incl. shiki start-up); peak RSS ${mb(process.resourceUsage().maxRSS)} ` +
        `(${mb(rssBefore)} before); ${(html / 1024 / 1024).toFixed(1)} MB of HTML; ${result.diagnostics.length} diagnostics`,
    );
    console.log(`  CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s on ${availableParallelism()} cores; load average before ${loadBefore.map((l) => l.toFixed(1)).join(' ')}`);
    if (result.diagnostics.length) console.log(`  first diagnostic: ${JSON.stringify(result.diagnostics[0])}`);

    if (process.env.BENCH_DOCS_SITE !== '0') await portal(dir, snapshot, entities, result);

    const mkdocs = spawnSync('mkdocs', ['--version'], { encoding: 'utf8' });
    if (process.env.BENCH_DOCS_MKDOCS === '0') return;
    if (mkdocs.status !== 0) {
      console.log('mkdocs: not installed (apt-get install -y mkdocs mkdocs-material) — comparison skipped');
      return;
    }
    const time = existsSync('/usr/bin/time');
    let peakKb = 0;
    let failed = 0;
    const mkStarted = performance.now();
    for (const repo of repos) {
      const args = ['build', '-q', '-f', join(repo.dir, 'mkdocs.yml'), '-d', join(dir, '_site', repo.name)];
      const child = time
        ? spawnSync('/usr/bin/time', ['-f', '%M', 'mkdocs', ...args], { encoding: 'utf8' })
        : spawnSync('mkdocs', args, { encoding: 'utf8' });
      if (child.status !== 0) failed++;
      const kb = Number(/(\d+)\s*$/.exec(child.stderr ?? '')?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    }
    const mkSeconds = (performance.now() - mkStarted) / 1000;
    const mkPages = sites * pagesPerSite;
    console.log(
      `mkdocs build (${mkdocs.stdout.trim().split(' from ')[0]}, material theme, one site after another): ${mkPages} pages in ${mkSeconds.toFixed(2)} s = ` +
        `${(mkPages / mkSeconds).toFixed(0)} pages/s (${((mkSeconds * 1000) / mkPages).toFixed(2)} ms/page); peak RSS per build ${time ? mb(peakKb) : 'n/a'}` +
        `${failed ? `; ${failed} builds failed` : ''}`,
    );
    console.log(`backlot is ${(mkSeconds / seconds).toFixed(1)}× faster per page than mkdocs on this corpus`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
