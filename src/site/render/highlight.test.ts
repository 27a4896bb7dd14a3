import { describe, expect, it } from 'vitest';
import { highlightCode, MAX_HIGHLIGHT_CHARS } from './highlight.ts';

describe('highlightCode', () => {
  it('escapes the source, writes both themes as variables and ids every line', async () => {
    const html = await highlightCode('type Query {\n  a: Int # <script>\n}\n', 'graphql', { lineIds: 'L' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#x3C;script>');
    expect(html).toContain('--shiki-light:');
    expect(html).toContain('--shiki-dark:');
    expect([...html.matchAll(/class="line" id="L(\d+)"/g)].map((m) => m[1])).toEqual(['1', '2', '3']);
  });

  it('marks an error line, even the empty one after the final newline', async () => {
    const html = await highlightCode('a: [\n', 'yaml', { lineIds: 'L', mark: 2 });
    expect(html).toContain('class="line marked" id="L2"');
  });

  it('leaves huge sources unhighlighted', async () => {
    // Highlighted, the keyword gets a span of its own; as plain text the line is one span.
    expect(await highlightCode('message A {}', 'proto')).not.toContain('>message A {}</span>');
    const html = await highlightCode(`message A {}\n${' '.repeat(MAX_HIGHLIGHT_CHARS)}`, 'proto');
    expect(html).toContain('>message A {}</span>');
  });
});
