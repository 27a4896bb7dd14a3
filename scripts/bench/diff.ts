// `npm run bench diff`: a diff of two 10,000-entity catalogs (the generated org, and the same org after a round of
// changes: 1 % removed, 1 % renamed, 5 % of components with a new owner, a tenth of the OpenAPI and AsyncAPI
// definitions with a breaking change), in process (median of BENCH_RUNS, default 3) and through the CLI as CI
// runs it (reading both entities.json files, printing JSON). Target: under 3 s. BENCH_ENTITIES changes the size.
// Measured on this 2-core VM shared with four other builds (2026-12-06): diffCatalogs 0.4–1.3 s, the CLI 1.2–3.6 s;
// a profile of the in-process run shows no stage of the diff above 0.2 s (the rest is the generator and GC).

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffCatalogs } from '../../src/diff/index.ts';
import { ANNOTATION_LOCATION, type Entity } from '../../src/model/entity.ts';
import { generateOrg, orgModel, type Org, type OrgEntity } from '../../src/site/testing/org.ts';
import { measure, secs } from './_measure.ts';

const TARGET_MS = 3000;
const REPO_ROOT = join(import.meta.dirname, '..', '..');

export async function run(): Promise<void> {
  const size = Number(process.env.BENCH_ENTITIES ?? 10_000);
  const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
  const org = generateOrg({ entities: size, seed: 1 });
  const base = await catalog(org);
  const head = await catalog({ ...org, entities: changed(org.entities) });
  const work = mkdtempSync(join(tmpdir(), 'backlot-bench-diff-'));
  try {
    const times: number[] = [];
    let summary = '';
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const diff = await diffCatalogs(base, head);
      times.push(performance.now() - t);
      const s = diff.summary;
      summary = `${s.added} added, ${s.removed} removed, ${s.renamed} renamed, ${s.changed} changed, ${s.breaking} breaking (${s.breakingOtherOwner} affecting other owners), ${diff.impacts.reduce((n, i) => n + i.affected.length, 0)} affected entities listed`;
    }
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
    console.log(`${base.length.toLocaleString('en')} → ${head.length.toLocaleString('en')} entities: ${summary}`);
    console.log(`diffCatalogs     ${secs(median)} median of ${runs} (target < ${secs(TARGET_MS)}: ${median < TARGET_MS ? 'ok' : 'MISSED'})`);

    writeFileSync(join(work, 'base.json'), JSON.stringify(base));
    writeFileSync(join(work, 'head.json'), JSON.stringify(head));
    const cli = await measure(process.execPath, [join(REPO_ROOT, 'src', 'cli', 'backlot.js'), 'diff', '--base', 'base.json', '--head', 'head.json', '--format', 'json', '--fail-on', 'never'], { cwd: work });
    if (cli.code !== 0) throw new Error(`backlot diff failed (exit ${cli.code}):\n${cli.output.slice(-2000)}`);
    console.log(`backlot diff CLI ${secs(cli.ms)} (process start, reading both files, diff, JSON out; target < ${secs(TARGET_MS)}: ${cli.ms < TARGET_MS ? 'ok' : 'MISSED'})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The org as entities.json has it: relations from the graph stage, and the source file each entity came from. */
async function catalog(org: Org): Promise<Entity[]> {
  return (await orgModel(org)).entities.map(({ entity, source }) => ({
    ...entity,
    metadata: { ...entity.metadata, annotations: { [ANNOTATION_LOCATION]: `url:https://github.com/acme/${source.repo}/blob/main/catalog-info.yaml`, ...entity.metadata.annotations } },
  }));
}

function changed(entities: OrgEntity[]): OrgEntity[] {
  // A rename pairs when its file lost and gained one entity of its kind: renames go to files no other change touches.
  const key = (item: OrgEntity) => `${item.entity.kind}\0${item.repo}`;
  const renames = new Map<string, number>();
  entities.forEach((item, i) => {
    if (i % 100 === 50) renames.set(key(item), (renames.get(key(item)) ?? 0) + 1);
  });
  const out: OrgEntity[] = [];
  entities.forEach((item, i) => {
    const { entity } = item;
    if (entity.kind === 'Group' || entity.kind === 'User') return void out.push(item);
    if (i % 100 === 0 && !renames.has(key(item))) return; // removed
    if (entity.kind === 'API' && i % 10 === 3) {
      const text = String(entity.spec?.definition ?? '');
      // The first path or channel renamed: removed (breaking) and added.
      const definition = text.replace(/^ {2}(\/?[\w.]+):$/m, '  $1-v2:');
      return void out.push({ ...item, entity: { ...entity, spec: { ...entity.spec, definition } } });
    }
    // Renamed: the same file, a new name.
    if (i % 100 === 50 && renames.get(key(item)) === 1) return void out.push({ ...item, entity: { ...entity, metadata: { ...entity.metadata, name: `${entity.metadata.name}-renamed` } } });
    if (entity.kind === 'Component' && i % 20 === 7) return void out.push({ ...item, entity: { ...entity, spec: { ...entity.spec, owner: 'engineering' } } });
    out.push(item);
  });
  return out;
}
