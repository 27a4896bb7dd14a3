// Astro components a plugin ships: named in its definition, resolved beside the module, refused unless they are
// .astro files under plain names, and handed to the site build as one virtual module of static imports.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/load.ts';
import { pluginComponentsModule, pluginComponentsPlugin } from '../site/build/plugin-components.ts';
import { componentFiles, loadPlugins } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'backlot-plugin-components-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, 'cards.mjs'), `export default { name: 'cards', components: { status: new URL('./Status.astro', import.meta.url), badge: './parts/Badge.astro' } };\n`);
writeFileSync(join(dir, 'bad.mjs'), `export default { name: 'bad', components: { status: './status.js' } };\n`);

const load = (module: string) => {
  const file = join(dir, `c-${module}.yaml`);
  writeFileSync(file, `site:\n  title: Acme\nplugins:\n  - module: ./${module}\n`);
  return loadPlugins(loadConfig(file));
};

describe('plugin components', () => {
  it('resolves each component beside the plugin module and keys it by plugin and name', async () => {
    const plugins = await load('cards.mjs');
    expect(plugins[0]!.definition.components).toBeDefined();
    expect(componentFiles(plugins)).toEqual([
      { key: 'cards/status', file: join(dir, 'Status.astro') },
      { key: 'cards/badge', file: join(dir, 'parts', 'Badge.astro') },
    ]);
  });

  it('refuses a component that is not an .astro file, naming the plugin', async () => {
    const err = await load('bad.mjs').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems[0]!.message).toBe('plugin "bad": component "status" must be an .astro file under a name of letters, digits, "-" and "_"');
  });

  it('serves them as one module of static imports, empty without any', () => {
    const files = [{ key: 'cards/status', file: '/portal/plugins/Status.astro' }];
    expect(pluginComponentsModule(files)).toBe('import component0 from "/portal/plugins/Status.astro";\nexport const components = { "cards/status": component0 };\n');
    const plugin = pluginComponentsPlugin();
    const id = plugin.resolveId.handler('virtual:backlot/plugin-components')!;
    expect(plugin.load.handler(id)).toBe('\nexport const components = {  };\n');
    expect(plugin.resolveId.handler('./other.ts')).toBeUndefined();
  });
});
