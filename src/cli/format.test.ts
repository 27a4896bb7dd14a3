import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.ts';
import { formatDiagnostics, summarise } from './format.ts';

const diags: Diagnostic[] = [
  {
    severity: 'error',
    code: 'schema',
    message: 'spec.owner is required for a Component',
    hint: 'add spec.owner',
    repo: 'payments',
    file: 'catalog-info.yaml',
    line: 4,
    column: 3,
    entity: 'component:default/payments',
  },
  { severity: 'warning', code: 'dangling-ref', message: 'refers to group:default/x, 100% missing', repo: 'web', file: 'a,b:c.yaml', line: 7, column: 12 },
];
const pathOf = (d: Diagnostic) => `${d.repo}/${d.file}`;

describe('formatDiagnostics', () => {
  it('text: one line per diagnostic with the hint under it', () => {
    expect(formatDiagnostics(diags, 'text', { color: false, pathOf })).toBe(
      'payments/catalog-info.yaml:4:3  error    schema  spec.owner is required for a Component\n' +
        '    hint: add spec.owner\n' +
        'web/a,b:c.yaml:7:12  warning  dangling-ref  refers to group:default/x, 100% missing\n',
    );
  });

  it('text: colours only when asked', () => {
    expect(formatDiagnostics(diags, 'text', { color: true, pathOf })).toContain('\x1b[31merror');
  });

  it('json: the diagnostics array as is', () => {
    expect(JSON.parse(formatDiagnostics(diags, 'json', { color: false, pathOf }))).toEqual(diags);
  });

  it('github: workflow commands with escaped properties and data', () => {
    expect(formatDiagnostics(diags, 'github', { color: false, pathOf }).split('\n')).toEqual([
      '::error file=payments/catalog-info.yaml,line=4,col=3,title=backlot schema::spec.owner is required for a Component%0Aadd spec.owner',
      '::warning file=web/a%2Cb%3Ac.yaml,line=7,col=12,title=backlot dangling-ref::refers to group:default/x, 100%25 missing',
      '',
    ]);
  });

  it('counts errors and warnings', () => {
    expect(summarise(diags)).toEqual({ errors: 1, warnings: 1 });
  });
});
