// Plugins' catalog facets: carried by the compact index, read from and written to the URL (`?github.ci=failing`),
// filtered and counted like the catalog's own facets.

import { describe, expect, it } from 'vitest';
import { entity, portalEntity } from '../../testing/entities.ts';
import { catalogItem, encodeCatalogIndex } from './index.ts';
import { decodeCatalogIndex, indexFacets, type PluginFacetDef } from './items.ts';
import { createCatalog, queryCatalog, readQuery, writeQuery } from './query.ts';

const CI: PluginFacetDef = { key: 'github.ci', label: 'CI', kinds: ['component'] };
const none = { starred: new Set<string>() };

describe('plugin facets', () => {
  const items = [
    catalogItem(portalEntity(entity('Component', 'a')), [], undefined, { 'github.ci': ['passing'] }),
    catalogItem(portalEntity(entity('Component', 'b', { type: 'service' })), [], undefined, { 'github.ci': ['failing'] }),
    catalogItem(portalEntity(entity('Component', 'c', { type: 'service' })), [], undefined, { 'github.ci': ['Failing', 'pending'] }),
    catalogItem(portalEntity(entity('Component', 'd'))),
  ];
  const index = encodeCatalogIndex(items, [], [CI]);
  const catalog = createCatalog(decodeCatalogIndex(JSON.parse(JSON.stringify(index))), indexFacets(index));

  it('travel in the index, only on rows with values', () => {
    expect(index.f).toEqual([CI]);
    expect(index.c).toBeUndefined();
    expect(index.e[3]).toHaveLength(3);
    expect(decodeCatalogIndex(index).map((i) => i.facets)).toEqual([{ 'github.ci': ['passing'] }, { 'github.ci': ['failing'] }, { 'github.ci': ['Failing', 'pending'] }, undefined]);
    expect(catalog.facetKeys).toEqual(['kind', 'type', 'owner', 'lifecycle', 'tag', 'namespace', 'github.ci']);
    expect([...catalog.totals['github.ci']!]).toEqual([['passing', 1], ['failing', 2], ['pending', 1]]);
  });

  it('filter and count with the URL state, other facets applied to the counts', () => {
    const query = readQuery('?github.ci=failing&github.ci=pending&type=service&other=1');
    expect(query.facets['github.ci']).toEqual(['failing', 'pending']);
    expect(writeQuery(query, '?other=1')).toBe('?other=1&type=service&github.ci=failing&github.ci=pending');
    const result = queryCatalog(catalog, query, none);
    expect(result.matches.map((i) => i.name)).toEqual(['b', 'c']);
    // Counts of a facet ignore its own selection and apply the others (type=service).
    expect(Object.fromEntries(result.counts['github.ci']!)).toEqual({ failing: 2, pending: 1 });
    expect(Object.fromEntries(result.counts.type)).toEqual({ service: 2 });
    expect(queryCatalog(catalog, readQuery('?github.ci=passing'), none).matches.map((i) => i.name)).toEqual(['a']);
    // A value no entity has matches nothing; an unknown plugin facet is ignored.
    expect(queryCatalog(catalog, readQuery('?github.ci=gone'), none).matches).toEqual([]);
    expect(queryCatalog(catalog, readQuery('?nope.x=1'), none).matches).toHaveLength(4);
  });
});
