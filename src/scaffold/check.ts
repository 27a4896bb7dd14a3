// Build-time check of every template's steps and templating, so a template that can only fail later in
// Actions is reported by `validate` and `build`, at the file and line to change. Pure: no octokit, no I/O.

import { resolveRepoPath } from '../catalog/paths.ts';
import { keyPointer } from '../catalog/positions.ts';
import type { CatalogEntity } from '../model/catalog.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { TEMPLATE_API_VERSION } from '../model/relations.ts';
import { createTemplating, type Templating } from './templating.ts';

/**
 * The actions Backlot runs and their required inputs, as Backstage declares them. Kept as data so the pipeline
 * does not load the actions (and octokit); actions/index.test.ts checks it against the registry.
 */
export const ACTION_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'fetch:template': ['url'],
  'fetch:plain': ['url'],
  'fetch:template:file': ['url', 'targetPath'],
  'fetch:plain:file': ['url', 'targetPath'],
  'fetch:cookiecutter': ['url'],
  'fs:rename': ['files'],
  'fs:delete': ['files'],
  'fs:read': ['path'],
  'fs:readdir': ['paths'],
  'debug:log': [],
  'debug:wait': [],
  'catalog:write': ['entity'],
  'catalog:fetch': [],
  'catalog:register': [],
  'http:backstage:request': ['path', 'method'],
  'publish:github': ['repoUrl'],
  'publish:github:pull-request': ['repoUrl', 'title', 'description', 'branchName'],
  'github:actions:dispatch': ['repoUrl', 'workflowId', 'branchOrTagName'],
  'roadiehq:utils:merge': ['path', 'content'],
  'roadiehq:utils:fs:write': ['path', 'content'],
  'roadiehq:utils:fs:parse': ['path'],
  'roadiehq:utils:jsonata': ['expression'],
  'roadiehq:utils:jsonata:yaml:transform': ['path', 'expression'],
  'roadiehq:utils:jsonata:json:transform': ['path', 'expression'],
};

export interface TemplateProblem {
  /** JSON pointer into the entity (`/spec/steps/2/input/url`). */
  pointer: string;
  code: 'template-steps' | 'template-action' | 'template-input' | 'template-filter' | 'template-syntax' | 'template-fetch';
  /** Errors stop the template; a warning runs as Backstage runs it. */
  severity?: 'warning';
  message: string;
  hint?: string;
}

type Json = { [key: string]: unknown };

/** Every string under `value` with its pointer. */
function strings(value: unknown, pointer: string, out: Array<[string, string]> = []): Array<[string, string]> {
  if (typeof value === 'string') out.push([pointer, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, `${pointer}/${i}`, out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  return out;
}

const stepId = (step: Json, index: number) => (typeof step.id === 'string' && step.id ? step.id : `step-${index + 1}`);

/** What a fetch step's relative `url` must name in the template's repo: a folder, or for fetch:template:file a file. */
const FETCHES: Readonly<Record<string, 'folder' | 'file'>> = { 'fetch:template': 'folder', 'fetch:plain': 'folder', 'fetch:cookiecutter': 'folder', 'fetch:template:file': 'file', 'fetch:plain:file': 'file' };

/** The template's repo as the check sees it: where the template file is, and every file and folder path in the repo. */
export interface TemplateRepo {
  file: string;
  /** `host/owner/name` of every repo in the snapshot, lower-cased: what a fetch URL may point into. */
  crawled?: ReadonlySet<string>;
  files: ReadonlySet<string>;
  folders: ReadonlySet<string>;
}

/** Every file and ancestor folder of a repo's listing (`''` is the root), built once per repo. */
export function repoPaths(listing: readonly string[]): { files: Set<string>; folders: Set<string> } {
  const folders = new Set<string>(['']);
  for (const path of listing) for (let i = path.indexOf('/'); i !== -1; i = path.indexOf('/', i + 1)) folders.add(path.slice(0, i));
  return { files: new Set(listing), folders };
}

/** Problems of a template's `spec`: the steps' shape, actions, required inputs, fetched folders, filters and `${{ }}` syntax. */
export function templateProblems(spec: Json, actions: Readonly<Record<string, readonly string[]>>, templating: Templating, repo?: TemplateRepo): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const steps = spec.steps;
  if (!Array.isArray(steps) || steps.length === 0) return [{ pointer: '/spec/steps', code: 'template-steps', message: 'spec.steps must be a non-empty list' }];
  const ids = new Set<string>();
  const known = Object.keys(actions).sort().join(', ');
  steps.forEach((raw, i) => {
    const at = `/spec/steps/${i}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return problems.push({ pointer: at, code: 'template-steps', message: `spec.steps[${i}] must be an object` });
    const step = raw as Json;
    const id = stepId(step, i);
    // Backstage runs both (steps.<id>.output is then the later one's), and real templates rely on it.
    if (ids.has(id)) {
      problems.push({
        pointer: `${at}/id`, code: 'template-steps', severity: 'warning', message: `step id "${id}" is used twice: both steps run, and steps.${id}.output is the later one's`,
        hint: 'give each step its own id to read the earlier output',
      });
    }
    ids.add(id);
    const required = typeof step.action === 'string' ? actions[step.action] : undefined;
    if (!required) {
      problems.push({ pointer: `${at}/action`, code: 'template-action', message: `step "${id}": unknown action ${JSON.stringify(step.action)}`, hint: `Backlot runs ${known}` });
      return;
    }
    const input = step.input && typeof step.input === 'object' && !Array.isArray(step.input) ? (step.input as Json) : {};
    for (const key of required) {
      if (input[key] === undefined || input[key] === null) {
        problems.push({ pointer: step.input ? keyPointer(`${at}/input`) : at, code: 'template-input', message: `step "${id}" (${step.action}): missing required input "${key}"` });
      }
    }
    // A static portal answers GETs of the catalog API only: anything else can be known to fail now.
    if (step.action === 'http:backstage:request') {
      const method = typeof input.method === 'string' && !input.method.includes('${{') ? input.method.toUpperCase() : undefined;
      const path = typeof input.path === 'string' && !input.path.includes('${{') ? input.path : undefined;
      if ((method && method !== 'GET' && method !== 'HEAD') || (path && !/^\/?(api\/)?catalog\//.test(path))) {
        problems.push({
          pointer: `${at}/input`, code: 'template-input',
          message: `step "${id}" (http:backstage:request): ${method ?? 'GET'} ${path ?? '(templated path)'} cannot be answered: a static portal has no backend, only GETs of /api/catalog/… paths`,
        });
      }
    }
    // A relative url with no templating names a place in the template's own repo: it must be there.
    const kind = FETCHES[step.action as string];
    const url = input.url;
    if (repo?.crawled && kind && typeof url === 'string' && /^https?:\/\//i.test(url) && !/\$\{\{|\{%/.test(url)) {
      const parsed = URL.canParse(url) ? new URL(url) : undefined;
      const [owner, name] = parsed ? parsed.pathname.split('/').filter(Boolean) : [];
      // A repo of a crawled organisation that the crawl left out is read with the run's token (remoteSkeleton.ts).
      const org = parsed && owner ? `${parsed.host}/${owner}/`.toLowerCase() : undefined;
      if (!parsed || !owner || !name || ![...repo.crawled].some((r) => r.startsWith(org!))) {
        problems.push({ pointer: `${at}/input/url`, code: 'template-fetch', message: `step "${id}" (${step.action}): ${JSON.stringify(url)} is not in an organisation the portal crawls, so it cannot be fetched`, hint: 'keep skeletons in a repo of a configured source' });
      }
    }
    if (repo && kind && typeof url === 'string' && url && !/^[a-z][a-z0-9+.-]*:|^\/|\$\{\{|\{%/i.test(url)) {
      const path = resolveRepoPath(repo.file, url) ?? '..';
      const found = path !== '..' && (kind === 'file' ? repo.files.has(path) : repo.folders.has(path));
      if (!found) {
        problems.push({ pointer: `${at}/input/url`, code: 'template-fetch', message: `step "${id}" (${step.action}): ${JSON.stringify(url)} names no ${kind} of this repo (${path || '/'})` });
      }
    }
  });
  const pages = Array.isArray(spec.parameters) ? spec.parameters : spec.parameters ? [spec.parameters] : [];
  const whens = pages.flatMap((page, i) => (page && typeof page === 'object' && typeof (page as Json).when === 'string' ? [[`/spec/parameters/${Array.isArray(spec.parameters) ? `${i}/` : ''}when`, (page as Json).when as string] as [string, string]] : []));
  for (const [pointer, source] of [...strings(steps, '/spec/steps'), ...strings(spec.output, '/spec/output'), ...whens]) {
    if (!source.includes('${{') && !source.includes('{%')) continue;
    const syntax = templating.syntaxError(source);
    if (syntax) {
      problems.push({ pointer, code: 'template-syntax', message: `bad \${{ }} syntax in ${JSON.stringify(source.length > 80 ? `${source.slice(0, 80)}…` : source)}: ${syntax}` });
      continue;
    }
    const unknown = templating.unknownFilters([source]);
    if (unknown.length) {
      problems.push({ pointer, code: 'template-filter', message: `unknown filter${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')}`, hint: 'Backlot has the filters Backstage ships (parseRepoUrl, parseEntityRef, pick, projectSlug) and Nunjucks\' own' });
    }
  }
  return problems;
}

export const isTemplate = (e: CatalogEntity) => e.entity.kind === 'Template' && e.entity.apiVersion === TEMPLATE_API_VERSION;

/**
 * Diagnostics for every v1beta3 Template of the catalog, placed at the field at fault. `listings` holds the file
 * list of each repo that has templates (by repo name), for the fetch checks.
 */
export function checkTemplates(
  entities: readonly CatalogEntity[],
  listings: ReadonlyMap<string, readonly string[]> = new Map(),
  crawled?: ReadonlySet<string>,
  templating: Templating = createTemplating(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const paths = new Map<string, ReturnType<typeof repoPaths>>();
  for (const e of entities) {
    if (!isTemplate(e)) continue;
    const listing = listings.get(e.source.repo);
    let repo: TemplateRepo | undefined;
    if (listing) {
      if (!paths.has(e.source.repo)) paths.set(e.source.repo, repoPaths(listing));
      repo = { file: e.source.file, ...paths.get(e.source.repo)!, ...(crawled ? { crawled } : {}) };
    }
    for (const p of templateProblems((e.entity.spec ?? {}) as Json, ACTION_INPUTS, templating, repo)) {
      const position = nearestPosition(e.source.positions, p.pointer) ?? e.source;
      out.push({
        severity: p.severity ?? 'error', code: p.code, message: p.message, ...(p.hint ? { hint: p.hint } : {}),
        repo: e.source.repo, file: e.source.file, line: position.line, column: position.column, entity: e.ref,
      });
    }
  }
  return out;
}

function nearestPosition(positions: CatalogEntity['source']['positions'], pointer: string) {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    if (positions[p]) return positions[p];
    if (!p) return undefined;
  }
}
