// What each plugin contributed to the last build, kept in the cache folder for `backlot plugins`.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedPlugin } from './load.ts';

export interface PluginReportEntry {
  name: string;
  module: string;
  hooks: string[];
  /** Files asked for across all repos, and how many of them the repos have. */
  files: { asked: number; found: number };
  /** computed this build, reused from the cache within its TTL, the last good data after a failure, or none. */
  data?: 'computed' | 'cached' | 'stale' | 'failed';
  cards: { entities: number; cards: number };
  /** Catalog column values (all of its columns). */
  columns?: number;
  /** Entity page tabs, pages under its route and search records. */
  tabs?: number;
  pages?: number;
  search?: number;
  /** Whether its browser script was copied into the site. */
  script: boolean;
  /** Diagnostics naming the plugin. */
  problems: number;
}

export interface PluginReport {
  builtAt: string;
  plugins: PluginReportEntry[];
}

export const reportFile = (cacheDir: string) => join(cacheDir, 'plugins', 'report.json');

export async function writeReport(cacheDir: string, report: PluginReport): Promise<void> {
  await mkdir(join(cacheDir, 'plugins'), { recursive: true });
  await writeFile(reportFile(cacheDir), JSON.stringify(report, null, 2) + '\n');
}

export async function readReport(cacheDir: string): Promise<PluginReport | undefined> {
  try {
    return JSON.parse(await readFile(reportFile(cacheDir), 'utf8')) as PluginReport;
  } catch {
    return undefined;
  }
}

/** `backlot plugins`: the installed plugins, their hooks, and what each contributed in the last build. */
export function formatPlugins(plugins: readonly LoadedPlugin[], report: PluginReport | undefined): string {
  if (plugins.length === 0) return 'No plugins configured (add them under "plugins:" in backlot.config.yaml).\n';
  const lines: string[] = [];
  for (const p of plugins) {
    const hooks = [p.definition.files && 'files', p.definition.graphql && 'graphql', p.definition.data && 'data', p.definition.view && 'view', p.definition.components && 'components', p.definition.browser && 'browser'].filter(Boolean);
    lines.push(`${p.definition.name}  (${p.config.module})`, `  hooks       ${hooks.join(', ') || 'none'}`);
    if (p.config.env.length) lines.push(`  env         ${p.config.env.join(', ')}`);
    const last = report?.plugins.find((e) => e.name === p.definition.name);
    if (!last) {
      lines.push('  last build  not run yet');
      continue;
    }
    const parts = [
      last.files.asked ? `${last.files.found} of ${last.files.asked} files` : undefined,
      last.data ? `data ${last.data}` : undefined,
      `${last.cards.cards} card${last.cards.cards === 1 ? '' : 's'} on ${last.cards.entities} entit${last.cards.entities === 1 ? 'y' : 'ies'}`,
      last.columns ? `${last.columns} catalog column value${last.columns === 1 ? '' : 's'}` : undefined,
      last.tabs ? `${last.tabs} tab${last.tabs === 1 ? '' : 's'}` : undefined,
      last.pages ? `${last.pages} page${last.pages === 1 ? '' : 's'}` : undefined,
      last.search ? `${last.search} search record${last.search === 1 ? '' : 's'}` : undefined,
      last.script ? 'browser script' : undefined,
      `${last.problems} problem${last.problems === 1 ? '' : 's'}`,
    ].filter(Boolean);
    lines.push(`  last build  ${parts.join(', ')}`);
  }
  if (report) lines.push('', `Last build: ${report.builtAt}`);
  return lines.join('\n') + '\n';
}
