// The working state of one `readCatalog` run, shared by its steps.

import type { CatalogEntity, SourcePosition } from '../model/catalog.ts';
import type { Diagnostic, Severity } from '../model/diagnostic.ts';
import type { FileContent, FileRef, RepoInfo, Snapshot } from '../snapshot/types.ts';
import type { FileLocation } from './annotations.ts';
import type { Placeholder } from './placeholders.ts';
import type { ValidationIssue } from './validate/index.ts';

/** A catalog file to parse: a root catalog file or a Location target. */
export interface FileVisit {
  repo: RepoInfo;
  path: string;
  /** The root catalog file this one was reached from (itself for a root). */
  origin: FileLocation;
  /** The Location file that led here; undefined for a root. */
  parent?: FileVisit;
  /** Locations that asked for this file, so a missing file can be reported at each. */
  requests: TargetRequest[];
  done: boolean;
}

/** One Location target that asked for a file. */
export interface TargetRequest {
  from: FileVisit;
  target: string;
  position: SourcePosition;
  optional: boolean;
  /** Ref of the Location entity. */
  entity?: string;
}

/** A parsed entity document waiting for its placeholder files. */
export interface PendingEntity {
  visit: FileVisit;
  index: number;
  value: Record<string, unknown>;
  root: SourcePosition;
  positions: Record<string, SourcePosition>;
  placeholders: Array<{ placeholder: Placeholder; file: FileRef; target: string }>;
}

/** A Location target whose files are found at the start of the next round (globs need a listing). */
export interface QueuedTarget {
  request: TargetRequest;
  repo: RepoInfo;
  path: string;
  glob: boolean;
}

export interface ReadState {
  snapshot: Snapshot;
  validate: (entity: unknown) => ValidationIssue[];
  contents: Map<string, FileContent>;
  listings: Map<string, Promise<string[]>>;
  visits: Map<string, FileVisit>;
  /** Catalog files to parse in the coming round. */
  queue: FileVisit[];
  waiting: PendingEntity[];
  targets: QueuedTarget[];
  found: Array<{ entity: CatalogEntity; index: number }>;
  diagnostics: Diagnostic[];
  files: Array<{ repo: string; path: string; documents: number }>;
  /**
   * Repos whose result depends on more than their own files (a Location or placeholder URL across repos, or one
   * resolved against the build's list of repos) or on a read that failed (retried next build): never kept
   * between builds (./index.ts CatalogReuse).
   */
  volatile: Set<string>;
}

export function fileKey(ref: FileRef): string {
  return `${ref.repo}\0${ref.path}`;
}

export function report(
  state: ReadState,
  severity: Severity,
  code: string,
  message: string,
  at: { repo: string; file: string; position?: SourcePosition | undefined; entity?: string | undefined; hint?: string | undefined },
): void {
  state.diagnostics.push({
    severity,
    code,
    message,
    ...(at.hint ? { hint: at.hint } : {}),
    repo: at.repo,
    file: at.file,
    line: at.position?.line ?? 0,
    column: at.position?.column ?? 0,
    ...(at.entity ? { entity: at.entity } : {}),
  });
}

/** Lists a repo's files once per run; a failed listing counts as an empty repo. */
export function listRepo(state: ReadState, repo: string): Promise<string[]> {
  let listing = state.listings.get(repo);
  if (!listing) {
    listing = state.snapshot.list(repo).catch(() => {
      state.volatile.add(repo);
      return [];
    });
    state.listings.set(repo, listing);
  }
  return listing;
}
