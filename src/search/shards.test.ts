import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LARGE_SITE_PAGES, MAX_LARGE_SHARDS, MAX_SHARDS, readPreviousIndex, shardCount, shardFolder, shardOf, writeSearchManifest, type SearchManifest } from './shards.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-shards-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('search shards', () => {
  it('takes one shard per ~1,700 pages, at least one and at most MAX_SHARDS, fewer past LARGE_SITE_PAGES', () => {
    expect(shardCount(0)).toBe(1);
    expect(shardCount(2_500)).toBe(1);
    expect(shardCount(5_100)).toBe(3);
    expect(shardCount(10_200)).toBe(6);
    expect(shardCount(LARGE_SITE_PAGES)).toBe(MAX_SHARDS);
    expect(shardCount(LARGE_SITE_PAGES + 1)).toBe(MAX_LARGE_SHARDS);
    expect(shardCount(102_000)).toBe(MAX_LARGE_SHARDS);
    expect(shardCount(40, 20)).toBe(2);
  });

  it('puts a URL in the same shard every time, spread over all of them', () => {
    const urls = Array.from({ length: 5_000 }, (_, i) => `/catalog/default/component/service-${i}/`);
    const counts = Array<number>(5).fill(0);
    for (const url of urls) counts[shardOf(url, 5)]!++;
    for (const n of counts) expect(n).toBeGreaterThan(800);
    expect(urls.map((u) => shardOf(u, 5))).toEqual(urls.map((u) => shardOf(u, 5)));
    expect([0, 1, 2].map(shardFolder)).toEqual(['', '1/', '2/']);
  });

  it('reads the last manifest only when the output is the build it describes', () => {
    const cache = join(tmp, 'cache');
    const site = join(tmp, 'site');
    mkdirSync(site, { recursive: true });
    const manifest: SearchManifest = { generatedAt: '2026-01-01T00:00:00Z', shards: [{ folder: '', records: 'r', docs: '', files: ['pagefind.js'], rows: [] }] };
    expect(readPreviousIndex(cache, site)).toBeUndefined(); // no manifest
    writeSearchManifest(cache, manifest);
    expect(readPreviousIndex(cache, site)).toBeUndefined(); // no home page
    const home = (at: string) => writeFileSync(join(site, 'index.html'), `<main></main><footer class="site-footer"><div class="inner">Built <time datetime="${at}">x</time></div></footer>`);
    home('2026-01-02T00:00:00Z');
    expect(readPreviousIndex(cache, site)).toBeUndefined(); // another build's output
    home(manifest.generatedAt);
    expect(readPreviousIndex(cache, site)).toEqual({ site, manifest });
  });
});
