// Fences other extensions take over: pymdownx.superfences' `custom_fences` (mermaid formatters become
// diagrams, arithmatex's fenced format display math, any other formatter a code block and a warning) and
// plantuml_markdown, which techdocs-core turns on for every site: ```plantuml, ```uml and ```c4plantuml
// become an <img> the reader's browser loads from the PlantUML (or Kroki) server the config names, with
// the diagram in the URL; with no server they are shown as source, titled with what is missing.

import { deflateRawSync, deflateSync } from 'node:zlib';
import type { Element } from 'hast';
import type { MarkdownExtensions } from './extensions.ts';

export type FenceKind = 'mermaid' | 'math' | 'unknown';

export interface PlantumlOptions {
  /** PlantUML server (`server`) or Kroki server (`kroki_server`), without a trailing slash. */
  server?: string;
  kroki: boolean;
  format: string;
  classes: string;
  alt: string;
  title: string;
}

export interface FenceConfig {
  /** Lower-cased custom fence name → what it renders as. */
  custom: Map<string, FenceKind>;
  plantuml: PlantumlOptions;
}

const cache = new WeakMap<MarkdownExtensions, FenceConfig>();

export function fenceConfigOf(ext: MarkdownExtensions): FenceConfig {
  let config = cache.get(ext);
  if (config) return config;
  const custom = new Map<string, FenceKind>();
  const fences = ext['pymdownx.superfences']?.custom_fences;
  for (const fence of Array.isArray(fences) ? fences : []) {
    if (!fence || typeof fence !== 'object') continue;
    const { name, class: className, format } = fence as Record<string, unknown>;
    if (typeof name !== 'string' || name === '*') continue;
    custom.set(name.toLowerCase(), fenceKind(String(format ?? ''), String(className ?? '')));
  }
  const uml = ext.plantuml_markdown ?? {};
  const text = (key: string, fallback: string) => (typeof uml[key] === 'string' ? (uml[key] as string) : fallback);
  const server = httpUrl(text('kroki_server', '')) ?? httpUrl(text('server', ''));
  config = {
    custom,
    plantuml: {
      ...(server ? { server } : {}),
      kroki: server !== undefined && httpUrl(text('kroki_server', '')) === server,
      format: text('format', 'png'),
      classes: text('classes', 'uml'),
      alt: text('alt', 'uml diagram'),
      title: text('title', ''),
    },
  };
  cache.set(ext, config);
  return config;
}

/** What a formatter (a `!!python/name:` tag, read as its dotted name) makes of the fence. */
function fenceKind(format: string, className: string): FenceKind {
  if (/\bmermaid/i.test(format)) return 'mermaid';
  if (/superfences\.fence_(code|div)_format$/.test(format) && className.split(/\s+/).includes('mermaid')) return 'mermaid';
  if (/arithmatex\.arithmatex_fenced_format$/.test(format)) return 'math';
  return 'unknown';
}

function httpUrl(value: string): string | undefined {
  return /^https?:\/\/[^\s"'<>]+$/i.test(value) ? value.replace(/\/+$/, '') : undefined;
}

export const PLANTUML_LANGS = new Set(['plantuml', 'uml', 'c4plantuml']);

/** PlantUML's own base64 alphabet, in the order of standard base64's. */
const PLANTUML_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * PlantUML's text encoding: raw deflate, then base64 in PlantUML's alphabet, where a last partial group is
 * written in full with zero bits (PlantUML's encode6bit(0) is `0`), so `=` padding becomes `0`.
 */
export function encodePlantuml(source: string): string {
  const deflated = deflateRawSync(Buffer.from(source, 'utf8'));
  let out = '';
  for (const ch of deflated.toString('base64')) out += ch === '=' ? '0' : PLANTUML_ALPHABET[BASE64_ALPHABET.indexOf(ch)];
  return out;
}

/** As plantuml_markdown sends it: lines trimmed, inside one `@start…`/`@end…` pair. */
export function plantumlSource(code: string): string {
  let type = 'uml';
  const lines: string[] = [];
  for (const raw of code.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('@start')) type = line.slice('@start'.length) || type;
    else if (!line.startsWith('@end')) lines.push(line);
  }
  return `@start${type}\n${lines.join('\n')}\n@end${type}\n`;
}

export function plantumlUrl(code: string, options: PlantumlOptions & { server: string }, format: string): string {
  const kind = format === 'png' || format === 'txt' ? format : /^svg/.test(format) ? 'svg' : 'png';
  // txt diagrams are text, not an image: drawn as SVG instead.
  const imageFormat = kind === 'txt' ? 'svg' : kind;
  const source = plantumlSource(code);
  if (options.kroki) return `${options.server}/plantuml/${imageFormat}/${deflateSync(Buffer.from(source, 'utf8'), { level: 9 }).toString('base64url')}`;
  return `${options.server}/${imageFormat}/${encodePlantuml(source)}`;
}

/** `format="svg" classes="uml x" alt="…" title="…" width="500px" height="250px"` from the fence's info string. */
export function plantumlAttributes(meta: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of meta.matchAll(/(format|classes|alt|title|width|height)=(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

const SIZE = /^\d+(\.\d+)?(px|%|em|rem)?$/;

/** `<p><img class="uml" alt="uml diagram" title="" src="…"></p>`, as plantuml_markdown writes a diagram. */
export function plantumlImage(code: string, meta: string, options: PlantumlOptions & { server: string }): Element {
  const attrs = plantumlAttributes(meta);
  const style = [
    ...(attrs.width && SIZE.test(attrs.width) ? [`max-width:${attrs.width}`] : []),
    ...(attrs.height && SIZE.test(attrs.height) ? [`max-height:${attrs.height}`] : []),
  ];
  const img: Element = {
    type: 'element',
    tagName: 'img',
    properties: {
      src: plantumlUrl(code, options, attrs.format || options.format),
      className: (attrs.classes || options.classes).split(/\s+/).filter((c) => /^[\w-]+$/.test(c)),
      alt: attrs.alt ?? options.alt,
      title: attrs.title ?? options.title,
      loading: 'lazy',
      ...(style.length ? { style: style.join(';'), width: '100%' } : {}),
    },
    children: [],
  };
  return { type: 'element', tagName: 'p', properties: {}, children: [img] };
}
