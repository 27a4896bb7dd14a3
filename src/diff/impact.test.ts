import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffCatalogs } from './index.ts';
import { catalogOf, type Draft } from './testing.ts';
import type { Impact } from './types.ts';

const openapi = (file: string) => readFileSync(join(import.meta.dirname, 'fixtures', file), 'utf8');

/**
 * team-a's orders service provides orders-api; billing (team-b) and reports (team-a) consume it; invoices (team-c)
 * depends on billing and statements (team-d) on invoices; platform has team-c as a child and alice as a member.
 */
function org(definition: string, drop: string[] = []): Draft[] {
  const drafts: Draft[] = [
    { kind: 'Group', name: 'platform', spec: { type: 'department', children: ['team-c'], members: ['alice'] } },
    { kind: 'Group', name: 'team-a', spec: { type: 'team', children: [] } },
    { kind: 'Group', name: 'team-b', spec: { type: 'team', children: [] } },
    { kind: 'Group', name: 'team-c', spec: { type: 'team', children: [] } },
    { kind: 'Group', name: 'team-d', spec: { type: 'team', children: [] } },
    { kind: 'User', name: 'alice', spec: { memberOf: ['platform'] } },
    { kind: 'Component', name: 'orders', spec: { type: 'service', lifecycle: 'production', owner: 'team-a', providesApis: ['orders-api'] } },
    { kind: 'API', name: 'orders-api', spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition } },
    { kind: 'Component', name: 'billing', spec: { type: 'service', lifecycle: 'production', owner: 'team-b', consumesApis: ['orders-api'] } },
    { kind: 'Component', name: 'reports', spec: { type: 'service', lifecycle: 'production', owner: 'team-a', consumesApis: ['orders-api'] } },
    { kind: 'Component', name: 'invoices', spec: { type: 'service', lifecycle: 'production', owner: 'team-c', dependsOn: ['component:billing'] } },
    { kind: 'Component', name: 'statements', spec: { type: 'service', lifecycle: 'production', owner: 'team-d', dependsOn: ['component:invoices'] } },
    { kind: 'Resource', name: 'ledger', spec: { type: 'database', owner: 'platform', dependsOn: [] } },
  ];
  return drafts.filter((d) => !drop.includes(d.name));
}

const affected = (impact: Impact | undefined) => impact?.affected.map((a) => `${a.via} ${a.ref} (${a.depth}) ${a.owner ?? '-'}${a.otherOwner ? ' other' : ''}`);

describe('impact through the graph', () => {
  it('a breaking API change: its consumers, then their dependents transitively, with owners and the other-owner flag', async () => {
    const diff = await diffCatalogs(catalogOf(org(openapi('openapi-v1.yaml'))), catalogOf(org(openapi('openapi-v2.yaml'))));
    const impact = diff.impacts.find((i) => i.ref === 'api:default/orders-api');
    expect(impact?.reason).toBe('breaking-api');
    expect(impact?.owner).toBe('group:default/team-a');
    expect(affected(impact)).toEqual([
      'consumer component:default/billing (1) group:default/team-b other',
      'consumer component:default/reports (1) group:default/team-a',
      'dependent component:default/invoices (2) group:default/team-c other',
      'dependent component:default/statements (3) group:default/team-d other',
    ]);
    expect(diff.summary.breakingOtherOwner).toBe(1);
  });

  it('stops at the depth bound and at the list bound, and says it was cut', async () => {
    const before = catalogOf(org(openapi('openapi-v1.yaml')));
    const after = catalogOf(org(openapi('openapi-v2.yaml')));
    const shallow = await diffCatalogs(before, after, { maxDepth: 2 });
    expect(affected(shallow.impacts[0])).toHaveLength(3);
    expect(shallow.impacts[0]!.truncated).toBeUndefined();
    const short = await diffCatalogs(before, after, { limit: 2 });
    expect(short.impacts[0]!.affected.map((a) => a.ref)).toEqual(['component:default/billing', 'component:default/reports']);
    expect(short.impacts[0]!.truncated).toBe(true);
  });

  it('a removed API: its consumers from the base catalog, even when the head is one repo alone', async () => {
    const base = catalogOf(org(openapi('openapi-v1.yaml')));
    // The service repo's own catalog after the PR: the API is gone, the consumers live elsewhere.
    const head = catalogOf([{ kind: 'Component', name: 'orders', spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } }]);
    const diff = await diffCatalogs(base, head);
    const impact = diff.impacts.find((i) => i.ref === 'api:default/orders-api');
    expect(impact?.reason).toBe('removed');
    expect(impact?.affected.map((a) => a.ref)).toEqual(['component:default/billing', 'component:default/reports', 'component:default/invoices', 'component:default/statements']);
  });

  it('a removed component: its dependents, transitively', async () => {
    const diff = await diffCatalogs(catalogOf(org('openapi: 3.0.3')), catalogOf(org('openapi: 3.0.3', ['billing'])));
    expect(affected(diff.impacts.find((i) => i.ref === 'component:default/billing'))).toEqual([
      'dependent component:default/invoices (1) group:default/team-c other',
      'dependent component:default/statements (2) group:default/team-d other',
    ]);
  });

  it('a removed group: its children, members and what it owns', async () => {
    const diff = await diffCatalogs(catalogOf(org('openapi: 3.0.3')), catalogOf(org('openapi: 3.0.3', ['platform'])));
    expect(affected(diff.impacts.find((i) => i.ref === 'group:default/platform'))).toEqual([
      'child group:default/team-c (1) group:default/team-c other',
      'member user:default/alice (1) group:default/platform',
      'owned resource:default/ledger (1) group:default/platform',
    ]);
  });

  it('a non-breaking API change affects no one', async () => {
    const v1 = openapi('openapi-v1.yaml');
    const diff = await diffCatalogs(catalogOf(org(v1)), catalogOf(org(v1.replace('title: Orders', 'title: Orders API'))));
    expect(diff.changes).toEqual([]);
    expect(diff.impacts).toEqual([]);
    expect(diff.summary.breaking).toBe(0);
  });
});
