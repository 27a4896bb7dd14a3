// The search page's facet table (views/search-facets.ts) from the site's Pagefind folder, and the data of a page the
// table names when no search term gave a Pagefind result for it (a list of filters alone): its fragment, read as
// Pagefind reads it (gzip, a signature, JSON), from the same files.

import { FACETS_FILE, facets, isFacetTable, type Facets } from '../../views/search-facets.ts';
import type { PagefindResult, PagefindResultData } from './pagefind.ts';

export async function loadFacets(base: string): Promise<Facets | null> {
  try {
    const res = await fetch(`${base}pagefind/${FACETS_FILE}`);
    if (!res.ok) return null;
    const data: unknown = await res.json();
    return isFacetTable(data) ? facets(data) : null;
  } catch {
    return null;
  }
}

const SIGNATURE = 'pagefind_dcd';
const bundles = new Map<string, Promise<unknown>>();

async function readFragmentFile(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${res.status} fetching ${url}`);
  let bytes = new Uint8Array(await res.arrayBuffer());
  const signed = (b: Uint8Array) => new TextDecoder().decode(b.subarray(0, SIGNATURE.length)) === SIGNATURE;
  if (!signed(bytes)) bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  if (!signed(bytes)) throw new Error(`${url} is not a Pagefind fragment`);
  return JSON.parse(new TextDecoder().decode(bytes.subarray(SIGNATURE.length)));
}

interface Fragment {
  url: string;
  content: string;
  meta?: Record<string, string>;
  filters?: Record<string, string[]>;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A result for table page `i`, shaped as Pagefind's: its excerpt is the page's first words, as Pagefind's without a term. */
export function tableResult(f: Facets, i: number, base: string): PagefindResult {
  const hash = f.table.pages[i]!;
  const g = f.table.group[i] ?? -1;
  const file = `${base}pagefind/${g >= 0 ? f.table.groups[g] : `${f.table.folders[-1 - g] ?? ''}fragment/${hash}`}.pf_fragment`;
  return {
    id: hash,
    async data(): Promise<PagefindResultData> {
      let loading = bundles.get(file);
      if (!loading) bundles.set(file, (loading = readFragmentFile(file)));
      const data = (await loading) as Fragment | Record<string, Fragment>;
      const fragment = (g >= 0 ? (data as Record<string, Fragment>)[hash] : data) as Fragment;
      const words = fragment.content.replace(/\u200B/g, '').split(/\s+/).filter(Boolean).slice(0, 30);
      return { url: `${base}/${fragment.url}`.replace(/\/+/g, '/'), excerpt: escape(words.join(' ')), meta: fragment.meta ?? {}, filters: fragment.filters ?? {} };
    },
  };
}
