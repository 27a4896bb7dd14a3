import { describe, expect, it } from 'vitest';
import type { OpenApiDefinition } from '../../model/apis.ts';
import { namedSchemasHtml, openApiHtml } from './openapi-html.ts';

const EVIL = '<img src=x onerror="alert(1)">';

const definition: OpenApiDefinition = {
  format: 'openapi',
  type: 'openapi',
  language: 'yaml',
  fileName: 'openapi.yaml',
  specVersion: '3.0.3',
  info: { title: 'Payments' },
  servers: [{ url: 'https://api.example.com', description: EVIL }],
  groups: [
    {
      tag: 'Charges & refunds',
      description: 'Money *moves*.',
      operations: [
        {
          id: 'getCharge',
          method: 'GET',
          path: '/charges/{id}',
          operationId: 'getCharge',
          summary: 'Get a charge',
          parameters: [{ name: 'id', in: 'path', required: true, description: EVIL, schema: { type: 'string', format: 'uuid' } }],
          responses: [
            { status: '200', description: 'The charge.', content: [{ mediaType: 'application/json', schema: { ref: '#/components/schemas/Charge' } }] },
            { status: '404', content: [] },
          ],
        },
        {
          id: 'createCharge',
          method: 'POST',
          path: '/charges',
          deprecated: true,
          parameters: [],
          requestBody: { required: true, content: [{ mediaType: 'application/json', schema: { type: 'object' } }] },
          responses: [],
        },
      ],
    },
  ],
  schemas: { '#/components/schemas/Charge': { name: 'Charge', schema: { type: 'object', description: 'A charge.' } } },
};

describe('openApiHtml', () => {
  const html = openApiHtml(definition);

  it('lists operations by tag with parameters, bodies and responses linking named schemas', () => {
    expect(html).toContain('<nav class="api-toc" aria-label="Operations"><h2>Operations</h2><ul class="plain"><li><a href="#tag-Charges-refunds">Charges &amp; refunds</a> <span class="count">2</span></li><li><a href="#schemas">Schemas</a> <span class="count">1</span></li></ul></nav>');
    expect(html).toContain('<section class="op-group" aria-labelledby="tag-Charges-refunds" data-tag="Charges &amp; refunds"><h2 id="tag-Charges-refunds">Charges &amp; refunds</h2><div class="desc markdown"><p>Money <em>moves</em>.</p>');
    expect(html).toContain('<details class="op" id="tag-Charges-refunds-getCharge"><summary><span class="method m-get">GET</span> <code class="path">/charges/{id}</code> <span class="op-summary">Get a charge</span></summary><div class="op-body"><p class="meta">operationId <code>getCharge</code></p>');
    expect(html).toContain('<thead><tr><th>Name</th><th>In</th><th>Schema</th></tr></thead><tbody><tr><td><code>id</code> <span class="req">required</span></td><td>path</td><td><span class="schema-type">string (uuid)</span> <span class="schema-desc">');
    expect(html).toContain('<li><span class="status s-2">200</span> <span class="desc">The charge.</span><div class="media"><p class="media-type"><code>application/json</code></p><a class="schema-ref" href="#schema-components-schemas-Charge">Charge</a></div></li><li><span class="status s-4">404</span></li>');
    expect(html).toContain('<span class="badge warning">deprecated</span></summary><div class="op-body"><h3>Request body <span class="req">required</span></h3><div class="media">');
    expect(html).toContain('<h3>Responses</h3><p class="muted">None documented.</p></div></details>');
    expect(html.endsWith('<details class="named-schema" id="schema-components-schemas-Charge" data-schema="Charge" open><summary><code>Charge</code></summary><div class="desc markdown"><p>A charge.</p></div><span class="schema-type">object</span></details></section></div>')).toBe(true);
  });

  it('escapes what the definition says and keeps no space between block tags', () => {
    expect(html).not.toContain('<img');
    expect(html).toContain('<span class="meta"> &lt;img src=x onerror=&quot;alert(1)&quot;&gt;</span>');
    expect(html).not.toMatch(/> <(\/?)(div|ul|li|section|details|table|thead|tbody|tr|td|th|h2|h3|p)\b/);
  });

  it('writes no Schemas section without named schemas', () => {
    expect(namedSchemasHtml({})).toBe('');
  });
});
