// Reads an author's mkdocs.yml: only the keys Backlot uses, with source positions for diagnostics.
// Nothing in it is executed; hooks, plugins and Python tags are simply not looked at.

import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { MarkdownExtensions } from './markdown/extensions.ts';

export interface Position {
  line: number;
  column: number;
}

export interface RawNavEntry extends Position {
  title?: string;
  /** A docs-relative path or an absolute URL. */
  target?: string;
  children?: RawNavEntry[];
}

export interface MkdocsConfig {
  /** Repo-relative path of the file, undefined when Backstage's default config is used. */
  file?: string;
  siteName?: string;
  siteDescription?: string;
  repoUrl?: string;
  editUri?: string;
  docsDir: string;
  docsDirAt: Position;
  nav?: RawNavEntry[];
  useDirectoryUrls: boolean;
  /** `markdown_extensions`, list and mapping forms alike: name → options. */
  markdownExtensions?: MarkdownExtensions;
  /** Where each extension and plugin is named, for diagnostics. */
  extensionsAt?: Record<string, Position>;
  plugins?: Array<{ name: string } & Position>;
}

const NOWHERE: Position = { line: 0, column: 0 };

export function defaultMkdocsConfig(siteName: string): MkdocsConfig {
  return { siteName, docsDir: 'docs', docsDirAt: NOWHERE, useDirectoryUrls: true };
}

export function parseMkdocsConfig(
  text: string,
  where: { repo: string; file: string; entity?: string },
): { config: MkdocsConfig; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (node: unknown): Position => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (!range) return NOWHERE;
    const { line, col } = lineCounter.linePos(range[0]);
    return { line, column: col };
  };
  const report = (pos: Position, message: string, code = 'docs-mkdocs-config', hint?: string) =>
    diagnostics.push({
      severity: 'warning',
      code,
      message,
      ...(hint ? { hint } : {}),
      repo: where.repo,
      file: where.file,
      line: pos.line,
      column: pos.column,
      ...(where.entity ? { entity: where.entity } : {}),
    });

  const config: MkdocsConfig = { file: where.file, docsDir: 'docs', docsDirAt: NOWHERE, useDirectoryUrls: true };
  const firstError = doc.errors[0];
  if (firstError) {
    const { line, col } = lineCounter.linePos(firstError.pos[0]);
    diagnostics.push({
      severity: 'error',
      code: 'docs-mkdocs-yaml',
      message: `mkdocs config is not valid YAML: ${firstError.message.split('\n')[0]}`,
      repo: where.repo,
      file: where.file,
      line,
      column: col,
      ...(where.entity ? { entity: where.entity } : {}),
    });
    return { config, diagnostics };
  }
  const root = doc.contents;
  if (!isMap(root)) {
    if (root) report(at(root), 'mkdocs config must be a map of settings');
    return { config, diagnostics };
  }

  const str = (node: unknown, key: string): string | undefined => {
    if (node === null || node === undefined) return undefined;
    if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
    report(at(node), `\`${key}\` must be a string`);
    return undefined;
  };

  for (const pair of root.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const value = pair.value as Node | null;
    switch (key) {
      case 'site_name':
        config.siteName = str(value, key);
        break;
      case 'site_description':
        config.siteDescription = str(value, key);
        break;
      case 'repo_url':
        config.repoUrl = str(value, key);
        break;
      case 'edit_uri':
        config.editUri = str(value, key);
        break;
      case 'docs_dir': {
        const dir = str(value, key);
        if (dir !== undefined) {
          config.docsDir = dir;
          config.docsDirAt = at(value);
        }
        break;
      }
      case 'use_directory_urls':
        if (isScalar(value) && typeof value.value === 'boolean') config.useDirectoryUrls = value.value;
        else report(at(value), '`use_directory_urls` must be true or false');
        break;
      case 'markdown_extensions': {
        const read = readNamed(value, at, report, key);
        config.markdownExtensions = Object.fromEntries(read.map((e) => [e.name, e.options]));
        config.extensionsAt = Object.fromEntries(read.map((e) => [e.name, { line: e.line, column: e.column }]));
        break;
      }
      case 'plugins':
        config.plugins = readNamed(value, at, report, key).map(({ name, line, column }) => ({ name, line, column }));
        break;
      case 'nav':
        if (isSeq(value)) config.nav = readNav(value.items, at, report);
        else if (value) report(at(value), '`nav` must be a list');
        break;
    }
  }
  return { config, diagnostics };
}

/**
 * `- name`, `- name: {options}` or `name: {options}` entries of `markdown_extensions` and `plugins`.
 * Options are plain data: YAML tags such as `!!python/name:` are kept as their text, never resolved.
 */
function readNamed(
  value: Node | null,
  at: (node: unknown) => Position,
  report: (pos: Position, message: string) => void,
  key: string,
): Array<{ name: string; options: Record<string, unknown> } & Position> {
  const out: Array<{ name: string; options: Record<string, unknown> } & Position> = [];
  const options = (node: unknown): Record<string, unknown> => (isMap(node) ? (plain(node) as Record<string, unknown>) : {});
  const pairs = (map: { items: Array<{ key: unknown; value: unknown }> }) => {
    for (const pair of map.items) {
      if (isScalar(pair.key) && typeof pair.key.value === 'string') out.push({ name: pair.key.value, options: options(pair.value), ...at(pair.key) });
      else report(at(pair.key), `\`${key}\` entries must be names`);
    }
  };
  if (isMap(value)) pairs(value);
  else if (isSeq(value)) {
    for (const item of value.items) {
      if (isScalar(item) && typeof item.value === 'string') out.push({ name: item.value, options: {}, ...at(item) });
      else if (isMap(item)) pairs(item);
      else report(at(item), `\`${key}\` entries must be names, or a name with options`);
    }
  } else if (value && !(isScalar(value) && value.value === null)) report(at(value), `\`${key}\` must be a list`);
  return out;
}

/** YAML → plain data; a Python tag (`!!python/name:pkg.fn`) becomes its name, as text. */
function plain(node: unknown): unknown {
  const tag = (node as { tag?: string } | null)?.tag;
  const python = tag && /python\/[\w/]+:(.*)$/.exec(tag);
  if (python && !isScalar(node)) return python[1];
  if (isMap(node)) return Object.fromEntries(node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), plain(p.value)]));
  if (isSeq(node)) return node.items.map(plain);
  if (isScalar(node)) return python ? python[1] : node.value;
  return null;
}

function readNav(
  items: unknown[],
  at: (node: unknown) => Position,
  report: (pos: Position, message: string) => void,
): RawNavEntry[] {
  const out: RawNavEntry[] = [];
  for (const item of items) {
    const pos = at(item);
    if (isScalar(item)) {
      if (typeof item.value === 'string') out.push({ ...pos, target: item.value });
      else report(pos, 'A nav entry must be a path, `Title: path` or `Title: [entries]`');
      continue;
    }
    if (isMap(item) && item.items.length === 1) {
      const pair = item.items[0]!;
      const title = isScalar(pair.key) ? String(pair.key.value) : undefined;
      const value = pair.value as Node | null;
      if (isSeq(value)) {
        out.push({ ...pos, title, children: readNav(value.items, at, report) });
        continue;
      }
      if (isScalar(value) && typeof value.value === 'string') {
        if (value.tag === '!include') {
          report(at(value), `nav entry "${title}" uses !include (mkdocs-monorepo-plugin), which Backlot does not read yet`);
          continue;
        }
        out.push({ ...at(value), title, target: value.value });
        continue;
      }
    }
    report(pos, 'A nav entry must be a path, `Title: path` or `Title: [entries]`');
  }
  return out;
}
