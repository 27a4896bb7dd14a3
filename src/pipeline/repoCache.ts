// The pipeline's results kept between builds in cacheDir: each repo's catalog (parsed, validated entities and
// their diagnostics) and the API definitions' summaries. A repo is keyed by its files (its commit, or a local
// folder's content hash), Backlot's code version and the settings parsing and validation read (its catalogPath,
// the custom kinds); a summary by its definition's type and text; a docs site's render by everything it read; the
// graph stage's "did you mean" answers by the entities they were chosen from (src/graph/suggest.ts). Entries no
// build asked for are dropped.

import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { ApiCache, ApiDefinition } from '../apis/index.ts';
import type { CatalogReuse, RepoCatalog } from '../catalog/index.ts';
import type { CatalogEntity, EntitySource } from '../model/catalog.ts';
import type { RepoInfo } from '../snapshot/types.ts';
import type { KeptSuggestions } from '../graph/suggest.ts';
import type { RenderCache } from '../docs/index.ts';

export interface RepoCacheOptions {
  /** A folder of its own (in cacheDir). */
  dir: string;
  /** Backlot's code version (src/util/codeVersion.ts). */
  version: string;
  /** What else parsing and validation read: the custom kinds. */
  settings: unknown;
  catalogPath: (repo: RepoInfo) => string;
}

export interface RepoCache {
  catalog: CatalogReuse;
  apis: ApiCache;
  /**
   * The docs stage's rendered sites, by a hash of everything a site's render reads (src/docs/parallel.ts): a site
   * whose files did not change is not rendered again.
   */
  docs: RenderCache;
  /** The graph stage's "did you mean" answers (src/graph/suggest.ts KeptSuggestions). */
  suggestions: { last(): KeptSuggestions | undefined; keep(kept: KeptSuggestions): void };
  /**
   * Writes what this build added and drops what it did not use; call once the pipeline ran. `backlot build` calls
   * it once the model is on its way to the site child: nothing waits for these files until the next build.
   */
  save(): void;
  /** Repos kept from the last build / read now. */
  readonly counts: { kept: number; read: number };
}

const hash = (...parts: string[]) => createHash('sha1').update(parts.join('\0')).digest('base64url');

/**
 * Repos as JSON (parsed 4× faster than V8's serialiser gives them back: 0.24 s against 0.9 s for the 10,000-entity
 * portal org's 30 MB); the catalog stage keeps no repo whose entities JSON would change (src/catalog/index.ts).
 * Serialised and written only in save(): on a cold build of that org, 402 files written in the catalog stage cost
 * it ~0.2 s of CPU (more in time) before the site child could start rendering. The stages after the catalog never
 * change its entities (the graph stage adds relations to copies). API summaries, small and holding whatever a
 * definition's examples hold, go through V8's serialiser.
 */
export function openRepoCache(options: RepoCacheOptions): RepoCache {
  const reposDir = join(options.dir, 'repos');
  const apisFile = join(options.dir, 'apis.bin');
  const base = hash(options.version, JSON.stringify(options.settings) ?? '');
  const used = new Set<string>();
  // Repos read this build, by key: written in save().
  const pending = new Map<string, RepoCatalog>();
  const counts = { kept: 0, read: 0 };
  const keyOf = (repo: RepoInfo) =>
    hash(base, options.catalogPath(repo), repo.name, repo.owner, repo.host, repo.url, repo.defaultBranch, repo.commit);
  const catalog: CatalogReuse = {
    last(repo) {
      const key = keyOf(repo);
      try {
        const part = revive(JSON.parse(readFileSync(join(reposDir, `${key}.json`), 'utf8')) as StoredRepo);
        used.add(key);
        counts.kept++;
        return part;
      } catch {
        return undefined;
      }
    },
    keep(repo, part) {
      const key = keyOf(repo);
      pending.set(key, part);
      used.add(key);
      counts.read++;
    },
    forget(repo) {
      if (used.delete(keyOf(repo))) counts.kept--;
    },
  };
  // Summaries by a hash of type and text (the texts themselves would double the file).
  const apiVersion = hash(options.version, 'apis');
  let stored = new Map<string, ApiDefinition>();
  try {
    const file = deserialize(readFileSync(apisFile)) as { version: string; entries: Map<string, ApiDefinition> };
    if (file.version === apiVersion) stored = file.entries;
  } catch {}
  const fresh = new Map<string, ApiDefinition>();
  let added = false;
  // readApiDefinitions clears the cache, then sets what this run used: the stored ones stay readable meanwhile.
  const apis: ApiCache = {
    get: (key) => stored.get(hash(key)),
    set(key, summary) {
      const h = hash(key);
      if (!stored.has(h)) added = true;
      fresh.set(h, summary);
    },
    clear: () => fresh.clear(),
  };
  // Rendered docs sites through V8's serialiser, as the API summaries: the docs stage renders only the sites not
  // in the map and leaves in it what this run used. A one-repo rebuild of the scale benchmark's 10,000-entity org
  // (200 docs pages) spent 1.1 s in the docs stage rendering every site again.
  const docsFile = join(options.dir, 'docs.bin');
  const docsVersion = hash(options.version, 'docs');
  let docs: RenderCache = new Map();
  try {
    const file = deserialize(readFileSync(docsFile)) as { version: string; entries: RenderCache };
    if (file.version === docsVersion && file.entries instanceof Map) docs = file.entries;
  } catch {}
  const docsLoaded = new Set(docs.keys());
  // Suggestions carry the candidates' hash; the code version is checked here.
  const suggestionsFile = join(options.dir, 'suggestions.json');
  let nextSuggestions: KeptSuggestions | undefined;
  const suggestions = {
    last(): KeptSuggestions | undefined {
      try {
        const file = JSON.parse(readFileSync(suggestionsFile, 'utf8')) as { version: string; kept: KeptSuggestions };
        return file.version === options.version ? file.kept : undefined;
      } catch {
        return undefined;
      }
    },
    keep(kept: KeptSuggestions) {
      nextSuggestions = kept;
    },
  };
  return {
    catalog,
    apis,
    docs,
    suggestions,
    counts,
    save() {
      if (nextSuggestions) {
        mkdirSync(options.dir, { recursive: true });
        writeAtomic(suggestionsFile, JSON.stringify({ version: options.version, kept: nextSuggestions }));
      }
      if (pending.size) mkdirSync(reposDir, { recursive: true });
      for (const [key, part] of pending) writeAtomic(join(reposDir, `${key}.json`), JSON.stringify(storedForm(part)));
      pending.clear();
      let names: string[] = [];
      try {
        names = readdirSync(reposDir);
      } catch {}
      for (const name of names) if (!used.has(name.replace(/\.json$/, ''))) rmSync(join(reposDir, name), { force: true });
      if (docs.size !== docsLoaded.size || [...docs.keys()].some((key) => !docsLoaded.has(key))) {
        mkdirSync(options.dir, { recursive: true });
        writeAtomic(docsFile, serialize({ version: docsVersion, entries: docs }));
      }
      if (added || fresh.size !== stored.size) {
        mkdirSync(options.dir, { recursive: true });
        writeAtomic(apisFile, serialize({ version: apiVersion, entries: fresh }));
      }
    },
  };
}

/** A repo as its file holds it: each entity's positions as one JSON text (see storedForm). */
type StoredRepo = Omit<RepoCatalog, 'found'> & { found: Array<{ entity: Omit<CatalogEntity, 'source'> & { source: Omit<EntitySource, 'positions'> & { positions: string } }; index: number }> };

/**
 * Positions (a line and column for every YAML node, half of the 30 MB the 10,000-entity bench org's repos take)
 * are read only for a diagnostic: kept as text, parsed when first asked for. Parsing the 402 files took ~140 ms of
 * CPU instead of ~205 ms (3 runs each), and the heap holds one string per entity instead of its nodes' objects.
 */
function storedForm(part: RepoCatalog): StoredRepo {
  return { ...part, found: part.found.map((f) => ({ ...f, entity: { ...f.entity, source: { ...f.entity.source, positions: JSON.stringify(f.entity.source.positions) } } })) };
}

function revive(part: StoredRepo): RepoCatalog {
  for (const { entity } of part.found) {
    const text = entity.source.positions;
    let positions: EntitySource['positions'] | undefined;
    Object.defineProperty(entity.source, 'positions', {
      get: () => (positions ??= JSON.parse(text) as EntitySource['positions']),
      enumerable: true,
      configurable: true,
    });
  }
  return part as unknown as RepoCatalog;
}

function writeAtomic(file: string, data: Uint8Array | string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, file);
}
