import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from './model.ts';
import { siteData } from '../../views/site-data.ts';

const fixture = new URL('../fixtures/model.json', import.meta.url);

describe('parseModel', () => {
  it('rejects JSON that is not a model', () => {
    expect(() => parseModel('{', 'm.json')).toThrow(/m.json: not valid JSON/);
    expect(() => parseModel('[]')).toThrow(/missing site.title/);
    expect(() => parseModel('{"site":{"title":"t"},"repos":[],"entities":{}}')).toThrow(/entities must be an array/);
  });
});

describe('the fixture model', () => {
  const data = siteData(parseModel(readFileSync(fixture, 'utf8'), 'fixture'));

  it('has every relation mirrored by its reverse when both ends exist', () => {
    const reverse: Record<string, string> = {
      ownedBy: 'ownerOf', ownerOf: 'ownedBy', partOf: 'hasPart', hasPart: 'partOf', providesApi: 'apiProvidedBy',
      apiProvidedBy: 'providesApi', consumesApi: 'apiConsumedBy', apiConsumedBy: 'consumesApi', dependsOn: 'dependencyOf',
      dependencyOf: 'dependsOn', parentOf: 'childOf', childOf: 'parentOf', memberOf: 'hasMember', hasMember: 'memberOf',
    };
    let dangling = 0;
    for (const { ref, entity } of data.model.entities) {
      for (const r of entity.relations ?? []) {
        const target = data.index.get(r.targetRef);
        if (!target) {
          dangling += 1;
          continue;
        }
        expect(target.entity.relations, `${r.targetRef} ${reverse[r.type]} ${ref}`).toContainEqual({ type: reverse[r.type], targetRef: ref });
      }
    }
    expect(dangling).toBe(1);
  });

  it('indexes diagnostics per entity, including one for an entity left out of the model', () => {
    expect(data.byEntity.get('component:default/payments-service')?.map((d) => d.code)).toEqual(['dangling-ref']);
    expect(data.byEntity.has('component:default/ledger-service')).toBe(true);
    expect(data.index.has('component:default/ledger-service')).toBe(false);
    expect(data.counts).toEqual({ errors: 2, warnings: 3 });
  });
});
