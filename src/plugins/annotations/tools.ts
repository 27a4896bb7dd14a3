// Deep links for the annotations of popular Backstage plugins, built from the base URLs in the plugin's options.
// URL shapes are each tool's own web UI (as the Backstage plugins link to them); pure, no I/O.

import type { CardData } from '../index.ts';

export interface ToolOptions {
  baseUrl?: string;
  /** Named instances (`instance/key`, `instance:job`): their base URLs. */
  instances?: Record<string, string>;
  /** Sentry: the organisation when the annotation names none. */
  organization?: string;
  /** Kubernetes: a URL with `{id}`, `{namespace}`, `{selector}`, e.g. a dashboard's search. */
  dashboardUrl?: string;
}

export interface Tool {
  key: string;
  title: string;
  /** The annotations that give the card; the first one present is enough. */
  annotations: string[];
  /** Base URL when the options give none (undefined: the option is required). */
  defaultBaseUrl?: string;
  card(a: Readonly<Record<string, string>>, options: ToolOptions): CardData | undefined;
}

const enc = encodeURIComponent;
const trim = (url: string) => url.replace(/\/+$/, '');
const base = (o: ToolOptions, tool: Tool) => trim(o.baseUrl ?? tool.defaultBaseUrl ?? '');

/** `instance/rest` or `instance:rest` when the instance is configured; otherwise the default base and the whole value. */
function instanceOf(value: string, sep: '/' | ':', o: ToolOptions, fallback: string): { base: string; rest: string; unknown?: string } {
  const at = value.indexOf(sep);
  if (at > 0) {
    const name = value.slice(0, at);
    const url = o.instances?.[name];
    if (url) return { base: trim(url), rest: value.slice(at + 1) };
    // SonarQube keys may hold "/" themselves only with an instance prefix; Jenkins' "instance:" is never part of a job.
    if (sep === ':') return { base: fallback, rest: value.slice(at + 1), unknown: name };
  }
  return { base: fallback, rest: value };
}

export const TOOLS: Tool[] = [
  {
    key: 'github',
    title: 'GitHub',
    annotations: ['github.com/project-slug'],
    defaultBaseUrl: 'https://github.com',
    card(a, o) {
      const slug = a['github.com/project-slug']!;
      if (!/^[\w.-]+\/[\w.-]+$/.test(slug)) return { id: 'github', title: 'GitHub', rows: [{ label: 'Project', value: slug, code: true }], text: 'Not an owner/name slug.' };
      const repo = `${base(o, this)}/${slug.split('/').map(enc).join('/')}`;
      return {
        id: 'github',
        title: 'GitHub',
        rows: [{ label: 'Repository', value: slug, href: repo, code: true }],
        links: [
          { title: 'Pull requests', href: `${repo}/pulls` },
          { title: 'Issues', href: `${repo}/issues` },
          { title: 'Actions', href: `${repo}/actions` },
        ],
      };
    },
  },
  {
    key: 'kubernetes',
    title: 'Kubernetes',
    annotations: ['backstage.io/kubernetes-id', 'backstage.io/kubernetes-label-selector'],
    card(a, o) {
      const id = a['backstage.io/kubernetes-id'];
      const selector = a['backstage.io/kubernetes-label-selector'] ?? `backstage.io/kubernetes-id=${id}`;
      const namespace = a['backstage.io/kubernetes-namespace'];
      const rows = [
        ...(id ? [{ label: 'ID', value: id, code: true }] : []),
        { label: 'Label selector', value: selector, code: true },
        ...(namespace ? [{ label: 'Namespace', value: namespace, code: true }] : []),
      ];
      const href = o.dashboardUrl
        ? o.dashboardUrl.replaceAll('{id}', enc(id ?? '')).replaceAll('{namespace}', enc(namespace ?? '')).replaceAll('{selector}', enc(selector))
        : undefined;
      return { id: 'kubernetes', title: 'Kubernetes', rows, ...(href ? { links: [{ title: 'Workloads', href }] } : {}) };
    },
  },
  {
    key: 'pagerduty',
    title: 'PagerDuty',
    annotations: ['pagerduty.com/service-id'],
    card(a, o) {
      const id = a['pagerduty.com/service-id']!;
      const service = `${base(o, this)}/service-directory/${enc(id)}`;
      return {
        id: 'pagerduty',
        title: 'PagerDuty',
        rows: [{ label: 'Service', value: id, href: service, code: true }],
        search: id,
      };
    },
  },
  {
    key: 'grafana',
    title: 'Grafana',
    annotations: ['grafana/dashboard-selector', 'grafana/overview-dashboard', 'grafana/alert-label-selector'],
    card(a, o) {
      const root = base(o, this);
      const rows = [];
      const links = [];
      const selector = a['grafana/dashboard-selector'];
      if (selector) {
        // `tags @> 'name'` (the common form) is a tag search; any other selector is shown and searched as text.
        const tag = /^\s*tags\s*@>\s*['"]([^'"]+)['"]\s*$/.exec(selector)?.[1];
        rows.push({ label: 'Dashboards', value: selector, code: true, href: tag ? `${root}/dashboards?tag=${enc(tag)}` : `${root}/dashboards?query=${enc(selector)}` });
      }
      const overview = a['grafana/overview-dashboard'];
      if (overview && /^https?:\/\//i.test(overview)) links.push({ title: 'Overview dashboard', href: overview });
      const alerts = a['grafana/alert-label-selector'];
      if (alerts) rows.push({ label: 'Alerts', value: alerts, code: true, href: `${root}/alerting/list?search=${enc(`label:${alerts}`)}` });
      return rows.length || links.length ? { id: 'grafana', title: 'Grafana', rows, links } : undefined;
    },
  },
  {
    key: 'sonarqube',
    title: 'SonarQube',
    annotations: ['sonarqube.org/project-key'],
    card(a, o) {
      const { base: root, rest: key } = instanceOf(a['sonarqube.org/project-key']!, '/', o, base(o, this));
      return {
        id: 'sonarqube',
        title: 'SonarQube',
        rows: [{ label: 'Project', value: key, href: `${root}/dashboard?id=${enc(key)}`, code: true }],
        search: key,
        links: [{ title: 'Issues', href: `${root}/project/issues?id=${enc(key)}` }],
      };
    },
  },
  {
    key: 'argocd',
    title: 'Argo CD',
    annotations: ['argocd/app-name', 'argocd/app-selector'],
    card(a, o) {
      const root = base(o, this);
      const name = a['argocd/app-name'];
      const namespace = a['argocd/app-namespace'];
      const selector = a['argocd/app-selector'];
      const rows = [
        ...(name ? [{ label: 'Application', value: name, code: true, href: `${root}/applications/${namespace ? `${enc(namespace)}/` : ''}${enc(name)}` }] : []),
        ...(selector ? [{ label: 'Applications', value: selector, code: true, href: `${root}/applications?labels=${enc(selector)}` }] : []),
      ];
      return { id: 'argocd', title: 'Argo CD', rows };
    },
  },
  {
    key: 'jenkins',
    title: 'Jenkins',
    annotations: ['jenkins.io/job-full-name', 'jenkins.io/github-folder'],
    card(a, o) {
      const value = a['jenkins.io/job-full-name'] ?? a['jenkins.io/github-folder']!;
      const { base: root, rest, unknown } = instanceOf(value, ':', o, base(o, this));
      // A job's full name is its folders and name joined by "/"; its URL has "/job/" before each.
      const job = `${root}/${rest.split('/').filter(Boolean).map((p) => `job/${enc(p)}`).join('/')}/`;
      return {
        id: 'jenkins',
        title: 'Jenkins',
        rows: [{ label: 'Job', value: rest, code: true, href: job }],
        links: [{ title: 'Last build', href: `${job}lastBuild/` }],
        ...(unknown ? { text: `Instance "${unknown}" is not in the plugin's options; linked on the default instance.` } : {}),
      };
    },
  },
  {
    key: 'sentry',
    title: 'Sentry',
    annotations: ['sentry.io/project-slug'],
    defaultBaseUrl: 'https://sentry.io',
    card(a, o) {
      const value = a['sentry.io/project-slug']!;
      const [org, project] = value.includes('/') ? [value.slice(0, value.indexOf('/')), value.slice(value.indexOf('/') + 1)] : [o.organization, value];
      if (!org) return { id: 'sentry', title: 'Sentry', rows: [{ label: 'Project', value, code: true }], text: 'Set "organization" in the plugin\'s sentry options to link it.' };
      const root = `${base(o, this)}/organizations/${enc(org)}`;
      return {
        id: 'sentry',
        title: 'Sentry',
        rows: [{ label: 'Project', value: project!, code: true, href: `${root}/projects/${enc(project!)}/` }],
      };
    },
  },
  {
    key: 'circleci',
    title: 'CircleCI',
    annotations: ['circleci.com/project-slug'],
    defaultBaseUrl: 'https://app.circleci.com',
    card(a, o) {
      const slug = a['circleci.com/project-slug']!;
      return { id: 'circleci', title: 'CircleCI', rows: [{ label: 'Project', value: slug, code: true, href: `${base(o, this)}/pipelines/${slug.split('/').map(enc).join('/')}` }] };
    },
  },
];
