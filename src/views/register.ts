// "Register existing component": what the form offers (pickers by display name, from the catalog) and what it
// writes (a catalog-info.yaml, GitHub's new-file link, the validate command). Pure and browser-safe: the page
// renders the options and its script writes the file with the same functions.

import type { CustomKindConfig } from '../config/types.ts';
import { humanizeRef } from '../model/entityRef.ts';
import { parseGithubUrl } from '../model/githubUrl.ts';
import type { PortalModel } from '../model/portal.ts';
import { entityTitle } from './entities.ts';

export const REGISTER_KINDS = ['Component', 'Resource', 'System'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/** What each kind's spec takes (from the kind schemas in src/catalog/validate/schemas/). */
export const KIND_FIELDS: Record<RegisterKind, { type: 'required' | 'optional'; lifecycle: boolean; system: boolean }> = {
  Component: { type: 'required', lifecycle: true, system: true },
  Resource: { type: 'required', lifecycle: false, system: true },
  System: { type: 'optional', lifecycle: false, system: false },
};

const SUGGESTED_TYPES: Record<RegisterKind, string[]> = {
  Component: ['service', 'website', 'library'],
  Resource: ['database', 's3-bucket', 'kubernetes-cluster'],
  System: [],
};
const SUGGESTED_LIFECYCLES = ['production', 'experimental', 'deprecated'];

/**
 * Users listed in the owner picker at most: each option costs about 60 bytes of HTML, so an org of 10,000 users
 * would make this page 600 KB. Past it the picker lists groups, and a user is typed as `user:<name>`.
 */
export const MAX_USER_CHOICES = 1000;

export interface PickerChoice {
  /** What the file gets: the ref written as short as it reads (`team-a`, `user:jane`). */
  value: string;
  /** The display name, then the ref when they differ. */
  label: string;
}

export interface RepoChoice {
  url: string;
  branch: string;
}

export interface RegisterPageData {
  /** Users are left out (`usersLeftOut` says how many) past MAX_USER_CHOICES. */
  owners: { groups: PickerChoice[]; users: PickerChoice[]; usersLeftOut: number };
  systems: PickerChoice[];
  /** Types in use per kind, most used first, then Backstage's usual ones. */
  types: Record<RegisterKind, string[]>;
  lifecycles: string[];
  /** Crawled repos with no entity yet, the likeliest to register. */
  repos: RepoChoice[];
  /** GitHub's web origin, for the repo URL's placeholder. */
  githubWeb: string;
  /** The portal's repo (`owner/name`), where `backlot validate` is run. */
  portalRepo?: string;
  customKinds: CustomKindConfig[];
}

function choice(ref: string, title: string, defaultKind: string): PickerChoice {
  const value = humanizeRef(ref, defaultKind);
  const name = ref.slice(ref.lastIndexOf('/') + 1);
  return { value, label: title !== name ? `${title} (${value})` : value };
}

const byLabel = (a: PickerChoice, b: PickerChoice) => a.label.localeCompare(b.label, 'en', { sensitivity: 'base' });

function inUse(counts: Map<string, number>, suggested: readonly string[]): string[] {
  const used = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  return [...new Set([...used, ...suggested])];
}

export function registerPageData(model: PortalModel): RegisterPageData {
  const groups: PickerChoice[] = [];
  const users: PickerChoice[] = [];
  const systems: PickerChoice[] = [];
  const typeCounts = Object.fromEntries(REGISTER_KINDS.map((k) => [k, new Map<string, number>()])) as Record<RegisterKind, Map<string, number>>;
  const lifecycles = new Map<string, number>();
  const withEntities = new Set<string>();
  const count = (map: Map<string, number>, value: unknown) => {
    if (typeof value === 'string' && value) map.set(value, (map.get(value) ?? 0) + 1);
  };
  for (const { ref, entity, source } of model.entities) {
    withEntities.add(source.repo);
    const kind = entity.kind;
    if (kind === 'Group') groups.push(choice(ref, entityTitle(entity), 'group'));
    else if (kind === 'User') users.push(choice(ref, entityTitle(entity), 'group'));
    else if (kind === 'System') systems.push(choice(ref, entityTitle(entity), 'system'));
    if ((REGISTER_KINDS as readonly string[]).includes(kind)) count(typeCounts[kind as RegisterKind], entity.spec?.type);
    if (kind === 'Component') count(lifecycles, entity.spec?.lifecycle);
  }
  const web = (model.site.githubUrl ?? 'https://github.com').replace(/\/+$/, '');
  return {
    owners: {
      groups: groups.sort(byLabel),
      users: users.length > MAX_USER_CHOICES ? [] : users.sort(byLabel),
      usersLeftOut: users.length > MAX_USER_CHOICES ? users.length : 0,
    },
    systems: systems.sort(byLabel),
    types: Object.fromEntries(REGISTER_KINDS.map((k) => [k, inUse(typeCounts[k], SUGGESTED_TYPES[k])])) as Record<RegisterKind, string[]>,
    lifecycles: inUse(lifecycles, SUGGESTED_LIFECYCLES),
    repos: model.repos.filter((r) => !withEntities.has(r.name)).map((r) => ({ url: r.url, branch: r.defaultBranch })),
    githubWeb: web,
    ...(model.site.repo ? { portalRepo: model.site.repo } : {}),
    customKinds: model.customKinds ?? [],
  };
}

/** What the page's script needs besides the form's own options (which the page renders). */
export type RegisterScriptData = Pick<RegisterPageData, 'repos' | 'githubWeb' | 'customKinds'>;

export function registerScriptData(data: RegisterPageData): RegisterScriptData {
  return { repos: data.repos, githubWeb: data.githubWeb, customKinds: data.customKinds };
}

/** The owner select's value that asks for a typed ref instead (orgs with more than MAX_USER_CHOICES users). */
export const OTHER_OWNER = '*other';

export interface RegisterValues {
  kind: RegisterKind;
  name: string;
  title?: string;
  description?: string;
  owner: string;
  system?: string;
  type?: string;
  lifecycle?: string;
  /** Adds `backstage.io/techdocs-ref: dir:.` (an mkdocs.yml and docs/ at the repo's root). */
  docs: boolean;
  repoUrl?: string;
}

/** The entity the form describes, fields in the order Backstage's examples write them; empty fields left out. */
export function registerEntity(values: RegisterValues): Record<string, unknown> {
  const fields = KIND_FIELDS[values.kind];
  const clean = (s: string | undefined) => s?.trim() || undefined;
  const metadata: Record<string, unknown> = { name: values.name.trim() };
  const title = clean(values.title);
  const description = clean(values.description);
  if (title) metadata.title = title;
  if (description) metadata.description = description;
  if (values.docs) metadata.annotations = { 'backstage.io/techdocs-ref': 'dir:.' };
  const spec: Record<string, unknown> = {};
  const type = clean(values.type);
  if (type) spec.type = type;
  const lifecycle = clean(values.lifecycle);
  if (fields.lifecycle && lifecycle) spec.lifecycle = lifecycle;
  spec.owner = values.owner.trim();
  const system = clean(values.system);
  if (fields.system && system) spec.system = system;
  return { apiVersion: 'backstage.io/v1alpha1', kind: values.kind, metadata, spec };
}

// YAML 1.1 and 1.2 words that read as something other than a string, and anything that looks like a number.
const NOT_PLAIN = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\.?\d|\.inf|\.nan)[\w.+-]*)$/i;

/** A string as YAML writes it: plain when that reads back as the same string, else double-quoted (JSON's escapes are YAML's). */
export function yamlString(value: string): string {
  const plain =
    value !== '' &&
    !NOT_PLAIN.test(value) &&
    /^[^\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/[\s]$/.test(value) &&
    !/: |:$| #|[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(value);
  return plain ? value : JSON.stringify(value);
}

function writeYaml(value: unknown, indent: string): string {
  if (typeof value === 'string') return ` ${yamlString(value)}\n`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `\n${entries.map(([k, v]) => `${indent}${yamlString(k)}:${writeYaml(v, `${indent}  `)}`).join('')}`;
}

/** The catalog-info.yaml of the form's values (mappings of strings only, so a small writer does). */
export function catalogInfoYaml(values: RegisterValues): string {
  return writeYaml(registerEntity(values), '').slice(1);
}

/**
 * GitHub's "create new file" page in the repo, with the file filled in; undefined when the URL names no repo.
 * The branch is the one the URL names (`…/tree/<branch>`), else `branch`.
 */
export function newFileUrl(repoUrl: string, branch: string, text: string): string | undefined {
  const repo = parseGithubUrl(repoUrl.trim().replace(/\.git$/, ''));
  if (!repo) return undefined;
  const url = new URL(repoUrl.trim());
  const onBranch = repo.mode === 'tree' && repo.rest ? repo.rest : branch;
  const name = repo.repo.replace(/\.git$/, '');
  const path = [repo.owner, name, 'new', ...onBranch.split('/')].map(encodeURIComponent).join('/');
  return `${url.protocol}//${repo.host}/${path}?${new URLSearchParams({ filename: 'catalog-info.yaml', value: text })}`;
}

/** The command that checks the file as the build will, from a checkout of the portal repo beside the service repo. */
export function validateCommand(repoUrl: string | undefined): string {
  const name = repoUrl ? parseGithubUrl(repoUrl.trim())?.repo.replace(/\.git$/, '') : undefined;
  return `npx backlot validate --strict ../${name ?? '<your-repo>'}`;
}

/** The form field a problem belongs to (`metadata.name`), from its path or, for a missing field, its message. */
export function problemField(problem: { path: ReadonlyArray<string | number>; message: string }): string | undefined {
  if (problem.path.length >= 2) return `${problem.path[0]}.${problem.path[1]}`;
  return /^((?:metadata|spec)\.\w+) is required/.exec(problem.message)?.[1];
}
