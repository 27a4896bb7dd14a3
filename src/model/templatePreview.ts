// What the Create page's "Preview" runs on: a template and the skeleton files its fetch steps name, read from the
// crawl at build time and written beside the page (`preview.json`), so the browser renders them as `backlot
// scaffold --dry-run` would.

import type { Entity } from './entity.ts';
import type { RepoInfo } from './repo.ts';

/** A preview carries at most this many bytes of skeleton files (a 1 MB file is a slow first click on a phone). */
export const MAX_PREVIEW_BYTES = 1024 * 1024;

export interface PreviewRepo {
  repo: RepoInfo;
  /** Text files by repo-relative path. */
  text: Record<string, string>;
  /** Binary files by path: their size only (the preview lists them, it does not show them). */
  binary: Record<string, number>;
  executables: string[];
}

export interface TemplatePreviewData {
  ref: string;
  entity: Entity;
  /** The template's repo (its name among `repos`) and file in it. */
  repo: string;
  file: string;
  repos: PreviewRepo[];
  /** Fetch steps whose files the preview does not carry, and why. */
  missing: string[];
}

/** Per template: the data, or why there is none (the skeleton is too big). */
export type TemplatePreview = { data: TemplatePreviewData; bytes: number } | { unavailable: string };
