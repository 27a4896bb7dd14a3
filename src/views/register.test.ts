import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkCatalogText } from '../catalog/checkText.ts';
import { createValidator } from '../catalog/validate/index.ts';
import { MAX_USER_CHOICES, catalogInfoYaml, newFileUrl, registerPageData, validateCommand, yamlString, type RegisterValues } from './register.ts';
import { defaultConfig } from '../config/load.ts';
import { runPipeline } from '../pipeline/index.ts';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { fixtureModel } from '../site/testing/build.ts';

const component: RegisterValues = {
  kind: 'Component',
  name: 'tracking-web',
  title: 'Tracking web',
  description: 'Where customers follow a parcel.',
  owner: 'team-shipments',
  system: 'shipping',
  type: 'website',
  lifecycle: 'production',
  docs: true,
  repoUrl: 'https://github.com/acme/tracking-web',
};

describe('catalogInfoYaml', () => {
  it('writes the entity as Backstage’s examples do, empty fields left out', () => {
    expect(catalogInfoYaml(component)).toBe(
      [
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: tracking-web',
        '  title: Tracking web',
        '  description: Where customers follow a parcel.',
        '  annotations:',
        '    backstage.io/techdocs-ref: dir:.',
        'spec:',
        '  type: website',
        '  lifecycle: production',
        '  owner: team-shipments',
        '  system: shipping',
        '',
      ].join('\n'),
    );
    expect(catalogInfoYaml({ kind: 'System', name: 'shipping', owner: 'user:jane', docs: false, lifecycle: 'production', system: 'x', title: ' ' })).toBe(
      'apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  name: shipping\nspec:\n  owner: user:jane\n',
    );
  });

  it('quotes whatever would read back as something else, and the file parses to the same strings', () => {
    const tricky = ['yes', 'No', 'null', '~', '1.0', '0x1F', '-1', '.5', 'a: b', 'a #b', '#x', '- x', '[x]', '{x}', "'q'", '"q"', '*a', '&a', '!t', '|', '>', '%x', '@x', '`x', ' lead', 'trail ', 'tab\there', 'line\nbreak', '', 'ünïcode ✓', 'ends:'];
    for (const s of tricky) {
      expect(parse(`k: ${yamlString(s)}\n`), JSON.stringify(s)).toEqual({ k: s });
    }
    expect(yamlString('team-a')).toBe('team-a');
    expect(yamlString('Where customers follow a parcel.')).toBe('Where customers follow a parcel.');
    const text = catalogInfoYaml({ ...component, title: 'yes: really #1', description: 'line one\nline two' });
    expect(parse(text).metadata).toMatchObject({ title: 'yes: really #1', description: 'line one\nline two' });
  });

  it('passes the build’s parser and validator when the form is complete, and names the field when it is not', () => {
    const check = (values: RegisterValues) => checkCatalogText(catalogInfoYaml(values), createValidator());
    expect(check(component)).toEqual([]);
    expect(check({ ...component, kind: 'Resource', type: 'database' })).toEqual([]);
    const bad = check({ ...component, name: 'Tracking Web!' });
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ code: 'schema', path: ['metadata', 'name'], line: 4, column: 9 });
    expect(bad[0]!.message).toContain('Tracking Web!');
    expect(check({ ...component, type: '' }).map((p) => p.path)).toEqual([['spec']]);
  });
});

describe('newFileUrl', () => {
  it('opens GitHub’s new-file page on the branch with the file filled in', () => {
    const url = new URL(newFileUrl('https://github.com/acme/tracking-web', 'main', 'a: b\n')!);
    expect(url.origin + url.pathname).toBe('https://github.com/acme/tracking-web/new/main');
    expect(Object.fromEntries(url.searchParams)).toEqual({ filename: 'catalog-info.yaml', value: 'a: b\n' });
    expect(newFileUrl('https://ghe.example.com/acme/web.git', 'trunk', 'x')).toMatch(/^https:\/\/ghe\.example\.com\/acme\/web\/new\/trunk\?/);
    expect(newFileUrl('https://github.com/acme/web/tree/release/2.x', 'main', 'x')).toMatch(/\/acme\/web\/new\/release\/2\.x\?/);
    expect(newFileUrl('not a url', 'main', 'x')).toBeUndefined();
    expect(newFileUrl('https://github.com/acme', 'main', 'x')).toBeUndefined();
  });

  it('names the repo’s folder in the validate command', () => {
    expect(validateCommand('https://github.com/acme/tracking-web')).toBe('npx backlot validate --strict ../tracking-web');
    expect(validateCommand(undefined)).toBe('npx backlot validate --strict ../<your-repo>');
  });
});

describe('registerPageData', () => {
  it('offers owners and systems by display name, types and lifecycles in use', async () => {
    const data = registerPageData(await fixtureModel());
    expect(data.owners).toEqual({
      groups: [
        { value: 'engineering', label: 'Engineering (engineering)' },
        { value: 'team-payments', label: 'Payments Team (team-payments)' },
        { value: 'team-platform', label: 'Platform Team (team-platform)' },
      ],
      users: [
        { value: 'user:alice', label: 'Alice Example (user:alice)' },
        { value: 'user:bob', label: 'Bob Example (user:bob)' },
      ],
      usersLeftOut: 0,
    });
    expect(data.systems).toEqual([{ value: 'checkout', label: 'Checkout (checkout)' }]);
    expect(data.types.Component).toEqual(['service', 'library', 'website']);
    expect(data.lifecycles).toEqual(['production', 'deprecated', 'experimental']);
    // ledger's catalog file holds no valid entity: the one repo left to register.
    expect(data.repos).toEqual([{ url: 'https://github.com/acme/ledger', branch: 'main' }]);
  });
});

describe('a large org', () => {
  it('lists groups only when users pass MAX_USER_CHOICES, so the page stays small', async () => {
    const model = await fixtureModel();
    const template = model.entities.find((e) => e.entity.kind === 'User')!;
    for (let i = 0; i < MAX_USER_CHOICES; i++) {
      model.entities.push({ ...template, ref: `user:default/u${i}`, entity: { ...template.entity, metadata: { ...template.entity.metadata, name: `u${i}` } } });
    }
    const { owners } = registerPageData(model);
    expect(owners.users).toEqual([]);
    expect(owners.usersLeftOut).toBe(MAX_USER_CHOICES + 2);
    expect(owners.groups.map((g) => g.value)).toEqual(['engineering', 'team-payments', 'team-platform']);
  });
});

describe('custom kinds', () => {
  it('reach the page from the config, so the browser checks a Component against them as the build does', async () => {
    const config = defaultConfig();
    const tiered = { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', schema: { type: 'object', properties: { spec: { type: 'object', required: ['tier'] } } } };
    const snapshot = memorySnapshot([{ repo: repoInfo('a'), files: {} }]);
    const { model } = await runPipeline({ ...config, catalog: { kinds: [tiered] } }, snapshot, { catalogPath: () => '/catalog-info.yaml' });
    const data = registerPageData(model);
    expect(data.customKinds).toEqual([tiered]);
    const problems = checkCatalogText(catalogInfoYaml(component), createValidator({ customKinds: data.customKinds }));
    expect(problems.map((p) => p.message)).toEqual([expect.stringContaining('tier')]);
  });
});
