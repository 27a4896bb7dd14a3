// Loads backlot.config.yaml: YAML with positions, validated by a JSON Schema, errors that name key and line.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { LineCounter, isMap, isPair, isScalar, parseDocument, type Document, type Node } from 'yaml';
import { closest } from '../util/editDistance.ts';
import { DEFAULT_HISTORY_DAYS } from '../diff/history.ts';
import { configSchema } from './schema.ts';
import type { BacklotConfig, CustomKindConfig, HistoryConfig, SourceConfig } from './types.ts';

export const CONFIG_FILE = 'backlot.config.yaml';

export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

export class ConfigError extends Error {
  readonly problems: ConfigProblem[];
  constructor(problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}${p.hint ? ` (${p.hint})` : ''}`).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

// The schema is checked against JSON Schema's meta-schema by load.test.ts, not at every start: that check
// compiles the meta-schema, ~24 ms of CPU before any command runs (importing this module: ~110 ms against ~86 ms).
const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, validateSchema: false });
const validateConfig = ajv.compile(configSchema);

/** Reads and validates a config file; with no file, the defaults (the demo org in `content/`). */
export function loadConfig(file?: string, cwd = process.cwd()): BacklotConfig {
  const path = file ? resolve(cwd, file) : resolve(cwd, CONFIG_FILE);
  if (!existsSync(path)) {
    if (file) throw new ConfigError([{ file: path, line: 0, column: 0, message: 'config file not found' }]);
    return defaultConfig(cwd);
  }
  return parseConfig(readFileSync(path, 'utf8'), path);
}

/** The config used when there is no file: the demo org in `content/`. */
export function defaultConfig(cwd = process.cwd()): BacklotConfig {
  return resolveConfig({}, cwd);
}

export function parseConfig(text: string, path: string): BacklotConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => lineCounter.linePos(offset ?? 0);
  if (doc.errors.length > 0) {
    throw new ConfigError(
      doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file: path, line, column: col, message: `YAML syntax: ${e.message.split('\n')[0]}` };
      }),
    );
  }
  const raw = (doc.toJS() ?? {}) as unknown;
  if (!validateConfig(raw)) {
    const problems = (validateConfig.errors ?? [])
      .filter((e) => e.keyword !== 'if')
      .map((e) => describe(e, doc, at, path));
    throw new ConfigError(dedupe(problems));
  }
  const noOrg = ((raw as RawConfig).sources ?? []).findIndex((s: RawConfig) => s.type === 'github' && !s.org && !s.orgs);
  if (noOrg >= 0) {
    const { line, col } = at((doc.getIn(['sources', noOrg], true) as Node | undefined)?.range?.[0]);
    throw new ConfigError([
      { file: path, line, column: col, message: `sources[${noOrg}] needs "org" (or "orgs")`, hint: 'the GitHub organisation to crawl' },
    ]);
  }
  const config = resolveConfig(raw as RawConfig, dirname(path), path);
  const pagesProblem = config.site.pages && (raw as RawConfig).site?.pages ? checkPages(config) : undefined;
  if (pagesProblem) {
    const { line, col } = at((doc.getIn(['site', 'pages'], true) as Node | undefined)?.range?.[0]);
    throw new ConfigError([{ file: path, line, column: col, ...pagesProblem }]);
  }
  return config;
}

type RawConfig = Record<string, any>;

function resolveConfig(raw: RawConfig, root: string, path = resolve(root, CONFIG_FILE)): BacklotConfig {
  const site = raw.site ?? {};
  const base = normaliseBase(site.base ?? '/');
  const sources: SourceConfig[] = (raw.sources ?? [{ type: 'local', path: 'content' }]).map((s: RawConfig) =>
    s.type === 'github' ? githubSource(s) : localSource(s),
  );
  // Own pages: the configured folder (checked by parseConfig), else `pages/` beside the config when there is one.
  const pagesDir = resolve(root, site.pages ?? 'pages');
  const pages = site.pages || isFolder(pagesDir) ? pagesDir : undefined;
  const kinds: CustomKindConfig[] = (raw.catalog?.kinds ?? []).map((k: RawConfig, i: number) => ({
    apiVersion: k.apiVersion,
    kind: k.kind,
    schema: typeof k.schema === 'string' ? readSchemaFile(resolve(root, k.schema), path, i) : k.schema,
  }));
  const config: BacklotConfig = {
    root,
    site: {
      title: site.title ?? 'Backlot',
      ...(site.description ? { description: site.description } : {}),
      ...(site.url ? { url: String(site.url).replace(/\/+$/, '') } : {}),
      base,
      outDir: resolve(root, site.outDir ?? 'dist'),
      ...((site.repo ?? raw.scaffold?.portalRepo) ? { repo: site.repo ?? raw.scaffold.portalRepo } : {}),
      ...(site.githubUrl ? { githubUrl: String(site.githubUrl).replace(/\/+$/, '') } : {}),
      ...(site.githubApiUrl ? { githubApiUrl: String(site.githubApiUrl).replace(/\/+$/, '') } : {}),
      ...(pages ? { pages } : {}),
      ...(site.entityGraph ? { entityGraph: site.entityGraph } : {}),
    },
    sources,
    catalog: { kinds },
    cacheDir: resolve(root, raw.cacheDir ?? '.backlot-cache'),
    ...(raw.docs?.mermaid ? { docs: { mermaid: raw.docs.mermaid } } : {}),
    ...(raw.diff?.allowBreakingLabel ? { diff: { allowBreakingLabel: raw.diff.allowBreakingLabel } } : {}),
    ...(raw.build?.shards ? { build: { shards: raw.build.shards } } : {}),
    history: historyConfig(raw.history ?? {}, site.url ? `${String(site.url).replace(/\/+$/, '')}${base}` : undefined),
    ...(raw.scaffold ? { scaffold: { ...raw.scaffold, templates: raw.scaffold.templates ?? {} } } : {}),
    plugins: (raw.plugins ?? []).map((p: RawConfig, index: number) => ({ module: p.module, options: p.options ?? {}, env: p.env ?? [], at: { file: path, index } })),
  };
  // A `pages/` nobody configured that is a crawled repo (or holds some) is not the platform team's: left alone.
  if (!site.pages && config.site.pages && checkPages(config)) delete config.site.pages;
  return config;
}

function historyConfig(h: RawConfig, siteUrl: string | undefined): HistoryConfig {
  const url = h.url ? String(h.url).replace(/\/*$/, '/') : siteUrl;
  return { days: h.days ?? DEFAULT_HISTORY_DAYS, ...(url ? { url } : {}) };
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

/** Whether `a` is `b` or lies inside it. */
export function isWithin(a: string, b: string): boolean {
  const rel = relative(b, a);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/**
 * What is wrong with `site.pages`, if anything. Own pages are compiled and run by the build, so they must be the
 * portal repo's own files: never a folder of crawled repos (a local source) or the crawl cache, in either direction.
 */
export function checkPages(config: BacklotConfig): { message: string; hint?: string } | undefined {
  const pages = config.site.pages;
  if (!pages) return undefined;
  const shown = relative(config.root, pages) || '.';
  if (!isFolder(pages)) return { message: `site.pages: no folder ${shown}`, hint: "the folder of the platform team's own .mdx pages, relative to this file" };
  const crawled = [
    ...config.sources.flatMap((s, i) => (s.type === 'local' ? [{ dir: resolve(config.root, s.path), what: `the repos of sources[${i}] (${s.path})` }] : [])),
    { dir: config.cacheDir, what: `the crawl cache (cacheDir)` },
  ];
  const clash = crawled.find((c) => isWithin(pages, c.dir) || isWithin(c.dir, pages));
  if (clash) return { message: `site.pages: ${shown} overlaps ${clash.what}`, hint: 'own pages are compiled at build time, so they must not come from crawled repos; use a folder of their own' };
  return undefined;
}

function localSource(s: RawConfig): SourceConfig {
  return {
    type: 'local',
    path: s.path,
    org: s.org ?? 'local',
    host: s.host ?? 'github.com',
    defaultBranch: s.defaultBranch ?? 'main',
    catalogPath: s.catalogPath ?? '/catalog-info.yaml',
  };
}

function githubSource(s: RawConfig): SourceConfig {
  const host = s.host ?? 'github.com';
  return {
    type: 'github',
    orgs: s.orgs ?? (s.org ? [s.org] : []),
    host,
    apiBaseUrl: (s.apiBaseUrl ?? (host === 'github.com' ? 'https://api.github.com' : `https://${host}/api`)).replace(/\/+$/, ''),
    tokenEnv: s.token?.env ?? 'GITHUB_TOKEN',
    catalogPath: s.catalogPath ?? '/catalog-info.yaml',
    filters: {
      ...(s.filters?.repository !== undefined ? { repository: s.filters.repository } : {}),
      ...(s.filters?.branch !== undefined ? { branch: s.filters.branch } : {}),
      ...(s.filters?.topic ? { topic: s.filters.topic } : {}),
      allowForks: s.filters?.allowForks ?? true,
      allowArchived: s.filters?.allowArchived ?? false,
      ...(s.filters?.visibility ? { visibility: s.filters.visibility } : {}),
    },
  };
}

function normaliseBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

function readSchemaFile(file: string, configPath: string, index: number): Record<string, unknown> {
  try {
    const text = readFileSync(file, 'utf8');
    const ext = extname(file).toLowerCase();
    const value = ext === '.json' ? JSON.parse(text) : parseDocument(text).toJS();
    if (!value || typeof value !== 'object') throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError([
      {
        file: configPath,
        line: 0,
        column: 0,
        message: `catalog.kinds[${index}].schema: cannot read ${file}: ${(err as Error).message}`,
      },
    ]);
  }
}

// --- error messages -------------------------------------------------------

/**
 * Problems with a value inside the config file, from ajv's errors against that value's own schema (a plugin's
 * options): `under` is the value's path in the file, so problems name key and line as the config's own do.
 */
export function configProblems(file: string, under: Array<string | number>, errors: readonly ErrorObject[]): ConfigProblem[] {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter, prettyErrors: false });
  const at = (offset: number | undefined) => lineCounter.linePos(offset ?? 0);
  const prefix = under.map((s) => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  return dedupe(errors.filter((e) => e.keyword !== 'if').map((e) => describe({ ...e, instancePath: prefix + e.instancePath }, doc, at, file)));
}

function describe(
  err: ErrorObject,
  doc: Document,
  at: (offset: number | undefined) => { line: number; col: number },
  file: string,
): ConfigProblem {
  const path = err.instancePath.split('/').slice(1).map(unescapePointer);
  const where = fieldName(path);
  const node = nodeAt(doc, path);
  const pos = at(node?.range?.[0]);
  const base = { file, line: pos.line, column: pos.col };
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = String(err.params.additionalProperty);
      const keyNode = keyAt(doc, path, key);
      const kp = at(keyNode?.range?.[0]);
      const allowed = allowedKeys(err);
      const guess = closest(key, allowed);
      return {
        file,
        line: kp.line,
        column: kp.col,
        message: `unknown key "${key}"${where ? ` in ${where}` : ''}`,
        hint: guess ? `did you mean "${guess}"?` : allowed.length ? `allowed keys: ${allowed.join(', ')}` : undefined,
      } as ConfigProblem;
    }
    case 'required':
      return { ...base, message: `${where || 'the config'} needs "${err.params.missingProperty}"` };
    case 'type':
      return { ...base, message: `${where} must be ${article(String(err.params.type))}`, ...(where === 'build.shards' ? { hint: SHARDS_HINT } : {}) };
    case 'enum':
    case 'const': {
      const values = (err.params.allowedValues ?? [err.params.allowedValue]) as unknown[];
      return { ...base, message: `${where} must be ${values.map((v) => JSON.stringify(v)).join(' or ')}` };
    }
    case 'pattern':
      return { ...base, message: `${where} is not in the right form`, hint: patternHint(path) };
    case 'minimum':
      return { ...base, message: `${where} must be at least ${err.params.limit}`, ...(where === 'build.shards' ? { hint: SHARDS_HINT } : {}) };
    case 'maximum':
      return { ...base, message: `${where} must be at most ${err.params.limit}`, ...(where === 'build.shards' ? { hint: SHARDS_HINT } : {}) };
    case 'minLength':
    case 'minItems':
      return { ...base, message: `${where} must not be empty` };
    case 'maxLength':
      return { ...base, message: `${where} is longer than ${err.params.limit} characters`, ...(where === 'diff.allowBreakingLabel' ? { hint: 'GitHub labels have at most 50' } : {}) };
    default:
      return { ...base, message: `${where || 'config'} ${err.message ?? 'is invalid'}` };
  }
}

const SHARDS_HINT = 'how many runners the crawl is split over, a whole number from 1 (no split) to 256, e.g. "shards: 4"';

function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.line}:${p.column}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

function fieldName(path: string[]): string {
  return path.reduce((acc, seg) => (/^\d+$/.test(seg) ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg), '');
}

function nodeAt(doc: Document, path: string[]): Node | undefined {
  for (let i = path.length; i >= 0; i--) {
    const node = doc.getIn(path.slice(0, i).map((s) => (/^\d+$/.test(s) ? Number(s) : s)), true) as Node | undefined;
    if (node && typeof node === 'object' && 'range' in node) return node;
  }
  return doc.contents ?? undefined;
}

function keyAt(doc: Document, path: string[], key: string): Node | undefined {
  const map = nodeAt(doc, path);
  if (map && isMap(map)) {
    const pair = map.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
    if (pair && isScalar(pair.key)) return pair.key;
  }
  return map;
}

function allowedKeys(err: ErrorObject): string[] {
  const props = (err.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props) : [];
}

function article(type: string): string {
  return type === 'array' ? 'a list' : type === 'object' ? 'a map' : /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function patternHint(path: string[]): string | undefined {
  const last = path[path.length - 1];
  if (last === 'base') return 'start with "/", e.g. "/" or "/portal/"';
  if (last === 'url' && path[0] === 'history') return 'the live portal\'s URL, e.g. "https://acme.github.io/portal/"';
  if (last === 'url') return 'a full origin such as "https://acme.github.io"';
  if (last === 'repo' || last === 'portalRepo') return 'owner/name, e.g. "kestrel-freight/portal"';
  if (last === 'githubUrl' || last === 'githubApiUrl') return 'a full URL such as "https://github.com" or "https://api.github.com"';
  if (last === 'env') return 'the name of an environment variable, e.g. GITHUB_TOKEN';
  if (last === 'kind') return 'letters and digits, starting with a letter';
  return undefined;
}
