import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.ts';
import { countSeverities, diagnosticLocation, diagnosticRows, diagnosticsByRepo, diagnosticsByEntity } from './diagnostics.ts';

function diag(repo: string, line: number, severity: Diagnostic['severity'], entity?: string): Diagnostic {
  return { severity, code: 'schema', message: 'm', repo, file: 'catalog-info.yaml', line, column: 3, ...(entity ? { entity } : {}) };
}

const all = [
  diag('web', 9, 'warning', 'component:default/site'),
  diag('api', 4, 'error', 'component:default/svc'),
  diag('api', 2, 'warning', 'component:default/svc'),
  diag('web', 1, 'error'),
];

describe('countSeverities', () => {
  it('counts errors and warnings', () => {
    expect(countSeverities(all)).toEqual({ errors: 2, warnings: 2 });
    expect(countSeverities([])).toEqual({ errors: 0, warnings: 0 });
  });
});

describe('diagnosticsByEntity', () => {
  it('gives each entity its own problems, in file order, by lower-case ref', () => {
    const byEntity = diagnosticsByEntity([...all, { ...all[1]!, entity: 'Component:default/SVC', line: 1 }]);
    expect(byEntity.get('component:default/svc')?.map((d) => d.line)).toEqual([1, 2, 4]);
    expect(byEntity.has('component:default/none')).toBe(false);
  });
});

describe('diagnosticsByRepo', () => {
  it('groups by repo with counts, repos and lines sorted', () => {
    const groups = diagnosticsByRepo(all);
    expect(groups.map((g) => [g.repo, g.errors, g.warnings])).toEqual([
      ['api', 1, 1],
      ['web', 1, 1],
    ]);
    expect(groups[1]?.diagnostics.map((d) => d.line)).toEqual([1, 9]);
  });
});

describe('diagnosticLocation', () => {
  it('formats file:line:col and drops missing positions', () => {
    expect(diagnosticLocation({ file: 'a.yaml', line: 3, column: 7 })).toBe('a.yaml:3:7');
    expect(diagnosticLocation({ file: 'a.yaml', line: 3, column: 0 })).toBe('a.yaml:3');
    expect(diagnosticLocation({ file: 'a.yaml', line: 0, column: 0 })).toBe('a.yaml');
  });
});

describe('diagnosticRows', () => {
  const at = (file: string, line: number, code: string): Diagnostic => ({ severity: 'warning', code, message: 'm', repo: 'api', file, line, column: 1 });

  it('shows the first problems per file and code, then how many more', () => {
    const list = [
      ...Array.from({ length: 5 }, (_, i) => at('a.yaml', i + 1, i % 2 ? 'schema' : 'dangling-ref')),
      at('b.yaml', 1, 'dangling-ref'),
      at('b.yaml', 2, 'dangling-ref'),
    ];
    const rows = diagnosticRows(list, 2);
    const shown = rows.map((r) => (r.kind === 'diagnostic' ? `${r.diagnostic.file}:${r.diagnostic.line}` : `${r.file} +${r.count} ${r.code}`));
    // a.yaml: dangling-ref on lines 1, 3, 5 and schema on 2, 4; the third dangling-ref is counted, not shown.
    expect(shown).toEqual(['a.yaml:1', 'a.yaml:2', 'a.yaml:3', 'a.yaml:4', 'a.yaml +1 dangling-ref', 'b.yaml:1', 'b.yaml:2']);
  });

  it('keeps a flood to the limit and counts the rest', () => {
    const list = Array.from({ length: 50_000 }, (_, i) => at('big.yaml', i + 1, 'dangling-ref'));
    const rows = diagnosticRows(list);
    expect(rows).toHaveLength(21);
    expect(rows.at(-1)).toEqual({ kind: 'more', repo: 'api', file: 'big.yaml', code: 'dangling-ref', count: 49_980 });
  });
});
