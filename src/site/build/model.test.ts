import { describe, expect, it } from 'vitest';
import { fixtureModel } from '../testing/build.ts';
import { checkModel } from './model.ts';
import { siteData } from '../../views/site-data.ts';

describe('checkModel', () => {
  it('rejects data that is not a model', () => {
    expect(() => checkModel(null, 'm')).toThrow(/m: expected an object/);
    expect(() => checkModel([])).toThrow(/missing site.title/);
    expect(() => checkModel({ site: { title: 't' }, repos: [], entities: {} })).toThrow(/entities must be an array/);
    expect(() => checkModel({ site: { title: 't' }, repos: [], entities: [], diagnostics: [] })).toThrow(/apis must be an object/);
    expect(() => checkModel({ site: { title: 't' }, repos: [], entities: [], diagnostics: [], apis: {} })).toThrow(/docs must have sites and redirects/);
  });
});

const data = siteData(await fixtureModel());

describe('siteData on the fixture org', () => {
  it('indexes diagnostics per entity, including one for an entity left out of the model', () => {
    expect(data.byEntity.get('component:default/payments-service')?.map((d) => d.code)).toEqual(['dangling-ref']);
    expect(data.byEntity.has('component:default/ledger-service')).toBe(true);
    expect(data.index.has('component:default/ledger-service')).toBe(false);
    expect(data.counts).toEqual({ errors: 3, warnings: 3 });
  });
});
