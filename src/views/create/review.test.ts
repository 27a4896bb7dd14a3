import { describe, expect, it } from 'vitest';
import { portalEntities } from '../../testing/entities.ts';
import { buildForm } from './form.ts';
import { reviewSections, sensitiveFields } from './review.ts';
import { catalog, kitchenSinkTemplate } from './testing.ts';

const form = buildForm(portalEntities([kitchenSinkTemplate])[0]!, catalog());
const values = {
  name: 'lib-a',
  kind: 'cli',
  owners: ['group:default/team-platform'],
  public: true,
  platforms: ['linux', 'macos'],
  apiKey: 's3cret',
  secretish: 'psst',
  internal: 'x1',
  settings: { a: 1 },
  repoUrl: 'github.com?owner=acme&repo=lib-a',
};

describe('reviewSections', () => {
  it('shows every step’s values as text: option labels, yes/no, lists, objects, repo locations, unset fields', () => {
    const [basics, details, where] = reviewSections(form, values);
    const rows = (s: typeof basics) => Object.fromEntries(s!.rows.map((r) => [r.name, r.value]));
    expect(basics!.title).toBe('Basics');
    expect(rows(basics)).toMatchObject({ name: 'lib-a', kind: 'Command-line tool', flavour: '—', owners: 'Platform team (group:team-platform)' });
    expect(rows(details)).toMatchObject({ public: 'Yes', platforms: 'linux, macos', settings: '{"a":1}' });
    expect(rows(where)).toEqual({ repoUrl: 'acme/lib-a on github.com' });
  });

  it('masks passwords and ui:backstage.review masks, and hides show: false', () => {
    const details = reviewSections(form, values)[1]!;
    expect(details.rows.find((r) => r.name === 'apiKey')).toEqual({ name: 'apiKey', label: 'API key', value: '******', masked: true });
    expect(details.rows.find((r) => r.name === 'secretish')).toMatchObject({ value: '(hidden)', masked: true });
    expect(details.rows.some((r) => r.name === 'internal')).toBe(false);
    expect(JSON.stringify(reviewSections(form, values))).not.toContain('s3cret');
  });

  it('names the filled-in sensitive fields', () => {
    expect(sensitiveFields(form, values).map((f) => f.name)).toEqual(['apiKey', 'secretish']);
    expect(sensitiveFields(form, { name: 'x' })).toEqual([]);
  });
});
