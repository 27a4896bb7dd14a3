// A catalog diff for people (text for a terminal, Markdown for a pull-request comment) or for tools (JSON).

import { shownRef } from '../model/entityRef.ts';
import type { ApiDiff, CatalogDiff, EntityChange, FieldChange, Impact } from './types.ts';

export type DiffFormat = 'text' | 'markdown' | 'json';

/** GitHub refuses comments over 65,536 characters; the Markdown stops short of that and says so. */
export const MARKDOWN_LIMIT = 60_000;

const show = (ref: string) => shownRef(ref);
const owner = (ref: string | undefined) => (ref ? show(ref) : 'no owner');

export function formatDiff(diff: CatalogDiff, format: DiffFormat): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  return format === 'markdown' ? markdown(diff) : text(diff);
}

export function headline(diff: CatalogDiff): string {
  const s = diff.summary;
  const total = s.added + s.removed + s.renamed + s.changed;
  if (total === 0) return 'No changes to the catalog.';
  const parts = [`${s.added} added`, `${s.removed} removed`, `${s.renamed} renamed`, `${s.changed} changed`];
  const breaking = s.breaking === 0 ? 'nothing breaking' : `${s.breaking} breaking${s.breakingOtherOwner ? `, ${s.breakingOtherOwner} affecting other owners` : ''}`;
  return `${total} entit${total === 1 ? 'y' : 'ies'} changed (${parts.join(', ')}); ${breaking}.`;
}

function title(c: EntityChange): string {
  const what = c.change === 'renamed' ? `${show(c.from!)} renamed to ${show(c.ref)}` : `${show(c.ref)} ${c.change}`;
  return `${what} (owner ${owner(c.owner)})`;
}

function fieldLine(f: FieldChange): string {
  if (f.added || f.removed) return `${f.field}: ${[...(f.added ?? []).map((x) => `+ ${show(x)}`), ...(f.removed ?? []).map((x) => `− ${show(x)}`)].join(', ')}`;
  const value = (v: string | undefined) => (v === undefined ? '(none)' : f.field === 'docs' ? v : show(v));
  return `${f.field}: ${value(f.before)} → ${value(f.after)}`;
}

function details(c: EntityChange): string[] {
  const out = c.fields.map(fieldLine);
  if (c.relationsAdded.length || c.relationsRemoved.length) {
    const rel = [...c.relationsAdded.map((r) => `+ ${r.type} ${show(r.targetRef)}`), ...c.relationsRemoved.map((r) => `− ${r.type} ${show(r.targetRef)}`)];
    out.push(`relations: ${rel.join(', ')}`);
  }
  return out;
}

function apiLines(api: ApiDiff): { breaking: string[]; other: string[] } {
  if (api.unreadable) return { breaking: [], other: [`definition not compared: ${api.unreadable}`] };
  const line = (c: { where: string; message: string }) => `${c.where}: ${c.message}`;
  return { breaking: api.breaking.map(line), other: api.nonBreaking.map(line) };
}

function affectedLines(impact: Impact): string[] {
  const lines = impact.affected.map((a) => `${show(a.ref)} — ${a.via}${a.depth > 1 ? ` (${a.depth} steps away)` : ''}, owner ${owner(a.owner)}${a.otherOwner ? ' ⚠ another owner' : ''}`);
  for (const d of impact.docs ?? []) lines.push(`docs page "${d.title}" (${d.url}) of ${show(d.entity)} links to it, owner ${owner(d.owner)}${d.otherOwner ? ' ⚠ another owner' : ''}`);
  if (impact.truncated) lines.push('… and more (the list is bounded)');
  return lines;
}

/** Entities and docs pages an impact reaches. */
const reach = (impact: Impact) => impact.affected.length + (impact.docs?.length ?? 0);

function text(diff: CatalogDiff): string {
  const impacts = new Map(diff.impacts.map((i) => [i.ref, i]));
  const out = [headline(diff)];
  for (const c of diff.changes) {
    out.push('', `${c.breaking ? 'BREAKING ' : ''}${title(c)}`);
    for (const line of details(c)) out.push(`  ${line}`);
    if (c.api) {
      const { breaking, other } = apiLines(c.api);
      for (const line of breaking) out.push(`  ✗ ${line}`);
      for (const line of other) out.push(`  · ${line}`);
    }
    const impact = impacts.get(c.change === 'renamed' ? c.from! : c.ref);
    if (impact && reach(impact)) {
      out.push(`  affects ${reach(impact)}${impact.truncated ? '+' : ''}:`);
      for (const line of affectedLines(impact)) out.push(`    ${line}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function markdown(diff: CatalogDiff): string {
  const impacts = new Map(diff.impacts.map((i) => [i.ref, i]));
  const out = ['## Catalog impact', '', headline(diff)];
  const breaking = diff.changes.filter((c) => c.breaking);
  const others = diff.changes.filter((c) => !c.breaking);

  // Whom to tell: every other owner an impact reaches, with what of theirs is affected.
  const tell = new Map<string, Set<string>>();
  const told = (who: string | undefined, what: string) => {
    if (!who) return;
    const set = tell.get(who) ?? new Set();
    set.add(what);
    tell.set(who, set);
  };
  for (const impact of diff.impacts) {
    for (const a of impact.affected) if (a.otherOwner) told(a.owner, show(a.ref));
    for (const d of impact.docs ?? []) if (d.otherOwner) told(d.owner, `docs "${d.title}"`);
  }
  if (tell.size) {
    out.push('', '### Whom to tell', '', '| owner | affected |', '| --- | --- |');
    for (const [who, refs] of [...tell].sort(([a], [b]) => a.localeCompare(b))) out.push(`| ${cell(show(who))} | ${cell([...refs].join(', '))} |`);
  }
  if (breaking.length) {
    out.push('', '### What breaks');
    for (const c of breaking) {
      out.push('', `- **${md(title(c))}**`);
      if (c.api) for (const line of apiLines(c.api).breaking) out.push(`  - ${md(line)}`);
      const impact = impacts.get(c.change === 'renamed' ? c.from! : c.ref);
      if (impact && reach(impact)) {
        out.push(`  - affects ${reach(impact)}${impact.truncated ? '+' : ''}:`);
        for (const line of affectedLines(impact)) out.push(`    - ${md(line)}`);
      }
    }
  }
  if (others.length || breaking.some((c) => details(c).length || (c.api && apiLines(c.api).other.length))) {
    out.push('', '<details><summary>All changes</summary>', '');
    for (const c of [...breaking, ...others]) {
      const lines = [...details(c), ...(c.api ? apiLines(c.api).other : [])];
      out.push(`- ${md(title(c))}`, ...lines.map((l) => `  - ${md(l)}`));
    }
    out.push('', '</details>');
  }
  let body = `${out.join('\n')}\n`;
  if (body.length > MARKDOWN_LIMIT) {
    const cut = body.slice(0, body.lastIndexOf('\n', MARKDOWN_LIMIT));
    const open = cut.includes('<details>') && !cut.includes('</details>');
    body = `${cut}\n\n… cut here: run \`backlot diff\` for the whole report.\n${open ? '\n</details>\n' : ''}`;
  }
  return body;
}

/** Crawled names and messages go into Markdown as text, never as markup. */
function md(s: string): string {
  return s.replace(/[\\`*_{}[\]<>#|]/g, (c) => `\\${c}`);
}

function cell(s: string): string {
  return md(s).replace(/\n/g, ' ');
}
