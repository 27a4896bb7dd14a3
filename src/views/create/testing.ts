// Test data for the Create pages: a small catalog with teams, users, systems and tagged components, and
// the demo org's templates read from content/repos/.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { Entity } from '../../model/entity.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { entity, portalEntities } from '../../testing/entities.ts';

export function demoTemplate(name: 'node-service' | 'docs-site'): Entity {
  const file = fileURLToPath(new URL(`../../../content/repos/software-templates/templates/${name}/template.yaml`, import.meta.url));
  return parse(readFileSync(file, 'utf8')) as Entity;
}

/** A Backstage-style template using every field the form supports. */
export const kitchenSinkTemplate: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'kitchen-sink', title: 'Kitchen sink', description: 'Every field there is.', tags: ['test', 'internal'] },
  spec: {
    owner: 'team-platform',
    type: 'library',
    presentation: { buttonLabels: { backButtonText: 'Previous', reviewButtonText: 'Check', createButtonText: 'Make it' } },
    parameters: [
      {
        title: 'Basics',
        description: 'Who and what.',
        required: ['name', 'kind'],
        properties: {
          name: { title: 'Name', type: 'string', 'ui:field': 'EntityNamePicker', 'ui:autofocus': true, 'ui:placeholder': 'my-library' },
          kind: { title: 'Kind', type: 'string', enum: ['lib', 'cli'], enumNames: ['Library', 'Command-line tool'] },
          flavour: { title: 'Flavour', type: 'string', oneOf: [{ const: 'sweet', title: 'Sweet' }, { const: 'sour', title: 'Sour' }], 'ui:widget': 'radio' },
          code: { title: 'Code', type: 'string', pattern: '^[A-Z]{3}$', 'ui:help': 'Three capitals.' },
          notes: { title: 'Notes', type: 'string', 'ui:widget': 'textarea', 'ui:options': { rows: 6 } },
          owners: {
            title: 'Owners',
            type: 'array',
            'ui:field': 'MultiEntityPicker',
            'ui:options': { catalogFilter: [{ kind: 'Group', 'spec.type': 'team' }, { kind: 'User' }], allowArbitraryValues: false },
          },
          consumers: { title: 'Consumers', type: 'array', items: { type: 'string' }, 'ui:field': 'MultiEntityPicker', 'ui:options': { catalogFilter: { kind: 'Component' }, defaultKind: 'Component' } },
        },
        // rjsf's conditional fields: what else is asked depends on the kind chosen.
        dependencies: {
          kind: {
            oneOf: [
              { properties: { kind: { const: 'lib' }, language: { title: 'Language', type: 'string', enum: ['ts', 'go'] } } },
              { properties: { kind: { const: 'cli' }, binName: { title: 'Command name', type: 'string' } }, required: ['binName'] },
            ],
          },
        },
      },
      {
        title: 'Details',
        properties: {
          tags: { title: 'Tags', type: 'array', items: { type: 'string' }, 'ui:field': 'EntityTagsPicker', 'ui:options': { kinds: ['Component'], showCounts: true } },
          aliases: { title: 'Aliases', type: 'array', items: { type: 'string', minLength: 2 }, maxItems: 3 },
          platforms: { title: 'Platforms', type: 'array', items: { type: 'string', enum: ['linux', 'macos', 'windows'] }, uniqueItems: true },
          replicas: { title: 'Replicas', type: 'number', minimum: 1, maximum: 9, default: 2 },
          public: { title: 'Public', type: 'boolean' },
          apiKey: { title: 'API key', type: 'string', 'ui:widget': 'password' },
          secretish: { title: 'Secretish', type: 'string', 'ui:backstage': { review: { mask: '(hidden)' } } },
          internal: { title: 'Internal', type: 'string', default: 'x1', 'ui:widget': 'hidden', 'ui:backstage': { review: { show: false } } },
          component: { title: 'Component', type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: { 'metadata.annotations.backstage.io/techdocs-ref': { exists: true } } } },
          settings: { title: 'Settings', type: 'object' },
          mystery: { title: 'Mystery', type: 'string', 'ui:field': 'FancyPicker' },
        },
      },
      {
        title: 'Where',
        required: ['repoUrl'],
        properties: {
          repoUrl: { title: 'Repository', type: 'string', 'ui:field': 'RepoUrlPicker', 'ui:options': { allowedHosts: ['github.com', 'ghe.acme.example'], allowedOwners: ['acme', 'acme-labs'] } },
        },
      },
    ],
    steps: [{ id: 'log', action: 'debug:log', input: { message: '${{ parameters.name }}' } }],
    output: { links: [{ title: 'Repository', url: 'https://github.com/acme/x' }] },
  },
};

/**
 * Backstage's conditional-parameters sample, reduced: pages with `when: ${{ … }}` on an earlier answer, and a page
 * that is a bare `oneOf` of alternatives (no `properties`).
 */
export const conditionalTemplate: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'cloud-service', title: 'Cloud service', tags: ['conditional'] },
  spec: {
    owner: 'team-platform',
    type: 'service',
    parameters: [
      {
        title: 'Provider',
        required: ['name', 'cloud'],
        properties: {
          name: { title: 'Name', type: 'string' },
          cloud: { title: 'Cloud', type: 'string', enum: ['AWS', 'GCP'] },
        },
      },
      {
        title: 'AWS',
        when: "${{ parameters.cloud === 'AWS' }}",
        required: ['awsRegion'],
        properties: { awsRegion: { title: 'AWS region', type: 'string', enum: ['us-east-1', 'eu-west-1'] } },
      },
      {
        title: 'GCP',
        when: "${{ parameters.cloud === 'GCP' }}",
        required: ['gcpProject'],
        properties: { gcpProject: { title: 'GCP project', type: 'string' }, gcpRegion: { title: 'GCP region', type: 'string', default: 'us-central1' } },
      },
      {
        title: 'Database',
        oneOf: [
          { title: 'Postgres', required: ['pgVersion'], properties: { pgVersion: { title: 'Postgres version', type: 'string', enum: ['16', '17'] } } },
          { title: 'No database', required: ['noDatabase'], properties: { noDatabase: { const: true } } },
        ],
      },
    ],
    steps: [{ id: 'log', action: 'debug:log', input: { message: '${{ parameters.name }}' } }],
  },
};

/** Backstage's field extensions as real templates use them, plus a vendor's own (OrganizationPicker). */
export const pickersTemplate: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'pickers', title: 'Pickers', tags: ['pickers'] },
  spec: {
    owner: 'team-platform',
    type: 'service',
    parameters: [
      {
        title: 'Ownership',
        required: ['owner', 'name'],
        properties: {
          name: { title: 'Name', type: 'string', 'ui:field': 'EntityNamePicker' },
          owner: { title: 'Owner', type: 'string', 'ui:field': 'OwnerPicker', 'ui:options': { allowArbitraryValues: false } },
          system: { title: 'System', type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: { kind: 'System' } } },
          consumers: { title: 'Consumers', type: 'array', 'ui:field': 'MultiEntityPicker', 'ui:options': { catalogFilter: { kind: 'Component' }, allowArbitraryValues: false } },
          tags: { title: 'Tags', type: 'array', items: { type: 'string' }, 'ui:field': 'EntityTagsPicker' },
        },
      },
      {
        title: 'From the API',
        properties: {
          team: {
            title: 'Team',
            type: 'string',
            'ui:field': 'SelectFieldFromApi',
            'ui:options': { path: 'catalog/entities', params: { filter: 'kind=group' }, valueSelector: 'metadata.name', labelSelector: 'metadata.title', placeholder: 'Pick a team' },
          },
          api: {
            title: 'API',
            type: 'string',
            'ui:field': 'SelectFieldFromApi',
            'ui:options': { path: 'catalog/entities/by-query', params: { filter: 'kind=api' }, arraySelector: 'items', valueSelector: 'metadata.name' },
          },
          cluster: { title: 'Cluster', type: 'string', 'ui:field': 'SelectFieldFromApi', 'ui:options': { path: 'proxy/clusters', valueSelector: 'name' } },
          organization: { title: 'Organization', type: 'string', 'ui:field': 'OrganizationPicker' },
        },
      },
    ],
    steps: [{ id: 'log', action: 'debug:log', input: { message: '${{ parameters.owner }}' } }],
  },
};

export function catalog(extra: Entity[] = []): PortalEntity[] {
  return portalEntities([
    entity('Group', 'team-platform', { type: 'team', children: [] }, { title: 'Platform team' }),
    entity('Group', 'team-payments', { type: 'team', children: [] }),
    entity('Group', 'engineering', { type: 'department', children: [] }),
    entity('User', 'alice', { memberOf: ['team-platform'] }),
    entity('System', 'checkout', { owner: 'team-payments' }),
    entity('System', 'fleet', { owner: 'team-platform' }, { namespace: 'ops' }),
    entity('Component', 'payments-service', { type: 'service', lifecycle: 'production', owner: 'team-payments' }, {
      tags: ['java', 'pci'],
      annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    }),
    entity('Component', 'checkout-web', { type: 'website', lifecycle: 'production', owner: 'team-payments' }, { tags: ['react', 'java'] }),
    entity('API', 'payments-api', { type: 'openapi', lifecycle: 'production', owner: 'team-payments', definition: '{}' }, { tags: ['rest'] }),
    ...extra,
  ]);
}
