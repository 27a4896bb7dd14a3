import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { mergeShardPages, SHARD_MARKER, writeShardMarker } from './shardPages.ts';

const AT = '2026-12-06T14:00:00.000Z';
let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

function shard(index: number, count: number, files: Record<string, string>, generatedAt = AT): string {
  const dir = join(root, `site-${index}-of-${count}-${generatedAt.slice(11, 13)}`);
  mkdirSync(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeShardMarker(dir, { shard: { index, count }, generatedAt });
  return dir;
}

describe('merging rendered shards', () => {
  it('copies every shard’s pages; a page every shard rendered is kept once, from the lowest shard; no marker', () => {
    root = mkdtempSync(join(tmpdir(), 'backlot-pages-'));
    const one = shard(1, 2, { 'index.html': 'home', 'catalog/a/index.html': 'a' });
    const two = shard(2, 2, { 'index.html': 'home', 'catalog/b/index.html': 'b' });
    const site = join(root, 'site');
    expect(mergeShardPages([two, one], site, AT)).toEqual({ files: 3, shards: 2 });
    expect(readFileSync(join(site, 'catalog/a/index.html'), 'utf8')).toBe('a');
    expect(readFileSync(join(site, 'catalog/b/index.html'), 'utf8')).toBe('b');
    expect(existsSync(join(site, SHARD_MARKER))).toBe(false);
  });

  it('refuses a missing or doubled shard, mixed N, pages of other snapshots and a folder no shard wrote', () => {
    root = mkdtempSync(join(tmpdir(), 'backlot-pages-'));
    const one = shard(1, 3, {});
    const two = shard(2, 3, {});
    const three = shard(3, 3, {});
    const site = join(root, 'site');
    expect(() => mergeShardPages([one, three], site, AT)).toThrow(/rendered shard 2\/3 missing: the site would lack their pages/);
    expect(() => mergeShardPages([one, two, two, three], site, AT)).toThrow(/rendered shard 2\/3 is given twice/);
    expect(() => mergeShardPages([one, shard(2, 2, {})], site, AT)).toThrow(/render every shard with the same N/);
    expect(() => mergeShardPages([one, shard(2, 3, {}, '2026-12-06T15:00:00.000Z'), three], site, AT)).toThrow(/rendered from other snapshots/);
    expect(() => mergeShardPages([root], site, AT)).toThrow(/no \.backlot-shard\.json/);
  });
});
