// The API stage: every API entity's definition summarised once per build, plus a diagnostic for each
// definition that cannot be read. A broken definition never fails the build; its page says what is wrong.

import type { CatalogEntity } from '../model/catalog.ts';
import type { Diagnostic } from '../model/diagnostic.ts';
import { definitionBase, definitionText, summariseDefinition } from './summarise.ts';
import type { ApiDefinition } from '../model/apis.ts';

export { definitionText, summariseDefinition } from './summarise.ts';
export type * from '../model/apis.ts';

export interface ApiDefinitionsResult {
  /** Summaries by canonical entity ref. */
  apis: Record<string, ApiDefinition>;
  diagnostics: Diagnostic[];
}

const LABELS: Record<string, string> = { openapi: 'OpenAPI', asyncapi: 'AsyncAPI', graphql: 'GraphQL', grpc: 'gRPC' };

/** Summaries by type and definition text (`type\0text`), kept from one run to the next (a Map in `backlot dev`). */
export interface ApiCache {
  get(key: string): ApiDefinition | undefined;
  set(key: string, summary: ApiDefinition): unknown;
  clear(): void;
}

/**
 * Definitions summarised per turn of the event loop: `backlot build` sends the model's entities to the site child
 * during this stage (src/pipeline/index.ts onEntities), which needs the loop to turn; the summaries' awaits alone
 * do not turn it.
 */
const DEFINITIONS_PER_TURN = 10;

/** `cache`: summaries of the last run; an unchanged definition is not parsed again (left holding this run's). */
export async function readApiDefinitions(entities: readonly CatalogEntity[], cache?: ApiCache): Promise<ApiDefinitionsResult> {
  const apis: Record<string, ApiDefinition> = {};
  const used = new Map<string, ApiDefinition>();
  const diagnostics: Diagnostic[] = [];
  let seen = 0;
  for (const item of entities) {
    const { entity } = item;
    if (entity.kind.toLowerCase() !== 'api') continue;
    if (++seen % DEFINITIONS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    const type = typeof entity.spec?.type === 'string' ? entity.spec.type : '';
    const label = LABELS[type.toLowerCase()] ?? type;
    let summary: ApiDefinition;
    // summariseDefinition catches what its parsers throw; this is for the rest (an inline definition too deep to
    // serialise, a bug of ours): one definition's failure costs that API's page only.
    try {
      const text = definitionText(entity.spec?.definition);
      if (text === undefined) continue;
      const key = `${type}\0${text}`;
      summary = cache?.get(key) ?? (await summariseDefinition(type, text));
      if (cache) used.set(key, summary);
    } catch (error) {
      const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      apis[item.ref] = { ...definitionBase(type, ''), format: 'broken', error: { message: `The definition could not be summarised: ${message}` } };
      diagnostics.push({ ...diagnostic(item, 'error', `The ${label} definition of ${entity.metadata.name} could not be summarised: ${message}`, 'The API page shows this error instead of the definition; the rest of the portal is built.'), code: 'render-failed' });
      continue;
    }
    apis[item.ref] = summary;
    if (summary.format === 'broken') {
      const { message, line, column } = summary.error;
      const at = line ? ` (line ${line}${column ? `, column ${column}` : ''} of the definition)` : '';
      diagnostics.push(diagnostic(item, 'error', `The ${label} definition of ${entity.metadata.name} cannot be read: ${message}${at}`,
        'Fix the file spec.definition points to; the API page shows the raw text until then.'));
    } else if (summary.warnings?.length) {
      const [first, ...rest] = summary.warnings;
      const more = rest.length ? ` (and ${rest.length} more)` : '';
      diagnostics.push(diagnostic(item, 'warning', `The ${label} definition of ${entity.metadata.name}: ${first}${more}`));
    }
  }
  if (cache) {
    cache.clear();
    for (const [key, summary] of used) cache.set(key, summary);
  }
  return { apis, diagnostics };
}

function diagnostic(item: CatalogEntity, severity: Diagnostic['severity'], message: string, hint?: string): Diagnostic {
  const { source } = item;
  // The definition's text has no positions of its own in the catalog file: point at `spec.definition`.
  const at = source.positions['/spec/definition'] ?? { line: source.line, column: source.column };
  return {
    severity,
    code: 'api-definition',
    message,
    ...(hint ? { hint } : {}),
    repo: source.repo,
    file: source.file,
    line: at.line,
    column: at.column,
    entity: item.ref,
  };
}
