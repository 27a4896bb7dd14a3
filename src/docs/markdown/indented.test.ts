// `!!!`, `???` and `===` as syntax of the one Markdown parser: the edge cases where a line pass before the
// parser got out of step with it (issue 22), with the HTML Python-Markdown gives for each.
import { beforeAll, describe, expect, it } from 'vitest';
import { toSourceLines } from './blocks.ts';
import { openerOf } from './indented.ts';
import type { LinkResolver } from './links.ts';
import { createRenderer, type Renderer } from './render.ts';

let renderer: Renderer;
beforeAll(async () => {
  renderer = await createRenderer();
});

const seen: Array<{ url: string; line: number; column: number }> = [];
const keep: LinkResolver = (url, _kind, at) => {
  seen.push({ url, ...at });
  return { url };
};
const html = (markdown: string) => renderer.render({ lines: toSourceLines(markdown), resolve: keep }).html;
const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

describe('openerOf', () => {
  it('reads types, titles and tab flags as Python-Markdown does', () => {
    expect(openerOf('!!! note "A "quoted" title"')).toEqual({ container: { kind: 'admonition', types: ['note'], title: 'A "quoted" title' }, title: { start: 10, end: 26 } });
    expect(openerOf('!!!Tip Extra')?.container).toEqual({ kind: 'admonition', types: ['tip', 'extra'] });
    expect(openerOf('???+ note ""')?.container).toEqual({ kind: 'details', types: ['note'], open: true, title: '' });
    expect(openerOf('===!+ "B"')?.container).toEqual({ kind: 'tab', title: 'B', newSet: true, selected: true });
    expect(openerOf('!!! "no type"')).toBeUndefined();
    expect(openerOf('=== no quotes')).toBeUndefined();
  });
});

describe('!!!, ??? and === in the Markdown parser', () => {
  it('keeps !!! in a fence opened inside a list item as code', () => {
    const out = html('- ```\n  !!! note\n      x\n  ```\n');
    expect(out).not.toContain('admonition');
    expect(out).toMatch(/<li>[^]*<pre[^]*!!! note[^]*<\/pre>/);
  });

  it('does not close a fence on a fence line indented four columns past it', () => {
    const out = html('```\n    ```\n!!! note\n    x\n```\n');
    expect(out).not.toContain('admonition');
    expect(count(out, /<pre\b/g)).toBe(1);
  });

  it('keeps !!! in an indented code block as code, but reads it inside a list item', () => {
    expect(html('Text\n\n    !!! note\n        x\n')).not.toContain('admonition');
    expect(html('- item\n\n    !!! note\n        x\n')).toMatch(/<li>[^]*<div class="admonition note"><p class="admonition-title">Note<\/p><p>x<\/p><\/div>[^]*<\/li>/);
  });

  it('reads !!! after a nested list as part of the outer item (pydantic’s docs)', () => {
    const out = html('* Using a dict:\n\n    1. A plain dict.\n\n    !!! note\n        In V1, deprecated.\n\n* Next\n');
    expect(out).toMatch(/<li>\s*<p>Using a dict:<\/p>\s*<ol>[^]*<\/ol>\s*<div class="admonition note">[^]*In V1, deprecated.<\/p><\/div>\s*<\/li>/);
    expect(html('* a\n\n    1. b\n\nText\n\n    !!! note\n        x\n')).not.toContain('admonition');
  });

  it('never lets a private marker reach a code block or the page', () => {
    const out = html('    !!! note\n        x\n\n```\n=== "A"\n    y\n```\n\n!!! tip\n    ```\n    ??? note\n    ```\n');
    expect(out).not.toMatch(/[\uE000\uE001]/);
    expect(count(out, /<pre\b/g)).toBe(3);
    expect(count(out, /class="admonition /g)).toBe(1);
  });

  it('ends the block at a line indented less, even right after its text (no lazy line)', () => {
    expect(html('!!! note\n    text\nafter')).toMatch(/<p>text<\/p><\/div>\s*<p>after<\/p>/);
    // In a blockquote a lazy line still continues the quote's paragraph.
    expect(html('> quote\nlazy')).toContain('<p>quote\nlazy</p>');
  });

  it('keeps a list that ends a block in a quote tight, as Python-Markdown does (pymdown-extensions’ tabbed.md)', () => {
    const out = html('> === "A"\n>     - a\n>     - b\n>\n> ===! "B"\n>     x\n');
    expect(out).toContain('<ul>\n<li>a</li>\n<li>b</li>\n</ul>');
    // A blank line between items still makes it loose.
    expect(html('> - a\n>\n> - b\n')).toContain('<li>\n<p>a</p>\n</li>');
  });

  it('keeps blank lines and indented code in the body, and starts after a paragraph without a blank line', () => {
    const out = html('Intro\n!!! note\n\n    one\n\n\n    two\n\n        code\n\nout');
    expect(out).toMatch(/<p>Intro<\/p>\s*<div class="admonition note"><p class="admonition-title">Note<\/p><p>one<\/p>\s*<p>two<\/p>\s*<div class="code-block"[^]*code[^]*<\/div><\/div>\s*<p>out<\/p>/);
  });

  it('nests blocks in blockquotes, lists and each other, with inline Markdown titles', () => {
    const out = html('> !!! warning "*Careful*"\n>     body\n\n1. step\n\n    ??? tip "More"\n        === "A `x`"\n            a\n        === "B"\n            b\n');
    expect(out).toContain('<blockquote>\n<div class="admonition warning"><p class="admonition-title"><em>Careful</em></p><p>body</p></div>\n</blockquote>');
    expect(out).toMatch(/<li>[^]*<details class="tip"><summary>More<\/summary><div class="tabbed-set tabbed-alternate"[^]*<label[^>]*>A <code>x<\/code><\/label>[^]*<\/details>/);
  });

  it('reads a /// block and a definition list in a body, after a blank line', () => {
    const out = renderer.render({
      lines: toSourceLines('!!! note\n\n    /// details | More\n    x\n    ///\n\n    Term\n    :   Definition\n'),
      resolve: keep,
      extensions: { 'pymdownx.blocks.details': {}, def_list: {} },
    }).html;
    expect(out).toMatch(/<div class="admonition note">[^]*<details><summary>More<\/summary>\s*<p>x<\/p>\s*<\/details>[^]*<dl>\s*<dt>Term<\/dt>\s*<dd>\s*<p>Definition<\/p>\s*<\/dd>\s*<\/dl>\s*<\/div>/);
  });

  it('reads md_in_html in a body', () => {
    const out = html('!!! note\n    <div markdown>\n    **bold**\n    </div>\n');
    expect(out).toMatch(/<div class="admonition note">[^]*<div>\s*<p><strong>bold<\/strong><\/p>\s*<\/div><\/div>/);
  });

  it('hands links in titles and bodies to the resolver at their place in the file', () => {
    seen.length = 0;
    html('Intro\n\n  !!! note "See [a](a.md)"\n      Body [b](b.md)\n');
    expect(seen).toEqual([
      { url: 'a.md', line: 3, column: 17 },
      { url: 'b.md', line: 4, column: 12 },
    ]);
  });
});
