// First-party plugin: ownership drift. Compares each entity's declared owner (`spec.owner`) with its repo's
// CODEOWNERS (the rule for its catalog file, so `*` when nothing closer) and, when the GitHub plugin runs before
// it, with who committed recently (its top contributors, mapped to groups through the catalog's Users). A
// mismatch is a warning at the entity's line saying what to change, a card and a tab on the Group pages involved,
// and a page of every team's drift (`plugins/ownership/`, in the header when `nav` is set, found by search).
// Built on the public plugin API only; linear in entities, users and repos.

import { definePlugin, type CardData, type PortalEntity } from '../index.ts';
import { CODEOWNERS_PATHS, findCodeowners, ownerRef, ruleFor } from '../github/codeowners.ts';
import type { GithubData } from '../github/index.ts';
import { repoSlug } from '../github/index.ts';

export interface OwnershipOptions {
  /** Kinds whose owner is checked. */
  kinds: string[];
  /** The GitHub plugin's name in `plugins:` (listed before this one), for the committers; '' not to use them. */
  githubPlugin: string;
  /** Share of the attributed recent commits another group must have made, when the owner made none. */
  minShare: number;
  /** A warning per drifting entity; false shows drift on the Group cards only (a build under --strict passes). */
  warnings: boolean;
  /** The header's link to the drift page, with this label; '' for none. */
  nav: string;
}

export interface Drift {
  ref: string;
  /** Canonical refs. */
  declared: string;
  observed: string;
  /** `codeowners`: `.github/CODEOWNERS:3 @acme/team-b`; `commits`: `80% of 40 commits (alice, bob)`. */
  via: 'codeowners' | 'commits';
  detail: string;
}

export interface OwnershipData {
  drifts: Drift[];
}

/** `group:default/team-a` → `team-a`; other kinds and namespaces keep what tells them apart. */
export function shortRef(ref: string): string {
  const m = /^([^:]+):([^/]+)\/(.+)$/.exec(ref);
  if (!m) return ref;
  const [, kind, ns, name] = m;
  return `${kind === 'group' ? '' : `${kind}:`}${ns === 'default' ? '' : `${ns}/`}${name}`;
}

export default definePlugin<OwnershipOptions, OwnershipData>({
  name: 'ownership',
  options: {
    type: 'object',
    additionalProperties: false,
    properties: {
      kinds: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['Component', 'API', 'Resource', 'System'] },
      githubPlugin: { type: 'string', default: 'github' },
      minShare: { type: 'number', exclusiveMinimum: 0, maximum: 1, default: 0.5 },
      warnings: { type: 'boolean', default: true },
      nav: { type: 'string', maxLength: 24, default: '' },
    },
  },
  files: [...CODEOWNERS_PATHS],
  data: {
    async load(ctx) {
      const github = ctx.options.githubPlugin ? await ctx.pluginData<GithubData>(ctx.options.githubPlugin) : undefined;
      const kinds = new Set(ctx.options.kinds.map((k) => k.toLowerCase()));
      // Each user's groups, from the catalog's memberOf relations: one pass over the entities.
      const groupsOf = new Map<string, Set<string>>();
      for (const e of ctx.entities) {
        if (e.entity.kind.toLowerCase() !== 'user') continue;
        groupsOf.set(e.ref, new Set((e.entity.relations ?? []).filter((r) => r.type === 'memberOf').map((r) => r.targetRef)));
      }
      const repoByName = new Map(ctx.repos.map((r) => [r.name, r]));
      const codeowners = new Map<string, ReturnType<typeof findCodeowners>>();
      const drifts: Drift[] = [];
      const warn: typeof ctx.warn = (...args) => ctx.options.warnings !== false && ctx.warn(...args);
      for (const item of ctx.entities) {
        if (!kinds.has(item.entity.kind.toLowerCase())) continue;
        const declared = (item.entity.relations ?? []).find((r) => r.type === 'ownedBy')?.targetRef;
        if (!declared) continue;
        const owns = (ref: string) => ref === declared || !!groupsOf.get(ref)?.has(declared);
        const repo = item.source.repo;
        if (!codeowners.has(repo)) codeowners.set(repo, findCodeowners((path) => ctx.file(repo, path)));
        const file = codeowners.get(repo);
        const rule = file ? ruleFor(file, item.source.file) : undefined;
        const owners = (rule?.owners ?? []).flatMap((o) => ownerRef(o) ?? []);
        if (rule && file && owners.length > 0 && !owners.some(owns)) {
          const drift: Drift = { ref: item.ref, declared, observed: owners[0]!, via: 'codeowners', detail: `${file.path}:${rule.line} ${rule.owners.join(' ')}` };
          drifts.push(drift);
          warn(
            `ownership drift: ${item.ref} declares owner ${shortRef(declared)}, but ${file.path} (line ${rule.line}) gives ${item.source.file} to ${rule.owners.join(' ')}`,
            item.ref,
            `set spec.owner to ${shortRef(drift.observed)}, or give ${item.source.file} to ${codeownersName(declared, rule.owners[0]!)} in ${file.path}`,
          );
          continue;
        }
        const gh = github?.[repoSlug(item.entity.metadata.annotations, repoByName.get(repo))];
        const drift = gh ? committerDrift(item, declared, gh, groupsOf, ctx.options.minShare) : undefined;
        if (drift) {
          drifts.push(drift);
          warn(
            `ownership drift: ${item.ref} declares owner ${shortRef(declared)}, who made none of its repo's last ${gh!.commits} commits; ${drift.detail} are by ${shortRef(drift.observed)}`,
            item.ref,
            `set spec.owner to ${shortRef(drift.observed)} if it owns ${item.entity.metadata.name} now, or check that ${shortRef(declared)}'s members are in the catalog (spec.members, memberOf)`,
          );
        }
      }
      return { drifts };
    },
  },
  view: {
    kinds: ['Group'],
    cards(item, { data }) {
      return driftCard(item.ref, byTeam(data).get(item.ref) ?? []);
    },
    // The same list on a tab of its own, linkable from a review or an issue.
    tabs(item, { data }) {
      const card = driftCard(item.ref, byTeam(data).get(item.ref) ?? []);
      return card && { id: 'drift', title: 'Ownership drift', cards: [{ ...card, id: 'drift-tab', title: 'Entities whose owner does not match' }] };
    },
    // Every team's drift on one page.
    pages({ data, options }) {
      const teams = [...byTeam(data)].sort((a, b) => a[0].localeCompare(b[0]));
      const drifts = data?.drifts.length ?? 0;
      return [
        {
          path: '',
          title: 'Ownership drift',
          text: drifts ? `${drifts} entit${drifts === 1 ? 'y' : 'ies'} whose declared owner (spec.owner) does not match CODEOWNERS or who committed recently, by team.` : 'Every checked entity’s declared owner matches CODEOWNERS and recent commits.',
          cards: teams.flatMap(([team, list]) => driftCard(team, list, true) ?? []),
          ...(options.nav ? { nav: options.nav } : {}),
        },
      ];
    },
    search({ data }) {
      const drifts = data?.drifts ?? [];
      return [{ path: 'plugins/ownership/', title: 'Ownership drift', kind: 'Report', content: `Ownership drift: declared owners that do not match CODEOWNERS or recent commits. ${drifts.map((d) => `${shortRef(d.ref)} ${shortRef(d.declared)} ${shortRef(d.observed)}`).join(' ')}` }];
    },
  },
});

const teamsOf = new WeakMap<OwnershipData, Map<string, Drift[]>>();

/** Drifts by group involved (declared or observed), computed once per build's data: linear in drifts. */
function byTeam(data: OwnershipData | undefined): Map<string, Drift[]> {
  if (!data) return new Map();
  let teams = teamsOf.get(data);
  if (!teams) {
    teams = new Map();
    for (const d of data.drifts) {
      for (const team of new Set([d.declared, d.observed])) {
        const list = teams.get(team) ?? [];
        list.push(d);
        teams.set(team, list);
      }
    }
    teamsOf.set(data, teams);
  }
  return teams;
}

/** A team's drifting entities; `titled`: the card is titled by the team and links to its page (the drift page). */
function driftCard(team: string, mine: readonly Drift[], titled = false): CardData | undefined {
  if (mine.length === 0) return undefined;
  const say = (d: Drift) => (d.via === 'codeowners' ? 'CODEOWNERS' : 'commits');
  return {
    id: titled ? `team-${shortRef(team).replace(/[^a-z0-9_-]+/gi, '-')}` : 'drift',
    title: titled ? shortRef(team) : 'Ownership drift',
    text: `${mine.length} entit${mine.length === 1 ? 'y' : 'ies'} whose declared owner does not match CODEOWNERS or recent commits.`,
    rows: [
      ...(titled ? [{ label: 'Team', value: shortRef(team), entity: team }] : []),
      ...mine.map((d) => ({
        label: shortRef(d.ref),
        entity: d.ref,
        value: d.declared === team ? `declared here; ${say(d)} say ${shortRef(d.observed)} (${d.detail})` : `declared ${shortRef(d.declared)}; ${say(d)} say this team (${d.detail})`,
      })),
    ],
  };
}

/** `@org/team` for a group ref, in the org the CODEOWNERS file already names. */
function codeownersName(ref: string, example: string): string {
  const org = /^@([^/]+)\//.exec(example)?.[1];
  const name = ref.replace(/^[^/]+\//, '');
  return ref.startsWith('group:') && org ? `@${org}/${name}` : ref.startsWith('user:') ? `@${name}` : shortRef(ref);
}

/** The group that made most of the recent commits, when the declared owner made none of them. */
function committerDrift(item: PortalEntity, declared: string, gh: GithubData[string], groupsOf: ReadonlyMap<string, ReadonlySet<string>>, minShare: number): Drift | undefined {
  const byGroup = new Map<string, { commits: number; people: string[] }>();
  let attributed = 0;
  for (const c of gh.contributors) {
    if (!c.login) continue;
    const user = `user:default/${c.login.toLowerCase()}`;
    const groups = groupsOf.get(user);
    if (!groups) continue;
    attributed += c.commits;
    if (user === declared) return undefined;
    for (const g of groups) {
      if (g === declared) return undefined;
      const entry = byGroup.get(g) ?? { commits: 0, people: [] };
      entry.commits += c.commits;
      entry.people.push(c.login);
      byGroup.set(g, entry);
    }
  }
  const [top] = [...byGroup].sort((a, b) => b[1].commits - a[1].commits || a[0].localeCompare(b[0]));
  if (!top || attributed === 0 || top[1].commits / attributed < minShare) return undefined;
  const share = Math.round((top[1].commits / Math.max(gh.commits, 1)) * 100);
  return { ref: item.ref, declared, observed: top[0], via: 'commits', detail: `${share}% of the last ${gh.commits} commits (${top[1].people.join(', ')})` };
}
