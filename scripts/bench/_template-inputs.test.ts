// The bench's form answers: what the generator picks must pass the template's own values check, as the workflow runs it.

import { describe, expect, it } from 'vitest';
import { validateValues } from '../../src/scaffold/values.ts';
import { whenEvaluator, createTemplating } from '../../src/scaffold/templating.ts';
import { catalog, conditionalTemplate, kitchenSinkTemplate, pickersTemplate } from '../../src/views/create/testing.ts';
import { portalEntities } from '../../src/testing/entities.ts';
import { buildForm } from '../../src/views/create/form.ts';
import type { Entity } from '../../src/model/entity.ts';
import { EXISTING_REPO, generateInputs } from './_template-inputs.ts';

const entities = catalog();
const formOf = (template: Entity) => buildForm(portalEntities([template])[0]!, entities, { defaultHost: 'github.com' });
const check = (template: Entity, values: unknown) => validateValues(template.spec!.parameters as never, values, whenEvaluator(createTemplating()));

describe('generateInputs', () => {
  it('answers every page of a form with pickers, patterns, lists and a repo picker so that the values check passes', () => {
    const { values, unresolved } = generateInputs(formOf(kitchenSinkTemplate), 'acme');
    expect(unresolved).toEqual([]);
    expect(check(kitchenSinkTemplate, values)).toEqual([]);
    expect(values).toMatchObject({
      name: 'bench-sample',
      kind: 'lib',
      code: 'BEN',
      owners: ['group:default/team-payments'],
      replicas: 2,
      repoUrl: 'github.com?owner=acme&repo=bench-sample',
    });
  });

  it('follows when pages and bare-oneOf pages, and fills a required owner from the catalog', () => {
    const conditional = generateInputs(formOf(conditionalTemplate), 'acme');
    expect(conditional.values).toEqual({ name: 'bench-sample', cloud: 'AWS', awsRegion: 'us-east-1', pgVersion: '16' });
    expect(check(conditionalTemplate, conditional.values)).toEqual([]);
    const pickers = generateInputs(formOf(pickersTemplate), 'acme');
    expect(pickers.values.owner).toMatch(/^(group|user):default\//);
    expect(check(pickersTemplate, pickers.values)).toEqual([]);
  });

  it('names an existing org and repo in text fields that ask for them', () => {
    const template: Entity = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'register' },
      spec: {
        parameters: [{ required: ['githubOrganization', 'repositoryName'], properties: { githubOrganization: { type: 'string' }, repositoryName: { type: 'string' } } }],
        steps: [],
      },
    };
    expect(generateInputs(formOf(template), 'acme').values).toEqual({ githubOrganization: 'acme', repositoryName: EXISTING_REPO });
  });

  it('answers a list of objects (a JSON box) with a list once the form refuses an object', () => {
    const template: Entity = {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      kind: 'Template',
      metadata: { name: 'links' },
      spec: { parameters: [{ properties: { links: { type: 'array', items: { type: 'object', properties: { url: { type: 'string' } } } } } }], steps: [] },
    };
    expect(generateInputs(formOf(template), 'acme')).toMatchObject({ values: { links: [] }, unresolved: [] });
  });
});
