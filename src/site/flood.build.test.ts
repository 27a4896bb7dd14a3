// A flood of diagnostics stays cheap: the real CLI builds an org whose one catalog file has 5,000 dangling
// refs. The entity page and the Problems page show the first 20 with a count of the rest and a link to
// diagnostics.json, which holds every one; an ordinary typo elsewhere keeps its "did you mean".

import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.ts';
import { REPO_ROOT } from './build/build.ts';
import { floodCatalog } from './testing/flood.ts';

// Inside the repo: Astro keeps its prerender chunks under the cwd, so the output stays inside it too.
const work = join(REPO_ROOT, '.backlot', `flood-test-${process.pid}`);
const dist = join(work, 'dist');
const REFS = 5_000;
// Uncapped, the 5,000 rows made each page about 3 MB.
const PAGE_BOUND = 100 * 1024;
let run: { code: number | null; stdout: string; stderr: string };

const team = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: platform
spec:
  type: team
  children: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
spec:
  type: service
  lifecycle: production
  owner: platform
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: billing
spec:
  type: service
  lifecycle: production
  owner: platform
  dependsOn: [component:ledgre]
`;

beforeAll(() => {
  for (const [repo, text] of [['team', team], ['flood', floodCatalog(REFS)]] as const) {
    mkdirSync(join(work, 'org', repo), { recursive: true });
    writeFileSync(join(work, 'org', repo, 'catalog-info.yaml'), text);
  }
  const res = spawnSync(process.execPath, [join(REPO_ROOT, 'src/cli/backlot.js'), 'build', 'org'], {
    cwd: work,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  run = { code: res.status, stdout: res.stdout, stderr: res.stderr };
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const page = (path: string) => readFileSync(join(dist, path, 'index.html'), 'utf8');
const count = (html: string, pattern: RegExp) => html.match(pattern)?.length ?? 0;

describe('a build with a flood of dangling refs', () => {
  it('builds the site and counts every problem (warnings: exit 0 without --strict)', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout, run.stderr).toMatch(new RegExp(`^ {2}problems {2}0 errors, ${REFS + 1} warnings$`, 'm'));
    expect(statSync(join(dist, 'index.html')).isFile()).toBe(true);
  });

  it('keeps every diagnostic in diagnostics.json', () => {
    const all = JSON.parse(readFileSync(join(dist, 'api/catalog/diagnostics.json'), 'utf8')) as Diagnostic[];
    const flood = all.filter((d) => d.code === 'dangling-ref' && d.entity === 'component:default/flood-service');
    expect(flood).toHaveLength(REFS);
    expect(new Set(flood.map((d) => d.line)).size).toBe(REFS);
    const typo = all.find((d) => d.entity === 'component:default/billing');
    expect(typo?.hint).toBe('did you mean component:default/ledger?');
  });

  it('shows the first 20 on the entity page, with a count of the rest and a link to diagnostics.json', () => {
    const html = page('catalog/default/component/flood-service');
    expect(html.length).toBeLessThan(PAGE_BOUND);
    expect(html).toMatch(new RegExp(`href="#problems"[^>]*>\\s*${REFS} problems\\s*<`));
    expect(count(html, /<li class="diag diag-warning"[^>]*data-code="dangling-ref"/g)).toBe(20);
    expect(html).toMatch(new RegExp(`data-more-code="dangling-ref" data-more-count="${REFS - 20}"`));
    expect(html).toContain(`and ${(REFS - 20).toLocaleString('en')} more <code>dangling-ref</code> in <code>catalog-info.yaml</code>`);
    expect(html).toContain('<a href="/api/catalog/diagnostics.json">diagnostics.json</a>');
  });

  it('keeps the Problems page small, with every repo and the typo’s hint', () => {
    const html = page('problems');
    expect(html.length).toBeLessThan(PAGE_BOUND);
    expect(html).toContain('data-repo="flood"');
    expect(html).toContain('data-repo="team"');
    expect(count(html, /<li class="diag diag-warning"/g)).toBe(21);
    expect(html).toMatch(new RegExp(`data-more-code="dangling-ref" data-more-count="${REFS - 20}"`));
    expect(html).toContain('did you mean component:default/ledger?');
  });
});
