// The search index in shards: each page goes to a shard by a hash of its URL, each shard is a whole Pagefind index
// (shard 0 in `pagefind/` with Pagefind's scripts, shard k in `pagefind/<k>/`), and the browser merges them
// (Pagefind's mergeIndex, ../site/client/pagefind.ts). Pagefind cannot add to a written index, so a rebuild indexes
// again only the shards whose records changed and hard-links the others from the last build's output. The manifest
// of the shards' keys and files is kept in the cache folder, written only once the new site is swapped in.

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtAt } from '../site/build/reuse.ts';
import type { FacetRow } from './facets.ts';

/**
 * Pages per shard aimed at: a one-repo change re-indexes about this many records. Pagefind's index of the shard the
 * edit touched was what a one-repo rebuild at 10,000 entities waited for last: 6 shards of ~1,700 pages instead of 3
 * of ~3,300 took it 0.92x the wall time and 0.95x the CPU (farm-bench, 8 interleaved pairs).
 */
export const SHARD_PAGES = 1700;
/**
 * Each shard costs the browser a request per search term (its index chunk) and its own search in Pagefind's worker:
 * at 30,000 entities, 15 shards took the header box 190-400 ms a term, 6 shards 65-220 ms, one index 63-165 ms;
 * at 100,000 entities 6 shards took the search page to 425 ms (one index: at most 260 ms), each term's chunks
 * fetched from every shard (250 ms where one index took 10-30 ms). So at most 6 shards up to LARGE_SITE_PAGES pages,
 * and at most MAX_LARGE_SHARDS above.
 */
export const MAX_SHARDS = 6;
export const LARGE_SITE_PAGES = 30_000;
export const MAX_LARGE_SHARDS = 3;
export const SEARCH_MANIFEST = 'search.json';

/**
 * How many shards for this many pages: one up to 1.5 × SHARD_PAGES, at most MAX_SHARDS (MAX_LARGE_SHARDS past
 * LARGE_SITE_PAGES). `BACKLOT_SEARCH_SHARD_PAGES` sets the pages per shard (tests shard a small org with it).
 */
export function shardCount(pages: number, perShard = Number(process.env.BACKLOT_SEARCH_SHARD_PAGES) || SHARD_PAGES): number {
  const most = pages > LARGE_SITE_PAGES ? MAX_LARGE_SHARDS : MAX_SHARDS;
  return Math.max(1, Math.min(most, Math.round(pages / perShard)));
}

/** The shard of a page: FNV-1a of its URL, so a page stays in its shard from build to build. */
export function shardOf(url: string, count: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < url.length; i++) {
    h ^= url.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % count;
}

/** A shard's folder relative to `pagefind/`: '' for shard 0, `k/` for the others. */
export const shardFolder = (k: number): string => (k === 0 ? '' : `${k}/`);

export interface ShardRecord {
  folder: string;
  /** Hash of the shard's entity records (with the shard count, Pagefind's version and options). */
  records: string;
  /** Hash of its docs pages' HTML, the build's time taken out; '' with none. */
  docs: string;
  /** Its files, relative to its folder (shard 0's without the other shards' folders and Backlot's own files). */
  files: string[];
  /** Its pages' rows of the facet table. */
  rows: FacetRow[];
}

export interface SearchManifest {
  /** The build's time: the output's home page must show it (as pages.json). */
  generatedAt: string;
  shards: ShardRecord[];
}

export interface PreviousIndex {
  /** The last build's output folder. */
  site: string;
  manifest: SearchManifest;
}

export const hashOf = (parts: Iterable<string>): string => {
  const h = createHash('sha1');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('base64url');
};

/** The last build's index, if its manifest describes the output in `previousSite`; otherwise undefined (index all). */
export function readPreviousIndex(cacheDir: string, previousSite: string): PreviousIndex | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(cacheDir, SEARCH_MANIFEST), 'utf8')) as SearchManifest;
    if (!Array.isArray(manifest.shards)) return undefined;
    if (builtAt(readFileSync(join(previousSite, 'index.html'), 'utf8')) !== manifest.generatedAt) return undefined;
    return { site: previousSite, manifest };
  } catch {
    return undefined;
  }
}

export function writeSearchManifest(cacheDir: string, manifest: SearchManifest): void {
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(join(cacheDir, SEARCH_MANIFEST), JSON.stringify(manifest));
}
