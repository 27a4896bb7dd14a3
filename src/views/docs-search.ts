// In-site docs search: Pagefind's results for one docs site, each page with the sections that matched, so a hit
// links to its heading's anchor rather than to the top of the page. Pure: the docs sidebar's script renders it.

/** The part of a Pagefind result this reads (`PagefindResultData` in src/site/client/pagefind.ts). */
export interface DocsResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  sub_results?: Array<{ title: string; url: string; excerpt: string; weighted_locations?: Array<{ weight: number; balanced_score: number }> }>;
}

export interface DocsSection {
  title: string;
  url: string;
  /** Pagefind's excerpt: page text escaped by Pagefind, with <mark> around the words found. */
  excerpt: string;
}

export interface DocsHit {
  /** The page's title without the site's name. */
  title: string;
  /** The best-matching section's URL (with its anchor), or the page when the words are above its first heading. */
  url: string;
  excerpt: string;
  /** Other sections of the page that matched, best first. */
  more: DocsSection[];
}

const score = (s: NonNullable<DocsResultData['sub_results']>[number]) =>
  (s.weighted_locations ?? []).reduce((sum, l) => sum + (l.balanced_score || l.weight), 0);

/** Pages in Pagefind's order; within a page, its sections by score (up to `sections`, the best one first). */
export function docsHits(results: readonly DocsResultData[], siteName: string, sections = 3): DocsHit[] {
  const suffix = ` – ${siteName}`;
  return results.map((r) => {
    const pageTitle = r.meta.title ?? r.url;
    const title = pageTitle.endsWith(suffix) ? pageTitle.slice(0, -suffix.length) : pageTitle;
    const ranked = [...(r.sub_results ?? [])].sort((a, b) => score(b) - score(a)).slice(0, sections);
    const best = ranked[0];
    // A section titled like the page is its top: show the page's title then.
    const bestTitle = best && best.url.includes('#') && best.title !== pageTitle ? `${title} › ${best.title}` : title;
    return {
      title: bestTitle,
      url: best?.url ?? r.url,
      excerpt: best?.excerpt ?? r.excerpt,
      more: ranked.slice(1).map((s) => ({ title: s.title, url: s.url, excerpt: s.excerpt })),
    };
  });
}
