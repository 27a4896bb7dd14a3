// Line-level pass for the Python-Markdown block syntax the Markdown parser does not read yet: pymdownx.blocks
// (`/// name`), definition lists, md_in_html, `::uml::` and abbreviation definitions. Each block becomes a
// blockquote whose first paragraph is a private marker (`\uE000<n>\uE000`); a remark plugin then turns those
// blockquotes into the real elements. `!!!`, `???` and `===` are the parser's own (indented.ts): this pass only
// follows their indentation. Blockquotes keep nested Markdown (code, lists, other blocks) intact.

import { parse as parseYaml } from 'yaml';

/** One line of the text fed to remark, with where it came from. */
export interface SourceLine {
  text: string;
  /** 1-based line in the original file. */
  line: number;
  /** Add to a column in `text` to get the column in the original line. */
  shift: number;
}

export type Container =
  | { kind: 'admonition'; types: string[]; title?: string }
  | { kind: 'details'; types: string[]; title?: string; open: boolean }
  | { kind: 'tab'; title: string; newSet: boolean; selected: boolean }
  | { kind: 'dt' }
  | { kind: 'dd' }
  | { kind: 'html'; tag: string; className: string[]; id?: string; attributes?: Record<string, string> }
  | { kind: 'define' }
  | { kind: 'caption'; type: string; prepend: boolean; className: string[]; id?: string; attributes?: Record<string, string>; template?: string; auto: boolean; number?: string };

/** Which `/// name` blocks (pymdownx.blocks.*) a site enables, and its admonition and details types. */
export interface BlockSyntax {
  admonition: boolean;
  details: boolean;
  tab: boolean;
  html: boolean;
  definition: boolean;
  caption: boolean;
  /** `/// note` → an admonition of that type. */
  admonitionTypes: Set<string>;
  /** `/// details-note` → details with that class. */
  detailsTypes: Map<string, string>;
  /** Caption types → prefix template (`Figure {}.`; '' for none), and the caption extension's `auto` and `prepend`. */
  captionTypes: Map<string, string>;
  captionAuto: boolean;
  captionPrepend: boolean;
}

export const NO_BLOCKS: BlockSyntax = {
  admonition: false,
  details: false,
  tab: false,
  html: false,
  definition: false,
  caption: false,
  admonitionTypes: new Set(),
  detailsTypes: new Map(),
  captionTypes: new Map(),
  captionAuto: true,
  captionPrepend: false,
};

export interface BlockResult {
  lines: SourceLine[];
  containers: Container[];
  /** `*[HTML]: Hyper Text Markup Language` definitions, removed from the text. */
  abbreviations: Map<string, string>;
}

export const MARKER = '\uE000';
/** Starts the line that holds an admonition or details title, so the title is read as inline Markdown. */
export const TITLE = '\uE001';

export function markerOf(id: number): string {
  return `${MARKER}${id}${MARKER}`;
}

const ADMONITION = /^( *)(!!!|\?\?\?\+?) ?([\w-]+(?: +[\w-]+)*)(?: +"(.*)")? *$/;
const TAB = /^( *)===([!+]{0,2}) +"(.*)" *$/;
// A fence may open after list markers or `>` on the same line.
const FENCE_OPEN = /^((?: *(?:[-*+]|\d{1,9}[.)]|>)(?= ))*? *)(`{3,}|~{3,})(.*)$/;
const BLOCK_OPEN = /^( *)(\/{3,}) *([\w-]+)(?: *\| *(.*?))? *$/;
// `<div markdown>` alone on its line (md_in_html): `markdown`, `markdown="1"` or `markdown="block"`.
const MD_IN_HTML = /^( *)<(div|section|article|aside|details|figure|header|footer|main|nav|blockquote|p|li|td|th|dd|dt)\b([^>]*?)\s+markdown(?:=(?:"(?:1|block)"|'(?:1|block)'|1|block))?(\s[^>]*)?>\s*$/i;
// A term may be an HTML comment alone on its line (Material's docs: `<!-- md:option … -->`).
const COMMENT_LINE = /^ *<!--.*--> *$/;
// plantuml_markdown's own block (`::uml:: format="svg"` … `::end-uml::`), read as a ```plantuml fence.
const UML_OPEN = /^( *)::uml::(.*)$/;
const LIST_ITEM = /^( *)(?:[-*+]|\d{1,9}[.)])( +|$)/;
const ABBREVIATION = /^( *)\*\[([^\]]+)\] ?: *(.*)$/;
const DEFINITION = /^( *):[ \t]+(\S.*)$/;
const OTHER_BLOCK_START = /^ *(#{1,6}(\s|$)|[-*+]\s|\d{1,9}[.)]\s|>|\||<|```|~~~|!!!|\?\?\?|===|\*\[)/;

/** Splits text into lines, expanding leading tabs to 4-column stops as Python-Markdown does. */
export function toSourceLines(text: string): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((raw, i) => {
    const lead = /^[ \t]*/.exec(raw)![0];
    if (!lead.includes('\t')) return { text: raw, line: i + 1, shift: 0 };
    let width = 0;
    for (const ch of lead) width = ch === '\t' ? width + 4 - (width % 4) : width + 1;
    return { text: ' '.repeat(width) + raw.slice(lead.length), line: i + 1, shift: lead.length - width };
  });
}

export function transformBlocks(lines: SourceLine[], syntax: BlockSyntax = NO_BLOCKS): BlockResult {
  const result: BlockResult = { lines: [], containers: [], abbreviations: new Map() };
  blockSyntax = syntax;
  result.lines = transform(lines, result);
  return result;
}

let blockSyntax: BlockSyntax = NO_BLOCKS;

const indentOf = (text: string): number => /^ */.exec(text)![0].length;
const isBlank = (text: string): boolean => text.trim() === '';

function transform(input: SourceLine[], state: BlockResult, within: ReadonlyArray<{ marker: number; content: number; block?: boolean }> = []): SourceLine[] {
  let lines = input;
  const out: SourceLine[] = [];
  let i = 0;
  let paragraphStart = true;
  // The list items the line may continue, outermost first: a line indented less than the innermost item's
  // content leaves that item for the one around it (Python-Markdown: `1. nested` then `    !!! note` is in the
  // outer item), not every list at once.
  const lists: Array<{ marker: number; content: number; block?: boolean }> = within.filter((l) => l.block);
  while (i < lines.length) {
    let line = lines[i]!;
    let text = line.text;

    let indent = indentOf(text);
    // A `!!!` block's body ends at the first line indented less, after a paragraph too.
    if (!isBlank(text)) while (lists.at(-1)?.block && lists.at(-1)!.content > indent) lists.pop();
    const item = lists.at(-1);
    if (!isBlank(text) && LIST_ITEM.test(text)) {
      const m = LIST_ITEM.exec(text)!;
      const marker = m[1]!.length;
      while ((lists.at(-1)?.marker ?? -1) >= marker) lists.pop();
      lists.push({ marker, content: marker + text.slice(marker).search(/ |$/) + Math.max(1, m[2]!.length > 4 ? 1 : m[2]!.length) });
    } else if (!isBlank(text) && paragraphStart && item && !item.block && item.content > 4 && item.marker < 4 && indent >= 4 && indent < item.content) {
      // Python-Markdown continues a list item at four columns, whatever the marker's width (`  1.  text`):
      // move the item's following blocks to where CommonMark looks for them.
      lines = reindentListTail(lines, i, item.content - 4);
      line = lines[i]!;
      text = line.text;
      indent = indentOf(text);
    } else if (!isBlank(text) && paragraphStart) while ((lists.at(-1)?.content ?? 0) > indent) lists.pop();
    const listContent = lists.at(-1)?.content;

    // An indented code block (four columns past the enclosing list item, after a blank line) is code:
    // `!!!` in it is text, as in Python-Markdown.
    if (paragraphStart && !isBlank(text) && indent >= (listContent ?? 0) + 4) {
      const min = (listContent ?? 0) + 4;
      while (i < lines.length && (isBlank(lines[i]!.text) || indentOf(lines[i]!.text) >= min)) out.push(lines[i++]!);
      continue;
    }

    const fence = FENCE_OPEN.exec(text);
    if (fence && !(fence[2]!.startsWith('`') && fence[3]!.includes('`'))) {
      const char = fence[2]![0]!;
      const length = fence[2]!.length;
      // A closing fence is indented less than four columns past the fence's container.
      const container = fence[1]!.length;
      // A fence in a `!!!` block's body (indented.ts) closes in that body or not at all.
      const body = lists.findLast((l) => l.block)?.content ?? 0;
      let end = i + 1;
      for (; end < lines.length; end++) {
        if (body && !isBlank(lines[end]!.text) && indentOf(lines[end]!.text) < body) {
          end = lines.length;
          break;
        }
        // In a blockquote the closing fence has the same `>` in front.
        const close = /^((?: *>)* *)(`{3,}|~{3,}) *$/.exec(lines[end]!.text);
        if (close && close[2]![0] === char && close[2]!.length >= length && close[1]!.length < container + 4) break;
      }
      if (end < lines.length) {
        out.push(...lines.slice(i, end + 1));
        i = end + 1;
        paragraphStart = true;
        continue;
      }
      // Never closed (in its block): Python-Markdown leaves the fence as text, CommonMark would make code of the rest.
      out.push({ ...line, text: `${text.slice(0, fence[1]!.length)}\\${text.slice(fence[1]!.length)}`, shift: line.shift - 1 });
      paragraphStart = false;
      i++;
      continue;
    }

    const uml = UML_OPEN.exec(text);
    const umlEnd = uml ? umlClose(lines, i, uml[1]!) : -1;
    if (umlEnd > 0) {
      out.push(...umlAsFence(lines, i, umlEnd, uml!));
      i = umlEnd + 1;
      paragraphStart = true;
      continue;
    }

    // Up to three columns past the body of the `!!!` block the line is in (indented.ts), as at the top level.
    const blockBody = lists.at(-1)?.block ? lists.at(-1)!.content : 0;
    const htmlAt = MD_IN_HTML.exec(text);
    const html = htmlAt && htmlAt[1]!.length <= blockBody + 3 ? htmlAt : null;
    const region = html ? markdownInHtml(lines, i, html) : undefined;
    if (region) {
      const pad = html![1]!;
      // The tag lines stand alone with blank lines around the body, so CommonMark ends its HTML block
      // there and parses the body as Markdown, as Python-Markdown's md_in_html does (no blank line needed).
      out.push({ ...line, text: `${pad}<${html![2]}${html![3]}${html![4] ?? ''}>` }, { text: '', line: line.line, shift: 0 });
      out.push(...transform(region.body, state, lists));
      out.push({ text: '', line: lines[region.close]?.line ?? line.line, shift: 0 });
      if (region.close < lines.length) out.push(lines[region.close]!);
      i = region.close + 1;
      separate(out, lines, i);
      paragraphStart = true;
      continue;
    }

    const block = BLOCK_OPEN.exec(text);
    const parsed = block ? slashBlock(lines, i, block) : undefined;
    if (parsed) {
      emitContainer(out, state, parsed.container, parsed.indent, line, transform(parsed.body, state), parsed.title);
      i = parsed.end;
      separate(out, lines, i);
      paragraphStart = true;
      continue;
    }

    const abbreviation = ABBREVIATION.exec(text);
    if (abbreviation && abbreviation[1]!.length <= blockBody + 3) {
      state.abbreviations.set(abbreviation[2]!.trim(), abbreviation[3]!.trim());
      out.push({ ...line, text: '' });
      i++;
      paragraphStart = true;
      continue;
    }

    // `!!!`, `???` and `===` blocks are the Markdown parser's own (indented.ts); this pass only follows their
    // indentation, so a `///` block or definition list in their body is not taken for indented code.
    if (ADMONITION.test(text) || TAB.test(text)) {
      while ((lists.at(-1)?.marker ?? -1) >= indent) lists.pop();
      lists.push({ marker: indent, content: indent + 4, block: true });
      out.push(line);
      paragraphStart = false;
      i++;
      continue;
    }

    if (paragraphStart && !isBlank(text) && (!OTHER_BLOCK_START.test(text) || COMMENT_LINE.test(text))) {
      const consumed = definitionList(lines, i, state, out);
      if (consumed > i) {
        i = consumed;
        separate(out, lines, i);
        paragraphStart = true;
        continue;
      }
    }

    out.push(line);
    paragraphStart = isBlank(text);
    i++;
  }
  return out;
}

/** The `::end-uml::` line closing a `::uml::` block at the same indent, or -1. */
function umlClose(lines: SourceLine[], from: number, indent: string): number {
  const close = new RegExp(`^${indent}::end-uml:: *$`);
  for (let j = from + 1; j < lines.length; j++) if (close.test(lines[j]!.text)) return j;
  return -1;
}

/** A `::uml::` block as a ```plantuml fence with the same attributes, so it renders as one (code.ts). */
function umlAsFence(lines: SourceLine[], from: number, close: number, m: RegExpExecArray): SourceLine[] {
  const body = lines.slice(from + 1, close);
  const longest = Math.max(2, ...body.map((l) => /^ *(`*)/.exec(l.text)![1]!.length));
  const fence = m[1]! + '`'.repeat(longest + 1);
  const open = lines[from]!;
  return [{ ...open, text: `${fence}plantuml ${m[2]!.trim()}` }, ...body, { ...lines[close]!, text: fence }];
}

/** Indents the lines from `from` up to the next one indented less than four columns by `by` more. */
function reindentListTail(lines: SourceLine[], from: number, by: number): SourceLine[] {
  const copy = lines.slice();
  const pad = ' '.repeat(by);
  for (let j = from; j < copy.length; j++) {
    const l = copy[j]!;
    if (isBlank(l.text)) continue;
    if (indentOf(l.text) < 4) break;
    copy[j] = { ...l, text: pad + l.text, shift: l.shift - by };
  }
  return copy;
}

/** End (exclusive) of an indented body starting at `from`: blank lines and lines indented at least `min`. */
function blockEnd(lines: SourceLine[], from: number, min: number): number {
  let end = from;
  let j = from;
  while (j < lines.length) {
    const text = lines[j]!.text;
    if (isBlank(text)) {
      j++;
      continue;
    }
    if (indentOf(text) < min) break;
    j++;
    end = j;
  }
  return end;
}

function dedent(lines: SourceLine[], by: number): SourceLine[] {
  return lines.map((l) => {
    if (isBlank(l.text)) return { ...l, text: '' };
    const cut = Math.min(by, indentOf(l.text));
    return { text: l.text.slice(cut), line: l.line, shift: l.shift + cut };
  });
}

function emitContainer(
  out: SourceLine[],
  state: BlockResult,
  container: Container,
  indent: number,
  at: SourceLine,
  body: SourceLine[],
  title?: { text: string; at: number },
): void {
  const id = state.containers.push(container) - 1;
  const pad = ' '.repeat(indent);
  out.push({ text: `${pad}> ${markerOf(id)}`, line: at.line, shift: at.shift });
  out.push({ text: `${pad}>`, line: at.line, shift: at.shift });
  if (title) {
    out.push({ text: `${pad}> ${TITLE}${title.text}`, line: at.line, shift: at.shift + title.at - (indent + 3) });
    out.push({ text: `${pad}>`, line: at.line, shift: at.shift });
  }
  for (const l of body) {
    out.push(l.text === '' ? { ...l, text: `${pad}>` } : { text: `${pad}> ${l.text}`, line: l.line, shift: l.shift - indent - 2 });
  }
}

/** A blank line after a block, so a following paragraph is not read as a lazy continuation of it. */
function separate(out: SourceLine[], lines: SourceLine[], next: number): void {
  const following = lines[next];
  if (following && !isBlank(following.text)) out.push({ text: '', line: following.line, shift: 0 });
}

/**
 * `Term` lines followed by `:   definition` lines (optionally after one blank line). Emits a `dt`
 * container per term and a `dd` container per definition; returns the index after the list, or
 * `from` when the lines are not a definition list.
 */
function definitionList(lines: SourceLine[], from: number, state: BlockResult, out: SourceLine[]): number {
  const indent = indentOf(lines[from]!.text);
  let j = from;
  while (j < lines.length && !isBlank(lines[j]!.text) && !isDefinition(lines[j]!, indent)) j++;
  const terms = lines.slice(from, j);
  if (terms.length === 0 || terms.length > 3 || terms.some((t) => indentOf(t.text) !== indent || (OTHER_BLOCK_START.test(t.text) && !COMMENT_LINE.test(t.text)))) return from;
  let k = j;
  if (k < lines.length && isBlank(lines[k]!.text)) k++;
  if (k >= lines.length || !isDefinition(lines[k]!, indent)) return from;

  for (const term of terms) {
    emitContainer(out, state, { kind: 'dt' }, indent, term, [{ ...term, text: term.text.slice(indent), shift: term.shift + indent }]);
    out.push({ text: '', line: term.line, shift: 0 });
  }
  while (k < lines.length && isDefinition(lines[k]!, indent)) {
    const first = lines[k]!;
    const m = DEFINITION.exec(first.text)!;
    const start = first.text.length - m[2]!.length;
    const body: SourceLine[] = [{ text: m[2]!, line: first.line, shift: first.shift + start }];
    let end = k + 1;
    let p = k + 1;
    while (p < lines.length) {
      const text = lines[p]!.text;
      if (isBlank(text)) {
        p++;
        continue;
      }
      if (indentOf(text) >= indent + 4) {
        p++;
        end = p;
        continue;
      }
      // A lazy continuation line: directly after text, and not itself the term of a next definition.
      const lazy = p === end && !isDefinition(lines[p]!, indent) && !(lines[p + 1] && isDefinition(lines[p + 1]!, indent)) && !OTHER_BLOCK_START.test(text);
      if (!lazy) break;
      p++;
      end = p;
    }
    body.push(...dedent(lines.slice(k + 1, end), indent + 4));
    emitContainer(out, state, { kind: 'dd' }, indent, first, transform(body, state));
    k = end;
    let next = k;
    while (next < lines.length && isBlank(lines[next]!.text)) next++;
    if (next < lines.length && isDefinition(lines[next]!, indent)) {
      out.push({ text: '', line: lines[k - 1]!.line, shift: 0 });
      k = next;
    } else break;
  }
  return k;
}

function isDefinition(line: SourceLine, indent: number): boolean {
  const m = DEFINITION.exec(line.text);
  return !!m && m[1]!.length === indent;
}

const DEFAULT_ADMONITIONS = ['note', 'attention', 'caution', 'danger', 'error', 'tip', 'hint', 'warning', 'important'];

/** Reads an admonition types option: names, or `{name, class}` maps. */
export function blockTypes(option: unknown, fallback: string[] = []): Map<string, string> {
  const out = new Map(fallback.map((t) => [t, t]));
  if (!Array.isArray(option)) return out;
  for (const t of option) {
    if (typeof t === 'string') out.set(t, t);
    else if (t && typeof t === 'object' && typeof (t as { name?: unknown }).name === 'string') {
      const { name, class: cls } = t as { name: string; class?: unknown };
      out.set(name, typeof cls === 'string' ? cls : name);
    }
  }
  return out;
}

/** pymdownx.blocks.caption's `types`: names, or `{name, prefix}` maps; its defaults without the option. */
export function captionTypes(option: unknown): Map<string, string> {
  const list = Array.isArray(option) ? option : ['caption', { name: 'figure-caption', prefix: 'Figure {}.' }, { name: 'table-caption', prefix: 'Table {}.' }];
  const out = new Map<string, string>();
  for (const t of list) {
    if (typeof t === 'string') out.set(t, '');
    else if (t && typeof t === 'object' && typeof (t as { name?: unknown }).name === 'string') {
      const { name, prefix } = t as { name: string; prefix?: unknown };
      out.set(name, typeof prefix === 'string' ? prefix : '');
    }
  }
  return out;
}

export function defaultAdmonitionTypes(option: unknown): Set<string> {
  return new Set(blockTypes(option, DEFAULT_ADMONITIONS).keys());
}

/**
 * pymdownx.blocks' `/// name | title` … `///`: options as indented YAML under the header, then the body,
 * not indented, up to a line with the same number of slashes. Fenced code in the body cannot close it.
 */
function slashBlock(
  lines: SourceLine[],
  from: number,
  m: RegExpExecArray,
): { container: Container; indent: number; body: SourceLine[]; end: number; title?: { text: string; at: number } } | undefined {
  const indent = m[1]!.length;
  const slashes = m[2]!;
  const name = m[3]!.toLowerCase();
  const titleText = m[4]?.trim() ?? '';
  let j = from + 1;
  const optionLines: string[] = [];
  while (j < lines.length && !isBlank(lines[j]!.text) && indentOf(lines[j]!.text) >= indent + 4) optionLines.push(lines[j++]!.text.slice(indent + 4));
  const options = readOptions(optionLines.join('\n'));
  const bodyStart = j;
  let fence: string | undefined;
  let close = -1;
  for (; j < lines.length; j++) {
    const text = lines[j]!.text;
    const f = /^ *(`{3,}|~{3,})/.exec(text);
    if (f) {
      if (!fence) fence = f[1]!;
      else if (f[1]!.startsWith(fence)) fence = undefined;
      continue;
    }
    if (!fence && new RegExp(`^ {0,${indent + 3}}${slashes} *$`).test(text)) {
      close = j;
      break;
    }
  }
  const end = close < 0 ? lines.length : close;
  const syntax = blockSyntax;
  const title = titleText ? { text: titleText, at: lines[from]!.text.indexOf(titleText, m[1]!.length + slashes.length) } : undefined;
  let container: Container | undefined;
  let titleCaption = '';
  const types = (extra: unknown) => (typeof extra === 'string' ? extra.split(/\s+/).filter(Boolean) : []);
  if (name === 'admonition' && syntax.admonition) container = { kind: 'admonition', types: types(options.type).length ? types(options.type) : ['note'], ...(titleText ? { title: titleText } : {}) };
  else if (syntax.admonition && syntax.admonitionTypes.has(name)) container = { kind: 'admonition', types: [name, ...types(options.type)], ...(titleText ? { title: titleText } : {}) };
  else if (name === 'details' && syntax.details) container = { kind: 'details', types: types(options.type), open: options.open === true, ...(titleText ? { title: titleText } : {}) };
  else if (syntax.details && syntax.detailsTypes.has(name)) container = { kind: 'details', types: [syntax.detailsTypes.get(name)!, ...types(options.type)], open: options.open === true, ...(titleText ? { title: titleText } : {}) };
  else if (name === 'tab' && syntax.tab) container = { kind: 'tab', title: titleText, newSet: options.new === true, selected: options.select === true };
  else if (name === 'html' && syntax.html) {
    // A selector: `div#id.class[attr=value other="quoted value"]`.
    const spec = /^([a-z][\w-]*)((?:[.#][\w-]+|\[[^\]]*\])*)$/i.exec(titleText);
    if (!spec) return undefined;
    const parts = spec[2]!.match(/[.#][\w-]+|\[[^\]]*\]/g) ?? [];
    const id = parts.filter((p) => p.startsWith('#')).pop()?.slice(1);
    const attributes = { ...Object.assign({}, ...parts.filter((p) => p.startsWith('[')).map((p) => selectorAttributes(p.slice(1, -1)))), ...attrsOption(options.attrs) };
    const className = [...parts.filter((p) => p.startsWith('.')).map((p) => p.slice(1)), ...classWords(attributes)];
    delete attributes.class;
    const attrId = attributes.id;
    delete attributes.id;
    container = { kind: 'html', tag: spec[1]!.toLowerCase(), className, ...(attrId || id ? { id: attrId || id } : {}), ...(Object.keys(attributes).length ? { attributes } : {}) };
  } else if (name === 'define' && syntax.definition) container = { kind: 'define' };
  else if (syntax.caption && syntax.captionTypes.has(name)) {
    container = captionOf(name, titleText, options, syntax);
    // The header's words are settings (`<`, `#id`, `1`); the caption text is the body.
    if (container.kind === 'caption' && !/^(?:[<>]|\^\d+|#[\w-]+|\.[\w-]+|\d+(?:\.\d+)*|\s)*$/.test(titleText)) titleCaption = titleText.replace(/(?:^|\s)(?:[<>]|\^\d+|#[\w-]+|\.[\w-]+)(?=\s|$)/g, '').trim();
  }
  if (!container) return undefined;
  // Titles of admonitions, details and tabs are inline Markdown; html and the rest are not.
  const inlineTitle = (container.kind === 'admonition' || container.kind === 'details' || container.kind === 'tab') && titleText ? title : undefined;
  const bodyLines = lines.slice(bodyStart, end);
  // A caption's text is its body; a header word that is no setting is the caption when the body is empty.
  const body = container.kind === 'caption' && titleCaption && bodyLines.every((l) => isBlank(l.text)) ? [{ ...lines[from]!, text: titleCaption, shift: lines[from]!.shift + title!.at }] : dedent(bodyLines, indent);
  return { container, indent, body, end: close < 0 ? end : close + 1, ...(inlineTitle ? { title: inlineTitle } : {}) };
}

/** pymdownx.blocks.caption's header: `<`/`>` (prepend/append), `^n` (depth), `#id`, `.class`, a manual number. */
function captionOf(type: string, header: string, options: Record<string, unknown>, syntax: BlockSyntax): Container {
  const words = header.split(/\s+/).filter(Boolean);
  const attributes = attrsOption(options.attrs);
  const id = words.find((w) => /^#[\w-]+$/.test(w))?.slice(1) ?? attributes.id;
  const className = [...classWords(attributes), ...words.filter((w) => /^\.[\w-]+$/.test(w)).map((w) => w.slice(1))];
  delete attributes.id;
  delete attributes.class;
  const number = words.find((w) => /^\d+(\.\d+)*$/.test(w));
  const template = syntax.captionTypes.get(type);
  return {
    kind: 'caption',
    type,
    prepend: words.includes('<') ? true : words.includes('>') ? false : syntax.captionPrepend,
    className: [...new Set(className)],
    ...(id ? { id } : {}),
    ...(Object.keys(attributes).length ? { attributes } : {}),
    ...(template ? { template } : {}),
    auto: syntax.captionAuto,
    ...(number && !syntax.captionAuto ? { number } : {}),
  };
}

/** `attr`, `attr=value`, `attr="quoted value"` pairs of a selector's brackets. */
function selectorAttributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:-]+)(?:=(?:"([^"]*)"|'([^']*)'|([^\s"']+)))?/g)) out[m[1]!.toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  return out;
}

/** The `attrs` option of a block (a YAML mapping), as text values. */
function attrsOption(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (/^[\w:-]+$/.test(k) && ['string', 'number', 'boolean'].includes(typeof v)) out[k.toLowerCase()] = String(v);
  return out;
}

const classWords = (attributes: Record<string, string>) => (attributes.class ?? '').split(/\s+/).filter(Boolean);

function readOptions(text: string): Record<string, unknown> {
  if (!text.trim()) return {};
  try {
    const value = parseYaml(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The body of an md_in_html element, up to its closing tag (same-name elements nest). */
function markdownInHtml(lines: SourceLine[], from: number, m: RegExpExecArray): { body: SourceLine[]; close: number } | undefined {
  const tag = m[2]!.toLowerCase();
  const open = new RegExp(`<${tag}\\b`, 'gi');
  const close = new RegExp(`</${tag}\\s*>`, 'gi');
  let depth = 1;
  for (let j = from + 1; j < lines.length; j++) {
    const text = lines[j]!.text;
    depth += (text.match(open)?.length ?? 0) - (text.match(close)?.length ?? 0);
    if (depth <= 0) {
      // Only a closing tag alone on its line ends the region cleanly; otherwise leave it to the parser.
      if (!new RegExp(`^ *</${tag}\\s*> *$`, 'i').test(text)) return undefined;
      return { body: lines.slice(from + 1, j), close: j };
    }
  }
  return undefined;
}
