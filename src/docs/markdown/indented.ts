// Python-Markdown's indented blocks as syntax of the one Markdown parser: admonitions (`!!! note "Title"`),
// details (`???`, `???+`) and content tabs (`=== "Title"`, `===!`, `===+`). Each is a micromark document
// container, like a list item: the opener is one line, the body is every following line indented four columns
// past it (blank lines included), and the block ends at the first line indented less. So fences, indented code,
// lists and blockquotes around and inside it are decided by micromark alone: `!!!` in code stays code.
//
// The container is a `blockQuote` token marked `_pmBlock` (mdast-util-from-markdown then counts it as a
// container when it decides whether a list is loose, as it does for `>`); it becomes a blockquote node with
// `data.container`, which containers.ts turns into the element. The title is inline Markdown (a text chunk).

import type { List, Root as MdastRoot } from 'mdast';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types';
import { visit } from 'unist-util-visit';
import type { Container } from './blocks.ts';

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    pmBlockPrefix: 'pmBlockPrefix';
    pmBlockTitle: 'pmBlockTitle';
    pmBlockInfo: 'pmBlockInfo';
  }
  interface Token {
    _pmBlock?: boolean;
  }
  interface ContainerState {
    pmBlockSize?: number;
  }
}

const ADMONITION = /^(!!!|\?\?\?\+?) ?([\w-]+(?: +[\w-]+)*)(?: +"(.*)")? *$/;
const TAB = /^===([!+]{0,2}) +"(.*)" *$/;
const EXCLAMATION = 33;
const EQUALS = 61;
const QUESTION = 63;
const SPACE = 32;

/** The block an opener line (without its indent) starts, and where its title is; undefined when it is none. */
export function openerOf(line: string): { container: Container; title?: { start: number; end: number } } | undefined {
  const admonition = ADMONITION.exec(line);
  if (admonition) {
    const types = admonition[2]!.split(/ +/).map((t) => t.toLowerCase());
    const title = admonition[3];
    const container: Container =
      admonition[1] === '!!!'
        ? { kind: 'admonition', types, ...(title !== undefined ? { title } : {}) }
        : { kind: 'details', types, open: admonition[1] === '???+', ...(title !== undefined ? { title } : {}) };
    return { container, ...(title ? { title: titleAt(line, title) } : {}) };
  }
  const tab = TAB.exec(line);
  if (!tab) return undefined;
  const title = tab[2]!;
  return { container: { kind: 'tab', title, newSet: tab[1]!.includes('!'), selected: tab[1]!.includes('+') }, ...(title ? { title: titleAt(line, title) } : {}) };
}

function titleAt(line: string, title: string): { start: number; end: number } {
  const start = line.lastIndexOf(`"${title}"`) + 1;
  return { start, end: start + title.length };
}

/** A line of nothing but spaces (checked, not consumed). */
const blankLine: Construct = {
  partial: true,
  tokenize(effects, ok, nok) {
    let open = false;
    const step: State = (code) => {
      if (isSpace(code)) {
        if (!open) effects.enter('listItemIndent');
        open = true;
        effects.consume(code);
        return step;
      }
      if (open) effects.exit('listItemIndent');
      return isLineEnding(code) ? ok(code) : nok(code);
    };
    return step;
  },
};

/** Lines (1-based) an open block refused for being indented too little: never a lazy continuation of its text. */
const refusedLines = new WeakMap<object, Set<number>>();
const refused = (parser: object): Set<number> => {
  let set = refusedLines.get(parser);
  if (!set) refusedLines.set(parser, (set = new Set()));
  return set;
};

const isLineEnding = (code: Code) => code === null || code < -2;
/** micromark's tab (-2) and virtual spaces (-1) count as spaces here: leading tabs were expanded before. */
const isSpace = (code: Code) => code === SPACE || code === -2 || code === -1;

export function indentedBlocksMicromark(): Extension {
  const opener: Construct = {
    name: 'pmBlock',
    tokenize(effects, ok, nok) {
      const self = this;
      const tail = self.events[self.events.length - 1];
      const indent = tail && tail[1].type === 'linePrefix' ? tail[2].sliceSerialize(tail[1], true).length : 0;
      const codes: Code[] = [];
      let found: ReturnType<typeof openerOf>;

      // First read the whole line (a check, which consumes nothing), then tokenize it knowing where the title is.
      const readLine: Construct = {
        partial: true,
        tokenize(e, yes, no) {
          const read: State = (code) => {
            if (isLineEnding(code)) {
              if (codes.length) e.exit('pmBlockPrefix');
              found = openerOf(codes.map((c) => (isSpace(c) ? ' ' : String.fromCharCode(c!))).join(''));
              return found ? yes(code) : no(code);
            }
            if (!codes.length) e.enter('pmBlockPrefix');
            codes.push(code);
            e.consume(code);
            return read;
          };
          return read;
        },
      };

      let index = 0;
      // The opener is marker and types (`pmBlockInfo`), then the title, then `pmBlockInfo` again.
      let inInfo = false;
      const start: State = (code) => {
        effects.enter('blockQuote', { _container: true, _pmBlock: true });
        effects.enter('pmBlockPrefix');
        return prefix(code);
      };
      const prefix: State = (code) => {
        const atTitle = found!.title && index === found!.title.start;
        if (inInfo && (atTitle || isLineEnding(code))) {
          effects.exit('pmBlockInfo');
          inInfo = false;
        }
        if (atTitle) {
          effects.enter('pmBlockTitle');
          effects.enter('chunkText', { contentType: 'text' });
          return title(code);
        }
        if (isLineEnding(code)) {
          effects.exit('pmBlockPrefix');
          self.containerState!.pmBlockSize = indent + 4;
          return ok(code);
        }
        if (!inInfo) {
          effects.enter('pmBlockInfo');
          inInfo = true;
        }
        effects.consume(code);
        index++;
        return prefix;
      };
      const title: State = (code) => {
        if (index === found!.title!.end) {
          effects.exit('chunkText');
          effects.exit('pmBlockTitle');
          return prefix(code);
        }
        effects.consume(code);
        index++;
        return title;
      };
      return effects.check(readLine, start, nok);
    },
    continuation: {
      tokenize(effects, ok, nok) {
        const self = this;
        const size = self.containerState!.pmBlockSize!;
        let seen = 0;
        // `listItemIndent`, as a list item's: mdast-util-from-markdown skips it when it looks for a list's
        // trailing blank lines (a list ending with the block's body stays tight).
        const spaces = (max: number, next: State): State => {
          const step: State = (code) => {
            if (seen < max && isSpace(code)) {
              if (seen === 0) effects.enter('listItemIndent');
              effects.consume(code);
              seen++;
              return step;
            }
            if (seen > 0) effects.exit('listItemIndent');
            return next(code);
          };
          return step;
        };
        // A blank line stays in the block, whatever its spaces (Python-Markdown's detab makes it empty).
        const blank = spaces(Infinity, ok);
        const notBlank = spaces(size, (code) => {
          if (seen === size) return ok(code);
          refused(self.parser).add(self.now().line);
          return nok(code);
        });
        return effects.check(blankLine, blank, notBlank);
      },
    },
    exit(effects: Effects) {
      effects.exit('blockQuote');
    },
  };

  // Python-Markdown ends the block at a line indented less, even right after its text: such a line is never a
  // lazy continuation of the block's last paragraph (as it would be for `>`). This interrupts that paragraph.
  const noLazyLine: Construct = {
    name: 'pmBlockNoLazyLine',
    tokenize(this: TokenizeContext, _effects, ok, nok) {
      const self = this;
      return (code) => {
        const line = self.now().line;
        return self.interrupt && self.parser.lazy[line] && refusedLines.get(self.parser)?.has(line) ? ok(code) : nok(code);
      };
    },
  };

  return {
    document: { [EXCLAMATION]: opener, [QUESTION]: opener, [EQUALS]: opener },
    flow: { null: noLazyLine },
  };
}

/** Blockquote nodes of these blocks carry `data.container`; the title is their first child, a paragraph marked `data.blockTitle`. */
export function indentedBlocksFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      blockQuote(token) {
        this.enter({ type: 'blockquote', children: [], ...(token._pmBlock ? { data: {} } : {}) }, token);
      },
      pmBlockTitle(token) {
        this.enter({ type: 'paragraph', children: [], data: { blockTitle: true } } as never, token);
      },
    },
    exit: {
      pmBlockTitle(token) {
        this.exit(token);
      },
      pmBlockPrefix(token) {
        const node = this.stack[this.stack.length - 1] as unknown as { data: { container?: Container } };
        const opener = openerOf(this.sliceSerialize(token));
        if (opener) node.data.container = opener.container;
      },
    },
  };
}

/**
 * micromark counts a list's trailing blank line as one between its items when the block it ends with closes
 * inside a blockquote (`> === "A"` … `>     - b` `>` `> === "B"`), making a tight list loose. A list is
 * loose only when its source has a blank line between two items (a line of nothing but `>` and spaces).
 */
export function tightenLists(tree: MdastRoot, text: string): void {
  visit(tree, 'list', (list: List) => {
    if (!list.spread || list.children.some((item) => item.spread)) return;
    for (let i = 1; i < list.children.length; i++) {
      const from = list.children[i - 1]!.position?.end.offset;
      const to = list.children[i]!.position?.start.offset;
      if (from === undefined || to === undefined || /\n[ \t>]*\n/.test(text.slice(from, to))) return;
    }
    list.spread = false;
  });
}
