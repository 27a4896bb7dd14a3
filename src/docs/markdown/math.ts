// pymdownx.arithmatex: `$…$` and `\(…\)` inline, `$$…$$`, `\[…\]` and `\begin{env}…\end{env}` blocks,
// typeset at build time by KaTeX (no client script). Inline math is syntax of the one Markdown parser
// (a micromark extension), so `_` and `*` inside it are never emphasis and code spans keep their `$`;
// a block is a paragraph whose source is nothing but math, as arithmatex's block processor reads it.

import type { Element, Root as HastRoot } from 'hast';
import { toString } from 'hast-util-to-string';
import katex from 'katex';
import type { Paragraph, Root as MdastRoot } from 'mdast';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Code, Construct, Effects, Extension, State } from 'micromark-util-types';
import { visit } from 'unist-util-visit';
import { option, type MarkdownExtensions } from './extensions.ts';

export interface MathSyntax {
  dollar: boolean;
  round: boolean;
  /** `smart_dollar`: no space after the opening `$` or before the closing one. */
  smart: boolean;
  blockDollar: boolean;
  square: boolean;
  begin: boolean;
}

/** The syntax a site's `pymdownx.arithmatex` options turn on; undefined when it is not configured. */
export function mathSyntaxOf(ext: MarkdownExtensions): MathSyntax | undefined {
  if (!Object.hasOwn(ext, 'pymdownx.arithmatex')) return undefined;
  const list = (key: string, fallback: string[]) => {
    const value = ext['pymdownx.arithmatex']?.[key];
    return Array.isArray(value) ? value.map(String) : fallback;
  };
  const inline = list('inline_syntax', ['dollar', 'round']);
  const block = list('block_syntax', ['dollar', 'square', 'begin']);
  return {
    dollar: inline.includes('dollar'),
    round: inline.includes('round'),
    smart: option(ext, 'pymdownx.arithmatex', 'smart_dollar', true),
    blockDollar: block.includes('dollar'),
    square: block.includes('square'),
    begin: block.includes('begin'),
  };
}

/** Marks our placeholders, so `data-math` written in a page's own HTML is never typeset. */
const MARK = globalThis.crypto.randomUUID();

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    mathInline: 'mathInline';
  }
}

const DOLLAR = 36;
const BACKSLASH = 92;
const LEFT_PAREN = 40;
const RIGHT_PAREN = 41;
/** micromark's codes below -2 are line endings; -2 and -1 are tabs, 32 a space. */
const isLineEnding = (code: Code) => code !== null && code < -2;
const isSpace = (code: Code) => code !== null && (code < 0 || code === 32);

/** The micromark extension; `syntax()` is read per page, since one parser renders every site. */
export function mathMicromark(syntax: () => MathSyntax | undefined): Extension {
  const dollar: Construct = {
    name: 'mathDollar',
    tokenize(effects, ok, nok) {
      const on = syntax();
      let afterSpace = false;
      const inside: State = (code) => {
        if (code === null) return nok(code);
        if (code === DOLLAR) {
          if (on!.smart && afterSpace) return nok(code);
          effects.consume(code);
          effects.exit('mathInline');
          return ok;
        }
        afterSpace = isSpace(code);
        if (code === BACKSLASH) {
          effects.consume(code);
          return escaped;
        }
        return take(effects, code, inside);
      };
      const escaped: State = (code) => (code === null || isLineEnding(code) ? nok(code) : (effects.consume(code), inside));
      return (code) => {
        if (!on?.dollar) return nok(code);
        effects.enter('mathInline');
        effects.consume(code);
        return (next) => (next === null || next === DOLLAR || (on.smart && isSpace(next)) ? nok(next) : inside(next));
      };
    },
  };
  const round: Construct = {
    name: 'mathRound',
    tokenize(effects, ok, nok) {
      const on = syntax();
      let empty = true;
      const inside: State = (code) => {
        if (code === null) return nok(code);
        if (code === BACKSLASH) {
          effects.consume(code);
          return backslash;
        }
        empty = false;
        return take(effects, code, inside);
      };
      const backslash: State = (code) => {
        if (code === RIGHT_PAREN && !empty) {
          effects.consume(code);
          effects.exit('mathInline');
          return ok;
        }
        if (code === null || code === RIGHT_PAREN) return nok(code);
        empty = false;
        return take(effects, code, inside);
      };
      return (code) => {
        if (!on?.round) return nok(code);
        effects.enter('mathInline');
        effects.consume(code);
        return (next) => (next === LEFT_PAREN ? (effects.consume(next), inside) : nok(next));
      };
    },
  };
  return { text: { [DOLLAR]: dollar, [BACKSLASH]: round } };
}

/** Consumes one character; a line ending gets its own token, as micromark wants. */
function take(effects: Effects, code: Code, next: State): State | undefined {
  if (isLineEnding(code)) {
    effects.enter('lineEnding');
    effects.consume(code);
    effects.exit('lineEnding');
    return next;
  }
  effects.consume(code);
  return next;
}

/** `inlineMath` nodes become `<span class="arithmatex" data-math="inline MARK">TeX</span>` until typeset. */
export function mathFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      mathInline(token) {
        const node = { type: 'inlineMath', value: '', data: { hName: 'span', hProperties: { className: ['arithmatex'], dataMath: `inline ${MARK}` } } };
        this.enter(node as never, token);
      },
    },
    exit: {
      mathInline(token) {
        const raw = this.sliceSerialize(token);
        const node = this.stack[this.stack.length - 1] as unknown as { value: string; data: { hChildren: unknown[] } };
        node.value = raw.startsWith('$') ? raw.slice(1, -1) : raw.slice(2, -2);
        // remark-rehype keeps a node's value only without hProperties; hChildren carries it.
        node.data.hChildren = [{ type: 'text', value: node.value }];
        this.exit(token);
      },
    },
  };
}

/** A display-math placeholder for a hast tree (arithmatex's fenced format, fences.ts), typeset by `typesetMath`. */
export function mathPlaceholder(tex: string): Element {
  return { type: 'element', tagName: 'div', properties: { className: ['arithmatex'], dataMath: `display ${MARK}` }, children: [{ type: 'text', value: tex }] };
}

/** A paragraph whose source is one block of math becomes `<div class="arithmatex" data-math="display MARK">`. */
export function applyMathBlocks(tree: MdastRoot, text: string, syntax: MathSyntax): void {
  visit(tree, 'paragraph', (node: Paragraph, index, parent) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || !parent || index === undefined) return;
    const tex = blockMath(withoutPrefixes(text.slice(start, end), node.position!.start.column), syntax);
    if (tex === undefined) return;
    const block = { type: 'math', value: tex, data: { hName: 'div', hProperties: { className: ['arithmatex'], dataMath: `display ${MARK}` }, hChildren: [{ type: 'text', value: tex }] } };
    parent.children.splice(index, 1, block as never);
    return 'skip';
  });
}

/**
 * The paragraph's own text: its later lines lose the container prefix (`> `, a list's indent, the
 * block pass's markers) that stands before its first line's column.
 */
function withoutPrefixes(source: string, column: number): string {
  return source
    .split('\n')
    .map((line, i) => (i > 0 && /^[ \t>]*$/.test(line.slice(0, column - 1)) ? line.slice(column - 1) : line))
    .join('\n')
    .trim();
}

function blockMath(source: string, syntax: MathSyntax): string | undefined {
  if (syntax.blockDollar) {
    const m = /^\$\$((?:\\.|[^\\])+?)\$\$[ ]*$/s.exec(source);
    if (m) return m[1];
  }
  if (syntax.square) {
    const m = /^\\\[((?:\\[^\]]|[^\\])+?)\\\][ ]*$/s.exec(source);
    if (m) return m[1];
  }
  if (syntax.begin) {
    const m = /^(\\begin\{([a-z]+\*?)\}(?:\\.|[^\\])+?\\end\{\2\})[ ]*$/s.exec(source);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Typesets the math placeholders (after sanitising: KaTeX's markup needs its inline styles). KaTeX is
 * safe with untrusted TeX by default (`trust: false`: no \href, \includegraphics or \htmlId); sizes are
 * capped so a formula cannot cover the page. A formula KaTeX cannot read shows its source in red
 * (`throwOnError: false`), as MathJax would, instead of failing the page. Returns whether there was math.
 */
export function typesetMath(tree: HastRoot): boolean {
  let found = false;
  visit(tree, 'element', (node: Element) => {
    const mark = node.properties.dataMath;
    if (typeof mark !== 'string') return;
    delete node.properties.dataMath;
    const [mode, id] = mark.split(' ');
    if (id !== MARK) return;
    const tex = toString(node);
    let html: string;
    try {
      html = katex.renderToString(tex, { displayMode: mode === 'display', throwOnError: false, strict: 'ignore', maxSize: 20, maxExpand: 1000 });
    } catch {
      // Not a parse error (those render in red): a formula nested deeper than KaTeX's parser goes.
      return 'skip';
    }
    node.children = [{ type: 'raw', value: html } as never];
    found = true;
    return 'skip';
  });
  return found;
}
