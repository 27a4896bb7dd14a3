import { describe, expect, it } from 'vitest';
import { validateValues } from '../../scaffold/values.ts';
import { portalEntities } from '../../testing/entities.ts';
import { buildForm } from './form.ts';
import { catalog, demoTemplate, kitchenSinkTemplate } from './testing.ts';
import { validatePage } from './validate.ts';

const nodeService = buildForm(portalEntities([demoTemplate('node-service')])[0]!, catalog());
const sink = buildForm(portalEntities([kitchenSinkTemplate])[0]!, catalog());

describe('validatePage', () => {
  it('reports required fields and the pattern, one message per field, in page order', () => {
    expect(validatePage(nodeService.pages[0]!, { name: 'Bad_Name' })).toEqual([
      { field: 'name', message: 'Does not have the expected form (pattern ^[a-z][a-z0-9-]{1,38}[a-z0-9]$).' },
      { field: 'description', message: 'This field is required.' },
      { field: 'owner', message: 'This field is required.' },
    ]);
    expect(validatePage(nodeService.pages[0]!, { name: 'pickup-scheduler', description: 'Books pickups.', owner: 'group:default/team-platform' })).toEqual([]);
  });

  it('length, range, type and enum messages', () => {
    expect(validatePage(nodeService.pages[0]!, { name: 'ok-name', description: 'x'.repeat(301), owner: 'group:default/a' })).toEqual([
      { field: 'description', message: 'Must be at most 300 characters long.' },
    ]);
    expect(validatePage(nodeService.pages[1]!, { lifecycle: 'retired', port: 80, tier: 'tier-3' })).toEqual([
      { field: 'lifecycle', message: 'Choose one of: Experimental (no on-call, may be deleted), Production (on-call, SLOs).' },
      { field: 'port', message: 'Must be 1024 or more.' },
    ]);
    expect(validatePage(nodeService.pages[1]!, { lifecycle: 'production', port: 'eighty' })).toEqual([{ field: 'port', message: 'Must be a whole number.' }]);
  });

  it('names the list item at fault and list-level limits', () => {
    expect(validatePage(sink.pages[1]!, { aliases: ['ok', 'x'] })).toEqual([{ field: 'aliases', message: 'Item 2: Must be at least 2 characters long.' }]);
    expect(validatePage(sink.pages[1]!, { aliases: ['aa', 'bb', 'cc', 'dd'] })).toEqual([{ field: 'aliases', message: 'Give at most 3 items.' }]);
    expect(validatePage(sink.pages[1]!, { platforms: ['linux', 'linux'] })).toEqual([{ field: 'platforms', message: 'Items must not repeat.' }]);
  });

  it('adds the pickers’ own checks where the schema is silent', () => {
    expect(validatePage(sink.pages[0]!, { name: '-x-', kind: 'lib', code: 'abc' })).toEqual([
      { field: 'name', message: 'Must be 1–63 letters, digits, “-”, “_” or “.”, starting and ending with a letter or digit.' },
      { field: 'code', message: 'Does not have the expected form (pattern ^[A-Z]{3}$).' },
    ]);
    expect(validatePage(sink.pages[2]!, { repoUrl: 'github.com?owner=other&repo=x' })).toEqual([{ field: 'repoUrl', message: 'The owner must be acme or acme-labs.' }]);
  });

  it('agrees with backlot scaffold’s validation of the same values', () => {
    const cases = [
      { name: 'Bad_Name' },
      { name: 'pickup-scheduler', description: 'Books pickups.', owner: 'group:default/a', lifecycle: 'production', port: 8080, repoUrl: 'github.com?owner=kestrel-freight&repo=p' },
      { name: 'pickup-scheduler', description: 'Books pickups.', owner: 'group:default/a', lifecycle: 'production', port: 99, repoUrl: 'github.com?owner=kestrel-freight&repo=p' },
    ];
    for (const values of cases) {
      const browser = nodeService.pages.flatMap((p) => validatePage(p, values)).map((e) => e.field).sort();
      const server = validateValues(nodeService.pages.map((p) => p.schema), values).map((p) => p.path.slice(1)).sort();
      expect(browser).toEqual(server);
    }
  });

  it('says so when a template’s page is not a valid schema', () => {
    const page = { ...nodeService.pages[0]!, schema: { type: 'object', properties: { a: { type: 'nonsense' } } } };
    expect(validatePage(page, {})[0]!.message).toMatch(/^The template's parameters are not a valid JSON Schema/);
  });
});

describe('validatePage with conditional fields', () => {
  it('asks for the chosen branch’s required field, and says nothing of the branches not chosen', () => {
    const basics = sink.pages[0]!;
    const base = { name: 'tool-kit', owners: ['group:default/team-platform'] };
    expect(validatePage(basics, { ...base, kind: 'cli' })).toEqual([{ field: 'binName', message: 'This field is required.' }]);
    expect(validatePage(basics, { ...base, kind: 'cli', binName: 'tk' })).toEqual([]);
    expect(validatePage(basics, { ...base, kind: 'lib' })).toEqual([]);
    expect(validatePage(basics, { ...base, kind: 'lib', language: 'rust' })).toEqual([{ field: 'language', message: expect.stringMatching(/^Choose one of: ts, go/) }]);
  });
});
