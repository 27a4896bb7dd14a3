// Loading plugins from backlot.config.yaml: modules by path or package name, options checked against the plugin's
// own schema with the config's friendly errors (key and line), and the mistakes people make.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config/load.ts';
import { loadPlugins } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'backlot-plugins-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(
  join(dir, 'runbook.mjs'),
  `export default {
    name: 'runbook',
    options: { type: 'object', additionalProperties: false, required: ['wikiUrl'], properties: { wikiUrl: { type: 'string', pattern: '^https://' }, label: { type: 'string', default: 'Runbook' } } },
    view: { cards: () => undefined },
    browser: './runbook-card.js',
  };\n`,
);
writeFileSync(join(dir, 'not-a-plugin.mjs'), 'export const x = 1;\n');
writeFileSync(join(dir, 'copy.mjs'), "export default { name: 'runbook' };\n");

function configWith(plugins: string): string {
  const file = join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, `site:\n  title: Acme\nplugins:\n${plugins}`);
  return file;
}

async function problems(plugins: string) {
  try {
    await loadPlugins(loadConfig(configWith(plugins)));
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => ({ line: p.line, column: p.column, message: p.message, hint: p.hint }));
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadPlugins', () => {
  it('loads a module by path, fills in its options’ defaults and finds its browser script beside it', async () => {
    const [plugin] = await loadPlugins(loadConfig(configWith('  - module: ./runbook.mjs\n    options: { wikiUrl: https://wiki.acme.io }\n    env: [WIKI_TOKEN]\n')));
    expect(plugin!.definition.name).toBe('runbook');
    expect(plugin!.config.options).toEqual({ wikiUrl: 'https://wiki.acme.io', label: 'Runbook' });
    expect(plugin!.config.env).toEqual(['WIKI_TOKEN']);
    expect(plugin!.browserFile).toBe(join(dir, 'runbook-card.js'));
    expect([plugin!.line, plugin!.column]).toEqual([4, 13]);
  });

  it('loads Backlot’s own plugins by package name from a folder with no node_modules', async () => {
    const [plugin] = await loadPlugins(loadConfig(configWith('  - module: backlot/plugins/annotations\n    options: { github: {} }\n')));
    expect(plugin!.definition.name).toBe('annotations');
    expect(plugin!.definition.view?.annotations).toContain('pagerduty.com/service-id');
  });

  it('reports options that break the plugin’s schema at their key and line, like the rest of the config', async () => {
    expect(await problems('  - module: ./runbook.mjs\n    options:\n      wikiUrl: https://wiki.acme.io\n      lable: Runbook\n')).toEqual([
      { line: 7, column: 7, message: 'unknown key "lable" in plugins[0].options', hint: 'did you mean "label"?' },
    ]);
    expect(await problems('  - module: ./runbook.mjs\n    options:\n      wikiUrl: http://wiki\n')).toEqual([
      { line: 6, column: 16, message: 'plugins[0].options.wikiUrl is not in the right form', hint: undefined },
    ]);
    expect(await problems('  - module: ./runbook.mjs\n')).toEqual([{ line: 4, column: 5, message: 'plugins[0].options needs "wikiUrl"', hint: undefined }]);
  });

  it('names the entry of a module that is missing, is not a plugin, or repeats a plugin', async () => {
    const [missing] = await problems('  - module: ./nowhere.mjs\n');
    expect(missing).toMatchObject({ line: 4, column: 13, message: expect.stringMatching(/^plugin "\.\/nowhere\.mjs" could not be loaded: /) });
    expect(await problems('  - module: ./not-a-plugin.mjs\n')).toEqual([
      { line: 4, column: 13, message: 'plugin "./not-a-plugin.mjs" does not export a plugin', hint: expect.stringContaining('export default definePlugin') },
    ]);
    expect(await problems('  - module: ./runbook.mjs\n    options: { wikiUrl: https://w.io }\n  - module: ./copy.mjs\n')).toEqual([
      { line: 6, column: 13, message: 'plugin "./copy.mjs" is named "runbook" like "./runbook.mjs"', hint: 'each plugin may be configured once' },
    ]);
  });

  it('refuses a module from the crawled repos or the crawl cache: plugins are the portal’s own code', async () => {
    mkdirSync(join(dir, 'repos', 'evil'), { recursive: true });
    writeFileSync(join(dir, 'repos', 'evil', 'plugin.mjs'), "globalThis.ranEvil = true; export default { name: 'evil' };\n");
    const file = configWith('  - module: ./repos/evil/plugin.mjs\n');
    const config = loadConfig(file);
    const withSource = { ...config, sources: [{ type: 'local' as const, path: 'repos', org: 'acme', host: 'github.com', defaultBranch: 'main', catalogPath: '/catalog-info.yaml' }] };
    await expect(loadPlugins(withSource)).rejects.toThrow(/plugin "\.\/repos\/evil\/plugin\.mjs" is inside the crawled repos or the crawl cache/);
    await expect(loadPlugins(config, [join(dir, 'repos')])).rejects.toThrow(/inside the crawled repos/);
    await expect(loadPlugins({ ...config, cacheDir: join(dir, 'repos') })).rejects.toThrow(/inside the crawled repos/);
    expect((globalThis as { ranEvil?: boolean }).ranEvil).toBeUndefined();
  });

  it('checks the entries themselves with the config’s schema', () => {
    expect(() => loadConfig(configWith('  - modul: ./runbook.mjs\n'))).toThrow(/unknown key "modul" in plugins\[0\] \(did you mean "module"\?\)/);
    expect(() => loadConfig(configWith('  - module: ./runbook.mjs\n    env: [not-a-name]\n'))).toThrow(/plugins\[0\]\.env\[0\] is not in the right form/);
  });
});
