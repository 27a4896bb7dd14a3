// What search knows about each entity, straight from the model (Backstage's catalog collator fields:
// title, text = description plus a User's or Group's display name and email, kind, type, lifecycle,
// owner, namespace, tags). Indexing these records needs no HTML parsing, which at 10,000 entity pages
// is most of Pagefind's time.

import type { PortalEntity, PortalModel } from '../model/portal.ts';
import { DEFAULT_NAMESPACE } from '../model/entity.ts';
import { entityPath } from '../model/routes.ts';
import { entityProfile, entityTitle, ownerRef, specString } from './entities.ts';
import { plainText } from './plain-text.ts';

export interface SearchRecord {
  /** Site URL from the root, e.g. `/catalog/default/component/payments/` (the browser adds the base path). */
  url: string;
  content: string;
  meta: { title: string; kind: string };
  filters: Record<string, string[]>;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

const description = (value: unknown, markdown: MarkdownText): string => plainText(str(value)) ?? markdown(str(value));

/** What entityRecords passes when no description may be Markdown: never called. */
const noMarkdown: MarkdownText = (source) => {
  throw new Error(`a description with Markdown syntax read without the Markdown parser: ${source.slice(0, 40)}`);
};

/** A description with Markdown syntax as plain text (./markdown.ts markdownText). */
export type MarkdownText = (source: string) => string;

/**
 * `extra`: more words the entity is found by (plugins' cards' `search`). `markdown` reads a description that may be
 * Markdown (plain ones need no parser: ./plain-text.ts).
 */
export function entityRecord({ ref, entity }: PortalEntity, extra: readonly string[], markdown: MarkdownText): SearchRecord {
  const { metadata } = entity;
  const title = entityTitle(entity).trim();
  const profile = entityProfile(entity);
  // The owner as the graph resolved it; an owner that is not a valid ref is still searchable as written.
  const owner = ownerRef(entity) ?? specString(entity, 'owner');
  const type = specString(entity, 'type');
  const lifecycle = specString(entity, 'lifecycle');
  const tags = (metadata.tags ?? []).filter((t): t is string => typeof t === 'string' && t !== '');
  // The title is a display name when there is one: each part once.
  const parts = [...new Set([title, metadata.name, description(metadata.description, markdown), str(profile.displayName), str(profile.email), ...extra])];
  const filters: Record<string, string[]> = { kind: [entity.kind], namespace: [metadata.namespace ?? DEFAULT_NAMESPACE] };
  if (type?.trim()) filters.type = [type.trim()];
  if (lifecycle?.trim()) filters.lifecycle = [lifecycle.trim()];
  if (owner?.trim()) filters.owner = [owner.trim()];
  if (tags.length) filters.tag = tags;
  return {
    url: `/${entityPath(ref)}`,
    content: parts.filter(Boolean).map((p) => (/[.!?]$/.test(p) ? p : `${p}.`)).join(' '),
    meta: { title, kind: entity.kind },
    filters,
  };
}

/** Every entity's record, and plugins' own. The Markdown parser is loaded only when some description may be Markdown. */
export async function entityRecords(model: PortalModel): Promise<SearchRecord[]> {
  const markdown = model.entities.some((e) => plainText(str(e.entity.metadata.description)) === undefined) ? (await import('./markdown.ts')).markdownText : noMarkdown;
  const cards = model.plugins?.cards;
  const records = model.entities.map((item) => entityRecord(item, cards?.[item.ref]?.flatMap((c) => (c.search ? [c.search] : [])) ?? [], markdown));
  // Plugins' own records (a team page, a dashboard), filtered by the kind they name.
  for (const r of model.plugins?.search ?? []) {
    records.push({ url: `/${r.path}`, content: /[.!?]$/.test(r.content) ? r.content : `${r.content}.`, meta: { title: r.title, kind: r.kind }, filters: { kind: [r.kind] } });
  }
  return records;
}
