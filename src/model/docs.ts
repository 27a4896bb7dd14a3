// The docs model: what the docs stage hands the site. Plain JSON, so it travels in the portal model.

import type { Diagnostic } from './diagnostic.ts';

export type NavItem =
  | { type: 'page'; title: string; path: string; url: string }
  | { type: 'link'; title: string; url: string }
  /** A section; `path`/`url` are set when its first entry is an index page (the section's own page). */
  | { type: 'section'; title: string; children: NavItem[]; path?: string; url?: string };

export interface DocsHeading {
  depth: number;
  id: string;
  text: string;
}

export interface PageLink {
  title: string;
  url: string;
}

export interface DocsPage {
  /** URL path under the site: `''` for the index, `guide/setup/`. */
  path: string;
  /** Full URL path including the base and `/docs/<ns>/<kind>/<name>/`. */
  url: string;
  title: string;
  /** Sanitised HTML of the page body. */
  html: string;
  /** Headings below the title (depth 2–6), for the on-page table of contents. */
  headings: DocsHeading[];
  /** Repo-relative path of the Markdown file. */
  sourcePath: string;
  editUrl?: string;
  prev?: PageLink;
  next?: PageLink;
  /** The page has ```mermaid diagrams left for the browser to draw (docs/mermaid/ draws them at build time when it can). */
  hasMermaid: boolean;
  /** The page has highlighted code blocks: load the copy-button script on it. */
  hasCode: boolean;
  /** The page has math (pymdownx.arithmatex, typeset at build time): link KaTeX's stylesheet on it. */
  hasMath?: boolean;
  /** The page shows Twemoji graphics (CC-BY 4.0): its footer credits them. */
  hasEmoji?: boolean;
  /** The page could not be rendered: the diagnostic's message, shown instead of the content. */
  failed?: string;
}

export interface DocsAsset {
  repo: string;
  /** Repo-relative path of the file to copy. */
  path: string;
  /** URL path (with base) it is served from. */
  url: string;
}

export interface DocsSite {
  /** Canonical ref of the entity whose docs these are. */
  entityRef: string;
  /** Lower-cased, as in the URL. */
  namespace: string;
  kind: string;
  name: string;
  /** URL of the site's index page (with base). */
  url: string;
  siteName: string;
  siteDescription?: string;
  repo: string;
  /** Repo-relative folder of mkdocs.yml (`''` for the repo root). */
  rootDir: string;
  /** Repo-relative docs folder. */
  docsDir: string;
  nav: NavItem[];
  pages: DocsPage[];
  assets: DocsAsset[];
  repoUrl?: string;
  /** Prefix that a page's docs-relative path is appended to for "Edit this page". */
  editBase?: string;
}

export interface DocsRedirect {
  /** The entity that shows another entity's docs (`backstage.io/techdocs-entity`). */
  entityRef: string;
  from: string;
  to: string;
}

export interface DocsResult {
  sites: DocsSite[];
  redirects: DocsRedirect[];
  diagnostics: Diagnostic[];
}

export interface DocsOptions {
  /** Site base path, e.g. `/` or `/portal/` (default `/`). */
  base?: string;
}
