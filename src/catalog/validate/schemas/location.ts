// Location (Location.v1alpha1.schema.json): `spec` is required but may be {}.

import { BACKSTAGE_API_VERSIONS, stringList, text, type KindDefinition } from './common.ts';

export const location: KindDefinition = {
  kind: 'Location',
  apiVersions: BACKSTAGE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with target or targets, e.g. spec: { targets: [./team-a.yaml] }',
    properties: {
      type: text(),
      target: text(),
      targets: stringList(),
      presence: { type: 'string', enum: ['required', 'optional'] },
    },
  },
};
