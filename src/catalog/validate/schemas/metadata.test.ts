import { describe, expect, it } from 'vitest';
import { createValidator } from '../index.ts';

const validate = createValidator();

function withMetadata(metadata: Record<string, unknown>): unknown {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', ...metadata },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

function issues(metadata: Record<string, unknown>) {
  return validate(withMetadata(metadata));
}

describe('metadata.name', () => {
  it('accepts 63 characters and rejects 64, saying how long it is', () => {
    expect(issues({ name: 'a'.repeat(63) })).toEqual([]);
    const [issue, ...rest] = issues({ name: 'a'.repeat(64) });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: 'schema', path: ['metadata', 'name'] });
    expect(issue?.message).toBe(`metadata.name "${'a'.repeat(64)}" is not a valid name`);
    expect(issue?.hint).toContain('it has 64 characters; shorten it to at most 63');
  });

  it.each(['-payments', 'payments-', '_payments', 'payments_', '.payments', 'payments.'])('rejects %j (bad start or end)', (name) => {
    const found = issues({ name });
    expect(found).toHaveLength(1);
    expect(found[0]?.hint).toContain('start and end with a letter or digit');
  });

  it('names the bad characters and suggests a valid name', () => {
    expect(issues({ name: 'Foo Bar!' })).toEqual([
      {
        code: 'schema',
        message: 'metadata.name "Foo Bar!" is not a valid name',
        hint: '" ", "!" are not allowed; use 1–63 characters a–z, A–Z, 0–9, "-", "_", "." that start and end with a letter or digit, e.g. "Foo-Bar"',
        path: ['metadata', 'name'],
      },
    ]);
  });

  it('accepts mixed case, dots, underscores and repeated hyphens', () => {
    expect(issues({ name: 'My.Service_v2--beta' })).toEqual([]);
  });

  it('is required, pointing at metadata', () => {
    const entity = withMetadata({}) as { metadata: Record<string, unknown> };
    delete entity.metadata.name;
    expect(validate(entity)).toEqual([
      {
        code: 'schema',
        message: 'metadata.name is required',
        hint: 'add metadata.name: a name unique within its kind and namespace, e.g. "payments-api"',
        path: ['metadata'],
      },
    ]);
  });

  it('must be a string (YAML numbers need quotes)', () => {
    expect(issues({ name: 123 })).toEqual([
      {
        code: 'schema',
        message: 'metadata.name must be a string, not a number (123)',
        hint: "quote it: '123'",
        path: ['metadata', 'name'],
      },
    ]);
  });

  it('reports an empty name as empty', () => {
    expect(issues({ name: '' })).toMatchObject([{ message: 'metadata.name must not be empty', path: ['metadata', 'name'] }]);
  });
});

describe('metadata.namespace', () => {
  it('accepts a lower-case DNS label with runs of hyphens', () => {
    expect(issues({ namespace: 'team--a' })).toEqual([]);
    expect(issues({ namespace: 'n'.repeat(63) })).toEqual([]);
  });

  it('rejects upper case and suggests the lower-case form', () => {
    expect(issues({ namespace: 'Team-A' })).toEqual([
      {
        code: 'schema',
        message: 'metadata.namespace "Team-A" is not a valid namespace',
        hint: 'namespaces are lower-case: use "team-a"',
        path: ['metadata', 'namespace'],
      },
    ]);
  });

  it.each(['team_a', 'team.a', '-team', 'team-', 'n'.repeat(64)])('rejects %j', (namespace) => {
    expect(issues({ namespace })).toMatchObject([{ path: ['metadata', 'namespace'] }]);
  });
});

describe('metadata.labels', () => {
  it('accepts plain and prefixed keys, and empty values', () => {
    expect(issues({ labels: { tier: 'gold', 'example.com/cost-center': 'cc-1', empty: '' } })).toEqual([]);
  });

  it('points at the key itself for a bad key', () => {
    expect(issues({ labels: { 'Bad Key': 'x' } })).toEqual([
      {
        code: 'schema',
        message: 'metadata.labels key "Bad Key" is not a valid label key',
        hint: expect.stringContaining('" " is not allowed'),
        path: ['metadata', 'labels', 'Bad Key'],
        onKey: true,
      },
    ]);
  });

  it('allows at most one slash', () => {
    expect(issues({ labels: { 'example.com/a/b': 'x' } })).toMatchObject([
      { path: ['metadata', 'labels', 'example.com/a/b'], onKey: true, hint: expect.stringContaining('at most one "/"') },
    ]);
  });

  it('needs a lower-case prefix', () => {
    expect(issues({ labels: { 'Example.com/tier': 'x' } })).toMatchObject([
      { onKey: true, hint: 'the prefix must be lower-case: "example.com/tier"' },
    ]);
  });

  it('limits the prefix to 253 characters', () => {
    const prefix = `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`;
    expect(prefix).toHaveLength(253);
    expect(issues({ labels: { [`${prefix}/k`]: 'x' } })).toEqual([]);
    const found = issues({ labels: { [`${prefix}d/k`]: 'x' } });
    expect(found).toMatchObject([{ onKey: true, hint: expect.stringContaining('the prefix has 254 characters') }]);
  });

  it('checks the name part after the prefix with the name rule', () => {
    expect(issues({ labels: { 'example.com/-x': 'v' } })).toMatchObject([{ onKey: true, hint: expect.stringContaining('the part after "/"') }]);
    expect(issues({ labels: { [`example.com/${'x'.repeat(64)}`]: 'v' } })).toHaveLength(1);
  });

  it('points at the value for a bad value', () => {
    expect(issues({ labels: { tier: 'gold plated' } })).toEqual([
      {
        code: 'schema',
        message: 'metadata.labels.tier "gold plated" is not a valid label value',
        hint: expect.stringContaining('a label value is empty or follows the name rule'),
        path: ['metadata', 'labels', 'tier'],
      },
    ]);
  });

  it('wants string values', () => {
    expect(issues({ labels: { replicas: 3 } })).toMatchObject([
      { message: 'metadata.labels.replicas must be a string, not a number (3)', hint: "quote it: '3'" },
    ]);
  });

  it('must be a map', () => {
    expect(issues({ labels: ['a'] })).toMatchObject([{ message: 'metadata.labels must be an object, not a list', path: ['metadata', 'labels'] }]);
  });
});

describe('metadata.annotations', () => {
  it('accepts any string value, however long', () => {
    expect(issues({ annotations: { 'backstage.io/techdocs-ref': 'dir:.', 'example.com/blob': 'x y z\n'.repeat(1000) } })).toEqual([]);
  });

  it('rejects booleans and numbers with a hint to quote them', () => {
    expect(issues({ annotations: { 'example.com/enabled': true, 'example.com/port': 8080 } })).toEqual([
      {
        code: 'schema',
        message: 'metadata.annotations["example.com/enabled"] must be a string, not a boolean (true)',
        hint: "quote it: 'true'",
        path: ['metadata', 'annotations', 'example.com/enabled'],
      },
      {
        code: 'schema',
        message: 'metadata.annotations["example.com/port"] must be a string, not a number (8080)',
        hint: "quote it: '8080'",
        path: ['metadata', 'annotations', 'example.com/port'],
      },
    ]);
  });

  it('rejects an empty (null) value', () => {
    expect(issues({ annotations: { 'example.com/x': null } })).toMatchObject([
      { message: 'metadata.annotations["example.com/x"] must be a string, not empty', hint: 'give it a value, or remove the line' },
    ]);
  });

  it('checks keys with the label-key rule', () => {
    expect(issues({ annotations: { 'Backstage.io/x': 'v', 'a/b/c': 'v' } })).toMatchObject([
      { message: 'metadata.annotations key "Backstage.io/x" is not a valid annotation key', onKey: true },
      { message: 'metadata.annotations key "a/b/c" is not a valid annotation key', onKey: true },
    ]);
  });
});

describe('metadata.tags', () => {
  it('accepts lower-case tags with ":", "+" and "#" and single hyphens', () => {
    expect(issues({ tags: ['java', 'c++', 'c#', 'team:payments', 'front-end', 't'.repeat(63)] })).toEqual([]);
  });

  it('points at each bad tag by index', () => {
    expect(issues({ tags: ['ok', 'Java', 'a--b', '-a', 'a-', 't'.repeat(64), 'a_b'] })).toEqual([
      expect.objectContaining({ path: ['metadata', 'tags', 1], hint: 'tags are lower-case: use "java"' }),
      expect.objectContaining({ path: ['metadata', 'tags', 2], hint: expect.stringContaining('never two in a row') }),
      expect.objectContaining({ path: ['metadata', 'tags', 3] }),
      expect.objectContaining({ path: ['metadata', 'tags', 4] }),
      expect.objectContaining({ path: ['metadata', 'tags', 5], hint: expect.stringContaining('it has 64 characters') }),
      expect.objectContaining({ path: ['metadata', 'tags', 6], hint: expect.stringContaining('"_" is not allowed in tags') }),
    ]);
  });

  it('says what is wrong with the list itself', () => {
    expect(issues({ tags: 'java' })).toMatchObject([
      { message: 'metadata.tags must be a list of strings, not a string ("java")', hint: 'make it a list: tags: ["java"]' },
    ]);
    expect(issues({ tags: [1] })).toMatchObject([{ path: ['metadata', 'tags', 0], message: 'metadata.tags[0] must be a string, not a number (1)' }]);
  });
});

describe('metadata.links', () => {
  it('accepts a complete link and a url-only link', () => {
    expect(issues({ links: [{ url: 'https://example.com', title: 'Dashboard', icon: 'dashboard', type: 'admin' }, { url: 'mailto:a@example.com' }] })).toEqual([]);
  });

  it('requires url', () => {
    expect(issues({ links: [{ title: 'Docs' }] })).toEqual([
      {
        code: 'schema',
        message: 'metadata.links[0].url is required',
        hint: 'add url: the address the link points to, e.g. "https://example.com/runbook"',
        path: ['metadata', 'links', 0],
      },
    ]);
  });

  it('checks url with new URL', () => {
    expect(issues({ links: [{ url: 'example.com/runbook' }, { url: 'not a url' }] })).toEqual([
      {
        code: 'schema',
        message: 'metadata.links[0].url "example.com/runbook" is not a valid URL',
        hint: 'add the scheme: "https://example.com/runbook"',
        path: ['metadata', 'links', 0, 'url'],
      },
      expect.objectContaining({ path: ['metadata', 'links', 1, 'url'], hint: expect.stringContaining('absolute URL') }),
    ]);
  });

  it('rejects empty and whitespace-only titles and empty icons', () => {
    expect(issues({ links: [{ url: 'https://a.example', title: '   ', icon: '' }, { url: 'https://b.example', title: '' }] })).toMatchObject([
      { message: 'metadata.links[0].title must not be blank', path: ['metadata', 'links', 0, 'title'] },
      { message: 'metadata.links[0].icon must not be empty', path: ['metadata', 'links', 0, 'icon'] },
      { message: 'metadata.links[1].title must not be blank', path: ['metadata', 'links', 1, 'title'] },
    ]);
  });

  it('wants type to be a string', () => {
    expect(issues({ links: [{ url: 'https://a.example', type: 5 }] })).toMatchObject([{ path: ['metadata', 'links', 0, 'type'] }]);
  });
});

describe('metadata.title, description and extra fields', () => {
  it('rejects an empty title and a non-string description', () => {
    expect(issues({ title: '', description: 42 })).toMatchObject([
      { message: 'metadata.title must not be empty', path: ['metadata', 'title'] },
      { message: 'metadata.description must be a string, not a number (42)', path: ['metadata', 'description'] },
    ]);
  });

  it('allows fields it does not know', () => {
    expect(issues({ uid: 'abc', etag: 'x', custom: { any: 'thing' } })).toEqual([]);
  });
});
