import { describe, expect, it } from 'vitest';
import { catalogColumns, parseHiddenColumns, shownColumns } from './columns.ts';

const keys = (kinds: string[], namespaced = false, oneType = false) => catalogColumns(kinds, { namespaced, oneType }).map((c) => c.key);

describe('catalogColumns', () => {
  it('shows Backstage’s columns per kind', () => {
    expect(keys(['component'])).toEqual(['name', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags']);
    expect(keys(['api'], true)).toEqual(['name', 'system', 'owner', 'type', 'lifecycle', 'namespace', 'description', 'tags']);
    expect(keys(['system'])).toEqual(['name', 'owner', 'description', 'tags']);
    expect(keys(['domain'])).toEqual(['name', 'owner', 'description', 'tags']);
    expect(keys(['group'])).toEqual(['name', 'type', 'description', 'tags']);
    expect(keys(['template'])).toEqual(['name', 'type', 'description', 'tags']);
    expect(keys(['user'])).toEqual(['name', 'description', 'tags']);
    expect(keys(['location'])).toEqual(['name', 'type', 'targets']);
    expect(keys(['widget'])).toEqual(['name', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags']);
  });

  it('adds Kind when several or no kinds are selected, and hides Type once one type is chosen', () => {
    expect(keys([])).toEqual(['name', 'kind', 'system', 'owner', 'type', 'lifecycle', 'description', 'tags']);
    expect(keys(['api', 'component'], false, true)).toEqual(['name', 'kind', 'system', 'owner', 'lifecycle', 'description', 'tags']);
    expect(catalogColumns(['user'], { namespaced: false, oneType: false })[0]).toEqual({ key: 'name', label: 'Name' });
  });
});

describe('the column chooser', () => {
  it('hides the stored columns but never Name, and ignores what it does not know', () => {
    const hidden = parseHiddenColumns('["tags","name","bogus",3]');
    expect([...hidden]).toEqual(['tags']);
    expect(shownColumns(catalogColumns(['system'], { namespaced: false, oneType: false }), hidden).map((c) => c.key)).toEqual(['name', 'owner', 'description']);
    expect(parseHiddenColumns('not json').size).toBe(0);
    expect(parseHiddenColumns(null).size).toBe(0);
  });
});
