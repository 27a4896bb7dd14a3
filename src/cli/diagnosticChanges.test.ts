import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.ts';
import { diagnosticChanges } from './diagnosticChanges.ts';

const d = (message: string, line = 1, file = 'catalog-info.yaml'): Diagnostic => ({ severity: 'error', code: 'schema', message, repo: 'shipments', file, line, column: 3 });

describe('diagnosticChanges', () => {
  it('tells new problems from fixed ones, and a problem whose line moved is neither', () => {
    const before = [d('missing owner', 4), d('bad lifecycle', 9), d('bad lifecycle', 20)];
    const after = [d('missing owner', 6), d('bad lifecycle', 11), d('unknown kind', 2, 'more.yaml')];
    const { added, fixed } = diagnosticChanges(before, after);
    expect(added.map((x) => x.message)).toEqual(['unknown kind']);
    expect(fixed.map((x) => [x.message, x.line])).toEqual([['bad lifecycle', 20]]);
  });
});
