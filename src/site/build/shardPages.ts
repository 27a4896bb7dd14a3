// Sharded rendering: `backlot build --shard i/N` leaves a marker beside its share of the pages, and the final
// `backlot build --pages DIR…` copies every shard's pages into one site (then writes the API and the search index
// as any build does). Pages every shard renders (the home page, lists without paths) are kept once.

import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Shard } from '../../snapshot/shard.ts';

export const SHARD_MARKER = '.backlot-shard.json';

interface Marker {
  shard: Shard;
  /** The model's time: shards rendered from the same snapshots share it. */
  generatedAt: string;
}

export function writeShardMarker(siteDir: string, marker: Marker): void {
  writeFileSync(join(siteDir, SHARD_MARKER), `${JSON.stringify(marker)}\n`);
}

export class ShardPagesError extends Error {}

/**
 * Copies every shard's pages into `siteDir`; refuses a missing or doubled shard, and shards of another model
 * (`generatedAt`: the snapshots' time). A file several shards wrote is taken from the lowest shard.
 */
export function mergeShardPages(dirs: readonly string[], siteDir: string, generatedAt: string): { files: number; shards: number } {
  const markers = dirs.map((dir) => {
    let text: string;
    try {
      text = readFileSync(join(dir, SHARD_MARKER), 'utf8');
    } catch {
      throw new ShardPagesError(`${dir}: no ${SHARD_MARKER} (is this a folder "backlot build --shard i/N" wrote, and did it finish?)`);
    }
    return { dir, ...(JSON.parse(text) as Marker) };
  });
  const count = markers[0]!.shard.count;
  const byIndex = new Map<number, string>();
  for (const m of markers) {
    if (m.shard.count !== count) throw new ShardPagesError(`${m.dir} is shard ${m.shard.index}/${m.shard.count} but ${markers[0]!.dir} is of ${count}: render every shard with the same N`);
    const seen = byIndex.get(m.shard.index);
    if (seen) throw new ShardPagesError(`rendered shard ${m.shard.index}/${count} is given twice: ${seen} and ${m.dir}`);
    byIndex.set(m.shard.index, m.dir);
    if (m.generatedAt !== generatedAt) {
      throw new ShardPagesError(`${m.dir} was rendered from other snapshots (model of ${m.generatedAt}, these are of ${generatedAt}): render and merge from the same --snapshots`);
    }
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new ShardPagesError(`rendered shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing: the site would lack their pages. Give every shard's folder to --pages`);
  const written = new Set<string>();
  for (const index of [...byIndex.keys()].sort((a, b) => a - b)) {
    const dir = byIndex.get(index)!;
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const from = join(entry.parentPath, entry.name);
      const path = relative(dir, from);
      if (path === SHARD_MARKER || written.has(path)) continue;
      written.add(path);
      const to = join(siteDir, path);
      mkdirSync(dirname(to), { recursive: true });
      copyFileSync(from, to);
    }
  }
  return { files: written.size, shards: count };
}
