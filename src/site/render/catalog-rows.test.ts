import { describe, expect, it } from 'vitest';
import { catalogColumns, columnPriority } from '../../views/catalog/columns.ts';
import { catalogColumnsCss, catalogRowsHtml } from './catalog-rows.ts';
import { item } from '../../views/catalog/testing.ts';
import { escapeHtml } from './html.ts';

const team = item({ name: 'team-a', kind: 'Group', title: 'Team A' });
const evil = item({
  name: 'evil',
  title: '<img src=x onerror=alert(1)>',
  description: '"><script>alert(1)</script>',
  tags: ['<b>'],
  owner: 'group:default/team-a',
  system: 'system:default/gone',
  namespace: 'labs',
});
const byRef = new Map([team, evil].map((i) => [i.ref, i]));
const columns = catalogColumns([], { namespaced: true, oneType: false });

describe('catalogRowsHtml', () => {
  const html = catalogRowsHtml({ rows: [evil], columns, byRef, base: '/portal/' });

  it('escapes every crawled string', () => {
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');
    expect(html).toContain('<li>&lt;b&gt;</li>');
  });

  it('links names and known owners under the base, marks unknown refs missing, labels cells', () => {
    expect(html).toContain('<a href="/portal/catalog/labs/component/evil/">');
    expect(html).toContain('<td class="ref" data-label="Owner"><a href="/portal/catalog/default/group/team-a/">Team A</a></td>');
    expect(html).toContain(
      '<td class="ref" data-priority="2" data-label="System"><span class="missing" title="system:default/gone is not in the catalog">gone</span></td>',
    );
    // The name and description go unlabelled (a narrow table shows them without one).
    expect(html).toContain('<td class="desc"><span class="clamp">&quot;&gt;&lt;script&gt;');
    expect(html).toMatch(/<td class="name"><a /);
    expect(html).toContain('<span class="ns">labs</span>');
    expect(html.match(/<td/g)).toHaveLength(columns.length);
    expect(html).toMatch(/^<tr data-ref="component:labs\/evil" data-kind="component">/);
    expect(html).not.toContain('data-star');
  });

  it('adds star buttons with their state when asked', () => {
    const starred = catalogRowsHtml({ rows: [evil, team], columns, byRef, base: '/', starred: new Set([team.ref]) });
    expect(starred).toContain('data-star="component:labs/evil" data-star-title="&lt;img src=x onerror=alert(1)&gt;" aria-pressed="false"');
    expect(starred).toContain('data-star="group:default/team-a" data-star-title="Team A" aria-pressed="true"');
  });

  it('escapes the five HTML special characters', () => {
    expect(escapeHtml(`a&b<c>"d"'e'`)).toBe('a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;');
  });
});

describe('bare cells and the columns style (the static list pages)', () => {
  const bare = catalogRowsHtml({ rows: [evil], columns, byRef, base: '/portal/', bareCells: true });
  const css = catalogColumnsCss(columns, 'table[data-bare]');

  it('renders the same cells without a label or priority each, in rows without the ref and kind', () => {
    expect(bare).not.toMatch(/data-label|data-priority/);
    // The name (always first) and the refs without a class: catalog.css and the columns style say them.
    expect(bare.startsWith('<tr><td><a href=')).toBe(true);
    expect(bare).toContain('<td><a href="/portal/catalog/default/group/team-a/">Team A</a></td>');
    expect(bare).not.toMatch(/class="(name|ref)"/);
    expect(bare).toContain('<td class="desc">');
    expect(bare.match(/<td/g)).toHaveLength(columns.length);
  });

  it('says each column\'s label and priority once, by its position, and which cells are refs', () => {
    expect(columns[0]!.key).toBe('name');
    columns.forEach((c, i) => {
      const cell = `table[data-bare] td:nth-child(${i + 1})`;
      const ref = `table[data-bare] :where(td:nth-child(${i + 1}))`;
      expect(css.includes(`${ref}{white-space:nowrap}`) || css.includes(`${ref},`)).toBe(c.key === 'owner' || c.key === 'system');
      const labelled = c.key !== 'name' && c.key !== 'description';
      expect(css.includes(`${cell}:not(:empty)::before{content:"${c.label}: "`)).toBe(labelled);
      const p = columnPriority(c.key);
      if (p > 1) expect(css).toMatch(new RegExp(`max-width: ${p === 3 ? 44 : 34}rem\\)\\{[^}]*${cell.replace(/[[\]()]/g, '\\$&')}[,{]`));
    });
  });

  it('escapes a label so it cannot end the style or the string', () => {
    const out = catalogColumnsCss([{ key: 'plugin:x/y', label: 'A"</style><script>' } as (typeof columns)[number]], 't');
    expect(out).not.toMatch(/<\/style|"A"/);
    expect(out).toContain('content:"A\\22 \\3c \\2f style\\3e \\3c script\\3e : "');
  });
});
