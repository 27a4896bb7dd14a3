import { describe, expect, it } from 'vitest';
import { entityPath, formatRef, humanizeRef, splitRef } from './refs.ts';

describe('splitRef', () => {
  it('splits a canonical ref', () => {
    expect(splitRef('component:default/payments-service')).toEqual({ kind: 'component', namespace: 'default', name: 'payments-service' });
  });

  it('defaults a missing namespace', () => {
    expect(splitRef('group:team-a')).toEqual({ kind: 'group', namespace: 'default', name: 'team-a' });
  });

  it('rejects refs without a kind', () => {
    expect(() => splitRef('default/x')).toThrow(/no kind/);
    expect(() => splitRef('x')).toThrow(/no kind/);
    expect(() => splitRef('component:default/')).toThrow(/not on the form/);
  });
});

describe('entityPath', () => {
  it('is /catalog/<namespace>/<kind>/<name>/ lower-cased', () => {
    expect(entityPath('Component:Default/LegacyBilling')).toBe('catalog/default/component/legacybilling/');
    expect(entityPath('api:tooling/fx')).toBe('catalog/tooling/api/fx/');
  });
});

describe('formatRef', () => {
  it('lower-cases every part', () => {
    expect(formatRef({ kind: 'Group', namespace: 'Default', name: 'Team-A' })).toBe('group:default/team-a');
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
