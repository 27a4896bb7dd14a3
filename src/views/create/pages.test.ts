// Conditional parameter pages in the form's data: `when: ${{ … }}` pages and bare-`oneOf` pages, with the same
// rule `backlot scaffold` applies (model/templateParameters.ts).

import { describe, expect, it } from 'vitest';
import { portalEntities } from '../../testing/entities.ts';
import { catalog, conditionalTemplate } from './testing.ts';
import { alternativeField, buildForm, type FormField } from './form.ts';
import { reviewSections } from './review.ts';
import { validatePage, validateValues } from './validate.ts';
import { formState, sendable, type RawInput } from './values.ts';
import { formWhenEvaluator } from './when.ts';

const form = buildForm(portalEntities([conditionalTemplate])[0]!, catalog());
const evaluate = formWhenEvaluator();
const DB = alternativeField(3);
const stateOf = (raw: Record<string, RawInput>) => formState(form, (f: FormField) => raw[f.name], evaluate);

describe('pages with when', () => {
  it('keeps each page’s when and shows the pages whose when holds for the earlier answers', () => {
    expect(form.pages.map((p) => [p.title, p.when ?? null])).toEqual([
      ['Provider', null],
      ['AWS', "${{ parameters.cloud === 'AWS' }}"],
      ['GCP', "${{ parameters.cloud === 'GCP' }}"],
      ['Database', null],
    ]);
    expect([...stateOf({ name: 'svc', cloud: 'GCP', [DB]: '0' }).shown]).toEqual([0, 2, 3]);
    expect([...stateOf({ name: 'svc', cloud: 'AWS', [DB]: '0' }).shown]).toEqual([0, 1, 3]);
    expect([...stateOf({ name: 'svc', [DB]: '0' }).shown]).toEqual([0, 3]);
  });

  it('neither requires nor sends the fields of a skipped page', () => {
    const state = stateOf({ name: 'svc', cloud: 'GCP', awsRegion: 'us-east-1', gcpProject: 'p1', gcpRegion: 'us-central1', [DB]: '0', pgVersion: '17' });
    const values = sendable(form, state.values);
    expect(values).toEqual({ name: 'svc', cloud: 'GCP', gcpProject: 'p1', gcpRegion: 'us-central1', pgVersion: '17' });
    // The check the review (and the workflow) makes: AWS's required region is not asked for.
    expect(validateValues(form.pages.map((p) => p.schema), values, evaluate)).toEqual([]);
    expect(validateValues(form.pages.map((p) => p.schema), { ...values, gcpProject: undefined }, evaluate)).toEqual([{ path: '/gcpProject', message: 'is required' }]);
    expect(reviewSections(form, state.values, state.shown).map((s) => s.title)).toEqual(['Provider', 'GCP', 'Database']);
  });
});

describe('a page that is a bare oneOf', () => {
  const page = form.pages[3]!;

  it('is a selector of the alternatives, then each alternative’s fields while it is chosen', () => {
    expect(page.fields.map((f) => [f.name, f.kind, f.when?.all ?? null])).toEqual([
      [DB, 'alternative', null],
      ['pgVersion', 'select', [{ field: DB, values: [0] }]],
      ['noDatabase', 'hidden', [{ field: DB, values: [1] }]],
    ]);
    expect(page.fields[0]!.options).toEqual([
      { value: 0, label: 'Postgres' },
      { value: 1, label: 'No database' },
    ]);
  });

  it('checks the chosen alternative only, and sends its values without the choice', () => {
    const postgres = stateOf({ name: 'svc', cloud: 'AWS', [DB]: '0' });
    expect(validatePage(page, postgres.values)).toEqual([{ field: 'pgVersion', message: 'This field is required.' }]);
    const none = stateOf({ name: 'svc', cloud: 'AWS', awsRegion: 'eu-west-1', [DB]: '1', pgVersion: '17', noDatabase: 'true' });
    expect(validatePage(page, none.values)).toEqual([]);
    const values = sendable(form, none.values);
    expect(values).toEqual({ name: 'svc', cloud: 'AWS', awsRegion: 'eu-west-1', noDatabase: true });
    expect(validateValues(form.pages.map((p) => p.schema), values, evaluate)).toEqual([]);
    expect(reviewSections(form, none.values, none.shown).at(-1)!.rows.map((r) => [r.label, r.value])).toEqual([['Choose one', 'No database']]);
  });
});
