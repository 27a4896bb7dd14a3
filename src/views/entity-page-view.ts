// Everything an entity's page shows, as one plain value: the page (src/site/pages/catalog/[namespace]/[kind]/[name].astro)
// renders it, and a rebuild's page key (src/site/build/page-keys.ts) hashes it, so the two cannot drift apart.
// Split in two: what the page shows of the entity itself (entityOwnView: no walk over other entities, cheap
// enough to compute for every entity a page lists), and the lists and graph of its neighbours.

import type { ApiDefinition } from '../model/apis.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { ANNOTATION_EDIT_URL, ANNOTATION_VIEW_URL, type EntityLink } from '../model/entity.ts';
import type { PortalEntity } from '../model/portal.ts';
import type { RepoInfo } from '../model/repo.ts';
import { changesView, type ChangeRow } from './changes.ts';
import { diagnosticItems, type DiagnosticItem } from './diagnostics.ts';
import { entityTitle } from './entities.ts';
import {
  annotationsShown,
  CARD_LIMIT,
  docsLink,
  drawsGraph,
  entityGraphMode,
  entityLists,
  hasExplorer,
  MEMBER_LIMIT,
  ownedListOwners,
  takeEntityLists,
  type AnnotationsShown,
  type DocsLink,
  type EntityLists,
} from './entity-page.ts';
import { entityGraph, type EntityGraph } from './graph.ts';
import { entityPluginCards, entityTabLinks, type EntityPluginCards, type EntityTabLink } from './plugins.ts';
import { markdownHtml, markdownText } from './markdown.ts';
import { findRepo } from './repos.ts';
import type { SiteData } from './site-data.ts';
import { httpUrl } from '../util/httpUrl.ts';
import { apiPaths } from './apis/view.ts';
import { allKindsQuery } from './catalog/query.ts';
import type { RelationCard } from './relations.ts';
import { createPath, entityPath } from '../model/routes.ts';
import { memberCard, ownershipCard, profileCard, type MemberCard, type OwnershipCard, type ProfileCard } from './org.ts';

/** What an entity's pages show of the entity itself. */
export interface EntityOwnView {
  item: PortalEntity;
  /** Lower-case kind. */
  kind: string;
  title: string;
  problems: Diagnostic[];
  /** The history's rows about the entity, newest first. */
  changes: ChangeRow[];
  repo: RepoInfo | undefined;
  docs: DocsLink;
  /** An API's definition, summarised. */
  api: ApiDefinition | undefined;
  plugins: EntityPluginCards;
  /** The tab bar: none without a plugin tab. */
  tabs: EntityTabLink[];
  annotations: AnnotationsShown;
  /** The view and edit annotations and `metadata.links`, http(s) only. */
  viewUrl: string | undefined;
  editUrl: string | undefined;
  links: EntityLink[];
}

/** What an entity's page shows: its own view, and the lists and graph of the entities around it. */
export interface EntityPageView {
  own: EntityOwnView;
  lists: EntityLists;
  graph: EntityGraph;
  /** Where the graph is drawn: laid out at build time, in the browser, or not at all (nothing worth drawing). */
  graphMode: 'static' | 'browser' | undefined;
  /** The owners whose entities the owned list's "in the catalog" link filters by. */
  owners: string[];
  /** The relation cards with entries, and those said in one line as empty ("Provides no APIs."). */
  fullCards: RelationCard[];
  emptyCards: RelationCard[];
  /** What has nothing to show, said in one line: "No problems.", "No changes recorded." */
  quiet: string[];
  /** The graph's label, for readers and the browser's drawing. */
  graphLabel: string;
  /** The problems as the list shows them (cut per file and code, linked into their repo). */
  problemList: DiagnosticItem[];
  /** A Group's or User's profile card, and a group's members card. */
  profile?: ProfileCard;
  members?: MemberCard;
  /** A group's or user's Ownership card (a group's lists the first CARD_LIMIT it owns directly). */
  ownership?: OwnershipCard;
  /** The description (crawled Markdown) as sanitised HTML, and as plain text for the page's meta description. */
  description?: { html: string; text: string };
  paths: EntityPagePaths;
}

/** Site paths (no base) the entity page links to. */
export interface EntityPagePaths {
  page: string;
  /** The full lists (the page exists only when `lists.fullLists`). */
  relations: string;
  /** A System's or Domain's graph explorer. */
  explorer?: string;
  /** A Template's Create page. */
  create?: string;
  /** An API's definition, rendered and raw. */
  definition?: { page: string; raw: string };
  /** The catalog filtered by `owners`, for a group's or user's ownership card. */
  ownerCatalog?: string;
}

/** What the own view is derived from: the entity and what the model holds about it. The rest of the view is a function of these. */
export type EntityOwnInputs = Pick<EntityOwnView, 'item' | 'problems' | 'changes' | 'repo' | 'docs' | 'api' | 'plugins' | 'tabs'>;

export function entityOwnInputs(item: PortalEntity, data: SiteData): EntityOwnInputs {
  const { model, byEntity } = data;
  return {
    item,
    problems: byEntity.get(item.ref) ?? [],
    changes: changesView(model).byRef.get(item.ref) ?? [],
    repo: findRepo(model.repos, item.source.repo),
    docs: docsLink(model, item),
    api: item.entity.kind.toLowerCase() === 'api' ? model.apis[item.ref] : undefined,
    plugins: entityPluginCards(model, item.ref),
    tabs: entityTabLinks(model, item.ref),
  };
}

/** The own view: its inputs (entityOwnInputs, which a rebuild's key hashes) and values derived from them alone. */
export function entityOwnView(item: PortalEntity, data: SiteData): EntityOwnView {
  const inputs = entityOwnInputs(item, data);
  const { entity } = inputs.item;
  const annotations = entity.metadata.annotations ?? {};
  return {
    ...inputs,
    kind: entity.kind.toLowerCase(),
    title: entityTitle(entity),
    annotations: annotationsShown(entity, inputs.repo?.url),
    viewUrl: httpUrl(annotations[ANNOTATION_VIEW_URL]),
    editUrl: httpUrl(annotations[ANNOTATION_EDIT_URL]),
    links: (entity.metadata.links ?? []).filter((l) => httpUrl(l.url)),
  };
}

/**
 * The entity page's view. `take`: for the page that renders it, which takes the lists out of the cache the paths
 * and keys fill (./entity-page.ts entityLists).
 */
export function entityPageView(item: PortalEntity, data: SiteData, options: { take?: boolean } = {}): EntityPageView {
  const own = entityOwnView(item, data);
  const { model, index } = data;
  const graph = entityGraph(item.ref, index);
  const drawn = drawsGraph(own.kind, graph);
  const lists = options.take ? takeEntityLists(item, index) : entityLists(item, index);
  const owners = ownedListOwners(item);
  const page = entityPath(item.ref);
  const { description } = item.entity.metadata;
  return {
    own,
    lists,
    graph,
    // Past BROWSER_GRAPH_FROM entities (or as configured) the browser draws it from the graph data: no SVG in the page.
    graphMode: drawn ? entityGraphMode(model.site.entityGraph, model.entities.length) : undefined,
    owners,
    fullCards: lists.cards.filter((c) => c.targets.length > 0),
    emptyCards: lists.cards.filter((c) => c.targets.length === 0),
    quiet: [...(own.problems.length === 0 ? ['No problems.'] : []), ...(own.changes.length === 0 ? ['No changes recorded.'] : [])],
    graphLabel: `${own.title} and its related entities`,
    problemList: own.problems.length > 0 ? diagnosticItems(own.problems, model.repos) : [],
    ...(own.kind === 'group' || own.kind === 'user' ? { profile: profileCard(item, index) } : {}),
    ...(lists.members ? { members: memberCard(lists.members.direct, lists.members.aggregated, index, MEMBER_LIMIT) } : {}),
    ...(lists.owned ? { ownership: ownershipCard(lists.owned.direct, lists.owned.aggregated, own.kind === 'user' ? 0 : CARD_LIMIT) } : {}),
    ...(description ? { description: { html: markdownHtml(description), text: markdownText(description) } } : {}),
    paths: {
      page,
      relations: `${page}relations/`,
      ...(hasExplorer(own.kind) ? { explorer: `${page}graph/` } : {}),
      ...(own.kind === 'template' ? { create: createPath(item.ref) } : {}),
      ...(own.api ? { definition: apiPaths(page, own.api) } : {}),
      // Only where an ownership card links to it: a URLSearchParams for every page cost ~20 µs each.
      ...(lists.owned ? { ownerCatalog: `catalog/${allKindsQuery({ owner: owners.join(',') })}` } : {}),
    },
  };
}
