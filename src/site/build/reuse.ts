// Rebuilds that reuse the last build's pages. Each keyed page (../handover.ts inShare) has a key: a hash of what
// it shows. A manifest of the last build's keys and of the site's code and settings (its version) is kept in the
// cache folder; a manifest of another version is a full build;
// a rebuild renders only pages whose key changed or that are new, links the others from the last build's output
// (the writer thread, while Astro renders: ./page-writes.ts; their footer shows no build time, so they are the same
// bytes), and leaves out pages no longer in the model. Any doubt is a full build.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { codeVersion } from '../../util/codeVersion.ts';
import type { KeyState } from './page-keys.ts';

/** The manifest of a build's keyed pages, in the cache folder. */
export interface PageManifest {
  /** The site code and settings the pages were rendered with (siteVersion). */
  version: string;
  /** The model's time of that build: its output's home page must show it in its footer. */
  generatedAt: string;
  /** Output file (relative to the site folder, `/`-separated) → its page's key. */
  pages: Record<string, string>;
  /** What the next build needs to keep entity pages' keys without computing them again (./page-keys.ts). */
  entities?: KeyState;
}

export const MANIFEST = 'pages.json';

/** What the site child needs: the keys of pages it may skip. */
export interface ReuseInput {
  /** The site's code and settings (siteVersion): a manifest of another version is not read (readReusable), so page keys leave it out. */
  version: string;
  previous: Record<string, string>;
  /** The last build's output, where the reused pages are linked from (none: no page is reused). */
  from?: string;
  /** The last build's entity keys, with what each read (./page-keys.ts KeyState). */
  entities?: KeyState;
}

/**
 * The site child's side: decides per page, and records every keyed page's key for the next manifest. A page the last
 * build did not have renders whatever its key, so its key is only computed when `keys` is read, after the pages
 * rendered: by then the entity page has keyed its own view (./page-keys.ts ofView), and a cold build spends nothing
 * on keys before its first page (1.7 s of the site child's CPU at 10,000 entities).
 */
export class PageReuse {
  readonly reused: string[] = [];
  private readonly input: ReuseInput;
  /** File → its key, or what computes it (a page the last build did not have). */
  private readonly known = new Map<string, string | (() => string)>();
  private keyState: (() => KeyState) | undefined;
  constructor(input: ReuseInput) {
    this.input = input;
  }

  /** The last build's entity keys (none: every key is computed). */
  get previousEntities(): KeyState | undefined {
    return this.input.entities;
  }

  /** Where this build's entity keys are read from for the next manifest (../handover.ts). */
  keepEntities(state: () => KeyState): void {
    this.keyState = state;
  }

  /** This build's entity keys for the next manifest (read after `keys`). */
  get entities(): KeyState | undefined {
    return this.keyState?.();
  }

  /** Whether to render the page writing `file` now; false: its copy from the last build is reused. */
  render(file: string, key: string | (() => string)): boolean {
    const previous = this.input.previous[file];
    const known = this.known.get(file);
    if (known !== undefined) return previous === undefined || known !== previous; // asked twice (a known page's key is a string)
    if (previous === undefined) {
      this.known.set(file, key);
      return true;
    }
    const now = typeof key === 'string' ? key : key();
    this.known.set(file, now);
    if (previous !== now) return true;
    this.reused.push(file);
    return false;
  }

  /** The last build's pages this build does not have (their entities are gone). */
  gone(): string[] {
    return Object.keys(this.input.previous).filter((file) => !this.known.has(file));
  }

  /** Every keyed page's key (output file → key), each computed now if it was not before. */
  get keys(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [file, key] of this.known) out[file] = typeof key === 'string' ? key : key();
    return out;
  }
}

/** The file a page writes: its route with the params filled in; a folder page (`.astro`) as `…/index.html`. */
export function pageFile(route: string, params: Record<string, string | undefined>, endpoint = false): string {
  let path = '';
  for (const segment of routeSegments(route)) {
    const value = typeof segment === 'string' ? segment : (params[segment.param] ?? '');
    if (value !== '') path = path ? `${path}/${value}` : value;
  }
  return endpoint ? path : path ? `${path}/index.html` : 'index.html';
}

// A route's segments, parsed once: a rebuild asks for ~12,000 pages' files of a few routes (splitting and matching
// the route again for each took 17–54 ms for 12,000 entity pages in a micro-benchmark, 2–11 ms parsed once).
const segmentsOf = new Map<string, Array<string | { param: string }>>();

function routeSegments(route: string): Array<string | { param: string }> {
  let segments = segmentsOf.get(route);
  if (!segments) {
    segments = route.split('/').map((segment) => {
      const param = /^\[(?:\.\.\.)?(\w+)\]$/.exec(segment)?.[1];
      return param === undefined ? segment : { param };
    });
    segmentsOf.set(route, segments);
  }
  return segments;
}

/**
 * The version of everything that renders pages besides their data: the site's code (every source file the site
 * bundles, and the package's version, astro.config.mjs and public/), the config's site-wide settings (the site block, plugins) and the plugins'
 * components.
 */
export function siteVersion(packageRoot: string, settings: unknown, pluginComponents: readonly string[] = [], code = codeVersion(packageRoot)): string {
  const h = createHash('sha1');
  h.update(code);
  // What Astro builds with besides src/: its config and the files it copies from public/.
  for (const file of ['astro.config.mjs', ...publicFiles(packageRoot)]) {
    if (existsSync(join(packageRoot, file))) h.update(file).update(readFileSync(join(packageRoot, file)));
  }
  h.update(JSON.stringify(settings) ?? '');
  // Plugins' Astro components render on entity pages: each file and its package's package.json (its version, for
  // what the component imports).
  for (const file of pluginComponents) {
    h.update(file).update(readFileSync(file));
    const manifest = packageJsonOf(file);
    if (manifest) h.update(readFileSync(manifest));
  }
  return h.digest('base64url');
}

function publicFiles(packageRoot: string): string[] {
  const dir = join(packageRoot, 'public');
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(packageRoot, join(e.parentPath, e.name)))
    .sort();
}

function packageJsonOf(file: string): string | undefined {
  for (let dir = dirname(file), up = 0; up < 8; dir = dirname(dir), up++) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'package.json');
    if (dirname(dir) === dir) break;
  }
  return undefined;
}

/**
 * What a rebuild may reuse: the last manifest's pages whose files are in the previous output, or nothing (a full
 * build) with the reason why.
 */
export function readReusable(cacheDir: string, previousSite: string, version: string): { input: ReuseInput; generatedAt: string } | { reason: string } {
  let manifest: PageManifest;
  try {
    manifest = JSON.parse(readFileSync(join(cacheDir, MANIFEST), 'utf8')) as PageManifest;
  } catch {
    return { reason: 'no manifest of the last build' };
  }
  if (manifest.version !== version) return { reason: 'the site code or settings changed' };
  // The output must be the build the manifest describes (not an older one restored from another cache).
  let home: string;
  try {
    home = readFileSync(join(previousSite, 'index.html'), 'utf8');
  } catch {
    return { reason: 'no previous output' };
  }
  if (builtAt(home) !== manifest.generatedAt) return { reason: 'the previous output is not the build the manifest describes' };
  const previous: Record<string, string> = {};
  let missing = 0;
  for (const [file, key] of Object.entries(manifest.pages)) {
    if (existsSync(join(previousSite, file))) previous[file] = key;
    else missing++;
  }
  // A few missing pages render again; an output missing most of them is not the one described.
  if (missing > Object.keys(manifest.pages).length / 2) return { reason: `the previous output lacks ${missing} of its pages` };
  return { input: { version, previous, from: resolve(previousSite), ...(manifest.entities ? { entities: manifest.entities } : {}) }, generatedAt: manifest.generatedAt };
}

/** Where a rebuild's page keys are (readReusable's arguments): the site child reads them itself (../build/child.ts). */
export interface ReuseSource {
  version: string;
  cacheDir: string;
  previousSite: string;
}

/** What a build may reuse, read from `source`: the last build's keys, or none (a full build that still records its keys) and why. */
export function reuseFrom(source: ReuseSource): { input: ReuseInput; reason?: string } {
  const found = readReusable(source.cacheDir, source.previousSite, source.version);
  return 'reason' in found ? { input: { version: source.version, previous: {} }, reason: found.reason } : { input: found.input };
}

/** The footer's build time of a page (Base.astro), or undefined. */
export function builtAt(html: string): string | undefined {
  const footer = html.lastIndexOf('<footer');
  return footer < 0 ? undefined : /<time datetime="([^"]+)"/.exec(html.slice(footer))?.[1];
}

export function writeManifest(cacheDir: string, manifest: PageManifest): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, MANIFEST), JSON.stringify(manifest));
}
