import { describe, expect, it } from 'vitest';
import { diffCatalogs, formatDiff } from './index.ts';
import { MARKDOWN_LIMIT } from './format.ts';
import { catalogOf, type Draft } from './testing.ts';

const api = (property: string): Draft => ({
  kind: 'API',
  name: 'orders-api',
  spec: {
    type: 'openapi',
    lifecycle: 'production',
    owner: 'team-a',
    definition: `openapi: 3.0.3\ninfo: {title: o, version: "1"}\npaths:\n  /orders:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  ${JSON.stringify(property)}: {type: string}\n`,
  },
});
const consumer: Draft = { kind: 'Component', name: 'billing', spec: { type: 'service', lifecycle: 'production', owner: 'team-b', consumesApis: ['orders-api'] } };

describe('formatDiff', () => {
  it('writes names and messages from crawled definitions into Markdown as text, never as markup', async () => {
    const evil = '<img src=x onerror=alert(1)>](javascript:alert(1))';
    const diff = await diffCatalogs(catalogOf([api(evil), consumer]), catalogOf([api('id'), consumer]));
    const markdown = formatDiff(diff, 'markdown');
    expect(markdown).toContain('field "\\<img src=x onerror=alert(1)\\>\\](javascript:alert(1))" removed');
    expect(markdown).not.toMatch(/(^|[^\\])<img/);
    expect(markdown).not.toMatch(/[^\\]\]\(javascript/);
  });

  it('keeps a Markdown comment under GitHub\'s size limit, closing what it opened', async () => {
    const drafts: Draft[] = Array.from({ length: 3000 }, (_, i) => ({ kind: 'Component', name: `service-${i}`, spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } }));
    const diff = await diffCatalogs([], catalogOf(drafts));
    const markdown = formatDiff(diff, 'markdown');
    expect(markdown.length).toBeLessThan(MARKDOWN_LIMIT + 200);
    expect(markdown).toContain('… cut here: run `backlot diff` for the whole report.');
    expect(markdown.trimEnd().endsWith('</details>')).toBe(true);
  });

  it('says so when nothing changed', async () => {
    const diff = await diffCatalogs(catalogOf([consumer]), catalogOf([consumer]));
    expect(formatDiff(diff, 'text')).toBe('No changes to the catalog.\n');
  });
});
