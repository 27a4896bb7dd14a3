import { beforeAll, describe, expect, it } from 'vitest';
import { toSourceLines } from './blocks.ts';
import { effectiveExtensions, type ExtensionOptions } from './extensions.ts';
import { createRenderer, type RenderedPage, type Renderer } from './render.ts';

let renderer: Renderer;
beforeAll(async () => {
  renderer = await createRenderer();
});

function render(markdown: string, options: ExtensionOptions | null = { generic: true }): RenderedPage {
  const extensions = effectiveExtensions(options ? { 'pymdownx.arithmatex': options } : {});
  return renderer.render({ lines: toSourceLines(markdown), resolve: (url) => ({ url }), extensions });
}

/** The TeX of each typeset formula, from KaTeX's MathML annotation, with its mode. */
function formulas(html: string): string[] {
  return [...html.matchAll(/<(span|div) class="arithmatex">(<span class="katex-display">)?<span class="katex"><span class="katex-mathml"><math[^]*?<annotation encoding="application\/x-tex">([^]*?)<\/annotation>/g)].map(
    (m) => `${m[1] === 'div' && m[2] ? 'block' : 'inline'} ${m[3]!.replace(/&amp;/g, '&')}`,
  );
}

describe('pymdownx.arithmatex', () => {
  it('typesets $…$ and \\(…\\) inline, with Markdown characters inside left to TeX', () => {
    const page = render('Energy $E = mc^2$ and \\(a_1 * b_2 * c\\) here.');
    expect(page.hasMath).toBe(true);
    expect(formulas(page.html)).toEqual(['inline E = mc^2', 'inline a_1 * b_2 * c']);
    expect(page.html).toMatch(/^<p>Energy <span class="arithmatex"><span class="katex">.*<\/span> here\.<\/p>$/s);
    expect(page.html).not.toContain('<em>');
    expect(page.html).not.toContain('data-math');
  });

  it('typesets $$…$$, \\[…\\] and \\begin{env}…\\end{env} blocks in display mode', () => {
    const page = render('$$\n\\frac{1}{2}\n$$\n\n\\[ x^2 \\]\n\n\\begin{align}\na &= b \\\\\nc &= d\n\\end{align}\n\n- in a list:\n\n    $$y$$\n');
    expect(formulas(page.html)).toEqual(['block \n\\frac{1}{2}\n', 'block  x^2 ', 'block \\begin{align}\na &= b \\\\\nc &= d\n\\end{align}', 'block y']);
    expect(page.html).toMatch(/^<div class="arithmatex"><span class="katex-display">/);
    expect(page.html).not.toContain('<p><div');
  });

  it('reads blocks inside admonitions, /// blocks and quotes without their line prefixes', () => {
    const withBlocks = { generic: true };
    const page = renderer.render({
      lines: toSourceLines('!!! note\n    $$\n    a >\n    b\n    $$\n\n> \\begin{align}\n> x &= y\n> \\end{align}\n\n/// html | div.result\n$$\nc\n$$\n///\n'),
      resolve: (url) => ({ url }),
      extensions: effectiveExtensions({ 'pymdownx.arithmatex': withBlocks, 'pymdownx.blocks.html': {} }),
    });
    expect(formulas(page.html)).toEqual(['block \na &gt;\nb\n', 'block \\begin{align}\nx &= y\n\\end{align}', 'block \nc\n']);
  });

  it('follows smart_dollar: no space inside the dollars, unless it is turned off', () => {
    expect(formulas(render('It costs $ 5 and $6 or $x$.').html)).toEqual(['inline x']);
    expect(render('Costs $5 and $ 6').hasMath).toBe(false);
    expect(formulas(render('Costs $ x $ here', { smart_dollar: false }).html)).toEqual(['inline  x ']);
  });

  it('leaves escaped dollars, code spans and fences alone', () => {
    const page = render('Price \\$5 and \\$6, `$x$` and\n\n```\n$$y$$\n```\n');
    expect(page.hasMath).toBe(false);
    expect(page.html).toContain('<p>Price $5 and $6, <code>$x$</code> and</p>');
    expect(page.html).toContain('$$y$$');
  });

  it('takes only the syntax inline_syntax and block_syntax name', () => {
    const page = render('$a$ and \\(b\\)\n\n$$c$$\n\n\\[d\\]', { inline_syntax: ['round'], block_syntax: ['square'] });
    expect(formulas(page.html)).toEqual(['inline b', 'block d']);
    expect(page.html).toContain('<p>$a$ and ');
    expect(page.html).toContain('<p>$$c$$</p>');
  });

  it('leaves math as text when pymdownx.arithmatex is not configured', () => {
    const page = render('$x$ and \\(y\\)\n\n$$z$$', null);
    expect(page.hasMath).toBe(false);
    expect(page.html).toBe('<p>$x$ and (y)</p>\n<p>$$z$$</p>');
  });

  it('shows TeX KaTeX cannot read in red in place, and never typesets data-math written in a page', () => {
    const page = render('Bad $\\frac{1}{$ x.\n\n<span class="arithmatex" data-math="inline">\\frac12</span>');
    expect(page.html).toContain('class="katex-error"');
    expect(page.html).toContain('<span class="arithmatex">\\frac12</span>');
  });

  it('keeps KaTeX’s markup safe: no \\href or \\includegraphics without trust, sizes capped', () => {
    const page = render('$\\href{javascript:alert(1)}{x}$ $\\includegraphics{https://evil.example/x.png}$ $\\rule{1000em}{1000em}$');
    // The URL is only in the MathML annotation, as text; \href itself is shown in red.
    expect(page.html).not.toMatch(/href=|src=|<a |<img/);
    expect(page.html).toContain('style="color:#cc0000;">\\href</span>');
    expect(page.html).toContain('border-right-width:20em;border-top-width:20em');
    expect(page.html).not.toContain('1000em;');
  });
});
