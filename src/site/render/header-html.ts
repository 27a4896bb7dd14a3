// The page header (brand, main nav, search box) as a string, the same on every page but for which nav link is
// current: built once per site and nav entry (headerHtml) rather than by Astro on each page. As markup in
// Base.astro (a template per nav link and the SearchBox component) it was part of Astro's per-page work on all
// 11,000 pages at 10,000 entities.
//
// The search box: Pagefind is loaded on first use; Enter opens the full search page, or without a search index
// (dev) the catalog's text filter. The results list and the combobox roles are the script's (client/search-box.ts,
// started by Base.astro's one script for the header): without it this is a plain search form. Named by aria-label
// rather than a hidden <label> (42 bytes of every page; the same accessible name). GET is a form's default method;
// autocomplete and spellcheck are turned off by the script that brings the result list.

import type { NavLink } from '../../views/nav.ts';
import { escapeAttribute, escapeHtml as text } from './html.ts';
import { SEARCH_PATH } from '../../model/routes.ts';


export interface HeaderSite {
  title: string;
  links: readonly NavLink[];
  /** The path with the site's base, e.g. `href` of render/href.ts. */
  href: (path: string) => string;
}

/**
 * What the header (`<header class="site-header">`, Base.astro's) holds, with `nav` (a link's id) marked current, as
 * Astro wrote it from Base.astro's markup.
 */
export function headerHtml(site: HeaderSite, nav: string | undefined): string {
  let links = '';
  for (const l of site.links) links += `<a href="${escapeAttribute(site.href(l.path))}"${nav === l.id ? ' aria-current="page"' : ''}>${text(l.label)}</a>`;
  return (
    `<div class="inner header-inner"><a class="brand" href="${escapeAttribute(site.href(''))}" title="${escapeAttribute(site.title)}"><span>${text(site.title)}</span></a>` +
    `<nav class="site-nav" aria-label="Main">${links}</nav>` +
    `<div class="header-tools"><form class="search" role="search" aria-label="Site" action="${escapeAttribute(site.href(SEARCH_PATH))}" data-search><input id="site-search" name="q" type="search" aria-label="Search" placeholder="Search  ( / )"></form></div></div>`
  );
}

const built = new WeakMap<object, Map<string | undefined, string>>();

/** headerHtml, built once per `key` (the model the site is built from) and nav entry. */
export function cachedHeaderHtml(key: object, site: () => HeaderSite, nav: string | undefined): string {
  let byNav = built.get(key);
  if (!byNav) built.set(key, (byNav = new Map()));
  let html = byNav.get(nav);
  if (html === undefined) byNav.set(nav, (html = headerHtml(site(), nav)));
  return html;
}
