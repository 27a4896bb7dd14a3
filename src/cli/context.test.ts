import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/load.ts';
import { runPipeline } from '../pipeline/index.ts';
import { entityName, openDocsRepo } from './context.ts';

describe('openDocsRepo (dev --docs)', () => {
  it('names the repo and its entity as GitHub and the catalog accept', () => {
    expect(entityName('Pricing Notes')).toBe('Pricing-Notes');
    expect(entityName('--notes--')).toBe('notes');
    expect(entityName('2024')).toBe('2024');
    expect(entityName('ü')).toBe('docs');
    expect(entityName('a'.repeat(70))).toHaveLength(63);
  });

  it('makes a repo without a catalog file a Component whose docs are its own, with no problems', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'backlot-docs-')), '2024 notes');
    mkdirSync(join(dir, 'docs'), { recursive: true });
    writeFileSync(join(dir, 'mkdocs.yml'), 'site_name: Notes\n');
    writeFileSync(join(dir, 'docs', 'index.md'), '# Notes\n');
    const ctx = await openDocsRepo(defaultConfig(dir), dir);
    const result = await runPipeline(ctx.config, ctx.snapshot, { catalogPath: ctx.catalogPath, ignoreDangling: true });
    expect(result.diagnostics).toEqual([]);
    expect(result.model.entities.map((e) => e.ref)).toEqual(['component:default/2024-notes']);
    expect(result.model.docs?.sites.map((s) => [s.url, s.pages.map((p) => p.title)])).toEqual([['/docs/default/component/2024-notes/', ['Notes']]]);
  });
});
