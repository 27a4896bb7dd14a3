// Which TechDocs pages link to which entities: every link of every page read once into an index by target, so
// an impact looks its entity up instead of scanning the docs. A link counts when it points at the entity's page
// (`catalog/<ns>/<kind>/<name>/`) or its docs (`docs/<ns>/<kind>/<name>/`) under the site's base, as a path or
// as a URL of the site's origin.

import type { DocsSite } from '../model/docs.ts';

export interface DocsPageLink {
  /** Whose docs the page is (canonical ref). */
  entity: string;
  title: string;
  /** The page's URL path, with the base. */
  url: string;
}

/** Target entity ref → the docs pages that link to it, each page once. */
export type DocsLinkIndex = ReadonlyMap<string, readonly DocsPageLink[]>;

const HREF = /<a\s[^>]*?href="([^"]*)"/g;
const TARGET = /^(?:catalog|docs)\/([^/?#]+)\/([^/?#]+)\/([^/?#]+)(?:[/?#]|$)/;

export function indexDocsLinks(sites: readonly DocsSite[], base: string, siteUrl?: string): Map<string, DocsPageLink[]> {
  const root = `/${base.replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
  const origin = siteUrl ? safeOrigin(siteUrl) : undefined;
  const index = new Map<string, DocsPageLink[]>();
  for (const site of sites) {
    for (const page of site.pages) {
      const seen = new Set<string>();
      for (const m of page.html.matchAll(HREF)) {
        const target = targetOf(m[1]!.replace(/&amp;/g, '&'), root, origin);
        // A site's links to its own entity go when the entity goes: not news.
        if (!target || target === site.entityRef || seen.has(target)) continue;
        seen.add(target);
        let list = index.get(target);
        if (!list) index.set(target, (list = []));
        list.push({ entity: site.entityRef, title: page.title, url: page.url });
      }
    }
  }
  return index;
}

function targetOf(href: string, root: string, origin: string | undefined): string | undefined {
  let path = href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) {
    if (!origin) return undefined;
    let url: URL;
    try {
      url = new URL(href, origin);
    } catch {
      return undefined;
    }
    if (url.origin !== origin) return undefined;
    path = url.pathname;
  }
  if (!path.startsWith(root)) return undefined;
  const m = TARGET.exec(path.slice(root.length));
  if (!m) return undefined;
  try {
    const [ns, kind, name] = [m[1]!, m[2]!, m[3]!].map((s) => decodeURIComponent(s).toLowerCase());
    return `${kind}:${ns}/${name}`;
  } catch {
    return undefined;
  }
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
