import { describe, expect, it } from 'vitest';
import type { SchemaNode, SchemaTable } from '../../model/apis.ts';
import { schemaTreeHtml } from './schema-html.ts';

const node: SchemaNode = {
  type: 'object',
  properties: [
    { name: 'id', required: true, schema: { type: 'string', format: 'uuid', readOnly: true, description: 'the <id>' } },
    { name: 'kind', schema: { type: 'string', enum: ['a<b', 'c'], default: 'a<b', constraints: ['min length 1'] } },
    { name: 'parent', schema: { ref: '#/components/schemas/Node' } },
  ],
  additional: true,
};
const schemas: SchemaTable = { '#/components/schemas/Node': { name: 'Node <x>', schema: node } };

describe('schemaTreeHtml', () => {
  it('shows types, flags, facts, enums and properties, escaping every value', () => {
    const html = schemaTreeHtml(node, schemas);
    // No wrapper, for the tree or per node.
    expect(html).toContain('<code class="prop">id</code> <span class="req">required</span> <span class="schema-type">string (uuid)</span>');
    expect(html).not.toContain('class="schema"');
    expect(html).toContain('<span class="schema-type">string (uuid)</span> <span class="flag">readOnly</span>');
    expect(html).toContain(' <span class="schema-desc">the &lt;id&gt;</span></li>');
    // No space beside a list, item or box: it is never drawn.
    expect(html).not.toMatch(/ <\/?(ul|li|div)\b|<(ul|li|div)\b[^>]*> |<\/(ul|li|div)> /);
    expect(html).toContain('<span class="meta"> · min length 1 · default a&lt;b</span>');
    expect(html).toContain('<span class="enum"> one of: <code>a&lt;b</code>, <code>c</code></span>');
    expect(html).toContain('<span class="meta">any other property:</span> <span class="schema-type">any</span>');
    expect(html).not.toContain('<id>');
  });

  it('links named schemas and expands them only as deep as asked, marking cycles', () => {
    const ref: SchemaNode = { ref: '#/components/schemas/Node' };
    const link = '<a class="schema-ref" href="#schema-components-schemas-Node">Node &lt;x&gt;</a>';
    // expand 0: the link alone.
    expect(schemaTreeHtml(ref, schemas, 0)).toBe(link);
    // expand 1: its properties; the inner ref to itself is a cycle, not expanded again.
    const one = schemaTreeHtml(ref, schemas, 1);
    expect(one.startsWith(`${link} <span class="schema-type">object</span>`)).toBe(true);
    expect(one).toContain(`${link} <span class="meta"> (circular)</span>`);
    expect(one.match(/class="prop"/g)).toHaveLength(3);
  });

  it('marks external, unresolved and cut references, and lists variants', () => {
    expect(schemaTreeHtml({ external: 'https://x/s.json' }, {})).toContain('<code>https://x/s.json</code> <span class="meta">external $ref, not loaded</span>');
    expect(schemaTreeHtml({ unresolved: '#/nope', ref: '#/nope' }, {})).toBe('<code>#/nope</code> <code>#/nope</code> <span class="badge warning">unresolved $ref</span>');
    expect(schemaTreeHtml({ truncated: true }, {})).toContain('<span class="meta">… (cut to keep the page small)</span>');
    const variants = schemaTreeHtml({ variants: { kind: 'oneOf', options: [{ type: 'string' }, { type: 'integer' }] } }, {});
    expect(variants).toContain('<div class="variants"><span class="meta">One of:</span><ul class="schema-props"><li><span class="schema-type">string</span></li>');
    expect(variants.match(/<li>/g)).toHaveLength(2);
    expect(schemaTreeHtml({ type: 'array', items: { type: 'string' } }, {})).toContain('<span class="schema-type">array</span> <span class="schema-type"> of </span> <span class="schema-type">string</span>');
  });
});
