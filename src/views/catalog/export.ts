// Export of the catalog's current matches, as Backstage's table offers: CSV of the shown columns, or JSON.

import type { CatalogColumn } from './columns.ts';
import type { CatalogItem } from './items.ts';
import { columnText, type RefLabel } from './query.ts';

function csvField(value: string): string {
  // Quote when needed; a leading = + - @ would run as a formula in a spreadsheet, so it gets a quote mark.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV with a header row: the entity ref, then the columns on screen. */
export function catalogCsv(items: readonly CatalogItem[], columns: readonly CatalogColumn[], refLabel: RefLabel): string {
  const header = ['Ref', ...columns.map((c) => c.label)];
  const rows = items.map((i) => [i.ref, ...columns.map((c) => columnText(i, c.key, refLabel))]);
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** JSON array of the matches with every indexed field. */
export function catalogJson(items: readonly CatalogItem[]): string {
  return JSON.stringify(items, null, 2);
}
