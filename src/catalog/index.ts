// The catalog stage: snapshot → entities with source positions, plus diagnostics.
//
// Files are read in rounds, one `snapshot.read` per round for everything the round needs (root
// catalog files, then Location targets and placeholder files), so the number of reads grows with
// the depth of Location nesting, never with the number of files.

import type { CatalogEntity } from '../model/catalog.ts';
import { compareDiagnostics, type Diagnostic } from '../model/diagnostic.ts';
import type { FileContent, FileRef, RepoInfo, Snapshot } from '../snapshot/types.ts';
import { rootCatalogFiles } from './discover.ts';
import { resolvePlaceholders, startDocument } from './document.ts';
import { removeDuplicates } from './duplicates.ts';
import { addVisit, expandTargets, reportMissing } from './follow.ts';
import type { ValidationIssue } from './validate/index.ts';
import { parseCatalogFile } from './parse.ts';
import { fileKey, listRepo, report, type FileVisit, type ReadState } from './state.ts';

export type { ValidationIssue } from './validate/index.ts';
export { KEY_SUFFIX, findPosition, keyPointer, toPointer } from './positions.ts';

export interface ReadCatalogOptions {
  /** Root catalog file(s) of a repo: a repo-relative path or glob (Backstage's `catalogPath`, default `/catalog-info.yaml`; a leading `/` is allowed and means repo root). */
  catalogPath: (repo: RepoInfo) => string;
  /** Validates one entity (after placeholders are resolved and the namespace defaulted). */
  validate: (entity: unknown) => ValidationIssue[];
  /** Results of repos kept from the last build (src/pipeline/repoCache.ts): such a repo is not read again. */
  reuse?: CatalogReuse;
}

export interface CatalogResult {
  /** Valid entities only, stable order (repo, file, document index). */
  entities: CatalogEntity[];
  /** Sorted with compareDiagnostics. */
  diagnostics: Diagnostic[];
  /** Every catalog file read as text; `documents` counts its non-empty YAML documents. */
  files: Array<{ repo: string; path: string; documents: number }>;
  /** Repos whose result came from `reuse`. */
  reused: number;
}

/** One repo's share of the catalog stage, before duplicates across repos are looked for. */
export interface RepoCatalog {
  found: Array<{ entity: CatalogEntity; index: number }>;
  diagnostics: Diagnostic[];
  files: Array<{ repo: string; path: string; documents: number }>;
}

/**
 * Keeps repos' results between builds. Only a repo whose files alone decide its result is offered to `keep` (no
 * Location or placeholder across repos); `last` answers for a repo whose files and settings are unchanged.
 */
export interface CatalogReuse {
  last(repo: RepoInfo): RepoCatalog | undefined;
  keep(repo: RepoInfo, result: RepoCatalog): void;
  /** A result `last` gave is not used after all (a repo read now reached into it). */
  forget(repo: RepoInfo): void;
}

export async function readCatalog(snapshot: Snapshot, options: ReadCatalogOptions): Promise<CatalogResult> {
  const kept = new Map<string, RepoCatalog>();
  for (const repo of options.reuse ? snapshot.repos : []) {
    const last = options.reuse!.last(repo);
    if (last) kept.set(repo.name, last);
  }
  let state = await readRepos(snapshot, options, (name) => !kept.has(name));
  // A repo read now reached into a kept one (a new Location, say): that one is read again, with everything.
  if ([...state.volatile].some((name) => kept.has(name))) {
    for (const repo of snapshot.repos) if (kept.has(repo.name)) options.reuse!.forget(repo);
    kept.clear();
    state = await readRepos(snapshot, options, () => true);
  }
  if (options.reuse) keepRepos(snapshot, state, kept, options.reuse);
  const found = [...state.found];
  const diagnostics = [...state.diagnostics];
  const files = [...state.files];
  for (const part of kept.values()) {
    found.push(...part.found);
    diagnostics.push(...part.diagnostics);
    files.push(...part.files);
  }
  const ordered = found
    .sort(
      (a, b) =>
        a.entity.source.repo.localeCompare(b.entity.source.repo) ||
        a.entity.source.file.localeCompare(b.entity.source.file) ||
        a.index - b.index,
    )
    .map((f) => f.entity);
  const unique = removeDuplicates(ordered);
  return {
    entities: unique.entities,
    diagnostics: [...diagnostics, ...unique.diagnostics].sort(compareDiagnostics),
    files: files.sort((a, b) => a.repo.localeCompare(b.repo) || a.path.localeCompare(b.path)),
    reused: kept.size,
  };
}

/** Reads the catalog files of the repos `include` names (Locations may lead into others). */
async function readRepos(snapshot: Snapshot, options: ReadCatalogOptions, include: (repo: string) => boolean): Promise<ReadState> {
  const state: ReadState = {
    snapshot,
    validate: options.validate,
    contents: new Map(),
    listings: new Map(),
    visits: new Map(),
    queue: [],
    waiting: [],
    targets: [],
    found: [],
    diagnostics: [],
    files: [],
    volatile: new Set(),
  };
  const repos = new Map(snapshot.repos.map((r) => [r.name, r]));
  const roots = await rootCatalogFiles(snapshot.repos.filter((r) => include(r.name)), options.catalogPath, (name) => listRepo(state, name));
  for (const root of roots) addVisit(state, repos.get(root.repo)!, root.path);

  while (state.queue.length > 0 || state.waiting.length > 0 || state.targets.length > 0) {
    await expandTargets(state);
    const files = state.queue;
    const waiting = state.waiting;
    state.queue = [];
    state.waiting = [];
    const catalogFiles = files.map((v) => ({ repo: v.repo.name, path: v.path }));
    await readMissing(state, [...catalogFiles, ...waiting.flatMap((w) => w.placeholders.map((p) => p.file))]);
    for (const pending of waiting) isolated(state, pending.visit, () => resolvePlaceholders(state, pending), pending.root.line);
    for (const visit of files) isolated(state, visit, () => readCatalogFile(state, visit));
  }
  state.found = state.found.filter((f) => shallowEnough(state, f.entity));
  return state;
}

/** Offers each repo read now that depends on its own files alone to `reuse`. */
function keepRepos(snapshot: Snapshot, state: ReadState, kept: ReadonlyMap<string, RepoCatalog>, reuse: CatalogReuse): void {
  const parts = new Map<string, RepoCatalog>();
  const partOf = (repo: string) => {
    let part = parts.get(repo);
    if (!part) parts.set(repo, (part = { found: [], diagnostics: [], files: [] }));
    return part;
  };
  for (const f of state.found) partOf(f.entity.source.repo).found.push(f);
  for (const d of state.diagnostics) partOf(d.repo).diagnostics.push(d);
  for (const f of state.files) partOf(f.repo).files.push(f);
  for (const repo of snapshot.repos) {
    if (kept.has(repo.name) || state.volatile.has(repo.name)) continue;
    reuse.keep(repo, parts.get(repo.name) ?? { found: [], diagnostics: [], files: [] });
  }
}

/** One `snapshot.read` for every file not read yet; a failed read becomes per-file errors. */
async function readMissing(state: ReadState, refs: readonly FileRef[]): Promise<void> {
  const need = new Map<string, FileRef>();
  for (const ref of refs) {
    const key = fileKey(ref);
    if (!state.contents.has(key)) need.set(key, ref);
  }
  if (need.size === 0) return;
  const wanted = [...need.values()];
  let got: FileContent[];
  try {
    got = await state.snapshot.read(wanted);
  } catch (e) {
    got = wanted.map((ref) => ({ ...ref, kind: 'error', message: (e as Error).message }));
  }
  wanted.forEach((ref, i) => {
    const content = got[i] ?? { ...ref, kind: 'error', message: 'no result from the source' };
    if (content.kind === 'error') state.volatile.add(ref.repo);
    state.contents.set(fileKey(ref), content);
  });
}

function readCatalogFile(state: ReadState, visit: FileVisit): void {
  visit.done = true;
  const at = { repo: visit.repo.name, file: visit.path };
  const content = state.contents.get(fileKey({ repo: visit.repo.name, path: visit.path }));
  if (!content || content.kind === 'missing') {
    // A repo without a root catalog file simply has no entities.
    reportMissing(state, visit, visit.requests);
    return;
  }
  if (content.kind === 'skipped') {
    const why = content.reason === 'binary' ? 'it is not UTF-8 text' : `it is too large (${content.size} bytes)`;
    report(state, 'error', 'file-skipped', `Catalog file skipped: ${why}`, { ...at, hint: 'Catalog files must be UTF-8 YAML text of reasonable size.' });
    return;
  }
  if (content.kind === 'error') {
    report(state, 'error', 'read-error', `Catalog file could not be read: ${content.message}`, { ...at, hint: 'The next build retries it.' });
    return;
  }
  const docs = parseCatalogFile(content.text);
  state.files.push({ repo: visit.repo.name, path: visit.path, documents: docs.length });
  for (const doc of docs) {
    if (doc.kind === 'error') {
      report(state, 'error', doc.code, doc.message, { ...at, position: { line: doc.line, column: doc.column }, hint: doc.hint });
    } else {
      isolated(state, visit, () => startDocument(state, visit, doc), doc.root.line);
    }
  }
}

/**
 * One file (or document, or entity) that throws, a parser's stack overflow on a deeply nested document or a bug
 * of ours, costs that item only: an error naming the file, and the rest of the org is read.
 */
function isolated(state: ReadState, visit: FileVisit, step: () => void, line = 0): void {
  try {
    step();
  } catch (error) {
    visit.done = true;
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    report(state, 'error', 'catalog-failed', `Catalog file could not be processed: ${message}`, {
      repo: visit.repo.name,
      file: visit.path,
      ...(line ? { position: { line, column: 1 } } : {}),
      hint: 'Its entities are left out; the rest of the catalog is read. Very deep nesting is the usual cause.',
    });
  }
}

/** Deeper than any real entity (an inline OpenAPI definition nests a few dozen levels). */
export const MAX_ENTITY_DEPTH = 200;

/**
 * An entity nested deeper than MAX_ENTITY_DEPTH (a `$json` file of 20,000 nested arrays, say) is left out with an
 * error: JSON.stringify, V8's serialiser and the site's components recurse over it and overflow the stack,
 * which would take the whole build down. The walk is iterative and visits each object once (aliases share them).
 * It also marks the repo volatile when the entity is not plain JSON (an object an alias shares, NaN, a Date…):
 * a repo is kept between builds as JSON, which would change those.
 */
function shallowEnough(state: ReadState, item: CatalogEntity): boolean {
  const seen = new Set<object>();
  // Two stacks side by side rather than a pair per node: this visits every node of every entity.
  const stack: object[] = [item.entity];
  const depths: number[] = [0];
  while (stack.length > 0) {
    const value = stack.pop()!;
    const depth = depths.pop()!;
    if (seen.has(value)) {
      state.volatile.add(item.source.repo);
      continue;
    }
    if (depth > MAX_ENTITY_DEPTH) {
      report(state, 'error', 'catalog-failed', `${item.ref} nests more than ${MAX_ENTITY_DEPTH} levels deep and is left out`, {
        repo: item.source.repo,
        file: item.source.file,
        position: { line: item.source.line, column: item.source.column },
        entity: item.ref,
        hint: 'Flatten the entity, or the file a $json/$yaml placeholder reads.',
      });
      return false;
    }
    seen.add(value);
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== Array.prototype) state.volatile.add(item.source.repo);
    for (const child of Object.values(value)) {
      if (child && typeof child === 'object') {
        stack.push(child);
        depths.push(depth + 1);
      }
      else if (!isJsonValue(child)) state.volatile.add(item.source.repo);
    }
  }
  return true;
}

function isJsonValue(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}
