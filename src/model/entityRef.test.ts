import { describe, expect, it } from 'vitest';
import type { Entity } from './entity.ts';
import { entityRefOf, humanizeRef, parseEntityRef, parseLocationRef, shownRef, stringifyEntityRef, stringifyLocationRef } from './entityRef.ts';

const FORM = (ref: string) => `Entity reference "${ref}" was not on the form [<kind>:][<namespace>/]<name>`;
const NO_KIND = (ref: string) =>
  `Entity reference "${ref}" had missing or empty kind (e.g. did not start with "component:" or similar)`;

describe('parseEntityRef', () => {
  it('reads kind, namespace and name', () => {
    expect(parseEntityRef('component:payments/api')).toEqual({ kind: 'component', namespace: 'payments', name: 'api' });
  });

  it('uses the default namespace when none is written', () => {
    expect(parseEntityRef('group:team-a')).toEqual({ kind: 'group', namespace: 'default', name: 'team-a' });
    expect(parseEntityRef('group:team-a', { defaultNamespace: 'payments' })).toEqual({
      kind: 'group',
      namespace: 'payments',
      name: 'team-a',
    });
  });

  it('uses the default kind when none is written, and the written kind over it', () => {
    expect(parseEntityRef('team-a', { defaultKind: 'Group' })).toEqual({ kind: 'Group', namespace: 'default', name: 'team-a' });
    expect(parseEntityRef('ops/team-a', { defaultKind: 'Group' })).toEqual({ kind: 'Group', namespace: 'ops', name: 'team-a' });
    expect(parseEntityRef('user:jane', { defaultKind: 'Group' }).kind).toBe('user');
  });

  it('keeps a written namespace over the context namespace', () => {
    expect(parseEntityRef('group:ops/team-a', { defaultNamespace: 'payments' }).namespace).toBe('ops');
  });

  it('treats a colon after the first slash as part of the name', () => {
    expect(parseEntityRef('ns/a:b', { defaultKind: 'Component' })).toEqual({ kind: 'Component', namespace: 'ns', name: 'a:b' });
    expect(() => parseEntityRef('ns/a:b')).toThrow(NO_KIND('ns/a:b'));
  });

  it('ends the namespace at the first slash; the rest is the name', () => {
    expect(parseEntityRef('component:ns/a/b')).toEqual({ kind: 'component', namespace: 'ns', name: 'a/b' });
  });

  it('ends the kind at the first colon', () => {
    expect(parseEntityRef('a:b:c')).toEqual({ kind: 'a', namespace: 'default', name: 'b:c' });
  });

  it.each(['component:', ':name', ':ns/name', 'component:/name', '/name', 'ns/', 'component:ns/'])(
    'rejects empty parts in %j',
    (ref) => {
      expect(() => parseEntityRef(ref, { defaultKind: 'Component' })).toThrow(FORM(ref));
    },
  );

  it('rejects a ref without kind when there is no default kind', () => {
    expect(() => parseEntityRef('my-service')).toThrow(NO_KIND('my-service'));
    expect(() => parseEntityRef('default/my-service', { defaultNamespace: 'x' })).toThrow(NO_KIND('default/my-service'));
  });

  it('rejects the empty string', () => {
    expect(() => parseEntityRef('', { defaultKind: 'Group' })).toThrow('Entity reference must not be empty');
  });

  it('keeps the written case of every part', () => {
    expect(parseEntityRef('Group:Payments/Team-A')).toEqual({ kind: 'Group', namespace: 'Payments', name: 'Team-A' });
  });

  it('escapes quotes in messages the way JSON does', () => {
    expect(() => parseEntityRef('a"b')).toThrow('Entity reference "a\\"b" had missing or empty kind');
  });
});

describe('stringifyEntityRef', () => {
  it('lower-cases every part', () => {
    expect(stringifyEntityRef({ kind: 'Group', namespace: 'Payments', name: 'Team-A' })).toBe('group:payments/team-a');
  });

  it('fills in the default namespace', () => {
    expect(stringifyEntityRef({ kind: 'Component', name: 'svc' })).toBe('component:default/svc');
  });

  it('makes refs that differ only in case compare equal', () => {
    const a = stringifyEntityRef(parseEntityRef('Component:Default/My-Svc'));
    const b = stringifyEntityRef(parseEntityRef('my-svc', { defaultKind: 'component' }));
    expect(a).toBe(b);
    expect(a).toBe('component:default/my-svc');
  });

  it('round-trips through parseEntityRef', () => {
    const ref = 'resource:ops/artists-db';
    expect(stringifyEntityRef(parseEntityRef(ref))).toBe(ref);
  });
});

describe('entityRefOf', () => {
  const entity = (metadata: Entity['metadata']): Entity => ({ apiVersion: 'backstage.io/v1alpha1', kind: 'Component', metadata });

  it('uses the namespace default when the entity has none', () => {
    expect(entityRefOf(entity({ name: 'Artist-Web' }))).toBe('component:default/artist-web');
  });

  it('uses the entity namespace', () => {
    expect(entityRefOf(entity({ name: 'svc', namespace: 'payments' }))).toBe('component:payments/svc');
  });
});

describe('parseLocationRef', () => {
  it('splits on the first colon and trims both halves', () => {
    expect(parseLocationRef('url:https://github.com/o/r/blob/main/catalog-info.yaml')).toEqual({
      type: 'url',
      target: 'https://github.com/o/r/blob/main/catalog-info.yaml',
    });
    expect(parseLocationRef(' file : ./a.yaml ')).toEqual({ type: 'file', target: './a.yaml' });
    expect(parseLocationRef('bootstrap:bootstrap')).toEqual({ type: 'bootstrap', target: 'bootstrap' });
  });

  it.each(['no-colon', ':target', 'url:', 'url:   '])('rejects %j', (ref) => {
    expect(() => parseLocationRef(ref)).toThrow(`Unable to parse location ref '${ref}'`);
  });

  it.each(['http://example.com/a.yaml', 'https://example.com/a.yaml'])('rejects the %j type and hints url:', (ref) => {
    expect(() => parseLocationRef(ref)).toThrow(`please prefix it with 'url:', e.g. 'url:${ref}'`);
  });

  it.each(['url:javascript:alert(1)', 'url: JavaScript:alert(1)', 'url:java\tscript:alert(1)'])(
    'rejects the javascript: target in %j',
    (ref) => {
      expect(() => parseLocationRef(ref)).toThrow('target is a javascript: URL');
    },
  );
});

describe('stringifyLocationRef', () => {
  it('joins type and target', () => {
    expect(stringifyLocationRef({ type: 'url', target: 'https://x/y.yaml' })).toBe('url:https://x/y.yaml');
    expect(parseLocationRef(stringifyLocationRef({ type: 'file', target: '/a/b.yaml' }))).toEqual({ type: 'file', target: '/a/b.yaml' });
  });

  it('rejects empty parts, http types and javascript targets', () => {
    expect(() => stringifyLocationRef({ type: '', target: 'x' })).toThrow('empty type');
    expect(() => stringifyLocationRef({ type: 'url', target: '' })).toThrow('empty target');
    expect(() => stringifyLocationRef({ type: 'https', target: '//x' })).toThrow("prefix it with 'url:'");
    expect(() => stringifyLocationRef({ type: 'url', target: 'javascript:alert(1)' })).toThrow('javascript:');
  });
});

describe('humanizeRef', () => {
  it('drops the default namespace and the expected kind', () => {
    expect(humanizeRef('group:default/team-a', 'group')).toBe('team-a');
    expect(humanizeRef('user:default/bob', 'group')).toBe('user:bob');
    expect(humanizeRef('resource:default/db')).toBe('resource:db');
    expect(humanizeRef('group:ops/sre', 'Group')).toBe('ops/sre');
  });
});

describe('shownRef', () => {
  it('shows a ref as humanizeRef does, and text that is no ref as written', () => {
    expect(shownRef('group:default/team-a', 'group')).toBe('team-a');
    expect(shownRef('resource:default/db')).toBe('resource:db');
    expect(shownRef('not a ref: at all')).toBe('not a ref: at all');
    expect(shownRef('')).toBe('');
  });
});
