// User (User.v1alpha1.schema.json): the JSON schema requires `memberOf` (it may be []).

import { BACKSTAGE_API_VERSIONS, profile, refList, type KindDefinition } from './common.ts';

export const user: KindDefinition = {
  kind: 'User',
  apiVersions: BACKSTAGE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with memberOf (it may be [])',
    required: ['memberOf'],
    properties: {
      profile,
      memberOf: refList('group', 'add spec.memberOf: [] (or list the groups the user belongs to)'),
    },
  },
};
