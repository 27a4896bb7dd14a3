// Whether the portal's next build reads a catalog file: only repos of a configured source are crawled, and in
// each only the files its `catalogPath` names (Location targets aside). catalog:register checks against this.

import picomatch from 'picomatch';
import { isGlob, normalizeRepoPath } from '../catalog/paths.ts';
import type { SourceConfig } from '../config/types.ts';

/** `https://host/owner/repo/blob/<branch>/<path>` → its parts. */
function parseBlobUrl(url: string): { host: string; owner: string; path: string } | undefined {
  try {
    const parsed = new URL(url);
    const [owner, , kind, , ...rest] = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    return owner && (kind === 'blob' || kind === 'tree') ? { host: parsed.host, owner, path: rest.join('/') } : undefined;
  } catch {
    return undefined;
  }
}

export function unreadCatalogFileCheck(sources: readonly SourceConfig[]): (url: string) => string | undefined {
  return (url) => {
    const parts = parseBlobUrl(url);
    if (!parts) return `it is not a file URL of a GitHub repo (https://<host>/<owner>/<repo>/blob/<branch>/<path>)`;
    const owner = parts.owner.toLowerCase();
    const source = sources.find((s) => s.host === parts.host && (s.type === 'github' ? s.orgs : [s.org]).some((o) => o.toLowerCase() === owner));
    if (!source) return `the portal does not crawl ${parts.owner} on ${parts.host} (add it to the config's sources)`;
    const wanted = normalizeRepoPath(source.catalogPath.trim());
    const read = wanted !== undefined && (isGlob(wanted) ? picomatch(wanted)(parts.path) : wanted === parts.path);
    return read ? undefined : `the portal reads ${source.catalogPath} in each repo, not /${parts.path}; use that path, widen catalogPath (a glob such as "**/catalog-info.yaml"), or point a Location at the file`;
  };
}
