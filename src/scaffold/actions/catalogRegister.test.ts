// catalog:register: catalogInfoPath, the ref it reports, and files the portal's rebuild would never read.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../config/types.ts';
import { unreadCatalogFileCheck } from '../crawled.ts';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';
import { generatedLocationName } from './catalogRegister.ts';

const SOURCES = [
  { type: 'github', orgs: ['acme'], host: 'github.com', catalogPath: '/catalog-info.yaml' },
  { type: 'local', org: 'labs', host: 'github.com', path: 'content', catalogPath: '**/catalog-info.yaml' },
] as unknown as SourceConfig[];

async function register(input: string, skeleton: Record<string, string>, log: string[] = []) {
  const files: Record<string, string> = {
    'templates/service/template.yaml': templateYaml(`steps:
  - { id: fetch, action: fetch:plain, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=svc' } }
  - { id: register, action: catalog:register, input: { repoContentsUrl: '\${{ steps.publish.output.repoContentsUrl }}', ${input} } }
output:
  text:
    - { content: '\${{ steps.register.output.catalogInfoUrl }} \${{ steps.register.output.entityRef }}' }`),
  };
  for (const [path, text] of Object.entries(skeleton)) files[`templates/service/skeleton/${path}`] = text;
  const result = await runTemplate({
    template: memoryTemplate(files), values: {}, workspace: mkdtempSync(join(tmpdir(), 'backlot-reg-')), dryRun: true,
    unreadCatalogFile: unreadCatalogFileCheck(SOURCES), log: (l) => log.push(l),
  });
  return result.output.text[0]!.content;
}

const component = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec: {}\n`;
const location = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: ${name}\nspec:\n  targets: [./a.yaml]\n`;

describe('catalog:register', () => {
  it('reads the file catalogInfoPath names, reporting a Component first', async () => {
    const skeleton = { 'deploy/catalog.yaml': `${location('loc')}---\n${component('svc')}`, 'catalog-info.yaml': component('wrong') };
    const log: string[] = [];
    expect(await register(`catalogInfoPath: /deploy/catalog.yaml`, skeleton, log)).toBe('https://github.com/acme/svc/blob/main/deploy/catalog.yaml component:default/svc');
    // The github source reads only /catalog-info.yaml: in a dry run that is a warning, in a real run a failure.
    expect(log.join('\n')).toMatch(/warning: https:\/\/github.com\/acme\/svc\/blob\/main\/deploy\/catalog.yaml will not be registered: the portal reads \/catalog-info.yaml in each repo, not \/deploy\/catalog.yaml/);
  });

  it("reports the Location's ref when the file holds only Locations, and Backstage's generated Location for an empty file", async () => {
    expect(await register('', { 'catalog-info.yaml': location('all-of-it') })).toMatch(/ location:default\/all-of-it$/);
    const url = 'https://github.com/acme/svc/blob/main/catalog-info.yaml';
    expect(await register('', { 'catalog-info.yaml': '# nothing yet\n' })).toBe(`${url} location:default/${generatedLocationName(url)}`);
  });

  it('refuses a catalogInfoPath that leaves the repo', async () => {
    await expect(register('catalogInfoPath: ../../other/catalog-info.yaml', { 'catalog-info.yaml': component('svc') })).rejects.toThrow(/"catalogInfoPath" "..\/..\/other\/catalog-info.yaml" leaves the repo/);
  });
});

describe('catalog:register in a real run', () => {
  it('fails, before asking for a rebuild, when the portal would never read the file; optional makes it a warning', async () => {
    const run = (optional: boolean, log: string[] = []) =>
      runTemplate({
        template: memoryTemplate({
          'templates/service/template.yaml': templateYaml(`steps:\n  - { id: r, action: catalog:register, input: { catalogInfoUrl: 'https://github.com/acme/svc/blob/main/ops/catalog.yaml', optional: ${optional} } }`),
        }),
        values: {}, workspace: mkdtempSync(join(tmpdir(), 'backlot-reg-')), dryRun: false, unreadCatalogFile: unreadCatalogFileCheck(SOURCES), log: (l) => log.push(l),
        github: () => { throw new Error('GitHub must not be called'); },
      });
    await expect(run(false)).rejects.toThrow(/step "r" \(catalog:register\) failed: https:\/\/github.com\/acme\/svc\/blob\/main\/ops\/catalog.yaml would not be registered: the portal reads \/catalog-info.yaml/);
    const log: string[] = [];
    await run(true, log);
    expect(log.join('\n')).toMatch(/warning: .* will not be registered/);
  });
});

describe('unreadCatalogFileCheck', () => {
  const check = unreadCatalogFileCheck(SOURCES);
  it('accepts what a configured source reads and names why anything else would never be read', () => {
    expect(check('https://github.com/ACME/svc/blob/main/catalog-info.yaml')).toBeUndefined();
    expect(check('https://github.com/labs/x/blob/main/deep/down/catalog-info.yaml')).toBeUndefined();
    expect(check('https://github.com/other/x/blob/main/catalog-info.yaml')).toMatch(/the portal does not crawl other on github.com/);
    expect(check('https://github.com/acme/x/blob/main/docs/catalog-info.yaml')).toMatch(/reads \/catalog-info.yaml in each repo, not \/docs\/catalog-info.yaml/);
    expect(check('github.com?owner=a&repo=b')).toMatch(/not a file URL/);
  });
});
