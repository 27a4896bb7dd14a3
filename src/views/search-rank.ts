// Search results in the order people expect (runs in the browser): Pagefind weighs every word of an entity
// record alike and a docs page's headings above it, so searching "shipments" put Shipments Service fifth.
// Over the results already loaded, an exact title or name comes first, then entities named with the words,
// then docs pages titled with them, then entities and docs that only mention them; Pagefind's order within.

export interface RankedResult {
  url: string;
  meta: Record<string, string | undefined>;
}

const words = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);

/** The entity name from an entity page URL (`…/catalog/<ns>/<kind>/<name>/`), else undefined. */
function entityName(url: string): string | undefined {
  const m = /\/catalog\/[^/]+\/[^/]+\/([^/?#]+)\/?(?:[?#].*)?$/.exec(url);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

/** 0 exact title or name, 1 entity named with every word, 2 docs titled with them, 3 other entity, 4 other page. */
export function resultTier(term: string, result: RankedResult): number {
  const want = words(term).join(' ');
  const name = entityName(result.url);
  const isEntity = name !== undefined && result.meta.kind !== 'Docs';
  const title = words(result.meta.title ?? '');
  const named = [title.join(' '), ...(isEntity ? [words(name).join(' ')] : [])];
  if (want && named.includes(want)) return 0;
  const all = (w: string[]) => words(term).every((t) => w.includes(t));
  if (want && isEntity && (all(title) || all(words(name)))) return 1;
  if (want && !isEntity && all(title)) return 2;
  return isEntity ? 3 : 4;
}

/** The results reordered by tier; a stable sort keeps Pagefind's order within a tier. */
export function rankResults<T extends RankedResult>(term: string, results: readonly T[]): T[] {
  return results
    .map((r, i) => ({ r, i, tier: resultTier(term, r) }))
    .sort((a, b) => a.tier - b.tier || a.i - b.i)
    .map((x) => x.r);
}
