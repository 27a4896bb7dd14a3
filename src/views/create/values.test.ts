import { describe, expect, it } from 'vitest';
import { portalEntities } from '../../testing/entities.ts';
import { buildForm, type FormField } from './form.ts';
import { catalog, demoTemplate, kitchenSinkTemplate } from './testing.ts';
import { checkField, fieldActive, fieldValue, formValues, initialInput, parseRepoUrlValue, repoUrlValue, toEntityRef, type RawInput } from './values.ts';

const fields = (template = kitchenSinkTemplate) => Object.fromEntries(buildForm(portalEntities([template])[0]!, catalog()).pages.flatMap((p) => p.fields).map((f) => [f.name, f])) as Record<string, FormField>;
const f = fields();

describe('repo URLs', () => {
  it('writes and reads RepoUrlPicker’s host?owner=o&repo=r', () => {
    expect(repoUrlValue({ host: 'github.com', owner: 'acme', repo: 'new-svc' })).toBe('github.com?owner=acme&repo=new-svc');
    expect(repoUrlValue({ host: 'github.com', owner: '', repo: '' })).toBeUndefined();
    expect(parseRepoUrlValue('github.com?owner=acme&repo=new-svc')).toEqual({ host: 'github.com', owner: 'acme', repo: 'new-svc' });
  });
});

describe('toEntityRef', () => {
  it('completes a typed name with the default kind and namespace, keeps full refs and unparseable text', () => {
    expect(toEntityRef('team-a', { defaultKind: 'group' })).toBe('group:default/team-a');
    expect(toEntityRef('ops/fleet', { defaultKind: 'System' })).toBe('system:ops/fleet');
    expect(toEntityRef('User:default/Ada', {})).toBe('user:default/Ada');
    expect(toEntityRef('team-a', { defaultKind: 'group', defaultNamespace: 'ops' })).toBe('group:ops/team-a');
    expect(toEntityRef('no-kind', {})).toBe('no-kind');
  });
});

describe('fieldValue', () => {
  it('types numbers and booleans, leaves empty fields out and bad numbers as text for the schema to report', () => {
    expect(fieldValue(f.replicas!, '3')).toBe(3);
    expect(fieldValue(f.replicas!, '')).toBeUndefined();
    expect(fieldValue(f.replicas!, 'three')).toBe('three');
    expect(fieldValue(f.public!, false)).toBe(false);
    expect(fieldValue(f.name!, '')).toBeUndefined();
    expect(fieldValue(f.name!, 'lib-a')).toBe('lib-a');
  });

  it('lists drop blank items; entity lists complete refs; checkboxes keep option order', () => {
    expect(fieldValue(f.aliases!, ['a1', ' ', 'b2 '])).toEqual(['a1', 'b2']);
    expect(fieldValue(f.aliases!, [''])).toBeUndefined();
    expect(fieldValue(f.consumers!, ['checkout-web', 'api:default/payments-api'])).toEqual(['component:default/checkout-web', 'api:default/payments-api']);
    expect(fieldValue(f.platforms!, ['windows', 'linux'])).toEqual(['linux', 'windows']);
  });

  it('JSON fields parse, or keep the text to be reported', () => {
    expect(fieldValue(f.settings!, '{"a": 1}')).toEqual({ a: 1 });
    expect(fieldValue(f.settings!, '{a')).toBe('{a');
    expect(checkField(f.settings!, '{a')).toBe('Not valid JSON.');
  });

  it('the owner picker turns a typed team name into a group ref', () => {
    const owner = fields(demoTemplate('node-service')).owner!;
    expect(fieldValue(owner, 'team-payments')).toBe('group:default/team-payments');
  });

  it('formValues collects every step’s fields', () => {
    const raw: Record<string, string> = { name: 'lib-a', kind: 'lib', replicas: '4' };
    expect(formValues(buildForm(portalEntities([kitchenSinkTemplate])[0]!, catalog()), (field) => raw[field.name] ?? (field.kind === 'boolean' ? false : undefined))).toEqual({
      name: 'lib-a',
      kind: 'lib',
      replicas: 4,
      public: false,
    });
  });
});

describe('initialInput', () => {
  it('shows defaults, the repo picker’s first host and only owner', () => {
    expect(initialInput(f.replicas!)).toBe('2');
    expect(initialInput(f.public!)).toBe(false);
    expect(initialInput(f.internal!)).toBe('x1');
    expect(initialInput(fields(demoTemplate('node-service')).repoUrl!)).toEqual({ host: 'github.com', owner: 'kestrel-freight', repo: '' });
    expect(initialInput(f.repoUrl!)).toEqual({ host: 'github.com', owner: '', repo: '' });
  });
});

describe('checkField', () => {
  it('EntityNamePicker: Backstage’s entity-name rule', () => {
    expect(checkField(f.name!, 'my-lib.v2')).toBeUndefined();
    expect(checkField(f.name!, '-lead')).toMatch(/^Must be 1–63 letters/);
    expect(checkField(f.name!, 'x'.repeat(64))).toMatch(/^Must be 1–63/);
  });

  it('EntityTagsPicker: the tag rule for every tag', () => {
    expect(checkField(f.tags!, ['java', 'c++', 'a:b'])).toBeUndefined();
    expect(checkField(f.tags!, ['java', 'Bad--Tag'])).toBe('“Bad--Tag” is not a valid tag: use lower-case letters, digits, “:”, “+” or “#”, with single “-” between parts.');
  });

  it('RepoUrlPicker: complete, on an allowed host and owner, a valid repo name', () => {
    const repo = f.repoUrl!;
    expect(checkField(repo, 'github.com?owner=acme&repo=new-lib')).toBeUndefined();
    expect(checkField(repo, 'github.com?owner=acme')).toBe('Give both the owner and the repository name.');
    expect(checkField(repo, 'gitlab.com?owner=acme&repo=x')).toBe('The host must be github.com or ghe.acme.example.');
    expect(checkField(repo, 'github.com?owner=evil&repo=x')).toBe('The owner must be acme or acme-labs.');
    expect(checkField(repo, 'github.com?owner=acme&repo=a b')).toBe('“a b” is not a valid repository name: use letters, digits, “-”, “_” and “.”.');
  });

  it('a closed MultiEntityPicker takes only its choices', () => {
    expect(checkField(f.owners!, ['group:default/team-platform'])).toBeUndefined();
    expect(checkField(f.owners!, ['group:default/nobody'])).toBe('“group:default/nobody” is not in the catalog: choose one of the listed entities.');
  });
});

describe('conditional fields', () => {
  const form = buildForm(portalEntities([kitchenSinkTemplate])[0]!, catalog());
  const raw = (input: Record<string, RawInput>) => (field: FormField) => input[field.name] ?? (field.kind === 'boolean' ? false : undefined);

  it('a field whose condition does not hold is left out of the values, whatever was typed into it', () => {
    const typed = { name: 'tool-kit', kind: 'cli', binName: 'tk', language: 'go' };
    expect(formValues(form, raw(typed))).toMatchObject({ kind: 'cli', binName: 'tk' });
    expect(formValues(form, raw(typed)).language).toBeUndefined();
    expect(formValues(form, raw({ ...typed, kind: 'lib' }))).toMatchObject({ kind: 'lib', language: 'go' });
    expect(formValues(form, raw({ ...typed, kind: 'lib' })).binName).toBeUndefined();
    expect(formValues(form, raw({ name: 'x', binName: 'tk' })).binName).toBeUndefined();
  });

  it('fieldActive: values, any value, empty fields, else branches', () => {
    const f = (when: FormField['when']) => ({ name: 'x', when }) as FormField;
    expect(fieldActive(f(undefined), {})).toBe(true);
    expect(fieldActive(f({ all: [{ field: 'a', values: [1, 2] }] }), { a: 2 })).toBe(true);
    expect(fieldActive(f({ all: [{ field: 'a', values: [1, 2] }] }), { a: 3 })).toBe(false);
    expect(fieldActive(f({ all: [{ field: 'a' }] }), { a: '' })).toBe(false);
    expect(fieldActive(f({ all: [{ field: 'a' }] }), { a: false })).toBe(true);
    expect(fieldActive(f({ all: [{ field: 'a', values: ['pg'], absentOk: true }] }), {})).toBe(true);
    expect(fieldActive(f({ all: [{ field: 'a', values: [true] }], negate: true }), { a: false })).toBe(true);
    expect(fieldActive(f({ all: [{ field: 'a', values: [true] }, { field: 'b' }], negate: true }), { a: true, b: 'x' })).toBe(false);
  });
});
