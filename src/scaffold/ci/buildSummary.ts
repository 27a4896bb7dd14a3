// The build workflow's job summary, from what the build wrote: entities by kind, what is new or gone since
// the deployed site, problems, timings.
// npx node src/scaffold/ci/buildSummary.ts --current dist/api/catalog --previous https://org.github.io/portal/ --log build.log
// (--previous: the live portal's URL, or an entities.json file or URL, in parts or one array, as `backlot diff --base`)

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { Entity } from '../../model/entity.ts';
import { entityRefOf } from '../../model/entityRef.ts';
import { readCatalogFile } from '../../cli/diff.ts';

export interface BuildSummaryInput {
  current: Entity[];
  /** The catalog as last deployed; undefined when unknown (first build). */
  previous: Entity[] | undefined;
  diagnostics: Diagnostic[];
  /** The build's own output, for its timing line. */
  log: string;
}

const LIST_LIMIT = 20;

function refList(refs: string[]): string {
  const shown = refs.slice(0, LIST_LIMIT).map((r) => `\`${r}\``).join(', ');
  return refs.length > LIST_LIMIT ? `${shown} and ${refs.length - LIST_LIMIT} more` : shown;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function formatBuildSummary(input: BuildSummaryInput): string {
  const kinds = new Map<string, { now: number; before: number }>();
  for (const e of input.current) kinds.set(e.kind, { now: (kinds.get(e.kind)?.now ?? 0) + 1, before: kinds.get(e.kind)?.before ?? 0 });
  for (const e of input.previous ?? []) kinds.set(e.kind, { now: kinds.get(e.kind)?.now ?? 0, before: (kinds.get(e.kind)?.before ?? 0) + 1 });
  const now = new Set(input.current.map(entityRefOf));
  const before = new Set((input.previous ?? []).map(entityRefOf));
  const added = [...now].filter((r) => !before.has(r)).sort();
  const removed = [...before].filter((r) => !now.has(r)).sort();

  const lines = ['## Portal build', '', `${input.current.length} entities.`, '', '| Kind | Entities | Change |', '| --- | ---: | ---: |'];
  for (const [kind, n] of [...kinds].sort((a, b) => b[1].now - a[1].now || a[0].localeCompare(b[0]))) {
    const delta = n.now - n.before;
    lines.push(`| ${kind} | ${n.now} | ${input.previous === undefined ? '' : delta > 0 ? `+${delta}` : delta < 0 ? `${delta}` : '0'} |`);
  }
  lines.push('');
  if (input.previous === undefined) lines.push('No earlier build to compare with.', '');
  else {
    lines.push(added.length ? `**New (${added.length}):** ${refList(added)}` : 'Nothing new since the last deployment.', '');
    if (removed.length) lines.push(`**Removed (${removed.length}):** ${refList(removed)}`, '');
  }

  const errors = input.diagnostics.filter((d) => d.severity === 'error');
  const warnings = input.diagnostics.filter((d) => d.severity === 'warning');
  lines.push(`### Problems: ${errors.length} error${errors.length === 1 ? '' : 's'}, ${warnings.length} warning${warnings.length === 1 ? '' : 's'}`, '');
  if (input.diagnostics.length) {
    lines.push('| | Where | Problem |', '| --- | --- | --- |');
    for (const d of [...errors, ...warnings].slice(0, LIST_LIMIT)) {
      lines.push(`| ${d.severity} | \`${cell(`${d.repo}/${d.file}:${d.line}`)}\` | ${cell(`${d.code}: ${d.message}`)} |`);
    }
    if (input.diagnostics.length > LIST_LIMIT) lines.push('', `… and ${input.diagnostics.length - LIST_LIMIT} more on the portal's Problems page.`);
    lines.push('');
  }
  const timing = /^\s*time\s+(.+)$/m.exec(input.log);
  lines.push('### Timings', '', timing ? timing[1]!.trim() : 'The build did not report its timings (it may have failed; see the log).');
  return `${lines.join('\n')}\n`;
}

function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A catalog as `backlot diff` reads it (an index of parts, or one array; a file or URL); undefined when it cannot. */
async function readCatalog(source: string): Promise<Entity[] | undefined> {
  try {
    return await readCatalogFile(source);
  } catch {
    return undefined;
  }
}

if (import.meta.main) {
  const { values } = parseArgs({ options: { current: { type: 'string' }, previous: { type: 'string' }, log: { type: 'string' } } });
  const dir = values.current ?? 'dist/api/catalog';
  const previous = values.previous ? await readCatalog(values.previous) : undefined;
  process.stdout.write(
    formatBuildSummary({
      current: (await readCatalog(join(dir, 'entities.json'))) ?? [],
      // An empty list from a first deployment's failed download means "unknown", not "everything is new".
      previous: previous && previous.length > 0 ? previous : undefined,
      diagnostics: readJson<Diagnostic[]>(join(dir, 'diagnostics.json')) ?? [],
      log: values.log && existsSync(values.log) ? readFileSync(values.log, 'utf8') : '',
    }),
  );
}
