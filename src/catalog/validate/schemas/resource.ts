// Resource (Resource.v1alpha1.schema.json).

import { BACKSTAGE_API_VERSIONS, OWNER_HINT, ref, refList, text, type KindDefinition } from './common.ts';

export const resource: KindDefinition = {
  kind: 'Resource',
  apiVersions: BACKSTAGE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with type and owner',
    required: ['type', 'owner'],
    properties: {
      type: text('add spec.type, e.g. "database", "s3-bucket" or "kubernetes-cluster"'),
      owner: ref('group', OWNER_HINT),
      system: ref('system'),
      dependsOn: refList(''),
      dependencyOf: refList(''),
    },
  },
};
