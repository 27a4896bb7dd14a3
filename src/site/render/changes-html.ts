// The catalog's history as HTML and Atom, from the rows of ../../views/changes.ts. The changes page and its
// script (rows loaded from changes.json) render the same list items here. Every value is escaped.

import { CHANGES_FEED, CHANGES_PATH, withBase } from '../../model/routes.ts';
import type { ChangeRow } from '../../views/changes.ts';
import { escapeAttribute, escapeHtml } from './html.ts';

const CHANGE_LABELS: Record<ChangeRow['change'], string> = { added: 'Added', removed: 'Removed', renamed: 'Renamed', changed: 'Changed' };

/** One `<li>` per change: date, kind, entity (linked while it has a page), what changed, commit. */
export function changeItemsHtml(rows: readonly ChangeRow[], base: string): string {
  let html = '';
  for (const r of rows) {
    const name = r.path ? `<a href="${escapeAttribute(withBase(r.path, base))}">${escapeHtml(r.name)}</a>` : `<span>${escapeHtml(r.name)}</span>`;
    const api = r.api.length ? `<ul class="change-api">${r.api.map((a) => `<li>${escapeHtml(a)}</li>`).join('')}</ul>` : '';
    const meta = [
      r.owner ? `owner ${escapeHtml(r.owner.replace(/^group:default\//, ''))}` : '',
      r.affectsOthers ? `affects ${r.affectsOthers} entit${r.affectsOthers === 1 ? 'y' : 'ies'} of other owners` : '',
      r.commit ? `commit <code>${escapeHtml(r.commit.slice(0, 7))}</code>` : '',
      r.author ? `by ${escapeHtml(r.author)}` : '',
    ].filter(Boolean);
    html +=
      `<li class="change${r.breaking ? ' breaking' : ''}" data-change="${r.change}">` +
      `<time datetime="${escapeAttribute(r.at)}">${escapeHtml(r.date)}</time> ` +
      `<span class="badge">${escapeHtml(r.kind)}</span> ${name} ` +
      `<span class="badge change-${r.change}">${CHANGE_LABELS[r.change]}</span>` +
      (r.breaking ? ' <span class="badge error">Breaking</span>' : '') +
      `<div class="change-what">${r.sentences.map(escapeHtml).join('; ')}</div>${api}` +
      (meta.length ? `<div class="muted change-meta">${meta.join(' · ')}</div>` : '') +
      '</li>';
  }
  return html;
}

export interface FeedOptions {
  title: string;
  /** The site's origin (`site.url`), for absolute links; without it links are relative to the feed (xml:base). */
  siteUrl?: string;
  base: string;
  /** The feed's `updated`: the newest change, else the build. */
  updated: string;
}

/** An Atom 1.0 feed (RFC 4287) of the newest changes, each entry linking to its entity's page. */
export function changesFeed(rows: readonly ChangeRow[], options: FeedOptions): string {
  const abs = (path: string) => (options.siteUrl ? new URL(withBase(path, options.base), options.siteUrl).href : withBase(path, options.base));
  // Tag URIs (RFC 4151) stay the same wherever the site moves; the authority is the site's host.
  const authority = options.siteUrl ? new URL(options.siteUrl).hostname : 'backlot';
  const tag = (specific: string) => `tag:${authority},2026:${options.base}${specific}`;
  const x = escapeHtml;
  const entries = rows.map((r, i) => {
    const title = `${r.kind} ${r.name}: ${r.sentences.join('; ')}`;
    const summary = [...r.sentences, ...r.api, ...(r.commit ? [`commit ${r.commit}`] : [])].join('\n');
    return [
      '  <entry>',
      `    <id>${x(tag(`changes/${r.at}/${i}/${r.ref}`))}</id>`,
      `    <title>${x(r.breaking ? `Breaking: ${title}` : title)}</title>`,
      `    <updated>${x(r.at)}</updated>`,
      `    <link rel="alternate" type="text/html" href="${x(abs(r.path ?? CHANGES_PATH))}"/>`,
      `    <category term="${x(r.change)}"/>`,
      `    <summary type="text">${x(summary)}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${options.siteUrl ? '' : ` xml:base="${x(withBase(CHANGES_FEED, options.base))}"`}>`,
    `  <id>${x(tag(CHANGES_PATH))}</id>`,
    `  <title>${x(`${options.title}: catalog changes`)}</title>`,
    `  <updated>${x(options.updated)}</updated>`,
    '  <author><name>Backlot</name></author>',
    `  <link rel="self" type="application/atom+xml" href="${x(abs(CHANGES_FEED))}"/>`,
    `  <link rel="alternate" type="text/html" href="${x(abs(CHANGES_PATH))}"/>`,
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
