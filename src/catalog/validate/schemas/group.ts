// Group (Group.v1alpha1.schema.json): `children` is required but may be [].

import { BACKSTAGE_API_VERSIONS, profile, ref, refList, text, type KindDefinition } from './common.ts';

export const group: KindDefinition = {
  kind: 'Group',
  apiVersions: BACKSTAGE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with type and children (children may be [])',
    required: ['type', 'children'],
    properties: {
      type: text('add spec.type, e.g. "team", "business-unit" or "product-area"'),
      profile,
      parent: ref('group'),
      children: refList('group', 'add spec.children: [] (or list the child groups)'),
      members: refList('user'),
    },
  },
};
