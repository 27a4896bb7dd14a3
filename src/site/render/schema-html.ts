// A JSON Schema as a readable tree (type, constraints, properties), as an HTML string. API definition pages draw
// one per parameter, body, response and named schema, recursing per property: as an Astro component that was
// hundreds of component instances per page. Named schemas link to their entry in the page's Schemas section and
// are expanded inline `expand` levels deep (AsyncAPI's messages, listed once; operations do not expand them); one
// already on the path is a cycle. Everything shown comes from
// crawled definitions: every value is escaped.

import type { SchemaNode, SchemaTable } from '../../model/apis.ts';
import { schemaAnchor } from '../../views/apis/view.ts';
import { escapeAttribute as attr, escapeHtml } from './html.ts';

const FLAGS = ['nullable', 'deprecated', 'readOnly', 'writeOnly'] as const;
const VARIANT_TITLE = { oneOf: 'One of', anyOf: 'Any of', allOf: 'All of' } as const;

const text = (value: unknown) => escapeHtml(String(value));

/**
 * `expand`: named schemas still to expand on this branch; `path`: named schemas being expanded above this node.
 * Runs of spaces are one space: the tree is inline and nothing in it keeps spaces (descriptions are pre-line),
 * and they were ~4 % of a definition page. None is kept beside a list, item or box (`BLOCK_SPACE`), nor at the
 * tree's ends: a space there is never drawn (a tree always starts a cell or follows a block), and they were
 * another ~2 %. No wrapper: an inline <div class="schema"> around each tree changed nothing but the page's size
 * (~2 % of an OpenAPI page; one per node had been ~170 a page).
 */
export function schemaTreeHtml(node: SchemaNode, schemas: SchemaTable, expand = 0, path: readonly string[] = []): string {
  return treeHtml(node, schemas, expand, path).replace(/ {2,}/g, ' ').replace(BLOCK_SPACE, '$1').trim();
}

/** A space before or after a tag of the tree's lists, items and variants (values are escaped: no `<` in them). */
const BLOCK_SPACE = / ?(<\/?(?:ul|li|div)(?: [^>]*)?>) ?/g;

function treeHtml(node: SchemaNode, schemas: SchemaTable, expand: number, path: readonly string[]): string {
  const named = node.ref ? schemas[node.ref] : undefined;
  const cycle = !!node.ref && path.includes(node.ref);
  // The node whose body (properties, items…) is shown here: this one, or the named schema it expands to.
  const body = node.ref ? (named && !cycle && expand > 0 ? named.schema : undefined) : node;
  const nextPath = node.ref ? [...path, node.ref] : path;
  const nextExpand = node.ref ? expand - 1 : expand;
  const child = (n: SchemaNode) => treeHtml(n, schemas, nextExpand, nextPath);

  // Spaced where the component this replaced put them (runs collapse to one in schemaTreeHtml).
  let out = ' ';
  if (node.ref) out += named ? `<a class="schema-ref" href="#${attr(schemaAnchor(node.ref))}">${text(named.name)}</a>` : `<code>${text(node.ref)}</code>`;
  out += ' ';
  if (cycle) out += '<span class="meta"> (circular)</span>';
  out += ' ';
  if (node.external) out += `<code>${text(node.external)}</code> <span class="meta">external $ref, not loaded</span>`;
  out += ' ';
  if (node.unresolved) out += `<code>${text(node.unresolved)}</code> <span class="badge warning">unresolved $ref</span>`;
  out += ' ';
  if (node.truncated) out += '<span class="meta">… (cut to keep the page small)</span>';
  out += ' ';
  if (body) {
    out += ' ';
    const type = [body.type, body.format && `(${body.format})`].filter(Boolean).join(' ');
    if (type) out += `<span class="schema-type">${text(type)}</span>`;
    out += ' ';
    if (body.items) out += `<span class="schema-type"> of </span>${child(body.items)}`;
    out += ' ';
    for (const f of FLAGS) if (body[f]) out += ` <span class="flag">${f}</span>`;
    out += ' ';
    if (body.title && !node.ref) out += `<span class="meta"> ${text(body.title)}</span>`;
    out += ' ';
    const facts = [
      ...(body.constraints ?? []),
      ...(body.default !== undefined ? [`default ${body.default}`] : []),
      ...(body.example !== undefined ? [`example ${body.example}`] : []),
    ];
    if (facts.length > 0) out += `<span class="meta"> · ${text(facts.join(' · '))}</span>`;
    out += ' ';
    if (body.enum) out += `<span class="enum"> one of: ${body.enum.map((v, i) => `${i > 0 ? ', ' : ''}<code>${text(v)}</code>`).join('')}</span>`;
    out += ' ';
    if (body.description && node !== body) out += ` <span class="schema-desc">${text(body.description)}</span>`;
    out += ' ';
    if (body.properties && body.properties.length > 0) {
      out += '<ul class="schema-props"> ';
      for (const p of body.properties) {
        out += `<li> <code class="prop">${text(p.name)}</code>${p.required ? ' <span class="req">required</span>' : ''}  ${child(p.schema)} `;
        if (p.schema.description) out += ` <span class="schema-desc">${text(p.schema.description)}</span>`;
        out += ' </li>';
      }
      out += ' </ul>';
    }
    out += ' ';
    if (body.additional) {
      out += `<ul class="schema-props"> <li> <span class="meta">any other property:</span>  ${body.additional === true ? '<span class="schema-type">any</span>' : child(body.additional)} </li> </ul>`;
    }
    out += ' ';
    if (body.variants) {
      out += `<div class="variants"> <span class="meta">${text(VARIANT_TITLE[body.variants.kind] ?? '')}:</span> <ul class="schema-props"> `;
      for (const o of body.variants.options) out += `<li>${child(o)}</li>`;
      out += ' </ul> </div>';
    }
    out += ' ';
  }
  return `${out} `;
}
