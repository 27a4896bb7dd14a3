// pymdownx.snippets: `--8<-- "file"` lines (and `--8<--` blocks listing files) are replaced by the
// files' text before anything else is parsed, inside code fences too. Paths resolve against the site's
// root folder and must stay inside it (`restrict_base_path`); the caller reads the files, in batches.

import type { SourceLine } from './blocks.ts';

const SINGLE = /^( *)(;*)-+8<-+[ \t]+("(?:\\"|[^"])+?"|'(?:\\'|[^'])+?')\s*$/;
const BLOCK = /^( *)(;*)-+8<-+\s*$/;
const SECTION_MARK = /-+8<-+[ \t]+\[(start|end):([\w-]+)\]/;
const MAX_DEPTH = 4;

export interface SnippetSpec {
  path: string;
  /** 1-based inclusive line range. */
  start?: number;
  end?: number;
  section?: string;
}

export function parseSnippetSpec(spec: string): SnippetSpec {
  const range = /^(.+?):(-?\d*)(?::(-?\d*))?$/.exec(spec);
  if (range && (range[2] !== '' || range[3] !== undefined) && !/^[a-z]+:\/\//i.test(spec)) {
    const start = range[2] ? Math.max(1, Number(range[2])) : undefined;
    const end = range[3] ? Number(range[3]) : undefined;
    return { path: range[1]!, ...(start ? { start } : {}), ...(end ? { end } : {}) };
  }
  const section = /^(.+\.[\w]+):([A-Za-z_][\w-]*)$/.exec(spec);
  if (section) return { path: section[1]!, section: section[2]! };
  return { path: spec };
}

/** Every snippet spec a text names (both forms), to read the files before expanding. */
export function findSnippetSpecs(text: string): string[] {
  if (!text.includes('8<')) return [];
  const specs: string[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const single = SINGLE.exec(lines[i]!);
    if (single) {
      if (!single[2]) specs.push(unquote(single[3]!));
      continue;
    }
    const block = BLOCK.exec(lines[i]!);
    if (block && !block[2]) {
      for (i++; i < lines.length && !BLOCK.test(lines[i]!); i++) {
        const name = lines[i]!.trim();
        if (name && !name.startsWith(';')) specs.push(name);
      }
    }
  }
  return specs;
}

export interface SnippetContext {
  /** Repo path of a snippet spec's file, or undefined when it leaves the site's folder. */
  resolve: (path: string) => string | undefined;
  /** Text of a file read earlier; undefined when missing or not text. */
  content: (repoPath: string) => string | undefined;
  report: (at: SourceLine, code: 'docs-path-escape' | 'docs-missing-file' | 'docs-snippet', message: string) => void;
}

export function expandSnippets(lines: SourceLine[], ctx: SnippetContext): SourceLine[] {
  if (!lines.some((l) => l.text.includes('8<'))) return lines;
  return expand(lines, ctx, 0, [], undefined);
}

function expand(lines: SourceLine[], ctx: SnippetContext, depth: number, stack: string[], origin: SourceLine | undefined): SourceLine[] {
  const out: SourceLine[] = [];
  const include = (spec: string, indent: string, at: SourceLine) => {
    const anchor = origin ?? at;
    for (const l of insert(spec, ctx, depth, stack, anchor)) out.push({ ...l, text: l.text === '' ? '' : indent + l.text });
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const single = SINGLE.exec(line.text);
    if (single) {
      if (single[2]) out.push({ ...line, text: line.text.replace(';', '') });
      else include(unquote(single[3]!), single[1]!, line);
      continue;
    }
    const block = BLOCK.exec(line.text);
    if (block) {
      if (block[2]) {
        out.push({ ...line, text: line.text.replace(';', '') });
        continue;
      }
      for (i++; i < lines.length && !BLOCK.test(lines[i]!.text); i++) {
        const name = lines[i]!.text.trim();
        if (name && !name.startsWith(';')) include(name, block[1]!, lines[i]!);
      }
      continue;
    }
    out.push(line);
  }
  return out;
}

function insert(raw: string, ctx: SnippetContext, depth: number, stack: string[], at: SourceLine): SourceLine[] {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    ctx.report(at, 'docs-snippet', `snippet "${raw}" is a URL; only files of the repository can be included`);
    return [];
  }
  const spec = parseSnippetSpec(raw);
  const path = ctx.resolve(spec.path);
  if (path === undefined) {
    ctx.report(at, 'docs-path-escape', `snippet "${raw}" points outside the docs site's folder`);
    return [];
  }
  if (stack.includes(path) || depth >= MAX_DEPTH) {
    ctx.report(at, 'docs-snippet', `snippet "${raw}" includes itself or nests more than ${MAX_DEPTH} levels deep`);
    return [];
  }
  const text = ctx.content(path);
  if (text === undefined) {
    ctx.report(at, 'docs-missing-file', `snippet "${raw}" names a file that does not exist (${path})`);
    return [];
  }
  let lines = text.replace(/\r?\n$/, '').split(/\r\n|\r|\n/);
  if (spec.section) lines = section(lines, spec.section);
  else if (spec.start || spec.end) lines = lines.slice((spec.start ?? 1) - 1, spec.end ?? lines.length);
  lines = lines.filter((l) => !SECTION_MARK.test(l));
  const mapped = lines.map((text) => ({ text, line: at.line, shift: 0 }));
  return expand(mapped, ctx, depth + 1, [...stack, path], at);
}

function section(lines: string[], name: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of lines) {
    const mark = SECTION_MARK.exec(line);
    if (mark && mark[2] === name) {
      inside = mark[1] === 'start';
      continue;
    }
    if (inside) out.push(line);
  }
  return out;
}

function unquote(quoted: string): string {
  return quoted.slice(1, -1).replace(/\\(["'])/g, '$1');
}
