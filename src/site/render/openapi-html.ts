// An OpenAPI/Swagger definition for people, as an HTML string: servers, operations grouped by tag (method, path,
// parameters, request body, responses with schema trees) and the named schemas. Works without JavaScript
// (<details>). An operation links the named schemas it uses to their one entry in the Schemas section rather than
// expanding them again: expanded per operation they were 8 KB of a 34 KB page (the scale benchmark's definitions).
// As Astro components these pages kept a space between every two tags, ~3 % of them, and the components cost an
// instance per operation; here no space sits between block tags, and inline parts keep theirs. Everything shown
// comes from crawled definitions: every value is escaped.

import type { MediaTypeSchema, OpenApiDefinition, OpenApiOperation, SchemaTable } from '../../model/apis.ts';
import { schemaAnchor } from '../../views/apis/view.ts';
import { markdownHtml } from '../../views/markdown.ts';
import { escapeAttribute as attr, escapeHtml as text } from './html.ts';
import { schemaTreeHtml } from './schema-html.ts';

const tagId = (tag: string) => `tag-${tag.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
const descHtml = (source: string | undefined) => (source ? `<div class="desc markdown">${markdownHtml(source)}</div>` : '');
const REQUIRED = ' <span class="req">required</span>';

export function openApiHtml(definition: OpenApiDefinition): string {
  const { schemas } = definition;
  const schemaCount = Object.keys(schemas).length;
  let out = '<div class="api-view openapi">';
  if (definition.servers.length > 0) {
    out += '<section aria-labelledby="servers"><h2 id="servers">Servers</h2><ul class="plain">';
    for (const s of definition.servers) out += `<li><code>${text(s.url)}</code>${s.description ? `<span class="meta"> ${text(s.description)}</span>` : ''}</li>`;
    out += '</ul></section>';
  }
  out += '<nav class="api-toc" aria-label="Operations"><h2>Operations</h2><ul class="plain">';
  for (const g of definition.groups) out += `<li><a href="#${attr(tagId(g.tag))}">${text(g.tag)}</a> <span class="count">${g.operations.length}</span></li>`;
  if (schemaCount > 0) out += `<li><a href="#schemas">Schemas</a> <span class="count">${schemaCount}</span></li>`;
  out += '</ul></nav>';
  for (const group of definition.groups) {
    const id = tagId(group.tag);
    out += `<section class="op-group" aria-labelledby="${attr(id)}" data-tag="${attr(group.tag)}"><h2 id="${attr(id)}">${text(group.tag)}</h2>${descHtml(group.description)}`;
    for (const op of group.operations) out += operationHtml(op, `${id}-${op.id}`, schemas);
    out += '</section>';
  }
  return `${out}${namedSchemasHtml(schemas)}</div>`;
}

function operationHtml(op: OpenApiOperation, id: string, schemas: SchemaTable): string {
  // No data attributes repeating the operation's id (its anchor ends with it), a parameter's name or a status:
  // they were ~4 % of an OpenAPI page, and nothing but tests read them.
  let out = `<details class="op" id="${attr(id)}"><summary>`;
  out += `<span class="method m-${attr(op.method.toLowerCase())}">${text(op.webhook ? `${op.method} hook` : op.method)}</span> <code class="path">${text(op.path)}</code>`;
  if (op.summary) out += ` <span class="op-summary">${text(op.summary)}</span>`;
  if (op.deprecated) out += ' <span class="badge warning">deprecated</span>';
  out += `</summary><div class="op-body">${descHtml(op.description)}`;
  if (op.operationId) out += `<p class="meta">operationId <code>${text(op.operationId)}</code></p>`;
  if (op.parameters.length > 0) {
    // Header cells in a <thead> are column headers without scope="col" (36 bytes a table, one per operation).
    out += '<h3>Parameters</h3><div class="table-wrap"><table class="params"><thead><tr><th>Name</th><th>In</th><th>Schema</th></tr></thead><tbody>';
    for (const p of op.parameters) {
      out += `<tr><td><code>${text(p.name)}</code>${p.required ? REQUIRED : ''}${p.deprecated ? ' <span class="flag">deprecated</span>' : ''}</td><td>${text(p.in)}</td><td>`;
      if (p.schema) out += schemaTreeHtml(p.schema, schemas);
      if (p.description) out += ` <span class="schema-desc">${text(p.description)}</span>`;
      out += '</td></tr>';
    }
    out += '</tbody></table></div>';
  }
  if (op.requestBody) {
    out += `<h3>Request body${op.requestBody.required ? REQUIRED : ''}</h3>${descHtml(op.requestBody.description)}`;
    for (const c of op.requestBody.content) out += mediaHtml(c, schemas);
  }
  out += '<h3>Responses</h3>';
  if (op.responses.length === 0) out += '<p class="muted">None documented.</p>';
  else {
    out += '<ul class="plain responses">';
    for (const r of op.responses) {
      out += `<li><span class="status s-${attr(r.status.charAt(0))}">${text(r.status)}</span>`;
      if (r.description) out += ` <span class="desc">${text(r.description)}</span>`;
      for (const c of r.content) if (c.schema) out += mediaHtml(c, schemas);
      out += '</li>';
    }
    out += '</ul>';
  }
  return `${out}</div></details>`;
}

/** A body's media type and schema. The type is its visible label; no data attribute says it again. */
function mediaHtml(c: MediaTypeSchema, schemas: SchemaTable): string {
  return `<div class="media"><p class="media-type"><code>${text(c.mediaType)}</code></p>${c.schema ? schemaTreeHtml(c.schema, schemas) : ''}</div>`;
}

/** The "Schemas" section of an API page: every named schema of the definition, each a link target. */
export function namedSchemasHtml(schemas: SchemaTable): string {
  const named = Object.entries(schemas).sort(([, a], [, b]) => a.name.localeCompare(b.name));
  if (named.length === 0) return '';
  let out = '<section aria-labelledby="schemas" class="schemas"><h2 id="schemas">Schemas</h2>';
  for (const [key, s] of named) {
    out += `<details class="named-schema" id="${attr(schemaAnchor(key))}" data-schema="${attr(s.name)}" open><summary><code>${text(s.name)}</code></summary>`;
    out += `${descHtml(s.schema.description)}${schemaTreeHtml(s.schema, schemas, 0)}</details>`;
  }
  return `${out}</section>`;
}
