// `backlot dev`: the pipeline once, then Astro's dev server renders its model in this process. On a save in a
// repo, that repo is read again and the pipeline runs again (./devSession.ts: about 70 ms for the demo org, 0.7 s
// at 10,000 entities, mostly reading every catalog file again: `npm run bench dev`), the new model replaces the old
// one (../site/handover.ts) and the browser reloads (../site/build/live-reload.ts).

import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { decodeUrlPath } from '../docs/paths.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { NavItem } from '../model/docs.ts';
import type { PortalModel } from '../model/portal.ts';
import { loadPlugins } from '../plugins/load.ts';
import { astroConfig, PRINT_LIMIT } from './build.ts';
import { openConfigured, openDocsRepo, openOrgFolder, readConfig } from './context.ts';
import { openDevSession } from './devSession.ts';
import { diagnosticChanges } from './diagnosticChanges.ts';
import { UsageError } from './errors.ts';
import { formatDiagnostics, summarise } from './format.ts';
import { watchFolders, type Change } from './watch.ts';

export interface DevOptions {
  config: string | undefined;
  verbose: boolean;
  /** A folder whose sub-folders are repos, replacing the configured sources. */
  path: string | undefined;
  /** One repo whose docs are previewed alone (`--docs`). */
  docs?: string | undefined;
}

export async function devCommand(options: DevOptions): Promise<number> {
  const config = readConfig(options.config);
  const docsMode = options.docs !== undefined;
  if (docsMode && !statSync(resolve(options.docs!), { throwIfNoEntry: false })?.isDirectory()) {
    throw new UsageError(`--docs ${options.docs}: not a folder (give the folder of one repo, the one holding mkdocs.yml)`);
  }
  // Plugins load first, as for a build: a missing module or bad options stop before any work.
  const local = docsMode ? options.docs : options.path;
  const plugins = await loadPlugins(config, local ? [local] : []);
  // Plugins' GitHub fields ride in a crawl's listing, as in a build (src/plugins/graphql.ts).
  const crawl = !local && config.sources.some((s) => s.type === 'github');
  // graphql (~130 modules) is loaded only for a crawl.
  const repoFields = crawl ? await (await import('../plugins/graphql.ts')).prepareRepoFields(plugins, { check: true }) : undefined;
  const ctx = docsMode ? await openDocsRepo(config, options.docs!) : options.path ? await openOrgFolder(config, options.path) : await openConfigured(config, repoFields ? { repoFields } : {});
  ctx.finish?.();
  if (ctx.snapshot.repos.length === 0) throw new UsageError(options.path ? `no repos in ${options.path}: each sub-folder of PATH is a repo` : 'no repos in the configured sources');
  const session = await openDevSession(ctx, { docsMode, plugins });
  const { pathOf } = session;
  printDiagnostics(session.current().result.diagnostics, pathOf);

  // astro dev renders in this process: the model and its graphs are handed to the pages as buildSite hands them.
  const { startGraphs } = await import('../site/build/graphs.ts');
  const { handOver, replaceHandover } = await import('../site/handover.ts');
  const { liveReload } = await import('../site/build/live-reload.ts');
  const model = () => session.current().result.model;
  let graphs = startGraphs();
  handOver({ model: model(), graphs, forms: session.current().forms });
  const live = liveReload({
    base: ctx.config.site.base,
    ...(docsMode ? { start: () => firstDocsPage(model()) } : {}),
    file: async (path) => {
      const { scripts, assets } = session.current();
      const script = scripts.get(path);
      if (script) return new Uint8Array(await readFile(script));
      const ref = assets.get(decodeUrlPath(path) ?? '');
      return ref ? session.snapshot().readBytes(ref) : undefined;
    },
  });
  const { dev } = await import('astro');
  const astro = await astroConfig(ctx.config, true, plugins);
  // Raw API definitions (`…/openapi.yaml`) are files in a build, linked without a slash; Astro's dev server would
  // hold them to `trailingSlash: 'always'` and answer 404. In dev, any form is served.
  const server = await dev({ ...astro, trailingSlash: 'ignore', vite: { ...astro.vite, plugins: [...(astro.vite?.plugins ?? []), live.plugin] } });
  const url = server.resolvedUrls?.local[0];
  if (docsMode) {
    const start = firstDocsPage(model());
    console.log(start ? `Docs preview: ${url ? new URL(start, url).href : start}` : `No docs in ${options.docs}: add a mkdocs.yml and a docs/ folder beside it (or a catalog-info.yaml whose entity has backstage.io/techdocs-ref)`);
  }
  const repos = session.snapshot().repos.length;
  console.log(`Watching ${repos} repo${repos === 1 ? '' : 's'} for changes (${session.roots.map((r) => `${relative(process.cwd(), r) || '.'}/`).join(', ') || 'none local'})`);

  const rebuild = async (changes: Change[]) => {
    const rebuilt = await session.rebuild(changes);
    if (!rebuilt) return;
    graphs = startGraphs();
    replaceHandover({ model: model(), graphs, forms: session.current().forms });
    live.reload();
    report(rebuilt.what, rebuilt.ms, rebuilt.before, session.current().result.diagnostics, pathOf);
  };

  // One rebuild at a time; saves made meanwhile make one more.
  let queued: Change[] = [];
  let running: Promise<void> | undefined;
  const onChanges = (changes: Change[]) => {
    queued.push(...changes);
    running ??= (async () => {
      while (queued.length) {
        const batch = queued;
        queued = [];
        try {
          await rebuild(batch);
        } catch (err) {
          console.error(`backlot dev: rebuild failed, still showing the last model: ${(err as Error).stack ?? err}`);
        }
      }
      running = undefined;
    })();
  };
  const watcher = watchFolders(session.roots, onChanges);

  await new Promise<void>((done) => {
    const stop = () => {
      watcher.close();
      void server.stop().then(done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

/** Where `--docs` opens: the first page of the nav, as `mkdocs serve` does. */
function firstDocsPage(model: PortalModel): string | undefined {
  const site = model.docs?.sites[0];
  if (!site) return undefined;
  const first = (items: readonly NavItem[]): string | undefined => {
    for (const item of items) {
      if (item.type === 'page') return item.url;
      if (item.type === 'section') {
        const found = item.url ?? first(item.children);
        if (found) return found;
      }
    }
    return undefined;
  };
  return first(site.nav) ?? site.pages[0]?.url ?? site.url;
}

const color = () => !!process.stdout.isTTY && !process.env.NO_COLOR;

function printDiagnostics(diagnostics: readonly Diagnostic[], pathOf: (d: Diagnostic) => string): void {
  const shown = diagnostics.slice(0, PRINT_LIMIT);
  process.stdout.write(formatDiagnostics(shown, 'text', { color: color(), pathOf }));
  if (diagnostics.length > shown.length) console.log(`… and ${diagnostics.length - shown.length} more: see the Problems page`);
}

function report(what: string[], ms: number, before: readonly Diagnostic[], after: readonly Diagnostic[], pathOf: (d: Diagnostic) => string): void {
  const { added, fixed } = diagnosticChanges(before, after);
  const { errors, warnings } = summarise(after);
  const files = what.length > 3 ? `${what.slice(0, 3).join(', ')} and ${what.length - 3} more` : what.join(', ');
  const news = [added.length && `${added.length} new problem${added.length === 1 ? '' : 's'}`, fixed.length && `${fixed.length} fixed`].filter(Boolean).join(', ');
  console.log(`Changed ${files}: rebuilt in ${Math.round(ms)} ms${news ? `, ${news}` : ''} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in all)`);
  printDiagnostics(added, pathOf);
  for (const d of fixed.slice(0, PRINT_LIMIT)) console.log(`fixed  ${pathOf(d)}:${d.line}:${d.column}  ${d.code}  ${d.message}`);
}
