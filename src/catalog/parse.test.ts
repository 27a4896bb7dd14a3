import { describe, expect, it } from 'vitest';
import { parseCatalogFile, parseSingleYaml } from './parse.ts';

describe('parseCatalogFile', () => {
  it('gives one result per document and keeps going after a broken one', () => {
    const docs = parseCatalogFile('kind: A\n---\nkind: B\n  bad: indent\n---\nkind: C\n');
    expect(docs.map((d) => [d.kind, d.index])).toEqual([
      ['entity', 0],
      ['error', 1],
      ['entity', 2],
    ]);
    expect(docs[1]).toMatchObject({ code: 'yaml-syntax', line: 3 });
    expect(docs[2]).toMatchObject({ value: { kind: 'C' }, root: { line: 6, column: 1 } });
  });

  it('reports duplicate keys and tabs with a readable message and a hint', () => {
    const [dup] = parseCatalogFile('kind: A\nmetadata:\n  name: a\n  name: b\n');
    expect(dup).toMatchObject({ kind: 'error', code: 'yaml-syntax', message: 'YAML syntax error: map keys must be unique', line: 4, column: 3 });
    expect(dup!.kind === 'error' && dup!.hint).toMatch(/appears twice/);
    const [tab] = parseCatalogFile('kind: A\nmetadata:\n\tname: a\n');
    expect(tab).toMatchObject({ kind: 'error', code: 'yaml-syntax', line: 3 });
  });

  it('skips null documents and rejects scalars and lists at the root', () => {
    const docs = parseCatalogFile('# comment only\n---\n~\n---\njust text\n---\n- a\n');
    expect(docs.map((d) => (d.kind === 'error' ? `${d.code}:${d.line} ${d.message}` : d.kind))).toEqual([
      'not-an-object:5 Expected an object at the document root, got a string',
      'not-an-object:7 Expected an object at the document root, got an array',
    ]);
  });

  it('reads YAML 1.2: merge keys stay plain keys, yes/no stay strings', () => {
    const [doc] = parseCatalogFile('base: &b { a: 1 }\nspec:\n  <<: *b\n  flag: yes\n');
    expect(doc).toMatchObject({ kind: 'entity', value: { spec: { '<<': { a: 1 }, flag: 'yes' } } });
  });

  it('survives an alias bomb', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) bomb.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    const [doc] = parseCatalogFile(bomb.join('\n'));
    expect(doc).toMatchObject({ kind: 'error', code: 'yaml-syntax' });
  });
});

describe('parseSingleYaml', () => {
  it('wants exactly one valid document', () => {
    expect(parseSingleYaml('a: 1\n')).toEqual({ value: { a: 1 } });
    expect(parseSingleYaml('a: 1\n---\nb: 2\n')).toEqual({ error: 'expected to find exactly one document in the file, found 2' });
    expect(parseSingleYaml('a: [1\n')).toMatchObject({ error: expect.stringMatching(/^YAML syntax error: .* at line 2, column 1$/) });
  });
});
