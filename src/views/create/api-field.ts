// SelectFieldFromApi (Roadie's field extension, common in real templates) over the static catalog API: its
// `path` and `params` are answered at build time from the build's catalog, exactly as the portal's
// `api/catalog/...` files and `backlot scaffold`'s `http:backstage:request` answer them, so the page carries
// only the options. Any other path cannot be served by a static portal: the field says so and takes text.

import type { PortalEntity } from '../../model/portal.ts';
import { createCatalogLookup, type CatalogLookup } from '../../scaffold/catalogApi.ts';
import type { Choice } from './form.ts';

type Json = Record<string, unknown>;

export type ApiOptions = { options: Choice[] } | { problem: string };

const SERVED = 'catalog/entities, catalog/entities/by-query and catalog/entities/by-name/<kind>/<namespace>/<name>';
const lookups = new WeakMap<readonly PortalEntity[], CatalogLookup>();

/** lodash's `get` as the field uses it: `items`, `metadata.name`, `spec.targets[0]`. */
export function pick(value: unknown, path: string): unknown {
  let here = value;
  for (const key of path.replace(/\[(\w+)\]/g, '.$1').split('.').filter(Boolean)) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Json)[key];
  }
  return here;
}

const scalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

export function selectFromApi(ui: Json, entities: readonly PortalEntity[]): ApiOptions {
  const path = typeof ui.path === 'string' ? ui.path.trim() : '';
  if (!path) return { problem: 'SelectFieldFromApi has no ui:options.path to read its options from; type the value.' };
  const params = ui.params && typeof ui.params === 'object' && !Array.isArray(ui.params) ? (ui.params as Json) : {};
  if (/\{\{/.test(JSON.stringify([path, params, ui.arraySelector, ui.valueSelector, ui.labelSelector]))) {
    return { problem: `SelectFieldFromApi reads “${path}” with values from earlier answers, which a static portal cannot fetch; type the value.` };
  }
  let lookup = lookups.get(entities);
  if (!lookup) lookups.set(entities, (lookup = createCatalogLookup(entities.map((e) => e.entity))));
  let answer: { status: number; body: unknown };
  try {
    answer = lookup.get(path, params);
  } catch {
    return { problem: `SelectFieldFromApi reads “${path}”, which is not a static catalog API path: a static portal serves only ${SERVED}, from its catalog. Type the value.` };
  }
  if (answer.status !== 200) return { problem: `SelectFieldFromApi: the catalog API answers “${path}” with ${answer.status} (no such entity); type the value.` };
  const arraySelector = typeof ui.arraySelector === 'string' ? ui.arraySelector : undefined;
  const list = arraySelector ? pick(answer.body, arraySelector) : answer.body;
  if (!Array.isArray(list)) return { problem: `SelectFieldFromApi: “${path}”${arraySelector ? ` at “${arraySelector}”` : ''} is not a list; check ui:options.arraySelector. Type the value.` };
  const valueSelector = typeof ui.valueSelector === 'string' ? ui.valueSelector : undefined;
  const labelSelector = typeof ui.labelSelector === 'string' ? ui.labelSelector : undefined;
  const seen = new Set<string>();
  const options: Choice[] = [];
  for (const item of list) {
    const value = valueSelector ? pick(item, valueSelector) : item;
    if (!scalar(value) || value === '' || seen.has(String(value))) continue; // Backstage fails the whole field; one bad item costs only itself
    seen.add(String(value));
    const label = labelSelector ? pick(item, labelSelector) : value;
    options.push({ value, label: scalar(label) && label !== '' ? String(label) : String(value) });
  }
  return { options: options.sort((a, b) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' })) };
}
