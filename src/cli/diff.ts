// `backlot diff`: the catalog before (a deployed portal's entities.json) against the catalog after (another file,
// or the current config or PATH run through the pipeline, no site written), printed for people or tools.

import { readFile } from 'node:fs/promises';
import { diffCatalogs, formatDiff, repoOf, type DiffFormat } from '../diff/index.ts';
import type { Entity } from '../model/entity.ts';
import { CATALOG_API } from '../model/routes.ts';
import { UsageError } from './errors.ts';

export type FailOn = 'breaking-other-owner' | 'breaking' | 'never';

export interface DiffCommandOptions {
  config: string | undefined;
  base: string;
  head: string | undefined;
  path: string | undefined;
  format: DiffFormat;
  failOn: FailOn;
  /** The head is some repos of the org, not all of it: compare only what those repos hold. */
  partial: boolean;
}

export async function diffCommand(options: DiffCommandOptions): Promise<number> {
  const [base, head] = await Promise.all([
    readCatalogFile(options.base),
    options.head ? readCatalogFile(options.head).then((entities) => ({ entities, repos: undefined })) : buildHead(options),
  ]);
  // A partial head covers the repos it was built from, or (a file) the repos its entities come from.
  const repos = options.partial ? (head.repos ?? [...new Set(head.entities.map(repoOf).filter((r) => r !== undefined))]) : undefined;
  const diff = await diffCatalogs(base, head.entities, repos ? { repos } : {});
  process.stdout.write(formatDiff(diff, options.format));
  const { breaking, breakingOtherOwner } = diff.summary;
  if (options.failOn === 'breaking') return breaking > 0 ? 1 : 0;
  if (options.failOn === 'breaking-other-owner') return breakingOtherOwner > 0 ? 1 : 0;
  return 0;
}

/** The head catalog through the pipeline (sources → catalog → graph → apis, docs), as a build would have it. */
async function buildHead(options: DiffCommandOptions): Promise<{ entities: Entity[]; repos: string[] }> {
  // Loaded only here: comparing two files needs none of the pipeline (its modules take most of a second to load).
  const [{ runPipeline }, { openConfigured, openOrgFolder, readConfig }] = await Promise.all([import('../pipeline/index.ts'), import('./context.ts')]);
  const config = readConfig(options.config);
  const ctx = options.path ? await openOrgFolder(config, options.path) : await openConfigured(config);
  try {
    if (ctx.snapshot.repos.length === 0) throw new UsageError(options.path ? `no repos in ${options.path}: each sub-folder of PATH is a repo` : 'no repos in the configured sources');
    const { model, diagnostics } = await runPipeline(ctx.config, ctx.snapshot, { catalogPath: ctx.catalogPath });
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    // On stderr, so `--format json` stays one JSON document on stdout.
    if (errors) console.error(`backlot diff: the head catalog has ${errors} error${errors === 1 ? '' : 's'} (entities with errors are left out); run "backlot validate" to see them`);
    return { entities: model.entities.map((e) => e.entity), repos: ctx.snapshot.repos.map((r) => r.name) };
  } finally {
    ctx.finish?.();
  }
}

/** A file, or a URL: the entities.json itself, or a portal's root (its `api/catalog/entities.json` is read). */
export async function readCatalogFile(source: string): Promise<Entity[]> {
  let data: unknown;
  if (/^https?:\/\//i.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw new UsageError(`not a valid URL: ${source}`);
    }
    if (url.pathname.endsWith('/')) url = new URL(CATALOG_API.entities, url);
    const shown = `${url.origin}${url.pathname}`; // never the query or credentials a URL may carry
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
    } catch (err) {
      throw new UsageError(`could not fetch ${shown}: ${(err as Error).message}`);
    }
    if (!response.ok) throw new UsageError(`could not fetch ${shown}: HTTP ${response.status}`);
    try {
      data = await response.json();
    } catch {
      throw new UsageError(`${shown} is not JSON`);
    }
    return entitiesOf(data, shown);
  }
  let text: string;
  try {
    text = await readFile(source, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${source}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    data = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not JSON`);
  }
  return entitiesOf(data, source);
}

/** Backstage's `/entities` answers an array; its newer `/entities/by-query` an object with `items`. */
function entitiesOf(data: unknown, where: string): Entity[] {
  const list = Array.isArray(data) ? data : data && typeof data === 'object' && Array.isArray((data as { items?: unknown }).items) ? (data as { items: unknown[] }).items : undefined;
  if (!list) throw new UsageError(`${where} is not a list of entities (expected the JSON array of api/catalog/entities.json)`);
  const valid = list.filter(
    (e): e is Entity =>
      !!e && typeof e === 'object' && typeof (e as Entity).kind === 'string' && typeof (e as Entity).metadata?.name === 'string',
  );
  if (valid.length < list.length) console.error(`backlot diff: ${list.length - valid.length} item${list.length - valid.length === 1 ? '' : 's'} of ${where} without kind or metadata.name left out`);
  return valid;
}
