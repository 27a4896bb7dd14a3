// Backstage's scaffolder filters (`plugin-scaffolder-backend/src/lib/templating/filters`), for nunjitsu.

import type { TemplateFilter, TemplateValue } from 'nunjitsu';
import { parseEntityRef as parseRef } from '../model/entityRef.ts';

export interface RepoUrlParts {
  host: string;
  repo: string;
  owner?: string;
  organization?: string;
  workspace?: string;
  project?: string;
}

/** `github.com?owner=o&repo=r` (what RepoUrlPicker produces) → its parts. */
export function parseRepoUrl(repoUrl: string): RepoUrlParts {
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new Error(`Invalid repo URL "${repoUrl}"; expected host?owner=<owner>&repo=<repo>`);
  }
  const get = (key: string) => url.searchParams.get(key) || undefined;
  const parts: RepoUrlParts = { host: url.host, repo: get('repo') ?? '' };
  for (const key of ['owner', 'organization', 'workspace', 'project'] as const) {
    const value = get(key);
    if (value) parts[key] = value;
  }
  if (!url.host || !parts.repo || !(parts.owner || parts.organization || parts.workspace)) {
    throw new Error(`Invalid repo URL "${repoUrl}"; expected host?owner=<owner>&repo=<repo>`);
  }
  return parts;
}

const text = (value: unknown, filter: string): string => {
  if (typeof value !== 'string') throw new TypeError(`${filter} expects a string, got ${value === undefined ? 'nothing' : typeof value}`);
  return value;
};

const isRecord = (value: unknown): value is Record<string, TemplateValue> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set);

export const scaffolderFilters: Readonly<Record<string, TemplateFilter>> = {
  parseRepoUrl: (input) => ({ ...parseRepoUrl(text(input, 'parseRepoUrl')) }),
  projectSlug(input) {
    const parts = parseRepoUrl(text(input, 'projectSlug'));
    return `${parts.owner ?? parts.workspace ?? parts.organization}/${parts.repo}`;
  },
  parseEntityRef(input, context) {
    const options = isRecord(context) ? context : {};
    const str = (v: TemplateValue | undefined) => (typeof v === 'string' ? v : undefined);
    const defaultKind = str(options.defaultKind);
    const defaultNamespace = str(options.defaultNamespace);
    return {
      ...parseRef(text(input, 'parseEntityRef'), {
        ...(defaultKind ? { defaultKind } : {}),
        ...(defaultNamespace ? { defaultNamespace } : {}),
      }),
    };
  },
  /** `pick('a.b')`: a property, or a dotted path of properties. */
  pick(input, path) {
    let value: TemplateValue | undefined = input;
    for (const key of text(path, 'pick').split('.')) {
      value = isRecord(value) && Object.hasOwn(value, key) ? value[key] : undefined;
    }
    return value;
  },
};
