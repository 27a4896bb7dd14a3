// Escaping for the places that build HTML as strings for speed (the catalog's rows, the lists and graph on entity
// pages). Every interpolated value goes through one of these; only our own constant markup is trusted.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;

/** Text and attribute values: escapes all five of `& < > " '` (as Astro escapes `{text}`). */
export function escapeHtml(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIALS, (c) => ENTITIES[c]!) : value;
}

/** A double-quoted attribute value: `&` and `"` are all it needs, and what Astro escapes there. */
export function escapeAttribute(value: string): string {
  return value.includes('&') || value.includes('"') ? value.replace(/&/g, '&amp;').replace(/"/g, '&quot;') : value;
}
