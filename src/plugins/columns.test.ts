// The view hook's catalog columns: one value per entity of the column's kinds, kept short; a column that is
// malformed or throws costs only itself.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { entity, portalEntity } from '../testing/entities.ts';
import { definePlugin } from './index.ts';
import { runPlugins } from './run.ts';
import { loaded } from './testing.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-plugin-columns-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('catalog columns', () => {
  it('computes each column for the entities of its kinds, and reports a bad or throwing column by itself', async () => {
    const plugin = definePlugin<{ unit: string }>({
      name: 'cost',
      view: {
        columns: ({ options }) => [
          { id: 'monthly', title: 'Cost', kinds: ['Component'], value: (item) => (item.entity.metadata.name === 'b' ? undefined : `${item.entity.metadata.name.length * 10}  ${options.unit}\n`) },
          { id: 'bad id', title: 'X', value: () => 'x' },
          { id: 'boom', title: 'Boom', kinds: ['api'], value: () => { throw new Error('no data'); } },
        ],
      },
    });
    const entities = [portalEntity(entity('Component', 'a'), { repo: 'r' }), portalEntity(entity('Component', 'b'), { repo: 'r' }), portalEntity(entity('API', 'c'), { repo: 'r', line: 7 })];
    const run = await runPlugins({ plugins: [loaded(plugin, { options: { unit: 'EUR' } })], snapshot: memorySnapshot([{ repo: repoInfo('r'), files: {} }]), entities, cacheDir: join(tmp, 'c') });
    expect(run.output.columns).toEqual([
      { key: 'plugin:cost.monthly', title: 'Cost', kinds: ['component'], values: { 'component:default/a': '10 EUR' } },
      { key: 'plugin:cost.boom', title: 'Boom', kinds: ['api'], values: {} },
    ]);
    expect(run.diagnostics.map((d) => [d.message, d.line])).toEqual([
      ['plugin "cost": column "bad id": needs an "id" (letters, digits, "-", "_"), a "title" and a value()', 0],
      ['plugin "cost": column boom threw for api:default/c: no data', 7],
    ]);
    expect(run.output.cards).toEqual({});
    expect(run.report.plugins[0]!.columns).toBe(1);
  });
});
