import { describe, expect, it } from 'vitest';
import { repoInfo } from '../snapshot/memory.ts';
import { decodePlaceholder, findPlaceholders, placeholderFile, SAME_REPO_MESSAGE, setAt } from './placeholders.ts';

const pets = repoInfo('pets');
const repos = [pets, repoInfo('other')];

describe('findPlaceholders', () => {
  it('finds sole-key $text/$json/$yaml objects at any depth, arrays included', () => {
    const value = {
      spec: { definition: { $text: './a.yaml' }, list: [1, { $json: 'b.json' }, [{ $yaml: '/c.yaml' }]] },
      metadata: { name: 'x' },
    };
    expect(findPlaceholders(value)).toEqual([
      { path: ['spec', 'definition'], kind: '$text', target: './a.yaml' },
      { path: ['spec', 'list', 1], kind: '$json', target: 'b.json' },
      { path: ['spec', 'list', 2, 0], kind: '$yaml', target: '/c.yaml' },
    ]);
  });

  it('leaves $ objects with other keys, unknown $ keys and their insides alone', () => {
    expect(findPlaceholders({ a: { $text: 'x', b: 1 }, c: { $ref: '#/d' }, e: { $ref: 'x', f: { $text: 'y' } } })).toEqual([]);
  });

  it('sees a placeholder that is the whole document', () => {
    expect(findPlaceholders({ $json: './entity.json' })).toEqual([{ path: [], kind: '$json', target: './entity.json' }]);
  });
});

describe('placeholderFile', () => {
  const at = (target: unknown) => placeholderFile({ path: ['spec', 'definition'], kind: '$text', target }, 'apis/catalog-info.yaml', pets, repos);

  it('resolves relative paths, root paths and same-repo URLs', () => {
    expect(at('./openapi.yaml')).toEqual({ path: 'apis/openapi.yaml' });
    expect(at('../shared/x.json')).toEqual({ path: 'shared/x.json' });
    expect(at('/openapi.yaml')).toEqual({ path: 'openapi.yaml' });
    expect(at('https://github.com/acme/pets/blob/main/apis/o.yaml')).toEqual({ path: 'apis/o.yaml' });
  });

  it('refuses escapes, other repos, foreign URLs and non-strings', () => {
    expect(at('../../etc/passwd')).toMatchObject({ error: 'Placeholder $text path "../../etc/passwd" leaves the repository' });
    expect(at('/../x')).toMatchObject({ error: expect.stringContaining('leaves the repository') });
    expect(at('https://github.com/acme/other/blob/main/o.yaml')).toMatchObject({ error: `${SAME_REPO_MESSAGE} (https://github.com/acme/other/blob/main/o.yaml is in other)` });
    expect(at('https://raw.githubusercontent.com/acme/pets/main/o.yaml')).toMatchObject({ error: expect.stringContaining(SAME_REPO_MESSAGE) });
    expect(at('file:///etc/passwd')).toMatchObject({ error: expect.stringContaining(SAME_REPO_MESSAGE) });
    expect(at({ nested: 1 })).toMatchObject({ error: 'Placeholder $text must be a non-empty string (a path or a URL), got an object' });
    expect(at('')).toMatchObject({ error: expect.stringContaining('non-empty string') });
  });
});

describe('decodePlaceholder', () => {
  const text = (t: string) => ({ repo: 'pets', path: 'f', kind: 'text' as const, text: t });

  it('decodes each kind', () => {
    expect(decodePlaceholder('$text', 'f', text('a: 1\n'))).toEqual({ value: 'a: 1\n' });
    expect(decodePlaceholder('$json', 'f', text('{"a":[1]}'))).toEqual({ value: { a: [1] } });
    expect(decodePlaceholder('$yaml', 'f', text('a: [1]\n'))).toEqual({ value: { a: [1] } });
  });

  it('explains what went wrong', () => {
    expect(decodePlaceholder('$json', 'f', text('{'))).toMatchObject({ error: expect.stringContaining('pets/f is not valid JSON') });
    expect(decodePlaceholder('$yaml', 'f', text('a: 1\n---\nb: 2\n'))).toMatchObject({ error: expect.stringContaining('found 2') });
    expect(decodePlaceholder('$text', './f', { repo: 'pets', path: 'f', kind: 'missing' })).toEqual({ error: 'Placeholder $text file not found: "./f" (looked for pets/f)' });
    expect(decodePlaceholder('$text', 'f', { repo: 'pets', path: 'f', kind: 'skipped', reason: 'binary', size: 9 })).toMatchObject({ error: expect.stringContaining('skipped (binary') });
  });
});

describe('setAt', () => {
  it('replaces a value in nested objects and arrays', () => {
    const value = { spec: { list: [1, { $text: 'x' }] } };
    setAt(value, ['spec', 'list', 1], 'done');
    expect(value).toEqual({ spec: { list: [1, 'done'] } });
  });
});
