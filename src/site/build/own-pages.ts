// The platform team's own pages: the `.mdx` files of the folder `site.pages` names, in the portal's repo.
// They are trusted content (the portal repo's own, like astro.config.mjs) and are compiled by @astrojs/mdx;
// docs from crawled repos never come here (their `.mdx` pages stay uncompiled, see the docs stage).
// The folder is only known when the build starts, so a Vite plugin lists it and hands Astro a virtual module with
// one static import per page: no glob over a path Vite cannot know, no environment variable.

import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { AstroIntegration } from 'astro';
import { PORTAL_SECTIONS } from '../../model/routes.ts';
import { virtualModulePlugin } from './virtual-module.ts';

export interface OwnPageFile {
  /** Site path relative to the base: `guides/onboarding/`, or `` for the home page (`index.mdx`). */
  route: string;
  /** Absolute path of the `.mdx` file. */
  file: string;
  /** Path inside the pages folder, for messages: `guides/onboarding.mdx`. */
  source: string;
}

/** First path segments the portal's own pages use; an own page there would collide with them. */
const RESERVED = new Set(PORTAL_SECTIONS);

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The `.mdx` files under `dir` and their routes, by route; throws naming the file when one cannot be served. */
export function listOwnPages(dir: string): OwnPageFile[] {
  const byRoute = new Map<string, OwnPageFile>();
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.mdx'))
    .map((d) => join(d.parentPath, d.name))
    .sort();
  for (const file of files) {
    const source = relative(dir, file).split(sep).join('/');
    const segments = source.slice(0, -'.mdx'.length).split('/');
    if (segments[segments.length - 1] === 'index') segments.pop();
    const bad = segments.find((s) => !SEGMENT.test(s));
    if (bad !== undefined) throw new Error(`${source}: "${bad}" cannot be part of a page's URL (use letters, digits, ".", "_" and "-")`);
    if (segments[0] && RESERVED.has(segments[0].toLowerCase())) {
      throw new Error(`${source}: /${segments[0]}/ belongs to the portal itself; put the page in another folder`);
    }
    const route = segments.length ? `${segments.join('/')}/` : '';
    const twin = byRoute.get(route.toLowerCase());
    if (twin) throw new Error(`${source}: ${twin.source} is already the page at /${route}`);
    byRoute.set(route.toLowerCase(), { route, file, source });
  }
  return [...byRoute.values()];
}

export const OWN_PAGES_MODULE = 'virtual:backlot/own-pages';

/** The virtual module's code: each page's MDX module, imported statically so Astro bundles it. */
export function ownPagesModule(pages: readonly OwnPageFile[]): string {
  const imports = pages.map((p, i) => `import * as page${i} from ${JSON.stringify(p.file)};`);
  const list = pages.map((p, i) => `{ route: ${JSON.stringify(p.route)}, source: ${JSON.stringify(p.source)}, module: page${i} }`);
  return `${imports.join('\n')}\nexport const ownPages = [${list.join(', ')}];\n`;
}

/** Vite plugin serving `virtual:backlot/own-pages` from `dir` (none: no own pages). */
export function ownPagesPlugin(dir: string | undefined) {
  return virtualModulePlugin('backlot:own-pages', OWN_PAGES_MODULE, () => ownPagesModule(dir ? listOwnPages(dir) : []));
}

/**
 * The Astro integrations own pages need: @astrojs/mdx, only when there is a pages folder. A portal without own
 * pages then loads no MDX compiler (astro.config.mjs names no integration; Astro appends these to its list).
 */
export async function ownPagesIntegrations(dir: string | undefined): Promise<AstroIntegration[]> {
  if (!dir) return [];
  const { default: mdx } = await import('@astrojs/mdx');
  return [mdx()];
}
