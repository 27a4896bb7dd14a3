// Plugins' cards: each in the same card frame, its body the plain data (./plugin-card-html.ts) or, when the card
// names one, the Astro component its plugin ships, given the card's `props` (escaped by Astro like any text). A
// component that throws is replaced by the plain card (./plugin-component.ts). `components` is the site build's
// `virtual:backlot/plugin-components`, which only Astro's pages can import.

import type { PluginCard } from '../../model/plugins.ts';
import { entityPath, withBase } from '../../model/routes.ts';
import { pluginCardFrame, pluginCardHtml } from './plugin-card-html.ts';
import { pluginComponentHtml } from './plugin-component.ts';
import { escapeAttribute } from './html.ts';

export async function pluginCardsHtml(cards: readonly PluginCard[], components: Record<string, unknown>, pagePath: string, base: string): Promise<string> {
  if (cards.length === 0) return '';
  const entityHref = (ref: string) => withBase(entityPath(ref), base);
  const parts = await Promise.all(
    cards.map(async (card) => {
      const Component = card.component ? components[`${card.plugin}/${card.component}`] : undefined;
      const body = Component ? await pluginComponentHtml(Component, { ...(card.props ?? {}), card }, `plugin "${card.plugin}": component "${card.component}" on ${pagePath}`) : undefined;
      return body === undefined ? pluginCardHtml(card, entityHref) : pluginCardFrame(card, body, card.component);
    }),
  );
  return parts.join('');
}

/** Plugins' scripts for an entity page (their paths under the site, as the model gives them), as module script tags. */
export function pluginScriptsHtml(scripts: readonly string[], base: string): string {
  let out = '';
  for (const src of scripts) out += `<script type="module" src="${escapeAttribute(withBase(src, base))}"></script>`;
  return out;
}
