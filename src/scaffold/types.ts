// Shapes shared by the scaffolder: a template as loaded, the actions' contract, the run's results.

import type { Entity } from '../model/entity.ts';
import type { RepoInfo, Snapshot } from '../snapshot/types.ts';
import type { CatalogLookup } from './catalogApi.ts';
import type { WorkspaceFiles } from './files.ts';
import type { GithubApi } from './github.ts';
import type { Templating } from './templating.ts';

export type JsonObject = { [key: string]: unknown };

/** One item of `spec.steps`, as written. */
export interface TemplateStep {
  id?: string;
  name?: string;
  action: string;
  input?: JsonObject;
  if?: string | boolean;
  each?: string | unknown[] | JsonObject;
}

export interface TemplateSpec {
  type: string;
  owner?: string;
  parameters?: JsonObject | JsonObject[];
  steps: TemplateStep[];
  output?: JsonObject;
}

/** A Template entity together with the repo it lives in, so `fetch:*` can read the files next to it. */
export interface LoadedTemplate {
  /** Canonical `template:namespace/name`. */
  ref: string;
  entity: Entity;
  spec: TemplateSpec;
  snapshot: Snapshot;
  repo: RepoInfo;
  /** Repo-relative posix path of the template's YAML file. */
  file: string;
}

/** The user a run acts for (Backstage's `user.entity`/`user.ref`), kept minimal. */
export interface ScaffoldUser {
  ref: string;
  entity?: Entity;
  /** GitHub login when known (issue author, `GITHUB_ACTOR`). */
  login?: string;
}

/** What a GitHub action did, or in a dry run would have done. */
export interface ExternalEffect {
  step: string;
  action: string;
  /** One line, e.g. `create repo acme/payments (private) and push 12 files`. */
  summary: string;
  /** The rendered inputs that matter. */
  details: JsonObject;
  dryRun: boolean;
}

export interface PortalRepo {
  host: string;
  owner: string;
  name: string;
}

/** A repo pushed by `publish:github` in this run, so `catalog:register` can find the files it pushed. */
export interface PublishedRepo {
  repoContentsUrl: string;
  dir: string;
}

export interface RunState {
  published: PublishedRepo[];
  effects: ExternalEffect[];
}

export interface ActionContext {
  stepId: string;
  input: JsonObject;
  /** Absolute folder the steps write into (on disk; the GitHub actions read it there). */
  workspace: string;
  /** The workspace's files, on disk or (the Create page's preview) in memory: what the file actions use. */
  files: WorkspaceFiles;
  template: LoadedTemplate;
  templating: Templating;
  dryRun: boolean;
  /** Client for a GitHub host; throws when no token is available. */
  github: (host: string) => GithubApi;
  /** The portal's own repo, which `catalog:register` asks to rebuild. */
  portalRepo?: PortalRepo;
  /** The build's catalog (`catalog:fetch`, `http:backstage:request`); absent for a template run as a file. */
  catalog?: CatalogLookup;
  /** Why the portal's rebuild would never read this catalog file URL, or undefined when it would. */
  unreadCatalogFile?: (url: string) => string | undefined;
  state: RunState;
  log: (message: string) => void;
  output: (name: string, value: unknown) => void;
  /** Records a GitHub side effect (done or, in a dry run, planned). */
  effect: (summary: string, details: JsonObject) => void;
}

export interface ScaffoldAction {
  id: string;
  /**
   * Runs against GitHub rather than the workspace. In a dry run such an action only describes what it would
   * do (through `ctx.effect`) and sets plausible outputs; `handler` sees `ctx.dryRun` and must honour it.
   */
  external?: boolean;
  handler: (ctx: ActionContext) => Promise<void>;
}

export interface OutputLink {
  title?: string;
  icon?: string;
  url?: string;
  entityRef?: string;
}

export interface OutputText {
  title?: string;
  icon?: string;
  content?: string;
}

export interface ScaffoldOutput {
  links: OutputLink[];
  text: OutputText[];
  /** Other keys of `output` (Backstage requires them to be strings). */
  values: Record<string, string>;
}

export interface StepReport {
  id: string;
  name: string;
  action: string;
  status: 'done' | 'skipped';
  ms: number;
}

/** What the runner tells a live log (src/scaffold/runLog.ts) as it goes; log lines go to `log` in between. */
export type StepEvent =
  | { type: 'plan'; steps: Array<{ id: string; name: string; action: string }> }
  | { type: 'start'; id: string }
  | { type: 'end'; id: string; status: 'done' | 'skipped' | 'failed'; ms: number; error?: string };

export interface ScaffoldResult {
  output: ScaffoldOutput;
  steps: StepReport[];
  effects: ExternalEffect[];
  workspace: string;
}

/** A failure the user can act on: which step, which expression, what went wrong. */
export class ScaffoldError extends Error {
  readonly step: string | undefined;
  constructor(message: string, step?: string) {
    super(message);
    this.name = 'ScaffoldError';
    this.step = step;
  }
}
