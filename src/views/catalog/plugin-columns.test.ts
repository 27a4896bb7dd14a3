// Plugins' catalog columns: shown in the lists of their kinds, carried by the compact index, sorted and exported
// like the built-in ones.

import { describe, expect, it } from 'vitest';
import { portalEntity, entity } from '../../testing/entities.ts';
import { catalogColumns, columnPriority, parseHiddenColumns } from './columns.ts';
import { catalogCsv } from './export.ts';
import { catalogItem, encodeCatalogIndex } from './index.ts';
import { decodeCatalogIndex, indexColumns, type PluginColumnDef } from './items.ts';
import { shownRef } from '../../model/entityRef.ts';
import { readQuery, sortItems, writeQuery } from './query.ts';

const CI: PluginColumnDef = { key: 'plugin:github.ci', label: 'CI', kinds: ['component'] };
const EVERYWHERE: PluginColumnDef = { key: 'plugin:cost.monthly', label: 'Cost', kinds: [] };

describe('plugin columns', () => {
  it('come after the built-in columns in the lists of their kinds; one for every kind shows in every list', () => {
    const keys = (kinds: string[]) => catalogColumns(kinds, { namespaced: false, oneType: false, plugins: [CI, EVERYWHERE] }).map((c) => c.key);
    expect(keys(['component'])).toEqual(['name', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags', 'plugin:github.ci', 'plugin:cost.monthly']);
    expect(keys(['api'])).toEqual(['name', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags', 'plugin:cost.monthly']);
    expect(keys([])).toEqual(['name', 'kind', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags', 'plugin:cost.monthly']);
    expect(columnPriority('plugin:github.ci')).toBe(3);
    expect([...parseHiddenColumns('["plugin:github.ci","plugin:<x>","tags"]')]).toEqual(['plugin:github.ci', 'tags']);
  });

  it('travel in the index (only rows with a value carry them), sort with empty cells last, and export', () => {
    const a = catalogItem(portalEntity(entity('Component', 'a')), [], { 'plugin:github.ci': 'passing' });
    const b = catalogItem(portalEntity(entity('Component', 'b')), [], { 'plugin:github.ci': 'failing', 'plugin:cost.monthly': '$30' });
    const c = catalogItem(portalEntity(entity('Component', 'c')));
    const index = encodeCatalogIndex([a, b, c], [CI, EVERYWHERE]);
    expect(index.c).toEqual([CI, EVERYWHERE]);
    expect(index.e[2]).toHaveLength(3);
    const items = decodeCatalogIndex(JSON.parse(JSON.stringify(index)));
    expect(indexColumns(index)).toEqual([CI, EVERYWHERE]);
    expect(items.map((i) => i.columns)).toEqual([{ 'plugin:github.ci': 'passing' }, { 'plugin:github.ci': 'failing', 'plugin:cost.monthly': '$30' }, undefined]);
    expect(encodeCatalogIndex([a, c]).c).toBeUndefined();

    expect(sortItems([...items], 'plugin:github.ci').map((i) => i.name)).toEqual(['b', 'a', 'c']);
    expect(sortItems([...items], 'plugin:github.ci', true).map((i) => i.name)).toEqual(['a', 'b', 'c']);
    const query = readQuery('?kind=component&sort=-plugin:github.ci');
    expect(query).toMatchObject({ sort: 'plugin:github.ci', desc: true });
    expect(writeQuery(query)).toContain('sort=-plugin%3Agithub.ci');
    expect(readQuery('?sort=plugin:<script>').sort).toBe('');
    const csv = catalogCsv(items.slice(0, 2), catalogColumns(['component'], { namespaced: false, oneType: false, plugins: [CI] }).slice(-1), shownRef);
    expect(csv).toBe('Ref,CI\r\ncomponent:default/a,passing\r\ncomponent:default/b,failing\r\n');
  });
});
