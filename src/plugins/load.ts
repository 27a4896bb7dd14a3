// Loads the plugins `plugins:` names: imports each module, checks its definition, and checks its options against
// the plugin's own JSON Schema with the config's friendly errors (key and line in backlot.config.yaml).

import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Ajv } from 'ajv';
import { ConfigError, configProblems, isWithin } from '../config/load.ts';
import type { BacklotConfig, PluginConfig } from '../config/types.ts';
import { addFormats } from '../util/ajv.ts';
import type { PluginFields } from './graphql.ts';
import type { PluginDefinition } from './index.ts';

export interface LoadedPlugin {
  definition: PluginDefinition<any, any>;
  config: PluginConfig;
  /** The file the module was loaded from. */
  file: string;
  /** The browser script's file, when the plugin has one. */
  browserFile?: string;
  /** Its Astro components' files, by name (`components`). */
  componentFiles?: Record<string, string>;
  /** Its `graphql` fields as the crawl asks them, or why they were left out (src/plugins/graphql.ts). */
  fields?: PluginFields;
  /** Where its entry is in the config file: the position of the diagnostics that name no entity. */
  line?: number;
  column?: number;
}

const NAME = /^[a-z0-9][a-z0-9._-]*$/i;

/** `crawled`: more folders of crawled repos than the config's local sources (`backlot build PATH`). */
export async function loadPlugins(config: BacklotConfig, crawled: readonly string[] = []): Promise<LoadedPlugin[]> {
  const loaded: LoadedPlugin[] = [];
  // Plugins run at build time, so, like own pages, they must be the portal's own code: never a crawled repo's file.
  const untrusted = [
    ...config.sources.flatMap((s) => (s.type === 'local' ? [resolve(config.root, s.path)] : [])),
    ...crawled.map((dir) => resolve(dir)),
    config.cacheDir,
  ];
  const names = new Map<string, string>();
  for (const entry of config.plugins ?? []) {
    const problem = (message: string, hint?: string) => new ConfigError([where(entry, message, hint)]);
    let file: string;
    let module: Record<string, unknown>;
    try {
      file = resolveModule(entry.module, config.root);
      if (untrusted.some((dir) => isWithin(file, dir))) {
        throw problem(`plugin "${entry.module}" is inside the crawled repos or the crawl cache`, 'plugins run at build time, so they must be the portal’s own files or packages, never a crawled repo’s');
      }
      module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (err) {
      if (err instanceof ConfigError) throw err;
      throw problem(`plugin "${entry.module}" could not be loaded: ${(err as Error).message.split('\n')[0]}`, 'an npm package installed beside this file, or a path starting with ./');
    }
    const definition = (module.default ?? module.plugin) as PluginDefinition<any, any> | undefined;
    if (!definition || typeof definition !== 'object' || typeof definition.name !== 'string' || !NAME.test(definition.name)) {
      throw problem(`plugin "${entry.module}" does not export a plugin`, 'export default definePlugin({ name, … }), with a name of letters, digits, ".", "_" or "-"');
    }
    const other = names.get(definition.name);
    if (other) throw problem(`plugin "${entry.module}" is named "${definition.name}" like "${other}"`, 'each plugin may be configured once');
    names.set(definition.name, entry.module);
    checkOptions(definition, entry);
    const browserFile = definition.browser ? browserPath(definition.browser, file) : undefined;
    const componentFiles = componentPaths(definition, file, problem);
    const { line, column } = where(entry, '');
    loaded.push({ definition, config: entry, file, ...(browserFile ? { browserFile } : {}), ...(componentFiles ? { componentFiles } : {}), line, column });
  }
  return loaded;
}

function where(entry: PluginConfig, message: string, hint?: string) {
  // configProblems with no errors gives nothing; the entry's position comes from one made-up error at the module key.
  const [at] = configProblems(entry.at.file, ['plugins', entry.at.index, 'module'], [{ keyword: 'x', instancePath: '', schemaPath: '', params: {} }]);
  return { file: entry.at.file, line: at?.line ?? 0, column: at?.column ?? 0, message, ...(hint ? { hint } : {}) };
}

function checkOptions(definition: PluginDefinition<any, any>, entry: PluginConfig): void {
  if (!definition.options) return;
  const ajv = addFormats(new Ajv({ allErrors: true, strict: false, verbose: true, useDefaults: true }));
  let validate;
  try {
    validate = ajv.compile(definition.options);
  } catch (err) {
    throw new ConfigError([where(entry, `plugin "${definition.name}" has an options schema that does not compile: ${(err as Error).message}`)]);
  }
  // useDefaults fills in the schema's defaults, so the plugin sees them.
  if (!validate(entry.options)) throw new ConfigError(configProblems(entry.at.file, ['plugins', entry.at.index, 'options'], validate.errors ?? []));
}

function resolveModule(name: string, root: string): string {
  if (name.startsWith('./') || name.startsWith('../') || isAbsolute(name)) return resolve(root, name);
  try {
    return createRequire(join(root, 'package.json')).resolve(name);
  } catch {
    // Backlot's own plugins (backlot/plugins/…) when the portal's folder has no node_modules of its own.
    return fileURLToPath(import.meta.resolve(name));
  }
}

function browserPath(browser: URL | string, moduleFile: string): string {
  if (browser instanceof URL) return fileURLToPath(browser);
  return browser.startsWith('file:') ? fileURLToPath(browser) : resolve(dirname(moduleFile), browser);
}

const COMPONENT = /^[a-z][a-z0-9_-]*$/i;

function componentPaths(definition: PluginDefinition<any, any>, moduleFile: string, problem: (message: string, hint?: string) => ConfigError): Record<string, string> | undefined {
  const components = definition.components;
  if (!components) return undefined;
  const out: Record<string, string> = {};
  for (const [name, at] of Object.entries(components)) {
    const file = typeof at === 'string' || at instanceof URL ? browserPath(at, moduleFile) : '';
    if (!COMPONENT.test(name) || !file.endsWith('.astro')) {
      throw problem(`plugin "${definition.name}": component "${name}" must be an .astro file under a name of letters, digits, "-" and "_"`, "components: { card: new URL('./Card.astro', import.meta.url) }");
    }
    out[name] = file;
  }
  return out;
}

/** Every plugin's Astro components as the site build bundles them: `<plugin>/<name>` → file. */
export function componentFiles(plugins: readonly LoadedPlugin[]): Array<{ key: string; file: string }> {
  return plugins.flatMap((p) => Object.entries(p.componentFiles ?? {}).map(([name, file]) => ({ key: `${p.definition.name}/${name}`, file })));
}
