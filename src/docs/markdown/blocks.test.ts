import { describe, expect, it } from 'vitest';
import { markerOf, TITLE, toSourceLines, transformBlocks } from './blocks.ts';

describe('transformBlocks', () => {
  it('turns an admonition into a marker blockquote and keeps each line’s origin', () => {
    const result = transformBlocks(toSourceLines('Intro\n\n!!! note "T"\n    body [x](y.md)\n\n    more\nafter'));
    expect(result.containers).toEqual([{ kind: 'admonition', types: ['note'], title: 'T' }]);
    expect(result.lines.map((l) => l.text)).toEqual(['Intro', '', `> ${markerOf(0)}`, '>', `> ${TITLE}T`, '>', '> body [x](y.md)', '>', '> more', '', 'after']);
    // The title line keeps the title's column: "T" is at column 4 in the output and column 11 in the file.
    expect(4 + result.lines[4]!.shift).toBe(11);
    const body = result.lines[6]!;
    // "[x]" is at column 8 in the output and column 10 in the file.
    expect(body.line).toBe(4);
    expect(8 + body.shift).toBe(10);
    expect(result.lines[10]!.line).toBe(7);
  });

  it('expands leading tabs to four columns', () => {
    const [line] = toSourceLines('\t\tcode');
    expect(line).toEqual({ text: '        code', line: 1, shift: -6 });
  });

  it('leaves a definition-like line that follows a list alone', () => {
    const result = transformBlocks(toSourceLines('- item\n: not a definition'));
    expect(result.containers).toEqual([]);
  });

  it('collects abbreviations and blanks their lines', () => {
    const result = transformBlocks(toSourceLines('Text\n\n*[HTML]: Hyper Text Markup Language'));
    expect(result.abbreviations).toEqual(new Map([['HTML', 'Hyper Text Markup Language']]));
    expect(result.lines.map((l) => l.text)).toEqual(['Text', '', '']);
  });

  it('leaves a fence that is never closed as text, as Python-Markdown does (not code to the end)', () => {
    const result = transformBlocks(toSourceLines('```\n!!! note\n    x'));
    expect(result.lines[0]!.text).toBe('\\```');
    expect(result.containers).toEqual([{ kind: 'admonition', types: ['note'] }]);
  });

  it('keeps !!! in a fence opened inside a list item as code', () => {
    const result = transformBlocks(toSourceLines('- ```\n  !!! note\n      x\n  ```\n'));
    expect(result.containers).toEqual([]);
  });

  it('does not close a fence on a fence line indented four columns past it', () => {
    const result = transformBlocks(toSourceLines('```\n    ```\n!!! note\n    x\n```\n'));
    expect(result.containers).toEqual([]);
  });

  it('keeps !!! in an indented code block as code, but reads it inside a list item', () => {
    expect(transformBlocks(toSourceLines('Text\n\n    !!! note\n        x\n')).containers).toEqual([]);
    expect(transformBlocks(toSourceLines('- item\n\n    !!! note\n        x\n')).containers).toEqual([{ kind: 'admonition', types: ['note'] }]);
  });

  it('reads !!! after a nested list as part of the outer item (pydantic\'s docs), and leaves the nested item only', () => {
    const text = '* Using a dict:\n\n    1. A plain dict.\n\n    !!! note\n        In V1, deprecated.\n\n* Next\n';
    expect(transformBlocks(toSourceLines(text)).containers).toEqual([{ kind: 'admonition', types: ['note'] }]);
    // Past the outer item too, four columns are an indented code block again.
    expect(transformBlocks(toSourceLines('* a\n\n    1. b\n\nText\n\n    !!! note\n        x\n')).containers).toEqual([]);
  });
});
