// Where a relative link or image of a docs page goes: another page (portal URL), an asset of the
// docs folder (copied and served under the site's URL), a file elsewhere in the repo (its web URL),
// or nowhere (a diagnostic). Only file lists are consulted; nothing is read here.

import type { Diagnostic } from '../model/diagnostic.ts';
import type { RepoInfo } from '../snapshot/types.ts';
import { safeId } from './markdown/anchors.ts';
import type { LinkPosition, LinkResolution, LinkResolver } from './markdown/links.ts';
import { decodeUrlPath, dirOf, encodePath, flatUrlOf, isInside, joinRepoPath, normalizeRepoPath, pagePathOf, relativeTo } from './paths.ts';
import type { DocsAsset } from '../model/docs.ts';
import { PORTAL_SECTIONS, withBase } from '../model/routes.ts';

/** Files copied to the site as they are. Others (HTML, SVG, scripts) could run in the portal's origin. */
const COPY_EXTENSIONS = new Set([
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'avif', 'bmp', 'ico', 'pdf', 'txt', 'csv', 'json', 'yaml', 'yml',
  'zip', 'gz', 'tgz', 'mp4', 'webm', 'mp3', 'ogg', 'wav', 'woff', 'woff2',
]);

export interface SiteLinks {
  repo: RepoInfo;
  entity: string;
  docsDir: string;
  /** Every file of the repo. */
  repoFiles: ReadonlySet<string>;
  /** docs-relative Markdown path → page path. */
  pages: ReadonlyMap<string, string>;
  /** URL of a page path, or of an asset's docs-relative path. */
  url: (path: string) => string;
  /** The portal's base path; none: root-absolute links all stay in the docs site. */
  portalBase?: string;
  /** Text of SVG files (repo path → text), inlined into images as data URIs. */
  svg: ReadonlyMap<string, string>;
  assets: Map<string, DocsAsset>;
  /** `use_directory_urls: false`: pages are served as `guide/setup.html`. */
  flatUrls?: boolean;
}

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

export interface AnchorCheck {
  /** Page path of the target page. */
  page: string;
  fragment: string;
  file: string;
  at: LinkPosition;
}

const indexes = new WeakMap<SiteLinks, { byFlatUrl: Map<string, string>; pagePaths: Set<string> }>();

function indexOf(site: SiteLinks): { byFlatUrl: Map<string, string>; pagePaths: Set<string> } {
  let index = indexes.get(site);
  if (!index) {
    index = { byFlatUrl: new Map([...site.pages].map(([file, page]) => [flatUrlOf(file), page])), pagePaths: new Set(site.pages.values()) };
    indexes.set(site, index);
  }
  return index;
}

export function createLinkResolver(
  site: SiteLinks,
  sourcePath: string,
  report: (diagnostic: Diagnostic) => void,
  anchors: AnchorCheck[],
): LinkResolver {
  const docRelative = relativeTo(site.docsDir, sourcePath);
  const ownPage = site.pages.get(docRelative) ?? pagePathOf(docRelative);
  const { byFlatUrl, pagePaths } = indexOf(site);
  // The folder the browser resolves a relative URL in: the page's directory URL, or the file's folder.
  const pageDir = site.flatUrls ? (dirOf(docRelative) ? `${dirOf(docRelative)}/` : '') : ownPage;
  const branch = encodePath(site.repo.defaultBranch);
  const webUrl = (path: string, tree = false) => `${site.repo.url.replace(/\/+$/, '')}/${tree ? 'tree' : 'blob'}/${branch}/${encodePath(path)}`;

  const broken = (at: LinkPosition, message: string): LinkResolution => {
    report({ severity: 'warning', code: 'docs-broken-link', message, repo: site.repo.name, file: sourcePath, line: at.line, column: at.column, entity: site.entity });
    return { url: undefined };
  };
  const toPage = (page: string, written: string, at: LinkPosition): LinkResolution => {
    const fragment = written && safeId(written);
    if (fragment) anchors.push({ page, fragment, file: sourcePath, at });
    return { url: site.url(page) + (fragment ? `#${fragment}` : '') };
  };

  return (url, kind, at, html = false) => {
    if (url.startsWith('#')) {
      const fragment = decodeUrlPath(url.slice(1)) ?? url.slice(1);
      if (fragment) anchors.push({ page: ownPage, fragment, file: sourcePath, at });
      return { url };
    }
    if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('//')) return { url, external: kind === 'link' };

    const m = /^([^?#]*)(\?[^#]*)?(?:#(.*))?$/.exec(url)!;
    const rawPath = decodeUrlPath(m[1]!);
    const fragment = m[3] ? (decodeUrlPath(m[3]) ?? m[3]) : '';
    if (rawPath === undefined) return broken(at, `link "${url}" is not a valid URL`);
    // Root-absolute into the portal's own pages (`/catalog/default/api/orders/`, `/docs/…`): how Backstage
    // users link TechDocs to the catalog, since Backstage serves both from one host. Rebased onto the portal.
    if (rawPath.startsWith('/') && site.portalBase !== undefined && PORTAL_SECTIONS.includes(rawPath.split('/')[1]!.toLowerCase())) {
      return { url: withBase(url, site.portalBase) };
    }
    // Other root-absolute paths: MkDocs serves a site at its host's root, so `/img/x.png` is docs_dir's img/x.png.
    if (rawPath.startsWith('/')) return inDocs(rawPath.slice(1), url, fragment, kind, at, 'from the docs site’s root');
    // MkDocs rewrites Markdown links only; the browser resolves raw HTML's against the page's own URL.
    if (html) return inDocs(`${pageDir}${rawPath}`, url, fragment, kind, at, `from the page’s URL ${pageDir || './'}`);
    if (rawPath === '') return toPage(ownPage, fragment, at);
    const target = normalizeRepoPath(`${dirOf(sourcePath)}/${rawPath}`);
    if (target === undefined) return broken(at, `link "${url}" points outside the repository`);

    if (isInside(site.docsDir, target)) {
      const rel = relativeTo(site.docsDir, target);
      const page =
        site.pages.get(rel) ?? site.pages.get(join(rel, 'index.md')) ?? site.pages.get(join(rel, 'README.md')) ?? byFlatUrl.get(rel);
      if (page !== undefined) return toPage(page, fragment, at);
      if (site.repoFiles.has(target)) return asset(target, rel, kind);
    } else if (site.repoFiles.has(target)) {
      return { url: webUrl(target), external: kind === 'link' };
    }
    // A link written against the built site's directory URLs (`../other/`) resolves from the page's URL.
    const fromPage = normalizeRepoPath(ownPage + rawPath);
    if (fromPage !== undefined && pagePaths.has(fromPage === '' ? '' : `${fromPage}/`)) {
      return toPage(fromPage === '' ? '' : `${fromPage}/`, fragment, at);
    }
    if ([...site.repoFiles].some((f) => f.startsWith(`${target}/`))) return { url: webUrl(target, true), external: kind === 'link' };
    return broken(at, `link "${url}" points at ${target}, which does not exist`);
  };

  /** A URL path relative to docs_dir's root, as the built site would serve it: a page, a file, or nothing. */
  function inDocs(path: string, url: string, fragment: string, kind: 'link' | 'image', at: LinkPosition, how: string): LinkResolution {
    const rel = normalizeRepoPath(path);
    if (rel === undefined) return broken(at, `link "${url}" (${how}) points outside the docs site`);
    const dirUrl = rel === '' ? '' : `${rel}/`;
    const page = pagePaths.has(dirUrl) ? dirUrl : (site.pages.get(rel) ?? byFlatUrl.get(rel));
    if (page !== undefined) return toPage(page, fragment, at);
    const target = joinRepoPath(site.docsDir, rel);
    if (target !== undefined && site.repoFiles.has(target)) return asset(target, rel, kind);
    return broken(at, `link "${url}" (${how}) points at ${target ?? rel}, which does not exist`);
  }

  function asset(path: string, rel: string, kind: 'link' | 'image'): LinkResolution {
    const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
    if (ext === 'svg' && kind === 'image') {
      const text = site.svg.get(path);
      // Served as a data URI in <img>, like Backstage: an SVG file served from the portal could run scripts.
      if (text !== undefined) return { url: `data:image/svg+xml;base64,${Buffer.from(text).toString('base64')}` };
    }
    if (!COPY_EXTENSIONS.has(ext)) return { url: webUrl(path), external: kind === 'link' };
    const key = `${site.repo.name}\0${path}`;
    let entry = site.assets.get(key);
    if (!entry) site.assets.set(key, (entry = { repo: site.repo.name, path, url: site.url(rel) }));
    return { url: entry.url };
  }
}
