// The files hook on a crawled org: the plugins' files ride in the crawl's batched GraphQL queries (against the
// local GitHub emulator, GitHub's own schema) and come from its commit-keyed cache on the next build.

import { afterEach, describe, expect, it } from 'vitest';
import { harness, serviceRepos, type Harness } from '../sources/github/testing.ts';
import { definePlugin } from './index.ts';
import { runPlugins } from './run.ts';
import { loaded } from './testing.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('files hook on a GitHub crawl', () => {
  it('fetches 150 repos × 2 files in 3 batched queries, then nothing more from the cache', async () => {
    h = await harness(serviceRepos(150, (i) => ({ files: { 'catalog-info.yaml': 'x', ...(i % 2 === 0 ? { CODEOWNERS: `* @acme/team-${i}\n` } : {}) } })));
    const owners = definePlugin<Record<string, unknown>, Record<string, string>>({
      name: 'owners',
      files: ['CODEOWNERS', 'package.json'],
      data: { load: (ctx) => Object.fromEntries(ctx.repos.flatMap((r) => (ctx.file(r.name, 'CODEOWNERS') ? [[r.name, ctx.file(r.name, 'CODEOWNERS')!]] : []))) },
    });
    const crawl = async () => {
      const snapshot = await h!.open({}, { pageSize: 100 });
      const before = h!.emulator.stats().requests;
      const run = await runPlugins({ plugins: [loaded(owners)], snapshot, entities: [], cacheDir: h!.config.cacheDir });
      return { listing: before, files: h!.emulator.stats().requests - before, run };
    };
    const first = await crawl();
    expect(first).toMatchObject({ listing: 2, files: 3 });
    expect(first.run.report.plugins[0]!.files).toEqual({ asked: 300, found: 75 });
    expect(h.emulator.stats()).toMatchObject({ invalid: 0 });

    h.emulator.resetStats();
    const second = await crawl();
    expect(second).toMatchObject({ listing: 2, files: 0 });
    expect(second.run.report.plugins[0]!.files).toEqual({ asked: 300, found: 75 });
  });
});
