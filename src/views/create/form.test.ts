import { describe, expect, it } from 'vitest';
import { portalEntities } from '../../testing/entities.ts';
import { buildForm, type FormField } from './form.ts';
import { catalog, demoTemplate, kitchenSinkTemplate } from './testing.ts';

const entities = catalog();
const formOf = (template: Parameters<typeof portalEntities>[0][number]) => buildForm(portalEntities([template])[0]!, entities);
const byName = (fields: FormField[]) => Object.fromEntries(fields.map((f) => [f.name, f]));

describe('buildForm on the demo templates', () => {
  it('node-service: three steps, the pickers fed from the catalog, enums, numbers and the repo picker', () => {
    const form = formOf(demoTemplate('node-service'));
    expect(form.ref).toBe('template:default/node-service');
    expect(form.title).toBe('Node.js service');
    expect(form.buttons).toEqual({ back: 'Back', review: 'Review', create: 'Create' });
    expect(form.pages.map((p) => [p.title, p.fields.map((f) => `${f.name}:${f.kind}${f.required ? '*' : ''}`)])).toEqual([
      ['About the service', ['name:text*', 'description:textarea*', 'owner:entity*', 'system:entity']],
      ['Runtime', ['lifecycle:select*', 'port:number', 'database:boolean', 'tier:radio']],
      ['Repository', ['repoUrl:repo-url*', 'visibility:select']],
    ]);
    const [about, runtime, repo] = form.pages.map((p) => byName(p.fields));
    expect(about!.name).toMatchObject({
      title: 'Name',
      autofocus: true,
      maxLength: 40,
      help: 'Example: pickup-scheduler. Do not add a "-service" suffix unless it reads better.',
      description: 'Lower-case name, used for the repo, the Kubernetes deployment and the catalog.',
    });
    expect(about!.description).toMatchObject({ kind: 'textarea', rows: 3, maxLength: 300 });
    // catalogFilter {kind: Group, spec.type: team}: teams only, never the department or users.
    expect(about!.owner).toMatchObject({
      picker: 'OwnerPicker',
      arbitrary: true,
      defaultKind: 'group',
      choices: [
        { value: 'group:default/team-platform', label: 'Platform team (team-platform)' },
        { value: 'group:default/team-payments', label: 'team-payments' },
      ],
    });
    expect(about!.system!.choices).toEqual([
      { value: 'system:default/checkout', label: 'checkout' },
      { value: 'system:ops/fleet', label: 'ops/fleet' },
    ]);
    expect(runtime!.lifecycle).toMatchObject({
      default: 'experimental',
      options: [
        { value: 'experimental', label: 'Experimental (no on-call, may be deleted)' },
        { value: 'production', label: 'Production (on-call, SLOs)' },
      ],
    });
    expect(runtime!.port).toMatchObject({ valueType: 'integer', default: 8080, minimum: 1024, maximum: 65535 });
    expect(runtime!.database).toMatchObject({ valueType: 'boolean', default: false });
    expect(runtime!.tier!.options!.map((o) => o.value)).toEqual(['tier-1', 'tier-2', 'tier-3']);
    expect(repo!.repoUrl).toMatchObject({
      check: 'repo-url',
      repo: { hosts: ['github.com'], owners: ['kestrel-freight'], repos: [], ownerLabel: 'Owner', repoLabel: 'Repository' },
    });
    // The page schema is the template's own, so the browser validates what `backlot scaffold` validates.
    expect(form.pages.map((p) => p.schema)).toEqual(demoTemplate('node-service').spec!.parameters);
  });

  it('docs-site: an owner picker over every group, a default, radio with enumNames', () => {
    const form = formOf(demoTemplate('docs-site'));
    const about = byName(form.pages[0]!.fields);
    expect(about.owner!.choices!.map((c) => c.value)).toEqual(['group:default/engineering', 'group:default/team-platform', 'group:default/team-payments']);
    expect(about.title).toMatchObject({ kind: 'text', default: 'Team handbook', required: true });
    expect(about.audience).toMatchObject({ kind: 'radio', options: [{ value: 'engineering', label: 'Engineers' }, expect.anything(), expect.anything()] });
  });
});

describe('buildForm on Backstage-style parameter pages', () => {
  const form = formOf(kitchenSinkTemplate);
  const [basics, details] = form.pages.map((p) => byName(p.fields));

  it('takes the presentation button labels and the pages’ descriptions', () => {
    expect(form.buttons).toEqual({ back: 'Previous', review: 'Check', create: 'Make it' });
    expect(form.pages[0]).toMatchObject({ title: 'Basics', description: 'Who and what.' });
  });

  it('required, enum with enumNames, oneOf consts as radio, pattern and help', () => {
    expect(basics!.name).toMatchObject({ required: true, check: 'entity-name', autofocus: true, placeholder: 'my-library' });
    expect(basics!.kind).toMatchObject({ kind: 'select', required: true, options: [{ value: 'lib', label: 'Library' }, { value: 'cli', label: 'Command-line tool' }] });
    expect(basics!.flavour).toMatchObject({ kind: 'radio', required: false, options: [{ value: 'sweet', label: 'Sweet' }, { value: 'sour', label: 'Sour' }] });
    expect(basics!.code).toMatchObject({ kind: 'text', help: 'Three capitals.' });
    expect(basics!.notes).toMatchObject({ kind: 'textarea', rows: 6 });
  });

  it('MultiEntityPicker: a list of any of several filters; closed or open to typed refs', () => {
    expect(basics!.owners).toMatchObject({ kind: 'list', valueType: 'array', arbitrary: false });
    expect(basics!.owners!.choices!.map((c) => c.value)).toEqual(['group:default/team-payments', 'group:default/team-platform', 'user:default/alice']);
    expect(basics!.consumers).toMatchObject({ arbitrary: true, defaultKind: 'Component' });
    expect(basics!.consumers!.choices!.map((c) => c.value)).toEqual(['component:default/checkout-web', 'component:default/payments-service']);
  });

  it('EntityTagsPicker suggests the tags of the named kinds, most used first, with counts', () => {
    expect(details!.tags).toMatchObject({
      kind: 'list',
      check: 'tags',
      choices: [
        { value: 'java', label: 'java (2)' },
        { value: 'pci', label: 'pci (1)' },
        { value: 'react', label: 'react (1)' },
      ],
    });
  });

  it('arrays of strings, enum arrays as checkboxes, numbers, booleans, objects', () => {
    expect(details!.aliases).toMatchObject({ kind: 'list', itemType: 'string' });
    expect(details!.platforms).toMatchObject({ kind: 'checkboxes', options: [{ value: 'linux' }, { value: 'macos' }, { value: 'windows' }] });
    expect(details!.replicas).toMatchObject({ kind: 'number', valueType: 'number', default: 2, minimum: 1, maximum: 9 });
    expect(details!.public).toMatchObject({ kind: 'boolean', valueType: 'boolean' });
    expect(details!.settings).toMatchObject({ kind: 'json', valueType: 'json' });
  });

  it('password and hidden widgets, review masking and hiding', () => {
    expect(details!.apiKey).toMatchObject({ kind: 'password', review: { show: true, mask: '******' } });
    expect(details!.secretish).toMatchObject({ kind: 'text', review: { show: true, mask: '(hidden)' } });
    expect(details!.internal).toMatchObject({ kind: 'hidden', default: 'x1', review: { show: false } });
  });

  it('an EntityPicker filtered on an annotation whose key has dots; an unknown field becomes text with a note', () => {
    expect(details!.component!.choices!.map((c) => c.value)).toEqual(['component:default/payments-service']);
    expect(details!.mystery).toMatchObject({ kind: 'text', note: 'The portal has no “FancyPicker” field (a field extension of your Backstage); type the value.' });
  });

  it('RepoUrlPicker keeps the allowed hosts and owners', () => {
    expect(byName(form.pages[2]!.fields).repoUrl!.repo).toEqual({
      hosts: ['github.com', 'ghe.acme.example'],
      owners: ['acme', 'acme-labs'],
      repos: [],
      ownerLabel: 'Owner',
      repoLabel: 'Repository',
    });
  });

  it('a template without parameters has no steps; a single page object is one step', () => {
    const bare = { ...kitchenSinkTemplate, metadata: { name: 'bare' }, spec: { type: 'x', steps: [] } };
    expect(formOf(bare).pages).toEqual([]);
    const single = { ...kitchenSinkTemplate, metadata: { name: 'single' }, spec: { type: 'x', steps: [], parameters: { properties: { a: { type: 'string' } } } } };
    expect(formOf(single).pages.map((p) => [p.title, p.fields.map((f) => f.name)])).toEqual([['Step 1', ['a']]]);
  });
});

describe('conditional fields, as react-jsonschema-form shows them', () => {
  it('dependencies with oneOf: each branch’s fields show for the value its const picks, required as that branch says', () => {
    const basics = byName(formOf(kitchenSinkTemplate).pages[0]!.fields);
    expect(basics.language).toMatchObject({ kind: 'select', required: false, when: { all: [{ field: 'kind', values: ['lib'] }] } });
    expect(basics.binName).toMatchObject({ kind: 'text', required: true, when: { all: [{ field: 'kind', values: ['cli'] }] } });
    expect(basics.kind!.when).toBeUndefined();
  });

  it('a schema dependency shows its fields once the property has a value; a field in two branches shows for both', () => {
    const template = {
      ...kitchenSinkTemplate,
      metadata: { name: 'deps' },
      spec: {
        type: 'x',
        steps: [],
        parameters: {
          properties: { ci: { type: 'string', enum: ['gha', 'tekton', 'jenkins'] }, team: { type: 'string' } },
          dependencies: {
            team: { properties: { channel: { type: 'string', title: 'Channel' } } },
            ci: { oneOf: [{ properties: { ci: { const: 'gha' } } }, { properties: { ci: { enum: ['tekton'] }, image: { type: 'string' } } }, { properties: { ci: { const: 'jenkins' }, image: { type: 'string' } } }] },
            other: ['team'],
          },
        },
      },
    };
    const fields = byName(formOf(template).pages[0]!.fields);
    expect(Object.keys(fields)).toEqual(['ci', 'team', 'channel', 'image']);
    expect(fields.channel!.when).toEqual({ all: [{ field: 'team' }] });
    expect(fields.image!.when).toEqual({ all: [{ field: 'ci', values: ['tekton', 'jenkins'] }] });
  });

  it('if/then/else at the top and in allOf: then while every tested property matches, else otherwise', () => {
    const template = {
      ...kitchenSinkTemplate,
      metadata: { name: 'ifs' },
      spec: {
        type: 'x',
        steps: [],
        parameters: {
          properties: { public: { type: 'boolean' }, db: { type: 'string', enum: ['pg', 'none'] } },
          if: { properties: { public: { const: true } }, required: ['public'] },
          then: { properties: { licence: { type: 'string', default: 'MIT' } }, required: ['licence'] },
          else: { properties: { audience: { type: 'string' } } },
          allOf: [{ if: { properties: { db: { const: 'pg' } } }, then: { properties: { dbSize: { type: 'integer' } } } }, { if: { properties: { nope: { const: 1 } } }, then: { properties: { ghost: { type: 'string' } } } }],
        },
      },
    };
    const fields = byName(formOf(template).pages[0]!.fields);
    expect(Object.keys(fields)).toEqual(['public', 'db', 'licence', 'audience', 'dbSize']);
    expect(fields.licence).toMatchObject({ required: true, when: { all: [{ field: 'public', values: [true] }] } });
    expect(fields.audience).toMatchObject({ required: false, when: { all: [{ field: 'public', values: [true] }], negate: true } });
    // `db` is not in the `if`'s required: with no db chosen the `if` holds, as in JSON Schema.
    expect(fields.dbSize!.when).toEqual({ all: [{ field: 'db', values: ['pg'], absentOk: true }] });
  });
});
