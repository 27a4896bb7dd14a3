// JSON Schema of backlot.config.yaml. Unknown keys are errors so typos are caught.

const filters = {
  type: 'object',
  additionalProperties: false,
  properties: {
    repository: { type: 'string', description: 'Regex tested against the repo name, anchored ^…$.' },
    branch: { type: 'string' },
    topic: {
      type: 'object',
      additionalProperties: false,
      properties: {
        include: { type: 'array', items: { type: 'string' } },
        exclude: { type: 'array', items: { type: 'string' } },
      },
    },
    allowForks: { type: 'boolean' },
    allowArchived: { type: 'boolean' },
    visibility: { type: 'array', items: { enum: ['public', 'private', 'internal'] } },
  },
} as const;

const localSource = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'path'],
  properties: {
    type: { const: 'local' },
    path: { type: 'string', minLength: 1 },
    org: { type: 'string', minLength: 1 },
    host: { type: 'string', minLength: 1 },
    defaultBranch: { type: 'string', minLength: 1 },
    catalogPath: { type: 'string', minLength: 1 },
  },
} as const;

const githubSource = {
  type: 'object',
  additionalProperties: false,
  required: ['type'],
  properties: {
    type: { const: 'github' },
    org: { type: 'string', minLength: 1 },
    orgs: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
    host: { type: 'string', minLength: 1 },
    apiBaseUrl: { type: 'string', minLength: 1 },
    token: {
      type: 'object',
      additionalProperties: false,
      required: ['env'],
      properties: { env: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' } },
    },
    catalogPath: { type: 'string', minLength: 1 },
    filters,
  },
} as const;

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    site: {
      type: 'object',
      additionalProperties: false,
      properties: {
        title: { type: 'string', minLength: 1 },
        description: { type: 'string' },
        url: { type: 'string', pattern: '^https?://' },
        base: { type: 'string', pattern: '^/' },
        outDir: { type: 'string', minLength: 1 },
        repo: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$', description: 'The portal repo (owner/name) the Create pages send scaffold requests to.' },
        githubUrl: { type: 'string', pattern: '^https?://' },
        githubApiUrl: { type: 'string', pattern: '^https?://' },
        pages: { type: 'string', minLength: 1, description: "Folder of the platform team's own MDX pages, relative to the config file." },
        entityGraph: { enum: ['auto', 'static', 'browser'], description: 'Where entity pages\' relations graphs are drawn (README "Configuration").' },
      },
    },
    sources: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['type'],
        properties: { type: { enum: ['local', 'github'] } },
        if: { properties: { type: { const: 'github' } } },
        then: githubSource,
        else: { if: { properties: { type: { const: 'local' } } }, then: localSource },
      },
    },
    catalog: {
      type: 'object',
      additionalProperties: false,
      properties: {
        kinds: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['apiVersion', 'kind', 'schema'],
            properties: {
              apiVersion: { type: 'string', minLength: 1 },
              kind: { type: 'string', pattern: '^[a-zA-Z][a-z0-9A-Z]*$' },
              schema: { type: ['string', 'object'], description: 'A JSON Schema, inline or a path to a .json/.yaml file.' },
            },
          },
        },
      },
    },
    cacheDir: { type: 'string', minLength: 1 },
    docs: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mermaid: { enum: ['auto', 'build', 'browser'], description: 'Where ```mermaid diagrams are drawn (README "Diagrams").' },
      },
    },
    plugins: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['module'],
        properties: {
          module: { type: 'string', minLength: 1, description: 'An npm package name or a path relative to this file (./plugins/x.ts).' },
          options: { type: 'object', description: "Checked against the plugin's own JSON Schema." },
          env: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_]*$' }, description: 'The only environment variables the plugin sees.' },
        },
      },
    },
    diff: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allowBreakingLabel: {
          type: 'string',
          minLength: 1,
          maxLength: 50,
          description: 'A pull-request label that lets a breaking change affecting other owners pass the catalog-impact check.',
        },
      },
    },
    build: {
      type: 'object',
      additionalProperties: false,
      properties: {
        shards: { type: 'integer', minimum: 1, maximum: 256, description: 'Runners the crawl is split over in the build workflow (README "Past one runner").' },
      },
    },
    history: {
      type: 'object',
      additionalProperties: false,
      properties: {
        days: { type: 'integer', minimum: 1, description: 'How many days of changes api/catalog/changes.json keeps.' },
        url: { type: 'string', pattern: '^https?://', description: 'The live portal the previous catalog and history are read from.' },
      },
    },
    scaffold: {
      type: 'object',
      additionalProperties: false,
      properties: {
        org: { type: 'string', minLength: 1 },
        portalRepo: { type: 'string', pattern: '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' },
        allowedTeams: { type: 'array', items: { type: 'string', minLength: 1 } },
        templates: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: { allowedTeams: { type: 'array', items: { type: 'string', minLength: 1 } } },
          },
        },
      },
    },
  },
} as const;
