// The shape of backlot.config.yaml after validation and defaults.

export interface LocalSourceConfig {
  type: 'local';
  /** Folder whose sub-folders are repos; relative to the config file. */
  path: string;
  /** Organisation name the repos pretend to belong to (for links). */
  org: string;
  host: string;
  defaultBranch: string;
  /** Root catalog file(s) per repo; a glob is allowed (Backstage's discovery `catalogPath`). */
  catalogPath: string;
}

export interface GithubSourceConfig {
  type: 'github';
  orgs: string[];
  host: string;
  /** GraphQL API base, e.g. `https://api.github.com` or `https://ghes.example/api`. */
  apiBaseUrl: string;
  /** Name of the env var that holds the token. */
  tokenEnv: string;
  catalogPath: string;
  filters: {
    repository?: string;
    branch?: string;
    topic?: { include?: string[]; exclude?: string[] };
    allowForks: boolean;
    allowArchived: boolean;
    visibility?: Array<'public' | 'private' | 'internal'>;
  };
}

export type SourceConfig = LocalSourceConfig | GithubSourceConfig;

export type { CustomKindConfig } from '../model/customKind.ts';
import type { CustomKindConfig } from '../model/customKind.ts';

/** `scaffold:`: who may run templates through the issue path, and where rebuilds are requested. */
export interface ScaffoldConfig {
  /** Organisation whose members may scaffold (default: the owner of the portal repo). */
  org?: string;
  /** `owner/name` of the portal repo that `catalog:register` asks to rebuild (default: `GITHUB_REPOSITORY`). */
  portalRepo?: string;
  /** Team slugs allowed to run any template not listed under `templates`; empty or absent: every org member. */
  allowedTeams?: string[];
  /** Per template ref (`template:default/node-service`): the teams allowed to run it. */
  templates: Record<string, { allowedTeams?: string[] }>;
}

/** One entry of `plugins:`. */
export interface PluginConfig {
  /** As written: an npm package name or a path relative to the config file. */
  module: string;
  options: Record<string, unknown>;
  /** Names of the environment variables the plugin may read. */
  env: string[];
  /** Where the entry is, for problems with its options. */
  at: { file: string; index: number };
}

/**
 * Where ```mermaid diagrams are drawn: `build` in a headless Chromium during the build (an error when there is
 * none), `browser` in the reader's browser, `auto` (default) at build time when a Chromium is found.
 */
export type DiagramMode = 'auto' | 'build' | 'browser';

/**
 * Where an entity page's relations graph is drawn: `static` as SVG in the page, `browser` from the graph data
 * (`catalog/graph.json`) when the page is opened, the relation cards standing in without JavaScript; `auto`:
 * static up to 20,000 entities, in the browser past that.
 */
export type EntityGraphMode = 'auto' | 'static' | 'browser';

export interface BacklotConfig {
  /** Absolute folder of the config file; relative paths resolve against it. */
  root: string;
  site: {
    title: string;
    description?: string;
    /** Origin the site is served from, e.g. `https://acme.github.io`. */
    url?: string;
    /** Base path, always with leading and trailing slash, e.g. `/` or `/portal/`. */
    base: string;
    /** Output folder, absolute. */
    outDir: string;
    /** The portal's own repo, `owner/name` (default: `scaffold.portalRepo`); the Create pages run templates there. */
    repo?: string;
    /** GitHub's web and REST API origins for the portal repo (defaults: github.com and its API, see the site). */
    githubUrl?: string;
    githubApiUrl?: string;
    /** Folder of the platform team's own `.mdx` pages, absolute (`site.pages`, default `pages/` when it exists). */
    pages?: string;
    /** Where entity pages' graphs are drawn; absent: `auto` (see EntityGraphMode). */
    entityGraph?: EntityGraphMode;
  };
  sources: SourceConfig[];
  catalog: {
    kinds: CustomKindConfig[];
  };
  cacheDir: string;
  /** `docs:`; absent: the defaults. */
  docs?: { mermaid: DiagramMode };
  /** `diff:`: how `backlot diff --comment` judges a pull request. */
  diff?: {
    /** A label on the PR that lets a breaking change affecting other owners pass (e.g. `catalog-breaking-ok`). */
    allowBreakingLabel?: string;
  };
  /** `build:`: how the build workflow spreads the work (`shards`: runners the crawl is split over; absent: one). */
  build?: { shards: number };
  /** The catalog's history (`api/catalog/changes.json`), see README "History"; always set by loadConfig. */
  history?: HistoryConfig;
  scaffold?: ScaffoldConfig;
  /** `plugins:`, in order (absent or empty without). */
  plugins?: PluginConfig[];
}

export interface HistoryConfig {
  /** Changes older than this many days are dropped (default 180). */
  days: number;
  /**
   * The live portal (its URL with the base, ending in `/`) whose `api/catalog/entities.json` and `changes.json`
   * the build reads at its start: `history.url`, else `site.url` + `site.base`; none: no history is recorded.
   */
  url?: string;
}
