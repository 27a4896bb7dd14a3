import type { Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { toSourceLines } from './blocks.ts';
import { escapeDeepLines, limitDepth, limitHtmlDepth, MAX_DEPTH, MAX_PREFIX, MAX_RUN, textOf } from './depth.ts';
import { createRenderer, type Renderer } from './render.ts';

/** A blockquote chain `levels` deep around one text, built without recursion. */
function deepTree(levels: number): Root {
  const root: Root = { type: 'root', children: [] };
  let parent: { children: unknown[] } = root;
  for (let i = 0; i < levels; i++) {
    const quote = { type: 'blockquote', children: [], position: { start: { line: i + 1, column: 1 }, end: { line: i + 1, column: 2 } } };
    parent.children.push(quote);
    parent = quote;
  }
  parent.children.push({ type: 'paragraph', children: [{ type: 'text', value: 'bottom' }] });
  return root;
}

function depthOf(root: unknown): number {
  let max = 0;
  const stack: Array<[{ children?: unknown[] }, number]> = [[root as { children?: unknown[] }, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of node.children ?? []) stack.push([c as { children?: unknown[] }, d + 1]);
  }
  return max;
}

describe('limitDepth', () => {
  it('cuts a tree at the limit, keeping the text below it, and says where', () => {
    const tree = deepTree(5000);
    const cut = limitDepth(tree, (_node, value) => [{ type: 'text', value }] as never, 50);
    expect(cut).toEqual({ line: 50, column: 1 });
    expect(depthOf(tree)).toBe(51);
    expect(textOf(tree)).toBe('bottom');
  });

  it('leaves a tree within the limit alone', () => {
    const tree = deepTree(40);
    const before = JSON.stringify(tree);
    expect(limitDepth(tree, () => [], 50)).toBeUndefined();
    expect(JSON.stringify(tree)).toBe(before);
  });
});

describe('limitHtmlDepth', () => {
  it('drops tags nested beyond the limit across chunks, keeps their text and the shallow tags', () => {
    const chunks = [{ value: '<div>'.repeat(300) }, { value: 'x' }, { value: '</div>'.repeat(300) }];
    expect(limitHtmlDepth(chunks)).toBe(chunks[0]);
    expect(chunks[0]!.value).toBe('<div>'.repeat(MAX_DEPTH));
    expect(chunks[1]!.value).toBe('x');
    expect(chunks[2]!.value).toBe('</div>'.repeat(MAX_DEPTH));
  });

  it('does not count void and implicitly closed elements, nor self-closed ones', () => {
    const chunks = [{ value: '<p>a<br><img src="x"><li>b<td>c<x-y/>'.repeat(200) }];
    const before = chunks[0]!.value;
    expect(limitHtmlDepth(chunks)).toBeUndefined();
    expect(chunks[0]!.value).toBe(before);
  });
});

describe('escapeDeepLines', () => {
  const texts = (lines: string[]) => escapeDeepLines(lines.map((text) => ({ text }))).map((l) => l.text);

  it('escapes runs of * and _ longer than MAX_RUN, outside code fences and code spans', () => {
    const run = '*'.repeat(MAX_RUN + 1);
    expect(texts([`${run}word${run}`])).toEqual([`${'\\*'.repeat(MAX_RUN + 1)}word${'\\*'.repeat(MAX_RUN + 1)}`]);
    expect(texts(['```', run, '```', `\`${run}\``, '*'.repeat(MAX_RUN), '* '.repeat(100)])).toEqual(['```', run, '```', `\`${run}\``, '*'.repeat(MAX_RUN), '* '.repeat(100)]);
  });

  it('escapes the container markers of a line past MAX_PREFIX', () => {
    const [line] = texts(['> - '.repeat(100) + 'x']);
    expect(line!.startsWith('> - '.repeat(MAX_PREFIX / 2) + '\\> - ')).toBe(true);
    expect(texts(['> - '.repeat(MAX_PREFIX / 2) + 'x'])).toEqual(['> - '.repeat(MAX_PREFIX / 2) + 'x']);
  });

  it('copies only the lines it changes', () => {
    const lines = [{ text: 'plain', line: 1 }, { text: '>'.repeat(100), line: 2 }];
    const out = escapeDeepLines(lines);
    expect(out[0]).toBe(lines[0]);
    expect(out[1]).not.toBe(lines[1]);
    expect(lines[1]!.text).toBe('>'.repeat(100));
  });
});

describe('hostile pages through the renderer', () => {
  let renderer: Renderer;
  beforeAll(async () => {
    renderer = await createRenderer();
  });
  const render = (markdown: string) => renderer.render({ lines: toSourceLines(markdown), resolve: (url) => ({ url }) });

  // Each of these overflowed the stack (RangeError: Maximum call stack size exceeded) before the guards.
  const payloads: Record<string, string> = {
    '2,000 nested <div>': `# Divs\n\n${'<div>'.repeat(2000)}deep text${'</div>'.repeat(2000)}\n`,
    '2,000 nested blockquotes': `# Quotes\n\n${'>'.repeat(2000)} deep text\n`,
    '* ×10,000 around a word': `# Stars\n\n${'*'.repeat(10000)}deep text${'*'.repeat(10000)}\n`,
    '3,000 nested <details>': `# Details\n\n${'<details>'.repeat(3000)}deep text${'</details>'.repeat(3000)}\n`,
    '2,000 blockquote-list pairs on one line': `# Pairs\n\n${'> - '.repeat(2000)}deep text\n`,
    '2,000 nested <span> never closed': `# Spans\n\n${'<span>'.repeat(2000)}deep text\n`,
  };
  for (const [name, markdown] of Object.entries(payloads)) {
    it(`renders ${name}: the text is kept, the cut is reported on the line where it starts`, () => {
      const page = render(markdown);
      expect(page.title).toBe(markdown.slice(2, markdown.indexOf('\n')));
      expect(page.html).toContain('deep text');
      expect(page.cut?.line).toBe(3);
    });
  }

  it('leaves real nesting alone', () => {
    const list = Array.from({ length: 20 }, (_, i) => `${'  '.repeat(i)}- level ${i}`).join('\n');
    const page = render(`# Fine\n\n${list}\n\n> > > quoted **strong**\n\n<div><div><p>html</p></div></div>\n`);
    expect(page.cut).toBeUndefined();
    expect(page.html).toContain('<strong>strong</strong>');
    expect(page.html.match(/<ul>/g)).toHaveLength(20);
  });
});
