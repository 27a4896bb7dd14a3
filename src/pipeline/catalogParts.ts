// The static API's catalog in parts: `api/catalog/entities.json` is an index naming its parts, each an array of
// entities as Backstage's `/entities` answers. One file of every entity was 175 MB at 100,000 entities, over
// GitHub Pages' 100 MB limit per file. Readers (history, `backlot diff`, the build summary) take the index and
// the single array that sites built before parts still serve.

/** The index file's form. `parts` are paths relative to the index (`entities/part-1.json`). */
export interface CatalogIndex {
  version: 1;
  totalItems: number;
  parts: string[];
}

/** A part ends at this many entities (about 17 MB at 100,000 entities' average of 1.7 KB each)… */
export const PART_ENTITIES = 10_000;
/** …or once it holds this many bytes, whichever comes first: a catalog of large entities stays under 100 MB a file. */
export const PART_BYTES = 50 * 1024 * 1024;

export function isCatalogIndex(data: unknown): data is CatalogIndex {
  const d = data as CatalogIndex;
  return !!d && typeof d === 'object' && d.version === 1 && Array.isArray(d.parts) && d.parts.every((p) => typeof p === 'string');
}

/**
 * The entities `data` (a parsed `entities.json`) holds: the parts an index names, read with `part`, in order;
 * else the array itself (the single file before parts), or the `items` of Backstage's `/entities/by-query`.
 * Undefined when it is none of those. A part `part` cannot read throws, as does a part that is not an array.
 */
export async function catalogEntities(data: unknown, part: (path: string) => Promise<unknown>): Promise<unknown[] | undefined> {
  if (Array.isArray(data)) return data;
  if (isCatalogIndex(data)) {
    const out: unknown[] = [];
    for (const path of data.parts) {
      if (!isPartPath(path)) throw new Error(`${path} is not a part of this catalog (a relative path below it)`);
      const items = await part(path);
      if (!Array.isArray(items)) throw new Error(`${path} is not a list of entities`);
      for (const item of items) out.push(item);
    }
    return out;
  }
  const items = data && typeof data === 'object' ? (data as { items?: unknown }).items : undefined;
  return Array.isArray(items) ? items : undefined;
}

/** Parts sit below the index: never a URL, an absolute path or `..`, whatever a served index says. */
function isPartPath(path: string): boolean {
  return /^[\w.-]+(\/[\w.-]+)*$/.test(path) && !path.split('/').includes('..');
}
