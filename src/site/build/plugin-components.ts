// The Astro components plugins ship (their definitions' `components`), served to the pages as one virtual module
// with a static import per component, as own pages are (./own-pages.ts): the plugin API carries only a file path,
// and the core never imports Astro. Plugins are the platform team's trusted code; crawled repos never get here.

import { virtualModulePlugin } from './virtual-module.ts';

export interface PluginComponentFile {
  /** `<plugin>/<name>`: how a card names it (its plugin and its `component`). */
  key: string;
  /** Absolute path of the `.astro` file. */
  file: string;
}

export const PLUGIN_COMPONENTS_MODULE = 'virtual:backlot/plugin-components';

/** The virtual module's code: `components`, each component by key. */
export function pluginComponentsModule(files: readonly PluginComponentFile[]): string {
  const imports = files.map((f, i) => `import component${i} from ${JSON.stringify(f.file)};`);
  const entries = files.map((f, i) => `${JSON.stringify(f.key)}: component${i}`);
  return `${imports.join('\n')}\nexport const components = { ${entries.join(', ')} };\n`;
}

/** Vite plugin serving `virtual:backlot/plugin-components` (none given: no components). */
export function pluginComponentsPlugin(files: readonly PluginComponentFile[] = []) {
  return virtualModulePlugin('backlot:plugin-components', PLUGIN_COMPONENTS_MODULE, () => pluginComponentsModule(files));
}
