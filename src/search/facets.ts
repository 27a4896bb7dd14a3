// The search page's facet table, written beside Pagefind's index: every indexed page's filter values, keyed by
// Pagefind's page hash (what a search result carries before its data is loaded). Pagefind counts a filter's values
// by scanning each value's page list for every result (`Vec::contains`, quadratic): with every filter loaded, a
// search for "invoice" at 10,001 entities spent 150-430 ms counting, and filter-only searches count every page.
// The search page searches Pagefind without filters and filters and counts over this table in the browser.

import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { FACETS_FILE, type FacetTable } from '../views/search-facets.ts';

interface Fragment {
  url: string;
  filters?: Record<string, string[]>;
}

const SIGNATURE = 'pagefind_dcd';
const READ_AHEAD = 32;

const unzip = promisify(gunzip);

/** Pagefind's fragment file: gzip (or not), a signature, then JSON. Read without blocking: the CLI may be feeding the site's renderer meanwhile. */
async function readFragmentFile(file: string): Promise<unknown> {
  let data = await readFile(file);
  if (data.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) data = await unzip(data);
  if (data.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) throw new Error(`${file} is not a Pagefind fragment (no signature)`);
  return JSON.parse(data.subarray(SIGNATURE.length).toString('utf8'));
}

const isFragment = (v: unknown): v is Fragment => typeof v === 'object' && v !== null && typeof (v as Fragment).url === 'string';

/** A page of the facet table: Pagefind's hash, the fragment file holding it, its URL and filter values. */
export interface FacetRow {
  hash: string;
  /** The bundle holding the fragment (relative to `pagefind/`, no extension), or '' for a file of its own. */
  group: string;
  /** The shard's folder (relative to `pagefind/`): where a fragment of its own is. */
  folder: string;
  url: string;
  filters: Record<string, string[]>;
}

/**
 * Reads every fragment under `<shardDir>/fragment/` (bundled or one per page) into rows: the shard's files where
 * they are now (in the site, or staged before they move there), and `folder` its place under the site's pagefind/.
 */
export async function facetRows(shardDir: string, folder = ''): Promise<FacetRow[]> {
  const dir = join(shardDir, 'fragment');
  const rows: FacetRow[] = [];
  // An index of no pages has no fragment folder.
  const names = (await readdir(dir).catch(() => [])).filter((n) => n.endsWith('.pf_fragment'));
  // Several files in flight: gunzip runs on libuv's threads while this one parses.
  for (let i = 0; i < names.length; i += READ_AHEAD) {
    const batch = names.slice(i, i + READ_AHEAD);
    const read = await Promise.all(batch.map((name) => readFragmentFile(join(dir, name))));
    batch.forEach((name, b) => {
      const id = name.slice(0, -'.pf_fragment'.length);
      const data = read[b];
      const row = (hash: string, group: string, f: Fragment): FacetRow => ({ hash, group, folder, url: f.url, filters: f.filters ?? {} });
      if (isFragment(data)) rows.push(row(id, '', data));
      else for (const [hash, fragment] of Object.entries(data as Record<string, unknown>)) if (isFragment(fragment)) rows.push(row(hash, `${folder}fragment/${id}`, fragment));
    });
  }
  return rows;
}

/** The facet table of these rows (every shard's), pages in URL order. */
export function facetTable(rows: FacetRow[]): FacetTable {
  // URL order: lists without a search term come out the same in every build.
  const pages = [...rows].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const keys = [...new Set(pages.flatMap((p) => Object.keys(p.filters)))].sort();
  const values = keys.map(() => new Map<string, number>());
  const groups = new Map<string, number>();
  const folders = new Map<string, number>([['', 0]]);
  const columns: FacetTable['columns'] = keys.map(() => []);
  for (const p of pages) {
    keys.forEach((key, k) => {
      const ids = (p.filters[key] ?? []).map((v) => {
        const known = values[k]!.get(v);
        if (known !== undefined) return known;
        values[k]!.set(v, values[k]!.size);
        return values[k]!.size - 1;
      });
      columns[k]!.push(ids.length === 0 ? -1 : ids.length === 1 ? ids[0]! : ids);
    });
  }
  const index = <K>(map: Map<K, number>, key: K) => {
    if (!map.has(key)) map.set(key, map.size);
    return map.get(key)!;
  };
  const group = pages.map((p) => (p.group ? index(groups, p.group) : -1 - index(folders, p.folder)));
  return { version: 2, keys, values: values.map((m) => [...m.keys()]), pages: pages.map((p) => p.hash), groups: [...groups.keys()], folders: [...folders.keys()], group, columns };
}

/** Writes the facet table of these rows into the Pagefind folder; returns its page count. */
export async function writeFacetTable(pagefindDir: string, rows?: FacetRow[]): Promise<number> {
  const table = facetTable(rows ?? (await facetRows(pagefindDir)));
  await writeFile(join(pagefindDir, FACETS_FILE), JSON.stringify(table));
  return table.pages.length;
}
