// API (API.v1alpha1.schema.json).

import { BACKSTAGE_API_VERSIONS, LIFECYCLE_HINT, OWNER_HINT, ref, text, type KindDefinition } from './common.ts';

export const api: KindDefinition = {
  kind: 'API',
  apiVersions: BACKSTAGE_API_VERSIONS,
  specRequired: true,
  spec: {
    type: 'object',
    'x-hint': 'add spec: with type, lifecycle, owner and definition',
    required: ['type', 'lifecycle', 'owner', 'definition'],
    properties: {
      type: text('add spec.type, e.g. "openapi", "asyncapi", "graphql" or "grpc"'),
      lifecycle: text(LIFECYCLE_HINT),
      owner: ref('group', OWNER_HINT),
      system: ref('system'),
      definition: {
        type: 'string',
        minLength: 1,
        'x-hint': 'add spec.definition: the API definition as text, e.g. definition: { $text: ./openapi.yaml }',
        'x-type-hint':
          'load the file as text: definition: { $text: ./openapi.yaml } ($json and $yaml produce an object, which is not allowed here)',
      },
    },
  },
};
