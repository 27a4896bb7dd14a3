// The MDX components' data on a model the real pipeline built from a small org.

import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/load.ts';
import type { PortalModel } from '../model/portal.ts';
import { runPipeline } from '../pipeline/index.ts';
import { ownPagesOrg } from '../testing/own-pages-org.ts';
import { indexEntities, sortEntities, type EntityIndex } from './entities.ts';
import { canonicalRef, entityDocs, filterEntities, teamServices, templateCreate } from './mdx.ts';

let model: PortalModel;
let index: EntityIndex;

beforeAll(async () => {
  const config = defaultConfig('/nonexistent-own-pages-test');
  model = (await runPipeline(config, ownPagesOrg(), { catalogPath: () => '/catalog-info.yaml' })).model;
  index = indexEntities(model.entities);
});

const refs = (query: Parameters<typeof filterEntities>[1]) => filterEntities(sortEntities(model.entities), query).map((e) => e.ref);

describe('filterEntities', () => {
  it('keeps the entities matching every filter given, in any case', () => {
    expect(refs({ kind: 'component', type: 'SERVICE', lifecycle: 'production' })).toEqual(['component:default/alpha', 'component:default/gamma']);
    expect(refs({ tag: 'Kotlin' }).sort()).toEqual(['component:default/alpha', 'component:default/beta']);
    expect(refs({ owner: 'team-a', kind: 'Component' }).sort()).toEqual(['component:default/alpha', 'component:default/beta']);
    expect(refs({ owner: 'group:default/team-a' }).sort()).toEqual(['component:default/alpha', 'component:default/beta', 'resource:default/alpha-db']);
  });

  it('matches nothing for an owner that is not in the catalog or does not parse', () => {
    expect(refs({ owner: 'team-nobody' })).toEqual([]);
    expect(refs({ owner: 'group:' })).toEqual([]);
  });

  it('with no filter, keeps every entity', () => {
    expect(refs({})).toHaveLength(model.entities.length);
  });
});

describe('refs written by hand', () => {
  it('take the default kind and namespace', () => {
    expect(canonicalRef('Team-A', 'group')).toBe('group:default/team-a');
    expect(canonicalRef('user:ops/Jane', 'group')).toBe('user:ops/jane');
    expect(canonicalRef('', 'group')).toBeUndefined();
  });
});

describe('teamServices', () => {
  it('lists the components a team owns, not its other entities', () => {
    const found = teamServices(index, 'team-a')!;
    expect(found.team.ref).toBe('group:default/team-a');
    expect(found.services.map((s) => s.ref).sort()).toEqual(['component:default/alpha', 'component:default/beta']);
  });

  it('is undefined for a team that is not in the catalog', () => {
    expect(teamServices(index, 'team-ghost')).toBeUndefined();
  });
});

describe('templateCreate', () => {
  it('gives a template’s Create page', () => {
    expect(templateCreate(index, 'new-service')?.path).toBe('create/default/new-service/');
  });

  it('is undefined for an unknown template or an entity that is no template', () => {
    expect(templateCreate(index, 'old-service')).toBeUndefined();
    expect(templateCreate(index, 'component:default/alpha')).toBeUndefined();
  });
});

describe('entityDocs', () => {
  it('gives the docs URL of an entity with TechDocs, none for one without', () => {
    expect(entityDocs(model, index, 'alpha')?.url).toBe('/docs/default/component/alpha/');
    const gamma = entityDocs(model, index, 'gamma')!;
    expect(gamma.entity.ref).toBe('component:default/gamma');
    expect(gamma.url).toBeUndefined();
  });

  it('is undefined for an entity that is not in the catalog', () => {
    expect(entityDocs(model, index, 'retired')).toBeUndefined();
  });
});
