// Abbreviations (`*[HTML]: Hyper Text Markup Language`): each whole-word use becomes <abbr title>.

import type { ElementContent, Root, Text } from 'hast';
import { visit } from 'unist-util-visit';

const SKIP = new Set(['code', 'pre', 'abbr', 'script', 'style']);

export function applyAbbreviations(tree: Root, abbreviations: ReadonlyMap<string, string>): void {
  if (abbreviations.size === 0) return;
  const keys = [...abbreviations.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w])(?:${keys.join('|')})(?![\\w])`, 'g');
  visit(tree, (node, index, parent) => {
    if (node.type === 'element' && SKIP.has(node.tagName)) return 'skip';
    if (node.type !== 'text' || !parent || index === undefined) return;
    const value = (node as Text).value;
    const parts: ElementContent[] = [];
    let last = 0;
    for (const m of value.matchAll(pattern)) {
      if (m.index > last) parts.push({ type: 'text', value: value.slice(last, m.index) });
      parts.push({ type: 'element', tagName: 'abbr', properties: { title: abbreviations.get(m[0]) ?? '' }, children: [{ type: 'text', value: m[0] }] });
      last = m.index + m[0].length;
    }
    if (parts.length === 0) return;
    if (last < value.length) parts.push({ type: 'text', value: value.slice(last) });
    parent.children.splice(index, 1, ...parts);
    return index + parts.length;
  });
}
