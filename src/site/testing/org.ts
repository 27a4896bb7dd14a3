// A generated organisation of any size, deterministic for a seed: groups in a hierarchy, users in teams,
// domains, systems, components, APIs with definitions of the four types, resources, templates, a few
// dangling refs. The benchmark writes it as repos of catalog-info.yaml; tests run the same files through the pipeline.

import type { Entity } from '../../model/entity.ts';
import type { PortalModel } from '../../model/portal.ts';
import { tmpdir } from 'node:os';
import { stringify } from 'yaml';
import { defaultConfig } from '../../config/load.ts';
import { runPipeline } from '../../pipeline/index.ts';
import { memorySnapshot, repoInfo } from '../../snapshot/memory.ts';
import { apiDefinition, type ApiType } from './org-apis.ts';

export interface OrgOptions {
  entities: number;
  /** APIs among the entities (default 5 %). */
  apis?: number;
  seed?: number;
}

export interface OrgEntity {
  repo: string;
  entity: Entity;
  /** For APIs: the definition file, which the YAML references with `$text`. */
  definition?: { path: string; text: string };
}

export interface Org {
  entities: OrgEntity[];
  repos: string[];
}

/** mulberry32: small, fast, good enough to spread test data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['shipment', 'route', 'label', 'invoice', 'payment', 'parcel', 'depot', 'fleet', 'driver', 'customer', 'quote', 'tracking', 'warehouse', 'pricing', 'billing', 'notification', 'identity', 'catalog', 'search', 'report', 'audit', 'ledger', 'dispatch', 'slot', 'address', 'carrier', 'customs', 'returns', 'claims', 'loyalty'];
const SUFFIXES = ['service', 'worker', 'api', 'gateway', 'ui', 'sync', 'importer', 'exporter', 'scheduler', 'store', 'engine', 'bridge', 'portal', 'relay', 'indexer'];
const TAGS = ['java', 'kotlin', 'go', 'typescript', 'python', 'rust', 'nodejs', 'react', 'postgres', 'kafka', 'redis', 'grpc', 'rest', 'graphql', 'pci', 'gdpr', 'tier-1', 'tier-2', 'internal', 'public', 'batch', 'streaming', 'legacy', 'ml'];
const VERBS = ['Handles', 'Computes', 'Stores', 'Publishes', 'Serves', 'Validates', 'Schedules', 'Tracks', 'Reconciles', 'Exports'];
const FIRST = ['Ada', 'Ben', 'Chloe', 'Dev', 'Emma', 'Felix', 'Grace', 'Hugo', 'Iris', 'Jonas', 'Kira', 'Liam', 'Maya', 'Noah', 'Olga', 'Priya', 'Quinn', 'Rosa', 'Sam', 'Tariq', 'Uma', 'Viktor', 'Wen', 'Yara', 'Zoe'];
const LAST = ['Lindqvist', 'Okafor', 'Moreau', 'Tanaka', 'Novak', 'Silva', 'Schmidt', 'Haddad', 'Kowalski', 'Nguyen', 'Rossi', 'Berg', 'Costa', 'Jensen', 'Walsh'];
const LIFECYCLES = ['production', 'production', 'production', 'experimental', 'deprecated'];
const COMPONENT_TYPES = ['service', 'service', 'service', 'website', 'library', 'worker'];
const RESOURCE_TYPES = ['database', 'database', 's3-bucket', 'queue', 'cache', 'topic'];
const API_TYPES: ApiType[] = ['openapi', 'openapi', 'openapi', 'openapi', 'openapi', 'openapi', 'asyncapi', 'asyncapi', 'graphql', 'grpc'];

export function generateOrg(options: OrgOptions): Org {
  const rnd = random(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const some = <T>(list: readonly T[], max: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(rnd() * max) }, () => pick(list)))];
  const n = options.entities;
  const count = (share: number, min: number) => Math.max(min, Math.round(n * share));
  const nDomains = count(0.005, 1);
  const nSystems = count(0.04, 2);
  const nGroups = count(0.04, 3);
  const nUsers = count(0.2, 2);
  const nApis = options.apis ?? count(0.05, 2);
  const nResources = count(0.1, 2);
  const nTemplates = Math.min(10, count(0.001, 1));
  const nComponents = Math.max(1, n - nDomains - nSystems - nGroups - nUsers - nApis - nResources - nTemplates);

  const out: OrgEntity[] = [];
  const meta = (name: string, extra: Record<string, unknown> = {}) => ({ name, ...extra });
  const entity = (kind: string, metadata: Record<string, unknown>, spec: Record<string, unknown>, apiVersion = 'backstage.io/v1alpha1'): Entity =>
    ({ apiVersion, kind, metadata, spec }) as Entity;
  const describe = (what: string) => `${pick(VERBS)} ${what} for the ${pick(WORDS)} and ${pick(WORDS)} flows; owned end to end, on call in office hours.`;

  // Groups: one root, business units under it, teams under those.
  const groups: string[] = [];
  const units = Math.max(1, Math.round(Math.sqrt(nGroups)));
  for (let i = 0; i < nGroups; i++) {
    const name = i === 0 ? 'engineering' : i <= units ? `unit-${WORDS[i % WORDS.length]}-${i}` : `team-${WORDS[i % WORDS.length]}-${i}`;
    const parent = i === 0 ? undefined : i <= units ? 'engineering' : groups[1 + (i % units)];
    groups.push(name);
    out.push({
      repo: 'org',
      entity: entity('Group', meta(name, { ...(i === 0 ? { title: 'Engineering' } : {}), description: i === 0 ? 'All of engineering.' : `The ${name.replace(/-\d+$/, '').replace(/-/g, ' ')} people.` }), {
        type: i === 0 ? 'organization' : i <= units ? 'business-unit' : 'team',
        profile: { displayName: name.replace(/-/g, ' '), email: `${name}@example.com` },
        ...(parent ? { parent } : {}),
        children: [],
      }),
    });
  }
  const teams = groups.length > units + 1 ? groups.slice(units + 1) : groups;

  const users: string[] = [];
  for (let i = 0; i < nUsers; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const name = `${first}.${last}${i >= FIRST.length * LAST.length ? `-${i}` : ''}`.toLowerCase();
    users.push(name);
    out.push({
      repo: 'org',
      entity: entity('User', meta(name), { profile: { displayName: `${first} ${last}`, email: `${name}@example.com` }, memberOf: [teams[i % teams.length]!] }),
    });
  }

  const domains: string[] = [];
  for (let i = 0; i < nDomains; i++) {
    const name = `${WORDS[i % WORDS.length]}-domain${i >= WORDS.length ? `-${i}` : ''}`;
    domains.push(name);
    out.push({ repo: 'org', entity: entity('Domain', meta(name, { description: describe('everything') }), { owner: `group:${groups[1 + (i % units)] ?? 'engineering'}` }) });
  }

  const systems: Array<{ name: string; owner: string; repo: string }> = [];
  for (let i = 0; i < nSystems; i++) {
    const name = `${WORDS[i % WORDS.length]}-${SUFFIXES[Math.floor(i / WORDS.length) % SUFFIXES.length]}-system${i >= WORDS.length * SUFFIXES.length ? `-${i}` : ''}`;
    const owner = teams[i % teams.length]!;
    const repo = `repo-${name}`;
    systems.push({ name, owner, repo });
    out.push({ repo, entity: entity('System', meta(name, { description: describe('a slice of the business'), tags: some(TAGS, 2) }), { owner, domain: domains[i % domains.length] }) });
  }

  const apis: Array<{ name: string; system: number }> = [];
  for (let i = 0; i < nApis; i++) {
    const s = i % systems.length;
    const system = systems[s]!;
    const type = API_TYPES[i % API_TYPES.length]!;
    const name = `${WORDS[i % WORDS.length]}-${type}-api-${i}`;
    apis.push({ name, system: s });
    const definition = apiDefinition(type, name, rnd);
    out.push({
      repo: system.repo,
      entity: entity('API', meta(name, { description: describe(`the ${type} interface`), tags: some(TAGS, 3) }), {
        type,
        lifecycle: pick(LIFECYCLES),
        owner: system.owner,
        system: system.name,
        definition: definition.text,
      }),
      definition: { path: `apis/${name}.${definition.ext}`, text: definition.text },
    });
  }

  const resources: string[] = [];
  for (let i = 0; i < nResources; i++) {
    const system = systems[i % systems.length]!;
    const type = RESOURCE_TYPES[i % RESOURCE_TYPES.length]!;
    const name = `${WORDS[i % WORDS.length]}-${type}-${i}`;
    resources.push(name);
    out.push({ repo: system.repo, entity: entity('Resource', meta(name, { description: describe(`the ${type}`) }), { type, owner: system.owner, system: system.name }) });
  }

  const components: string[] = []; // refs
  for (let i = 0; i < nComponents; i++) {
    const s = i % systems.length;
    const system = systems[s]!;
    const name = `${WORDS[i % WORDS.length]}-${SUFFIXES[i % SUFFIXES.length]}-${i}`;
    const namespace = i % 50 === 7 ? 'labs' : undefined;
    const provides = apis.filter((a) => a.system === s).slice(0, 2).filter(() => rnd() < 0.5).map((a) => a.name);
    const consumes = apis.length ? some(apis, 3).map((a) => a.name).filter((a) => !provides.includes(a)) : [];
    const dependsOn = [
      ...(resources.length ? some(resources, 2).map((r) => `resource:default/${r}`) : []),
      ...(i > 0 && rnd() < 0.5 ? [components[Math.floor(rnd() * i)]!] : []),
      // About one in a hundred points at something that does not exist: the portal must show it as missing.
      ...(rnd() < 0.01 ? [`resource:default/${pick(WORDS)}-gone-db`] : []),
    ];
    components.push(`component:${namespace ?? 'default'}/${name}`);
    out.push({
      repo: system.repo,
      entity: entity(
        'Component',
        meta(name, {
          ...(namespace ? { namespace } : {}),
          ...(i % 3 === 0 ? { title: name.replace(/-\d+$/, '').replace(/(^|-)(\w)/g, (_m, sep: string, c: string) => `${sep ? ' ' : ''}${c.toUpperCase()}`) + ` ${i}` } : {}),
          description: describe('requests'),
          tags: some(TAGS, 3),
          links: [{ url: `https://grafana.example.com/d/${name}`, title: 'Dashboard', type: 'dashboard' }],
        }),
        {
          type: pick(COMPONENT_TYPES),
          lifecycle: pick(LIFECYCLES),
          owner: namespace ? `group:default/${system.owner}` : system.owner,
          system: namespace ? `system:default/${system.name}` : system.name,
          ...(provides.length ? { providesApis: namespace ? provides.map((a) => `api:default/${a}`) : provides } : {}),
          ...(consumes.length ? { consumesApis: consumes.map((a) => `api:default/${a}`) } : {}),
          ...(dependsOn.length ? { dependsOn } : {}),
        },
      ),
    });
  }

  for (let i = 0; i < nTemplates; i++) {
    const name = `${pick(['node', 'go', 'java', 'python', 'docs'])}-${pick(['service', 'library', 'site'])}-template-${i}`;
    out.push({
      repo: 'templates',
      entity: entity(
        'Template',
        meta(name, { title: `New ${name.replace(/-template-\d+$/, '').replace(/-/g, ' ')}`, description: 'Creates a repository with CI, catalog-info.yaml and docs.', tags: ['recommended'] }),
        { type: 'service', owner: teams[0]!, steps: [{ id: 'fetch', name: 'Fetch skeleton', action: 'fetch:template', input: { url: './skeleton' } }] },
        'scaffolder.backstage.io/v1beta3',
      ),
    });
  }

  return { entities: out, repos: [...new Set(out.map((e) => e.repo))] };
}

/** The org as repos of files: each repo's entities in one catalog-info.yaml, an API's definition in its own file (`$text`). */
export function orgRepoFiles(org: Org): Map<string, Record<string, string>> {
  const byRepo = new Map<string, { docs: string[]; files: Record<string, string> }>();
  for (const { repo, entity, definition } of org.entities) {
    let repoFiles = byRepo.get(repo);
    if (!repoFiles) byRepo.set(repo, (repoFiles = { docs: [], files: {} }));
    let doc = entity;
    if (definition) {
      repoFiles.files[definition.path] = definition.text;
      doc = { ...entity, spec: { ...entity.spec, definition: { $text: `./${definition.path}` } } };
    }
    repoFiles.docs.push(stringify(doc, { lineWidth: 0 }));
  }
  // The templates fetch ./skeleton: give it one file, so the build's template check finds the folder.
  const templates = byRepo.get('templates');
  if (templates) templates.files['skeleton/README.md'] = '# ${{ values.name }}\n';
  return new Map([...byRepo].map(([repo, { docs, files }]) => [repo, { ...files, 'catalog-info.yaml': docs.join('---\n') }]));
}

/** The org as a build models it: its files run through the real pipeline (catalog, graph, apis, docs). */
export async function orgModel(org: Org, site: { title: string; description?: string } = { title: 'Generated Org' }): Promise<PortalModel> {
  const snapshot = memorySnapshot([...orgRepoFiles(org)].map(([name, files]) => ({ repo: repoInfo(name), files })));
  const config = defaultConfig(tmpdir());
  const { model } = await runPipeline({ ...config, site: { ...config.site, ...site } }, snapshot, { catalogPath: () => '/catalog-info.yaml', previews: true });
  return model;
}
