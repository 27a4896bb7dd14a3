// Backstage's GitHub discovery filters, with the same names, defaults and edge cases
// (`catalog-backend-module-github`: GithubEntityProviderConfig.ts and lib/util.ts).

import type { GithubSourceConfig } from '../../config/types.ts';

export interface FilterableRepo {
  name: string;
  topics: readonly string[];
  fork: boolean;
  archived: boolean;
  /** As GitHub spells it (`PUBLIC`, `PRIVATE`, `INTERNAL`) or lower case. */
  visibility: string;
}

/** Backstage anchors the pattern by adding `^`/`$` only where missing, not by wrapping it in a group. */
export function compileRepositoryPattern(pattern: string): RegExp {
  let anchored = pattern;
  if (!anchored.startsWith('^')) anchored = `^${anchored}`;
  if (!anchored.endsWith('$')) anchored = `${anchored}$`;
  return new RegExp(anchored);
}

/** At least one `include` topic when include is set; no `exclude` topic when exclude is set; exclude wins. */
export function satisfiesTopicFilter(topics: readonly string[], filter: { include?: string[]; exclude?: string[] } | undefined): boolean {
  const include = filter?.include ?? [];
  const exclude = filter?.exclude ?? [];
  if (exclude.length > 0 && topics.some((t) => exclude.includes(t))) return false;
  if (include.length > 0) return topics.some((t) => include.includes(t));
  return true;
}

export function satisfiesVisibilityFilter(visibility: string, allowed: readonly string[] | undefined): boolean {
  if (!allowed || allowed.length === 0) return true;
  return allowed.some((v) => v.toLowerCase() === visibility.toLowerCase());
}

export type RepoFilter = (repo: FilterableRepo) => boolean;

export function repoFilter(filters: GithubSourceConfig['filters']): RepoFilter {
  const pattern = filters.repository ? compileRepositoryPattern(filters.repository) : undefined;
  return (repo) =>
    (filters.allowArchived || !repo.archived) &&
    (filters.allowForks || !repo.fork) &&
    (!pattern || pattern.test(repo.name)) &&
    satisfiesTopicFilter(repo.topics, filters.topic) &&
    satisfiesVisibilityFilter(repo.visibility, filters.visibility);
}

/** Filters GitHub can apply while listing, so excluded repos cost no page at all. */
export function serverSideFilters(filters: GithubSourceConfig['filters']): { isArchived: boolean | null; isFork: boolean | null; visibility: string | null } {
  return {
    isArchived: filters.allowArchived ? null : false,
    isFork: filters.allowForks ? null : false,
    visibility: filters.visibility && filters.visibility.length === 1 ? filters.visibility[0]!.toUpperCase() : null,
  };
}
