// The entity page's tab bar (Overview, then plugins' tabs) as an HTML string: plain links to real subpages, so
// every tab works without JavaScript and can be linked to; the current one is marked for screen readers too.

import type { EntityTabLink } from '../../views/plugins.ts';
import { escapeAttribute, escapeHtml } from './html.ts';

export function entityTabsHtml(links: readonly EntityTabLink[], href: (path: string) => string): string {
  if (links.length === 0) return '';
  const items = links.map((l) => `<li><a href="${escapeAttribute(href(l.path))}"${l.current ? ' aria-current="page"' : ''}>${escapeHtml(l.title)}</a></li>`);
  return `<nav class="entity-tabs" aria-label="Entity pages" data-pagefind-ignore><ul>${items.join('')}</ul></nav>`;
}
