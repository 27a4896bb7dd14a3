import { describe, expect, it } from 'vitest';
import { appendHistory, type History } from './history.ts';
import { diffCatalogs } from './index.ts';
import { catalogOf, type Draft } from './testing.ts';

const team = (name: string): Draft => ({ kind: 'Group', name, spec: { type: 'team', children: [] } });
const service = (owner: string): Draft => ({ kind: 'Component', name: 'orders', spec: { type: 'service', lifecycle: 'production', owner } });
const day = (n: number) => new Date(Date.UTC(2026, 11, n, 9));

describe('appendHistory', () => {
  it('adds each build\'s changes on top of the last, with commit and author, and leaves relation-only changes out', async () => {
    const v1 = catalogOf([team('team-a'), team('team-b'), service('team-a')]);
    const v2 = catalogOf([team('team-a'), team('team-b'), service('team-b')]);
    const v3 = catalogOf([team('team-a'), team('team-b')]);
    const first = appendHistory(undefined, await diffCatalogs(v1, v2), { at: day(1), sourceOf: () => ({ commit: 'abc123', author: 'alice' }) });
    expect(first.entries).toEqual([
      { at: day(1).toISOString(), ref: 'component:default/orders', kind: 'Component', change: 'changed', owner: 'group:default/team-b', fields: [{ field: 'owner', before: 'group:default/team-a', after: 'group:default/team-b' }], breaking: false, commit: 'abc123', author: 'alice' },
    ]);
    // Through JSON, as the next build fetches it from the live site.
    const second = appendHistory(JSON.parse(JSON.stringify(first)), await diffCatalogs(v2, v3), { at: day(2) });
    expect(second.entries.map((e) => `${e.at.slice(0, 10)} ${e.change} ${e.ref}`)).toEqual([
      '2026-12-02 removed component:default/orders',
      '2026-12-01 changed component:default/orders',
    ]);
  });

  it('drops entries older than the bound, and starts afresh from a file it does not know', async () => {
    const diff = await diffCatalogs(catalogOf([team('team-a')]), catalogOf([team('team-a'), service('team-a')]));
    const old: History = { version: 1, entries: [
      { at: day(1).toISOString(), ref: 'component:default/a', kind: 'Component', change: 'added', fields: [], breaking: false },
      { at: new Date(Date.UTC(2026, 5, 1)).toISOString(), ref: 'component:default/b', kind: 'Component', change: 'added', fields: [], breaking: false },
    ] };
    const next = appendHistory(old, diff, { at: day(6), keepDays: 180 });
    expect(next.entries.map((e) => e.ref)).toEqual(['component:default/orders', 'component:default/a']);
    expect(appendHistory(old, diff, { at: day(6), keepDays: 3 }).entries.map((e) => e.ref)).toEqual(['component:default/orders']);
    expect(appendHistory({ version: 2, entries: old.entries }, diff, { at: day(6) }).entries).toHaveLength(1);
    expect(appendHistory('<html>not found</html>', diff, { at: day(6) }).entries).toHaveLength(1);
  });
});
