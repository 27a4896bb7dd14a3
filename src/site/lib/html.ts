// Escaping for the few places that build HTML as strings for speed (the catalog's rows). Every
// interpolated value goes through escapeHtml; only our own constant markup is trusted.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
