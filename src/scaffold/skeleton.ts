// Files next to a template, read from the snapshot: what `fetch:template` and `fetch:plain` copy.

import { posix } from 'node:path';
import type { LoadedTemplate } from './types.ts';

export interface SkeletonFile {
  /** Path relative to the fetched folder. */
  path: string;
  /** Text contents; absent for binary or very large files, which are copied as bytes. */
  text?: string;
  bytes?: Uint8Array;
  /** Git marks it executable (a skeleton's `gradlew`, `scripts/*.sh`): written with mode 755. */
  executable?: boolean;
}

/**
 * The repo-relative folder a `url` input names: a path relative to the template file, or a URL of the
 * same repo (`https://host/owner/repo/tree/<ref>/<path>`). Other repos are refused: the snapshot only
 * holds what the portal crawled, and a template should not pull code from elsewhere.
 */
export function resolveTemplateUrl(template: LoadedTemplate, url: string): string {
  if (typeof url !== 'string' || url === '') throw new Error('input "url" is required');
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    const parsed = new URL(url);
    const repoUrl = new URL(template.repo.url);
    const [owner, name, kind, , ...rest] = parsed.pathname.split('/').filter(Boolean);
    const same =
      parsed.host === repoUrl.host &&
      `${owner}/${name}`.toLowerCase() === `${template.repo.owner}/${template.repo.name}`.toLowerCase();
    if (!same) throw new Error(`"${url}" is not in the template's repo ${template.repo.url}; only files of that repo can be fetched`);
    path = kind === 'tree' || kind === 'blob' ? rest.join('/') : '';
  } else {
    if (url.startsWith('/')) throw new Error(`"${url}" is absolute; use a path relative to the template file`);
    path = posix.join(posix.dirname(template.file), url);
  }
  const normal = posix.normalize(path).replace(/\/+$/, '');
  if (normal === '..' || normal.startsWith('../')) throw new Error(`"${url}" leaves the template's repo`);
  return normal === '.' ? '' : normal;
}

/** Every file under `dir` of the template's repo, with its contents. */
export async function readSkeleton(template: LoadedTemplate, dir: string): Promise<SkeletonFile[]> {
  const { snapshot, repo } = template;
  const prefix = dir ? `${dir}/` : '';
  const paths = (await snapshot.list(repo.name)).filter((p) => p.startsWith(prefix));
  if (paths.length === 0) throw new Error(`no files under "${dir || '/'}" in ${repo.url}`);
  const [contents, executables] = await Promise.all([snapshot.read(paths.map((path) => ({ repo: repo.name, path }))), snapshot.executables(repo.name)]);
  const files: SkeletonFile[] = [];
  for (const file of contents) {
    const path = file.path.slice(prefix.length);
    const mode = executables.has(file.path) ? { executable: true } : {};
    if (file.kind === 'text') files.push({ path, text: file.text, ...mode });
    else if (file.kind === 'skipped') {
      const bytes = await snapshot.readBytes({ repo: repo.name, path: file.path });
      if (!bytes) throw new Error(`cannot read ${file.path} of ${repo.url}`);
      files.push({ path, bytes, ...mode });
    } else if (file.kind === 'missing') {
      throw new Error(`cannot read ${file.path} of ${repo.url} (a symlink that leaves the repo?)`);
    } else {
      throw new Error(`cannot read ${file.path} of ${repo.url}: ${file.message}`);
    }
  }
  return files;
}

/** One file of the template's repo, at a repo-relative path. */
export async function readSkeletonFile(template: LoadedTemplate, path: string): Promise<SkeletonFile> {
  const { snapshot, repo } = template;
  if (!path || !(await snapshot.list(repo.name)).includes(path)) throw new Error(`no file "${path || '/'}" in ${repo.url}`);
  const [file] = await snapshot.read([{ repo: repo.name, path }]);
  const executable = (await snapshot.executables(repo.name)).has(path) ? { executable: true } : {};
  if (file?.kind === 'text') return { path, text: file.text, ...executable };
  if (file?.kind === 'skipped') {
    const bytes = await snapshot.readBytes({ repo: repo.name, path });
    if (bytes) return { path, bytes, ...executable };
  }
  throw new Error(`cannot read ${path} of ${repo.url}`);
}
