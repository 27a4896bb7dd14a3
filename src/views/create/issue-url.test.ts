import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import * as scaffoldIssue from '../../scaffold/issue.ts';
import { githubTarget } from './github.ts';
import { TEMPLATE_FIELD_ID, TEMPLATE_LABEL, VALUES_FIELD_ID, VALUES_LABEL } from '../../model/scaffoldIssue.ts';
import { MAX_ISSUE_URL_LENGTH, longestValue, scaffoldIssueBody, scaffoldIssueUrl } from './issue-url.ts';

const target = githubTarget({ title: 'Portal', base: '/', repo: 'kestrel-freight/portal' });
const values = { name: 'pickup-scheduler', description: 'Books pickups & drop-offs: "fast", 100% <safe>\nsecond line', port: 8080, database: true, tags: ['a', 'b'] };

describe('scaffoldIssueUrl', () => {
  it('opens the scaffold issue form in the portal repo with the template ref and the values', () => {
    const link = scaffoldIssueUrl(target, 'template:default/node-service', values);
    if (!link.ok) throw new Error('expected a link');
    const url = new URL(link.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://github.com/kestrel-freight/portal/issues/new');
    expect([...url.searchParams.keys()]).toEqual(['template', 'title', 'template-ref', 'values']);
    expect(url.searchParams.get('template')).toBe('scaffold.yml');
    expect(url.searchParams.get('template-ref')).toBe('template:default/node-service');
    expect(JSON.parse(url.searchParams.get('values')!)).toEqual(values);
    expect(link.url).not.toMatch(/[\s"<>]/);
    expect(link.length).toBe(link.url.length);
  });

  it('goes to a GitHub Enterprise host when configured', () => {
    const ghes = githubTarget({ title: 'P', base: '/', repo: 'eng/portal', githubUrl: 'https://git.acme.example/' });
    const link = scaffoldIssueUrl(ghes, 'template:default/x', {});
    expect(link.ok && link.url.startsWith('https://git.acme.example/eng/portal/issues/new?template=scaffold.yml&')).toBe(true);
  });

  it('refuses a link longer than the limit, and without a configured repo', () => {
    const long = scaffoldIssueUrl(target, 'template:default/node-service', { description: 'é'.repeat(2000) });
    expect(long).toMatchObject({ ok: false, reason: 'too-long', limit: MAX_ISSUE_URL_LENGTH });
    expect(!long.ok && long.reason === 'too-long' && long.length).toBeGreaterThan(12_000);
    expect(scaffoldIssueUrl(target, 't:d/x', { a: 'x' }, 50)).toMatchObject({ ok: false, reason: 'too-long', limit: 50 });
    expect(scaffoldIssueUrl(githubTarget({ title: 'P', base: '/' }), 't:d/x', {})).toEqual({ ok: false, reason: 'no-repo' });
    expect(longestValue({ a: 'short', description: 'é'.repeat(10), n: 12345 })).toEqual({ name: 'description', length: 60 });
  });
});

describe('the issue GitHub makes of the form', () => {
  it('round-trips through the workflow’s parser', () => {
    const body = scaffoldIssueBody('template:default/node-service', values);
    expect(scaffoldIssue.parseIssueBody(body)).toEqual({ ok: true, templateRef: 'template:default/node-service', values });
    expect(scaffoldIssue.parseIssueBody(scaffoldIssueBody('template:default/x', {}))).toEqual({ ok: true, templateRef: 'template:default/x', values: {} });
    const fence = scaffoldIssueBody('template:default/x', { text: 'line\n```\nnot the end' });
    expect(scaffoldIssue.parseIssueBody(fence)).toEqual({ ok: true, templateRef: 'template:default/x', values: { text: 'line\n```\nnot the end' } });
  });

  it('uses the issue form’s field ids and labels, which the workflow’s parser reads', () => {
    const file = fileURLToPath(new URL('../../../.github/ISSUE_TEMPLATE/scaffold.yml', import.meta.url));
    const form = parse(readFileSync(file, 'utf8')) as { body: Array<{ type: string; id?: string; attributes: { label?: string; render?: string } }> };
    const inputs = form.body.filter((b) => b.id);
    expect(inputs.map((b) => [b.id, b.attributes.label])).toEqual([
      [TEMPLATE_FIELD_ID, TEMPLATE_LABEL],
      [VALUES_FIELD_ID, VALUES_LABEL],
    ]);
    expect(inputs[1]!.attributes.render).toBe('json');
  });
});
