// The Problems page: every diagnostic with what it is filtered and grouped by (severity, code, repo, the owner
// of its entity, and the teams above that owner), errors first. Pure; the page renders it and the browser
// (client/problems.ts) filters and regroups with the same functions. Linear in diagnostics: each owner's
// chain of parent groups is walked once.

import { compareDiagnostics, type Diagnostic, type Severity } from '../model/diagnostic.ts';
import type { RepoInfo } from '../model/repo.ts';
import { shownRef } from '../model/entityRef.ts';
import { diagnosticItems, type DiagnosticItem } from './diagnostics.ts';
import { entityTitle, findEntity, type EntityIndex } from './entities.ts';
import { parentGroups } from './org.ts';

export const PROBLEM_KEYS = ['severity', 'code', 'repo', 'owner'] as const;
export type ProblemKey = (typeof PROBLEM_KEYS)[number];

/** What a problem is filtered and grouped by; `weight` is how many diagnostics it stands for (a cut row, more). */
export interface ProblemFacts {
  severity: Severity;
  code: string;
  repo: string;
  /** Owner ref of the problem's entity, lower-case; '' when it has none. */
  owner: string;
  /** The owner when it is a group, then its parent groups up the tree: "my team" matches any of them. */
  teams: string[];
  weight: number;
}

export interface ProblemItem extends ProblemFacts, DiagnosticItem {}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface ProblemsView {
  /** Errors first, then in file order. */
  items: ProblemItem[];
  /** Every value of each key with its count of diagnostics, most first (errors before warnings). */
  facets: Record<ProblemKey, FacetValue[]>;
  /** Groups that own something with problems, directly or through child groups. */
  teams: FacetValue[];
  /** Display names of owners and teams, by lower-case ref. */
  labels: Record<string, string>;
}

export function problemsView(diagnostics: readonly Diagnostic[], index: EntityIndex, repos: readonly RepoInfo[]): ProblemsView {
  const sorted = [...diagnostics].sort(compareDiagnostics);
  const labels: Record<string, string> = {};
  const chains = new Map<string, string[]>();
  const label = (ref: string) => {
    if (!(ref in labels)) {
      const found = findEntity(index, ref);
      labels[ref] = found ? entityTitle(found.entity) : shownRef(ref);
    }
    return labels[ref]!;
  };
  const teamsOf = (owner: string): string[] => {
    let chain = chains.get(owner);
    if (chain) return chain;
    chain = [];
    const seen = new Set<string>();
    let frontier = owner.startsWith('group:') ? [owner] : [];
    while (frontier.length) {
      const next: string[] = [];
      for (const ref of frontier) {
        if (seen.has(ref)) continue;
        seen.add(ref);
        chain.push(ref);
        label(ref);
        const group = findEntity(index, ref);
        if (group) next.push(...parentGroups(group.entity).map((r) => r.toLowerCase()));
      }
      frontier = next;
    }
    chains.set(owner, chain);
    return chain;
  };
  const ownerOf = (entityRef: string | undefined): string => {
    if (!entityRef) return '';
    const found = findEntity(index, entityRef);
    const rel = found?.entity.relations?.find((r) => r.type === 'ownedBy');
    return rel ? rel.targetRef.toLowerCase() : '';
  };

  const items: ProblemItem[] = [];
  for (const item of diagnosticItems(sorted, repos)) {
    const d = item.diagnostic;
    const owner = ownerOf(d.entity);
    if (owner) label(owner);
    items.push({
      ...item,
      severity: d.severity,
      // A cut row's code is the code it counts, not that of the file's last problem shown.
      code: item.more?.code ?? d.code,
      repo: d.repo,
      owner,
      teams: owner ? teamsOf(owner) : [],
      weight: item.more?.count ?? 1,
    });
  }
  // Stable: errors first, file order within each severity.
  const ordered = [...items.filter((i) => i.severity === 'error'), ...items.filter((i) => i.severity !== 'error')];

  const counts = problemCounts(ordered, emptyProblemQuery());
  const facet = (key: ProblemKey): FacetValue[] =>
    [...counts[key]]
      .map(([value, count]) => ({ value, label: facetValueLabel(key, value, labels), count }))
      .sort((a, b) => (key === 'severity' ? severityRank(a.value) - severityRank(b.value) : b.count - a.count || a.label.localeCompare(b.label)));
  const teams = [...counts.team]
    .map(([value, count]) => ({ value, label: labels[value] ?? value, count }))
    .sort((a, b) => a.label.localeCompare(b.label));
  return { items: ordered, facets: { severity: facet('severity'), code: facet('code'), repo: facet('repo'), owner: facet('owner') }, teams, labels };
}

export function facetValueLabel(key: ProblemKey, value: string, labels: Record<string, string>): string {
  if (key === 'owner') return value ? (labels[value] ?? value) : 'No owner';
  if (key === 'severity') return value === 'error' ? 'Errors' : 'Warnings';
  // A plugin's or the config's diagnostic names no repo: it is about the portal's own files.
  if (key === 'repo' && !value) return 'The portal’s own files';
  return value;
}

function severityRank(severity: string): number {
  return severity === 'error' ? 0 : 1;
}

/** The filters and grouping, as the page's URL holds them. */
export interface ProblemQuery {
  filters: Record<ProblemKey, string>;
  /** A group whose problems (direct and through child groups) are shown; '' for everyone's. */
  team: string;
  group: ProblemKey | 'none';
}

export const DEFAULT_GROUP: ProblemQuery['group'] = 'code';

export function emptyProblemQuery(): ProblemQuery {
  return { filters: { severity: '', code: '', repo: '', owner: '' }, team: '', group: DEFAULT_GROUP };
}

export function readProblemQuery(search: string): ProblemQuery {
  const params = new URLSearchParams(search);
  const query = emptyProblemQuery();
  for (const key of PROBLEM_KEYS) query.filters[key] = params.get(key) ?? '';
  query.filters.owner = query.filters.owner.toLowerCase();
  query.team = (params.get('team') ?? '').toLowerCase();
  const group = params.get('group');
  if (group === 'none' || (PROBLEM_KEYS as readonly string[]).includes(group ?? '')) query.group = group as ProblemQuery['group'];
  return query;
}

export function writeProblemQuery(query: ProblemQuery): string {
  const params = new URLSearchParams();
  for (const key of PROBLEM_KEYS) if (query.filters[key]) params.set(key, query.filters[key]);
  if (query.team) params.set('team', query.team);
  if (query.group !== DEFAULT_GROUP) params.set('group', query.group);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Whether a problem passes every filter, or every filter but `except`. */
export function matchesProblem(item: ProblemFacts, query: ProblemQuery, except?: ProblemKey | 'team'): boolean {
  for (const key of PROBLEM_KEYS) {
    if (key !== except && query.filters[key] && item[key] !== query.filters[key]) return false;
  }
  return except === 'team' || !query.team || item.teams.includes(query.team);
}

/** Per key, each value's count of diagnostics passing the other filters (so a choice shows what it would give). */
export function problemCounts(items: readonly ProblemFacts[], query: ProblemQuery): Record<ProblemKey | 'team', Map<string, number>> {
  const counts = { severity: new Map(), code: new Map(), repo: new Map(), owner: new Map(), team: new Map() } as Record<ProblemKey | 'team', Map<string, number>>;
  for (const item of items) {
    for (const key of PROBLEM_KEYS) {
      if (matchesProblem(item, query, key)) counts[key].set(item[key], (counts[key].get(item[key]) ?? 0) + item.weight);
    }
    if (matchesProblem(item, query, 'team')) for (const team of item.teams) counts.team.set(team, (counts.team.get(team) ?? 0) + item.weight);
  }
  return counts;
}

export interface ProblemGroup<T extends ProblemFacts> {
  /** The value grouped by ('' for all, when not grouped). */
  value: string;
  errors: number;
  warnings: number;
  items: T[];
}

/** Items grouped by a key: groups with errors first (most errors first), then by size; items keep their order. */
export function groupProblems<T extends ProblemFacts>(items: readonly T[], key: ProblemKey | 'none'): ProblemGroup<T>[] {
  const groups = new Map<string, ProblemGroup<T>>();
  for (const item of items) {
    const value = key === 'none' ? '' : item[key];
    let group = groups.get(value);
    if (!group) groups.set(value, (group = { value, errors: 0, warnings: 0, items: [] }));
    group.items.push(item);
    if (item.severity === 'error') group.errors += item.weight;
    else group.warnings += item.weight;
  }
  return [...groups.values()].sort((a, b) => b.errors - a.errors || b.errors + b.warnings - (a.errors + a.warnings) || a.value.localeCompare(b.value));
}
