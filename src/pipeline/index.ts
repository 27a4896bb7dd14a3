// Runs the stages in order: snapshot → catalog → graph → portal model. No Astro here.

import { readApiDefinitions, type ApiCache } from '../apis/index.ts';
import type { BacklotConfig, DiagramMode } from '../config/types.ts';
import type { DiagramReport } from '../docs/mermaid/index.ts';
import { readCatalog, type CatalogResult } from '../catalog/index.ts';
import { createValidator } from '../catalog/validate/index.ts';
import { buildDocs, type RenderCache } from '../docs/index.ts';
import { resolveRelations, type Graph } from '../graph/index.ts';
import { compareDiagnostics, type Diagnostic } from '../model/diagnostic.ts';
import type { PortalEntity, PortalModel } from '../model/portal.ts';
import type { RepoInfo, Snapshot } from '../snapshot/types.ts';
import { checkTemplates, isTemplate } from '../scaffold/check.ts';
import { templatePreviews } from '../scaffold/previewData.ts';
import { staleRepoDiagnostics } from './stale.ts';
import type { LoadedPlugin } from '../plugins/load.ts';
import type { PluginsRun } from '../plugins/run.ts';
import type { RepoCache } from './repoCache.ts';

export interface PipelineOptions {
  /** Root catalog file(s) per repo. */
  catalogPath: (repo: RepoInfo) => string;
  /** Drop `dangling-ref` findings (a single repo validated alone cannot see the rest of the org). */
  ignoreDangling?: boolean;
  /** Kept between runs by `backlot dev`: docs sites whose inputs did not change are not rendered again. */
  docsCache?: RenderCache;
  /** Kept between runs by `backlot dev`: API definitions whose text did not change are not parsed again. */
  apiCache?: ApiCache;
  /** The entity validator, made once for many runs (`backlot dev`): compiling its schemas costs 70–700 ms here. */
  validate?: ReturnType<typeof createValidator>;
  /** Read each template's skeleton files for its Create page's preview (what a site build needs; validate does not). */
  previews?: boolean;
  /** Plugins to run after the other stages (src/plugins/); their data is cached in `config.cacheDir`. */
  plugins?: readonly LoadedPlugin[];
  /** Where diagrams are drawn, overriding `docs.mermaid` (`backlot dev` draws in the browser: saves stay fast). */
  diagrams?: DiagramMode;
  /** The model's time, when it must be the same in several processes (shards rendering one site); default now. */
  generatedAt?: string;
  /**
   * Given the model's entities as soon as the graph stage has made them, before the API, docs and template stages
   * run (`backlot build` sends them to the site child meanwhile). Nothing after changes them.
   */
  onEntities?: (entities: PortalEntity[]) => void;
  /** Repos' catalogs, API summaries and rendered docs sites kept between builds (`backlot build`, ./repoCache.ts); the caller saves it after the run. */
  repoCache?: RepoCache;
}

export interface PipelineResult {
  catalog: CatalogResult;
  graph: Graph;
  model: PortalModel;
  diagnostics: Diagnostic[];
  timings: Record<'catalog' | 'graph' | 'apis' | 'docs', number>;
  /** Where the docs' diagrams were drawn (README "Diagrams"). */
  diagrams?: DiagramReport;
  /** What the plugins did, when there are any: the report and the browser scripts to copy. */
  plugins?: PluginsRun;
}

export async function runPipeline(config: BacklotConfig, snapshot: Snapshot, options: PipelineOptions): Promise<PipelineResult> {
  const t0 = performance.now();
  const validate = options.validate ?? createValidator({ customKinds: config.catalog.kinds });
  const catalog = await readCatalog(snapshot, { catalogPath: options.catalogPath, validate, ...(options.repoCache ? { reuse: options.repoCache.catalog } : {}) });
  const t1 = performance.now();
  const graph = resolveRelations(catalog.entities, options.repoCache ? { suggestions: { last: options.repoCache.suggestions.last() } } : {});
  if (graph.suggestions) options.repoCache?.suggestions.keep(graph.suggestions);
  const entities: PortalEntity[] = graph.entities.map((e) => ({
    ref: e.ref,
    entity: e.entity,
    source: { repo: e.source.repo, file: e.source.file, line: e.source.line, column: e.source.column },
  }));
  options.onEntities?.(entities);
  const t2 = performance.now();
  const graphDiagnostics = options.ignoreDangling ? graph.diagnostics.filter((d) => d.code !== 'dangling-ref') : graph.diagnostics;
  const stale = staleRepoDiagnostics(snapshot.repos, options.catalogPath);
  // API definitions are parsed once here, so pages only render summaries and broken ones become diagnostics.
  const apis = await readApiDefinitions(graph.entities, options.apiCache ?? options.repoCache?.apis);
  const t3 = performance.now();
  // TechDocs: each entity's mkdocs site rendered natively (docs stage).
  const diagrams = { mode: options.diagrams ?? config.docs?.mermaid ?? 'auto', cacheDir: config.cacheDir };
  const docsCache = options.docsCache ?? options.repoCache?.docs;
  const docs = await buildDocs(snapshot, graph.entities, { base: config.site.base, diagrams, ...(docsCache ? { cache: docsCache } : {}) });
  const t4 = performance.now();
  // Templates' steps and `${{ }}` templating, so one that can only fail in Actions is reported now.
  const templateRepos = [...new Set(catalog.entities.filter(isTemplate).map((e) => e.source.repo))];
  // One listing per repo that holds templates (cached by commit for a crawl); a repo that cannot be listed is not fetch-checked.
  const listed = await Promise.all(templateRepos.map(async (repo) => [repo, await snapshot.list(repo).catch(() => undefined)] as const));
  const listings = new Map(listed.flatMap(([repo, files]) => (files ? [[repo, files] as const] : [])));
  // A repo validated alone cannot see the org's other repos, so fetch URLs into them are not checked then.
  const crawled = options.ignoreDangling ? undefined : new Set(snapshot.repos.map((r) => `${r.host}/${r.owner}/${r.name}`.toLowerCase()));
  const templates = checkTemplates(catalog.entities, listings, crawled);
  // The Create pages' previews: each template's skeleton files, read once here (bounded per template).
  const previews = options.previews ? await templatePreviews(catalog.entities, snapshot) : {};
  // Loaded only when plugins are configured (with their HTML sanitiser, ~70 ms of CPU to load).
  const plugins = options.plugins?.length ? await (await import('../plugins/run.ts')).runPlugins({ plugins: options.plugins, snapshot, entities, cacheDir: config.cacheDir }) : undefined;
  const diagnostics = [...stale, ...catalog.diagnostics, ...graphDiagnostics, ...templates, ...apis.diagnostics, ...docs.diagnostics, ...(plugins?.diagnostics ?? [])].sort(compareDiagnostics);
  const model: PortalModel = {
    site: {
      title: config.site.title,
      base: config.site.base,
      ...(config.site.description ? { description: config.site.description } : {}),
      ...(config.site.url ? { url: config.site.url } : {}),
      ...(config.site.repo ? { repo: config.site.repo } : {}),
      ...(config.site.githubUrl ? { githubUrl: config.site.githubUrl } : {}),
      ...(config.site.githubApiUrl ? { githubApiUrl: config.site.githubApiUrl } : {}),
      ...(config.site.entityGraph ? { entityGraph: config.site.entityGraph } : {}),
    },
    generatedAt: options.generatedAt ?? new Date().toISOString(),
    repos: [...snapshot.repos],
    entities,
    diagnostics,
    apis: apis.apis,
    docs: { sites: docs.sites, redirects: docs.redirects },
    ...(Object.keys(previews).length ? { templatePreviews: previews } : {}),
    ...(config.catalog.kinds.length ? { customKinds: config.catalog.kinds } : {}),
    ...(plugins ? { plugins: plugins.output } : {}),
  };
  return { catalog, graph, model, diagnostics, timings: { catalog: t1 - t0, graph: t2 - t1, apis: t3 - t2, docs: t4 - t3 }, ...(docs.diagrams ? { diagrams: docs.diagrams } : {}), ...(plugins ? { plugins } : {}) };
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
