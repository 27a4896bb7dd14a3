// The catalog table's rows as an HTML string: the static list pages and the browser's catalog app render
// the same markup from here, and a string is much cheaper than thousands of small elements either way.
// All text and attribute values are escaped (crawled descriptions and tags are untrusted).

import { columnPriority, isPluginColumn, type CatalogColumn } from '../../views/catalog/columns.ts';
import { linkedItem, type CatalogItem } from '../../views/catalog/items.ts';
import { shownRef } from '../../model/entityRef.ts';
import { escapeHtml as e } from './html.ts';
import { STAR_SVG } from './icons.ts';
import { withBase } from '../../model/routes.ts';
import { entityPath } from '../../model/routes.ts';

export interface RowsView {
  rows: readonly CatalogItem[];
  columns: readonly CatalogColumn[];
  /** Entities by ref: owner and system cells link only to these. */
  byRef: ReadonlyMap<string, CatalogItem>;
  base: string;
  /** With a star button per row (the browser app); its pressed state from this set. */
  starred?: ReadonlySet<string>;
  /**
   * Without each cell's `data-label` and `data-priority`: the static list pages say them once per column in a
   * style of their own (catalogColumnsCss), ~180 bytes a row, 18 KB of every 100-row page. Nor the row's
   * `data-ref` and `data-kind`, which only the browser's app reads from its own rows (~70 bytes a row), nor the
   * name's and the owner's and system's `class` (~37 bytes a row): the name is always the first cell
   * (catalog.css), and the style says which cells are refs.
   */
  bareCells?: boolean;
}

function link(ref: string, text: string, base: string): string {
  return `<a href="${e(withBase(entityPath(ref), base))}">${e(text)}</a>`;
}

export function catalogRowsHtml(view: RowsView): string {
  const refCell = (ref: string, kind: string) => {
    if (!ref) return '';
    const target = linkedItem(view.byRef, ref);
    return target ? link(target.ref, target.title, view.base) : `<span class="missing" title="${e(`${ref} is not in the catalog`)}">${e(shownRef(ref, kind))}</span>`;
  };
  const cell = (item: CatalogItem, key: CatalogColumn['key']): string => {
    if (isPluginColumn(key)) return e(item.columns?.[key] ?? '');
    switch (key) {
      case 'name': {
        const star = view.starred
          ? `<button type="button" class="star" data-star="${e(item.ref)}" data-star-title="${e(item.title)}" aria-pressed="${view.starred.has(item.ref)}">${STAR_SVG}<span class="visually-hidden">Star ${e(item.title)}</span></button>`
          : '';
        const ns = item.namespace.toLowerCase() !== 'default' ? `<span class="ns">${e(item.namespace)}</span>` : '';
        return star + link(item.ref, item.title, view.base) + ns;
      }
      case 'owner':
        return refCell(item.owner, 'group');
      case 'system':
        return refCell(item.system, 'system');
      case 'tags':
        return item.tags.length ? `<ul class="tags">${item.tags.map((t) => `<li>${e(t)}</li>`).join('')}</ul>` : '';
      case 'targets':
        return item.targets.length ? `<ul class="targets">${item.targets.map((t) => `<li><code>${e(t)}</code></li>`).join('')}</ul>` : '';
      case 'description':
        return item.description ? `<span class="clamp">${e(item.description)}</span>` : '';
      default:
        return e(item[key]);
    }
  };
  const classes: Partial<Record<CatalogColumn['key'], string>> = { name: 'name', owner: 'ref', system: 'ref', description: 'desc' };
  return view.rows
    .map((item) => {
      const cells = view.columns.map((c) => {
        const cls = view.bareCells && c.key !== 'description' ? undefined : classes[c.key];
        // No title attributes here: they nearly doubled a listing page (84 → 149 KB per 100 rows); the catalog
        // app sets one on hover (catalog-table.ts). No label on the name and description, which a narrow
        // table shows without one (catalog.css).
        const label = view.bareCells || c.key === 'name' || c.key === 'description' ? '' : ` data-label="${e(c.label)}"`;
        return `<td${cls ? ` class="${cls}"` : ''}${view.bareCells ? '' : priorityAttr(c.key)}${label}>${cell(item, c.key)}</td>`;
      });
      return `${view.bareCells ? '<tr>' : `<tr data-ref="${e(item.ref)}" data-kind="${e(item.kind.toLowerCase())}">`}${cells.join('')}</tr>`;
    })
    .join('');
}

/** ` data-priority="n"` for columns the table drops when narrow (catalog.css); nothing for priority 1. */
export function priorityAttr(key: CatalogColumn['key']): string {
  const p = columnPriority(key);
  return p > 1 ? ` data-priority="${p}"` : '';
}

/**
 * What `data-priority` and `data-label` do per cell (catalog.css), said once per column for a table rendered with
 * `bareCells`: its narrow widths drop the same columns, and a phone labels the same cells. Scoped by `selector`.
 */
export function catalogColumnsCss(columns: readonly CatalogColumn[], selector: string): string {
  const nth = (i: number) => `${selector} td:nth-child(${i + 1})`;
  const dropped = (p: number) => columns.flatMap((c, i) => (columnPriority(c.key) === p ? [nth(i)] : [])).join(',');
  const rules: string[] = [];
  const p3 = dropped(3);
  const p2 = dropped(2);
  // As catalog.css: columns drop only wider than a phone, where the table is a table.
  if (p3) rules.push(`@media (min-width: 40.01rem){@container (max-width: 44rem){${p3}{display:none}}}`);
  if (p2) rules.push(`@media (min-width: 40.01rem){@container (max-width: 34rem){${p2}{display:none}}}`);
  // As catalog.css's td.ref, without outweighing its td:focus-within (so a focused cell still wraps).
  const refs = columns.flatMap((c, i) => (c.key === 'owner' || c.key === 'system' ? [`${selector} :where(td:nth-child(${i + 1}))`] : [])).join(',');
  if (refs) rules.push(`${refs}{white-space:nowrap}`);
  const labels = columns
    .flatMap((c, i) => (c.key === 'name' || c.key === 'description' ? [] : [`${nth(i)}:not(:empty)::before{content:${cssString(`${c.label}: `)};color:var(--muted)}`]))
    .join('');
  if (labels) rules.push(`@media (max-width: 40rem){${labels}}`);
  return rules.join('');
}

/** A CSS string literal: quotes, backslashes and anything that could end the <style> escaped as CSS escapes. */
function cssString(text: string): string {
  return `"${text.replace(/[^\w :.,()-]/g, (ch) => `\\${ch.codePointAt(0)!.toString(16)} `)}"`;
}
