// The site stage started before its model exists: in-process with a promised model, and in a child process
// that is sent the model once it is built (what `backlot build` does while the pipeline runs).

import fs, { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { preforkSiteChild, startSiteBuild } from './child.ts';
import type { PortalModel } from '../../model/portal.ts';
import { buildSite, fixtureModel } from '../testing/build.ts';
import { templateForms } from '../../views/create/page-data.ts';
import { demoTemplate } from '../../views/create/testing.ts';
import { stringify } from 'yaml';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-child-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const htmlFiles = (dir: string) => (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.html'));

const fixtureTitle = async () => (await fixtureModel()).site.title;

describe('buildSite with a promised model', () => {
  it('bundles first and renders the model once it arrives, its pages written on a thread without touching fs', async () => {
    const out = join(tmp, 'promised');
    let arrived = 0;
    const fixture = await fixtureModel();
    const model = new Promise<PortalModel>((resolve) =>
      setTimeout(() => {
        arrived = Date.now();
        resolve(fixture);
      }, 300),
    );
    const { writeFile, mkdir } = fs.promises;
    const result = await buildSite({ outDir: out, model, pagesOnThread: true });
    expect(fs.promises.writeFile).toBe(writeFile);
    expect(fs.promises.mkdir).toBe(mkdir);
    // The writer thread wrote every page but the status pages Astro names itself (404.html).
    const pages = htmlFiles(out).filter((f) => f.endsWith('/index.html') || f === 'index.html');
    expect(htmlFiles(out)).toContain('404.html');
    expect(result.written!.files).toBeGreaterThanOrEqual(pages.length);
    expect(pages.length).toBeGreaterThan(fixture.entities.length);
    expect(arrived).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(await fixtureTitle());
  });

  it('fails with the model’s own error when the model never comes', async () => {
    const out = join(tmp, 'failed');
    const model = Promise.reject(new Error('the pipeline broke'));
    await expect(buildSite({ outDir: out, model })).rejects.toThrow('the pipeline broke');
    expect(existsSync(join(out, 'index.html'))).toBe(false);
  });
});

describe('startSiteBuild (a child process)', () => {
  it('waits for the model, then builds it (no model file needed) with the forms the CLI built', async () => {
    const out = join(tmp, 'child-out');
    const site = startSiteBuild({ outDir: out });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // With its skeleton: a template whose fetch names no folder is blocked at build time and shows no form.
    const model = await fixtureModel({ repos: { templates: { 'catalog-info.yaml': stringify(demoTemplate('node-service')), 'skeleton/README.md': '# ${{ values.name }}\n' } } });
    // The CLI built the forms for its diagnostics: the Create pages show those, not forms built again.
    const forms = templateForms(model);
    const template = Object.keys(forms.forms)[0]!;
    forms.forms[template] = { ...forms.forms[template]!, title: 'Form as the CLI built it' };
    // As `backlot build` sends it: the entities ahead, then the rest.
    site.sendEntities(model.entities);
    await site.sendModel(model, forms);
    const result = await site.result;
    expect(result.layouts.shapes).toBeGreaterThan(0);
    // The child writes its pages on the writer thread (./page-writes.ts).
    expect(result.written!.files).toBeGreaterThanOrEqual(htmlFiles(out).filter((f) => f.endsWith('index.html')).length);
    const home = readFileSync(join(out, 'index.html'), 'utf8');
    expect(home).toContain(await fixtureTitle());
    const [, namespace, name] = /^template:([^/]+)\/(.+)$/.exec(template)!;
    expect(readFileSync(join(out, 'create', namespace!, name!, 'index.html'), 'utf8')).toContain('Form as the CLI built it');
    // Every entity crossed, not only the first part's.
    expect(model.entities.length).toBeGreaterThan(1);
    for (const item of model.entities) {
      const [kind, rest] = item.ref.split(':') as [string, string];
      const [namespace, name] = rest.split('/') as [string, string];
      expect(existsSync(join(out, 'catalog', namespace, kind, name, 'index.html')), item.ref).toBe(true);
    }
  });

  it('reports a model that fails its check as the build’s error', async () => {
    const site = startSiteBuild({ outDir: join(tmp, 'never') });
    const model = await fixtureModel();
    await site.sendModel({ ...model, site: { ...model.site, title: undefined as unknown as string } }, templateForms(model));
    await expect(site.result).rejects.toThrow(/the model from the CLI: missing site\.title/);
    expect(existsSync(join(tmp, 'never', 'index.html'))).toBe(false);
  });

  it('builds in the child forked early, whose environment never held a token; forks another for a secret it holds', async () => {
    // The process's own environment, as /proc shows it: what the child started with, not what it deleted since.
    const environ = (pid: number) => readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((v) => v.split('=')[0]!);
    const saved = { ...process.env };
    Object.assign(process.env, { GITHUB_TOKEN: 'ghp_early', ACME_DEPLOY_TOKEN: 'ghp_deploy', ACME_GH: 'ghp_plain' });
    try {
      const early = preforkSiteChild()!;
      expect(environ(early)).toEqual(expect.arrayContaining(['BACKLOT_SITE_CHILD', 'ACME_GH']));
      expect(environ(early)).not.toContain('GITHUB_TOKEN');
      expect(environ(early)).not.toContain('ACME_DEPLOY_TOKEN');
      // The config names ACME_GH as a token: the early child carries it, so it is stopped and another forked.
      const other = startSiteBuild({ outDir: join(tmp, 'never-early') }, ['ACME_GH']);
      expect(other.pid).not.toBe(early);
      expect(environ(other.pid!)).not.toEqual(expect.arrayContaining(['ACME_GH']));
      expect(environ(other.pid!)).not.toContain('GITHUB_TOKEN');
      expect(environ(other.pid!)).not.toContain('ACME_DEPLOY_TOKEN');
      await other.cancel();
      // Secrets it was forked without: the early child builds.
      const again = preforkSiteChild()!;
      const out = join(tmp, 'early');
      const site = startSiteBuild({ outDir: out }, ['ACME_DEPLOY_TOKEN']);
      expect(site.pid).toBe(again);
      const model = await fixtureModel();
      await site.sendModel(model, templateForms(model));
      await site.result;
      expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(model.site.title);
    } finally {
      for (const name of ['GITHUB_TOKEN', 'ACME_DEPLOY_TOKEN', 'ACME_GH']) if (saved[name] === undefined) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('refuses a model whose entities are not the ones sent ahead', async () => {
    const site = startSiteBuild({ outDir: join(tmp, 'mixed') });
    const model = await fixtureModel();
    site.sendEntities(model.entities);
    await expect(site.sendModel({ ...model, entities: model.entities.slice(1) }, templateForms(model))).rejects.toThrow('the model has other entities than those sent ahead');
    await site.cancel();
    expect(existsSync(join(tmp, 'mixed', 'index.html'))).toBe(false);
  });

  it('stops when cancelled, without writing a site', async () => {
    const site = startSiteBuild({ outDir: join(tmp, 'cancelled') });
    site.cancel();
    await expect(site.result).rejects.toThrow(/stopped/);
    expect(existsSync(join(tmp, 'cancelled'))).toBe(false);
  });
});
