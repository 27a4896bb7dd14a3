// The site stage's entry point: Astro renders the model into static pages.

import { rmdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, rmdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { build as astroBuild } from 'astro';
import type { PortalModel } from '../../model/portal.ts';
import type { TemplateForms } from '../../views/create/page-data.ts';
import { REPO_ROOT, moveDir, scratchFolder } from './files.ts';
import { startGraphs, type LayoutReport, type SiteGraphs } from './graphs.ts';
import { handOver } from '../handover.ts';
import { ownPagesIntegrations, ownPagesPlugin } from './own-pages.ts';
import type { Shard } from '../../snapshot/shard.ts';
import { pluginComponentsPlugin, type PluginComponentFile } from './plugin-components.ts';
import { writePagesOnThread } from './page-writes.ts';
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
}

export interface BuildSiteResult {
  layouts: LayoutReport;
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
  const reuseReady = Promise.resolve(options.reuse).then((input) => {
    reuseInput = input;
    reuse = input ? new PageReuse(input) : undefined;
  });
  // Entity pages written from a shell once Astro has rendered the first ones (./shell-pages.ts): only where this
  // process writes the pages itself.
  const shells = options.pagesOnThread && options.shellPages !== false ? new ShellPages() : undefined;
  const modelReady = Promise.all([options.model, options.forms, reuseReady]).then(([model, forms]) => {
    graphs = startGraphs();
    withdraw = handOver({ model, graphs, forms, ...(options.share ? { share: options.share } : {}), ...(reuse ? { reuse } : {}), ...(shells ? { shells } : {}) });
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
  const integrations = [
    // A rebuild's reused pages are hard-linked by the writer thread while Astro renders the others.
    ...(options.pagesOnThread
      ? [
          writePagesOnThread(
            (w) => (writes.done = w),
            () => {
              void folders?.stop(); // the writer makes the rest, in order with its links
              return reuse && reuseInput?.from ? { fromDir: reuseInput.from, files: reuse.reused } : undefined;
            },
            shells,
          ),
        ]
      : []),
    ...(await ownPagesIntegrations(options.pagesDir)),
  ];
  try {
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
    if (writes.done?.error) throw writes.done.error;
    await modelReady; // settled already: Astro waited for it before rendering
    await foldersStarted;
    if (folders && reuse) {
      await folders.stop();
      removeEmptyFolders(buildDir, reuse.gone());
    }
    const from = reuseInput?.from;
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
  return { layouts: layouts!, ...(writes.done ? { written: { files: writes.done.files, bytes: writes.done.bytes, fromShell: shells?.written ?? 0 } } : {}), ...(reuse ? { pages: { keys: reuse.keys, entities: reuse.entities, reused: reuse.reused, linked } } : {}) };
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
