import { describe, expect, it } from 'vitest';
import { parseCatalogFile, parseSingleYaml, type ParsedDocument } from './parse.ts';
import { splitAtMarkers } from './parse-split.ts';

const entity = (name: string) => `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n`;
const summary = (docs: ParsedDocument[]) =>
  docs.map((d) => (d.kind === 'error' ? `error ${d.line}:${d.column}` : `${(d.value.metadata as { name: string }).name} ${d.root.line}`));

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

describe('parseCatalogFile: a broken document costs that document only', () => {
  it('keeps documents 3 and 4 after an unclosed quote in document 2, and reports the opening quote', () => {
    const text = `${entity('first')}---\n${entity('"second')}---\n${entity('third')}---\n${entity('fourth')}`;
    const docs = parseCatalogFile(text);
    expect(summary(docs)).toEqual(['first 1', 'error 11:9', 'third 15', 'fourth 22']);
    expect(docs[1]).toMatchObject({ message: 'YAML syntax error: the double quote (") opened here is never closed' });
    expect(docs[1]!.kind === 'error' && docs[1]!.hint).toMatch(/^Close the quote at the end of the value/);
    expect(docs.map((d) => d.index)).toEqual([0, 1, 2, 3]);
    // Positions below the root are moved to the file's lines too.
    expect(docs[3]).toMatchObject({ positions: { '/metadata/name': { line: 25, column: 9 } } });
  });

  it('finds an unclosed single quote in a one-document file', () => {
    expect(summary(parseCatalogFile("kind: A\nmetadata:\n  title: 'x\n  name: a\n"))).toEqual(['error 3:10']);
  });

  it('reports an unclosed flow list or map at its opening bracket, not at the next document', () => {
    const docs = parseCatalogFile(`${entity('a')}  tags: [x, y\n---\n${entity('b')}---\nmetadata: {name: c, labels: {x: 1\n---\n${entity('d')}`);
    expect(summary(docs)).toEqual(['error 7:9', 'b 9', 'error 16:29', 'd 18']);
    expect(docs[0]).toMatchObject({ message: 'YAML syntax error: the [ opened here is never closed' });
    expect(docs[2]).toMatchObject({ message: 'YAML syntax error: the { opened here is never closed' });
  });

  it('keeps the others when document 1 of 3 is badly indented', () => {
    const text = `kind: Component\nmetadata:\n  name: bad\n    title: x\n---\n${entity('b')}---\n${entity('c')}`;
    expect(summary(parseCatalogFile(text))).toEqual(['error 3:9', 'b 6', 'c 13']);
  });

  it('keeps the others around a tab-indented document and one with a duplicate key', () => {
    const text = `${entity('a')}---\nkind: Component\nmetadata:\n\tname: tab\n---\n${entity('b')}---\nkind: Component\nmetadata:\n  name: d\n  name: e\n---\n${entity('c')}`;
    expect(summary(parseCatalogFile(text))).toEqual(['a 1', 'error 10:1', 'b 12', 'error 22:3', 'c 24']);
  });

  it('reads the documents after an unclosed quote that is followed by an alias document', () => {
    // Parts that are not plain (an alias) go to the yaml path on their own.
    const text = `a: "x\n---\nbase: &b 1\nname: *b\n---\nname: plain\n`;
    const docs = parseCatalogFile(text);
    expect(docs.map((d) => (d.kind === 'error' ? `error ${d.line}:${d.column}` : JSON.stringify(d.value)))).toEqual([
      'error 1:4',
      '{"base":1,"name":1}',
      '{"name":"plain"}',
    ]);
  });
});

describe('splitAtMarkers', () => {
  it('cuts at --- and after ... at column 0, and nowhere else', () => {
    const text = 'a: |\n  ---\n  text\n---word: 1\n--- # first\nb: 1\n...\n%YAML 1.2\n---\nc: 2\n---\r\nd: 3';
    expect(splitAtMarkers(text)).toEqual([
      { text: 'a: |\n  ---\n  text\n---word: 1\n', lineOffset: 0 },
      { text: '--- # first\nb: 1\n...\n', lineOffset: 4 },
      { text: '%YAML 1.2\n---\nc: 2\n', lineOffset: 7 },
      { text: '---\r\nd: 3', lineOffset: 10 },
    ]);
  });

  it('treats --- at column 0 inside a block scalar as a marker, as YAML does', () => {
    expect(splitAtMarkers('a: |\n  one\n---\n  two\n').map((p) => p.lineOffset)).toEqual([0, 2]);
  });

  it('gives one part for a file without markers', () => {
    expect(splitAtMarkers('a: 1\n')).toEqual([{ text: 'a: 1\n', lineOffset: 0 }]);
  });
});

describe('parseSingleYaml', () => {
  it('wants exactly one valid document', () => {
    expect(parseSingleYaml('a: 1\n')).toEqual({ value: { a: 1 } });
    expect(parseSingleYaml('a: 1\n---\nb: 2\n')).toEqual({ error: 'expected to find exactly one document in the file, found 2' });
    expect(parseSingleYaml('a: [1\n')).toEqual({ error: 'YAML syntax error: the [ opened here is never closed at line 1, column 4' });
    expect(parseSingleYaml('a: 1\nb: "2\nc: 3\n')).toEqual({ error: 'YAML syntax error: the double quote (") opened here is never closed at line 2, column 4' });
  });
});
