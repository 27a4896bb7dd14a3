import { describe, expect, it } from 'vitest';
import { markerOf, NO_BLOCKS, TITLE, toSourceLines, transformBlocks } from './blocks.ts';

describe('transformBlocks', () => {
  it('leaves !!!, ??? and === lines to the Markdown parser (indented.ts), unchanged', () => {
    const text = 'Intro\n\n!!! note "T"\n    body\n\n=== "A"\n    a\nafter';
    const result = transformBlocks(toSourceLines(text));
    expect(result.containers).toEqual([]);
    expect(result.lines.map((l) => l.text)).toEqual(text.split('\n'));
  });

  it('turns a /// block into a marker blockquote and keeps each line’s origin', () => {
    const result = transformBlocks(toSourceLines('Intro\n\n/// note | T\nbody [x](y.md)\n///\nafter'), { ...NO_BLOCKS, admonition: true, admonitionTypes: new Set(['note']) });
    expect(result.containers).toEqual([{ kind: 'admonition', types: ['note'], title: 'T' }]);
    expect(result.lines.map((l) => l.text)).toEqual(['Intro', '', `> ${markerOf(0)}`, '>', `> ${TITLE}T`, '>', '> body [x](y.md)', '', 'after']);
    // The title line keeps the title's column: "T" is at column 4 in the output and column 12 in the file.
    expect(4 + result.lines[4]!.shift).toBe(12);
    const body = result.lines[6]!;
    // "[x]" is at column 8 in the output and column 6 in the file.
    expect(body.line).toBe(4);
    expect(8 + body.shift).toBe(6);
    expect(result.lines[8]!.line).toBe(6);
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
  });

  it('follows a !!! block’s indentation: a /// block after a blank line in its body is no indented code', () => {
    const syntax = { ...NO_BLOCKS, admonition: true, admonitionTypes: new Set(['tip']) };
    expect(transformBlocks(toSourceLines('!!! note\n\n    /// tip\n    x\n    ///\n'), syntax).containers).toEqual([{ kind: 'admonition', types: ['tip'] }]);
    expect(transformBlocks(toSourceLines('Text\n\n    /// tip\n    x\n    ///\n'), syntax).containers).toEqual([]);
  });

  it('closes a fence in a !!! block’s body there or leaves it as text', () => {
    const result = transformBlocks(toSourceLines('=== "A"\n    ```\n=== "B"\n    ```\n    code\n    ```\n'));
    expect(result.lines.map((l) => l.text)).toEqual(['=== "A"', '    \\```', '=== "B"', '    ```', '    code', '    ```', '']);
  });
});
