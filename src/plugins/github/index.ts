// First-party plugin: what GitHub knows about an entity's repo — latest release and tag, open pull requests and
// issues, the default branch's checks and workflow runs, languages, top contributors and CODEOWNERS — as cards
// on the entity page, a "GitHub" tab with all of it, catalog columns (CI, last release) and a CI facet. Built on the public plugin API only: its fields ride in the crawl's own listing queries
// (`graphql`, no request of its own), CODEOWNERS in the crawl's batched file reads (`files`). A repo of a local
// source has no GitHub answer; with `localData` the same answer is read from a file in the repo (the demo org).

import { definePlugin, type CardData, type RepoInfo, type TabData } from '../index.ts';
import { CODEOWNERS_PATHS, findCodeowners, ruleFor } from './codeowners.ts';
import { repoData, repoSelection, type GithubRepoData } from './data.ts';

export type { GithubRepoData };

export interface GithubOptions {
  /** Entity kinds that show the cards. */
  kinds: string[];
  /** Commits of the default branch read for the top contributors (one page: at most 100). */
  commits: number;
  /** Contributors shown. */
  contributors: number;
  /** For repos not crawled from GitHub: a file in the repo holding GitHub's answer (e.g. `.github/backlot-data.json`). */
  localData?: string;
}

/** Per repo, by lower-case `owner/name`. */
export type GithubData = Record<string, GithubRepoData>;

const STATE: Record<string, string> = { SUCCESS: 'passing', FAILURE: 'failing', ERROR: 'failing', PENDING: 'pending', EXPECTED: 'pending' };

export default definePlugin<GithubOptions, GithubData>({
  name: 'github',
  options: {
    type: 'object',
    additionalProperties: false,
    properties: {
      kinds: { type: 'array', items: { type: 'string', minLength: 1 }, default: ['Component', 'API', 'Resource', 'System'] },
      commits: { type: 'integer', minimum: 1, maximum: 100, default: 50 },
      contributors: { type: 'integer', minimum: 1, maximum: 20, default: 5 },
      localData: { type: 'string', pattern: '^[^*?\\[\\]{}]+$' },
    },
  },
  files: ({ options }) => [...CODEOWNERS_PATHS, ...(options.localData ? [options.localData] : [])],
  graphql: ({ options }) => repoSelection(options.commits),
  data: {
    load(ctx) {
      const out: GithubData = {};
      for (const repo of ctx.repos) {
        let raw = ctx.graphql(repo.name);
        let from: 'github' | 'file' = 'github';
        const local = ctx.options.localData;
        if (!raw && local) {
          const text = ctx.file(repo.name, local);
          from = 'file';
          try {
            raw = text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
          } catch (err) {
            ctx.warn(`${repo.name}/${local} is not JSON (${(err as Error).message}); the repo shows no GitHub data`, undefined, `write GitHub's answer to the plugin's fields there, or remove the file`);
          }
        }
        const codeowners = findCodeowners((path) => ctx.file(repo.name, path));
        if (!raw && !codeowners) continue;
        const data = raw && typeof raw === 'object' ? repoData(raw, repo, ctx.options.contributors, from) : { slug: `${repo.owner}/${repo.name}`, url: repo.url, languages: [], contributors: [], commits: 0 };
        out[data.slug.toLowerCase()] = { ...data, ...(codeowners ? { codeowners } : {}) };
      }
      return out;
    },
  },
  view: {
    // Catalog columns: the CI state and the latest release of the entity's repo.
    columns: ({ options }) => [
      { id: 'ci', title: 'CI', kinds: options.kinds, value: (item, ctx) => ciState(ctx.data?.[repoSlug(item.entity.metadata.annotations, ctx.repo)]) },
      { id: 'release', title: 'Last release', kinds: options.kinds, value: (item, ctx) => ctx.data?.[repoSlug(item.entity.metadata.annotations, ctx.repo)]?.release?.tag },
    ],
    // A catalog facet: filter by the CI state of each entity's repo.
    facets: ({ options }) => [{ id: 'ci', title: 'CI', kinds: options.kinds, values: (item, ctx) => ciState(ctx.data?.[repoSlug(item.entity.metadata.annotations, ctx.repo)]) }],
    cards(item, ctx) {
      if (!ctx.options.kinds.some((k) => k.toLowerCase() === item.entity.kind.toLowerCase())) return undefined;
      const data = ctx.data?.[repoSlug(item.entity.metadata.annotations, ctx.repo)];
      if (!data) return undefined;
      return [githubCard(data, item.source.file, ctx.repo), ...(data.ci ? [ciCard(data)] : [])];
    },
    // The "GitHub" tab: pull requests and issues, workflow runs, releases, languages and contributors in full.
    tabs(item, ctx) {
      if (!ctx.options.kinds.some((k) => k.toLowerCase() === item.entity.kind.toLowerCase())) return undefined;
      const data = ctx.data?.[repoSlug(item.entity.metadata.annotations, ctx.repo)];
      return data?.from ? githubTab(data) : undefined;
    },
  },
});

/** The repo an entity is about: its `github.com/project-slug`, else the repo its catalog file is in. */
export function repoSlug(annotations: Record<string, string> | undefined, repo: RepoInfo | undefined): string {
  const slug = annotations?.['github.com/project-slug'];
  if (slug && /^[^/\s]+\/[^/\s]+$/.test(slug)) return slug.toLowerCase();
  return repo ? `${repo.owner}/${repo.name}`.toLowerCase() : '';
}

function date(iso: string | undefined): string {
  return iso && /^\d{4}-\d\d-\d\d/.test(iso) ? iso.slice(0, 10) : '';
}

function githubCard(d: GithubRepoData, catalogFile: string, repo: RepoInfo | undefined): CardData {
  const rows: NonNullable<CardData['rows']> = [{ label: 'Repository', value: d.slug, href: d.url }];
  if (d.release) rows.push({ label: 'Latest release', value: [d.release.name === d.release.tag ? d.release.tag : `${d.release.name} (${d.release.tag})`, date(d.release.publishedAt)].filter(Boolean).join(' · '), ...(d.release.url ? { href: d.release.url } : {}) });
  if (d.tag && d.tag !== d.release?.tag) rows.push({ label: 'Latest tag', value: d.tag, code: true, href: `${d.url}/releases/tag/${encodeURIComponent(d.tag)}` });
  if (d.openPullRequests !== undefined) rows.push({ label: 'Open pull requests', value: String(d.openPullRequests), href: `${d.url}/pulls` });
  if (d.openIssues !== undefined) rows.push({ label: 'Open issues', value: String(d.openIssues), href: `${d.url}/issues` });
  if (d.languages.length) rows.push({ label: 'Languages', value: d.languages.slice(0, 4).map((l) => `${l.name} ${l.percent}%`).join(', ') });
  if (d.contributors.length) rows.push({ label: `Top contributors (last ${d.commits} commits)`, value: d.contributors.map((c) => `${c.login ?? c.name} (${c.commits})`).join(', ') });
  // The owners of the entity's own catalog file, when it is in this repo.
  const own = repo && `${repo.owner}/${repo.name}`.toLowerCase() === d.slug.toLowerCase();
  const rule = d.codeowners && own ? ruleFor(d.codeowners, catalogFile) : undefined;
  if (rule && d.codeowners && repo) rows.push({ label: 'Code owners', value: rule.owners.join(' ') || '(none)', href: `${d.url}/blob/${encodeURIComponent(repo.defaultBranch)}/${d.codeowners.path}#L${rule.line}` });
  return { id: 'repo', title: 'GitHub', rows, links: [{ title: 'Pull requests', href: `${d.url}/pulls` }, { title: 'Actions', href: `${d.url}/actions` }] };
}

/** The check state as people say it: passing, failing, pending. */
function ciState(d: GithubRepoData | undefined): string | undefined {
  return d?.ci ? (STATE[d.ci.state] ?? d.ci.state.toLowerCase()) : undefined;
}

function ciCard(d: GithubRepoData): CardData {
  const ci = d.ci!;
  const word = ciState(d)!;
  return {
    id: 'ci',
    title: 'CI',
    text: `Checks on the default branch's latest commit${ci.commit ? ` (${ci.commit.slice(0, 7)})` : ''}: ${word}.`,
    rows: ci.runs.map((r) => ({ label: r.workflow, value: `${r.number !== undefined ? `#${r.number} ` : ''}${(r.conclusion ?? r.status).toLowerCase().replace(/_/g, ' ')}`, ...(r.url ? { href: r.url } : {}) })),
    links: [{ title: 'All workflow runs', href: `${d.url}/actions` }],
    dataset: { state: word },
  };
}

function githubTab(d: GithubRepoData): TabData {
  const cards: CardData[] = [];
  const work: NonNullable<CardData['rows']> = [];
  if (d.openPullRequests !== undefined) work.push({ label: 'Open pull requests', value: String(d.openPullRequests), href: `${d.url}/pulls` });
  if (d.openIssues !== undefined) work.push({ label: 'Open issues', value: String(d.openIssues), href: `${d.url}/issues` });
  if (work.length) cards.push({ id: 'work', title: 'Pull requests and issues', rows: work, links: [{ title: 'Pull requests', href: `${d.url}/pulls` }, { title: 'Issues', href: `${d.url}/issues` }] });
  if (d.ci) cards.push({ ...ciCard(d), id: 'runs', title: 'Workflow runs' });
  const releases: NonNullable<CardData['rows']> = [];
  if (d.release) releases.push({ label: 'Latest release', value: [d.release.name, date(d.release.publishedAt)].filter(Boolean).join(' · '), ...(d.release.url ? { href: d.release.url } : {}) });
  if (d.tag) releases.push({ label: 'Latest tag', value: d.tag, code: true, href: `${d.url}/releases/tag/${encodeURIComponent(d.tag)}` });
  if (releases.length) cards.push({ id: 'releases', title: 'Releases', rows: releases, links: [{ title: 'All releases', href: `${d.url}/releases` }] });
  if (d.languages.length) cards.push({ id: 'languages', title: 'Languages', rows: d.languages.map((l) => ({ label: l.name, value: `${l.percent}%` })) });
  if (d.contributors.length) {
    cards.push({
      id: 'contributors',
      title: 'Top contributors',
      text: `Authors of the default branch's last ${d.commits} commits.`,
      rows: d.contributors.map((c) => ({ label: c.login ? `@${c.login}` : c.name, value: `${c.commits} commit${c.commits === 1 ? '' : 's'}`, ...(c.login ? { href: `${d.url.replace(/^(https?:\/\/[^/]+).*$/, '$1')}/${encodeURIComponent(c.login)}` } : {}) })),
    });
  }
  return { id: 'github', title: 'GitHub', cards };
}
