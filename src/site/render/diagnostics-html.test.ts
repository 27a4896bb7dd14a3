import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../model/diagnostic.ts';
import type { RepoInfo } from '../../model/repo.ts';
import { entity, portalEntities } from '../../testing/entities.ts';
import { diagnosticItems } from '../../views/diagnostics.ts';
import { indexEntities } from '../../views/entities.ts';
import { problemsView } from '../../views/problems.ts';
import { diagnosticListHtml } from './diagnostics-html.ts';

const repos: RepoInfo[] = [{ name: 'ledger', owner: 'acme', host: 'github.com', defaultBranch: 'main', commit: 'c', url: 'https://github.com/acme/ledger' }];
const d = (line: number, over: Partial<Diagnostic> = {}): Diagnostic => ({ severity: 'warning', code: 'dangling-ref', message: `m${line}`, repo: 'gone', file: 'c.yaml', line, column: 1, ...over });

describe('diagnosticListHtml', () => {
  it("cuts a file's problems of one code after the first ones, with a count and the full list", () => {
    const html = diagnosticListHtml(diagnosticItems(Array.from({ length: 25 }, (_, i) => d(i + 1)), repos), '/p/');
    expect(html.match(/<li class="diag diag-warning"/g)).toHaveLength(20);
    expect(html).toContain('<code>c.yaml:1:1</code>'); // no repo known: no link
    expect(html).toContain('<li class="diag-more" data-more-code="dangling-ref" data-more-count="5"> <p class="diag-hint"> &#8230; and 5 more <code>dangling-ref</code> in <code>c.yaml</code>: every problem is in <a href="/p/api/catalog/diagnostics.json">diagnostics.json</a>. </p> </li>');
  });

  it('links a known repo\'s line and escapes the crawled message and hint', () => {
    const html = diagnosticListHtml(diagnosticItems([d(7, { repo: 'ledger', message: '<b>x</b>', hint: 'a & "b"' })], repos), '/');
    expect(html).toBe(
      '<ul class="diagnostics"> <li class="diag diag-warning" data-severity="warning" data-code="dangling-ref"> <div class="diag-line"> ' +
        '<a class="mono" href="https://github.com/acme/ledger/blob/main/c.yaml#L7">c.yaml:7:1</a> <span class="badge warning">warning</span> <code>dangling-ref</code> ' +
        '<span class="diag-message">&lt;b&gt;x&lt;/b&gt;</span> </div> <p class="diag-hint">Hint: a &amp; &quot;b&quot;</p>  </li> </ul>',
    );
  });

  it("gives the Problems page's rows what its filters read, their repo, entity and owner", () => {
    const index = indexEntities(portalEntities([entity('Group', 'payments', {}, { title: 'Pay <Team>' }), entity('Component', 'ledger', { owner: 'payments' })]));
    const list = [d(3, { repo: 'ledger', entity: 'component:default/ledger' }), ...Array.from({ length: 21 }, (_, i) => d(i + 10, { repo: 'ledger', file: 'many.yaml' }))];
    const view = problemsView(list, index, repos);
    const html = diagnosticListHtml(view.items, '/', { index, labels: view.labels });
    expect(html).toContain(
      '<li class="diag diag-warning" data-problem="true" data-severity="warning" data-code="dangling-ref" data-repo="ledger" data-owner="group:default/payments" ' +
        'data-teams="group:default/payments" data-weight="1"> <div class="diag-line"> <span class="badge problem-repo">ledger</span> ' +
        '<a class="mono" href="https://github.com/acme/ledger/blob/main/c.yaml#L3" title="Open this line on GitHub">c.yaml:3:1</a>',
    );
    expect(html).toContain('<p class="diag-entity">\nEntity: <a href="/catalog/default/component/ledger/">ledger</a> <span class="muted"> · owner Pay &lt;Team&gt;</span> </p> </li>');
    // A problem with no entity has no entity line; a cut row names its repo and file.
    expect(html).toContain('</div>   </li>');
    expect(html).toContain('data-more-count="1" data-problem="true" data-severity="warning" data-code="dangling-ref" data-repo="ledger" data-owner data-teams data-weight="1"> <p class="diag-hint"> &#8230; and 1 more <code>dangling-ref</code> in <code>ledger/many.yaml</code>');
  });
});
