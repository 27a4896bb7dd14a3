import { describe, expect, it } from 'vitest';
import { pluginCardHtml } from './plugin-card-html.ts';

describe('pluginCardHtml', () => {
  it('renders a card’s rows, links and sanitised HTML, escaping text and keeping only http(s) links', () => {
    const html = pluginCardHtml({
      plugin: 'runbook',
      id: 'main card',
      title: 'Runbook <b>',
      text: 'Read "this" first & then act',
      rows: [
        { label: 'Page', value: 'payments', href: 'https://wiki.acme.io/p?a=1&b=2', code: true },
        { label: 'Sneaky', value: '<img src=x>', href: 'javascript:alert(1)' },
      ],
      links: [{ title: 'Dashboards', href: 'https://grafana.acme.io' }, { title: 'Bad', href: 'data:text/html,x' }],
      html: '<p>Built <em>for</em> you</p>',
    });
    expect(html).toBe(
      '<section class="card plugin-card" aria-labelledby="plugin-runbook-main-card" data-plugin-card="runbook/main card" data-plugin="runbook">' +
        '<h2 id="plugin-runbook-main-card">Runbook &lt;b&gt;</h2>' +
        '<p>Read &quot;this&quot; first &amp; then act</p>' +
        '<dl class="fields"><dt>Page</dt><dd><a href="https://wiki.acme.io/p?a=1&amp;b=2"><code>payments</code></a></dd><dt>Sneaky</dt><dd>&lt;img src=x&gt;</dd></dl>' +
        '<ul class="plain links"><li><a href="https://grafana.acme.io">Dashboards</a></li></ul>' +
        '<div class="plugin-html"><p>Built <em>for</em> you</p></div></section>',
    );
  });

  it('puts the card’s dataset on it as data-* attributes for the plugin’s browser script', () => {
    expect(pluginCardHtml({ plugin: 'aws', id: 'arn', title: 'AWS', dataset: { arn: 'arn:aws:s3:::a"b' } })).toBe(
      '<section class="card plugin-card" aria-labelledby="plugin-aws-arn" data-plugin-card="aws/arn" data-plugin="aws" data-arn="arn:aws:s3:::a&quot;b"><h2 id="plugin-aws-arn">AWS</h2></section>',
    );
  });

  it('links a row naming an entity to its page in the portal', () => {
    const card = { plugin: 'ownership', id: 'drift', title: 'Drift', rows: [{ label: 'svc', value: 'declared here', entity: 'component:default/svc' }] };
    expect(pluginCardHtml(card, (ref) => `/portal/${ref}/`)).toContain('<dd><a href="/portal/component:default/svc/">declared here</a></dd>');
    expect(pluginCardHtml(card)).toContain('<dd>declared here</dd>');
  });
});
