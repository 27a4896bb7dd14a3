// The compact catalog index the catalog page loads once (format: lib/catalog-items.ts).
import { catalogData } from '../../lib/catalog-data.ts';

export function GET(): Response {
  return new Response(catalogData().json, { headers: { 'content-type': 'application/json; charset=utf-8' } });
}
