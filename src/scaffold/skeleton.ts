// Files next to a template, read from the snapshot: what `fetch:template` and `fetch:plain` copy.

import { dirnameOf, normalizeRepoPath } from '../catalog/paths.ts';
import type { RepoInfo } from '../snapshot/types.ts';
import { readRemoteFile, readRemoteSkeleton } from './remoteSkeleton.ts';
import type { ActionContext, LoadedTemplate } from './types.ts';

export interface SkeletonFile {
  /** Path relative to the fetched folder. */
  path: string;
  /** Text contents; absent for binary or very large files, which are copied as bytes. */
  text?: string;
  bytes?: Uint8Array;
  /** Git marks it executable (a skeleton's `gradlew`, `scripts/*.sh`): written with mode 755. */
  executable?: boolean;
}

/** Where a `url` input points: a repo of the snapshot and a repo-relative path in it (`''` for its root). */
export interface SkeletonLocation {
  repo: RepoInfo;
  path: string;
  /** Set when the URL names a branch other than the one the portal crawled (whose files are used). */
  note?: string;
  /**
   * A repo of an organisation the portal crawls that is not in the snapshot: read from GitHub with the run's
   * token (./remoteSkeleton.ts), at `ref` (the URL's branch) or the repo's default branch.
   */
  remote?: { ref?: string };
}

/**
 * Resolves a `url` input: a path relative to the template file, or a URL of a repo in the snapshot
 * (`https://host/owner/repo/tree/<ref>/<path>`, `/blob/…`, or the repo itself). Organisations keep skeletons
 * in repos of their own; any repo the portal crawled may be read, nothing else, and never above a repo's root.
 */
export function resolveTemplateUrl(template: LoadedTemplate, url: string): SkeletonLocation {
  if (typeof url !== 'string' || url === '') throw new Error('input "url" is required');
  let repo = template.repo;
  let path: string;
  let note: string | undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    // URL parsing would quietly fold `..` (also `%2E%2E`) into another repo's path: refuse such URLs outright.
    if (/\/(?:\.|%2e){1,2}(?:[/?#]|$)/i.test(url)) throw new Error(`"${url}" has "." or ".." segments; name the folder directly`);
    const parsed = new URL(url);
    const [owner, name, kind, ref, ...rest] = parsed.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const full = `${owner}/${name?.replace(/\.git$/, '')}`.toLowerCase();
    const found =
      parsed.host === new URL(template.repo.url).host && full === `${template.repo.owner}/${template.repo.name}`.toLowerCase()
        ? template.repo
        : template.snapshot.repos.find((r) => r.host === parsed.host && `${r.owner}/${r.name}`.toLowerCase() === full);
    path = kind === 'tree' || kind === 'blob' ? rest.join('/') : '';
    const named = (kind === 'tree' || kind === 'blob') && ref ? ref : undefined;
    if (found) {
      repo = found;
      if (named && named !== repo.defaultBranch) {
        note = `"${url}" names the branch ${named}; the files are read at ${repo.defaultBranch}, the branch the portal crawled`;
      }
    } else {
      // Another repo of an organisation the portal crawls (on the same host): read with the run's token.
      const org = owner?.toLowerCase();
      const crawledOrg = [template.repo, ...template.snapshot.repos].some((r) => r.host === parsed.host && r.owner.toLowerCase() === org);
      if (!owner || !name || !crawledOrg) {
        throw new Error(`"${url}" is not in an organisation the portal crawls (the template's repo is ${template.repo.url}); only its repos can be fetched`);
      }
      const repoName = name.replace(/\.git$/, '');
      const remote: RepoInfo = { name: repoName, owner, host: parsed.host, defaultBranch: named ?? '', commit: '', url: `https://${parsed.host}/${owner}/${repoName}` };
      const normal = normalizeRepoPath(path);
      if (normal === undefined) throw new Error(`"${url}" leaves the repo ${remote.url}`);
      return { repo: remote, path: normal, remote: named ? { ref: named } : {} };
    }
  } else {
    if (url.startsWith('/')) throw new Error(`"${url}" is absolute; use a path relative to the template file`);
    path = `${dirnameOf(template.file)}/${url}`;
  }
  const normal = normalizeRepoPath(path);
  if (normal === undefined) throw new Error(`"${url}" leaves the repo ${repo.url}`);
  return { repo, path: normal, ...(note ? { note } : {}) };
}

/** Every file under a folder of a repo, with its contents; `ctx` gives the token for a repo not crawled. */
export async function readSkeleton(template: LoadedTemplate, location: SkeletonLocation, ctx?: Pick<ActionContext, 'github' | 'log'>): Promise<SkeletonFile[]> {
  if (location.remote) return readRemoteSkeleton(location, ctx);
  const { repo, path: dir } = location;
  const { snapshot } = template;
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

/** One file of a repo. */
export async function readSkeletonFile(template: LoadedTemplate, location: SkeletonLocation, ctx?: Pick<ActionContext, 'github' | 'log'>): Promise<SkeletonFile> {
  if (location.remote) return readRemoteFile(location, ctx);
  const { repo, path } = location;
  const { snapshot } = template;
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

/** `skeleton/` in the template's own repo, `owner/repo:skeleton/` in another. */
export function describeLocation(template: LoadedTemplate, { repo, path }: SkeletonLocation): string {
  return `${repo === template.repo ? '' : `${repo.owner}/${repo.name}:`}${path || '/'}`;
}
