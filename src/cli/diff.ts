// `backlot diff`: the catalog before (a deployed portal's entities.json) against the catalog after (another file,
// or the current config or PATH run through the pipeline, no site written), printed for people or tools.

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { diffCatalogs, formatDiff, indexDocsLinks, repoOf, type DiffFormat, type DocsLinkIndex } from '../diff/index.ts';
import type { Entity } from '../model/entity.ts';
import { CATALOG_API } from '../model/routes.ts';
import { catalogEntities } from '../pipeline/catalogParts.ts';
import type { BacklotConfig } from '../config/types.ts';
import type { Verdict } from './diffComment.ts';
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
  /** `owner/repo#number`: keep the pull request's "Catalog impact" comment up to date, and honour its labels. */
  comment?: string;
}

export async function diffCommand(options: DiffCommandOptions): Promise<number> {
  // Loaded only with --comment: octokit and the config loader are not needed to compare two files.
  const pull = options.comment ? await import('./diffComment.ts') : undefined;
  const pr = pull?.parsePullRequestRef(options.comment!);
  const gh = pull?.pullRequestClient();
  const [base, head] = await Promise.all([
    readCatalogFile(options.base),
    options.head ? readCatalogFile(options.head).then((entities) => ({ entities, repos: undefined, config: undefined, docs: undefined })) : buildHead(options),
  ]);
  // A partial head covers the repos it was built from, or (a file) the repos its entities come from.
  const repos = options.partial ? (head.repos ?? [...new Set(head.entities.map(repoOf).filter((r) => r !== undefined))]) : undefined;
  const diff = await diffCatalogs(base, head.entities, { ...(repos ? { repos } : {}), ...(head.docs ? { docs: head.docs } : {}) });
  process.stdout.write(formatDiff(diff, options.format));
  const { breaking, breakingOtherOwner } = diff.summary;
  const fails = options.failOn === 'breaking' ? breaking > 0 : options.failOn === 'breaking-other-owner' ? breakingOtherOwner > 0 : false;
  if (!pull || !pr || !gh) return fails ? 1 : 0;
  const { commentBody, commentError, pullRequestLabels, upsertComment } = pull;

  // The override label is the portal's decision, so it comes from the config, never from the command line.
  const label = (head.config ?? (await import('../config/load.ts')).loadConfig(options.config)).diff?.allowBreakingLabel;
  let verdict: Verdict = fails ? { fails: true, ...(label ? { label } : {}) } : { fails: false };
  if (fails && label) {
    try {
      const labels = await pullRequestLabels(gh, pr);
      if (labels.some((l) => l.toLowerCase() === label.toLowerCase())) verdict = { fails: false, allowedBy: label };
    } catch (err) {
      warn(`${commentError(err, pr, 'read the labels of')}; without them, the label "${label}" cannot pass this check`);
    }
  }
  const s = diff.summary;
  const nothing = s.added + s.removed + s.renamed + s.changed === 0;
  try {
    const outcome = await upsertComment(gh, pr, commentBody(diff, verdict), nothing);
    console.error(outcome.action === 'none' ? 'backlot diff: no catalog changes, so no comment' : `backlot diff: ${outcome.action} the Catalog impact comment ${outcome.url}`);
  } catch (err) {
    // The check's outcome is the diff's; a comment that cannot be written is said, not fatal.
    warn(commentError(err, pr));
  }
  if ('allowedBy' in verdict) console.error(`backlot diff: something breaking affects other owners; passing, as ${options.comment} has the label "${verdict.allowedBy}"`);
  return verdict.fails ? 1 : 0;
}

function warn(message: string): void {
  console.error(process.env.GITHUB_ACTIONS === 'true' ? `::warning title=Catalog impact::${message}` : `backlot diff: ${message}`);
}

/** The head catalog through the pipeline (sources → catalog → graph → apis, docs), as a build would have it. */
async function buildHead(options: DiffCommandOptions): Promise<{ entities: Entity[]; repos: string[]; config: BacklotConfig; docs: DocsLinkIndex }> {
  // Loaded only here: comparing two files needs none of the pipeline (its modules take most of a second to load).
  const [{ runPipeline }, { openConfigured, openOrgFolder, readConfig }] = await Promise.all([import('../pipeline/index.ts'), import('./context.ts')]);
  const config = readConfig(options.config);
  const ctx = options.path ? await openOrgFolder(config, options.path) : await openConfigured(config);
  try {
    if (ctx.snapshot.repos.length === 0) throw new UsageError(options.path ? `no repos in ${options.path}: each sub-folder of PATH is a repo` : 'no repos in the configured sources');
    const { model, diagnostics } = await runPipeline(ctx.config, ctx.snapshot, { catalogPath: ctx.catalogPath, diagrams: 'browser' });
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    // On stderr, so `--format json` stays one JSON document on stdout.
    if (errors) console.error(`backlot diff: the head catalog has ${errors} error${errors === 1 ? '' : 's'} (entities with errors are left out); run "backlot validate" to see them`);
    // The docs pages that link to each entity: only a built head has them (entities.json carries no docs).
    const docs = indexDocsLinks(model.docs.sites, ctx.config.site.base, ctx.config.site.url);
    return { entities: model.entities.map((e) => e.entity), repos: ctx.snapshot.repos.map((r) => r.name), config, docs };
  } finally {
    ctx.finish?.();
  }
}

/**
 * A file, or a URL: the entities.json itself, or a portal's root (its `api/catalog/entities.json` is read). An
 * index of parts (../pipeline/catalogParts.ts) is read with its parts, found beside it.
 */
export async function readCatalogFile(source: string): Promise<Entity[]> {
  if (/^https?:\/\//i.test(source)) {
    let url: URL;
    try {
      url = new URL(source);
    } catch {
      throw new UsageError(`not a valid URL: ${source}`);
    }
    if (url.pathname.endsWith('/')) url = new URL(CATALOG_API.entities, url);
    const shown = (u: URL) => `${u.origin}${u.pathname}`; // never the query or credentials a URL may carry
    const data = await fetchJson(url, shown(url));
    return entitiesOf(await usage(shown(url), catalogEntities(data, (part) => fetchJson(new URL(part, url), shown(new URL(part, url))))), shown(url));
  }
  const data = await readJson(source);
  return entitiesOf(await usage(source, catalogEntities(data, (part) => readJson(join(dirname(source), part)))), source);
}

/** An index naming a part outside it, or a part that is no list, is the user's input to fix. */
async function usage<T>(where: string, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    throw err instanceof UsageError ? err : new UsageError(`${where}: ${(err as Error).message}`);
  }
}

async function fetchJson(url: URL, shown: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    throw new UsageError(`could not fetch ${shown}: ${(err as Error).message}`);
  }
  if (!response.ok) throw new UsageError(`could not fetch ${shown}: HTTP ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new UsageError(`${shown} is not JSON`);
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${file} is not JSON`);
  }
}

/** The list `catalogEntities` found: Backstage's `/entities` answers an array; its newer `/entities/by-query` an object with `items`. */
function entitiesOf(list: unknown[] | undefined, where: string): Entity[] {
  if (!list) throw new UsageError(`${where} is not a list of entities (expected the JSON array of api/catalog/entities.json)`);
  const valid = list.filter(
    (e): e is Entity =>
      !!e && typeof e === 'object' && typeof (e as Entity).kind === 'string' && typeof (e as Entity).metadata?.name === 'string',
  );
  if (valid.length < list.length) console.error(`backlot diff: ${list.length - valid.length} item${list.length - valid.length === 1 ? '' : 's'} of ${where} without kind or metadata.name left out`);
  return valid;
}
