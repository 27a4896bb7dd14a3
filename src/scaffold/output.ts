// The template's `output` (links and text), rendered after the steps, and how it is shown:
// Markdown for the job summary and issue comments, plain lines for the terminal.

import { parseEntityRef } from '../model/entityRef.ts';
import { entityPath } from '../model/routes.ts';
import type { Templating } from './templating.ts';
import type { ExternalEffect, JsonObject, OutputLink, OutputText, ScaffoldOutput } from './types.ts';

const truthy = (value: unknown) => (Array.isArray(value) ? value.length > 0 : Boolean(value));

function items(value: unknown, what: string): JsonObject[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new Error(`output.${what} must be a list`);
  return value.filter((item): item is JsonObject => !!item && typeof item === 'object' && !Array.isArray(item));
}

const pickStrings = <K extends string>(item: JsonObject, keys: readonly K[]): Partial<Record<K, string>> => {
  const out: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = item[key];
    if (value !== undefined && value !== null && value !== '') out[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return out;
};

export function renderOutput(output: JsonObject | undefined, context: JsonObject, templating: Templating): ScaffoldOutput {
  const rendered = (templating.renderValue(output ?? {}, context, 'output') ?? {}) as JsonObject;
  const keep = (item: JsonObject) => !('if' in item) || truthy(item.if);
  const links: OutputLink[] = items(rendered.links, 'links').filter(keep).map((l) => pickStrings(l, ['title', 'icon', 'url', 'entityRef'] as const));
  const text: OutputText[] = items(rendered.text, 'text').filter(keep).map((t) => pickStrings(t, ['title', 'icon', 'content'] as const));
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(rendered)) {
    if (key === 'links' || key === 'text' || value === undefined) continue;
    values[key] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return { links: links.filter((l) => l.url || l.entityRef), text, values };
}

/** The portal page of an entity (`catalog/<namespace>/<kind>/<name>/`), when the portal's URL is known. */
export function entityPageUrl(entityRef: string, portalUrl: string | undefined): string | undefined {
  if (!portalUrl) return undefined;
  try {
    return `${portalUrl.replace(/\/+$/, '')}/${entityPath(parseEntityRef(entityRef, { defaultKind: 'component' }))}`;
  } catch {
    return undefined;
  }
}

const escapeMd = (text: string) => text.replace(/([\\[\]()*_`<>])/g, '\\$1');

export interface SummaryInput {
  title: string;
  output: ScaffoldOutput;
  effects: ExternalEffect[];
  dryRun: boolean;
  portalUrl?: string;
}

export function formatSummaryMarkdown(input: SummaryInput): string {
  const lines = [`### ${escapeMd(input.title)}${input.dryRun ? ' (dry run)' : ''}`, ''];
  if (input.output.links.length) {
    for (const link of input.output.links) {
      const url = link.url ?? (link.entityRef ? entityPageUrl(link.entityRef, input.portalUrl) : undefined);
      const title = escapeMd(link.title ?? link.entityRef ?? link.url ?? 'link');
      lines.push(url ? `- [${title}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : `- ${title}: \`${link.entityRef}\``);
    }
    lines.push('');
  }
  for (const text of input.output.text) {
    if (text.title) lines.push(`#### ${escapeMd(text.title)}`, '');
    if (text.content) lines.push(text.content, '');
  }
  if (input.effects.length) {
    lines.push(input.dryRun ? 'Would have done on GitHub:' : 'Done on GitHub:', '');
    for (const effect of input.effects) lines.push(`- \`${effect.step}\` (${effect.action}): ${escapeMd(effect.summary)}`);
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function formatSummaryText(input: SummaryInput): string {
  const lines: string[] = [];
  for (const link of input.output.links) {
    const url = link.url ?? (link.entityRef ? (entityPageUrl(link.entityRef, input.portalUrl) ?? link.entityRef) : '');
    lines.push(`  ${link.title ?? 'link'}: ${url}`);
  }
  for (const text of input.output.text) {
    if (text.title) lines.push(`  ${text.title}`);
    if (text.content) lines.push(...text.content.split('\n').map((l) => `    ${l}`));
  }
  if (input.dryRun && input.effects.length) {
    lines.push('  would have done on GitHub:');
    for (const effect of input.effects) {
      lines.push(`    ${effect.step} (${effect.action}): ${effect.summary}`);
      for (const [key, value] of Object.entries(effect.details)) {
        lines.push(`      ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
      }
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * One `::notice` workflow command per output link: shown on the run's page, and readable through the
 * Checks API (annotations) by a portal that dispatched the run and wants its links.
 */
export function formatNotices(input: SummaryInput): string {
  return input.output.links
    .map((link) => {
      const url = link.url ?? (link.entityRef ? (entityPageUrl(link.entityRef, input.portalUrl) ?? link.entityRef) : '');
      return `::notice title=${escapeProperty(link.title ?? 'Link')}::${escapeData(url)}\n`;
    })
    .join('');
}
