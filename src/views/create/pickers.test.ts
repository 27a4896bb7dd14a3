// Backstage's field extensions in the form's data: pickers with display names, an owner not in the catalog,
// SelectFieldFromApi over the static catalog API, and an extension the portal does not know.

import { describe, expect, it } from 'vitest';
import { entity, portalEntities } from '../../testing/entities.ts';
import { catalog, pickersTemplate } from './testing.ts';
import { pick, selectFromApi } from './api-field.ts';
import { buildForm, type FormField } from './form.ts';
import { displayValue } from './review.ts';
import { checkField, fieldValue } from './values.ts';

const entities = catalog([entity('User', 'bob', { memberOf: [], profile: { displayName: 'Bob Builder' } })]);
const form = buildForm(portalEntities([pickersTemplate])[0]!, entities);
const fields = Object.fromEntries(form.pages.flatMap((p) => p.fields).map((f) => [f.name, f])) as Record<string, FormField>;

describe('entity pickers', () => {
  it('list the catalog’s candidates by display name (metadata.title, spec.profile.displayName), refs beside them', () => {
    expect(fields.owner!.choices).toEqual([
      { value: 'user:default/bob', label: 'Bob Builder (user:bob)' },
      { value: 'group:default/engineering', label: 'engineering' },
      { value: 'group:default/team-platform', label: 'Platform team (team-platform)' },
      { value: 'group:default/team-payments', label: 'team-payments' },
      { value: 'user:default/alice', label: 'user:alice' },
    ]);
    expect(fields.system!.choices!.map((c) => c.value)).toEqual(['system:default/checkout', 'system:ops/fleet']);
    expect(displayValue(fields.owner!, 'user:default/bob')).toBe('Bob Builder (user:bob)');
  });

  it('refuse an owner not in the catalog when allowArbitraryValues is false, and take any when it is not', () => {
    expect(fields.owner!.arbitrary).toBe(false);
    const typed = fieldValue(fields.owner!, 'nobody');
    expect(typed).toBe('group:default/nobody');
    expect(checkField(fields.owner!, typed)).toBe('“group:default/nobody” is not in the catalog: choose one of the listed entities.');
    expect(checkField(fields.owner!, 'user:default/bob')).toBeUndefined();
    expect(fields.system!.arbitrary).toBe(true);
    expect(checkField(fields.system!, fieldValue(fields.system!, 'system:default/new-one'))).toBeUndefined();
    expect(checkField(fields.consumers!, ['component:default/payments-service', 'component:default/ghost'])).toBe('“component:default/ghost” is not in the catalog: choose one of the listed entities.');
  });

  it('EntityNamePicker and EntityTagsPicker check Backstage’s rules', () => {
    expect(checkField(fields.name!, 'my-service_2.0')).toBeUndefined();
    expect(checkField(fields.name!, '-bad')).toMatch(/^Must be 1–63 letters/);
    expect(checkField(fields.name!, 'a'.repeat(64))).toMatch(/^Must be 1–63 letters/);
    expect(checkField(fields.tags!, ['java', 'c++'])).toBeUndefined();
    expect(checkField(fields.tags!, ['Java'])).toMatch(/^“Java” is not a valid tag/);
  });
});

describe('SelectFieldFromApi over the static catalog API', () => {
  it('answers catalog/entities with params, valueSelector and labelSelector at build time, sorted by label', () => {
    expect(fields.team).toMatchObject({ kind: 'select', placeholder: 'Pick a team' });
    expect(fields.team!.options).toEqual([
      { value: 'engineering', label: 'engineering' },
      { value: 'team-platform', label: 'Platform team' },
      { value: 'team-payments', label: 'team-payments' },
    ]);
  });

  it('answers catalog/entities/by-query through arraySelector', () => {
    expect(fields.api!.options).toEqual([{ value: 'payments-api', label: 'payments-api' }]);
  });

  it('a path that is not the static catalog API, or that needs earlier answers, is a text box saying why', () => {
    expect(fields.cluster).toMatchObject({ kind: 'text' });
    expect(fields.cluster!.note).toBe(
      'SelectFieldFromApi reads “proxy/clusters”, which is not a static catalog API path: a static portal serves only catalog/entities, catalog/entities/by-query and catalog/entities/by-name/<kind>/<namespace>/<name>, from its catalog. Type the value.',
    );
    expect(selectFromApi({ path: 'catalog/entities', params: { filter: 'kind={{ parameters.kind }}' } }, entities)).toEqual({
      problem: 'SelectFieldFromApi reads “catalog/entities” with values from earlier answers, which a static portal cannot fetch; type the value.',
    });
    expect(selectFromApi({ path: 'catalog/entities/by-name/group/default/ghost' }, entities)).toMatchObject({ problem: expect.stringContaining('404') });
    expect(selectFromApi({ path: 'catalog/entities/by-name/group/default/team-platform', arraySelector: 'spec.children' }, entities)).toEqual({ options: [] });
    expect(pick({ a: [{ b: 1 }] }, 'a[0].b')).toBe(1);
  });
});

describe('an extension the portal does not know', () => {
  it('falls back to a text box with a hint naming it', () => {
    expect(fields.organization).toMatchObject({ kind: 'text', picker: 'OrganizationPicker', note: 'The portal has no “OrganizationPicker” field (a field extension of your Backstage); type the value.' });
  });
});
