import { describe, expect, it } from 'vitest';
import { toSourceLines } from './blocks.ts';
import { expandSnippets, findSnippetSpecs, parseSnippetSpec } from './snippets.ts';

describe('parseSnippetSpec', () => {
  it('reads line ranges and sections', () => {
    expect(parseSnippetSpec('a/b.py')).toEqual({ path: 'a/b.py' });
    expect(parseSnippetSpec('a/b.py:3:5')).toEqual({ path: 'a/b.py', start: 3, end: 5 });
    expect(parseSnippetSpec('a/b.py:3')).toEqual({ path: 'a/b.py', start: 3 });
    expect(parseSnippetSpec('a/b.py:main')).toEqual({ path: 'a/b.py', section: 'main' });
  });
});

describe('findSnippetSpecs', () => {
  it('finds single-line and block snippets, skipping escaped ones', () => {
    const text = 'x\n--8<-- "one.md"\n;--8<-- "no.md"\n  -8<- \'two.md\'\n--8<--\nthree.md\n;four.md\n--8<--\n';
    expect(findSnippetSpecs(text)).toEqual(['one.md', 'two.md', 'three.md']);
  });
});

describe('expandSnippets', () => {
  it('inserts files with the marker’s indentation and maps their lines to the marker', () => {
    const reports: string[] = [];
    const out = expandSnippets(toSourceLines('a\n    --8<-- "x.md"\nb'), {
      resolve: (p) => (p.startsWith('..') ? undefined : p),
      content: (p) => (p === 'x.md' ? 'one\n\n--8<-- "y.md"\n' : p === 'y.md' ? 'nested' : undefined),
      report: (at, code, message) => reports.push(`${code}@${at.line}: ${message}`),
    });
    expect(out.map((l) => [l.text, l.line])).toEqual([
      ['a', 1],
      ['    one', 2],
      ['', 2],
      ['    nested', 2],
      ['b', 3],
    ]);
    expect(reports).toEqual([]);
  });

  it('reports escapes, missing files and cycles without reading', () => {
    const reports: string[] = [];
    const read: string[] = [];
    expandSnippets(toSourceLines('--8<-- "../x.md"\n--8<-- "gone.md"\n--8<-- "self.md"\n--8<-- "https://e.example/x.md"'), {
      resolve: (p) => (p.startsWith('..') ? undefined : p),
      content: (p) => {
        read.push(p);
        return p === 'self.md' ? '--8<-- "self.md"' : undefined;
      },
      report: (at, code) => reports.push(`${code}@${at.line}`),
    });
    expect(reports).toEqual(['docs-path-escape@1', 'docs-missing-file@2', 'docs-snippet@3', 'docs-snippet@4']);
    expect(read).toEqual(['gone.md', 'self.md']);
  });
});
