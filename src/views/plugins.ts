// What plugins show on an entity's page: their cards (plain data from the build) and the scripts of the plugins
// whose cards are there, so a page loads a plugin's script only when it shows that plugin's card.

import type { PluginCard } from '../model/plugins.ts';
import type { PortalModel } from '../model/portal.ts';

export interface EntityPluginCards {
  cards: PluginCard[];
  /** Site paths (no base) of the scripts to load, one per plugin. */
  scripts: string[];
}

const NONE: EntityPluginCards = { cards: [], scripts: [] };

export function entityPluginCards(model: PortalModel, ref: string): EntityPluginCards {
  const cards = model.plugins?.cards[ref];
  if (!cards?.length) return NONE;
  const scripts = [...new Set(cards.map((c) => model.plugins!.scripts[c.plugin]).filter((s): s is string => !!s))];
  return { cards, scripts };
}
