// Inline pymdownx extensions that work on text: keys (`++ctrl+c++`), smartsymbols (`(tm)`, `-->`, `1/2`)
// and critic (`{++ins++}`, `{--del--}`, `{~~old~>new~~}`, `{==mark==}`, `{>>comment<<}`).

import type { Parent as MdParent, PhrasingContent, Root, Text } from 'mdast';
import { visit } from 'unist-util-visit';
import type { SourceLine } from './blocks.ts';

/** Canonical key → label, as pymdownx.keys' keymap_db (the common part of it). */
const KEY_LABELS: Record<string, string> = {
  control: 'Ctrl', alt: 'Alt', shift: 'Shift', command: 'Cmd', meta: 'Meta', option: 'Option', windows: 'Win', super: 'Super', fn: 'Fn',
  'alt-graph': 'Alt Gr', hyper: 'Hyper', enter: 'Enter', tab: 'Tab', space: 'Space', backspace: 'Backspace', delete: 'Del', insert: 'Ins',
  escape: 'Esc', home: 'Home', end: 'End', 'page-up': 'Page Up', 'page-down': 'Page Down', 'arrow-up': 'Up', 'arrow-down': 'Down',
  'arrow-left': 'Left', 'arrow-right': 'Right', 'caps-lock': 'Caps Lock', 'num-lock': 'Num Lock', 'scroll-lock': 'Scroll Lock',
  'print-screen': 'Print Screen', pause: 'Pause', break: 'Break', 'context-menu': 'Menu', left: 'Left', right: 'Right',
  'left-button': 'Left Button', 'right-button': 'Right Button', 'middle-button': 'Middle Button',
  // Punctuation, by keymap_db's names.
  grave: '`', minus: '-', equal: '=', plus: '+', 'bracket-left': '[', 'bracket-right': ']', 'brace-left': '{', 'brace-right': '}',
  'paren-left': '(', 'paren-right': ')', backslash: '\\', bar: '|', semicolon: ';', colon: ':', 'single-quote': "'", 'double-quote': '"',
  comma: ',', period: '.', slash: '/', tilde: '~', less: '<', greater: '>', question: '?', exclam: '!', at: '@', hash: '#', dollar: '$',
  percent: '%', caret: '^', ampersand: '&', asterisk: '*', underscore: '_',
};
for (let i = 1; i <= 24; i++) KEY_LABELS[`f${i}`] = `F${i}`;
for (let i = 0; i <= 9; i++) KEY_LABELS[`num${i}`] = `Num ${i}`;
Object.assign(KEY_LABELS, { clear: 'Clear', eject: 'Eject', help: 'Help', power: 'Power', sleep: 'Sleep', wake: 'Wake', 'print': 'Print' });
for (const c of 'abcdefghijklmnopqrstuvwxyz') KEY_LABELS[c] = c.toUpperCase();
for (const c of '0123456789') KEY_LABELS[c] = c;

const KEY_ALIASES: Record<string, string> = {
  ctrl: 'control', cmd: 'command', opt: 'option', win: 'windows', del: 'delete', ins: 'insert', esc: 'escape', return: 'enter',
  backtick: 'grave', 'left-bracket': 'bracket-left', 'right-bracket': 'bracket-right', quote: 'single-quote', pipe: 'bar', 'less-than': 'less', 'greater-than': 'greater',
  up: 'arrow-up', down: 'arrow-down', pgup: 'page-up', pgdn: 'page-down', 'page-dn': 'page-down', capslock: 'caps-lock',
  prtsc: 'print-screen', 'print-scr': 'print-screen', menu: 'context-menu', altgr: 'alt-graph', spc: 'space', bksp: 'backspace',
};

const KEYS = /\+\+((?:"[^"\n]*"|'[^'\n]*'|[\w-]+)(?:\+(?:"[^"\n]*"|'[^'\n]*'|[\w-]+))*)\+\+/g;

type Html = { type: 'html'; value: string };

/** `++ctrl+alt+del++` → pymdownx.keys' markup; undefined when a key is unknown (the text stays). */
export function keysHtml(inner: string, separator = '+'): string | undefined {
  const parts = inner.match(/"[^"]*"|'[^']*'|[\w-]+/g) ?? [];
  const kbds: string[] = [];
  for (const part of parts) {
    if (/^["']/.test(part)) {
      kbds.push(`<kbd>${escapeHtml(part.slice(1, -1))}</kbd>`);
      continue;
    }
    const norm = part.toLowerCase().replace(/_/g, '-');
    const key = KEY_ALIASES[norm] ?? norm;
    const label = KEY_LABELS[key];
    if (label === undefined) return undefined;
    kbds.push(`<kbd class="key-${key}">${escapeHtml(label)}</kbd>`);
  }
  return `<span class="keys">${kbds.join(`<span>${escapeHtml(separator)}</span>`)}</span>`;
}

const SYMBOLS: Array<[RegExp, string]> = [
  [/\(tm\)/g, '™'],
  [/\(c\)/g, '©'],
  [/\(r\)/g, '®'],
  [/\bc\/o\b/g, '℅'],
  [/\+\/-/g, '±'],
  // Not inside longer arrows or snippets' `--8<--`.
  [/(?<![-\w])<-->(?!-)/g, '↔'],
  [/(?<![-\w<])-->(?!-)/g, '→'],
  [/(?<![-\w])<--(?![->\w])/g, '←'],
  [/=\/=/g, '≠'],
  [/(?<![\d/])(1\/4|1\/2|3\/4|1\/3|2\/3|1\/5|2\/5|3\/5|4\/5|1\/6|5\/6|1\/8|3\/8|5\/8|7\/8)(?![\d/])/g, 'fraction'],
];
const FRACTIONS: Record<string, string> = {
  '1/4': '¼', '1/2': '½', '3/4': '¾', '1/3': '⅓', '2/3': '⅔', '1/5': '⅕', '2/5': '⅖', '3/5': '⅗', '4/5': '⅘', '1/6': '⅙', '5/6': '⅚',
  '1/8': '⅛', '3/8': '⅜', '5/8': '⅝', '7/8': '⅞',
};
const ORDINAL = /\b(\d+)(st|nd|rd|th)\b/g;

export interface InlineOptions {
  keys: boolean;
  /** pymdownx.keys' `separator`, drawn between keys. */
  keySeparator?: string;
  smartsymbols: boolean;
}

/** Keys and smart symbols in text nodes (never in code, which remark keeps in other nodes). */
export function applyPymdownInline(tree: Root, options: InlineOptions): void {
  if (!options.keys && !options.smartsymbols) return;
  visit(tree, 'text', (node: Text, index, parent) => {
    if (!parent || index === undefined) return;
    if (options.smartsymbols && /[(+<=\-c/\d]/.test(node.value)) {
      for (const [pattern, symbol] of SYMBOLS) node.value = node.value.replace(pattern, (m) => (symbol === 'fraction' ? FRACTIONS[m]! : symbol));
    }
    const parts: Array<PhrasingContent | Html> = [];
    let last = 0;
    const push = (from: number, to: number) => {
      if (to > from) parts.push({ type: 'text', value: node.value.slice(from, to) });
    };
    const matches: Array<{ index: number; end: number; html: string }> = [];
    if (options.keys && node.value.includes('++')) {
      for (const m of node.value.matchAll(KEYS)) {
        const html = keysHtml(m[1]!, options.keySeparator);
        if (html) matches.push({ index: m.index, end: m.index + m[0].length, html });
      }
    }
    if (options.smartsymbols && /\d(st|nd|rd|th)\b/.test(node.value)) {
      for (const m of node.value.matchAll(ORDINAL)) {
        const end = m.index + m[0].length;
        if (!matches.some((x) => m.index < x.end && end > x.index)) matches.push({ index: m.index, end, html: `${m[1]}<sup>${m[2]}</sup>` });
      }
      matches.sort((a, b) => a.index - b.index);
    }
    if (matches.length === 0) return;
    for (const m of matches) {
      push(last, m.index);
      parts.push({ type: 'html', value: m.html });
      last = m.end;
    }
    push(last, node.value.length);
    (parent as MdParent).children.splice(index, 1, ...(parts as PhrasingContent[]));
    return index + parts.length;
  });
}

const CRITIC = /\{\+\+([^]*?)\+\+\}|\{--([^]*?)--\}|\{~~([^]*?)~>([^]*?)~~\}|\{==([^]*?)==\}|\{>>([^]*?)<<\}/g;

/**
 * pymdownx.critic in its default `view` mode, before parsing, as pymdownx does it (a preprocessor):
 * insertions, deletions and substitutions are shown marked up, comments as a span. Fenced code is left
 * alone. Within one line only; a mark spanning lines stays as written.
 */
export function applyCritic(lines: SourceLine[]): SourceLine[] {
  let fence: string | undefined;
  return lines.map((line) => {
    const open = /^ *(`{3,}|~{3,})/.exec(line.text);
    if (open) {
      if (!fence) fence = open[1]![0]!.repeat(open[1]!.length);
      else if (open[1]!.startsWith(fence)) fence = undefined;
      return line;
    }
    if (fence || !line.text.includes('{')) return line;
    const text = line.text.replace(CRITIC, (_m, ins, del, from, to, mark, comment) => {
      if (ins !== undefined) return `<ins class="critic">${ins}</ins>`;
      if (del !== undefined) return `<del class="critic">${del}</del>`;
      if (from !== undefined) return `<del class="critic">${from}</del><ins class="critic">${to}</ins>`;
      if (mark !== undefined) return `<mark class="critic">${mark}</mark>`;
      return `<span class="critic comment">${comment}</span>`;
    });
    return text === line.text ? line : { ...line, text };
  });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
