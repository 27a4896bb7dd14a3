// The root object: apiVersion, kind, metadata and a kind's spec. Foreign root fields are checked outside ajv (root.ts).

import type { JsonSchema } from './common.ts';
import { metadataSchema } from './metadata.ts';

export const apiVersionSchema: JsonSchema = {
  type: 'string',
  backlotFormat: 'apiVersion',
  'x-hint': 'add apiVersion: backstage.io/v1alpha1 (a Template uses scaffolder.backstage.io/v1beta3)',
};

export const kindSchema: JsonSchema = {
  type: 'string',
  backlotFormat: 'kind',
  'x-hint': 'add kind:, e.g. Component, API, Resource, System, Domain, Group, User, Location or Template',
};

/** The whole entity for one kind; with no `spec` schema (unknown or custom kinds) `spec` only has to be an object. */
export function entitySchema(spec: JsonSchema = { type: 'object' }, specRequired = false): JsonSchema {
  return {
    type: 'object',
    required: ['apiVersion', 'kind', 'metadata', ...(specRequired ? ['spec'] : [])],
    properties: { apiVersion: apiVersionSchema, kind: kindSchema, metadata: metadataSchema, spec },
  };
}
