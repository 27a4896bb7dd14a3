// Plugins' cards as HTML strings: one generic card for every plugin, from the plain data the build made. Text is
// escaped, only http(s) links are links, and `html` was sanitised by the build (src/plugins/sanitize.ts).

import type { PluginCard } from '../../model/plugins.ts';
import { escapeAttribute, escapeHtml } from './html.ts';

const isHttp = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

/** `entityHref`: a row's `entity` ref → the URL of its page (rows with an entity are links only when given). */
/** The card's heading id. */
export function pluginCardId(card: PluginCard): string {
  return `plugin-${card.plugin}-${card.id}`.toLowerCase().replace(/[^a-z0-9_-]+/g, '-');
}

export function pluginCardHtml(card: PluginCard, entityHref?: (ref: string) => string): string {
  const parts: string[] = [];
  if (card.text) parts.push(`<p>${escapeHtml(card.text)}</p>`);
  if (card.rows?.length) {
    const rows = card.rows.map((r) => {
      const text = r.code ? `<code>${escapeHtml(r.value)}</code>` : escapeHtml(r.value);
      const link = isHttp(r.href) ? r.href : r.entity && entityHref ? entityHref(r.entity) : undefined;
      const value = link ? `<a href="${escapeAttribute(link)}">${text}</a>` : text;
      return `<dt>${escapeHtml(r.label)}</dt><dd>${value}</dd>`;
    });
    parts.push(`<dl class="fields">${rows.join('')}</dl>`);
  }
  const links = (card.links ?? []).filter((l) => isHttp(l.href));
  if (links.length) parts.push(`<ul class="plain links">${links.map((l) => `<li><a href="${escapeAttribute(l.href)}">${escapeHtml(l.title)}</a></li>`).join('')}</ul>`);
  if (card.html) parts.push(`<div class="plugin-html">${card.html}</div>`);
  return pluginCardFrame(card, parts.join(''));
}

/** The card's frame and title around a body (the plain data's, or a plugin component's HTML as `component`). */
export function pluginCardFrame(card: PluginCard, body: string, component?: string): string {
  const id = pluginCardId(card);
  // The build keeps only data-* names of lower-case letters, digits and "-" (src/plugins/run.ts).
  const dataset = Object.entries(card.dataset ?? {}).map(([k, v]) => ` data-${k}="${escapeAttribute(v)}"`).join('');
  const drawn = component ? ` data-component="${escapeAttribute(component)}"` : '';
  return `<section class="card plugin-card" aria-labelledby="${id}" data-plugin-card="${escapeAttribute(`${card.plugin}/${card.id}`)}" data-plugin="${escapeAttribute(card.plugin)}"${drawn}${dataset}><h2 id="${id}">${escapeHtml(card.title)}</h2>${body}</section>`;
}
