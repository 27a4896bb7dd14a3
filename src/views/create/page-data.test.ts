import { describe, expect, it } from 'vitest';
import type { PortalModel } from '../../model/portal.ts';
import { portalEntities } from '../../testing/entities.ts';
import { createPageData, scriptJson, templateForms } from './page-data.ts';
import { catalog, demoTemplate } from './testing.ts';

describe('templateForms and createPageData', () => {
  it('carries the form, the GitHub target and the workflow link; repo pickers default to the portal’s host', () => {
    const template = { ...demoTemplate('docs-site'), spec: { ...demoTemplate('docs-site').spec, parameters: [{ properties: { repoUrl: { type: 'string', 'ui:field': 'RepoUrlPicker' } } }] } };
    const [entity] = portalEntities([template]);
    const model: PortalModel = { site: { title: 'P', base: '/', repo: 'eng/portal', githubUrl: 'https://git.acme.example' }, generatedAt: '', repos: [], entities: [...catalog(), entity!], diagnostics: [], apis: {}, docs: { sites: [], redirects: [] } };
    const data = createPageData(model, entity!, templateForms(model).forms[entity!.ref]!);
    expect(data.github).toEqual({ web: 'https://git.acme.example', api: 'https://git.acme.example/api/v3', repo: 'eng/portal' });
    expect(data.workflowUrl).toBe('https://git.acme.example/eng/portal/actions/workflows/scaffold.yml');
    expect(data.form.pages[0]!.fields[0]!.repo!.hosts).toEqual(['git.acme.example']);
    expect(data.maxIssueUrl).toBe(8000);
  });

  it('costs a template whose form cannot be built that form only: the data says why, other templates are fine', () => {
    // A crawled YAML object with a `toString` key: String() on it throws (Cannot convert object to primitive value).
    const picker = { type: 'string', 'ui:field': 'EntityPicker', 'ui:options': { catalogFilter: { kind: [{ toString: 'x' }] } } };
    const bad = { ...demoTemplate('docs-site'), spec: { ...demoTemplate('docs-site').spec, parameters: [{ properties: { owner: picker } }] } };
    const [broken, good] = portalEntities([bad, demoTemplate('node-service')]);
    const model: PortalModel = { site: { title: 'P', base: '/' }, generatedAt: '', repos: [], entities: [...catalog(), broken!, good!], diagnostics: [], apis: {}, docs: { sites: [], redirects: [] } };
    const { forms, diagnostics } = templateForms(model);
    const failed = createPageData(model, broken!, forms[broken!.ref]!).form;
    expect(failed.pages).toEqual([]);
    expect(failed.failed).toMatch(/^.+: .+:\d+: the form of template:default\/docs-site could not be built from spec\.parameters: Cannot convert object to primitive value$/);
    expect(createPageData(model, good!, forms[good!.ref]!).form.pages.length).toBeGreaterThan(0);
    // The same failure is a problem of the build, at the template's own file and line.
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'render-failed', entity: broken!.ref, repo: broken!.source.repo, file: broken!.source.file, line: broken!.source.line }),
    ]);
  });
});

describe('the preview', () => {
  it('is the data file beside the page, or says why there is none', () => {
    const [entity] = portalEntities([demoTemplate('node-service')]);
    const model: PortalModel = { site: { title: 'P', base: '/' }, generatedAt: '', repos: [], entities: [entity!], diagnostics: [], apis: {}, docs: { sites: [], redirects: [] } };
    const form = templateForms(model).forms[entity!.ref]!;
    expect(createPageData(model, entity!, form).preview).toEqual({ unavailable: 'the build did not read this template’s repo, so there is nothing to preview' });
    model.templatePreviews = { [entity!.ref]: { unavailable: 'its skeleton is too big' } };
    expect(createPageData(model, entity!, form).preview).toEqual({ unavailable: 'its skeleton is too big' });
    model.templatePreviews = { [entity!.ref]: { data: { ref: entity!.ref, entity: entity!.entity, repo: 'templates', file: 'template.yaml', repos: [], missing: [] }, bytes: 0 } };
    expect(createPageData(model, entity!, form).preview).toEqual({ path: 'create/default/node-service/preview.json' });
  });
});

describe('scriptJson', () => {
  it('cannot close its script element', () => {
    const text = scriptJson({ a: '</script><script>alert(1)</script>', b: '\u2028' });
    expect(text).not.toContain('<');
    expect(JSON.parse(text)).toEqual({ a: '</script><script>alert(1)</script>', b: '\u2028' });
  });
});
