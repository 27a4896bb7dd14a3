import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../index.ts';
import { addBacklotKeywords } from '../keywords.ts';
import { entitySchema } from './envelope.ts';
import { builtinKinds } from './kinds.ts';

// The registry compiles these without checking them against the meta-schema (a cost every build paid): here it is.
describe('built-in schemas', () => {
  it('are valid JSON Schemas, the generic envelope and every kind\'s', () => {
    const ajv = addBacklotKeywords(new Ajv({ allowUnionTypes: true }));
    for (const schema of [entitySchema(), ...builtinKinds.map((def) => entitySchema(def.spec, def.specRequired))]) {
      expect(ajv.validateSchema(schema), JSON.stringify(ajv.errors)).toBe(true);
    }
    // The check can fail: a type JSON Schema does not have.
    expect(ajv.validateSchema(entitySchema({ type: 'map' }))).toBe(false);
  });
});

const validate = createValidator();

const minimal: Record<string, { apiVersion: string; spec: Record<string, unknown> }> = {
  Component: { apiVersion: 'backstage.io/v1alpha1', spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } },
  API: {
    apiVersion: 'backstage.io/v1alpha1',
    spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.0' },
  },
  Resource: { apiVersion: 'backstage.io/v1alpha1', spec: { type: 'database', owner: 'team-a' } },
  System: { apiVersion: 'backstage.io/v1alpha1', spec: { owner: 'team-a' } },
  Domain: { apiVersion: 'backstage.io/v1alpha1', spec: { owner: 'team-a' } },
  Group: { apiVersion: 'backstage.io/v1alpha1', spec: { type: 'team', children: [] } },
  User: { apiVersion: 'backstage.io/v1alpha1', spec: { memberOf: [] } },
  Location: { apiVersion: 'backstage.io/v1alpha1', spec: {} },
  Template: {
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    spec: { type: 'service', steps: [{ id: 'fetch', action: 'fetch:template', input: { url: './skeleton' } }] },
  },
};

function entity(kind: string, spec: Record<string, unknown> | undefined, apiVersion = minimal[kind]?.apiVersion): Record<string, unknown> {
  return { apiVersion, kind, metadata: { name: 'thing' }, ...(spec === undefined ? {} : { spec }) };
}

function withSpec(kind: string, changes: Record<string, unknown>): Record<string, unknown> {
  return entity(kind, { ...minimal[kind]?.spec, ...changes });
}

function without(kind: string, field: string): Record<string, unknown> {
  const spec = { ...minimal[kind]?.spec };
  delete spec[field];
  return entity(kind, spec);
}

const required: Array<[string, string]> = [
  ['Component', 'type'],
  ['Component', 'lifecycle'],
  ['Component', 'owner'],
  ['API', 'type'],
  ['API', 'lifecycle'],
  ['API', 'owner'],
  ['API', 'definition'],
  ['Resource', 'type'],
  ['Resource', 'owner'],
  ['System', 'owner'],
  ['Domain', 'owner'],
  ['Group', 'type'],
  ['Group', 'children'],
  ['User', 'memberOf'],
  ['Template', 'type'],
  ['Template', 'steps'],
];

describe('built-in kinds', () => {
  it('covers every kind in the fixture table', () => {
    expect(builtinKinds.map((k) => k.kind).sort()).toEqual(Object.keys(minimal).sort());
  });

  it.each(Object.keys(minimal))('accepts a minimal %s', (kind) => {
    expect(validate(entity(kind, minimal[kind]?.spec))).toEqual([]);
  });

  it.each(Object.keys(minimal).filter((k) => k !== 'Template'))('accepts %s as backstage.io/v1beta1 too', (kind) => {
    expect(validate(entity(kind, minimal[kind]?.spec, 'backstage.io/v1beta1'))).toEqual([]);
  });

  it.each(required)('%s requires spec.%s', (kind, field) => {
    const article = kind === 'API' ? 'an' : 'a';
    const found = validate(without(kind, field));
    expect(found).toEqual([
      { code: 'schema', message: `spec.${field} is required for ${article} ${kind}`, hint: expect.stringMatching(/^add /), path: ['spec'] },
    ]);
  });

  it.each(Object.keys(minimal))('%s requires a spec', (kind) => {
    const found = validate(entity(kind, undefined));
    expect(found).toEqual([
      { code: 'schema', message: expect.stringMatching(new RegExp(`^spec is required for an? ${kind}$`)), hint: expect.stringMatching(/^add spec:/), path: [] },
    ]);
  });

  it('gives a useful hint for a missing owner', () => {
    expect(validate(without('Component', 'owner'))[0]?.hint).toBe('add spec.owner: the group or user that owns it, e.g. "group:team-a"');
  });

  it('requires spec to be an object', () => {
    expect(validate({ ...entity('System', undefined), spec: null })).toEqual([
      { code: 'schema', message: 'spec must be an object, not empty', hint: 'add spec: with at least owner', path: ['spec'] },
    ]);
    expect(validate({ ...entity('System', undefined), spec: 'owner: x' })).toMatchObject([{ path: ['spec'] }]);
  });

  it('allows extra spec fields, as Backstage does', () => {
    expect(validate(withSpec('Component', { customField: { a: 1 }, implementsApis: ['x'] }))).toEqual([]);
  });

  it('rejects empty strings in required fields', () => {
    expect(validate(withSpec('Component', { owner: '' }))).toMatchObject([
      { message: 'spec.owner must not be empty', path: ['spec', 'owner'], hint: expect.stringContaining('add spec.owner') },
    ]);
  });
});

describe('entity reference fields', () => {
  it('rejects a compound {kind, name} ref and shows the string form', () => {
    expect(validate(withSpec('Component', { owner: { kind: 'Group', namespace: 'default', name: 'team-a' } }))).toEqual([
      {
        code: 'schema',
        message: 'spec.owner must be a string, not an object',
        hint: 'write the entity reference as one string "[kind:][namespace/]name", e.g. "group:default/team-a"',
        path: ['spec', 'owner'],
      },
    ]);
  });

  it('says a ref list must be a list of strings', () => {
    expect(validate(withSpec('Component', { providesApis: 'petstore' }))).toEqual([
      {
        code: 'schema',
        message: 'spec.providesApis must be a list of strings, not a string ("petstore")',
        hint: 'make it a list: providesApis: ["petstore"]',
        path: ['spec', 'providesApis'],
      },
    ]);
  });

  it('points at a bad item of a ref list', () => {
    expect(validate(withSpec('Component', { dependsOn: ['resource:db', { name: 'cache' }, ''] }))).toMatchObject([
      { path: ['spec', 'dependsOn', 1], message: 'spec.dependsOn[1] must be a string, not an object', hint: expect.stringContaining('"cache"') },
      { path: ['spec', 'dependsOn', 2], message: 'spec.dependsOn[2] must not be empty' },
    ]);
  });

  it.each([
    ['Component', 'system'],
    ['Component', 'subcomponentOf'],
    ['API', 'system'],
    ['Resource', 'system'],
    ['System', 'domain'],
    ['Domain', 'subdomainOf'],
    ['Group', 'parent'],
    ['Template', 'owner'],
  ])('%s spec.%s must be a string', (kind, field) => {
    expect(validate(withSpec(kind, { [field]: { name: 'x' } }))).toMatchObject([{ path: ['spec', field] }]);
  });

  it.each([
    ['Component', 'consumesApis'],
    ['Component', 'dependencyOf'],
    ['Resource', 'dependsOn'],
    ['Group', 'children'],
    ['Group', 'members'],
    ['User', 'memberOf'],
  ])('%s spec.%s must be a list of strings', (kind, field) => {
    expect(validate(withSpec(kind, { [field]: 'x' }))).toMatchObject([
      { path: ['spec', field], message: `spec.${field} must be a list of strings, not a string ("x")` },
    ]);
  });
});

describe('API', () => {
  it('wants definition as a non-empty string and points to $text', () => {
    expect(validate(withSpec('API', { definition: { openapi: '3.0.0' } }))).toEqual([
      {
        code: 'schema',
        message: 'spec.definition must be a string, not an object',
        hint: expect.stringContaining('$text'),
        path: ['spec', 'definition'],
      },
    ]);
    expect(validate(withSpec('API', { definition: '' }))).toMatchObject([{ message: 'spec.definition must not be empty' }]);
  });

  it('explains an unresolved $text placeholder', () => {
    expect(validate(withSpec('API', { definition: { $text: './openapi.yaml' } }))[0]?.hint).toContain('$text placeholder was not replaced');
  });
});

describe('Group and User profiles', () => {
  it('accepts a full profile and rejects empty strings in it', () => {
    const profile = { displayName: 'Team A', email: 'a@example.com', picture: 'https://example.com/a.png' };
    expect(validate(withSpec('Group', { profile, parent: 'org', members: ['alice'] }))).toEqual([]);
    expect(validate(withSpec('User', { profile: { ...profile, email: '' } }))).toMatchObject([
      { path: ['spec', 'profile', 'email'], message: 'spec.profile.email must not be empty' },
    ]);
  });
});

describe('Location', () => {
  it('accepts target, targets, type and presence', () => {
    expect(validate(withSpec('Location', { type: 'url', target: './a.yaml', targets: ['./b.yaml'], presence: 'optional' }))).toEqual([]);
  });

  it('allows only required or optional presence', () => {
    expect(validate(withSpec('Location', { presence: 'Optional' }))).toEqual([
      {
        code: 'schema',
        message: 'spec.presence must be one of "required", "optional", not "Optional"',
        hint: 'did you mean "optional"?',
        path: ['spec', 'presence'],
      },
    ]);
  });

  it('wants targets as a list of strings', () => {
    expect(validate(withSpec('Location', { targets: './a.yaml' }))).toMatchObject([{ path: ['spec', 'targets'] }]);
    expect(validate(withSpec('Location', { targets: [1] }))).toMatchObject([{ path: ['spec', 'targets', 0] }]);
  });
});

describe('Template v1beta3', () => {
  it('needs exactly scaffolder.backstage.io/v1beta3', () => {
    expect(validate(entity('Template', minimal.Template?.spec, 'backstage.io/v1alpha1'))).toEqual([
      {
        code: 'unknown-kind',
        message: 'Unknown kind "Template" (apiVersion backstage.io/v1alpha1)',
        hint: 'Template needs apiVersion scaffolder.backstage.io/v1beta3',
        path: ['apiVersion'],
      },
    ]);
    expect(validate(entity('Template', minimal.Template?.spec, 'scaffolder.backstage.io/v1beta2'))).toMatchObject([
      { code: 'unknown-kind', path: ['apiVersion'] },
    ]);
  });

  it('requires an action on every step', () => {
    expect(validate(withSpec('Template', { steps: [{ action: 'fetch:plain' }, { id: 'publish' }] }))).toEqual([
      {
        code: 'schema',
        message: 'spec.steps[1].action is required for a Template',
        hint: 'add an action to every step, e.g. action: fetch:template',
        path: ['spec', 'steps', 1],
      },
    ]);
  });

  it('accepts parameters as an object or a list of objects, and nothing else', () => {
    const page = { title: 'Name', required: ['name'], properties: { name: { type: 'string', 'ui:field': 'EntityNamePicker' } } };
    expect(validate(withSpec('Template', { parameters: page }))).toEqual([]);
    expect(validate(withSpec('Template', { parameters: [page, page] }))).toEqual([]);
    expect(validate(withSpec('Template', { parameters: 'name' }))).toEqual([
      {
        code: 'schema',
        message: 'spec.parameters must be an object or a list of objects, not a string ("name")',
        path: ['spec', 'parameters'],
      },
    ]);
    expect(validate(withSpec('Template', { parameters: [page, 'x'] }))).toMatchObject([
      { path: ['spec', 'parameters', 1], message: 'spec.parameters[1] must be an object, not a string ("x")' },
    ]);
  });

  it('checks step fields and the output', () => {
    const steps = [{ id: 'a', action: 'x', if: '${{ parameters.on }}', each: ['a'], input: 'nope' }, { action: 'y', if: 3 }];
    expect(validate(withSpec('Template', { steps }))).toMatchObject([
      { path: ['spec', 'steps', 0, 'input'], message: 'spec.steps[0].input must be an object, not a string ("nope")' },
      { path: ['spec', 'steps', 1, 'if'], message: 'spec.steps[1].if must be a string or true or false, not a number (3)' },
    ]);
    const output = { links: [{ title: 'Repo', url: '${{ steps.publish.output.remoteUrl }}' }], text: [{ content: 'hi' }], extra: 'x' };
    expect(validate(withSpec('Template', { output, owner: 'group:team-a', lifecycle: 'experimental' }))).toEqual([]);
    expect(validate(withSpec('Template', { output: { count: 3 } }))).toMatchObject([{ path: ['spec', 'output', 'count'] }]);
    expect(validate(withSpec('Template', { steps: {} }))).toMatchObject([{ path: ['spec', 'steps'], message: 'spec.steps must be a list of objects, not an object' }]);
  });
});
