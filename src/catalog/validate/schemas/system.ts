// System (System.v1alpha1.schema.json).

import { BACKSTAGE_API_VERSIONS, OWNER_HINT, ref, text, type KindDefinition } from './common.ts';

export const system: KindDefinition = {
  kind: 'System',
  apiVersions: BACKSTAGE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with at least owner',
    required: ['owner'],
    properties: {
      owner: ref('group', OWNER_HINT),
      domain: ref('domain'),
      type: text(),
    },
  },
};
