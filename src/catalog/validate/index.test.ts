import { describe, expect, it } from 'vitest';
import { createValidator } from './index.ts';

const validate = createValidator();

function component(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    ...extra,
  };
}

describe('createValidator: the envelope', () => {
  it('returns no issues for a valid entity', () => {
    expect(validate(component())).toEqual([]);
  });

  it('rejects something that is not an object', () => {
    for (const value of [null, 'text', 42, ['a']]) {
      const found = validate(value);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ code: 'schema', path: [] });
      expect(found[0]?.message).toMatch(/^An entity must be an object with apiVersion, kind, metadata and spec, not /);
    }
  });

  it('reports missing apiVersion, kind and metadata together, without naming a kind', () => {
    expect(validate({})).toEqual([
      { code: 'schema', message: 'apiVersion is required', hint: expect.stringContaining('backstage.io/v1alpha1'), path: [] },
      { code: 'schema', message: 'kind is required', hint: expect.stringContaining('Component'), path: [] },
      { code: 'schema', message: 'metadata is required', hint: 'add metadata: with at least a name', path: [] },
    ]);
  });

  it('checks the kind and apiVersion formats and does not add an unknown-kind issue on top', () => {
    expect(validate(component({ kind: 'my-kind' }))).toEqual([
      { code: 'schema', message: 'kind "my-kind" is not a valid kind', hint: expect.stringContaining('letters and digits'), path: ['kind'] },
    ]);
    expect(validate(component({ apiVersion: 'Backstage.io/v1alpha1' }))).toEqual([
      {
        code: 'schema',
        message: 'apiVersion "Backstage.io/v1alpha1" is not a valid apiVersion',
        hint: 'the group must be lower-case: "backstage.io/v1alpha1"',
        path: ['apiVersion'],
      },
    ]);
    expect(validate(component({ apiVersion: 'backstage.io/v1/alpha' }))).toMatchObject([{ code: 'schema', path: ['apiVersion'] }]);
  });

  it('wants kind and apiVersion to be strings', () => {
    expect(validate(component({ kind: 7 }))).toMatchObject([{ code: 'schema', message: 'kind must be a string, not a number (7)' }]);
  });
});

describe('createValidator: foreign root fields', () => {
  it('rejects relations and status with one issue each, on the key', () => {
    expect(validate(component({ relations: [{ type: 'ownedBy', targetRef: 'group:default/a' }], status: { items: [] } }))).toEqual([
      {
        code: 'foreign-root-field',
        message: 'Unknown root field "relations"',
        hint: expect.stringContaining('relations are worked out from spec fields'),
        path: ['relations'],
        onKey: true,
      },
      {
        code: 'foreign-root-field',
        message: 'Unknown root field "status"',
        hint: 'remove it: status is written by the catalog, not by authors',
        path: ['status'],
        onKey: true,
      },
    ]);
  });

  it('suggests where a stray field belongs', () => {
    const hints = validate(component({ dependsOn: ['resource:db'], description: 'x', Spec: {}, whatever: 1 })).map((i) => i.hint);
    expect(hints).toEqual([
      'move it under spec: (spec.dependsOn)',
      'move it under metadata: (metadata.description)',
      'field names are case-sensitive: write "spec"',
      expect.stringContaining('only apiVersion, kind, metadata and spec are allowed'),
    ]);
  });
});

describe('createValidator: unknown kinds', () => {
  it('reports an unclaimed kind once, and still checks the envelope and metadata', () => {
    const found = validate({ apiVersion: 'backstage.io/v1alpha1', kind: 'Widget', metadata: { name: 'Bad Name', tags: ['X'] }, spec: 'nope' });
    expect(found).toEqual([
      {
        code: 'unknown-kind',
        message: 'Unknown kind "Widget" (apiVersion backstage.io/v1alpha1)',
        hint: expect.stringContaining('catalog.kinds'),
        path: ['kind'],
      },
      expect.objectContaining({ code: 'schema', path: ['metadata', 'name'] }),
      expect.objectContaining({ code: 'schema', path: ['metadata', 'tags', 0] }),
      expect.objectContaining({ code: 'schema', path: ['spec'], message: 'spec must be an object, not a string ("nope")' }),
    ]);
    expect(found[0]?.hint).toContain('known kinds are Component, API, Resource, System, Domain, Group, User, Location, Template');
  });

  it('matches kinds case-sensitively and suggests the right case', () => {
    expect(validate(component({ kind: 'component' }))).toEqual([
      {
        code: 'unknown-kind',
        message: 'Unknown kind "component" (apiVersion backstage.io/v1alpha1)',
        hint: 'kinds are case-sensitive: did you mean "Component"?',
        path: ['kind'],
      },
    ]);
  });

  it('points at apiVersion when the kind is known but the version is not', () => {
    expect(validate(component({ apiVersion: 'scaffolder.backstage.io/v1beta3' }))).toEqual([
      {
        code: 'unknown-kind',
        message: 'Unknown kind "Component" (apiVersion scaffolder.backstage.io/v1beta3)',
        hint: 'Component needs apiVersion backstage.io/v1alpha1 or backstage.io/v1beta1',
        path: ['apiVersion'],
      },
    ]);
  });
});

describe('createValidator: many problems at once', () => {
  it('reports every problem, in document order, without duplicates', () => {
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      status: {},
      metadata: {
        name: 'Payments Service',
        namespace: 'Payments',
        labels: { 'a/b/c': 'x' },
        annotations: { 'example.com/on': true },
        tags: ['Java', 'ok', 'a--b'],
        links: [{ url: 'nope', title: ' ' }],
      },
      spec: { type: 'service', owner: { kind: 'Group', name: 'team-a' }, providesApis: 'petstore', dependsOn: [3] },
    };
    const found = validate(entity);
    expect(found.map((i) => [i.code, i.path])).toEqual([
      ['foreign-root-field', ['status']],
      ['schema', ['metadata', 'name']],
      ['schema', ['metadata', 'namespace']],
      ['schema', ['metadata', 'labels', 'a/b/c']],
      ['schema', ['metadata', 'annotations', 'example.com/on']],
      ['schema', ['metadata', 'tags', 0]],
      ['schema', ['metadata', 'tags', 2]],
      ['schema', ['metadata', 'links', 0, 'url']],
      ['schema', ['metadata', 'links', 0, 'title']],
      ['schema', ['spec']], // lifecycle is missing
      ['schema', ['spec', 'owner']],
      ['schema', ['spec', 'providesApis']],
      ['schema', ['spec', 'dependsOn', 0]],
    ]);
    const messages = found.map((i) => i.message);
    expect(new Set(messages).size).toBe(messages.length);
    expect(messages.join('\n')).not.toMatch(/must match pattern|must have required property|must pass/);
    for (const issue of found) expect(issue.hint).toBeTruthy();
    expect(validate(entity)).toEqual(found);
  });

  it('does not change the entity', () => {
    const entity = component({ metadata: { name: 'x', tags: ['Bad'] } });
    const before = structuredClone(entity);
    validate(entity);
    expect(entity).toEqual(before);
  });
});

describe('createValidator: speed', () => {
  it('validates 10,000 entities with one compiled validator', () => {
    const entities = Array.from({ length: 10_000 }, (_, i) =>
      component({
        metadata: {
          name: `service-${i}`,
          tags: ['java', 'team:payments'],
          labels: { tier: 'gold' },
          annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
          links: [{ url: `https://example.com/${i}`, title: 'Runbook' }],
        },
      }),
    );
    entities[1234] = component({ metadata: { name: 'Not Valid' } });
    const failing = entities.map((e, i) => [i, validate(e).length] as const).filter(([, n]) => n > 0);
    expect(failing).toEqual([[1234, 1]]);
  });
});
