// What a rebuild in `backlot dev` changed among the problems: new ones and fixed ones. A problem is the same one
// when only its line moved (an edit above it), so the terminal does not report it again.

import type { Diagnostic } from '../model/diagnostic.ts';

const key = (d: Diagnostic) => `${d.severity}\0${d.code}\0${d.repo}\0${d.file}\0${d.entity ?? ''}\0${d.message}`;

export function diagnosticChanges(before: readonly Diagnostic[], after: readonly Diagnostic[]): { added: Diagnostic[]; fixed: Diagnostic[] } {
  return { added: unmatched(after, before), fixed: unmatched(before, after) };
}

/** Those of `these` with no counterpart in `others`, counting repeats (two equal problems, one fixed). */
function unmatched(these: readonly Diagnostic[], others: readonly Diagnostic[]): Diagnostic[] {
  const left = new Map<string, number>();
  for (const d of others) left.set(key(d), (left.get(key(d)) ?? 0) + 1);
  return these.filter((d) => {
    const n = left.get(key(d)) ?? 0;
    if (n > 0) left.set(key(d), n - 1);
    return n === 0;
  });
}
