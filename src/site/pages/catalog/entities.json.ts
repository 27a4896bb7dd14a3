// The compact catalog index the catalog page loads once (format: lib/catalog-items.ts).
import { pageCatalog } from '../../handover.ts';

export function GET(): Response {
  return new Response(pageCatalog().json, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
