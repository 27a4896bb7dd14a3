import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.ts';
import type { RepoInfo } from '../model/repo.ts';
import { entity, portalEntities } from '../testing/entities.ts';
import { indexEntities } from './entities.ts';
import { emptyProblemQuery, groupProblems, matchesProblem, problemCounts, problemsView, readProblemQuery, writeProblemQuery } from './problems.ts';

const index = indexEntities(portalEntities([
  entity('Group', 'engineering', { type: 'department', children: ['payments'] }, { title: 'Engineering' }),
  entity('Group', 'payments', { type: 'team', children: ['fraud'] }, { title: 'Payments Team' }),
  entity('Group', 'fraud', { type: 'team' }),
  entity('User', 'bob', {}, { title: 'Bob' }),
  entity('Component', 'ledger', { type: 'service', lifecycle: 'production', owner: 'payments' }),
  entity('Component', 'risk', { type: 'library', lifecycle: 'production', owner: 'fraud' }),
  entity('Component', 'tool', { type: 'service', lifecycle: 'experimental', owner: 'user:bob' }),
]));
const repos: RepoInfo[] = [{ name: 'ledger', owner: 'acme', host: 'github.com', defaultBranch: 'main', commit: 'c', url: 'https://github.com/acme/ledger' }];

const diag = (over: Partial<Diagnostic>): Diagnostic => ({ severity: 'warning', code: 'dangling-ref', message: 'm', repo: 'ledger', file: 'catalog-info.yaml', line: 3, column: 1, ...over });
const diagnostics: Diagnostic[] = [
  diag({ line: 9, entity: 'component:default/ledger' }),
  diag({ repo: 'risk', line: 2, entity: 'component:default/risk' }),
  diag({ repo: 'tools', severity: 'error', code: 'schema', line: 4, entity: 'component:default/tool' }),
  diag({ severity: 'error', code: 'yaml-syntax', file: 'docs/catalog.yaml', line: 1 }),
  // 25 of one code in one file: 20 listed, one row for the other 5.
  ...Array.from({ length: 25 }, (_, i) => diag({ repo: 'risk', file: 'many.yaml', line: 10 + i, entity: 'component:default/risk' })),
];
const view = problemsView(diagnostics, index, repos);

describe('problemsView', () => {
  it('lists errors first, then in file order, with the line on the repo host when the repo is known', () => {
    expect(view.items.slice(0, 2).map((i) => [i.repo, i.code])).toEqual([
      ['ledger', 'yaml-syntax'],
      ['tools', 'schema'],
    ]);
    expect(view.items[0]!.url).toBe('https://github.com/acme/ledger/blob/main/docs/catalog.yaml#L1');
    expect(view.items[1]!.url).toBeUndefined();
    expect(view.items.slice(2).every((i) => i.severity === 'warning')).toBe(true);
    const cut = view.items.find((i) => i.more);
    expect(cut).toMatchObject({ more: { code: 'dangling-ref', count: 5 }, weight: 5, code: 'dangling-ref', repo: 'risk' });
    expect(view.items).toHaveLength(4 + 20 + 1);
  });

  it("gives a cut row the code it counts, not that of its file's last problem shown", () => {
    const file = [...Array.from({ length: 22 }, (_, i) => diag({ line: i + 1 })), diag({ code: 'schema', line: 30 })];
    const cut = problemsView(file, index, repos).items.find((i) => i.more);
    expect(cut).toMatchObject({ more: { code: 'dangling-ref', count: 2 }, code: 'dangling-ref', weight: 2, url: 'https://github.com/acme/ledger/blob/main/catalog-info.yaml#L30' });
  });

  it('counts every value of severity, code, repo and owner, owners by display name', () => {
    expect(view.facets.severity).toEqual([
      { value: 'error', label: 'Errors', count: 2 },
      { value: 'warning', label: 'Warnings', count: 27 },
    ]);
    expect(view.facets.code[0]).toEqual({ value: 'dangling-ref', label: 'dangling-ref', count: 27 });
    expect(view.facets.repo.map((f) => [f.value, f.count])).toEqual([['risk', 26], ['ledger', 2], ['tools', 1]]);
    expect(view.facets.owner.map((f) => [f.label, f.count])).toEqual([['fraud', 26], ['Bob', 1], ['No owner', 1], ['Payments Team', 1]]);
  });

  it('puts a problem under its owning group and every group above it, for "what my team owns"', () => {
    const risk = view.items.find((i) => i.repo === 'risk')!;
    expect(risk.teams).toEqual(['group:default/fraud', 'group:default/payments', 'group:default/engineering']);
    expect(view.items.find((i) => i.repo === 'tools')!.teams).toEqual([]);
    expect(view.teams).toEqual([
      { value: 'group:default/engineering', label: 'Engineering', count: 27 },
      { value: 'group:default/fraud', label: 'fraud', count: 26 },
      { value: 'group:default/payments', label: 'Payments Team', count: 27 },
    ]);
  });
});

describe('filters and groups', () => {
  it('filters by each key and by team, counting each value with the other filters applied', () => {
    const query = { ...emptyProblemQuery(), team: 'group:default/payments', filters: { ...emptyProblemQuery().filters, severity: 'warning' } };
    const shown = view.items.filter((i) => matchesProblem(i, query));
    expect(new Set(shown.map((i) => i.repo))).toEqual(new Set(['ledger', 'risk']));
    const counts = problemCounts(view.items, query);
    // Severity counts ignore the severity filter: the team's one error-free set has no errors.
    expect(Object.fromEntries(counts.severity)).toEqual({ warning: 27 });
    expect(Object.fromEntries(counts.team)).toEqual({ 'group:default/engineering': 27, 'group:default/payments': 27, 'group:default/fraud': 26 });
    expect(counts.repo.get('tools')).toBeUndefined();
  });

  it('groups with errors first, then by size, each group in its items’ order', () => {
    const byRepo = groupProblems(view.items, 'repo');
    expect(byRepo.map((g) => [g.value, g.errors, g.warnings])).toEqual([
      ['ledger', 1, 1],
      ['tools', 1, 0],
      ['risk', 0, 26],
    ]);
    expect(groupProblems(view.items, 'none')).toHaveLength(1);
  });

  it('keeps the state in the URL, dropping defaults', () => {
    const q = readProblemQuery('?severity=error&owner=Group:default/Fraud&team=group:default/payments&group=repo&x=1');
    expect(q).toEqual({ filters: { severity: 'error', code: '', repo: '', owner: 'group:default/fraud' }, team: 'group:default/payments', group: 'repo' });
    expect(readProblemQuery(writeProblemQuery(q))).toEqual(q);
    expect(writeProblemQuery(emptyProblemQuery())).toBe('');
    expect(readProblemQuery('?group=colour').group).toBe('code');
  });
});
