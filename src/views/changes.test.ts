import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../diff/history.ts';
import type { PortalModel } from '../model/portal.ts';
import { entity, portalEntity } from '../testing/entities.ts';
import { changesView, filterChanges, historySentence, homeChanges } from './changes.ts';

const entry = (at: string, ref: string, more: Partial<HistoryEntry> = {}): HistoryEntry => ({
  at: `${at}T09:00:00.000Z`,
  ref,
  kind: ref.startsWith('api:') ? 'API' : 'Component',
  change: 'changed',
  fields: [],
  breaking: false,
  ...more,
});

const history: HistoryEntry[] = [
  entry('2026-12-03', 'api:default/payments', { breaking: true, owner: 'group:default/team-b', api: [{ breaking: true, where: 'GET /pay', message: 'operation removed' }], affectsOthers: 2, fields: [] }),
  entry('2026-12-03', 'component:default/orders', { owner: 'group:default/team-b', commit: '1a2b3c4d5e6f', fields: [{ field: 'owner', before: 'group:default/team-a', after: 'group:default/team-b' }] }),
  entry('2026-12-02', 'component:default/billing', { change: 'renamed', from: 'component:default/invoices', owner: 'group:default/team-a', breaking: true }),
  entry('2026-12-01', 'component:default/legacy', { change: 'removed', owner: 'group:default/team-a', breaking: true }),
  entry('2026-12-01', 'component:default/orders', { change: 'added', owner: 'group:default/team-a', fields: [] }),
  entry('2026-12-01', 'component:default/orders', { fields: [{ field: 'dependsOn', added: ['resource:default/db'], removed: ['component:default/legacy'] }, { field: 'lifecycle', before: 'experimental', after: 'production' }] }),
];

function model(): PortalModel {
  const entities = [entity('Component', 'orders'), entity('Component', 'billing'), entity('API', 'payments')].map((e) => portalEntity(e));
  return { site: { title: 't', base: '/' }, generatedAt: '', repos: [], entities, diagnostics: [], apis: {}, docs: { sites: [], redirects: [] }, history };
}

describe('changesView', () => {
  const view = changesView(model());

  it('says what changed in a sentence per field, and links only entities that still have a page', () => {
    expect(view.rows.map((r) => [r.name, r.sentences.join(' · '), r.path ?? '-'])).toEqual([
      ['payments', 'API definition: 1 breaking change', 'catalog/default/api/payments/'],
      ['orders', 'owner changed from team-a to team-b', 'catalog/default/component/orders/'],
      ['billing', 'renamed from invoices', 'catalog/default/component/billing/'],
      ['legacy', 'removed', '-'],
      ['orders', 'added', 'catalog/default/component/orders/'],
      ['orders', 'dependsOn: added resource:db; removed legacy · lifecycle changed from experimental to production', 'catalog/default/component/orders/'],
    ]);
    expect(view.rows[0]!.api).toEqual(['GET /pay: operation removed']);
    expect(historySentence(view.rows[1]!, view.rows[1]!.sentences[0]!)).toBe('owner changed from team-a to team-b on 2026-12-03, by commit 1a2b3c4');
  });

  it('counts the filters\' values and filters by kind, owner, change and breaking', () => {
    expect(view.kinds).toEqual([{ value: 'Component', count: 5 }, { value: 'API', count: 1 }]);
    expect(view.owners).toEqual([{ value: 'group:default/team-a', label: 'team-a', count: 3 }, { value: 'group:default/team-b', label: 'team-b', count: 2 }]);
    expect(view.changes.map((c) => `${c.value} ${c.count}`)).toEqual(['added 1', 'changed 3', 'renamed 1', 'removed 1']);
    expect(view.breaking).toBe(3);
    const names = (f: Parameters<typeof filterChanges>[1]) => filterChanges(view.rows, f).map((r) => `${r.date} ${r.name}`);
    expect(names({ kind: 'API' })).toEqual(['2026-12-03 payments']);
    expect(names({ owner: 'group:default/team-a', change: 'removed' })).toEqual(['2026-12-01 legacy']);
    expect(names({ breakingOnly: true })).toHaveLength(3);
    // Breaking first keeps newest first within each half.
    expect(names({ kind: 'Component', breakingFirst: true })).toEqual([
      '2026-12-02 billing',
      '2026-12-01 legacy',
      '2026-12-03 orders',
      '2026-12-01 orders',
      '2026-12-01 orders',
    ]);
  });

  it('indexes each entity\'s own history, under its old name too, and picks the home page\'s lists', () => {
    expect(view.byRef.get('component:default/orders')!.map((r) => r.change)).toEqual(['changed', 'added', 'changed']);
    expect(view.byRef.get('component:default/invoices')!.map((r) => r.ref)).toEqual(['component:default/billing']);
    const home = homeChanges(view);
    expect(home.recent).toHaveLength(6);
    expect(home.breaking.map((r) => r.name)).toEqual(['payments', 'billing', 'legacy']);
    expect(changesView(model()).rows).not.toBe(view.rows); // per model
  });
});
