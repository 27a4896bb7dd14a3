// What plugins show on the portal's pages: an entity's cards (plain data from the build) and the scripts of the
// plugins whose cards are there (a page loads a plugin's script only when it shows that plugin's card), the entity
// page's tab bar, and the header's links to plugins' own pages.

import type { PluginCard, PluginTab } from '../model/plugins.ts';
import type { PortalModel } from '../model/portal.ts';
import { entityPath, entityTabPath } from '../model/routes.ts';

export interface EntityPluginCards {
  cards: PluginCard[];
  /** Site paths (no base) of the scripts to load, one per plugin. */
  scripts: string[];
}

const NONE: EntityPluginCards = { cards: [], scripts: [] };

export function entityPluginCards(model: PortalModel, ref: string): EntityPluginCards {
  const cards = model.plugins?.cards[ref];
  if (!cards?.length) return NONE;
  return { cards, scripts: pluginScripts(model, cards) };
}

export interface EntityTabLink {
  title: string;
  /** Site path (no base). */
  path: string;
  current: boolean;
}

/**
 * The entity page's tab bar: Overview, then the plugins' tabs; none when no plugin adds a tab to this entity.
 * `current`: the shown tab as `<plugin>/<id>`, or undefined on the Overview.
 */
export function entityTabLinks(model: PortalModel, ref: string, current?: string): EntityTabLink[] {
  const tabs = model.plugins?.tabs?.[ref];
  if (!tabs?.length) return [];
  return [
    { title: 'Overview', path: entityPath(ref), current: current === undefined },
    ...tabs.map((t) => ({ title: t.title, path: entityTabPath(ref, t.plugin, t.id), current: current === `${t.plugin}/${t.id}` })),
  ];
}

/** Every plugin tab page to write: one per entity and tab. */
export function pluginTabPages(model: PortalModel): Array<{ ref: string; tab: PluginTab }> {
  return Object.entries(model.plugins?.tabs ?? {}).flatMap(([ref, tabs]) => tabs.map((tab) => ({ ref, tab })));
}

/** The scripts of the plugins whose cards are in `cards`. */
export function pluginScripts(model: PortalModel, cards: readonly PluginCard[]): string[] {
  return [...new Set(cards.map((c) => model.plugins?.scripts[c.plugin]).filter((s): s is string => !!s))];
}

/** The header's links to plugins' pages that ask for one, in the order of the configured plugins. */
export function pluginNavLinks(model: PortalModel): Array<{ id: string; label: string; path: string }> {
  return (model.plugins?.pages ?? []).flatMap((p) => (p.nav ? [{ id: `plugin:${p.plugin}`, label: p.nav, path: p.path }] : []));
}
