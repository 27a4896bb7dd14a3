// The annotations plugin: a card with each tool's deep links, built from the base URLs in its options, for the
// annotations entities already carry; a tool not in the options shows nothing.

import { describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo } from '../../snapshot/memory.ts';
import { entity, portalEntity } from '../../testing/entities.ts';
import type { CardData } from '../index.ts';
import { runPlugins } from '../run.ts';
import { loaded } from '../testing.ts';
import annotations from './index.ts';

const OPTIONS = {
  github: {},
  kubernetes: { dashboardUrl: 'https://k8s.acme.io/search?q={selector}&ns={namespace}' },
  pagerduty: { baseUrl: 'https://acme.pagerduty.com/' },
  grafana: { baseUrl: 'https://grafana.acme.io' },
  sonarqube: { baseUrl: 'https://sonarcloud.io', instances: { internal: 'https://sonar.acme.io' } },
  argocd: { baseUrl: 'https://argocd.acme.io' },
  jenkins: { baseUrl: 'https://jenkins.acme.io', instances: { legacy: 'https://old-jenkins.acme.io' } },
  sentry: { organization: 'acme' },
  circleci: {},
};

function cards(annotationValues: Record<string, string>, options: Record<string, unknown> = OPTIONS): Record<string, CardData> {
  const item = portalEntity(entity('Component', 'payments', {}, { annotations: annotationValues }));
  const view = annotations.view!;
  const out = view.cards!(item, { options: options as never, env: {}, data: undefined, repo: undefined, file: () => undefined });
  return Object.fromEntries((Array.isArray(out) ? out : out ? [out] : []).map((c: CardData) => [c.id, c]));
}

const hrefs = (card: CardData | undefined) => [...(card?.rows ?? []).map((r) => r.href), ...(card?.links ?? []).map((l) => l.href)].filter(Boolean);

describe('annotations plugin', () => {
  it('links each tool’s annotation to its own web UI', () => {
    const c = cards({
      'github.com/project-slug': 'acme/payments',
      'backstage.io/kubernetes-id': 'payments',
      'backstage.io/kubernetes-namespace': 'prod',
      'pagerduty.com/service-id': 'PABC123',
      'grafana/dashboard-selector': "tags @> 'payments'",
      'grafana/overview-dashboard': 'https://grafana.acme.io/d/abc/payments',
      'sonarqube.org/project-key': 'acme_payments',
      'argocd/app-name': 'payments-prod',
      'jenkins.io/job-full-name': 'teams/payments/main',
      'sentry.io/project-slug': 'payments-api',
      'circleci.com/project-slug': 'github/acme/payments',
    });
    expect(Object.keys(c)).toEqual(['github', 'kubernetes', 'pagerduty', 'grafana', 'sonarqube', 'argocd', 'jenkins', 'sentry', 'circleci']);
    expect(hrefs(c.github)).toEqual(['https://github.com/acme/payments', 'https://github.com/acme/payments/pulls', 'https://github.com/acme/payments/issues', 'https://github.com/acme/payments/actions']);
    expect(c.kubernetes!.rows).toEqual([
      { label: 'ID', value: 'payments', code: true },
      { label: 'Label selector', value: 'backstage.io/kubernetes-id=payments', code: true },
      { label: 'Namespace', value: 'prod', code: true },
    ]);
    expect(hrefs(c.kubernetes)).toEqual(['https://k8s.acme.io/search?q=backstage.io%2Fkubernetes-id%3Dpayments&ns=prod']);
    expect(hrefs(c.pagerduty)).toEqual(['https://acme.pagerduty.com/service-directory/PABC123']);
    // Found by search under the ids people paste from their tools.
    expect([c.pagerduty!.search, c.sonarqube!.search]).toEqual(['PABC123', 'acme_payments']);
    expect(hrefs(c.grafana)).toEqual(['https://grafana.acme.io/dashboards?tag=payments', 'https://grafana.acme.io/d/abc/payments']);
    expect(hrefs(c.sonarqube)).toEqual(['https://sonarcloud.io/dashboard?id=acme_payments', 'https://sonarcloud.io/project/issues?id=acme_payments']);
    expect(hrefs(c.argocd)).toEqual(['https://argocd.acme.io/applications/payments-prod']);
    expect(hrefs(c.jenkins)).toEqual(['https://jenkins.acme.io/job/teams/job/payments/job/main/', 'https://jenkins.acme.io/job/teams/job/payments/job/main/lastBuild/']);
    expect(hrefs(c.sentry)).toEqual(['https://sentry.io/organizations/acme/projects/payments-api/']);
    expect(hrefs(c.circleci)).toEqual(['https://app.circleci.com/pipelines/github/acme/payments']);
  });

  it('follows the annotations’ variants: named instances, namespaces, selectors, an organisation in the slug', () => {
    const c = cards({
      'sonarqube.org/project-key': 'internal/acme:payments',
      'argocd/app-name': 'payments',
      'argocd/app-namespace': 'team-apps',
      'jenkins.io/job-full-name': 'legacy:payments build',
      'sentry.io/project-slug': 'other-org/payments',
      'grafana/dashboard-selector': "title == 'Payments'",
      'grafana/alert-label-selector': 'service=payments',
      'backstage.io/kubernetes-label-selector': 'app=payments,tier=api',
    });
    expect(hrefs(c.sonarqube)[0]).toBe('https://sonar.acme.io/dashboard?id=acme%3Apayments');
    expect(hrefs(c.argocd)).toEqual(['https://argocd.acme.io/applications/team-apps/payments']);
    expect(hrefs(c.jenkins)[0]).toBe('https://old-jenkins.acme.io/job/payments%20build/');
    expect(hrefs(c.sentry)).toEqual(['https://sentry.io/organizations/other-org/projects/payments/']);
    expect(hrefs(c.grafana)).toEqual([
      `https://grafana.acme.io/dashboards?query=${encodeURIComponent("title == 'Payments'")}`,
      `https://grafana.acme.io/alerting/list?search=${encodeURIComponent('label:service=payments')}`,
    ]);
    expect(c.kubernetes!.rows).toEqual([{ label: 'Label selector', value: 'app=payments,tier=api', code: true }]);
    expect(cards({ 'jenkins.io/job-full-name': 'nowhere:build' }).jenkins!.text).toMatch(/Instance "nowhere" is not in the plugin's options/);
    expect(hrefs(cards({ 'github.com/project-slug': 'not a slug' }).github)).toEqual([]);
  });

  it('shows only the tools its options name, and nothing for entities without their annotations', async () => {
    expect(Object.keys(cards({ 'pagerduty.com/service-id': 'P1', 'github.com/project-slug': 'acme/payments' }, { pagerduty: { baseUrl: 'https://acme.pagerduty.com' } }))).toEqual(['pagerduty']);
    const items = [
      portalEntity(entity('Component', 'payments', {}, { annotations: { 'pagerduty.com/service-id': 'P1' } })),
      portalEntity(entity('Component', 'ledger', {}, { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } })),
    ];
    const run = await runPlugins({ plugins: [loaded(annotations, { options: OPTIONS })], snapshot: memorySnapshot([{ repo: repoInfo('org'), files: {} }]), entities: items, cacheDir: '/nonexistent' });
    expect(Object.keys(run.output.cards)).toEqual(['component:default/payments']);
    expect(run.diagnostics).toEqual([]);
  });
});
