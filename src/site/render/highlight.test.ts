import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { highlightCode, MAX_HIGHLIGHT_CHARS, TOKEN_CLASSES } from './highlight.ts';

describe('highlightCode', () => {
  it('escapes the source, writes both themes as variables and ids every line', async () => {
    const html = await highlightCode('type Query {\n  a: Int # <script>\n}\n', 'graphql', { lineIds: 'L' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#x3C;script>');
    expect(html).toContain('--shiki-light:');
    expect(html).toContain('--shiki-dark:');
    expect([...html.matchAll(/<span id="L(\d+)">/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
    // A token in the default colours is its text, not a <span> of its own.
    expect(html).not.toContain('<span>');
  });

  it('colours tokens by class, each class in api.css, and leaves no token an inline style', async () => {
    const css = readFileSync(new URL('../styles/api.css', import.meta.url), 'utf8');
    for (const [pair, cls] of Object.entries(TOKEN_CLASSES)) {
      const [light, dark] = pair.split(' ');
      expect(css).toContain(`.source .${cls} { --shiki-light: ${light}; --shiki-dark: ${dark}; }`);
    }
    const samples = {
      graphql: '"""Docs"""\ntype Query {\n  "one"\n  a(first: Int = 10): [A!]! @deprecated(reason: "x") # note\n}\nenum S { A B }\ninput I { x: ID }\nscalar T\nunion U = A | B\n',
      proto: 'syntax = "proto3";\npackage a.b.v1;\nimport "google/protobuf/empty.proto";\n// c\nservice S { rpc M (A) returns (stream B); }\nmessage A { repeated string x = 1; map<string, int64> m = 2; reserved 3; enum E { Z = 0; } }\n',
      yaml: 'openapi: 3.0.3 # c\ninfo: { title: "A", version: 1.0 }\npaths:\n  /a:\n    get: &x\n      tags: [a, b]\n      responses: { "200": *x, x: null, y: true, z: 1.5e3 }\n  b: |\n    text\n',
      json: '{"a": [1, 2.5, true, null, "s"], "b": {"c": "d\\n"}}',
    } as const;
    for (const [lang, code] of Object.entries(samples)) {
      const html = await highlightCode(code, lang as keyof typeof samples);
      // The <pre> keeps its variables (the default colours and backgrounds); no token span has a style.
      expect(html.match(/style="/g), lang).toHaveLength(1);
      expect(html, lang).toMatch(/class="t\d"/);
    }
    // A class of 2 characters on a token instead of 52 bytes of style.
    expect(await highlightCode('type Query { a: Int }', 'graphql')).toContain('<span class="t1">type</span>');
  });

  it('marks an error line, even the empty one after the final newline', async () => {
    const html = await highlightCode('a: [\n', 'yaml', { lineIds: 'L', mark: 2 });
    expect(html).toContain('<span id="L2" class="marked">');
  });

  it('leaves huge sources unhighlighted', async () => {
    // Highlighted, the keyword gets a span of its own; as plain text the line is one span.
    expect(await highlightCode('message A {}', 'proto')).not.toContain('>message A {}</span>');
    const html = await highlightCode(`message A {}\n${' '.repeat(MAX_HIGHLIGHT_CHARS)}`, 'proto');
    expect(html).toContain('>message A {}</span>');
  });
});
