import { describe, expect, it } from 'vitest';
import { cachedHeaderHtml, headerHtml, type HeaderSite } from './header-html.ts';

const site: HeaderSite = {
  title: 'Acme "Tools" & Co',
  href: (path) => `/portal/${path}`,
  links: [
    { id: 'home', label: 'Home', path: '' },
    { id: 'catalog', label: 'Catalog', path: 'catalog/' },
    { id: 'plugin:costs', label: 'Costs <beta>', path: 'costs/' },
  ],
};

describe('headerHtml', () => {
  it('writes the brand, the nav with the current link marked and the search form, escaped as Astro escapes', () => {
    const html = headerHtml(site, 'catalog');
    expect(html).toBe(
      '<div class="inner header-inner"><a class="brand" href="/portal/" title="Acme &quot;Tools&quot; &amp; Co"><span>Acme &quot;Tools&quot; &amp; Co</span></a>' +
        '<nav class="site-nav" aria-label="Main"><a href="/portal/">Home</a><a href="/portal/catalog/" aria-current="page">Catalog</a><a href="/portal/costs/">Costs &lt;beta&gt;</a></nav>' +
        '<div class="header-tools"><form class="search" role="search" aria-label="Site" action="/portal/search/" data-search><input id="site-search" name="q" type="search" aria-label="Search" placeholder="Search  ( / )"></form></div></div>',
    );
    expect(headerHtml(site, undefined)).not.toContain('aria-current');
  });

  it('is built once per site and nav entry', () => {
    const key = {};
    let built = 0;
    const make = () => (built++, site);
    const catalog = cachedHeaderHtml(key, make, 'catalog');
    expect(cachedHeaderHtml(key, make, 'catalog')).toBe(catalog);
    expect(cachedHeaderHtml(key, make, 'home')).toContain('<a href="/portal/" aria-current="page">Home</a>');
    expect(built).toBe(2);
    // Another model (`backlot dev` hands over a new one) gets its own header.
    expect(cachedHeaderHtml({}, () => ({ ...site, title: 'Other' }), 'catalog')).toContain('title="Other"');
  });
});
