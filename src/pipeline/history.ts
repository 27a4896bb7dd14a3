// The catalog's history at build time: the live portal's last catalog and `changes.json`, read at the start of
// the build, the diff of that catalog against this build's appended (../diff/history.ts) and bounded by days.
// Nothing here fails a build: what cannot be read is a warning, and history is never cut short by a bad answer.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { appendHistory, HISTORY_VERSION, type History } from '../diff/history.ts';
import { diffCatalogs, type CatalogDiff } from '../diff/index.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { Entity } from '../model/entity.ts';
import type { PortalModel } from '../model/portal.ts';
import { CATALOG_API } from '../model/routes.ts';
import { catalogEntities } from './catalogParts.ts';

export interface PreviousSite {
  /** The last deployed catalog; undefined when there is none or it could not be read (nothing is appended). */
  entities?: Entity[];
  /** The last history as read (checked by appendHistory); undefined starts a new one. */
  history?: unknown;
  diagnostics: Diagnostic[];
  /** What the build log says about where history came from. */
  notes: string[];
}

type Answer = { status: 'ok'; data: unknown } | { status: 'missing' } | { status: 'failed'; reason: string };

/**
 * The previous catalog and history from `source`: the live portal's URL (ending in `/`) or a folder holding a
 * built site. The rule, so that a bad answer never deletes history:
 * - `changes.json` read: kept (bounded by days) and this build's changes go on top.
 * - `changes.json` answered 404: the site has no history yet (or no site at all), so history starts now.
 * - `changes.json` failed (an error, a timeout, not JSON, an unknown version): the copy the last build kept in
 *   `cacheFile` stands in for it, with a warning; with no copy, a warning says the older entries are lost.
 * - `entities.json` not read: nothing is appended this time (a diff against nothing would call everything added).
 */
export async function readPreviousSite(source: string, options: { cacheFile?: string } = {}): Promise<PreviousSite> {
  const remote = /^https?:\/\//i.test(source);
  const root = remote ? source.replace(/\/*$/, '/') : resolve(source);
  const read = (file: string) => (remote ? getUrl(new URL(file, root)) : getFile(join(root, file)));
  const [entities, history] = await Promise.all([read(CATALOG_API.entities), read(CATALOG_API.changes)]);
  const shown = (remote ? shownUrl(root) : source).replace(/\/+$/, ''); // diagnostics add `/<file>`
  const out: PreviousSite = { diagnostics: [], notes: [] };
  const warn = (file: string, message: string, hint: string) =>
    out.diagnostics.push({ severity: 'warning', code: 'history-unreadable', message, hint, repo: shown, file, line: 0, column: 0 });

  // The index's parts, one after the other (a part is about 17 MB); a site built before parts has one array.
  const inParts = async (): Promise<{ list?: unknown[]; reason?: string }> => {
    if (entities.status !== 'ok') return {};
    try {
      const list = await catalogEntities(entities.data, async (part) => {
        const answer = await read(CATALOG_API.entities.replace(/[^/]+$/, '') + part);
        if (answer.status === 'ok') return answer.data;
        throw new Error(`${part}: ${answer.status === 'failed' ? answer.reason : 'not found'}`);
      });
      return list ? { list } : {};
    } catch (err) {
      return { reason: (err as Error).message };
    }
  };
  const catalog = await inParts();
  if (catalog.list) out.entities = catalog.list.filter(isEntity);
  else if (entities.status === 'missing') out.notes.push(`no catalog at ${shown} yet: history starts with the next deploy`);
  else {
    const reason = entities.status === 'failed' ? entities.reason : (catalog.reason ?? 'not a JSON list of entities');
    warn(CATALOG_API.entities, `the last deployed catalog could not be read (${reason}), so this build adds nothing to the history`, 'the next build that can read it records the changes since then');
  }

  const valid = history.status === 'ok' && isHistory(history.data);
  if (valid) out.history = history.data;
  else if (history.status === 'missing') {
    if (out.entities) out.notes.push(`no history at ${shown} yet: it starts with this build`);
  } else {
    const reason = history.status === 'failed' ? history.reason : `not a history file of version ${HISTORY_VERSION}`;
    const cached = options.cacheFile ? readCached(options.cacheFile) : undefined;
    if (cached) {
      out.history = cached;
      warn(CATALOG_API.changes, `the live history could not be read (${reason}); the copy kept by the last build is used instead`, 'nothing to do if the next build can read it; the copy is in cacheDir');
    } else {
      warn(CATALOG_API.changes, `the live history could not be read (${reason}) and no copy was kept: older entries are lost`, 'keep cacheDir between builds (build.yml caches .backlot-cache) so a copy stands in next time');
    }
  }
  return out;
}

export interface RecordOptions {
  at: Date;
  days: number;
}

/** This build's diff against the previous catalog, on top of the previous history, bounded by days. */
export async function recordHistory(model: PortalModel, previous: PreviousSite, options: RecordOptions): Promise<History> {
  const diff: CatalogDiff = previous.entities
    ? await diffCatalogs(previous.entities, model.entities.map((e) => e.entity))
    : { summary: { added: 0, removed: 0, renamed: 0, changed: 0, breaking: 0, breakingOtherOwner: 0 }, changes: [], impacts: [] };
  return appendHistory(previous.history, diff, { at: options.at, keepDays: options.days, sourceOf: commitsOf(model) });
}

/**
 * The commit behind each entity: its repo's head commit at this build and its author, for crawled repos (a local
 * folder's commit is a content hash, and it has no author).
 */
export function commitsOf(model: PortalModel): (ref: string) => { commit?: string; author?: string } | undefined {
  const repos = new Map(model.repos.flatMap((r) => (r.local ? [] : [[r.name, r] as const])));
  const repoOf = new Map(model.entities.map((e) => [e.ref, e.source.repo]));
  return (ref) => {
    const repo = repos.get(repoOf.get(ref) ?? '');
    return repo ? { commit: repo.commit, ...(repo.author ? { author: repo.author } : {}) } : undefined;
  };
}

/** Kept in cacheDir after each build, for a live site that cannot answer next time. */
export function keepHistoryCopy(file: string, history: History): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(history));
}

function readCached(file: string): History | undefined {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return isHistory(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function isHistory(data: unknown): data is History {
  return !!data && typeof data === 'object' && (data as History).version === HISTORY_VERSION && Array.isArray((data as History).entries);
}

function isEntity(e: unknown): e is Entity {
  return !!e && typeof e === 'object' && typeof (e as Entity).kind === 'string' && typeof (e as Entity).metadata?.name === 'string';
}

/** A URL as logs show it: never the query or credentials it may carry. */
function shownUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

async function getUrl(url: URL): Promise<Answer> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    const cause = (err as Error & { cause?: Error }).cause;
    return { status: 'failed', reason: cause?.message ?? (err as Error).message };
  }
  if (response.status === 404) return { status: 'missing' };
  if (!response.ok) return { status: 'failed', reason: `HTTP ${response.status}` };
  try {
    return { status: 'ok', data: await response.json() };
  } catch {
    return { status: 'failed', reason: 'not JSON' };
  }
}

async function getFile(file: string): Promise<Answer> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? { status: 'missing' } : { status: 'failed', reason: code ?? (err as Error).message };
  }
  try {
    return { status: 'ok', data: JSON.parse(text) };
  } catch {
    return { status: 'failed', reason: 'not JSON' };
  }
}
