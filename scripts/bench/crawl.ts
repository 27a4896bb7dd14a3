// Crawl of a generated org of 2,000 repos (1,500 with catalog files, 300 of them with TechDocs of
// ~10 pages) from the GitHub emulator, cold then warm. Prints requests, points and time against the
// targets: cold ≤ 1 request per 25 repos plus the docs batches, warm ≤ the listing pages alone.
// Then the same org with GitHub's partial answers (null nodes plus errors) for a third of the repos:
// a cold crawl where each fails once (retried by name), and a warm one where they fail every time
// (kept stale); both must keep as many entities as the clean crawl. Measured at 2,000 repos: 1,500
// entities and 3,000 docs pages in all three; failing once costs 68 listing requests instead of 20
// (a names-only page and two rounds by name), failing always 82 and 16 s (backoff 1 + 4 + 9 s).
// Last, the same clean org cold and warm with the GitHub plugin (src/plugins/github/): its fields ride in the
// listing's own requests (more points per page, no more requests) and CODEOWNERS in the batched file reads.
// Measured at 500 repos: cold 31 requests, 61 points with it against 17 requests, 17 points without (the same 5
// listing requests at 7 points each instead of 1, and 14 batches of CODEOWNERS); warm 5 requests, 35 points
// against 5 requests, 5 points.
// `npm run bench -- crawl`, or `node scripts/bench/crawl.ts [repos]`.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readCatalog } from '../../src/catalog/index.ts';
import { createValidator } from '../../src/catalog/validate/index.ts';
import type { BacklotConfig, GithubSourceConfig } from '../../src/config/types.ts';
import { openGithubSource } from '../../src/sources/github/index.ts';
import github from '../../src/plugins/github/index.ts';
import { prepareRepoFields } from '../../src/plugins/graphql.ts';
import { runPlugins } from '../../src/plugins/run.ts';
import { loaded } from '../../src/plugins/testing.ts';
import type { EmulatorRepo } from '../emulator/repos.ts';
import { startEmulator, type EmulatorFaults } from '../emulator/server.ts';

const ORG = 'bench-org';
const PAGE = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore. ';

function generateOrg(repos: number): EmulatorRepo[] {
  const withCatalog = Math.round(repos * 0.75);
  const withDocs = Math.round(repos * 0.15);
  return Array.from({ length: repos }, (_, i) => {
    const name = `repo-${String(i).padStart(4, '0')}`;
    const files: Record<string, string> = {
      'README.md': `# ${name}\n\n${PAGE.repeat(5)}\n`,
      'package.json': `{ "name": "${name}", "version": "1.0.${i}" }\n`,
      'src/index.ts': `export const name = '${name}';\n`,
      'src/lib/util.ts': `export const id = ${i};\n`,
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    };
    if (i < withCatalog) {
      const docs = i < withDocs;
      files['catalog-info.yaml'] = [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        `  name: ${name}`,
        `  description: Service ${i} of the bench org`,
        ...(docs ? ['  annotations:', '    backstage.io/techdocs-ref: dir:.'] : []),
        'spec:',
        '  type: service',
        '  lifecycle: production',
        `  owner: team-${i % 40}`,
        '',
      ].join('\n');
      if (docs) {
        files['mkdocs.yml'] = `site_name: ${name}\nnav:\n  - Home: index.md\n`;
        for (let p = 0; p < 10; p++) {
          const path = p === 0 ? 'docs/index.md' : p < 6 ? `docs/page-${p}.md` : `docs/guides/guide-${p}.md`;
          files[path] = `# ${name} page ${p}\n\n${PAGE.repeat(20 + ((i + p) % 20))}\n`;
        }
      }
    }
    if (i % 2 === 0) files['.github/CODEOWNERS'] = `* @${ORG}/team-${i % 40}\n`;
    // What GitHub knows beyond git, for the GitHub plugin: a release, counts, languages, 60 commits, checks.
    const github: EmulatorRepo['github'] = {
      releases: [{ tagName: `v1.${i}.0`, publishedAt: '2026-10-01T00:00:00Z' }],
      tags: [`v1.${i}.0`],
      openPullRequests: i % 9,
      openIssues: i % 13,
      languages: { TypeScript: 10_000 + i, Shell: 800 },
      commits: Array.from({ length: 60 }, (_, k) => ({ login: `dev-${(i + k) % 25}`, name: `Dev ${(i + k) % 25}`, date: '2026-10-01T00:00:00Z' })),
      checkSuites: [{ workflow: 'ci', status: 'COMPLETED', conclusion: i % 10 === 0 ? 'FAILURE' : 'SUCCESS', runNumber: i }],
    };
    return { owner: ORG, name, files, github, topics: i % 7 === 0 ? ['backstage'] : [] };
  });
}

interface Phase {
  requests: number;
  points: number;
  blobs: number;
  /** Repo nodes the emulator answered null (the partial fault). */
  partial: number;
  ms: number;
}

export async function run(repoCount = 2000): Promise<void> {
  const t0 = performance.now();
  const repos = generateOrg(repoCount);
  const emulator = await startEmulator({ repos });
  const dir = await mkdtemp(join(tmpdir(), 'backlot-bench-crawl-'));
  process.env.BACKLOT_BENCH_TOKEN = 'bench-token';
  const config: BacklotConfig = {
    root: dir,
    site: { title: 'bench', base: '/', outDir: join(dir, 'dist') },
    sources: [],
    catalog: { kinds: [] },
    cacheDir: join(dir, '.backlot-cache'),
  };
  const source: GithubSourceConfig = {
    type: 'github',
    orgs: [ORG],
    host: 'github.com',
    apiBaseUrl: emulator.url,
    tokenEnv: 'BACKLOT_BENCH_TOKEN',
    catalogPath: '/catalog-info.yaml',
    filters: { allowForks: true, allowArchived: false },
  };
  console.log(`org: ${repoCount} repos generated and served in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const validate = createValidator();
  const listingPages = Math.ceil(repoCount / 100);

  const plugin = loaded(github, { options: { kinds: ['Component'], commits: 50, contributors: 5 } });
  const repoFields = await prepareRepoFields([plugin], { check: true });

  async function crawl(label: string, faults: EmulatorFaults = {}, withPlugin = false): Promise<{ catalog: Phase; docs: Phase; plugin?: Phase; entities: number; pages: number; stale: number }> {
    const lines: string[] = [];
    emulator.setFaults(faults);
    const measure = async <T>(fn: () => Promise<T>): Promise<[T, Phase]> => {
      emulator.resetStats();
      const start = performance.now();
      const value = await fn();
      const s = emulator.stats();
      return [value, { requests: s.requests, points: s.points, blobs: s.blobs, partial: s.partial, ms: performance.now() - start }];
    };
    const [{ snapshot, entities }, catalog] = await measure(async () => {
      const snapshot = await openGithubSource(source, config, { progress: false, log: (l) => lines.push(l), ...(withPlugin && repoFields ? { repoFields } : {}) });
      const result = await readCatalog(snapshot, { catalogPath: () => source.catalogPath, validate });
      return { snapshot, entities: result.entities };
    });
    // The docs stage's reads (src/docs/build.ts): every docs repo's tree at once, then mkdocs.yml of
    // all sites in one read, then all their pages in one read. Rendering is not part of the crawl.
    const docsRepos = entities.filter((e) => e.entity.metadata.annotations?.['backstage.io/techdocs-ref']).map((e) => e.source.repo);
    const [pages, docs] = await measure(async () => {
      const lists = await Promise.all(docsRepos.map(async (repo) => ({ repo, files: await snapshot.list(repo) })));
      await snapshot.read(docsRepos.map((repo) => ({ repo, path: 'mkdocs.yml' })));
      const wanted = lists.flatMap(({ repo, files }) => files.filter((f) => f.startsWith('docs/') && f.endsWith('.md')).map((path) => ({ repo, path })));
      const read = await snapshot.read(wanted);
      return read.filter((f) => f.kind === 'text').length;
    });
    // The plugin's files hook: CODEOWNERS (three paths) of every repo, in the snapshot's batched reads.
    const [repoData, files] = withPlugin ? await measure(async () => {
      const run = await runPlugins({ plugins: [plugin], snapshot, entities: [], cacheDir: config.cacheDir });
      if (run.diagnostics.length) throw new Error(run.diagnostics[0]!.message);
      return run.report.plugins[0]!.files.found;
    }) : [0, undefined];
    snapshot.finish();
    const stale = snapshot.staleRepos().length;
    const fmt = (p: Phase) => `${String(p.requests).padStart(4)} requests ${String(p.points).padStart(4)} points ${String(p.blobs).padStart(5)} blobs ${(p.ms / 1000).toFixed(2).padStart(6)} s`;
    console.log(`${label}  listing + catalog  ${fmt(catalog)}   (${entities.length} entities)`);
    console.log(`${label}  docs               ${fmt(docs)}   (${docsRepos.length} sites, ${pages} pages)`);
    if (files) console.log(`${label}  plugin files       ${fmt(files)}   (${repoData} CODEOWNERS found)`);
    console.log(`${label}  ${lines.at(-1)}`);
    if (faults.partial) {
      const retries = lines.filter((l) => /answered with errors/.test(l)).length;
      console.log(`${label}  partial answers: ${catalog.partial + docs.partial} null repo nodes, ${retries} rounds of asking again by name, ${stale} repos stale`);
    }
    return { catalog, docs, ...(files ? { plugin: files } : {}), entities: entities.length, pages, stale };
  }

  try {
    const cold = await crawl('cold');
    const warm = await crawl('warm');
    const coldTarget = Math.ceil(repoCount / 25);
    const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
    console.log(
      `targets: cold listing + catalog ${cold.catalog.requests} ≤ ${coldTarget} (1 per 25 repos) ${verdict(cold.catalog.requests <= coldTarget)}, ` +
        `docs batches ${cold.docs.requests}; warm ${warm.catalog.requests + warm.docs.requests} ≤ ${listingPages} listing pages ${verdict(warm.catalog.requests + warm.docs.requests <= listingPages)}`,
    );
    if (warm.entities !== cold.entities || warm.pages !== cold.pages) console.log(`MISMATCH: warm crawl saw ${warm.entities} entities / ${warm.pages} pages`);

    // A third of the repos answered as null nodes with errors, in the listing and in batches.
    const third = 1 / 3;
    config.cacheDir = join(dir, '.backlot-cache-partial');
    const once = await crawl('partial-once  ', { partial: { fraction: third, times: 1 } });
    config.cacheDir = join(dir, '.backlot-cache');
    const always = await crawl('partial-always', { partial: { fraction: third } });
    // With the GitHub plugin, cold (a cache of its own) and warm.
    config.cacheDir = join(dir, '.backlot-cache-github');
    const ghCold = await crawl('github cold   ', {}, true);
    const ghWarm = await crawl('github warm   ', {}, true);
    const total = (r: { catalog: Phase; docs: Phase; plugin?: Phase }) => ({ requests: r.catalog.requests + r.docs.requests + (r.plugin?.requests ?? 0), points: r.catalog.points + r.docs.points + (r.plugin?.points ?? 0) });
    const line = (name: string, a: ReturnType<typeof total>, b: ReturnType<typeof total>) => `${name} ${b.requests} requests, ${b.points} points with the GitHub plugin against ${a.requests} requests, ${a.points} points without`;
    console.log(`GitHub plugin: ${line('cold', total(cold), total(ghCold))}; ${line('warm', total(warm), total(ghWarm))}; listing requests ${ghCold.catalog.requests} against ${cold.catalog.requests} (cold), ${ghWarm.catalog.requests} against ${warm.catalog.requests} (warm) ${verdict(ghWarm.catalog.requests === warm.catalog.requests)}`);
    const kept = (r: { entities: number; pages: number }) => `${r.entities} entities, ${r.pages} docs pages`;
    console.log(`entities kept: clean ${kept(cold)}; failing once (cold cache) ${kept(once)} ${verdict(once.entities === cold.entities && once.pages === cold.pages)}; ` +
      `failing always (warm cache, ${always.stale} stale) ${kept(always)} ${verdict(always.entities === cold.entities && always.pages === cold.pages)}`);
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) await run(Number(process.argv[2] ?? 2000));
