import { describe, expect, it } from 'vitest';
import { findChromium } from './chromium.ts';
import { safeCss, sanitizeSvg } from './sanitize.ts';

describe('sanitizeSvg', () => {
  it('keeps the shapes, text, styles and in-drawing references mermaid writes', () => {
    const svg = sanitizeSvg(
      '<svg id="d" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" class="flowchart" style="max-width: 10px;" role="graphics-document document" aria-roledescription="flowchart-v2">' +
        '<style>#d .node rect{fill:#fff;stroke:url(#d-gradient);font-family:"trebuchet ms"} #d .a > .b{opacity:0.5}</style>' +
        '<g><marker id="d_end" refX="5"><path d="M 0 0 L 10 5 z" style="stroke-width: 1;"></path></marker>' +
        '<path marker-end="url(#d_end)" d="M0 0"></path><text x="1"><tspan>A &lt;b&gt;</tspan></text><use href="#d_end"></use></g></svg>',
    );
    expect(svg).toContain('#d .node rect{fill:#fff;stroke:url(#d-gradient);font-family:"trebuchet ms"} #d .a > .b{opacity:0.5}');
    expect(svg).toContain('marker-end="url(#d_end)"');
    expect(svg).toContain('<use href="#d_end"></use>');
    expect(svg).toContain('aria-roledescription="flowchart-v2"');
    expect(svg).toContain('<tspan>A &#x3C;b></tspan>');
  });

  it('drops scripts, event handlers, foreignObject, links out, animation and external URLs', () => {
    const svg = sanitizeSvg(
      '<svg onload="alert(1)" xmlns="http://www.w3.org/2000/svg"><script>alert(2)</script>' +
        '<style>@import "https://evil.example/x.css"; .n{fill:url(https://evil.example/p#a)} .m{background:u\\72l(https://evil.example)}</style>' +
        '<a href="javascript:alert(3)"><text onclick="alert(4)">label</text></a>' +
        '<foreignObject><div><img src="x" onerror="alert(5)"></div></foreignObject>' +
        '<image href="https://evil.example/i.png"></image><use xlink:href="https://evil.example/s.svg#a"></use>' +
        '<set attributeName="href" to="javascript:alert(6)"></set><rect style="fill:url(https://evil.example/)" fill="javascript:alert(7)"></rect></svg>' +
        '<script>alert(8)</script>',
    );
    expect(svg).not.toMatch(/script|alert|onload|onclick|onerror|foreignObject|@import|<a|<image|<set|javascript|href/i);
    // The escaped u\72l( is no function once its backslash is gone.
    expect(svg).not.toMatch(/url\((?!#)/i);
    expect(svg).toContain('<text>label</text>');
  });

  it('returns nothing for markup that is not an SVG', () => {
    expect(sanitizeSvg('<div>hi</div><script>alert(1)</script>')).toBe('');
  });

  it('leaves only url(#fragment) in CSS', () => {
    expect(safeCss('a{fill:url( "https://x/y" )} b{stroke:url(#ok)}')).toBe('a{fill:none} b{stroke:url(#ok)}');
  });
});

describe('findChromium', () => {
  it('takes CHROME_PATH first, else the first browser installed where Debian or Google put it', () => {
    expect(findChromium({ CHROME_PATH: '/opt/c' }, (p) => p === '/opt/c')).toBe('/opt/c');
    expect(findChromium({ CHROME_PATH: '/missing' }, (p) => p === '/usr/bin/chromium')).toBeUndefined();
    expect(findChromium({}, (p) => p === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome');
    expect(findChromium({}, () => false)).toBeUndefined();
  });
});
