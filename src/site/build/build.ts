// The site stage's entry point: Astro renders the model into static pages.

import { existsSync, rmdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { AstroPrerenderer, build as astroBuild } from 'astro';
import type { PortalModel } from '../../model/portal.ts';
import type { TemplateForms } from '../../views/create/page-data.ts';
import { REPO_ROOT, moveDir, scratchFolder } from './files.ts';
import { startGraphs, type LayoutReport, type SiteGraphs } from './graphs.ts';
import { handOver } from '../handover.ts';
import { ownPagesIntegrations, ownPagesPlugin } from './own-pages.ts';
import type { Shard } from '../../snapshot/shard.ts';
import { pluginComponentsPlugin, type PluginComponentFile } from './plugin-components.ts';
import { writePagesOnThread, writingPrerenderer } from './page-writes.ts';
import { KEPT_META, astroVersion, bundleKey, keepingPrerenderer, pageUrl, readKeptBundle, replayPrerenderer, leftFile } from './kept-bundle.ts';
import type { WrittenFiles } from '../../util/threadWrites.ts';
import { PageReuse, type ReuseInput } from './reuse.ts';
import type { KeyState } from './page-keys.ts';
import { linkFiles, type LinkedFiles } from '../../util/linkFiles.ts';
import { makeFoldersAhead, type FolderMaker } from '../../util/makeFolders.ts';
import { copyVendorFiles } from './vendor-files.ts';
import { ShellPages } from './shell-pages.ts';

export { REPO_ROOT, moveDir } from './files.ts';

export interface BuildSiteOptions {
  outDir: string;
  base?: string;
  site?: string;
  /** Astro's own log (default: warnings only). */
  verbose?: boolean;
  /**
   * The model to render, or a promise of it: Astro then loads and bundles at once and waits for the model only
   * before it renders the pages.
   */
  model: PortalModel | Promise<PortalModel>;
  /** The templates' forms the CLI built with the model (for its diagnostics: src/cli/viewChecks.ts). */
  forms: TemplateForms | Promise<TemplateForms>;
  /** The platform team's own MDX pages (the config's `site.pages`); none: no own pages. */
  pagesDir?: string;
  /** `backlot build --shard i/N`: only this share of the pages (../handover.ts inShare). */
  share?: Shard;
  /** The Astro components plugins ship (src/plugins/load.ts componentFiles); none: plain-data cards only. */
  pluginComponents?: PluginComponentFile[];
  /**
   * The pages are written on a writer thread while Astro renders them (./page-writes.ts): the site child's. A page's
   * file exists only once Astro has rendered the last page.
   */
  pagesOnThread?: boolean;
  /**
   * A rebuild: the last build's page keys; pages with the same key are not rendered (./reuse.ts). A promise: Astro
   * loads and bundles meanwhile (the CLI reads the last build's manifest after starting the child); it settles
   * before the model does.
   */
  reuse?: ReuseInput | Promise<ReuseInput | undefined>;
  /**
   * The site child's (one build per process; builds into one output folder wait for each other): build in a scratch
   * folder named after this key (the output folder the site goes to), the same every build, not a new one. Node's
   * compile cache (src/cli/backlot.js) keys its entries by file path: prerender chunks in a new folder each build
   * were 52 new cache files per build of the 10,000-entity org (1 with this), compiled and written at the child's
   * exit (the exit took 0.9 s in a CPU profile on a loaded 2-core VM) and never read again: the cache folder only grew.
   */
  scratchKey?: string;
  /**
   * With `pagesOnThread`: entity pages past the first few are written from the shell Astro's first ones made
   * (./shell-pages.ts; default). false: Astro renders every page (tests compare the two).
   */
  shellPages?: boolean;
  /**
   * With `pagesOnThread`, a whole site in a scratch folder: where the server bundle is kept for the next build, and a
   * rebuild renders from it without bundling when it is this build's (./kept-bundle.ts).
   */
  keepBundle?: string;
}

export interface BuildSiteResult {
  layouts: LayoutReport;
  /** The pages were rendered from the last build's kept bundle, not bundled again (./kept-bundle.ts). */
  replayed?: boolean;
  /** With `pagesOnThread`: the files the writer thread wrote, and how many of them were pages written from a shell. */
  written?: { files: number; bytes: number; fromShell: number };
  /** With `reuse`: every keyed page's key (output file → key), the pages reused from the last build and how they got here. */
  pages?: { keys: Record<string, string>; entities?: KeyState | undefined; reused: string[]; linked: LinkedFiles };
}

export async function buildSite(options: BuildSiteOptions): Promise<BuildSiteResult> {
  const outDir = resolve(options.outDir);
  // The model, the graph layouts (laid out by the first page that draws a shape: ./graphs.ts) and the forms reach
  // the pages through the one hand-over (../handover.ts).
  let graphs: SiteGraphs | undefined;
  let withdraw: (() => void) | undefined;
  let reuse: PageReuse | undefined;
  let reuseInput: ReuseInput | undefined;
  // Entity pages written from a shell once the first ones have rendered (./shell-pages.ts): only where this process
  // writes the pages itself.
  let shells: ShellPages | undefined;
  const reuseReady = Promise.resolve(options.reuse).then((input) => {
    reuseInput = input;
  });
  let handed: { model: PortalModel; forms: TemplateForms } | undefined;
  // A fresh hand-over for each way of rendering (a replay that failed leaves Astro a clean one).
  const handOverNow = () => {
    withdraw?.();
    const { model, forms } = handed!;
    reuse = reuseInput ? new PageReuse(reuseInput) : undefined;
    shells = options.pagesOnThread && options.shellPages !== false ? new ShellPages() : undefined;
    withdraw = handOver({ model, graphs: graphs!, forms, ...(options.share ? { share: options.share } : {}), ...(reuse ? { reuse } : {}), ...(shells ? { shells } : {}) });
  };
  const modelReady = Promise.all([options.model, options.forms, reuseReady]).then(([model, forms]) => {
    graphs = startGraphs();
    handed = { model, forms };
    handOverNow();
  });
  modelReady.catch(() => {}); // awaited before the pages render; must not count as unhandled meanwhile
  let layouts: LayoutReport | undefined;
  let linked: LinkedFiles = { linked: 0, copied: 0 };
  // Astro writes its prerender chunks into `<outDir>/.prerender/` (or `<cwd>/.astro/` when outDir is outside the cwd)
  // and imports them from there, so they must sit where this package's node_modules resolve, and a second build in
  // the same process must not find the first one's chunks. So: build from the package root, inside it, and copy out.
  const cwd = process.cwd();
  const inside = options.scratchKey === undefined && outDir.startsWith(REPO_ROOT);
  const scratch = join(REPO_ROOT, '.backlot', 'tmp');
  let buildDir = outDir;
  if (!inside) {
    await mkdir(scratch, { recursive: true });
    if (options.scratchKey === undefined) buildDir = await mkdtemp(join(scratch, 'site-'));
    else {
      buildDir = scratchFolder(options.scratchKey);
      await rm(buildDir, { recursive: true, force: true }); // a killed build's
      await mkdir(buildDir);
    }
  }
  process.env.ASTRO_TELEMETRY_DISABLED ??= '1';
  process.chdir(REPO_ROOT);
  const writes: { done?: WrittenFiles } = {};
  // A rebuild into a new folder: the last build's page folders are made ahead, while Astro bundles, and Astro must
  // not empty the folder it builds in (it is new: made above for this build).
  let folders: FolderMaker | undefined;
  const foldersStarted = reuseReady.then(() => {
    if (!inside && reuseInput?.from && options.pagesOnThread) folders = makeFoldersAhead(buildDir, Object.keys(reuseInput.previous));
  });
  foldersStarted.catch(() => {}); // awaited below
  // The last full build's server bundle (./kept-bundle.ts): kept by a full build, rendered from by a rebuild.
  const keptDir = options.keepBundle && options.pagesOnThread && !options.share && !inside ? options.keepBundle : undefined;
  const astroVer = astroVersion(REPO_ROOT);
  // Astro loads at once (~0.35 s) unless a kept bundle may spare the build it, while the model is on its way.
  const loadAstro = () => import('astro');
  let astroLoading = keptDir && existsSync(join(keptDir, KEPT_META)) ? undefined : loadAstro();
  astroLoading?.catch(() => {}); // awaited where it builds
  const keyOf = (dir: string) => (reuseInput ? bundleKey({ version: reuseInput.version, buildDir: dir, pagesDir: options.pagesDir }) : undefined);
  let assets: readonly string[] = [];
  const writing = () => ({
    done: (w: WrittenFiles) => (writes.done = w),
    // A rebuild's reused pages (and a replay's client files) are hard-linked by the writer thread while the pages render.
    links: () => {
      void folders?.stop(); // the writer makes the rest, in order with its links
      return reuse && reuseInput?.from ? { fromDir: reuseInput.from, files: assets.length ? [...reuse.reused, ...assets] : reuse.reused } : undefined;
    },
    shells,
  });
  let replayed = false;
  let fellBack = false;
  try {
    await reuseReady;
    const from = reuseInput?.from;
    const kept = keptDir && from ? readKeptBundle(keptDir, keyOf(buildDir)!, astroVer) : undefined;
    if (kept && kept.assets.every((file) => existsSync(join(from!, file)))) {
      const replay = replayPrerenderer(keptDir!, kept, buildDir); // loads while the model comes
      await modelReady; // a model that never came is the build's error, not the bundle's
      try {
        assets = kept.assets;
        await renderPages(writingPrerenderer(replay, () => ({ ...writing(), outDir: buildDir, base: options.base ?? '/' })), buildDir, options.base ?? '/', kept.origin);
        if (writes.done?.error) throw writes.done.error;
        replayed = true;
      } catch (err) {
        // Astro builds it whole, in a folder of its own: the replay's chunks stay loaded under their URLs.
        console.error(`The kept bundle could not render the site (${(err as Error).message}): building with Astro.`);
        fellBack = true;
        await rm(keptDir!, { recursive: true, force: true }); // not tried again: the next build keeps its own
        assets = [];
        writes.done = undefined;
        await folders?.stop();
        folders = undefined;
        await rm(buildDir, { recursive: true, force: true });
        buildDir = `${buildDir}-astro`;
        await rm(buildDir, { recursive: true, force: true });
        await mkdir(buildDir, { recursive: true });
        if (graphs) handOverNow();
      }
    }
    if (!replayed) {
      // Not from a fallback's folder: its chunks name that folder, and the next build renders in the usual one.
      const keep = keptDir && !fellBack ? (astro: AstroPrerenderer, dir: string | undefined) => keepingPrerenderer(astro, dir, keptDir, () => keyOf(buildDir), astroVer) : undefined;
      const integrations = [...(options.pagesOnThread ? [writePagesOnThread(writing, keep)] : []), ...(await ownPagesIntegrations(options.pagesDir))];
      const { build: astroBuild } = await (astroLoading ??= loadAstro());
      try {
        await astroBuild({
          root: REPO_ROOT,
          outDir: buildDir,
          base: options.base ?? '/',
          ...(options.site ? { site: options.site } : {}),
          logLevel: options.verbose ? 'info' : 'warn',
          integrations,
          vite: { plugins: [waitBeforeRendering(modelReady), ownPagesPlugin(options.pagesDir), pluginComponentsPlugin(options.pluginComponents)], ...(!inside ? { build: { emptyOutDir: false } } : {}) },
        }, WITHOUT_SYNC);
      } catch (err) {
        await modelReady; // a model that never came is the error to report, not what Astro made of it
        throw err;
      }
    }
    if (writes.done?.error) throw writes.done.error;
    await modelReady; // settled already: Astro waited for it before rendering
    await foldersStarted;
    if (folders && reuse) {
      await folders.stop();
      removeEmptyFolders(buildDir, reuse.gone());
    }
    if (reuse && from) linked = writes.done ? (writes.done.linked ?? { linked: 0, copied: 0 }) : linkFiles(reuse.reused, from, buildDir);
    copyVendorFiles(buildDir);
    layouts = await graphs!.finish();
    if (!inside) {
      await rm(outDir, { recursive: true, force: true });
      await moveDir(buildDir, outDir);
    }
  } finally {
    await foldersStarted.catch(() => {});
    await folders?.stop();
    process.chdir(cwd);
    withdraw?.();
    if (!layouts) await graphs?.finish(); // stops the workers when the build failed
    if (!inside) {
      await rm(buildDir, { recursive: true, force: true });
      await rmdir(scratch).catch(() => {}); // only when empty: parallel builds may still use it
    }
  }
  const written = writes.done ? { written: { files: writes.done.files, bytes: writes.done.bytes, fromShell: shells?.written ?? 0 } } : {};
  return { layouts: layouts!, replayed, ...written, ...(reuse ? { pages: { keys: reuse.keys, entities: reuse.entities, reused: reuse.reused, linked } } : {}) };
}

/**
 * Every page of a prerenderer, as Astro's build renders them (./kept-bundle.ts replays a kept bundle through this):
 * four at a time, each path's request at the URL Astro gives it. A page the writer did not take (a response with a
 * body) is written here as Astro would (a status page, an endpoint whose path ends in `/`); anything else Astro's build would handle (a redirect, a fallback) is an error.
 */
async function renderPages(prerenderer: AstroPrerenderer, outDir: string, base: string, origin: string): Promise<void> {
  await prerenderer.setup?.();
  try {
    const paths = await prerenderer.getStaticPaths();
    const seen = new Set<string>();
    const todo = paths.filter((p) => {
      const normal = p.pathname.replace(/\/+$/, '');
      if (seen.has(normal)) return false; // Astro's default (prerenderConflictBehavior): the first route wins
      seen.add(normal);
      return true;
    });
    let next = 0;
    const one = async (): Promise<void> => {
      while (next < todo.length) {
        const { pathname, route } = todo[next++]!;
        if (route.type !== 'page' && route.type !== 'endpoint') throw new Error(`a ${route.type} route (${route.route})`);
        const rendered = await prerenderer.render(new Request(pageUrl(pathname, base, origin, route.type)), { routeData: route });
        const response = rendered instanceof Response ? rendered : rendered.response;
        const file = leftFile(pathname, route.type);
        if (response.status !== 200 && !(file && route.type === 'page')) throw new Error(`${pathname} answered ${response.status}`);
        if (!response.body) continue;
        if (!file) throw new Error(`${pathname} was not written`);
        await mkdir(dirname(join(outDir, file)), { recursive: true });
        await writeFile(join(outDir, file), new Uint8Array(await response.arrayBuffer()));
      }
    };
    await Promise.all([one(), one(), one(), one()]);
  } finally {
    await prerenderer.teardown?.();
  }
}

/**
 * The folders made ahead for pages this build no longer has (`files`, relative to `root`), and their parents up to
 * `root`, where empty: a build that renders every page has no empty folder.
 */
function removeEmptyFolders(root: string, files: readonly string[]): void {
  for (const file of files) {
    for (let dir = dirname(join(root, file)); dir.length > root.length && dir.startsWith(root); dir = dirname(dir)) {
      try {
        rmdirSync(dir);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') break; // not empty: it holds this build's pages
      }
    }
  }
}

/**
 * Astro's build without `astro sync`, which it runs first by default: a throwaway Vite dev server to sync content
 * collections, then type files written into the package's `.astro/` folder. The portal has no content collections,
 * no `astro:env` and no fonts, and nothing reads those files. Astro's build takes `sync` without typing it (its
 * own in-process builds pass `sync: false`), hence the cast.
 */
const WITHOUT_SYNC = { devOutput: false, sync: false } as Parameters<typeof astroBuild>[1];

/**
 * Holds Astro between bundling and rendering until the model is ready. Astro renders the pages in a `buildApp`
 * hook of order "post" in a plugin it enforces "post"; a plain plugin's "post" hook runs after the bundling and
 * before that one.
 */
function waitBeforeRendering(ready: Promise<void>) {
  return {
    name: 'backlot:wait-for-model',
    apply: 'build' as const,
    buildApp: { order: 'post' as const, handler: () => ready },
  };
}
