// Domain (Domain.v1alpha1.schema.json).

import { BACKSTAGE_API_VERSIONS, OWNER_HINT, ref, text, type KindDefinition } from './common.ts';

export const domain: KindDefinition = {
  kind: 'Domain',
  apiVersions: BACKSTAGE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with at least owner',
    required: ['owner'],
    properties: {
      owner: ref('group', OWNER_HINT),
      subdomainOf: ref('domain'),
      type: text(),
    },
  },
};
