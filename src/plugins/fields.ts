// A plugin's own part of a repo's listing answer (./graphql.ts aliases it). Apart from ./graphql.ts so that a
// build without a crawl, which only reads answers, does not load graphql-js (~130 modules).

/** A plugin's own answer for a repo, its prefix taken off. */
export function ownFields(all: Readonly<Record<string, unknown>> | undefined, prefix: string): Record<string, unknown> | undefined {
  if (!all) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}
