// Rebuilds without bundling. Astro's build bundles the site's server code with Vite (two environments) before it
// renders a page: ~1.2 s of a 3.3 s one-repo rebuild at 10,000 entities, bundling the same code every time. A full
// build keeps its server bundle (Astro's prerender chunks, after its manifest is written into them) in the cache
// folder with what Astro held beside it in memory: each page's stylesheets, the page scripts' files, the build's
// origin, and the files its client build wrote (scripts, styles, `public/`). A rebuild whose bundle key is the same
// (the site's version: code, settings, plugin components, astro.config.mjs and public/; the own pages; where it is
// built) renders from that bundle as Astro's default prerenderer would (the same app, its static paths and its
// render), links the client files from the last output, and writes the pages through the same writer
// (./page-writes.ts). Any doubt (another key or Astro version, a client file missing from the last output, an
// error while replaying, after which the kept bundle is deleted) is a full build through Astro.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { AstroPrerenderer } from 'astro';

/** What a kept bundle needs besides its chunks (meta.json beside them). */
export interface KeptBundle {
  key: string;
  /** Astro's version: the internals below are Astro's own, read from its build. */
  astro: string;
  /** The prerender entry's file name in the chunks' folder. */
  entry: string;
  /** The origin Astro's build renders pages at (its `site`, else localhost). */
  origin: string;
  /** Per page (Astro's page data key: route and component), its stylesheets as Astro's build found them. */
  styles: Record<string, unknown>;
  /** Astro's entry specifiers → built files (page scripts). */
  specifiers: Record<string, string>;
  /** Scripts integrations injected (Astro's settings.scripts). */
  scripts: unknown[];
  /** Files of the output that Astro wrote before the first page (the client build's, `public/`), `/`-separated. */
  assets: string[];
}

/** The kept bundle's folder in the cache folder. */
export const KEPT_BUNDLE = 'site-bundle';
/** Its meta.json (KeptBundle), beside the chunks. */
export const KEPT_META = 'meta.json';
const CHUNKS = 'prerender';
/** Where Astro writes its prerender chunks for an output folder inside the cwd (the site child's build folder). */
const PRERENDER = '.prerender';

export interface BundleKeyParts {
  /** The site's version (./reuse.ts siteVersion). */
  version: string;
  /** The folder Astro builds in: chunks carry its path and resolve packages from there. */
  buildDir: string;
  /** The own pages' folder (its files are compiled into the bundle). */
  pagesDir?: string | undefined;
}

export function bundleKey(parts: BundleKeyParts): string {
  const h = createHash('sha1').update(`${parts.version}\n${parts.buildDir}\n`);
  if (parts.pagesDir) for (const file of filesOf(parts.pagesDir)) h.update(file).update(readFileSync(join(parts.pagesDir, file)));
  return h.digest('base64url');
}

/** The version of the Astro this package resolves (its own node_modules or a parent's). */
export function astroVersion(root: string): string {
  try {
    const manifest = createRequire(join(root, 'package.json')).resolve('astro/package.json');
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
  } catch {
    return 'missing';
  }
}

/** The kept bundle in `dir` if it is the one for `key` and Astro's version is this one's; undefined otherwise. */
export function readKeptBundle(dir: string, key: string, astro: string): KeptBundle | undefined {
  try {
    const meta = JSON.parse(readFileSync(join(dir, KEPT_META), 'utf8')) as KeptBundle;
    if (meta.key !== key || meta.astro !== astro || !existsSync(join(dir, CHUNKS, meta.entry))) return undefined;
    return meta;
  } catch {
    return undefined;
  }
}

/** Astro's BuildApp as the prerender entry exports it (the parts used here). */
interface BuildApp {
  manifest: { routes: Array<{ routeData: { prerender: boolean } }> };
  getComponentByRoute(routeData: unknown): Promise<unknown>;
  setInternals(internals: unknown): void;
  setOptions(options: unknown): void;
  render(request: Request, options: { routeData: unknown }): Promise<Response>;
}

/**
 * Astro's default prerenderer, and once it is set up, its bundle kept in `dir` for the next build (written while
 * the pages render, awaited by teardown; a bundle that cannot be kept is only a slower next build).
 */
export function keepingPrerenderer(astro: AstroPrerenderer, outDir: string | undefined, dir: string, key: () => string | undefined, astroVer: string): AstroPrerenderer {
  let kept: Promise<void> = Promise.resolve();
  return {
    ...astro,
    setup: async () => {
      // A bundle that cannot be kept only makes the next build a full one.
      const captured = outDir ? await capture(join(outDir, PRERENDER)).catch(() => undefined) : undefined;
      await astro.setup?.();
      const k = key();
      if (outDir && k && captured?.internals && captured.options) {
        const { internals, options, entry } = captured;
        // keep() lists the output's files before its first await: before setup returns, so before any page.
        kept = (async () => keep(join(outDir, PRERENDER), outDir, dir, { key: k, astro: astroVer, entry, ...fromAstro(internals, options), assets: [] }))();
        kept.catch(() => {});
      }
    },
    teardown: async () => {
      try {
        await kept.catch(() => {});
      } finally {
        await astro.teardown?.();
      }
    },
  };
}

/**
 * The prerender entry, imported before Astro's default prerenderer imports it (the same module: ESM imports once
 * per URL), so the internals and options Astro hands its app are seen on their way.
 */
async function capture(chunks: string): Promise<{ entry: string; internals?: unknown; options?: unknown } | undefined> {
  const entry = (await readdir(chunks).catch(() => [] as string[])).find((f) => /^prerender-entry\..*\.mjs$/.test(f));
  if (!entry) return undefined;
  const mod = (await import(pathToFileURL(join(chunks, entry)).href)) as { app?: BuildApp };
  const app = mod.app;
  if (!app || typeof app.setInternals !== 'function' || typeof app.setOptions !== 'function') return undefined;
  const out: { entry: string; internals?: unknown; options?: unknown } = { entry };
  const { setInternals, setOptions } = app;
  app.setInternals = (internals) => {
    out.internals = internals;
    setInternals.call(app, internals);
  };
  app.setOptions = (options) => {
    out.options = options;
    setOptions.call(app, options);
  };
  return out;
}

type Internals = { pagesByKeys?: Map<string, { styles?: unknown }>; entrySpecifierToBundleMap?: Map<string, string> };
type Options = { origin?: string; settings?: { scripts?: unknown[] } };

function fromAstro(internals: unknown, options: unknown): Pick<KeptBundle, 'origin' | 'styles' | 'specifiers' | 'scripts'> {
  const i = internals as Internals;
  const o = options as Options;
  if (!(i.pagesByKeys instanceof Map) || typeof o.origin !== 'string') throw new Error("Astro's build internals are not as expected");
  const styles: Record<string, unknown> = {};
  for (const [k, page] of i.pagesByKeys) styles[k] = page.styles ?? [];
  return { origin: o.origin, styles, specifiers: Object.fromEntries(i.entrySpecifierToBundleMap ?? []), scripts: o.settings?.scripts ?? [] };
}

async function keep(chunks: string, outDir: string, dir: string, meta: KeptBundle): Promise<void> {
  // Every file in the output before the first page: Astro's client build and public/ (a rebuild makes page folders
  // ahead, which hold no file yet).
  meta.assets = filesOf(outDir).filter((f) => !f.startsWith(`${PRERENDER}/`));
  JSON.stringify(meta); // throws on what JSON cannot hold, before anything is written
  const next = `${dir}.next-${process.pid}`;
  await rm(next, { recursive: true, force: true });
  await mkdir(next, { recursive: true });
  await cp(chunks, join(next, CHUNKS), { recursive: true });
  await writeFile(join(next, KEPT_META), JSON.stringify(meta));
  await rm(dir, { recursive: true, force: true });
  await mkdir(dirname(dir), { recursive: true });
  await rename(next, dir);
}

/** Files under `root`, relative and `/`-separated. */
function filesOf(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/**
 * A prerenderer that renders from a kept bundle as Astro's default one does from a fresh one. The bundle's chunks
 * are copied to where Astro wrote them (`<outDir>/.prerender/`: they resolve packages from there) and removed by
 * `teardown`.
 */
export function replayPrerenderer(bundleDir: string, meta: KeptBundle, outDir: string): AstroPrerenderer {
  const chunks = join(outDir, PRERENDER);
  // Loaded at once, while the model is still on its way: the chunks copied, the app and every page's module
  // imported (~0.15 s of a one-repo rebuild at 10,000 entities, which otherwise waited for the model).
  const loading = (async () => {
    await cp(join(bundleDir, CHUNKS), chunks, { recursive: true });
    const app = ((await import(pathToFileURL(join(chunks, meta.entry)).href)) as { app: BuildApp }).app;
    app.setInternals({
      pagesByKeys: new Map(Object.entries(meta.styles).map(([k, styles]) => [k, { styles }])),
      entrySpecifierToBundleMap: new Map(Object.entries(meta.specifiers)),
    });
    app.setOptions({ origin: meta.origin, settings: { scripts: meta.scripts }, logger: { options: { destination: LOG } } });
    for (const { routeData } of app.manifest.routes) if (routeData.prerender) await app.getComponentByRoute(routeData);
    return app;
  })();
  loading.catch(() => {}); // awaited by setup
  let app: BuildApp | undefined;
  return {
    name: 'backlot:kept-bundle',
    setup: async () => {
      app = await loading;
    },
    getStaticPaths: async () => {
      // Public (astro/runtime/*): the static paths of every prerendered route, as Astro's default prerenderer lists them.
      const { StaticPaths } = await import('astro/runtime/prerender/static-paths.js');
      return new StaticPaths(app as unknown as ConstructorParameters<typeof StaticPaths>[0]).getAll();
    },
    render: async (request, { routeData }) => app!.render(request, { routeData }),
    teardown: async () => {
      await loading.catch(() => {});
      await rm(chunks, { recursive: true, force: true });
    },
  };
}

/** Astro's log from the bundle: warnings and errors, as a build at its default level prints them. */
const LOG = {
  write(event: { level: string; label?: string | null; message: string }): boolean {
    if (event.level === 'warn' || event.level === 'error') process.stderr.write(`${event.label ? `[${event.label}] ` : ''}${event.message}\n`);
    return true;
  },
};

/** The URL Astro's build renders `pathname` at (`directory` format, `trailingSlash: 'always'`, as astro.config.mjs sets). */
export function pageUrl(pathname: string, base: string, origin: string, type: string): URL {
  const root = base.replace(/\/+$/, '');
  const path = pathname.replace(/^\/+/, '');
  if (path === '') return new URL(`${root}/`, origin);
  // An endpoint's route without an extension (`[file].ts`) gives paths ending in `/` (`…/openapi.yaml/`).
  if (type === 'endpoint') return new URL(`${root}/${path}${/\/[^/]+\.\w+$/.test(pathname) || path.endsWith('/') ? '' : '/'}`, origin);
  return new URL(`${root}/${path.replace(/\/+$/, '')}/`, origin);
}

/**
 * Where Astro writes what `pathname` rendered when the page writer left it (a response with a body): a status page
 * (`/404` → `404.html`), or an endpoint whose path ends in `/` (`…/openapi.yaml/` → `…/openapi.yaml`); undefined
 * for anything else.
 */
export function leftFile(pathname: string, type: string): string | undefined {
  if (type === 'endpoint') return pathname.replace(/^\/+|\/+$/g, '') || undefined;
  return /^\/(404|500)$/.test(pathname) ? `${pathname.slice(1)}.html` : undefined;
}
