// Test helper: a plugin definition as loadPlugins hands it on, without a module file or config on disk.

import type { PluginDefinition } from './index.ts';
import type { LoadedPlugin } from './load.ts';

export function loaded<O, D>(definition: PluginDefinition<O, D>, over: { options?: Record<string, unknown>; env?: string[]; browserFile?: string } = {}): LoadedPlugin {
  return {
    definition: definition as PluginDefinition<any, any>,
    config: { module: `./${definition.name}.ts`, options: over.options ?? {}, env: over.env ?? [], at: { file: '/portal/backlot.config.yaml', index: 0 } },
    file: `/portal/${definition.name}.ts`,
    ...(over.browserFile ? { browserFile: over.browserFile } : {}),
  };
}
