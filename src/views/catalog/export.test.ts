import { describe, expect, it } from 'vitest';
import { catalogColumns } from './columns.ts';
import { catalogCsv, catalogJson } from './export.ts';
import { refLabeller } from './query.ts';
import { item } from './testing.ts';

const team = item({ name: 'team-a', kind: 'Group', title: 'Team A' });
const svc = item({ name: 'pay', title: 'Pay, "Fast"', owner: 'group:default/team-a', system: 'system:default/gone', tags: ['java', 'pci'], description: '=cmd line\nnext' });
const label = refLabeller(new Map([team, svc].map((i) => [i.ref, i])));

describe('catalog export', () => {
  it('writes CSV of the shown columns with quoting and formula-safe cells', () => {
    const csv = catalogCsv([svc], catalogColumns(['component'], { namespaced: false, oneType: false }), label);
    expect(csv).toBe(
      'Ref,Name,System,Owner,Type,Lifecycle,Description,Tags\r\n' +
        'component:default/pay,"Pay, ""Fast""",gone,Team A,,,"\'=cmd line\nnext",java pci\r\n',
    );
  });

  it('writes JSON with every field', () => {
    expect(JSON.parse(catalogJson([svc]))).toEqual([svc]);
  });
});
