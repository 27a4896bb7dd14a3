// Line-level pass for Python-Markdown's indented block syntax, which CommonMark has no reader for:
// admonitions (`!!!`), collapsible details (`???`, `???+`), content tabs (`===`), definition lists
// and abbreviation definitions. Each block becomes a blockquote whose first paragraph is a private
// marker (`\uE000<n>\uE000`); a remark plugin then turns those blockquotes into the real elements.
// Blockquotes keep nested Markdown (code, lists, other blocks) intact and reference-style links work.

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
  | { kind: 'dd' };

export interface BlockResult {
  lines: SourceLine[];
  containers: Container[];
  /** `*[HTML]: Hyper Text Markup Language` definitions, removed from the text. */
  abbreviations: Map<string, string>;
}

export const MARKER = '\uE000';

export function markerOf(id: number): string {
  return `${MARKER}${id}${MARKER}`;
}

const ADMONITION = /^( *)(!!!|\?\?\?\+?) ?([\w-]+(?: +[\w-]+)*)(?: +"(.*)")? *$/;
const TAB = /^( *)===([!+]{0,2}) +"(.*)" *$/;
const FENCE_OPEN = /^( *)(`{3,}|~{3,})(.*)$/;
const ABBREVIATION = /^ {0,3}\*\[([^\]]+)\] ?: *(.*)$/;
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

export function transformBlocks(lines: SourceLine[]): BlockResult {
  const result: BlockResult = { lines: [], containers: [], abbreviations: new Map() };
  result.lines = transform(lines, result);
  return result;
}

const indentOf = (text: string): number => /^ */.exec(text)![0].length;
const isBlank = (text: string): boolean => text.trim() === '';

function transform(lines: SourceLine[], state: BlockResult): SourceLine[] {
  const out: SourceLine[] = [];
  let i = 0;
  let paragraphStart = true;
  while (i < lines.length) {
    const line = lines[i]!;
    const text = line.text;

    const fence = FENCE_OPEN.exec(text);
    if (fence && !(fence[2]!.startsWith('`') && fence[3]!.includes('`'))) {
      const char = fence[2]![0]!;
      const length = fence[2]!.length;
      out.push(line);
      i++;
      while (i < lines.length) {
        const inner = lines[i]!;
        out.push(inner);
        i++;
        const close = /^ *(`{3,}|~{3,}) *$/.exec(inner.text);
        if (close && close[1]![0] === char && close[1]!.length >= length) break;
      }
      paragraphStart = true;
      continue;
    }

    const abbreviation = ABBREVIATION.exec(text);
    if (abbreviation) {
      state.abbreviations.set(abbreviation[1]!.trim(), abbreviation[2]!.trim());
      out.push({ ...line, text: '' });
      i++;
      paragraphStart = true;
      continue;
    }

    const admonition = ADMONITION.exec(text);
    const tab = admonition ? undefined : TAB.exec(text);
    if (admonition || tab) {
      const indent = (admonition ?? tab)![1]!.length;
      const end = blockEnd(lines, i + 1, indent + 4);
      const body = dedent(lines.slice(i + 1, end), indent + 4);
      let container: Container;
      if (admonition) {
        const types = admonition[3]!.split(/ +/).map((t) => t.toLowerCase());
        const title = admonition[4];
        container =
          admonition[2] === '!!!'
            ? { kind: 'admonition', types, ...(title !== undefined ? { title } : {}) }
            : { kind: 'details', types, open: admonition[2] === '???+', ...(title !== undefined ? { title } : {}) };
      } else {
        container = { kind: 'tab', title: tab![3]!, newSet: tab![2]!.includes('!'), selected: tab![2]!.includes('+') };
      }
      emitContainer(out, state, container, indent, line, transform(body, state));
      i = end;
      separate(out, lines, i);
      paragraphStart = true;
      continue;
    }

    if (paragraphStart && !isBlank(text) && !OTHER_BLOCK_START.test(text)) {
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

function emitContainer(out: SourceLine[], state: BlockResult, container: Container, indent: number, at: SourceLine, body: SourceLine[]): void {
  const id = state.containers.push(container) - 1;
  const pad = ' '.repeat(indent);
  out.push({ text: `${pad}> ${markerOf(id)}`, line: at.line, shift: at.shift });
  out.push({ text: `${pad}>`, line: at.line, shift: at.shift });
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
  if (terms.length === 0 || terms.length > 3 || terms.some((t) => indentOf(t.text) !== indent || OTHER_BLOCK_START.test(t.text))) return from;
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
