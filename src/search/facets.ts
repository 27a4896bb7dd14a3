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

/** Reads every fragment under `<pagefindDir>/fragment/` (bundled or one per page) into a facet table. */
export async function facetTable(pagefindDir: string): Promise<FacetTable> {
  const dir = join(pagefindDir, 'fragment');
  const pages: Array<{ hash: string; group: string; fragment: Fragment }> = [];
  const names = (await readdir(dir)).filter((n) => n.endsWith('.pf_fragment'));
  // Several files in flight: gunzip runs on libuv's threads while this one parses.
  for (let i = 0; i < names.length; i += READ_AHEAD) {
    const batch = names.slice(i, i + READ_AHEAD);
    const read = await Promise.all(batch.map((name) => readFragmentFile(join(dir, name))));
    batch.forEach((name, b) => {
      const id = name.slice(0, -'.pf_fragment'.length);
      const data = read[b];
      if (isFragment(data)) pages.push({ hash: id, group: '', fragment: data });
      else for (const [hash, fragment] of Object.entries(data as Record<string, unknown>)) if (isFragment(fragment)) pages.push({ hash, group: id, fragment });
    });
  }
  // URL order: lists without a search term come out the same in every build.
  pages.sort((a, b) => (a.fragment.url < b.fragment.url ? -1 : a.fragment.url > b.fragment.url ? 1 : 0));
  const keys = [...new Set(pages.flatMap((p) => Object.keys(p.fragment.filters ?? {})))].sort();
  const values = keys.map(() => new Map<string, number>());
  const groups = new Map<string, number>();
  const columns: FacetTable['columns'] = keys.map(() => []);
  for (const p of pages) {
    keys.forEach((key, k) => {
      const ids = (p.fragment.filters?.[key] ?? []).map((v) => {
        const known = values[k]!.get(v);
        if (known !== undefined) return known;
        values[k]!.set(v, values[k]!.size);
        return values[k]!.size - 1;
      });
      columns[k]!.push(ids.length === 0 ? -1 : ids.length === 1 ? ids[0]! : ids);
    });
  }
  const group = pages.map((p) => {
    if (!p.group) return -1;
    if (!groups.has(p.group)) groups.set(p.group, groups.size);
    return groups.get(p.group)!;
  });
  return { version: 1, keys, values: values.map((m) => [...m.keys()]), pages: pages.map((p) => p.hash), groups: [...groups.keys()], group, columns };
}

/** Writes the facet table into the Pagefind folder; returns its page count. */
export async function writeFacetTable(pagefindDir: string): Promise<number> {
  const table = await facetTable(pagefindDir);
  await writeFile(join(pagefindDir, FACETS_FILE), JSON.stringify(table));
  return table.pages.length;
}
