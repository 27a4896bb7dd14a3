// The resolved model the site renders. The site reads only this; it never parses or fetches.

import type { ApiDefinition } from './apis.ts';
import type { HistoryEntry } from './changes.ts';
import type { CustomKindConfig } from './customKind.ts';
import type { DocsRedirect, DocsSite } from './docs.ts';
import type { Diagnostic } from './diagnostic.ts';
import type { Entity } from './entity.ts';
import type { PluginsOutput } from './plugins.ts';
import type { RepoInfo } from './repo.ts';
import type { TemplatePreview } from './templatePreview.ts';

export interface PortalEntity {
  /** Canonical lower-case `kind:namespace/name`. */
  ref: string;
  /** The entity with relations and computed annotations, in Backstage's response shape. */
  entity: Entity;
  source: { repo: string; file: string; line: number; column: number };
}

export interface PortalModel {
  site: {
    title: string;
    description?: string;
    base: string;
    url?: string;
    /** The portal's repo (`owner/name`) that runs software templates, and GitHub's web and API origins for it. */
    repo?: string;
    githubUrl?: string;
    githubApiUrl?: string;
    /** `site.entityGraph`: where entity pages' graphs are drawn (see entityGraphMode in src/views/entity-page.ts). */
    entityGraph?: 'auto' | 'static' | 'browser';
  };
  generatedAt: string;
  repos: RepoInfo[];
  entities: PortalEntity[];
  /** Every diagnostic of the build, including those of entities left out. */
  diagnostics: Diagnostic[];
  /** API definitions summarised by the apis stage for the API pages, by entity ref. */
  apis: Record<string, ApiDefinition>;
  /** TechDocs sites rendered by the docs stage, and entities that show another entity's docs. */
  docs: { sites: DocsSite[]; redirects: DocsRedirect[] };
  /** What plugins add: cards, tabs, columns, facets, pages, search records, browser scripts (absent without plugins). */
  plugins?: PluginsOutput;
  /** The catalog's history, newest first (`api/catalog/changes.json`); set by `backlot build`. */
  history?: HistoryEntry[];
  /** The Create pages' previews by template ref: skeletons read at build time (src/scaffold/previewData.ts). */
  templatePreviews?: Record<string, TemplatePreview>;
  /** `catalog.kinds` of the config: the register page validates with them as the build does. */
  customKinds?: CustomKindConfig[];
}
