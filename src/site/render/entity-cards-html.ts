// The entity page's cards as HTML strings (profile, members, ownership, API definition, links, relations
// by type): each was an Astro component, and a component instance per card cost more than its markup. The markup
// is what the components rendered, less the spaces between blocks that show nothing.
// Everything shown comes from crawled repos: text goes through escapeHtml, attributes through attribute().

import type { ApiDefinition } from '../../model/apis.ts';
import type { EntityLink } from '../../model/entity.ts';
import type { PortalEntity } from '../../model/portal.ts';
import { definitionCounts, formatLabel } from '../../views/apis/view.ts';
import type { MemberCard, OwnershipCard, ProfileCard } from '../../views/org.ts';
import { sortTargets, type RelationGroup } from '../../views/relations.ts';
import { targetItemsHtml } from './entity-html.ts';
import { EM_DASH, escapeAttribute, escapeHtml as text } from './html.ts';

/** An attribute as Astro writes `name={value}`: left out when null or undefined, bare when empty. */
export function attribute(name: string, value: string | number | undefined): string {
  if (value === undefined) return '';
  const s = String(value);
  return s === '' ? ` ${name}` : ` ${name}="${escapeAttribute(s)}"`;
}

/** A Group's or User's profile (Backstage's GroupProfileCard / UserProfileCard): picture (https only), name, email, where it sits. */
export function profileCardHtml(profile: ProfileCard, base: string): string {
  // The initials sit under the picture: a picture that does not load is hidden and leaves them.
  const picture = profile.picture ? `<img${attribute('src', profile.picture)} alt="" width="64" height="64" loading="lazy" referrerpolicy="no-referrer" data-avatar>` : '';
  let out =
    `<section class="card profile-card" aria-labelledby="profile" data-card="profile"><h2 id="profile">Profile</h2><div class="profile-head">` +
    `<span class="avatar" aria-hidden="true"><span class="initials">${text(profile.initials)}</span>${picture}</span>` +
    `<div><p class="profile-name">${text(profile.name)}</p>${profile.email ? `<p><a${attribute('href', `mailto:${profile.email}`)}>${text(profile.email)}</a></p>` : ''}` +
    `${profile.type ? `<p class="meta">${text(profile.type)}</p>` : ''}</div></div><dl class="fields">`;
  for (const row of profile.rows) {
    const refs = row.items.length === 0 ? '<span class="muted">None</span>' : `<ul class="plain">${targetItemsHtml(row.items, base)}</ul>`;
    out += `<dt>${text(row.label)}</dt><dd data-profile="${row.id}">${refs}</dd>`;
  }
  out += '</dl></section>';
  // An external picture may be gone or blocked: drop it, the initials show instead. Only with a picture: as a
  // bundled script it was inlined into every group and user page (~130 bytes; 42 % of a large org's pages).
  if (profile.picture) out += AVATAR_SCRIPT;
  return out;
}

const AVATAR_SCRIPT = `<script type="module">
    for (const img of document.querySelectorAll('img[data-avatar]')) {
      const drop = () => (img.hidden = true);
      if (img.complete && img.naturalWidth === 0) drop();
      else img.addEventListener('error', drop);
    }
  </script>`;

/** Members of a group: direct ones, and in a disclosure all of them through child groups (no JavaScript needed). */
export function memberListHtml(members: MemberCard, allHref: string, base: string): string {
  const { directCount, aggregatedCount } = members;
  const throughChildren = aggregatedCount - directCount;
  let out = `<section class="card" aria-labelledby="members" data-card="members"><h2 id="members">Members <span class="count">${directCount}</span></h2>`;
  out += directCount === 0 ? '<p class="muted">No direct members.</p>' : `<ul class="plain" data-members="direct">${targetItemsHtml(members.direct, base)}</ul>`;
  if (directCount > members.direct.length) out += `<p class="more">and ${directCount - members.direct.length} more ${EM_DASH} <a${attribute('href', allHref)}>see all members</a></p>`;
  if (throughChildren > 0) {
    out += `<details class="aggregate"><summary>All ${aggregatedCount} members, including ${throughChildren} through child groups</summary><ul class="plain" data-members="aggregated">${targetItemsHtml(members.aggregated, base)}</ul>`;
    out += `${aggregatedCount > members.aggregated.length ? `<p class="more">and ${aggregatedCount - members.aggregated.length} more ${EM_DASH} <a${attribute('href', `${allHref}#child-groups`)}>see them by child group</a></p>` : ''}</details>`;
  }
  return `${out}</section>`;
}

function typesHtml(types: Array<{ type: string; count: number }>): string {
  return types.length > 0 ? `<span class="meta types">${text(types.map((t) => `${t.type} ${t.count}`).join(' · '))}</span>` : '';
}

/**
 * A group's ownership (counts by kind and type, direct and with child groups) and what it owns directly, as
 * Backstage's OwnershipCard. `allHref`: the page with the full list, when the list is cut.
 */
export function ownershipCardsHtml(card: OwnershipCard, catalogHref: string, allHref: string | undefined, base: string): string {
  const { kinds, shown, directCount } = card;
  const more = directCount - shown.length;
  let out = '<section class="card" aria-labelledby="ownership" data-card="ownership"><h2 id="ownership">Ownership</h2>';
  if (kinds.length === 0) out += '<p class="muted">Owns nothing in the catalog.</p>';
  else {
    out += '<div class="table-wrap flush"><table class="counts"><thead><tr><th scope="col">Kind</th><th scope="col">Direct</th><th scope="col">With child groups</th></tr></thead><tbody>';
    for (const k of kinds) {
      const kind = k.kind.toLowerCase();
      out += `<tr${attribute('data-kind', kind)}><th scope="row">${text(k.kind)}${typesHtml(k.types)}</th><td data-count="direct">${k.direct}</td><td data-count="aggregated">${k.count}</td></tr>`;
    }
    out += '</tbody></table></div>';
  }
  out += `</section><section class="card" aria-labelledby="owned" data-card="owned"><h2 id="owned">Owned entities <span class="count">${directCount}</span></h2>`;
  out += directCount === 0 ? '<p class="muted">None.</p>' : `<ul class="plain">${targetItemsHtml(shown, base, true)}</ul>`;
  if (more > 0) out += `<p class="more">and ${more} more ${EM_DASH} <a${attribute('href', catalogHref)}>see the catalog filtered by owner</a>${allHref ? ` or <a${attribute('href', allHref)}>the full list</a>` : ''}</p>`;
  if (more === 0 && directCount > 0) out += `<p class="more"><a${attribute('href', catalogHref)}>Open in the catalog</a></p>`;
  return `${out}</section>`;
}

/**
 * A user's Ownership card as Backstage's user page has it: counts by kind and type of what the user and their
 * groups own, and the catalog filtered by those owners. No list of them: every member of a team repeated the
 * team's list (a table and five entries were 1.8 KB of a 5.9 KB user page at 10,000 entities).
 */
export function userOwnershipHtml(card: OwnershipCard, catalogHref: string): string {
  const { kinds } = card;
  let out = `<section class="card" aria-labelledby="ownership" data-card="ownership"><h2 id="ownership">Ownership <span class="count">${card.aggregatedCount}</span></h2>`;
  if (kinds.length === 0) return `${out}<p class="muted">Owns nothing in the catalog, nor do their groups.</p></section>`;
  out += '<ul class="plain counts">';
  for (const k of kinds) {
    const kind = k.kind.toLowerCase();
    out += `<li${attribute('data-kind', kind)}>${text(k.kind)} <b data-count="aggregated">${k.count}</b>${k.direct ? ` (${k.direct} directly)` : ''}${typesHtml(k.types)}</li>`;
  }
  return `${out}</ul><p class="more">${card.directCount === 0 ? 'All through their groups. ' : ''}<a${attribute('href', catalogHref)}>Open in the catalog</a></p></section>`;
}

/** The API entity page's definition card: what the definition holds, a link to it rendered, and the raw file. */
export function apiSummaryHtml(definition: ApiDefinition, pageHref: string, rawHref: string): string {
  let out = '<section class="card api-card" aria-labelledby="definition" data-card="definition"><h2 id="definition">Definition</h2>';
  if (definition.format === 'broken') {
    const { message, line, column } = definition.error;
    const where = line ? ` (line ${line}${column ? `, column ${column}` : ''})` : '';
    out += `<div class="callout error" role="note" data-definition-error><p><strong>The definition cannot be read.</strong> ${text(message)}${text(where)}</p></div>`;
  } else {
    const counts = definitionCounts(definition);
    out += `<p><strong>${text(formatLabel(definition))}</strong>${counts.length > 0 ? ` <span class="meta">· ${text(counts.join(' · '))}</span>` : ''}</p>`;
  }
  out += `<ul class="actions"><li><a${attribute('href', pageHref)} data-action="definition">${definition.format === 'broken' ? 'Show the raw definition' : 'Open the definition'}</a></li>`;
  return `${out}<li><a${attribute('href', rawHref)}${attribute('download', definition.fileName)} data-action="download">Download ${text(definition.fileName)}</a></li></ul></section>`;
}

// The links' icons; their 16×16 stroke shapes are a CSS mask in entity.css (`.links li::before`), not an inline
// <svg> per link (~150 bytes each). Unknown icons get the plain link.
const ICONS = new Set(['docs', 'dashboard', 'chat', 'code', 'alert', 'email']);
const ALIASES: Record<string, string> = {
  documentation: 'docs', doc: 'docs', help: 'docs', runbook: 'docs', book: 'docs',
  metrics: 'dashboard', monitoring: 'dashboard', grafana: 'dashboard', dashboards: 'dashboard',
  slack: 'chat', chat: 'chat', discord: 'chat', group: 'chat',
  github: 'code', gitlab: 'code', repository: 'code', source: 'code', code: 'code',
  alert: 'alert', alerts: 'alert', incident: 'alert', pagerduty: 'alert', 'on-call': 'alert',
  email: 'email', mail: 'email',
};

function linkIcon(link: EntityLink): string | undefined {
  for (const key of [link.icon, link.type]) {
    const k = key?.toLowerCase();
    if (!k) continue;
    if (ICONS.has(k)) return k;
    const alias = ALIASES[k];
    if (alias) return alias;
  }
  return undefined;
}

/** `metadata.links` (http(s) only: the view filtered them) grouped by `type`, each with its icon. */
export function linksCardHtml(links: readonly EntityLink[]): string {
  const groups = new Map<string, EntityLink[]>();
  for (const link of links) {
    const type = link.type?.trim() || 'Other';
    groups.set(type, [...(groups.get(type) ?? []), link]);
  }
  const sorted = [...groups].sort(([a], [b]) => (a === 'Other' ? 1 : b === 'Other' ? -1 : a.localeCompare(b)));
  let out = '<section class="card" aria-labelledby="links" data-card="links"><h2 id="links">Links</h2>';
  for (const [type, items] of sorted) {
    const heading = sorted.length > 1 ? `<h3>${text(type.charAt(0).toUpperCase() + type.slice(1))}</h3>` : '';
    const list = items.map((l) => `<li${attribute('data-icon', linkIcon(l))}><a${attribute('href', l.url)}>${text(l.title || l.url)}</a></li>`).join('');
    out += `<div class="link-group">${heading}<ul class="plain links">${list}</ul></div>`;
  }
  return `${out}</section>`;
}

/** Relations grouped by type (those no card shows); each target links to its page or is marked as not in the catalog. */
export function relationGroupsHtml(groups: readonly RelationGroup[], limit: number, allHref: string | undefined, base: string): string {
  if (groups.length === 0) return '<p class="muted">No relations.</p>';
  let out = '<ul class="relations">';
  for (const g of groups) {
    const targets = sortTargets(g.targets);
    const more = targets.length - Math.min(targets.length, limit);
    const rest = more > 0 && allHref ? `<p class="more">and ${more} more ${EM_DASH} <a${attribute('href', allHref)}>see all ${targets.length}</a></p>` : '';
    out +=
      `<li${attribute('data-relation', g.type)}><h3>${text(g.label)} <span class="count">${targets.length}</span></h3>` +
      `<ul class="plain">${targetItemsHtml(targets.slice(0, limit), base, true)}</ul>${rest}</li>`;
  }
  return `${out}</ul>`;
}
