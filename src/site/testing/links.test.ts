import { describe, expect, it } from 'vitest';
import { internalLinks } from './links.ts';

describe('internalLinks', () => {
  it('keeps site paths and drops external URLs and fragments', () => {
    const html = `<a href="/portal/catalog/?kind=api&amp;q=x">a</a><a href="https://github.com/x">b</a>
      <a href="#main">c</a><link href="/portal/_astro/a.css"><script src="//cdn.example/x.js"></script>
      <a href="mailto:a@b.c">d</a><a href="/portal/catalog/">e</a><a href="/portal/catalog/">f</a>`;
    expect(internalLinks(html)).toEqual(['/portal/catalog/?kind=api&q=x', '/portal/_astro/a.css', '/portal/catalog/']);
  });
});
