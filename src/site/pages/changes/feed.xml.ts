// The catalog's history as an Atom feed: the newest changes, each linking to its entity's page.
import { pageData } from '../../handover.ts';
import { FEED_ENTRIES, changesView } from '../../../views/changes.ts';
import { changesFeed } from '../../render/changes-html.ts';
import { siteBase } from '../../render/href.ts';

export function GET(): Response {
  const { model } = pageData();
  const rows = changesView(model).rows.slice(0, FEED_ENTRIES);
  const xml = changesFeed(rows, {
    title: model.site.title,
    ...(model.site.url ? { siteUrl: model.site.url } : {}),
    base: siteBase,
    updated: rows[0]?.at ?? model.generatedAt,
  });
  return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}
