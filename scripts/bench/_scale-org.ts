// A generated org shaped like a large real one, written as repos on disk for `npm run bench scale`: about 40 %
// Users, 2 % Groups in a deep hierarchy, 35 % Components (one repo each), 10 % APIs with definitions (in the
// providing component's repo), 8 % Resources, Systems and Domains; docs sites with about 2 % as many pages as
// entities; and a dangling ref in about one repo of three, from renamed teams and APIs (so "did you mean"
// suggestions have real work). YAML is written from templates, not a serialiser: 100,000 entities in seconds.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiDefinition, type ApiType } from '../../src/site/testing/org-apis.ts';
import { random } from '../../src/site/testing/org.ts';

export interface ScaleOrg {
  config: string;
  dist: string;
  repos: number;
  entities: number;
  byKind: Record<string, number>;
  docsPages: number;
  dangling: number;
}

const WORDS = ['shipment', 'route', 'label', 'invoice', 'payment', 'parcel', 'depot', 'fleet', 'driver', 'customer', 'quote', 'tracking', 'warehouse', 'pricing', 'billing', 'notification', 'identity', 'catalog', 'search', 'report', 'audit', 'ledger', 'dispatch', 'slot', 'address', 'carrier', 'customs', 'returns', 'claims', 'loyalty'];
const SUFFIXES = ['service', 'worker', 'gateway', 'ui', 'sync', 'importer', 'exporter', 'scheduler', 'store', 'engine'];
const TAGS = ['java', 'kotlin', 'go', 'typescript', 'python', 'rust', 'nodejs', 'react', 'postgres', 'kafka', 'redis', 'grpc', 'rest', 'graphql', 'pci', 'gdpr', 'tier-1', 'tier-2', 'internal', 'public'];
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Emma', 'Felix', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Kira', 'Liam', 'Maya', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq'];
const LAST = ['Lindqvist', 'Okafor', 'Moreau', 'Tanaka', 'Novak', 'Silva', 'Schmidt', 'Haddad', 'Kowalski', 'Nguyen'];
const LIFECYCLES = ['production', 'production', 'production', 'experimental', 'deprecated'];
const COMPONENT_TYPES = ['service', 'service', 'service', 'website', 'library', 'worker'];
const RESOURCE_TYPES = ['database', 's3-bucket', 'queue', 'cache', 'topic'];
const API_TYPES: ApiType[] = ['openapi', 'openapi', 'openapi', 'openapi', 'openapi', 'openapi', 'asyncapi', 'asyncapi', 'graphql', 'grpc'];
const USERS_PER_FILE = 1000;
const PAGES_PER_SITE = 10;

/** A YAML flow list of plain scalars (every name here is plain-safe). */
const list = (items: readonly string[]) => `[${items.join(', ')}]`;

export function writeScaleOrg(dir: string, entities: number, seed = 1): ScaleOrg {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const count = (share: number, min: number) => Math.max(min, Math.round(entities * share));
  const nUsers = count(0.4, 2);
  const nGroups = count(0.02, 3);
  const nComponents = count(0.35, 2);
  const nApis = count(0.1, 1);
  const nResources = count(0.08, 1);
  const nDomains = count(0.005, 1);
  const nSystems = Math.max(1, entities - nUsers - nGroups - nComponents - nApis - nResources - nDomains);
  const docsPages = count(0.02, PAGES_PER_SITE);
  const root = join(dir, 'org');
  let repos = 0;
  let dangling = 0;
  const repo = (name: string, files: Record<string, string>) => {
    repos++;
    for (const [path, text] of Object.entries(files)) {
      const file = join(root, name, path);
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(file, text);
    }
  };

  // Groups: a tree four children wide, so 2,000 groups are seven levels deep.
  const groups: string[] = [];
  const orgDocs: string[] = [];
  for (let i = 0; i < nGroups; i++) {
    const name = i === 0 ? 'engineering' : `team-${WORDS[i % WORDS.length]}-${i}`;
    const parent = i === 0 ? undefined : groups[Math.floor((i - 1) / 4)]!;
    groups.push(name);
    orgDocs.push(`apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: ${name}
  description: The ${name.replace(/-\d+$/, '').replace(/-/g, ' ')} people.
spec:
  type: ${i === 0 ? 'organization' : i < 21 ? 'business-unit' : 'team'}
  profile:
    displayName: ${name.replace(/-/g, ' ')}
    email: ${name}@example.com
${parent ? `  parent: ${parent}\n` : ''}  children: []
`);
  }
  // Owners are teams at the leaves' level (the last three quarters of the tree).
  const teams = groups.slice(Math.floor(groups.length / 4));
  const people: string[][] = [];
  for (let i = 0; i < nUsers; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const name = `${first}.${last}-${i}`.toLowerCase();
    const file = Math.floor(i / USERS_PER_FILE);
    (people[file] ??= []).push(`apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: ${name}
spec:
  profile:
    displayName: ${first} ${last}
    email: ${name}@example.com
  memberOf: [${teams[i % teams.length]}]
`);
  }
  // The org repo holds the groups and a Location per file of users, as an HR import would.
  const orgFiles: Record<string, string> = {};
  people.forEach((docs, i) => (orgFiles[`people/people-${i}.yaml`] = docs.join('---\n')));
  orgDocs.push(`apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: people
spec:
  targets: ${list(people.map((_, i) => `./people/people-${i}.yaml`))}
`);
  orgFiles['catalog-info.yaml'] = orgDocs.join('---\n');
  repo('org', orgFiles);

  const domains = Array.from({ length: nDomains }, (_, i) => `${WORDS[i % WORDS.length]}-domain-${i}`);
  const systems = Array.from({ length: nSystems }, (_, i) => ({ name: `${WORDS[i % WORDS.length]}-system-${i}`, owner: teams[i % teams.length]!, domain: domains[i % domains.length]! }));
  repo('systems', {
    'catalog-info.yaml': [
      ...domains.map((d, i) => `apiVersion: backstage.io/v1alpha1
kind: Domain
metadata:
  name: ${d}
  description: Everything about ${WORDS[i % WORDS.length]}s.
spec:
  owner: ${groups[1 + (i % Math.min(4, groups.length - 1))] ?? 'engineering'}
`),
      ...systems.map((s) => `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: ${s.name}
  description: A slice of the ${s.name.split('-')[0]} business.
spec:
  owner: ${s.owner}
  domain: ${s.domain}
`),
    ].join('---\n'),
  });

  // Components, one repo each; APIs and resources live in the repos of the components that provide them.
  const apiNames = Array.from({ length: nApis }, (_, i) => `${WORDS[i % WORDS.length]}-${API_TYPES[i % API_TYPES.length]}-api-${i}`);
  const resourceNames = Array.from({ length: nResources }, (_, i) => `${WORDS[i % WORDS.length]}-${RESOURCE_TYPES[i % RESOURCE_TYPES.length]}-${i}`);
  const docsSites = Math.ceil(docsPages / PAGES_PER_SITE);
  const componentNames: string[] = [];
  for (let i = 0; i < nComponents; i++) {
    const name = `${WORDS[i % WORDS.length]}-${SUFFIXES[i % SUFFIXES.length]}-${i}`;
    componentNames.push(name);
    const system = systems[i % systems.length]!;
    const docs: string[] = [];
    const files: Record<string, string> = {};
    // APIs i, i + nComponents, … are provided here; the same for resources.
    const provides: string[] = [];
    for (let a = i; a < nApis; a += nComponents) {
      const type = API_TYPES[a % API_TYPES.length]!;
      const def = apiDefinition(type, apiNames[a]!, rnd);
      files[`apis/${apiNames[a]}.${def.ext}`] = def.text;
      provides.push(apiNames[a]!);
      docs.push(`apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: ${apiNames[a]}
  description: The ${type} interface of ${name}.
  tags: ${list([pick(TAGS)])}
spec:
  type: ${type}
  lifecycle: ${pick(LIFECYCLES)}
  owner: ${system.owner}
  system: ${system.name}
  definition:
    $text: ./apis/${apiNames[a]}.${def.ext}
`);
    }
    const uses: string[] = [];
    for (let r = i; r < nResources; r += nComponents) {
      uses.push(`resource:${resourceNames[r]}`);
      docs.push(`apiVersion: backstage.io/v1alpha1
kind: Resource
metadata:
  name: ${resourceNames[r]}
  description: The ${RESOURCE_TYPES[r % RESOURCE_TYPES.length]} of ${name}.
spec:
  type: ${RESOURCE_TYPES[r % RESOURCE_TYPES.length]}
  owner: ${system.owner}
  system: ${system.name}
`);
    }
    const consumes = nApis > 1 ? [apiNames[Math.floor(rnd() * nApis)]!, apiNames[Math.floor(rnd() * nApis)]!].filter((a, k, all) => !provides.includes(a) && all.indexOf(a) === k) : [];
    const dependsOn = [...uses, ...(i > 0 && rnd() < 0.5 ? [`component:${componentNames[Math.floor(rnd() * i)]}`] : [])];
    // One repo in three refers to something renamed: a team (the old name) or an API (its old version).
    let owner = system.owner;
    if (i % 3 === 1) {
      dangling++;
      if (i % 2 === 0) owner = `${owner}-old`;
      else consumes.push(`${apiNames[Math.floor(rnd() * nApis)]}-v1`);
    }
    const hasDocs = i < docsSites;
    docs.unshift(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: Handles ${pick(WORDS)} requests for the ${pick(WORDS)} and ${pick(WORDS)} flows.
  tags: ${list([...new Set([pick(TAGS), pick(TAGS)])])}
  links:
    - url: https://grafana.example.com/d/${name}
      title: Dashboard
${hasDocs ? '  annotations:\n    backstage.io/techdocs-ref: dir:.\n' : ''}spec:
  type: ${pick(COMPONENT_TYPES)}
  lifecycle: ${pick(LIFECYCLES)}
  owner: ${owner}
  system: ${system.name}
${provides.length ? `  providesApis: ${list(provides)}\n` : ''}${consumes.length ? `  consumesApis: ${list(consumes)}\n` : ''}${dependsOn.length ? `  dependsOn: ${list(dependsOn)}\n` : ''}`);
    files['catalog-info.yaml'] = docs.join('---\n');
    if (hasDocs) {
      files['mkdocs.yml'] = `site_name: ${name}\n`;
      for (let p = 0; p < PAGES_PER_SITE; p++) {
        files[`docs/${p === 0 ? 'index' : `page-${p}`}.md`] = `# ${name}: ${p === 0 ? 'overview' : `topic ${p}`}

${name} ${pick(['handles', 'computes', 'stores'])} ${pick(WORDS)}s. This page describes how it is run, deployed and observed.

## Running it

\`\`\`sh
make run SERVICE=${name}
\`\`\`

- Dashboards: see the Dashboard link on the entity page.
- On call: the owning team, in office hours.

| setting | default |
| --- | --- |
| replicas | ${1 + Math.floor(rnd() * 5)} |
| timeout | ${Math.floor(rnd() * 30)} s |
`;
      }
    }
    repo(`repo-${name}`, files);
  }

  const config = join(dir, 'backlot.config.yaml');
  writeFileSync(
    config,
    `site:
  title: Scale Org
  base: /
  outDir: dist
sources:
  - type: local
    path: org
    org: scale-org
    catalogPath: /catalog-info.yaml
`,
  );
  return {
    config,
    dist: join(dir, 'dist'),
    repos,
    entities: nUsers + nGroups + nComponents + nApis + nResources + nDomains + nSystems + 1,
    byKind: { User: nUsers, Group: nGroups, Component: nComponents, API: nApis, Resource: nResources, System: nSystems, Domain: nDomains, Location: 1 },
    docsPages: docsSites * PAGES_PER_SITE,
    dangling,
  };
}
