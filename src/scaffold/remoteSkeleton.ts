// A skeleton in a repo of an organisation the portal crawls that is not in the snapshot (excluded, archived, or
// made after the last build): read from GitHub with the run's token, over REST (the git tree, which carries
// each file's mode, then its blobs). The same confinement as the snapshot: that repo, under the folder named.

import type { GithubApi } from './github.ts';
import type { SkeletonFile, SkeletonLocation } from './skeleton.ts';
import type { ActionContext } from './types.ts';

/** Files one fetch may read this way: each is a request. */
export const MAX_REMOTE_FILES = 2000;

interface TreeEntry {
  path: string;
  mode: string;
  type: string;
  sha: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decode(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ''));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function fileOf(path: string, bytes: Uint8Array, executable: boolean): SkeletonFile {
  const mode = executable ? { executable: true } : {};
  if (!bytes.includes(0)) {
    try {
      return { path, text: utf8.decode(bytes), ...mode };
    } catch {
      // not UTF-8: bytes
    }
  }
  return { path, bytes, ...mode };
}

const statusOf = (err: unknown) => (err as { status?: unknown }).status;

async function openTree(location: SkeletonLocation, ctx: Pick<ActionContext, 'github' | 'log'> | undefined) {
  const { repo } = location;
  let gh: GithubApi;
  try {
    if (!ctx) throw new Error('no GitHub client');
    gh = ctx.github(repo.host);
  } catch (err) {
    throw new Error(`${repo.url} is not in the crawled snapshot, and reading it from GitHub needs a token (the scaffold workflow's, or GITHUB_TOKEN): ${(err as Error).message}`);
  }
  const params = { owner: repo.owner, repo: repo.name };
  try {
    const ref = location.remote?.ref ?? (await gh.request<{ default_branch: string }>('GET /repos/{owner}/{repo}', params)).data.default_branch;
    const tree = await gh.request<{ tree: TreeEntry[]; truncated?: boolean }>('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...params, tree_sha: ref, recursive: '1' });
    if (tree.data.truncated) throw new Error(`the tree of ${repo.url} at ${ref} is too large for GitHub to list at once`);
    return { gh, params, ref, entries: tree.data.tree.filter((e) => e.type === 'blob') };
  } catch (err) {
    if (statusOf(err) === 404) throw new Error(`${repo.url} (or that branch) is not on GitHub, or the token may not read it`);
    throw err;
  }
}

async function readEntry(gh: GithubApi, params: { owner: string; repo: string }, entry: TreeEntry, url: string, path: string): Promise<SkeletonFile> {
  // A link could point anywhere; the snapshot refuses those that leave the repo, this refuses them all.
  if (entry.mode === '120000') throw new Error(`cannot read ${entry.path} of ${url}: it is a symlink`);
  const blob = await gh.request<{ content: string; encoding: string }>('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', { ...params, file_sha: entry.sha });
  if (blob.data.encoding !== 'base64') throw new Error(`cannot read ${entry.path} of ${url}: GitHub sent it as ${blob.data.encoding}`);
  return fileOf(path, decode(blob.data.content), entry.mode === '100755');
}

/** Every file under the location's folder, as readSkeleton returns them. */
export async function readRemoteSkeleton(location: SkeletonLocation, ctx: Pick<ActionContext, 'github' | 'log'> | undefined): Promise<SkeletonFile[]> {
  const { gh, params, ref, entries } = await openTree(location, ctx);
  const prefix = location.path ? `${location.path}/` : '';
  const under = entries.filter((e) => e.path.startsWith(prefix));
  if (under.length === 0) throw new Error(`no files under "${location.path || '/'}" in ${location.repo.url} at ${ref}`);
  if (under.length > MAX_REMOTE_FILES) throw new Error(`${under.length} files under "${location.path || '/'}" in ${location.repo.url}; at most ${MAX_REMOTE_FILES} are fetched from a repo the portal does not crawl`);
  const files: SkeletonFile[] = [];
  for (const entry of under) files.push(await readEntry(gh, params, entry, location.repo.url, entry.path.slice(prefix.length)));
  ctx?.log(`read ${files.length} file${files.length === 1 ? '' : 's'} of ${location.repo.owner}/${location.repo.name} at ${ref} from GitHub (not in the crawled snapshot)`);
  return files;
}

/** One file, as readSkeletonFile returns it. */
export async function readRemoteFile(location: SkeletonLocation, ctx: Pick<ActionContext, 'github' | 'log'> | undefined): Promise<SkeletonFile> {
  const { gh, params, ref, entries } = await openTree(location, ctx);
  const entry = entries.find((e) => e.path === location.path);
  if (!entry) throw new Error(`no file "${location.path || '/'}" in ${location.repo.url} at ${ref}`);
  return readEntry(gh, params, entry, location.repo.url, location.path);
}
