// `backlot build` and `preview` (`dev` is ./dev.ts): the pipeline, then Astro renders the model, then Pagefind indexes it.

import { dirname, join, relative, resolve } from 'node:path';
import type { AstroInlineConfig } from 'astro';
import { countBy, runPipeline, type PipelineResult } from '../pipeline/index.ts';
import { writeCatalogApi } from '../pipeline/writeApi.ts';
import { writeDocsAssets } from '../docs/index.ts';
import { readPreviousIndex, writeSearchManifest, type SearchManifest } from '../search/shards.ts';
import { startSiteBuild, type SiteBuild } from '../site/build/child.ts';
import { mergeShardPages, ShardPagesError, writeShardMarker } from '../site/build/shardPages.ts';
import type { BuildSiteResult } from '../site/build/build.ts';
import type { PortalEntity, PortalModel } from '../model/portal.ts';
import type { Shard } from '../snapshot/shard.ts';
import { lowerThreadPriority } from '../util/background.ts';
import { REPO_ROOT, moveDir } from '../site/build/files.ts';
import { claimSiteOutput, type SiteOutput } from '../util/siteOutput.ts';
import { UsageError } from './errors.ts';
import { addViewDiagnostics } from './viewChecks.ts';
import type { TemplateForms } from '../views/create/page-data.ts';
import type { LayoutReport } from '../site/build/graphs.ts';
import type { BacklotConfig } from '../config/types.ts';
import { isWithin } from '../config/load.ts';
import { listOwnPages, ownPagesIntegrations, ownPagesPlugin } from '../site/build/own-pages.ts';
import { pluginComponentsPlugin } from '../site/build/plugin-components.ts';
import { openConfigured, openOrgFolder, openSnapshots, readConfig, type Context } from './context.ts';
import { formatDiagnostics, summarise } from './format.ts';
import { componentFiles, loadPlugins, type LoadedPlugin } from '../plugins/load.ts';
import { writeReport } from '../plugins/report.ts';
import { copyFile, mkdir } from 'node:fs/promises';
import { compareDiagnostics } from '../model/diagnostic.ts';
import { DEFAULT_HISTORY_DAYS, type History } from '../diff/history.ts';
import { siteVersion, writeManifest, type PageManifest, type ReuseInput, type ReuseSource } from '../site/build/reuse.ts';
import { KEPT_BUNDLE } from '../site/build/kept-bundle.ts';
import { keepHistoryCopy, readPreviousSite, recordHistory, type PreviousSite } from '../pipeline/history.ts';
import type { DiagramReport } from '../docs/mermaid/index.ts';
import { openRepoCache } from '../pipeline/repoCache.ts';
import { codeVersion } from '../util/codeVersion.ts';

/** The package root: where astro.config.mjs and the site's sources live. */
const PACKAGE_ROOT = REPO_ROOT;
let code: string | undefined;
/** Backlot's code version, read once per process (pages and the pipeline's kept results carry it). */
const ourCode = () => (code ??= codeVersion(PACKAGE_ROOT));

export interface BuildOptions {
  config: string | undefined;
  strict: boolean;
  verbose: boolean;
  path: string | undefined;
  /** The live portal (URL) or a built site (folder) the history continues from; default from the config. */
  previous?: string | undefined;
  /** Folders `backlot crawl --shard i/N` wrote: they replace the configured sources. */
  snapshots?: string[];
  /** Render only this share of the pages into `out` (with `snapshots`); the API and search come with `pages`. */
  shard?: Shard;
  out?: string;
  /** Folders `--shard` builds rendered: copied in instead of rendering, then the API and the search index. */
  pages?: string[];
  /** false (`--no-reuse`): render every page, none copied from the last build. */
  reuse?: boolean;
}

/** How many diagnostics a build prints before pointing at the problems page. */
export const PRINT_LIMIT = 30;

async function prepare(
  options: BuildOptions,
  config = readConfig(options.config),
  previous?: Promise<PreviousSite>,
  loaded?: LoadedPlugin[],
  onEntities?: (entities: PortalEntity[]) => void,
): Promise<{ ctx: Context; result: BuildResult; forms: TemplateForms; readMs: number; historyMs: number; history?: History; saveCache: () => void }> {
  // Plugins load first: a missing module or bad options stop the build before any work.
  const plugins = loaded ?? (await loadPlugins(config, options.path ? [options.path] : []));
  // Plugins' GitHub fields ride in a crawl's listing; checked against GitHub's schema only when there is a crawl.
  const crawl = !options.path && !options.snapshots && config.sources.some((s) => s.type === 'github');
  // graphql (~130 modules) is loaded only for a crawl.
  const repoFields = crawl ? await (await import('../plugins/graphql.ts')).prepareRepoFields(plugins, { check: true }) : undefined;
  const started = performance.now();
  const ctx = options.path
    ? await openOrgFolder(config, options.path)
    : options.snapshots
      ? await openSnapshots(config, options.snapshots)
      : await openConfigured(config, repoFields ? { repoFields } : {});
  const readMs = performance.now() - started;
  // An empty portal written over the last one would look like a deleted org: refuse it.
  if (ctx.snapshot.repos.length === 0) {
    ctx.finish?.();
    throw new UsageError(options.path ? `no repos in ${options.path}: each sub-folder of PATH is a repo` : 'no repos in the configured sources');
  }
  // Shards rendering one site must agree on the model's time: the snapshots' (every page shows it).
  const generatedAt = options.shard || options.pages ? ctx.crawledAt : undefined;
  // Repos whose files did not change since the last build are not parsed and validated again (not with --no-reuse).
  const repoCache = options.reuse === false ? undefined : openRepoCache({ dir: join(config.cacheDir, 'pipeline'), version: ourCode(), settings: config.catalog, catalogPath: ctx.catalogPath });
  // The catalog's and the graph's entities (each with the positions of all its YAML nodes) are the pipeline's
  // own: let them go here, not at the end of the build.
  const { catalog, graph: _graph, ...pipeline } = await runPipeline(ctx.config, ctx.snapshot, { catalogPath: ctx.catalogPath, plugins, previews: true, ...(generatedAt ? { generatedAt } : {}), ...(repoCache ? { repoCache } : {}), ...(onEntities ? { onEntities } : {}) });
  const result: BuildResult = { ...pipeline, keptRepos: catalog.reused };
  // Written once the model has gone to the site child (buildInto): no page waits for the next build's cache.
  const saveCache = () => repoCache?.save();
  const forms = addViewDiagnostics(result);
  if (result.plugins) await writeReport(ctx.config.cacheDir, result.plugins.report);
  ctx.finish?.();
  if (!previous) return { ctx, result, forms, readMs, historyMs: 0, saveCache };
  // Before the model goes to the pages: the changes page, the feed and every entity page show the history.
  const historyStarted = performance.now();
  const last = await previous;
  for (const note of last.notes) console.log(`History: ${note}`);
  const history = await recordHistory(result.model, last, { at: new Date(result.model.generatedAt), days: config.history?.days ?? DEFAULT_HISTORY_DAYS });
  result.model.history = history.entries;
  if (last.diagnostics.length) {
    result.diagnostics = [...result.diagnostics, ...last.diagnostics].sort(compareDiagnostics);
    result.model.diagnostics = result.diagnostics;
  }
  return { ctx, result, forms, readMs, historyMs: performance.now() - historyStarted, history, saveCache };
}

/** What the build keeps of the pipeline's result: the model and what the summary reports. */
type BuildResult = Omit<PipelineResult, 'catalog' | 'graph'> & {
  /** Repos whose catalog was kept from the last build (not parsed again). */
  keptRepos: number;
};

/** Where history continues from: `--previous`, else the configured live site, else the last build in outDir. */
function previousSource(options: BuildOptions, config: BacklotConfig): string {
  return options.previous ?? config.history?.url ?? config.site.outDir;
}

export async function astroConfig(config: BacklotConfig, verbose: boolean, plugins: readonly LoadedPlugin[] = []): Promise<AstroInlineConfig> {
  return {
    root: PACKAGE_ROOT,
    outDir: config.site.outDir,
    base: config.site.base,
    ...(config.site.url ? { site: config.site.url } : {}),
    logLevel: verbose ? 'info' : 'warn',
    integrations: await ownPagesIntegrations(config.site.pages),
    vite: { plugins: [ownPagesPlugin(config.site.pages), pluginComponentsPlugin(componentFiles(plugins))] },
  };
}

/** Env variables that hold tokens (the crawl's and the plugins'): the site child never sees them. */
export function secretEnvNames(config: BacklotConfig): string[] {
  return [...config.sources.flatMap((s) => (s.type === 'github' ? [s.tokenEnv] : [])), ...(config.plugins ?? []).flatMap((p) => p.env)];
}

export async function buildCommand(options: BuildOptions): Promise<number> {
  const started = performance.now();
  const configured = readConfig(options.config);
  // A shard renders into a folder of its own, swapped in as a whole site is.
  const outDir = options.shard ? resolve(options.out ?? `site-${options.shard.index}-of-${options.shard.count}`) : configured.site.outDir;
  // The live site is replaced only by a complete build: everything is written into this build's own folder beside
  // outDir and swapped in at the end (../util/siteOutput.ts). A second build into the same folder waits here.
  const output = await claimSiteOutput(outDir, {
    onWait: (holder, lock) => console.log(`Waiting for the build in process ${holder.pid} (started ${holder.started}) to finish writing ${relative(process.cwd(), outDir) || '.'}/ (lock: ${relative(process.cwd(), lock)})…`),
  });
  try {
    const { code, summary, history, manifest, search } = await buildInto(output, options, configured, started);
    await output.commit();
    // Only once the output is the one it describes: the next build copies its pages and search shards from there.
    if (manifest) writeManifest(configured.cacheDir, manifest);
    if (search) writeSearchManifest(configured.cacheDir, search);
    // A copy for a next build whose live site cannot answer (src/pipeline/history.ts); kept once the site is.
    if (history && !options.shard) keepHistoryCopy(historyCopy(configured), history);
    console.log(summary());
    return code;
  } finally {
    await output.abandon(); // nothing when committed; otherwise the previous site stays as it was
  }
}

async function buildInto(
  output: SiteOutput,
  options: BuildOptions,
  configured: BacklotConfig,
  started: number,
): Promise<{ code: number; summary: () => string; history?: History | undefined; manifest?: PageManifest; search?: SearchManifest }> {
  const { site: siteDir, scratch } = output;
  const onRelease = (stop: () => void | Promise<void>) => output.onRelease(stop);
  // Read while the sources are crawled: the live site's last catalog and history.
  const previous = readPreviousSite(previousSource(options, configured), { cacheFile: historyCopy(configured) });
  // Own pages are compiled, so they must not be part of the org folder a PATH names (its sub-folders are repos).
  const pages = configured.site.pages;
  if (pages && options.path && (isWithin(pages, resolve(options.path)) || isWithin(resolve(options.path), pages))) {
    throw new UsageError(`the own pages folder ${relative(process.cwd(), pages) || '.'} overlaps ${options.path}, whose sub-folders are crawled as repos; build another folder, or set site.pages to a folder of its own`);
  }
  // A page that cannot be served fails now, not seconds later inside Astro (the child lists the folder again).
  if (pages) {
    try {
      listOwnPages(pages);
    } catch (err) {
      throw new UsageError(`own pages (${relative(process.cwd(), pages) || '.'}/): ${(err as Error).message}`);
    }
  }
  // Plugins load before Astro starts: the components they ship are bundled with the pages.
  const plugins = await loadPlugins(configured, options.path ? [options.path] : []);
  // Astro starts now in a child process (loading, bundling: seconds) and renders once the model has arrived; with
  // --pages the shards rendered already, and their pages are copied in once the model says they are this one's.
  const siteBuild = options.pages
    ? shardPagesBuild(options.pages, siteDir)
    : startSiteBuild({
        pluginComponents: componentFiles(plugins),
        ...(configured.site.pages ? { pagesDir: configured.site.pages } : {}),
        outDir: siteDir,
        scratchKey: output.outDir,
        base: configured.site.base,
        ...(configured.site.url ? { site: configured.site.url } : {}),
        verbose: options.verbose,
        ...(options.shard ? { share: options.shard } : {}),
        // A whole site's server bundle, for the next build to render from (../site/build/kept-bundle.ts).
        ...(options.shard ? {} : { keepBundle: resolve(configured.cacheDir, KEPT_BUNDLE) }),
      }, secretEnvNames(configured));
  // A whole-site build renders only the entity pages whose data changed since the last one (../site/build/reuse.ts).
  // The site's code version is worked out here once the child bundles; the last build's keys are read by the child
  // itself, while this process runs the pipeline: read here and sent (~3 MB at 10,000 entities, their 12,000 pages
  // checked on disk), they held up the pipeline ~0.1 s (farm-bench, two runs of 10 interleaved pairs of one-repo
  // rebuilds at 10,000 entities: 0.96x and 0.95x the wall time, 0.95x and 0.94x the CPU).
  const reuse = options.shard || options.pages ? undefined : planReuse(options, configured, componentFiles(plugins).map((c) => c.file));
  // Awaited: a message leaves through the channel only while this thread turns its event loop, which the pipeline's
  // first stages hardly do; the keys reached the child ~0.5 s late, after the graph stage, so the child loaded the
  // kept bundle (../site/build/kept-bundle.ts) after them rather than before (0.98x the wall time, 8 pairs).
  await siteBuild.sendReuse(reuse?.input ?? reuse?.source);
  onRelease(() => siteBuild.cancel()); // interrupted or failed: the child must stop writing into the work folder
  let prepared: Awaited<ReturnType<typeof prepare>>;
  try {
    // The entities go to the child as soon as the graph stage has made them: it takes them in while this process
    // summarises the API definitions, and only the rest of the model is left to send at the end.
    prepared = await prepare(options, configured, previous, plugins, (entities) => siteBuild.sendEntities(entities));
  } catch (err) {
    void siteBuild.cancel();
    throw err;
  }
  const handoverStarted = performance.now();
  await siteBuild.sendModel(prepared.result.model, prepared.forms);
  // From here this process only writes the static API and the search index (Pagefind inherits the priority)
  // while the site child renders, which is what the build waits for.
  lowerThreadPriority();
  const handoverMs = performance.now() - handoverStarted;
  const { ctx, result, readMs, historyMs, history } = prepared;
  const { config } = ctx;
  const { diagnostics } = result;
  if (diagnostics.length > 0) {
    const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
    const shown = diagnostics.slice(0, PRINT_LIMIT);
    process.stdout.write(formatDiagnostics(shown, 'text', { color, pathOf: ctx.pathOf }));
    if (diagnostics.length > shown.length) console.log(`… and ${diagnostics.length - shown.length} more: see the Problems page`);
  }

  const t0 = performance.now();
  if (options.shard) {
    prepared.saveCache();
    return shardSummary(options.shard, siteDir, result.model.generatedAt, await siteBuild.result, started, t0);
  }
  // Search indexes the entities from the model while Astro renders; only the docs pages wait for the site (with
  // none, the index is written meanwhile too, beside the site, and moved in after).
  // A whole-site build links the search shards whose pages did not change from the last build's output (../search/shards.ts).
  const previousIndex = options.reuse === false || options.pages ? undefined : readPreviousIndex(configured.cacheDir, configured.site.outDir);
  // Loaded only now, after the model has gone: its markdown stack (~130 ms of CPU to load) is not on the way there.
  const { startModelIndex } = await import('../search/index.ts');
  const searchIndex = startModelIndex(result.model, { stagingDir: scratch('search'), ...(previousIndex ? { previous: previousIndex } : {}) });
  searchIndex.catch(() => {}); // handled where it is awaited; a failed start must not crash the build meanwhile
  // The static catalog API's files are written beside the site while Astro renders (Astro empties its output folder
  // first) and moved into it after. Both scratch folders are this build's own. They, and the pipeline's cache, wait
  // until Pagefind has the records: on a one-repo rebuild Pagefind's index is what the build waits for last, and
  // they shared this thread while the records went to it (farm-bench, 8 interleaved pairs of one-repo rebuilds at
  // 10,000 entities: 0.93x the wall time).
  const staging = scratch('api');
  const apiFiles = searchIndex
    .catch(() => {})
    .then(() => {
      prepared.saveCache();
      return writeCatalogApi(result.model, staging);
    });
  apiFiles.catch(() => {}); // handled where it is awaited
  onRelease(() => searchIndex.then((s) => s.close(), () => {})); // Pagefind's process writes into the work folder too
  let site: Awaited<typeof siteBuild.result>;
  try {
    site = await siteBuild.result;
  } catch (err) {
    await searchIndex.then((s) => s.close(), () => {});
    await apiFiles.catch(() => {});
    throw err;
  }
  const astroMs = performance.now() - t0;
  // Pagefind writes its index meanwhile; neither touches what search reads (the model, the docs pages' HTML).
  const [api, search] = await Promise.all([
    (async () => {
      // Images and files the docs pages link to, served from the docs' own URLs.
      await writeDocsAssets(ctx.snapshot, result.model.docs?.sites.flatMap((s) => s.assets) ?? [], siteDir, config.site.base);
      // Plugins' browser scripts, on the paths the pages that show their cards load them from.
      for (const script of result.plugins?.scripts ?? []) {
        const target = join(siteDir, script.path);
        await mkdir(dirname(target), { recursive: true });
        await copyFile(script.file, target);
      }
      const written = await apiFiles;
      await moveDir(join(staging, 'api'), join(siteDir, 'api'));
      return written;
    })(),
    searchIndex.then((s) => s.finish(siteDir)),
  ]);
  const outputMs = performance.now() - t0 - astroMs;

  const { errors, warnings } = summarise(diagnostics);
  const kinds = Object.entries(countBy(result.model.entities, (e) => e.entity.kind))
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const summary = () =>
    [
      `Backlot: ${config.site.title}`,
      `  repos     ${ctx.snapshot.repos.length}`,
      `  entities  ${result.model.entities.length}${kinds ? ` (${kinds})` : ''}`,
      `  problems  ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
      `  graphs    ${layoutSummary(site.layouts)}`,
      ...(reuse && site.pages ? [`  pages     ${pagesSummary(site.pages, reuse.reason ?? site.reuseReason)}${site.written?.fromShell ? `, ${site.written.fromShell} written from the first ones' shell` : ''}${site.replayed ? "; the last build's bundle, not bundled again" : ''}`] : []),
      ...(result.diagrams && result.diagrams.drawn + result.diagrams.inBrowser > 0 ? [`  diagrams  ${diagramSummary(result.diagrams)}`] : []),
      ...(result.plugins ? [`  plugins   ${result.plugins.report.plugins.map((p) => `${p.name} ${p.cards.cards} card${p.cards.cards === 1 ? '' : 's'}`).join(', ')}`] : []),
      `  history   ${historySummary(history, result.model.generatedAt, config.history?.days ?? DEFAULT_HISTORY_DAYS)}`,
      `  output    ${relative(process.cwd(), config.site.outDir) || '.'}/ (${search.pages} pages indexed in ${search.shards} shard${search.shards === 1 ? '' : 's'}${search.reused ? `, ${search.reused} reused` : ''}, ${api.files} API files)`,
      `  time      ${secs(performance.now() - started)} (sources ${secs(readMs)}, catalog ${secs(result.timings.catalog)}${result.keptRepos ? ` (${result.keptRepos} of ${ctx.snapshot.repos.length} repos kept)` : ''}, graph ${secs(result.timings.graph)}, apis ${secs(result.timings.apis)}, docs ${secs(result.timings.docs)}, history ${secs(historyMs)}, hand-over ${secs(handoverMs)}, site ${secs(astroMs)}, search and API files ${secs(outputMs)})`,
    ].join('\n');
  const manifest = reuse && site.pages ? { version: reuse.version, generatedAt: result.model.generatedAt, pages: site.pages.keys, ...(site.pages.entities ? { entities: site.pages.entities } : {}) } : undefined;
  return { code: errors > 0 && options.strict ? 1 : options.strict && warnings > 0 ? 1 : 0, summary, history, ...(manifest ? { manifest } : {}), search: search.manifest };
}

export async function previewCommand(options: { config: string | undefined }): Promise<number> {
  const config = readConfig(options.config);
  const { preview } = await import('astro');
  const server = await preview({ ...(await astroConfig(config, true)) });
  await server.closed();
  return 0;
}

/** `--pages`: a site build that renders nothing and copies the shards' pages in once the model is known. */
function shardPagesBuild(dirs: string[], siteDir: string): SiteBuild {
  let model: (m: PortalModel) => void;
  const received = new Promise<PortalModel>((resolve) => (model = resolve));
  const result = received.then((m) => {
    try {
      const merged = mergeShardPages(dirs, siteDir, m.generatedAt);
      console.log(`Pages: ${merged.files} files from ${merged.shards} rendered shards`);
    } catch (err) {
      throw err instanceof ShardPagesError ? new UsageError(err.message) : err;
    }
    return { layouts: { shapes: 0, direct: 0, dagre: 0 } };
  });
  result.catch(() => {});
  return { sendEntities: () => {}, sendReuse: async () => {}, sendModel: async (m) => model(m), cancel: async () => {}, result, pid: undefined };
}

function shardSummary(shard: Shard, siteDir: string, generatedAt: string, site: BuildSiteResult, started: number, t0: number): { code: number; summary: () => string } {
  writeShardMarker(siteDir, { shard, generatedAt });
  const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  return {
    code: 0,
    summary: () => `Backlot: rendered shard ${shard.index}/${shard.count} (graphs ${layoutSummary(site.layouts)}) in ${secs(performance.now() - started)} (site ${secs(performance.now() - t0)}); "backlot build --pages" merges the shards`,
  };
}

interface ReusePlan {
  /** The site's version (./reuse.ts siteVersion): the next build's manifest carries it. */
  version: string;
  /** Nothing to reuse (`--no-reuse`): a full build that still records its keys. */
  input?: ReuseInput;
  /** Where the site child reads what it may reuse of the last build in outDir (any doubt there is a full build). */
  source?: ReuseSource;
  /** Why nothing is reused, when known here. */
  reason?: string;
}

function planReuse(options: BuildOptions, config: BacklotConfig, pluginComponents: string[]): ReusePlan {
  const version = siteVersion(PACKAGE_ROOT, { site: config.site, plugins: config.plugins ?? [] }, pluginComponents, ourCode());
  if (options.reuse === false) return { version, input: { version, previous: {} }, reason: '--no-reuse' };
  return { version, source: { version, cacheDir: config.cacheDir, previousSite: config.site.outDir } };
}

function pagesSummary(pages: NonNullable<BuildSiteResult['pages']>, reason: string | undefined): string {
  const keyed = Object.keys(pages.keys).length;
  if (reason) return `${keyed} entity pages rendered (none reused: ${reason})`;
  const { linked, copied } = pages.linked;
  const how = copied ? ` (${linked ? `${linked} linked, ` : ''}${copied} copied: another filesystem)` : '';
  return `${keyed - pages.reused.length} entity pages rendered, ${pages.reused.length} reused from the last build${how}`;
}

function historyCopy(config: BacklotConfig): string {
  return join(config.cacheDir, 'history', 'changes.json');
}

function historySummary(history: History | undefined, at: string, days: number): string {
  if (!history) return 'not recorded';
  const fresh = history.entries.filter((e) => e.at === at).length;
  return `${fresh} change${fresh === 1 ? '' : 's'} recorded, ${history.entries.length} in the last ${days} days`;
}

function layoutSummary(l: LayoutReport): string {
  if (l.shapes === 0) return 'none drawn';
  return `${l.shapes} layout${l.shapes === 1 ? '' : 's'}: ${l.direct} placed directly, ${l.dagre} by dagre`;
}

/** `3 drawn at build time (2 from the cache), 1 in the browser: <why>`; absent when the docs have no diagrams. */
function diagramSummary(d: DiagramReport): string {
  const parts = [...(d.drawn ? [`${d.drawn} drawn at build time${d.cached ? ` (${d.cached} from the cache)` : ''}`] : []), ...(d.inBrowser ? [`${d.inBrowser} in the browser`] : [])];
  return parts.join(', ') + (d.note ? `: ${d.note}` : '');
}
