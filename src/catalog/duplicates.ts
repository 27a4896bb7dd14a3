// Entity identity is kind + namespace + name, case-insensitive. A ref defined in two places is an
// error at each place, and neither copy is kept: picking one would depend on crawl order.

import type { CatalogEntity } from '../model/catalog.ts';
import type { Diagnostic } from '../model/diagnostic.ts';

export function removeDuplicates(entities: readonly CatalogEntity[]): { entities: CatalogEntity[]; diagnostics: Diagnostic[] } {
  const byRef = new Map<string, CatalogEntity[]>();
  for (const e of entities) {
    const same = byRef.get(e.ref);
    if (same) same.push(e);
    else byRef.set(e.ref, [e]);
  }
  const diagnostics: Diagnostic[] = [];
  for (const same of byRef.values()) {
    if (same.length < 2) continue;
    for (const e of same) {
      const others = same.filter((o) => o !== e).map((o) => `${o.source.repo}/${o.source.file}:${nameAt(o).line}`);
      const at = nameAt(e);
      diagnostics.push({
        severity: 'error',
        code: 'duplicate-entity',
        message: `Entity ${e.ref} is defined more than once; also in ${others.join(', ')}`,
        hint: 'An entity is identified by kind, namespace and name (ignoring case); rename or remove all but one definition.',
        repo: e.source.repo,
        file: e.source.file,
        line: at.line,
        column: at.column,
        entity: e.ref,
      });
    }
  }
  return { entities: entities.filter((e) => byRef.get(e.ref)!.length === 1), diagnostics };
}

/** Where the entity's name is written (its document start when the name came from a placeholder). */
function nameAt(e: CatalogEntity): { line: number; column: number } {
  return e.source.positions['/metadata/name'] ?? e.source;
}
