// Component (Component.v1alpha1.schema.json).

import { BACKSTAGE_API_VERSIONS, LIFECYCLE_HINT, OWNER_HINT, ref, refList, text, type KindDefinition } from './common.ts';

export const component: KindDefinition = {
  kind: 'Component',
  apiVersions: BACKSTAGE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with type, lifecycle and owner',
    required: ['type', 'lifecycle', 'owner'],
    properties: {
      type: text('add spec.type, e.g. "service", "website" or "library"'),
      lifecycle: text(LIFECYCLE_HINT),
      owner: ref('group', OWNER_HINT),
      system: ref('system'),
      subcomponentOf: ref('component'),
      providesApis: refList('api'),
      consumesApis: refList('api'),
      dependsOn: refList(''),
      // Not in Backstage's JSON schema but in its TS type; typed here so later stages can trust it.
      dependencyOf: refList(''),
    },
  },
};
