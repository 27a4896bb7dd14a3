import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadModel, modelPath, parseModel, SHARED_MODEL } from './model.ts';
import { siteData } from './site-data.ts';

const fixture = new URL('../fixtures/model.json', import.meta.url);
const tmp = mkdtempSync(join(tmpdir(), 'backlot-model-'));
const saved = process.env.BACKLOT_MODEL;
afterEach(() => {
  if (saved === undefined) delete process.env.BACKLOT_MODEL;
  else process.env.BACKLOT_MODEL = saved;
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('modelPath', () => {
  it('uses BACKLOT_MODEL, resolved against cwd', () => {
    expect(modelPath({ BACKLOT_MODEL: '/abs/model.json' }, '/repo')).toBe('/abs/model.json');
    expect(modelPath({ BACKLOT_MODEL: 'rel.json' }, '/repo')).toBe('/repo/rel.json');
  });

  it('falls back to .backlot/model.json under cwd', () => {
    expect(modelPath({}, '/repo')).toBe('/repo/.backlot/model.json');
  });
});

describe('parseModel', () => {
  it('rejects JSON that is not a model', () => {
    expect(() => parseModel('{', 'm.json')).toThrow(/m.json: not valid JSON/);
    expect(() => parseModel('[]')).toThrow(/missing site.title/);
    expect(() => parseModel('{"site":{"title":"t"},"repos":[],"entities":{}}')).toThrow(/entities must be an array/);
  });
});

describe('loadModel', () => {
  it('reads the file at BACKLOT_MODEL and caches it per path', () => {
    process.env.BACKLOT_MODEL = join(tmp, 'a.json');
    writeFileSync(process.env.BACKLOT_MODEL, JSON.stringify({ site: { title: 'A', base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [] }));
    const first = loadModel();
    expect(first.site.title).toBe('A');
    expect(loadModel()).toBe(first);

    process.env.BACKLOT_MODEL = join(tmp, 'b.json');
    writeFileSync(process.env.BACKLOT_MODEL, JSON.stringify({ site: { title: 'B', base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [] }));
    expect(loadModel().site.title).toBe('B');
  });

  it('reads the file again when it was rewritten', () => {
    process.env.BACKLOT_MODEL = join(tmp, 'c.json');
    const write = (title: string) =>
      writeFileSync(process.env.BACKLOT_MODEL!, JSON.stringify({ site: { title, base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [] }));
    write('C1');
    expect(loadModel().site.title).toBe('C1');
    write('C2, longer');
    expect(loadModel().site.title).toBe('C2, longer');
  });

  it('within one build (BACKLOT_BUILD) reads the file once, and again for the next build', () => {
    const saved = process.env.BACKLOT_BUILD;
    process.env.BACKLOT_MODEL = join(tmp, 'd.json');
    const write = (title: string) =>
      writeFileSync(process.env.BACKLOT_MODEL!, JSON.stringify({ site: { title, base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [] }));
    try {
      process.env.BACKLOT_BUILD = 'one';
      write('D1');
      const first = loadModel();
      expect(first.site.title).toBe('D1');
      write('D2, rewritten during the build');
      expect(loadModel()).toBe(first);
      process.env.BACKLOT_BUILD = 'two';
      expect(loadModel().site.title).toBe('D2, rewritten during the build');
    } finally {
      if (saved === undefined) delete process.env.BACKLOT_BUILD;
      else process.env.BACKLOT_BUILD = saved;
    }
  });

  it('takes the model buildSite shares for its build instead of reading the file', () => {
    const saved = process.env.BACKLOT_BUILD;
    const g = globalThis as { [SHARED_MODEL]?: unknown };
    const model = { site: { title: 'Shared', base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [] };
    process.env.BACKLOT_MODEL = join(tmp, 'not-written.json');
    try {
      g[SHARED_MODEL] = { build: 'three', model };
      process.env.BACKLOT_BUILD = 'three';
      expect(loadModel()).toBe(model);
      // Another build's model is not taken: the file is read (and here is missing).
      process.env.BACKLOT_BUILD = 'four';
      expect(() => loadModel()).toThrow(/Cannot read the Backlot model/);
    } finally {
      delete g[SHARED_MODEL];
      if (saved === undefined) delete process.env.BACKLOT_BUILD;
      else process.env.BACKLOT_BUILD = saved;
    }
  });

  it('says where it looked when the file is missing', () => {
    process.env.BACKLOT_MODEL = join(tmp, 'none.json');
    expect(() => loadModel()).toThrow(/Cannot read the Backlot model at .*none\.json \(set BACKLOT_MODEL\)/);
  });
});

describe('the fixture model', () => {
  const data = siteData(parseModel(readFileSync(fixture, 'utf8'), 'fixture'));

  it('has every relation mirrored by its reverse when both ends exist', () => {
    const reverse: Record<string, string> = {
      ownedBy: 'ownerOf', ownerOf: 'ownedBy', partOf: 'hasPart', hasPart: 'partOf', providesApi: 'apiProvidedBy',
      apiProvidedBy: 'providesApi', consumesApi: 'apiConsumedBy', apiConsumedBy: 'consumesApi', dependsOn: 'dependencyOf',
      dependencyOf: 'dependsOn', parentOf: 'childOf', childOf: 'parentOf', memberOf: 'hasMember', hasMember: 'memberOf',
    };
    let dangling = 0;
    for (const { ref, entity } of data.model.entities) {
      for (const r of entity.relations ?? []) {
        const target = data.index.get(r.targetRef);
        if (!target) {
          dangling += 1;
          continue;
        }
        expect(target.entity.relations, `${r.targetRef} ${reverse[r.type]} ${ref}`).toContainEqual({ type: reverse[r.type], targetRef: ref });
      }
    }
    expect(dangling).toBe(1);
  });

  it('indexes diagnostics per entity, including one for an entity left out of the model', () => {
    expect(data.byEntity.get('component:default/payments-service')?.map((d) => d.code)).toEqual(['dangling-ref']);
    expect(data.byEntity.has('component:default/ledger-service')).toBe(true);
    expect(data.index.has('component:default/ledger-service')).toBe(false);
    expect(data.counts).toEqual({ errors: 2, warnings: 3 });
  });
});
