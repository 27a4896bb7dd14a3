import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/load.ts';
import { openOrgFolder } from './context.ts';
import { openDevSession } from './devSession.ts';

const component = (name: string, title: string, docs = false) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  title: ${title}\n${docs ? '  annotations:\n    backstage.io/techdocs-ref: dir:.\n' : ''}spec:\n  type: service\n  lifecycle: production\n  owner: group:default/team\n`;

function write(file: string, text: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

describe('openDevSession (backlot dev without Astro)', () => {
  it('runs the pipeline again for the changes its model depends on, and for nothing else', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-dev-'));
    const org = join(dir, 'org');
    write(join(org, 'README.md'), 'Not a repo.\n');
    write(join(org, 'team', 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team\nspec:\n  type: team\n  children: []\n');
    write(join(org, 'alpha', 'catalog-info.yaml'), component('alpha', 'Alpha', true));
    write(join(org, 'alpha', 'mkdocs.yml'), 'site_name: Alpha\n');
    write(join(org, 'alpha', 'docs', 'index.md'), '# Alpha\n');
    write(join(org, 'alpha', 'package.json'), '{}\n');
    write(join(org, 'beta', 'catalog-info.yaml'), component('beta', 'Beta'));
    const session = await openDevSession(await openOrgFolder(defaultConfig(dir), org), { docsMode: false });
    const [root] = session.roots;
    const rebuild = (...paths: string[]) => session.rebuild(paths.map((path) => ({ root: root!, path })));
    const titles = () => session.current().result.model.entities.map((e) => e.entity.metadata.title ?? e.entity.metadata.name);
    const pages = () => session.current().result.model.docs?.sites[0]?.pages.map((p) => p.path);
    expect(titles()).toEqual(['Alpha', 'Beta', 'team']);

    // Nothing the model was built from: no run.
    write(join(org, 'alpha', 'package.json'), '{ "name": "alpha" }\n');
    write(join(org, 'notes.md'), 'Not a repo either.\n');
    expect(await rebuild('alpha/package.json', 'README.md', 'notes.md')).toBeUndefined();

    write(join(org, 'alpha', 'catalog-info.yaml'), component('alpha', 'Alpha Service', true));
    const edited = await rebuild('alpha/catalog-info.yaml');
    expect(edited?.what).toEqual(['alpha/catalog-info.yaml']);
    expect(titles()).toEqual(['Alpha Service', 'Beta', 'team']);

    // A page added to a folder the docs stage listed.
    write(join(org, 'alpha', 'docs', 'setup.md'), '# Setup\n');
    expect((await rebuild('alpha/docs/setup.md'))?.what).toEqual(['alpha/docs/setup.md']);
    expect(pages()).toEqual(['', 'setup/']);

    // A repo folder added, another removed.
    write(join(org, 'gamma', 'catalog-info.yaml'), component('gamma', 'Gamma'));
    rmSync(join(org, 'beta'), { recursive: true });
    await rebuild('gamma', 'beta/catalog-info.yaml');
    expect(titles()).toEqual(['Alpha Service', 'Gamma', 'team']);
    expect(session.snapshot().repos.map((r) => r.name)).toEqual(['alpha', 'team', 'gamma']);

    // A new problem, and the run before's diagnostics to tell it from.
    write(join(org, 'gamma', 'catalog-info.yaml'), component('gamma', 'Gamma').replace('lifecycle: production', 'lifecycle: [production'));
    const broken = await rebuild('gamma/catalog-info.yaml');
    expect(broken?.before).toEqual([]);
    expect(session.current().result.diagnostics.map((d) => [d.code, session.pathOf(d)])).toEqual([['yaml-syntax', expect.stringMatching(/org\/gamma\/catalog-info\.yaml$/)]]);
    rmSync(dir, { recursive: true, force: true });
  });
});
