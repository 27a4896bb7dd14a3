// Runs the configured plugins' hooks at build time, each isolated: a hook that throws (or returns what it must
// not) costs that plugin's part, as a diagnostic naming the plugin and the entity; the build goes on.
// Linear: files are one batched snapshot read; data runs once per plugin; view once per plugin and entity.

import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { PluginCard, PluginColumn, PluginFacet, PluginTab, PluginsOutput } from '../model/plugins.ts';
import type { PortalEntity } from '../model/portal.ts';
import { pluginPagePath, pluginScriptPath } from '../model/routes.ts';
import type { RepoInfo, Snapshot } from '../snapshot/types.ts';
import { dataFile, dataKey, readCachedData, writeCachedData } from './cache.ts';
import { ownFields } from './fields.ts';
import type { CardData, DataContext, PluginContext, SiteContext, TabData } from './index.ts';
import type { LoadedPlugin } from './load.ts';
import type { PluginReport, PluginReportEntry } from './report.ts';
import { sanitizeHtml } from './sanitize.ts';
import { leakedSecret, redact, secretValues } from './secrets.ts';

export interface RunPluginsInput {
  plugins: readonly LoadedPlugin[];
  snapshot: Snapshot;
  entities: readonly PortalEntity[];
  cacheDir: string;
  /** Where the plugins' env variables are read (default process.env). */
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export interface PluginsRun {
  output: PluginsOutput;
  diagnostics: Diagnostic[];
  report: PluginReport;
  /** Browser scripts to copy into the site: file on disk → site path. */
  scripts: Array<{ file: string; path: string }>;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export async function runPlugins(input: RunPluginsInput): Promise<PluginsRun> {
  const env = input.env ?? process.env;
  const now = input.now ?? Date.now;
  const diagnostics: Diagnostic[] = [];
  const output: PluginsOutput = { cards: {}, scripts: {} };
  const scripts: PluginsRun['scripts'] = [];
  const states = input.plugins.map((plugin) => {
    const pluginEnv = Object.fromEntries(plugin.config.env.map((name) => [name, env[name]]));
    const ctx: PluginContext<any> = { options: plugin.config.options, env: Object.freeze(pluginEnv) };
    const entry: PluginReportEntry = {
      name: plugin.definition.name,
      module: plugin.config.module,
      hooks: hooksOf(plugin),
      files: { asked: 0, found: 0 },
      cards: { entities: 0, cards: 0 },
      script: false,
      problems: 0,
    };
    return { plugin, ctx, secrets: secretValues(pluginEnv), entry, paths: [] as string[], data: undefined as unknown };
  });
  type State = (typeof states)[number];

  const configFile = (s: State) => basename(s.plugin.config.at.file);
  const problem = (s: State, severity: Diagnostic['severity'], code: string, message: string, hint?: string, item?: PortalEntity) => {
    s.entry.problems++;
    diagnostics.push({
      severity,
      code,
      message: redact(`plugin "${s.entry.name}": ${message}`, s.secrets),
      ...(hint ? { hint } : {}),
      ...(item ? { repo: item.source.repo, file: item.source.file, line: item.source.line, column: item.source.column, entity: item.ref } : { repo: '', file: configFile(s), line: s.plugin.line ?? 0, column: s.plugin.column ?? 0 }),
    });
  };
  const thrown = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!;
  // Cards (of an entity, a tab or a page) as the model keeps them; a bad one is a problem and is left out.
  const checkCards = (s: State, result: unknown, what: string, item?: PortalEntity): PluginCard[] => {
    const cards: PluginCard[] = [];
    for (const [i, raw] of (result === undefined ? [] : Array.isArray(result) ? result : [result]).entries()) {
      const card = toCard(s.entry.name, raw as CardData, i, s.plugin.componentFiles);
      if (typeof card === 'string') problem(s, 'error', 'plugin-failed', `${what}: ${card}`, undefined, item);
      else if (leakedSecret(card, s.secrets)) problem(s, 'error', 'plugin-failed', `a ${what} holds the value of ${leakedSecret(card, s.secrets)}; the card was dropped`, 'a token never reaches the site', item);
      else cards.push(card);
    }
    return cards;
  };
  /** A tab's, column's or facet's `id` (a URL and query-string segment) and its `title`. */
  const named = (raw: { id?: unknown; title?: unknown } | null | undefined): boolean =>
    !!raw && typeof raw.id === 'string' && /^[a-z0-9][a-z0-9_-]*$/i.test(raw.id) && typeof raw.title === 'string' && !!raw.title.trim();
  const listOf = <T,>(s: State, hook: string, call: () => readonly T[] | undefined): readonly T[] => {
    try {
      const list = call();
      if (list === undefined) return [];
      if (Array.isArray(list)) return list;
      problem(s, 'error', 'plugin-failed', `${hook} hook returned ${typeof list}, not a list`);
    } catch (err) {
      problem(s, 'error', 'plugin-failed', `${hook} hook threw: ${thrown(err)}`);
    }
    return [];
  };
  const entityTabs = (s: State, item: PortalEntity, call: () => TabData | readonly TabData[] | undefined): PluginTab[] => {
    let result;
    try {
      result = call();
    } catch (err) {
      problem(s, 'error', 'plugin-failed', `tabs hook threw for ${item.ref}: ${thrown(err)}`, undefined, item);
      return [];
    }
    const tabs: PluginTab[] = [];
    for (const raw of result === undefined ? [] : Array.isArray(result) ? result : [result]) {
      if (!named(raw)) {
        problem(s, 'error', 'plugin-failed', `tab ${JSON.stringify(raw?.id)} for ${item.ref}: needs an "id" (letters, digits, "-", "_") and a "title"`, undefined, item);
        continue;
      }
      if (tabs.some((t) => t.id === raw.id.toLowerCase())) continue;
      tabs.push({ plugin: s.entry.name, id: raw.id.toLowerCase(), title: raw.title.trim(), cards: checkCards(s, raw.cards, `card in tab ${raw.id} for ${item.ref}`, item) });
    }
    return tabs;
  };

  // files: every plugin's paths from every repo in one read, which the GitHub source batches and caches by commit.
  const wanted = new Set<string>();
  for (const s of states) {
    const files = s.plugin.definition.files;
    if (!files) continue;
    try {
      const paths = typeof files === 'function' ? files(s.ctx) : files;
      for (const raw of paths) {
        const path = String(raw).replace(/^\/+/, '');
        if (!path || /[*?[\]{}]/.test(path) || path.split('/').includes('..')) {
          problem(s, 'error', 'plugin-failed', `files: "${raw}" is not a path in a repo`, 'a repo-relative path such as CODEOWNERS or .github/CODEOWNERS; globs are not read');
          continue;
        }
        s.paths.push(path);
        wanted.add(path);
      }
    } catch (err) {
      problem(s, 'error', 'plugin-failed', `files hook threw: ${thrown(err)}`);
    }
  }
  // graphql: fields that did not parse or that GitHub's schema refuses were left out of the crawl.
  for (const s of states) {
    const fields = s.plugin.fields;
    if (fields && 'error' in fields) problem(s, 'error', 'plugin-failed', `graphql: ${fields.error}`, 'fields of GitHub’s Repository type, values inline; the crawl went on without them');
    // Fields GitHub refused for some repos (a token without a permission): one warning per plugin.
    if (fields && 'prefix' in fields) {
      const refused = (input.snapshot.repoFieldErrors?.() ?? []).filter((e) => e.alias.startsWith(fields.prefix));
      if (refused.length > 0) {
        const repos = new Set(refused.map((e) => e.repo));
        const names = [...new Set(refused.map((e) => e.field))].join(', ');
        problem(s, 'warning', 'plugin-warning', `graphql: GitHub did not answer ${names} for ${repos.size} repo${repos.size === 1 ? '' : 's'} (${refused[0]!.repo}: ${refused[0]!.message})`, 'the crawl’s token may lack a permission these fields need (a GitHub App’s checks, pull requests or issues: read); those repos’ cards go without that data');
      }
    }
  }
  const texts = new Map<string, Map<string, string>>();
  if (wanted.size > 0) {
    const refs = input.snapshot.repos.flatMap((r) => [...wanted].map((path) => ({ repo: r.name, path })));
    for (const f of await input.snapshot.read(refs)) {
      if (f.kind !== 'text') continue;
      let repo = texts.get(f.repo);
      if (!repo) texts.set(f.repo, (repo = new Map()));
      repo.set(f.path, f.text);
    }
    for (const s of states) {
      s.entry.files.asked = s.paths.length * input.snapshot.repos.length;
      s.entry.files.found = input.snapshot.repos.reduce((n, r) => n + s.paths.filter((p) => texts.get(r.name)?.has(p)).length, 0);
    }
  }
  // A plugin reads only the files it asked for.
  const fileOf = (s: State) => (repo: string, path: string) => (s.paths.includes(path.replace(/^\/+/, '')) ? texts.get(repo)?.get(path.replace(/^\/+/, '')) : undefined);

  const byRef = new Map(input.entities.map((e) => [e.ref, e]));

  // data: once per plugin, all plugins at once (external APIs wait on the network, not the CPU). A plugin may wait
  // for an earlier one's data (never a later one's, so there is no cycle).
  const loads = new Map<string, Promise<unknown>>();
  const dataOf = (s: State, index: number) => async (name: string) => {
    const at = states.findIndex((o) => o.entry.name === name);
    if (at < 0 || at >= index) return undefined;
    await loads.get(name);
    return states[at]!.data as never;
  };
  const loaded = states.map(async (s, index) => {
    await Promise.resolve(); // every plugin's promise is in `loads` before any hook runs
    const hook = s.plugin.definition.data;
    if (!hook) return;
    const file = dataFile(input.cacheDir, s.entry.name);
    const key = dataKey(s.ctx.options);
    const ttl = hook.ttl;
    const cached = await readCachedData(file, key);
    if (cached && ttl !== undefined && now() - cached.savedAt < ttl * 1000) {
      s.data = cached.data;
      s.entry.data = 'cached';
      return;
    }
    const ctx: DataContext<any> = {
      ...s.ctx,
      repos: input.snapshot.repos,
      file: fileOf(s),
      entities: input.entities,
      graphql: (repo) => {
        const fields = s.plugin.fields;
        return fields && 'prefix' in fields ? ownFields(input.snapshot.repoFields?.(repo), fields.prefix) : undefined;
      },
      pluginData: dataOf(s, index),
      warn: (message, ref, hint) => problem(s, 'warning', 'plugin-warning', message, hint, ref ? byRef.get(ref.toLowerCase()) : undefined),
    };
    try {
      const data = await withTimeout(Promise.resolve().then(() => hook.load(ctx)), hook.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const leaked = leakedSecret(data, s.secrets);
      if (leaked) throw new Error(`its data holds the value of ${leaked}; the data was dropped (a token never reaches the site or the cache)`);
      s.data = data;
      s.entry.data = 'computed';
      // Kept for the TTL, and as the last good data should a later call fail.
      await writeCachedData(file, { savedAt: now(), key, data });
    } catch (err) {
      const since = cached ? new Date(cached.savedAt).toISOString() : undefined;
      if (cached) {
        s.data = cached.data;
        s.entry.data = 'stale';
      } else s.entry.data = 'failed';
      problem(
        s,
        'warning',
        'plugin-data',
        `data hook failed: ${thrown(err)}`,
        since ? `showing the last good data, from ${since}` : 'its cards show no data until a build gets it',
      );
    }
  });
  states.forEach((s, i) => loads.set(s.entry.name, loaded[i]!));
  await Promise.all(loaded);

  // view: cards and column values per entity the plugin declares (kinds, annotations).
  const repos = new Map<string, RepoInfo>(input.snapshot.repos.map((r) => [r.name, r]));
  for (const s of states) {
    const view = s.plugin.definition.view;
    if (!view) continue;
    const kinds = view.kinds ? new Set(view.kinds.map((k) => k.toLowerCase())) : undefined;
    const annotations = view.annotations;
    const files = fileOf(s);
    let shown = false;
    // columns: one value per entity and column, in the catalog table.
    const columns = listOf(s, 'columns', () => (typeof view.columns === 'function' ? view.columns(s.ctx) : view.columns)).flatMap((def) => {
      if (!named(def) || typeof def.value !== 'function') {
        problem(s, 'error', 'plugin-failed', `column ${JSON.stringify(def?.id)}: needs an "id" (letters, digits, "-", "_"), a "title" and a value()`);
        return [];
      }
      const column: PluginColumn = { key: `plugin:${s.entry.name}.${def.id}`, title: def.title.trim(), kinds: (def.kinds ?? []).map((k) => k.toLowerCase()), values: {} };
      (output.columns ??= []).push(column);
      return [{ def, column, kinds: def.kinds ? new Set(column.kinds) : undefined }];
    });
    // facets: values per entity, filtered and counted by the catalog like its own.
    const facets = listOf(s, 'facets', () => (typeof view.facets === 'function' ? view.facets(s.ctx) : view.facets)).flatMap((def) => {
      if (!named(def) || typeof def.values !== 'function') {
        problem(s, 'error', 'plugin-failed', `facet ${JSON.stringify(def?.id)}: needs an "id" (letters, digits, "-", "_"), a "title" and a values()`);
        return [];
      }
      const facet: PluginFacet = { key: `${s.entry.name}.${def.id}`.toLowerCase(), title: def.title.trim(), kinds: (def.kinds ?? []).map((k) => k.toLowerCase()), values: {} };
      (output.facets ??= []).push(facet);
      return [{ def, facet, kinds: def.kinds ? new Set(facet.kinds) : undefined }];
    });
    for (const item of input.entities) {
      const kind = item.entity.kind.toLowerCase();
      if (kinds && !kinds.has(kind)) continue;
      const own = item.entity.metadata.annotations;
      if (annotations && !annotations.some((a) => own?.[a] !== undefined)) continue;
      const ctx = { ...s.ctx, data: s.data, repo: repos.get(item.source.repo), file: (path: string) => files(item.source.repo, path) };
      for (const c of columns) {
        if (c.kinds && !c.kinds.has(kind)) continue;
        let value;
        try {
          value = c.def.value(item, ctx);
        } catch (err) {
          problem(s, 'error', 'plugin-failed', `column ${c.def.id} threw for ${item.ref}: ${thrown(err)}`, undefined, item);
          continue;
        }
        if (typeof value !== 'string' || !value.trim()) continue;
        if (leakedSecret(value, s.secrets)) problem(s, 'error', 'plugin-failed', `column ${c.def.id} for ${item.ref} holds the value of ${leakedSecret(value, s.secrets)}; it was dropped`, 'a token never reaches the site', item);
        // A table cell: one line, kept short.
        else {
          c.column.values[item.ref] = value.replace(/\s+/g, ' ').trim().slice(0, 120);
          s.entry.columns = (s.entry.columns ?? 0) + 1;
        }
      }
      for (const f of facets) {
        if (f.kinds && !f.kinds.has(kind)) continue;
        let raw;
        try {
          raw = f.def.values(item, ctx);
        } catch (err) {
          problem(s, 'error', 'plugin-failed', `facet ${f.def.id} threw for ${item.ref}: ${thrown(err)}`, undefined, item);
          continue;
        }
        const values = [...new Set((raw === undefined ? [] : typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : []).filter((v): v is string => typeof v === 'string').map((v) => v.replace(/\s+/g, ' ').trim().slice(0, 80)).filter(Boolean))];
        const leaked = leakedSecret(values, s.secrets);
        if (leaked) problem(s, 'error', 'plugin-failed', `facet ${f.def.id} for ${item.ref} holds the value of ${leaked}; it was dropped`, 'a token never reaches the site', item);
        else if (values.length) f.facet.values[item.ref] = values;
      }
      if (view.tabs) {
        const tabs = entityTabs(s, item, () => view.tabs!(item, ctx));
        if (tabs.length) {
          (output.tabs ??= {})[item.ref] = [...(output.tabs?.[item.ref] ?? []), ...tabs];
          s.entry.tabs = (s.entry.tabs ?? 0) + tabs.length;
          shown ||= tabs.some((t) => t.cards.length > 0);
        }
      }
      if (!view.cards) continue;
      let result;
      try {
        result = view.cards(item, ctx);
      } catch (err) {
        problem(s, 'error', 'plugin-failed', `view hook threw for ${item.ref}: ${thrown(err)}`, undefined, item);
        continue;
      }
      const cards: PluginCard[] = [];
      cards.push(...checkCards(s, result, `card for ${item.ref}`, item));
      if (cards.length === 0) continue;
      (output.cards[item.ref] ??= []).push(...cards);
      s.entry.cards.entities++;
      s.entry.cards.cards += cards.length;
      shown = true;
    }
    // pages and search records: once per plugin.
    const site: SiteContext<any, any> = { ...s.ctx, data: s.data, entities: input.entities };
    if (view.pages) {
      const seen = new Set<string>();
      for (const raw of listOf(s, 'pages', () => view.pages!(site))) {
        const path = typeof raw?.path === 'string' ? raw.path.replace(/^\/+|\/+$/g, '') : undefined;
        if (path === undefined || !/^([a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*)?$/i.test(path) || typeof raw.title !== 'string' || !raw.title.trim()) {
          problem(s, 'error', 'plugin-failed', `page ${JSON.stringify(raw?.path)}: needs a "path" below the plugin's route (letters, digits, "-", "_", "/") and a "title"`);
          continue;
        }
        const at = pluginPagePath(s.entry.name, path);
        if (seen.has(at)) {
          problem(s, 'error', 'plugin-failed', `page "${path}" is returned twice; the first one is kept`);
          continue;
        }
        seen.add(at);
        const page = { plugin: s.entry.name, path: at, title: raw.title.trim(), ...(typeof raw.text === 'string' && raw.text ? { text: raw.text } : {}), cards: checkCards(s, raw.cards, `card on page ${at}`), ...(typeof raw.nav === 'string' && raw.nav.trim() ? { nav: raw.nav.trim().slice(0, 24) } : {}) };
        const leaked = leakedSecret(page, s.secrets);
        if (leaked) problem(s, 'error', 'plugin-failed', `page ${at} holds the value of ${leaked}; it was dropped`, 'a token never reaches the site');
        else {
          (output.pages ??= []).push(page);
          s.entry.pages = (s.entry.pages ?? 0) + 1;
          shown ||= page.cards.length > 0;
        }
      }
    }
    if (view.search) {
      for (const raw of listOf(s, 'search', () => view.search!(site))) {
        const path = typeof raw?.path === 'string' ? raw.path.replace(/^\/+/, '') : '';
        if (!path || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.split('/').includes('..') || typeof raw.title !== 'string' || !raw.title.trim() || typeof raw.content !== 'string') {
          problem(s, 'error', 'plugin-failed', `search record ${JSON.stringify(raw?.path)}: needs a "path" of a portal page, a "title" and a "content"`);
          continue;
        }
        const record = { plugin: s.entry.name, path, title: raw.title.trim(), content: raw.content.replace(/\s+/g, ' ').trim().slice(0, 20_000), kind: typeof raw.kind === 'string' && raw.kind.trim() ? raw.kind.trim() : 'Plugin' };
        const leaked = leakedSecret(record, s.secrets);
        if (leaked) problem(s, 'error', 'plugin-failed', `search record ${path} holds the value of ${leaked}; it was dropped`, 'a token never reaches the site');
        else {
          (output.search ??= []).push(record);
          s.entry.search = (s.entry.search ?? 0) + 1;
        }
      }
    }
    // browser: only a plugin whose cards some page shows (an entity's, a tab's, a page's) has its script copied in.
    if (shown && s.plugin.browserFile) {
      try {
        const hash = createHash('sha256').update(await readFile(s.plugin.browserFile)).digest('hex').slice(0, 10);
        const path = pluginScriptPath(s.entry.name, hash);
        output.scripts[s.entry.name] = path;
        scripts.push({ file: s.plugin.browserFile, path });
        s.entry.script = true;
      } catch (err) {
        problem(s, 'error', 'plugin-failed', `browser script ${s.plugin.browserFile} cannot be read: ${thrown(err)}`);
      }
    }
  }
  return { output, diagnostics, report: { builtAt: new Date(now()).toISOString(), plugins: states.map((s) => s.entry) }, scripts };
}

function hooksOf(plugin: LoadedPlugin): string[] {
  const d = plugin.definition;
  return [d.files && 'files', d.graphql && 'graphql', d.data && 'data', d.view && 'view', d.components && 'components', d.browser && 'browser'].filter((h): h is string => !!h);
}

/** A card as the model keeps it, or what is wrong with it. */
function toCard(plugin: string, raw: CardData, index: number, components?: Record<string, string>): PluginCard | string {
  if (!raw || typeof raw !== 'object') return 'not an object';
  if (typeof (raw as { then?: unknown }).then === 'function') return 'cards() returned a Promise; return plain data and do async work in the data hook';
  if (typeof raw.title !== 'string' || !raw.title.trim()) return 'needs a "title"';
  if (raw.component !== undefined && !(typeof raw.component === 'string' && components?.[raw.component])) return `component ${JSON.stringify(raw.component)} is not one of the plugin's components`;
  const str = (v: unknown) => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));
  const rows = Array.isArray(raw.rows)
    ? raw.rows.filter((r) => r && typeof r === 'object').map((r) => ({ label: str(r.label), value: str(r.value), ...(isHttp(r.href) ? { href: r.href } : {}), ...(r.code ? { code: true } : {}), ...(typeof r.entity === 'string' && r.entity ? { entity: r.entity } : {}) }))
    : undefined;
  const links = Array.isArray(raw.links) ? raw.links.filter((l) => l && isHttp(l.href)).map((l) => ({ title: str(l.title) || l.href, href: l.href })) : undefined;
  return {
    plugin,
    id: typeof raw.id === 'string' && raw.id ? raw.id : String(index),
    title: raw.title.trim(),
    ...(typeof raw.text === 'string' && raw.text ? { text: raw.text } : {}),
    ...(rows?.length ? { rows } : {}),
    ...(links?.length ? { links } : {}),
    ...(typeof raw.html === 'string' && raw.html ? { html: sanitizeHtml(raw.html) } : {}),
    ...(raw.dataset && typeof raw.dataset === 'object' ? { dataset: datasetOf(raw.dataset) } : {}),
    ...(typeof raw.search === 'string' && raw.search.trim() ? { search: raw.search.trim() } : {}),
    ...(typeof raw.component === 'string' && components?.[raw.component] ? { component: raw.component } : {}),
    ...(raw.props && typeof raw.props === 'object' ? { props: jsonOnly(raw.props) } : {}),
  };
}

/** Props as plain JSON (they cross to the site's process): functions, symbols and cycles do not. */
function jsonOnly(props: object): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(props)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Keys that make valid `data-*` attributes and do not clash with the card's own (`data-plugin…`). */
function datasetOf(raw: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(raw).filter(([k]) => /^[a-z][a-z0-9-]*$/.test(k) && !k.startsWith('plugin')).map(([k, v]) => [k, String(v)]));
}

function isHttp(url: unknown): url is string {
  return typeof url === 'string' && /^https?:\/\/[^\s]+$/i.test(url);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    timer.unref?.();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
