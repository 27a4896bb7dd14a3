// Repo-relative paths and GitHub URLs into the snapshot. Everything that could leave a repo is
// rejected here, before anything is read.

import { parseGithubUrl, repoFinder } from '../model/githubUrl.ts';
import picomatch from 'picomatch';
import type { RepoInfo } from '../snapshot/types.ts';

/**
 * Normalises a posix path to repo-relative form (no leading slash, no `.`/`..`/empty segments).
 * Undefined when `..` climbs above the repo root or the path holds a NUL byte.
 */
export function normalizeRepoPath(path: string): string | undefined {
  if (path.includes('\0')) return undefined;
  const out: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else {
      out.push(segment);
    }
  }
  return out.join('/');
}

/** Folder of a repo-relative file path; `''` for the repo root. */
export function dirnameOf(file: string): string {
  const cut = file.lastIndexOf('/');
  return cut === -1 ? '' : file.slice(0, cut);
}

/** Resolves `target` against the folder of `fromFile`; a leading `/` means the repo root. */
export function resolveRepoPath(fromFile: string, target: string): string | undefined {
  const joined = target.startsWith('/') ? target : `${dirnameOf(fromFile)}/${target}`;
  return normalizeRepoPath(joined);
}

export function isAbsoluteUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(value);
}

export function isGlob(path: string): boolean {
  return picomatch.scan(path).isGlob;
}

export type RepoUrlResult = { repo: RepoInfo; path: string } | { error: string; inSnapshot: boolean };

/**
 * Maps `https://<host>/<owner>/<repo>/blob|tree/<ref>/<path>` to a file of a snapshot repo.
 * The ref must be the snapshot's branch (or its commit): other refs are not in the snapshot.
 * `inSnapshot` tells whether the URL names a repo of the snapshot at all.
 */
export function parseRepoUrl(value: string, repos: readonly RepoInfo[]): RepoUrlResult {
  if (!URL.canParse(value)) return { error: `"${value}" is not a valid URL`, inSnapshot: false };
  if (!/^https?:/i.test(value)) return { error: `"${value}" is not an http(s) URL`, inSnapshot: false };
  const url = parseGithubUrl(value);
  const repo = url && repoFinder(repos)(url);
  if (!url || !repo) return { error: `${value} is not in a repository of this build`, inSnapshot: false };
  if (url.mode !== 'blob' && url.mode !== 'tree') {
    return { error: `${value} does not point at a file (expected …/${repo.name}/blob/<branch>/<path>)`, inSnapshot: true };
  }
  const { rest } = url;
  const ref = [repo.defaultBranch, repo.commit].find((r) => rest === r || rest.startsWith(`${r}/`));
  if (ref === undefined) {
    return {
      error: `${value} points at a branch or commit other than ${repo.defaultBranch}, the one this build reads`,
      inSnapshot: true,
    };
  }
  const path = normalizeRepoPath(rest.slice(ref.length));
  if (!path) return { error: `${value} does not name a file inside ${repo.name}`, inSnapshot: true };
  return { repo, path };
}

/** Percent-encodes a repo path for use in a URL, keeping `/`. */
export function encodePath(path: string): string {
  if (/^[\w\-.~/]*$/.test(path)) return path; // nothing to encode: most paths, and this runs for every entity
  return path
    .split('/')
    .map((s) => encodeURI(s).replace(/[#?]/g, (c) => encodeURIComponent(c)))
    .join('/');
}
