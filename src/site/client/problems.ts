// The Problems page in the browser: filters and regroups the rendered rows (moved, never rebuilt) with the
// functions the page was rendered with (views/problems.ts); the state lives in the URL, so Back works.

import { facetValueLabel, groupProblems, matchesProblem, problemCounts, PROBLEM_KEYS, readProblemQuery, writeProblemQuery, type ProblemFacts, type ProblemQuery } from '../../views/problems.ts';
import type { Severity } from '../../model/diagnostic.ts';
import { plural } from '../../views/format.ts';
import { formatCount } from '../../views/count.ts';
import { h } from './dom.ts';

interface Row extends ProblemFacts {
  el: HTMLElement;
}

export function startProblems(root: HTMLElement | null): void {
  const form = root?.querySelector<HTMLFormElement>('[data-problem-filters]');
  const groupsEl = root?.querySelector<HTMLElement>('[data-problem-groups]');
  const status = root?.querySelector<HTMLElement>('[data-problem-status]');
  if (!root || !form || !groupsEl || !status) return;
  let labels: Record<string, string> = {};
  try {
    labels = JSON.parse(root.querySelector('[data-problem-labels]')?.textContent ?? '{}') as Record<string, string>;
  } catch {
    // Owner headings fall back to refs.
  }
  const rows: Row[] = [...root.querySelectorAll<HTMLElement>('[data-problem]')].map((el) => ({
    el,
    severity: (el.dataset.severity ?? 'warning') as Severity,
    code: el.dataset.code ?? '',
    repo: el.dataset.repo ?? '',
    owner: el.dataset.owner ?? '',
    teams: (el.dataset.teams ?? '').split(' ').filter(Boolean),
    weight: Number(el.dataset.weight) || 1,
  }));
  const total = rows.reduce((n, r) => n + r.weight, 0);
  const select = (name: string) => form.elements.namedItem(name) as HTMLSelectElement;
  let query = readProblemQuery(location.search);

  function render() {
    for (const key of [...PROBLEM_KEYS, 'team', 'group'] as const) {
      const value = key === 'group' ? query.group : key === 'team' ? query.team : query.filters[key];
      const el = select(key);
      // A value from a shared URL that this build has no longer still shows, with no count.
      if (value && ![...el.options].some((o) => o.value === value)) el.append(h('option', { value, 'data-label': value }, value));
      el.value = value;
    }
    const counts = problemCounts(rows, query);
    for (const key of [...PROBLEM_KEYS, 'team'] as const) {
      for (const option of select(key).options) {
        if (!option.value) continue;
        option.textContent = `${option.dataset.label ?? option.value} (${formatCount(counts[key].get(option.value) ?? 0)})`;
      }
    }
    const shown = rows.filter((r) => matchesProblem(r, query));
    const groups = groupProblems(shown, query.group);
    groupsEl!.replaceChildren(
      ...groups.map((g) =>
        h(
          'section',
          { class: 'problem-group', 'data-group': g.value },
          query.group === 'none'
            ? null
            : h(
                'div',
                { class: 'repo-head' },
                h('h2', {}, facetValueLabel(query.group, g.value, labels)),
                g.errors > 0 ? h('span', { class: 'badge error' }, plural(g.errors, 'error', 'errors')) : null,
                g.warnings > 0 ? h('span', { class: 'badge warning' }, plural(g.warnings, 'warning', 'warnings')) : null,
              ),
          h('ul', { class: 'diagnostics' }, g.items.map((r) => r.el)),
        ),
      ),
    );
    const count = shown.reduce((n, r) => n + r.weight, 0);
    status!.textContent = count === total ? `${plural(total, 'problem', 'problems')}` : `${formatCount(count)} of ${plural(total, 'problem', 'problems')}`;
    root!.dataset.ready = '';
  }

  form.addEventListener('change', () => {
    const next: ProblemQuery = {
      filters: { severity: select('severity').value, code: select('code').value, repo: select('repo').value, owner: select('owner').value },
      team: select('team').value,
      group: select('group').value as ProblemQuery['group'],
    };
    query = readProblemQuery(writeProblemQuery(next));
    history.pushState(null, '', location.pathname + writeProblemQuery(query) + location.hash);
    render();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  addEventListener('popstate', () => {
    query = readProblemQuery(location.search);
    render();
  });
  form.hidden = false;
  render();
}
