// What an entity's page gives its layout: its title, description and content (the page's view rendered as one
// string). The page ([name].astro) renders these through Astro for the first pages, and the page writer puts them
// into the shell those pages made for the rest (../build/shell-pages.ts): one function, so both write the same page.

import type { PortalEntity } from '../../model/portal.ts';
import { flatString } from '../../util/flatString.ts';
import { pageEntityView, pageData, received } from '../handover.ts';
import type { PageParts } from '../build/shell-pages.ts';
import { entityPageHtml } from './entity-page-html.ts';
import { siteBase } from './href.ts';
import { pluginCardsHtml, pluginScriptsHtml } from './plugin-cards-html.ts';

/** `components`: the plugins' Astro components (`virtual:backlot/plugin-components`, which only pages can import). */
export async function entityPageParts(item: PortalEntity, pathname: string, components: Record<string, unknown>): Promise<PageParts> {
  const { index } = pageData();
  const view = pageEntityView(item);
  const layout = view.graphMode === 'static' ? await received().graphs.layout(view.graph) : undefined;
  const pluginCards = await pluginCardsHtml(view.own.plugins.cards, components, pathname, siteBase);
  // The whole content as one string given to Base (not a slot with a <Fragment>: each is a component Astro renders),
  // flat: Astro holds it past the page (../../util/flatString.ts). Base reads the few values it shows, not the view.
  const html = flatString(entityPageHtml(view, { index, base: siteBase, layout, pluginCards }) + pluginScriptsHtml(view.own.plugins.scripts, siteBase));
  const description = view.description?.text || undefined;
  return { title: view.own.title, ...(description ? { description } : {}), html };
}
