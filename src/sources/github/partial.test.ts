// GitHub under load answers with partial data: some repository nodes `null` and an `errors` entry
// pointing at each, in the org listing and in batches. None of that may cost an entity.

import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleRepoDiagnostics } from '../../pipeline/stale.ts';
import { componentYaml } from '../../testing/entities.ts';
import { entityRefs, harness, serviceRepos, type EmulatorRepo, type Harness } from './testing.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** A root file with a Component and a Location whose target (read in a batch) holds another. */
function org(count: number): EmulatorRepo[] {
  return serviceRepos(count, (i) => {
    const name = `svc-${String(i).padStart(3, '0')}`;
    const location = `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: ${name}-loc\nspec:\n  targets: [./worker.yaml]\n`;
    return { files: { 'catalog-info.yaml': `${componentYaml(name)}---\n${location}`, 'worker.yaml': componentYaml(`${name}-worker`) } };
  });
}

/** A fresh cache for the next crawl: a cold crawl from the same emulator. */
function freshCache(harness: Harness, name: string): void {
  harness.config.cacheDir = join(harness.cacheDir, name);
}

describe('partial answers', () => {
  it.each([
    ['in the listing and in batches', { fraction: 1 / 3, times: 1 }],
    ['in file batches only', { fraction: 1 / 3, in: ['batch' as const], times: 1 }],
  ])('a third of the repos failing %s once loses nothing: they are asked again by name', async (_, partial) => {
    h = await harness(org(30));
    const clean = await entityRefs(await h.open());
    expect(clean).toHaveLength(90); // 30 Components, 30 Locations, 30 workers

    freshCache(h, 'faulty');
    h.emulator.setFaults({ partial });
    const snapshot = await h.open();
    expect(await entityRefs(snapshot)).toEqual(clean);
    expect(snapshot.staleRepos()).toEqual([]);
    // A third of 30 repos, give or take the hash: each failed once per place it was asked in.
    expect(h.emulator.stats().partial).toBeGreaterThanOrEqual(5);
    expect(h.logs).toContainEqual(expect.stringMatching(/^GitHub: \d+ repos of (the listing|a file batch) answered with errors \(Something went wrong|We couldn't respond/));
  });

  it('a cached repo GitHub keeps failing stays with its last good snapshot, marked stale; a never-crawled one is warned about', async () => {
    const repos = org(30);
    h = await harness(repos);
    const before = await entityRefs(await h.open());
    const failing = repos.filter((_, i) => i % 3 === 0).map((r) => r.name);
    // A new repo fails too: nothing to keep, but it is named in a warning.
    h.emulator.setRepos([...repos, ...org(31).slice(30).map((r) => ({ ...r, name: 'svc-new' }))]);
    h.emulator.setFaults({ partial: { repos: [...failing, 'svc-new'] } });

    const snapshot = await h.open();
    expect(await entityRefs(snapshot)).toEqual(before);
    const stale = snapshot.staleRepos();
    expect(stale.map((r) => r.name).sort()).toEqual([...failing, 'svc-new'].sort());
    const warnings = staleRepoDiagnostics(snapshot.repos);
    expect(warnings).toHaveLength(11);
    expect(warnings.find((w) => w.repo === 'svc-000')).toMatchObject({
      severity: 'warning',
      code: 'stale-repo',
      message: expect.stringMatching(/^acme\/svc-000 could not be read \(listing failed: (Something went wrong|We couldn't respond).*\); its entities are from the last good crawl/),
    });
    expect(warnings.find((w) => w.repo === 'svc-new')!.message).toMatch(/^acme\/svc-new could not be read .* never crawled before/);
    expect(h.logs).toContainEqual(expect.stringMatching(/^GitHub: listed 31 repos of acme: 31 matched, 0 changed, 11 stale \(\d+ × listing failed: /));

    // The index still holds every repo: a second faulty crawl keeps them too.
    const again = await h.open();
    expect(await entityRefs(again)).toEqual(before);
    expect(again.staleRepos()).toHaveLength(11);

    // Only a complete, error-free listing removes a repo.
    h.emulator.setRepos(repos.filter((r) => r.name !== 'svc-003'));
    h.emulator.setFaults({});
    const healed = await h.open();
    expect(healed.staleRepos()).toEqual([]);
    expect(await entityRefs(healed)).toEqual(before.filter((r) => !r.includes('svc-003')));
  });

  it('does not trust the names of a page that changed between the two reads: those repos stay stale, none is removed', async () => {
    const repos = org(12);
    h = await harness(repos);
    const before = await entityRefs(await h.open());
    h.emulator.setFaults({ partial: { repos: ['svc-004'], in: ['listing'] } });
    const emulator = h.emulator;
    const snapshot = await h.open(
      {},
      {
        // A repo created between the page and its names-only read shifts every name by one.
        fetch: (input, init) => {
          if (String(init?.body).includes('BacklotListNames')) emulator.setRepos([{ ...repos[0]!, name: 'svc-000a' }, ...repos]);
          return fetch(input, init);
        },
      },
    );
    expect(await entityRefs(snapshot)).toEqual(before);
    expect(snapshot.staleRepos().map((r) => [r.name, r.stale!.reason])).toEqual([['svc-004', expect.stringMatching(/^listing incomplete: 1 repos failed that GitHub would not name \((Something went wrong|We couldn't respond)/)]]);
    expect(snapshot.summary()).toMatchObject({ seen: 12, stale: 1 });
  });

  it('a listing page with an error that points at no repo removes nothing', async () => {
    const repos = org(6);
    h = await harness(repos);
    const before = await entityRefs(await h.open());
    h.emulator.setRepos(repos.filter((r) => r.name !== 'svc-002'));
    const snapshot = await h.open(
      {},
      {
        fetch: async (input, init) => {
          const res = await fetch(input, init);
          if (!String(init?.body).includes('BacklotListRepos')) return res;
          const body = (await res.json()) as { errors?: unknown[] };
          body.errors = [...(body.errors ?? []), { message: 'Something went wrong while executing your query.' }];
          return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
        },
      },
    );
    // svc-002 is gone from GitHub, but this listing cannot prove it.
    expect(await entityRefs(snapshot)).toEqual(before);
    expect(snapshot.staleRepos().map((r) => [r.name, r.stale!.reason])).toEqual([['svc-002', 'listing incomplete: Something went wrong while executing your query.']]);
    expect(snapshot.summary()).toMatchObject({ seen: 5, matched: 6, stale: 1 });
    expect((await h.open()).repos.map((r) => r.name)).not.toContain('svc-002');
  });

  it('a repo whose head moved and whose new files keep failing in batches keeps its old ones', async () => {
    const repos = org(12);
    h = await harness(repos);
    const before = await entityRefs(await h.open());
    const failing = repos.filter((_, i) => i % 3 === 0);
    for (const r of failing) r.files['worker.yaml'] = componentYaml(`${r.name}-renamed`);
    h.emulator.setRepos(repos);
    h.emulator.setFaults({ partial: { repos: failing.map((r) => r.name), in: ['batch'] } });

    const snapshot = await h.open();
    expect(await entityRefs(snapshot)).toEqual(before);
    expect(snapshot.staleRepos().map((r) => r.name)).toEqual(failing.map((r) => r.name));
    expect(snapshot.staleRepos()[0]!.stale).toMatchObject({ reason: expect.stringMatching(/Something went wrong|We couldn't respond/), since: expect.any(String) });
  });
});
