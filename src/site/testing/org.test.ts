import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { buildSchema } from 'graphql';
import protobuf from 'protobufjs';
import { createValidator } from '../../catalog/validate/index.ts';
import { generateOrg, orgModel } from './org.ts';

describe('generateOrg', () => {
  const org = generateOrg({ entities: 400, seed: 7 });

  it('makes exactly the entities asked for, the same for a seed', () => {
    expect(org.entities).toHaveLength(400);
    expect(generateOrg({ entities: 400, seed: 7 })).toEqual(org);
    expect(generateOrg({ entities: 400, seed: 8 })).not.toEqual(org);
    const kinds = new Set(org.entities.map((e) => e.entity.kind));
    expect([...kinds].sort()).toEqual(['API', 'Component', 'Domain', 'Group', 'Resource', 'System', 'Template', 'User']);
    expect(generateOrg({ entities: 10_000, apis: 500 }).entities.filter((e) => e.entity.kind === 'API')).toHaveLength(500);
  });

  it('makes entities the validator accepts, with unique refs', () => {
    const validate = createValidator({});
    for (const { entity } of org.entities) expect(validate(entity), entity.metadata.name).toEqual([]);
    const refs = org.entities.map((e) => `${e.entity.kind}:${e.entity.metadata.namespace ?? 'default'}/${e.entity.metadata.name}`.toLowerCase());
    expect(new Set(refs).size).toBe(refs.length);
  });

  it('writes API definitions that parse', () => {
    const apis = org.entities.filter((e) => e.definition);
    expect(new Set(apis.map((a) => a.entity.spec?.type))).toEqual(new Set(['openapi', 'asyncapi', 'graphql', 'grpc']));
    for (const api of apis) {
      const text = api.definition!.text;
      switch (api.entity.spec?.type) {
        case 'openapi':
          expect(parseYaml(text).openapi).toBe('3.0.3');
          break;
        case 'asyncapi':
          expect(Object.keys(parseYaml(text).channels).length).toBeGreaterThan(0);
          break;
        case 'graphql':
          expect(buildSchema(text).getQueryType()).toBeTruthy();
          break;
        case 'grpc':
          expect(protobuf.parse(text).root.nestedArray.length).toBeGreaterThan(0);
          break;
      }
    }
  });
});

describe('orgModel', () => {
  it('resolves relations both ways and reports only the deliberate dangling refs', async () => {
    const model = await orgModel(generateOrg({ entities: 600, seed: 3 }));
    expect(model.entities).toHaveLength(600);
    const user = model.entities.find((e) => e.entity.kind === 'User')!;
    expect(user.entity.relations?.some((r) => r.type === 'memberOf')).toBe(true);
    const component = model.entities.find((e) => e.entity.kind === 'Component')!;
    expect(component.entity.relations?.map((r) => r.type)).toEqual(expect.arrayContaining(['ownedBy', 'partOf']));
    for (const d of model.diagnostics) expect(d.message).toMatch(/gone-db/);
    expect(model.entities.some((e) => e.ref.startsWith('component:labs/'))).toBe(true);
  });
});
