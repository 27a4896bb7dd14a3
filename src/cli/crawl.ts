// `backlot crawl --shard i/N`: one machine's share of the org, read as a build would read it and written to a
// folder that `backlot build --snapshots DIR…` merges with the other shards'.

import { relative, resolve } from 'node:path';
import { runPipeline } from '../pipeline/index.ts';
import { loadPlugins } from '../plugins/load.ts';
import { prepareRepoFields } from '../plugins/graphql.ts';
import { recordSnapshot } from '../snapshot/recorded.ts';
import { shareOf, type Shard } from '../snapshot/shard.ts';
import { openConfigured, readConfig, sourcesKey } from './context.ts';
import { UsageError } from './errors.ts';

export interface CrawlOptions {
  config: string | undefined;
  shard: Shard;
  out: string;
}

export async function crawlCommand(options: CrawlOptions): Promise<number> {
  const started = performance.now();
  const config = readConfig(options.config);
  const plugins = await loadPlugins(config, []);
  const crawl = config.sources.some((s) => s.type === 'github');
  const repoFields = crawl ? await prepareRepoFields(plugins, { check: true }) : undefined;
  // Every shard lists the whole org (GitHub pages a listing with a cursor, so it cannot be split); files are
  // fetched only for this shard's repos.
  const ctx = await openConfigured(config, repoFields ? { repoFields } : {});
  const share = shareOf(ctx.snapshot, options.shard);
  if (ctx.snapshot.repos.length === 0) {
    ctx.finish?.();
    throw new UsageError('no repos in the configured sources');
  }
  const recorder = recordSnapshot(share);
  // The pipeline reads exactly what the build will ask for: catalog files, Locations, docs, API definitions,
  // template listings, the Create pages' skeletons and plugins' files. Docs assets are read after it, as the build copies them.
  // Diagrams are drawn by the build, not here (the crawl only records what the pipeline reads).
  const result = await runPipeline(config, recorder.snapshot, { catalogPath: ctx.catalogPath, plugins, previews: true, diagrams: 'browser' });
  for (const asset of result.model.docs?.sites.flatMap((s) => s.assets) ?? []) await recorder.snapshot.readBytes({ repo: asset.repo, path: asset.path });
  ctx.finish?.();
  const out = resolve(options.out);
  const written = await recorder.write(out, { shard: options.shard, sources: sourcesKey(config), catalogPath: ctx.catalogPath });
  const stale = share.repos.filter((r) => r.stale).length;
  console.log(
    `Backlot crawl: shard ${options.shard.index}/${options.shard.count}: ${written.repos} of ${ctx.snapshot.repos.length} repos, ` +
      `${result.model.entities.length} entities, ${written.files} files${stale ? `, ${stale} stale` : ''} → ${relative(process.cwd(), out) || '.'}/ ` +
      `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  return 0;
}
