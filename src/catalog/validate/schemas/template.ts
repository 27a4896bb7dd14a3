// Template scaffolder.backstage.io/v1beta3 (plugin-scaffolder-common, Template.v1beta3.schema.json; spec §6).

import { ref, text, type KindDefinition } from './common.ts';

const step = {
  type: 'object',
  required: ['action'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    action: text('add an action to every step, e.g. action: fetch:template'),
    input: { type: 'object' },
    if: { type: ['string', 'boolean'] },
    each: { type: ['string', 'array', 'object'] },
  },
};

const outputLink = {
  type: 'object',
  properties: {
    url: { type: 'string' },
    entityRef: { type: 'string' },
    title: { type: 'string' },
    icon: { type: 'string' },
    if: { type: ['string', 'boolean'] },
  },
};

const outputText = {
  type: 'object',
  properties: {
    title: { type: 'string' },
    icon: { type: 'string' },
    content: { type: 'string' },
    if: { type: ['string', 'boolean'] },
  },
};

export const template: KindDefinition = {
  kind: 'Template',
  apiVersions: ['scaffolder.backstage.io/v1beta3'],
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with type and steps',
    required: ['type', 'steps'],
    properties: {
      type: text('add spec.type: the kind of thing it creates, e.g. "service"'),
      owner: ref('group'),
      lifecycle: text(),
      // Backstage uses oneOf here; a type list gives one clear message instead of oneOf noise.
      parameters: { type: ['object', 'array'], items: { type: 'object' } },
      presentation: { type: 'object' },
      secrets: { type: 'object' },
      steps: {
        type: 'array',
        items: step,
        'x-hint': 'add spec.steps: the actions it runs, e.g. - { id: fetch, action: fetch:template, input: { url: ./skeleton } }',
      },
      output: {
        type: 'object',
        properties: {
          links: { type: 'array', items: outputLink },
          text: { type: 'array', items: outputText },
        },
        additionalProperties: { type: 'string' },
      },
    },
  },
};
