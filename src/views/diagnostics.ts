// Diagnostics sliced the ways the pages show them.

import { compareDiagnostics, type Diagnostic } from '../model/diagnostic.ts';
import type { RepoInfo } from '../model/repo.ts';
import { findRepo, repoFileUrl } from './repos.ts';

export interface SeverityCounts {
  errors: number;
  warnings: number;
}

export function countSeverities(diagnostics: readonly Diagnostic[]): SeverityCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === 'error') errors += 1;
    else warnings += 1;
  }
  return { errors, warnings };
}

/** Each entity's own problems (keyed by lower-case ref), in file order: one pass over all diagnostics. */
export function diagnosticsByEntity(diagnostics: readonly Diagnostic[]): Map<string, Diagnostic[]> {
  const byEntity = new Map<string, Diagnostic[]>();
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    if (!d.entity) continue;
    const key = d.entity.toLowerCase();
    const list = byEntity.get(key);
    if (list) list.push(d);
    else byEntity.set(key, [d]);
  }
  return byEntity;
}

export interface RepoDiagnostics extends SeverityCounts {
  repo: string;
  diagnostics: Diagnostic[];
}

/** Grouped by repo (repos sorted by name), each group in file order. */
export function diagnosticsByRepo(diagnostics: readonly Diagnostic[]): RepoDiagnostics[] {
  const byRepo = new Map<string, Diagnostic[]>();
  for (const d of [...diagnostics].sort(compareDiagnostics)) {
    const list = byRepo.get(d.repo) ?? [];
    list.push(d);
    byRepo.set(d.repo, list);
  }
  return [...byRepo].map(([repo, list]) => ({ repo, diagnostics: list, ...countSeverities(list) }));
}

/** Problems a page lists per file and code; the rest are counted, and all are in `api/catalog/diagnostics.json`. */
export const SHOWN_PER_FILE_AND_CODE = 20;

export type DiagnosticRow =
  | { kind: 'diagnostic'; diagnostic: Diagnostic }
  | { kind: 'more'; repo: string; file: string; code: string; count: number };

/**
 * The rows a page shows for `diagnostics` (in file order): the first `limit` per file and code, then one
 * "and N more" row per cut code at the end of its file. One file with 50,000 dangling refs made a 22 MB
 * entity page and a 28 MB Problems page; now 20 rows and a count.
 */
export function diagnosticRows(diagnostics: readonly Diagnostic[], limit = SHOWN_PER_FILE_AND_CODE): DiagnosticRow[] {
  const rows: DiagnosticRow[] = [];
  let file: string | undefined;
  let seen = new Map<string, number>();
  const flush = (last: Diagnostic | undefined) => {
    if (!last) return;
    for (const [code, count] of seen) {
      if (count > limit) rows.push({ kind: 'more', repo: last.repo, file: last.file, code, count: count - limit });
    }
  };
  let previous: Diagnostic | undefined;
  for (const d of diagnostics) {
    const key = `${d.repo}\0${d.file}`;
    if (key !== file) {
      flush(previous);
      file = key;
      seen = new Map();
    }
    const count = (seen.get(d.code) ?? 0) + 1;
    seen.set(d.code, count);
    if (count <= limit) rows.push({ kind: 'diagnostic', diagnostic: d });
    previous = d;
  }
  flush(previous);
  return rows;
}

/** A row of a list of diagnostics as the pages show it (src/site/render/diagnostics-html.ts renders them). */
export interface DiagnosticItem {
  /** The problem, or for a cut row the last one shown before it (its repo and file are the row's). */
  diagnostic: Diagnostic;
  /** A row standing for `count` problems of `code` in that file not listed (see diagnosticRows). */
  more?: { code: string; count: number };
  /** The line on the repo's web host, when the repo is known. */
  url?: string;
}

/** diagnosticRows as items, each linked into its repo. */
export function diagnosticItems(diagnostics: readonly Diagnostic[], repos: readonly RepoInfo[]): DiagnosticItem[] {
  const items: DiagnosticItem[] = [];
  let last: Diagnostic | undefined;
  for (const row of diagnosticRows(diagnostics)) {
    const d = row.kind === 'diagnostic' ? row.diagnostic : last!;
    last = d;
    const repo = findRepo(repos, d.repo);
    items.push({
      diagnostic: d,
      ...(row.kind === 'more' ? { more: { code: row.code, count: row.count } } : {}),
      ...(repo ? { url: repoFileUrl(repo, d.file, d.line) } : {}),
    });
  }
  return items;
}

/** `file:line:col`; line 0 means no position, so only the file. */
export function diagnosticLocation(d: Pick<Diagnostic, 'file' | 'line' | 'column'>): string {
  if (d.line <= 0) return d.file;
  return d.column > 0 ? `${d.file}:${d.line}:${d.column}` : `${d.file}:${d.line}`;
}
