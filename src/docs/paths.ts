// Paths inside a repo and URLs of the docs site. Anything that could leave a repo is rejected here.

import { docsPath, withBase } from '../model/routes.ts';
import { encodePath, normalizeRepoPath } from '../catalog/paths.ts';

export { encodePath, normalizeRepoPath };

/** Joins repo-relative parts; undefined when the result climbs out of the repo. */
export function joinRepoPath(...parts: string[]): string | undefined {
  for (const part of parts) if (part.startsWith('/')) return undefined;
  return normalizeRepoPath(parts.filter(Boolean).join('/'));
}

/** `child` lies in folder `dir` (or is it); `''` is the repo root. */
export function isInside(dir: string, child: string): boolean {
  return dir === '' || child === dir || child.startsWith(`${dir}/`);
}

/** Path of `file` relative to folder `dir`; the caller checks `isInside` first. */
export function relativeTo(dir: string, file: string): string {
  if (dir === '') return file;
  return file === dir ? '' : file.slice(dir.length + 1);
}

export function dirOf(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut === -1 ? '' : path.slice(0, cut);
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Lower-cased triplet: the docs URL scheme Backstage stores sites under. */
export interface DocsTriplet {
  namespace: string;
  kind: string;
  name: string;
}

/** `/docs/<namespace>/<kind>/<name>/` under the site base. */
export function docsRootUrl(triplet: DocsTriplet, base: string): string {
  return withBase(docsPath(triplet), base);
}

/**
 * The page path of a Markdown file under docs_dir, with MkDocs' directory URLs:
 * `index.md` → '', `guide/setup.md` → `guide/setup/`, `guide/index.md` and `guide/README.md` → `guide/`.
 */
export function pagePathOf(docRelative: string): string {
  const noExt = docRelative.replace(/\.(md|markdown)$/i, '');
  const name = baseName(noExt);
  const dir = dirOf(noExt);
  if (name === 'index' || name.toLowerCase() === 'readme') return dir ? `${dir}/` : '';
  return `${noExt}/`;
}

/** The file's URL form when `use_directory_urls: false` (`guide/setup.html`); used to resolve links written that way. */
export function flatUrlOf(docRelative: string): string {
  return docRelative.replace(/\.(md|markdown)$/i, '.html');
}

/** Percent-decodes a URL path; undefined when malformed. */
export function decodeUrlPath(path: string): string | undefined {
  try {
    return decodeURIComponent(path);
  } catch {
    return undefined;
  }
}
