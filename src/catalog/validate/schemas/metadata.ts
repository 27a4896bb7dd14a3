// `metadata` (EntityMeta.schema.json plus FieldFormatEntityPolicy's formats). Extra properties are allowed.

import type { JsonSchema } from './common.ts';

const link: JsonSchema = {
  type: 'object',
  required: ['url'],
  properties: {
    url: {
      type: 'string',
      backlotFormat: 'url',
      'x-hint': 'add url: the address the link points to, e.g. "https://example.com/runbook"',
    },
    title: { type: 'string', backlotFormat: 'nonBlank' },
    icon: { type: 'string', minLength: 1 },
    type: { type: 'string' },
  },
};

export const metadataSchema: JsonSchema = {
  type: 'object',
  'x-hint': 'add metadata: with at least a name',
  required: ['name'],
  properties: {
    name: {
      type: 'string',
      backlotFormat: 'entityName',
      'x-hint': 'add metadata.name: a name unique within its kind and namespace, e.g. "payments-api"',
    },
    namespace: { type: 'string', backlotFormat: 'namespace' },
    title: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    labels: {
      type: 'object',
      propertyNames: { backlotFormat: 'labelKey' },
      additionalProperties: { type: 'string', backlotFormat: 'labelValue' },
    },
    annotations: {
      type: 'object',
      propertyNames: { backlotFormat: 'annotationKey' },
      additionalProperties: { type: 'string' },
    },
    tags: { type: 'array', items: { type: 'string', backlotFormat: 'tag' } },
    links: { type: 'array', items: link },
  },
};
