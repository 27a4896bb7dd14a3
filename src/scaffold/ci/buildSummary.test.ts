import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../model/diagnostic.ts';
import { entity } from '../../testing/entities.ts';
import { formatBuildSummary } from './buildSummary.ts';

const problem = (severity: 'error' | 'warning', message: string): Diagnostic => ({
  severity, code: 'schema', message, repo: 'shipments', file: 'catalog-info.yaml', line: 4, column: 3,
});

describe('formatBuildSummary', () => {
  it('counts entities by kind with the change, lists new and removed ones, problems and timings', () => {
    const md = formatBuildSummary({
      current: [entity('Component', 'a'), entity('Component', 'b'), entity('API', 'x')],
      previous: [entity('Component', 'a'), entity('Group', 'old')],
      diagnostics: [problem('error', 'spec.owner is required'), problem('warning', 'a | b')],
      log: 'Backlot: Demo\n  time      12.3 s (catalog 0.4 s, graph 0.1 s, site 9.0 s, search 2.1 s)\n',
    });
    expect(md).toContain('| Component | 2 | +1 |');
    expect(md).toContain('| API | 1 | +1 |');
    expect(md).toContain('| Group | 0 | -1 |');
    expect(md).toContain('**New (2):** `api:default/x`, `component:default/b`');
    expect(md).toContain('**Removed (1):** `group:default/old`');
    expect(md).toContain('### Problems: 1 error, 1 warning');
    expect(md).toContain('| error | `shipments/catalog-info.yaml:4` | schema: spec.owner is required |');
    expect(md).toContain('schema: a \\| b');
    expect(md).toContain('12.3 s (catalog 0.4 s, graph 0.1 s, site 9.0 s, search 2.1 s)');
  });

  it('says so when there is nothing to compare with or no timing line', () => {
    const md = formatBuildSummary({ current: [entity('Component', 'a')], previous: undefined, diagnostics: [], log: '' });
    expect(md).toContain('No earlier build to compare with.');
    expect(md).toContain('| Component | 1 |  |');
    expect(md).toContain('did not report its timings');
    expect(md).not.toContain('**New');
  });
});
