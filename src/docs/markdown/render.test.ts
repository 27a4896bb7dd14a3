import { beforeAll, describe, expect, it } from 'vitest';
import { toSourceLines } from './blocks.ts';
import type { LinkResolver } from './links.ts';
import { effectiveExtensions } from './extensions.ts';
import { createRenderer, type RenderedPage, type Renderer } from './render.ts';
import { twemojiCount } from './twemoji.ts';

let renderer: Renderer;
beforeAll(async () => {
  renderer = await createRenderer();
  await renderer.prepare(['```ts\n```', '```yaml\n```', '```python\n```', '    ```sh\n']);
});

const keep: LinkResolver = (url) => ({ url });
function render(markdown: string, resolve: LinkResolver = keep): RenderedPage {
  return renderer.render({ lines: toSourceLines(markdown), resolve });
}
const html = (markdown: string) => render(markdown).html;

describe('admonitions and details', () => {
  it('renders !!! with a type and a title, and the body as Markdown', () => {
    const out = html('!!! warning "Booking cut-off"\n    Avoid **deploys**.\n\n    - one\n\nAfter.');
    expect(out).toContain('<div class="admonition warning"><p class="admonition-title">Booking cut-off</p><p>Avoid <strong>deploys</strong>.</p>');
    expect(out).toContain('<li>one</li>');
    expect(out).toMatch(/<\/div>\s*<p>After.<\/p>/);
  });

  it('uses the capitalised type as the title, and no title for ""', () => {
    expect(html('!!! note\n    Body')).toContain('<p class="admonition-title">Note</p>');
    expect(html('!!! note ""\n    Body')).not.toContain('admonition-title');
  });

  it('keeps extra type words as classes', () => {
    expect(html('!!! tip inline end "Side"\n    x')).toContain('class="admonition tip inline end"');
  });

  it('renders ??? closed and ???+ open as details', () => {
    expect(html('??? info "Why?"\n    Because.')).toContain('<details class="info"><summary>Why?</summary><p>Because.</p></details>');
    expect(html('???+ tip "Open"\n    Shown.')).toContain('<details class="tip" open><summary>Open</summary>');
  });

  it('nests blocks and keeps fenced code inside them', () => {
    const out = html('!!! note\n    ??? tip "Inner"\n        ```yaml\n        a: 1\n        ```\n');
    expect(out).toMatch(/<div class="admonition note">.*<details class="tip"><summary>Inner<\/summary><div class="code-block" data-lang="yaml">/s);
  });

  it('ignores !!! inside a code fence', () => {
    const out = html('```\n!!! note\n    plain text\n```');
    expect(out).not.toContain('class="admonition');
    expect(out).toContain('!!! note');
  });

  it('renders GitHub alerts as admonitions', () => {
    const out = html('> [!NOTE]\n> This site documents **two** deployables.');
    expect(out).toContain('<div class="admonition note"><p class="admonition-title">Note</p><p>This site documents <strong>two</strong> deployables.</p></div>');
    expect(html('> [!CAUTION]\n> Careful')).toContain('class="admonition caution"');
    expect(html('> Just a quote')).toContain('<blockquote>');
  });
});

describe('content tabs', () => {
  it('groups consecutive === blocks into one tab set with radio inputs and labels', () => {
    const out = html('=== "Go"\n\n    ```go\n    x := 1\n    ```\n\n=== "Config"\n\n    Plain *text*.\n');
    expect(out).toContain('<div class="tabbed-set tabbed-alternate" data-tabs="1:2">');
    expect(out).toContain('<input type="radio" name="__tabbed_1" id="__tabbed_1_1" checked><input type="radio" name="__tabbed_1" id="__tabbed_1_2">');
    expect(out).toContain('<div class="tabbed-labels"><label for="__tabbed_1_1">Go</label><label for="__tabbed_1_2">Config</label></div>');
    expect(out).toContain('<div class="tabbed-block"><p>Plain <em>text</em>.</p></div>');
  });

  it('starts a new set with ===! and selects ===+', () => {
    const out = html('=== "A"\n    a\n\n===! "B"\n    b\n\n===+ "C"\n    c\n');
    expect(out.match(/class="tabbed-set/g)).toHaveLength(2);
    expect(out).toContain('id="__tabbed_2_2" checked');
    expect(out).not.toContain('id="__tabbed_2_1" checked');
  });
});

describe('GFM and Python-Markdown extras', () => {
  it('renders tables and task lists with disabled checkboxes', () => {
    const out = html('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo');
    expect(out).toContain('<table>');
    expect(out).toContain('<td>1</td>');
    expect(out).toContain('<li class="task-list-item"><input type="checkbox" checked disabled> done</li>');
    expect(out).toContain('<li class="task-list-item"><input type="checkbox" disabled> todo</li>');
  });

  it('renders footnotes in Python-Markdown’s markup and ids, so #fn:1 links keep working', () => {
    const page = render('A claim[^1] and [^src].\n\n[^1]: The source.\n[^src]: Another.\n\nSee [note 1](#fn:1).');
    expect(page.html).toContain('<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>');
    expect(page.html).toContain('<sup id="fnref:src"><a class="footnote-ref" href="#fn:src">2</a></sup>');
    expect(page.html).toMatch(/<div class="footnote"><hr>\s*<ol>\s*<li id="fn:1">\s*<p>The source. <a class="footnote-backref" href="#fnref:1"/);
    expect(page.html).toContain('<a href="#fn:1">note 1</a>');
    expect(page.html).not.toContain('Footnotes');
    expect(page.ids).toContain('fn:src');
  });

  it('numbers a footnote’s later references as Python-Markdown does (fnref2:x), with one back link each', () => {
    const page = render('A[^n] and b[^n].\n\n[^n]: Note.');
    expect(page.html).toContain('<p>A<sup id="fnref:n"><a class="footnote-ref" href="#fn:n">1</a></sup> and b<sup id="fnref2:n"><a class="footnote-ref" href="#fn:n">1</a></sup>.</p>');
    expect(page.html).toContain('<a class="footnote-backref" href="#fnref:n" title="Jump back to footnote in the text">\u21a9</a> <a class="footnote-backref" href="#fnref2:n" title="Jump back to footnote in the text">\u21a9</a>');
    expect([...page.ids]).toEqual(expect.arrayContaining(['fnref:n', 'fnref2:n', 'fn:n']));
  });

  it('renders definition lists, with indented continuation and several definitions', () => {
    const out = html('CVRPTW\n:   Capacitated *routing*\n    with time windows.\n\nALNS\n:   Search.\n\n:   Another meaning.\n');
    expect(out).toContain('<dl><dt>CVRPTW</dt><dd><p>Capacitated <em>routing</em>\nwith time windows.</p></dd><dt>ALNS</dt><dd><p>Search.</p></dd><dd><p>Another meaning.</p></dd></dl>');
  });

  it('renders code inside a definition', () => {
    const out = html('`RoutePlanMissing`\n:   Re-run it:\n\n    ```sh\n    kubectl create job\n    ```\n');
    expect(out).toMatch(/<dt><code>RoutePlanMissing<\/code><\/dt><dd><p>Re-run it:<\/p><div class="code-block" data-lang="sh">/);
  });

  it('wraps abbreviations and removes their definitions', () => {
    const out = html('Routes come from OSRM, not OSRMX.\n\n`OSRM` in code stays.\n\n*[OSRM]: Open Source Routing Machine');
    expect(out).toContain('<abbr title="Open Source Routing Machine">OSRM</abbr>, not OSRMX.');
    expect(out).toContain('<code>OSRM</code>');
    expect(out).not.toContain('*[OSRM]');
  });

  it('renders mark, insert, superscript, subscript and delete', () => {
    const out = html('==marked text==, ^^inserted^^, H~2~O, x^2^ and ~~gone~~.');
    expect(out).toContain('<mark>marked text</mark>');
    expect(out).toContain('<ins>inserted</ins>');
    expect(out).toContain('H<sub>2</sub>O');
    expect(out).toContain('x<sup>2</sup>');
    expect(out).toContain('<del>gone</del>');
  });

  it('does not mark across spaces that are plain prose', () => {
    expect(html('a == b and c ~ d ~ e')).toBe('<p>a == b and c ~ d ~ e</p>');
  });

  it('draws emoji shortcodes as Twemoji SVG, titled with the shortcode, and leaves unknown shortcodes as text', () => {
    const out = html(':rocket: ships, :no-such-emoji: stays');
    expect(out).toMatch(/^<p><span class="twemoji" title=":rocket:"><svg role="img" aria-label="🚀" xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 36 36">[^]*<\/svg><\/span> ships/);
    expect(out).toContain(':no-such-emoji: stays');
    // Twemoji's licence (CC-BY 4.0) asks for a credit: the page says it shows them; icons alone do not.
    expect(render(':rocket: ships').hasEmoji).toBe(true);
    expect(render(':material-home: home, :no-such-emoji:').hasEmoji).toBeUndefined();
  });

  it('applies attr_list to headings, paragraphs, links and images', () => {
    const out = html('## Setup {: #install .big }\n\nA paragraph\n{: .lead }\n\n[Go](https://x.example){: .md-button } ![Logo](https://x.example/l.png){ width="120" }');
    expect(out).toMatch(/<h2 class="big" id="install">Setup<a class="headerlink" href="#install"/);
    expect(out).toContain('<p class="lead">A paragraph</p>');
    expect(out).toMatch(/<a href="https:\/\/x.example" class="md-button"/);
    expect(out).toContain('<img src="https://x.example/l.png" alt="Logo" width="120" loading="lazy">');
  });

  it('leaves braces that are not attribute lists alone', () => {
    expect(html('Use {placeholder text} here')).toBe('<p>Use {placeholder text} here</p>');
  });

  it('drops attr_list attributes the sanitiser does not allow', () => {
    const out = html('[x](https://x.example){: onclick="alert(1)" style="color:red" }');
    expect(out).not.toContain('onclick');
    expect(out).not.toContain('style');
  });

  it('renders unsupported syntax as text', () => {
    const out = html(':::note\ncontent\n:::');
    expect(out).toContain(':::note');
  });

  it('strips a marker character an author typed', () => {
    expect(html('a\uE0000\uE000b')).toBe('<p>a\uFFFD0\uFFFDb</p>');
  });
});

describe('headings', () => {
  it('makes ids the way Python-Markdown toc does, unique with _1, with permalinks', () => {
    const page = render('# Runbook\n\n## High 5xx rate on POST /shipments\n\n## Café — déjà vu\n\n## Setup\n\n### Setup');
    expect(page.title).toBe('Runbook');
    expect(page.headings).toEqual([
      { depth: 2, id: 'high-5xx-rate-on-post-shipments', text: 'High 5xx rate on POST /shipments' },
      { depth: 2, id: 'cafe-deja-vu', text: 'Café — déjà vu' },
      { depth: 2, id: 'setup', text: 'Setup' },
      { depth: 3, id: 'setup_1', text: 'Setup' },
    ]);
    expect(page.html).toContain('<a class="headerlink" href="#setup_1" title="Permanent link" aria-hidden="true" tabindex="-1" data-pagefind-ignore="all">¶</a>');
  });

  it('leaves the footnotes heading out of the table of contents', () => {
    const page = render('## A\n\nx[^n]\n\n[^n]: note');
    expect(page.headings.map((h) => h.id)).toEqual(['a']);
  });
});

describe('code blocks', () => {
  it('highlights with light and dark themes, numbers lines and marks hl_lines', () => {
    const page = render('```yaml hl_lines="2"\na: 1\nb: 2\n```');
    expect(page.hasCode).toBe(true);
    expect(page.html).toContain('class="shiki shiki-themes github-light github-dark linenums"');
    expect(page.html).toContain('--shiki-dark:');
    expect(page.html).toContain('<span class="line" data-line="1">');
    expect(page.html).toContain('<span class="line hll" data-line="2">');
    expect(page.html).toContain('<button type="button" class="code-copy" aria-label="Copy code" title="Copy code">Copy</button>');
  });

  it('reads linenums start, title and the {.lang} fence form', () => {
    const out = html('```{.python linenums="10" title="app.py"}\nx = 1\n```');
    expect(out).toContain('data-lang="python"');
    expect(out).toContain('<div class="code-title">app.py</div>');
    expect(out).toContain('data-line="10"');
  });

  it('renders unknown languages as plain text', () => {
    const out = html('```nosuchlang\n<b>x</b>\n```');
    expect(out).toContain('data-lang="text"');
    expect(out).toContain('&#x3C;b>x&#x3C;/b>');
  });

  it('leaves mermaid as source in pre.mermaid and strips click callbacks', () => {
    const page = render('```mermaid\nflowchart LR\n  A --> B\n  click A call alert(1)\n  click B href "javascript:alert(2)"\n  callback A "fn"\n%%{init: {"securityLevel": "loose"}}%%\n```');
    expect(page.hasMermaid).toBe(true);
    expect(page.hasCode).toBe(false);
    expect(page.html).toBe('<pre class="mermaid" data-pagefind-ignore="all" data-line="1">flowchart LR\n  A --> B</pre>');
  });

  it('takes the mermaid class away from an author’s own pre', () => {
    const page = render('<pre class="mermaid">flowchart LR\nclick A call alert(1)</pre>');
    expect(page.hasMermaid).toBe(false);
    expect(page.html).not.toContain('class="mermaid"');
  });
});

describe('sanitising', () => {
  it('removes scripts, event handlers and javascript: URLs', () => {
    const out = html(
      '<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(2)">\n\n[a](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)">b</a> <a href="java\tscript:alert(5)">c</a>',
    );
    expect(out).not.toMatch(/<script|alert\(1\)|onerror|javascript:/i);
    expect(out).not.toContain('alert(4)');
    expect(out).not.toContain('alert(5)');
    expect(out).toContain('<img src="x.png" loading="lazy">');
  });

  it('removes iframes, forms, embeds and their content', () => {
    const out = html('<iframe src="https://evil.example"></iframe>\n\n<form action="https://evil.example"><input type="password" name="p"><button>Go</button></form>\n\n<object data="x.swf"></object><embed src="x.swf">');
    expect(out).not.toMatch(/<iframe|<form|<object|<embed|type="password"|<button/);
  });

  it('removes style attributes and style elements (overlays)', () => {
    const out = html('<div style="position:fixed;inset:0;z-index:9999;background:#fff">Sign in again</div>\n\n<style>body{display:none}</style>\n\n<link rel="stylesheet" href="https://evil.example/x.css">');
    expect(out).not.toMatch(/style|position:fixed|display:none|<link/);
    expect(out).toContain('Sign in again');
  });

  it('writes author ids, <a name> anchors and attr_list ids as MkDocs does, without a prefix', () => {
    const page = render('<a id="config"></a>\n\n<a name="old-anchor"></a>\n\n## Setup { #set-up }\n\nText.\n{: #para }\n\n[jump](#config) [old](#old-anchor)');
    expect(page.html).toContain('<a id="config"></a>');
    expect(page.html).toContain('<a name="old-anchor"></a>');
    expect(page.html).toContain('<h2 id="set-up">');
    expect(page.html).toContain('<p id="para">Text.</p>');
    expect(page.html).toContain('<a href="#config">jump</a> <a href="#old-anchor">old</a>');
    expect([...page.ids]).toEqual(expect.arrayContaining(['config', 'old-anchor', 'set-up', 'para']));
    expect(page.renamedIds).toEqual([]);
    // Ids equal to the window's and document's own properties cannot shadow them (see anchors.ts).
    expect(html('## Location\n\n<p id="cookie">c</p>')).toMatch(/<h2 id="location">.*<p id="cookie">/s);
  });

  it('slugs headings with pymdownx.slugs when toc names it, and reads escapes in attr_list ids', () => {
    const extensions = effectiveExtensions({ toc: { slugify: 'pymdownx.slugs.slugify' } });
    const page = renderer.render({ lines: toSourceLines('## Contributing & Support\n\n## Café Ünïcode\n\n# 6.0 Notes {: #\\6.0}'), resolve: keep, extensions });
    expect(page.headings.map((h) => h.id)).toEqual(['contributing--support', 'café-ünïcode']);
    expect(page.html).toContain('<h1 id="6.0">');
    expect(html('## Contributing & Support')).toContain('id="contributing-support"');
  });

  it('keeps `name` on links only, where it cannot reach document’s named properties', () => {
    const out = html('<img src="x.png" name="cookie" id="pic">\n\n<a name="forms" href="#pic">a</a>');
    expect(out).toContain('<img src="x.png" id="pic" loading="lazy">');
    expect(out).toContain('<a name="forms" href="#pic">a</a>');
  });

  it('prefixes ids a page script may read as globals, with the links, labels and permalinks to them', () => {
    const page = render('## Exports\n\n<div id="module">x</div>\n<dl aria-labelledby="main"><dt>t</dt></dl>\n\n<a name="define"></a>\n\n[a](#exports) [b](#module) [c](#define) [d](#main)');
    expect(page.html).toContain('<h2 id="user-content-exports">Exports<a class="headerlink" href="#user-content-exports"');
    expect(page.html).toContain('<div id="user-content-module">x</div>\n<dl aria-labelledby="user-content-main">');
    expect(page.html).toContain('<a name="user-content-define"></a>');
    expect(page.html).toContain('<a href="#user-content-exports">a</a> <a href="#user-content-module">b</a> <a href="#user-content-define">c</a> <a href="#user-content-main">d</a>');
    expect(page.headings).toEqual([{ depth: 2, id: 'user-content-exports', text: 'Exports' }]);
    // A heading's slug is renamed without a word; ids the author wrote are reported.
    expect(page.renamedIds).toEqual([
      { id: 'module', line: 3, column: 1 },
      { id: 'define', line: 6, column: 1 },
    ]);
  });

  it('keeps details, summary, kbd and a disabled checkbox from raw HTML', () => {
    const out = html('<details><summary>More</summary>\n\nHidden *text*\n\n</details>\n\n<kbd>Ctrl</kbd>');
    expect(out).toContain('<details><summary>More</summary>');
    expect(out).toContain('<em>text</em>');
    expect(out).toContain('<kbd>Ctrl</kbd>');
  });
});

describe('links', () => {
  it('hands every link and image to the resolver with its position in the original file', () => {
    const calls: Array<[string, string, number, number]> = [];
    const resolve: LinkResolver = (url, kind, at) => {
      calls.push([url, kind, at.line, at.column]);
      return url === 'gone.md' ? { url: undefined } : { url: `/portal/${url}`, external: url.startsWith('http') };
    };
    const out = render('Intro\n\n!!! note\n    See [other](other.md) and ![pic](img/p.png).\n\n[gone](gone.md) and [ext](https://x.example)', resolve).html;
    expect(calls).toEqual([
      ['other.md', 'link', 4, 9],
      ['img/p.png', 'image', 4, 31],
      ['gone.md', 'link', 6, 1],
      ['https://x.example', 'link', 6, 21],
    ]);
    expect(out).toContain('<a href="/portal/other.md">other</a>');
    expect(out).toContain('<img src="/portal/img/p.png" alt="pic" loading="lazy">');
    expect(out).toContain('<p>gone and ');
    expect(out).toContain('<a href="/portal/https://x.example" target="_blank" rel="noopener noreferrer">ext</a>');
  });
});

describe('raw HTML links', () => {
  it('tells the resolver which URLs were written in raw HTML, inline or in a block', () => {
    const calls: Array<[string, boolean | undefined]> = [];
    render('Text <a href="a/">x</a> and [md](b.md) ![i](c.png)\n\n<div>\n<p><img src="d.png"></p>\n</div>\n\n<div markdown>\n[in](e.md)\n</div>\n', (url, _kind, _at, raw) => {
      calls.push([url, raw]);
      return { url };
    });
    expect(calls).toEqual([
      ['a/', true],
      ['b.md', false],
      ['c.png', false],
      ['d.png', true],
      ['e.md', false],
    ]);
  });
});

describe('pymdownx inline extensions', () => {
  const withKeys = effectiveExtensions({ 'pymdownx.keys': {} });
  const keys = (md: string) => renderer.render({ lines: toSourceLines(md), resolve: keep, extensions: withKeys }).html;

  it('renders ++keys++ as pymdownx.keys does: kbd per key with its class, joined by + spans', () => {
    expect(keys('Press ++ctrl+alt+del++ now.')).toBe(
      '<p>Press <span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span><kbd class="key-alt">Alt</kbd><span>+</span><kbd class="key-delete">Del</kbd></span> now.</p>',
    );
    expect(keys('++ctrl+c++')).toContain('<kbd class="key-control">Ctrl</kbd><span>+</span><kbd class="key-c">C</kbd>');
    expect(keys('++ctrl+"My Key"++')).toContain('<kbd>My Key</kbd>');
    const plus = effectiveExtensions({ 'pymdownx.keys': { separator: '\uff0b' } });
    expect(renderer.render({ lines: toSourceLines('++alt+f4++'), resolve: keep, extensions: plus }).html).toContain('<kbd class="key-alt">Alt</kbd><span>\uff0b</span><kbd class="key-f4">F4</kbd>');
  });

  it('leaves ++keys++ as written when a key is unknown, in code, or when pymdownx.keys is not configured', () => {
    expect(keys('++ctrl+nosuchkey++')).toBe('<p>++ctrl+nosuchkey++</p>');
    expect(keys('++num5++ ++help++')).toBe('<p><span class="keys"><kbd class="key-num5">Num 5</kbd></span> <span class="keys"><kbd class="key-help">Help</kbd></span></p>');
    expect(keys('`++ctrl+c++`')).toBe('<p><code>++ctrl+c++</code></p>');
    expect(html('++ctrl+c++')).toBe('<p>++ctrl+c++</p>');
  });

  it('replaces smart symbols, fractions and ordinals in text but not in code', () => {
    expect(html('Acme(tm) (c) (r) +/- --> <-- =/= 1/2 c/o')).toBe('<p>Acme™ © ® ± → ← ≠ ½ ℅</p>');
    expect(html('the 2nd and 21st')).toBe('<p>the 2<sup>nd</sup> and 21<sup>st</sup></p>');
    expect(html('`(c) -->`')).toBe('<p><code>(c) --></code></p>');
  });

  it('renders critic marks in view mode and leaves fenced code alone', () => {
    expect(html('A {++new++} {--old--} {~~was~>is~~} {==key==}{>>why<<} word.')).toBe(
      '<p>A <ins class="critic">new</ins> <del class="critic">old</del> <del class="critic">was</del><ins class="critic">is</ins> <mark class="critic">key</mark><span class="critic comment">why</span> word.</p>',
    );
    expect(html('```\n{++x++}\n```')).toContain('{++x++}');
  });
});

describe('pymdownx.blocks (/// syntax)', () => {
  const blocks = effectiveExtensions({
    'pymdownx.blocks.admonition': { types: ['note', 'warning', 'example'] },
    'pymdownx.blocks.details': { types: [{ name: 'details-tip', class: 'tip' }] },
    'pymdownx.blocks.tab': { alternate_style: true },
    'pymdownx.blocks.html': {},
    'pymdownx.blocks.definition': {},
    'pymdownx.blocks.caption': {},
  });
  const out = (md: string) => renderer.render({ lines: toSourceLines(md), resolve: keep, extensions: blocks }).html;

  it('renders /// note and /// admonition with a type option as admonitions, the title as inline Markdown', () => {
    expect(out('/// note | Read **this**\nBody *text*.\n///\n\nAfter.')).toBe(
      '<div class="admonition note"><p class="admonition-title">Read <strong>this</strong></p><p>Body <em>text</em>.</p></div>\n<p>After.</p>',
    );
    expect(out('/// admonition | Careful\n    type: warning\n\nBody.\n///')).toContain('<div class="admonition warning"><p class="admonition-title">Careful</p><p>Body.</p></div>');
    expect(out('/// warning\nNo title.\n///')).toContain('<p class="admonition-title">Warning</p>');
  });

  it('renders /// details open, and configured details types with their class', () => {
    expect(out('/// details | Why?\n    open: true\nBecause.\n///')).toContain('<details open><summary>Why?</summary><p>Because.</p></details>');
    expect(out('/// details-tip | Hint\nUse it.\n///')).toContain('<details class="tip"><summary>Hint</summary><p>Use it.</p></details>');
  });

  it('nests blocks with more slashes outside, and a fence in the body cannot close the block', () => {
    const html = out('//// note | Outer\n/// tip | Inner\n```\n///\n```\n///\n////');
    expect(html).toMatch(/<div class="admonition note"><p class="admonition-title">Outer<\/p><div class="admonition tip"><p class="admonition-title">Inner<\/p><div class="code-block"[^]*\/\/\/[^]*<\/div><\/div><\/div>/);
  });

  it('groups /// tab blocks into one tab set, new: true starting another', () => {
    const html = out('/// tab | One\nA\n///\n\n/// tab | Two\n    select: true\nB\n///\n\n/// tab | Three\n    new: true\nC\n///');
    expect(html.match(/class="tabbed-set/g)).toHaveLength(2);
    expect(html).toContain('<label for="__tabbed_1_1">One</label><label for="__tabbed_1_2">Two</label>');
    expect(html).toContain('id="__tabbed_1_2" checked');
  });

  it('renders /// html as the named element with its classes, /// define as a dl, /// caption as a figure', () => {
    expect(out('/// html | div.grid.cards\n- **one**\n///')).toContain('<div class="grid cards"><ul>\n<li><strong>one</strong></li>\n</ul></div>');
    expect(out('/// define\nApple\n\n- A fruit.\n- A company.\n\nOrange\n\n- A colour.\n///')).toBe(
      '<dl><dt>Apple</dt><dd>A fruit.</dd><dd>A company.</dd><dt>Orange</dt><dd>A colour.</dd></dl>',
    );
    expect(out('| a |\n|---|\n| 1 |\n\n/// table-caption\nCounts\n///')).toMatch(/^<figure id="__table-caption_1"><table>[^]*<\/table><figcaption><p><span class="caption-prefix">Table 1.<\/span> Counts<\/p><\/figcaption><\/figure>$/);
    expect(out('![Map](map.png)\n\n/// caption\nThe *whole* map.\n///')).toBe(
      '<figure><p><img src="map.png" alt="Map" loading="lazy"></p><figcaption><p>The <em>whole</em> map.</p></figcaption></figure>',
    );
  });

  it('leaves /// blocks as text when pymdownx.blocks is not configured, and unknown block names always', () => {
    expect(html('/// note | T\nBody\n///')).toContain('/// note | T');
    expect(out('/// nosuch\nBody\n///')).toContain('/// nosuch');
  });

  it('reads !!! and ??? titles as inline Markdown too', () => {
    expect(html('!!! note "Use `make` *now*"\n    Body')).toContain('<p class="admonition-title">Use <code>make</code> <em>now</em></p>');
    expect(html('??? tip "A [link](https://x.example)"\n    Body')).toContain('<summary>A <a href="https://x.example"');
  });
});

describe('tab titles', () => {
  it('reads === and /// tab titles as inline Markdown, icons included', () => {
    const out = html('=== ":material-apple: macOS `brew`"\n    a\n');
    expect(out).toMatch(/<label for="__tabbed_1_1"><span class="twemoji"><svg[^]*<\/svg><\/span> macOS <code>brew<\/code><\/label>/);
    expect(out).not.toContain('tabbed-title');
  });
});

describe('pymdownx.tabbed options', () => {
  const slugged = (extra: Record<string, unknown>) => effectiveExtensions({ 'pymdownx.tabbed': { alternate_style: true, slugify: 'pymdownx.slugs.slugify', ...extra } });
  const out = (md: string, extra: Record<string, unknown> = {}) => renderer.render({ lines: toSourceLines(md), resolve: keep, extensions: slugged(extra) }).html;

  it('gives tabs slugified ids with slugify, unique on the page', () => {
    const html = out('=== "Tab One"\n    a\n\n=== "Tab One"\n    b\n\n=== "Café!"\n    c\n');
    expect(html).toContain('<input type="radio" name="__tabbed_1" id="tab-one" checked><input type="radio" name="__tabbed_1" id="tab-one_1"><input type="radio" name="__tabbed_1" id="café">');
    expect(html).toContain('<label for="tab-one">Tab One</label>');
  });

  it('prefixes the heading id with combine_header_slug, and uses the separator', () => {
    const html = out('## Install it\n\n=== "On Linux"\n    a\n', { combine_header_slug: true, separator: '_' });
    expect(html).toContain('id="install-it_on_linux"');
  });
});

describe('Material icons (pymdownx.emoji with to_svg)', () => {
  it('draws :material-…:, :octicons-…-16:, :fontawesome-brands-…: and :simple-…: as inline SVG from the icon packages', () => {
    const out = html('Home :material-home: :octicons-mark-github-16: :fontawesome-brands-github: :simple-python:');
    expect(out.match(/<span class="twemoji"><svg[^>]*>[^]*?<\/svg><\/span>/g)).toHaveLength(4);
    expect(out).toMatch(/<span class="twemoji"><svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 24 24"><path d="M10,20V14H14V20H19V12H22L12,3L2,12H5V20H10Z"/);
    expect(out).not.toContain(':material-home:');
  });

  it('applies an attr_list written after an icon to its span, leaving nothing in the text', () => {
    const out = html('Love :material-heart:{ .heart title="Heart" } it');
    expect(out).toMatch(/<span class="twemoji heart" title="Heart"><svg/);
    expect(out).not.toContain('{');
  });

  it('leaves unknown icons and icons in code as written, and never draws a path from a page', () => {
    expect(html(':material-no-such-icon-here:')).toBe('<p>:material-no-such-icon-here:</p>');
    expect(html('`:material-home:`')).toBe('<p><code>:material-home:</code></p>');
    const out = html('<span data-icon="material-../../../package">x</span> <span data-icon="twemoji:../x">y</span> :not-an-emoji:');
    expect(out).not.toContain('<svg');
  });
});

describe('md_in_html', () => {
  it('parses Markdown inside <div markdown> with no blank line after the tag, and drops the attribute', () => {
    expect(html('<div markdown>\n**bold** text\n</div>')).toBe('<div>\n<p><strong>bold</strong> text</p>\n</div>');
    expect(html('<div class="grid" markdown="1">\n- one\n- two\n</div>\nAfter')).toBe('<div class="grid">\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n</div>\n<p>After</p>');
  });

  it('nests same-name elements and leaves HTML without the attribute as HTML', () => {
    expect(html('<div markdown>\n<div markdown>\n*inner*\n</div>\n</div>')).toBe('<div>\n<div>\n<p><em>inner</em></p>\n</div>\n</div>');
    expect(html('<div>\n**raw**\n</div>')).toBe('<div>\n**raw**\n</div>');
  });
});

describe('definition lists', () => {
  it('takes an HTML comment alone on its line as a term, as Python-Markdown def_list does', () => {
    const out = html('<!-- md:option type:note -->\n\n:   !!! note\n\n        Body.\n');
    // The sanitiser drops the comment itself; the structure stays.
    expect(out).toMatch(/^<dl><dt><\/dt><dd><div class="admonition note"><p class="admonition-title">Note<\/p><p>Body.<\/p><\/div><\/dd><\/dl>$/);
  });
});

// Each case below differed from MkDocs on a page of Material's own docs (npm run bench -- docs-parity).
describe('Python-Markdown block rules', () => {
  it('goes on with a definition list past a footnote definition between its items', () => {
    const out = html('Term\n:   def one\n\n  [^3]:\n    Note.\n\nTerm2\n:   def two\n\nx[^3]');
    expect(out).toMatch(/^<dl><dt>Term<\/dt><dd>(<p>)?def one(<\/p>)?<\/dd><dt>Term2<\/dt><dd>(<p>)?def two(<\/p>)?<\/dd><\/dl>/);
  });

  it('leaves a fence never closed inside a tab as text', () => {
    const out = html('=== "A"\n\n    Text.\n    ```\n\n=== "B"\n\n    ```\n    code\n    ```\n');
    expect(out).toContain('<p>Text.\n```</p>');
    expect(out.match(/<pre\b/g)).toHaveLength(1);
  });

  it('continues a list item at four columns when the marker is wider (`  1.  text`)', () => {
    const out = html('  1.  One\n\n  2.  Two\n\n    ```\n    code\n    ```\n\n    - sub\n      more\n\nAfter\n');
    expect(out).toMatch(/<li>\s*<p>Two<\/p>\s*<div class="code-block"[^]*<\/pre><\/div>\s*<ul>\s*<li>sub\nmore<\/li>\s*<\/ul>\s*<\/li>\s*<\/ol>\s*<p>After<\/p>$/);
  });
});

describe('fences in blockquotes', () => {
  it('closes a fence opened in a blockquote at its `> ```` line', () => {
    const out = html('> NOTE:\n>\n> ```bash\n> pip install x\n> ```\n>\n> After.');
    expect(out).toMatch(/^<blockquote>\s*<p>NOTE:<\/p>\s*<div class="code-block" data-lang="bash">[^]*>pip<[^]*<\/pre><\/div>\s*<p>After.<\/p>\s*<\/blockquote>$/);
  });
});

describe('pymdownx.emoji twemoji index', () => {
  // pymdownx's twemoji index: JoyPixels' names and alternates for what Twemoji 16 draws, and its own additions.
  it.each([
    ['flag_us', '🇺🇸'],
    ['woman_technologist_tone3', '👩🏽‍💻'],
    ['+1', '👍'],
    ['thumbsup', '👍'],
    ['skier_tone2', '⛷🏼'],
    ['lime', '🍋‍🟩'],
    ['man_in_santa_hat_tone5', '👨🏿‍🎄'],
    ['100', '💯'],
  ])('draws :%s: as %s', (name, emoji) => {
    expect(html(`x :${name}: y`)).toMatch(new RegExp(`^<p>x <span class="twemoji" title=":${name.replace('+', '\\+')}:"><svg role="img" aria-label="${emoji}"[^]*</svg></span> y</p>$`));
  });

  it('knows every name of the index (over 6,000) and leaves shortcodes in code and gemoji-only names alone', () => {
    expect(twemojiCount()).toBeGreaterThan(6000);
    expect(html('`:smile:` :smile:')).toMatch(/^<p><code>:smile:<\/code> <span class="twemoji"/);
    // gemoji's `:shipit:` is no twemoji name: pymdownx leaves it as text.
    expect(html(':shipit:')).toBe('<p>:shipit:</p>');
  });

  it('uses gemoji’s names, as Unicode text, when the site names that index', () => {
    const page = renderer.render({ lines: toSourceLines(':rocket:'), resolve: keep, extensions: effectiveExtensions({ 'pymdownx.emoji': { emoji_index: 'pymdownx.emoji.gemoji' } }) });
    expect(page.html).toBe('<p>🚀</p>');
  });
});

// Expected HTML from pymdownx.blocks' documentation and its own test cases (Debian's pymdownx 9.5 predates blocks).
describe('pymdownx.blocks caption and html, as documented', () => {
  const blocks = effectiveExtensions({ 'pymdownx.blocks.caption': {}, 'pymdownx.blocks.html': {}, 'pymdownx.blocks.details': {} });
  const out = (md: string, extensions = blocks) => renderer.render({ lines: toSourceLines(md), resolve: keep, extensions }).html;

  it('numbers figure-caption and table-caption figures, nested ones 1.1, with ids and a prefix span', () => {
    expect(out('A paragraph.\n/// figure-caption\nLevel 2.\n///\n/// figure-caption\nLevel 1.\n///\n\nB\n/// figure-caption\nTwo.\n///')).toBe(
      '<figure id="__figure-caption_1"><figure id="__figure-caption_1_1"><p>A paragraph.</p><figcaption><p><span class="caption-prefix">Figure 1.1.</span> Level 2.</p></figcaption></figure>' +
        '<figcaption><p><span class="caption-prefix">Figure 1.</span> Level 1.</p></figcaption></figure>\n' +
        '<figure id="__figure-caption_2"><p>B</p><figcaption><p><span class="caption-prefix">Figure 2.</span> Two.</p></figcaption></figure>',
    );
    expect(out('| a |\n|---|\n| 1 |\n/// table-caption | #counts\nCounts\n///')).toMatch(/^<figure id="counts"><table>[^]*<\/table><figcaption><p><span class="caption-prefix">Table 1.<\/span> Counts<\/p><\/figcaption><\/figure>$/);
    // With `auto: false` only a number written in the header counts.
    const manual = effectiveExtensions({ 'pymdownx.blocks.caption': { auto: false } });
    expect(out('Text\n/// figure-caption | 3\nCap.\n///\n\nMore\n/// figure-caption\nNone.\n///', manual)).toBe(
      '<figure id="__figure-caption_3"><p>Text</p><figcaption><p><span class="caption-prefix">Figure 3.</span> Cap.</p></figcaption></figure>\n<figure><p>More</p><figcaption><p>None.</p></figcaption></figure>',
    );
  });

  it('prepends with `<`, puts a caption into a /// html | figure that has none, and takes attrs', () => {
    expect(out('Text\n/// caption | <\nPrepended\n///')).toBe('<figure><figcaption><p>Prepended</p></figcaption><p>Text</p></figure>');
    expect(out('/// html | figure\nSome content\n///\n/// caption\n    attrs: {class: general}\nCaption.\n///')).toBe(
      '<figure class="general"><p>Some content</p><figcaption><p>Caption.</p></figcaption></figure>',
    );
  });

  it('reads /// html selectors with ids, classes and [attributes], and the attrs option; the sanitiser still rules', () => {
    expect(out("/// html | div#x.a.b[title='Hi there' style='color: red']\nsome *markdown*\n///")).toBe('<div title="Hi there" class="a b" id="x"><p>some <em>markdown</em></p></div>');
    expect(out('/// html | section\n    attrs: {class: wide, title: T, onclick: "alert(1)"}\n\nBody\n///')).toBe('<section title="T" class="wide"><p>Body</p></section>');
  });

  it('gives /// details a type as its class', () => {
    expect(out('/// details | Some summary\n    type: warning\nContent\n///')).toBe('<details class="warning"><summary>Some summary</summary><p>Content</p></details>');
  });
});
