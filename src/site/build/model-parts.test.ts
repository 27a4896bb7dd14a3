import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { modelAssembler, modelParts, type ModelPart } from './model-parts.ts';
import { fixtureModel } from '../testing/build.ts';

const model = await fixtureModel();

describe('modelParts and modelAssembler', () => {
  it('split the model into a head and slices of entities, and put it back together as it was', () => {
    const parts = [...modelParts(model, 3)];
    expect('head' in parts[0]!).toBe(true);
    expect(parts.slice(1).map((p) => ('entities' in p ? p.entities.length : -1))).toEqual(
      Array.from({ length: Math.ceil(model.entities.length / 3) }, (_, i) => Math.min(3, model.entities.length - 3 * i)),
    );
    // As the child gets them: through V8's serialiser.
    const assembler = modelAssembler();
    for (const part of parts) assembler.add(deserialize(serialize(part)) as ModelPart);
    expect(assembler.done()).toEqual(model);
  });

  it('send a model with no entities as its head alone', () => {
    const parts = [...modelParts({ ...model, entities: [] })];
    expect(parts).toHaveLength(1);
    const assembler = modelAssembler();
    assembler.add(parts[0]!);
    expect(assembler.done().entities).toEqual([]);
  });

  it('fail clearly on parts out of order, missing or malformed', () => {
    const [head, entities] = [...modelParts(model, 1000)] as [ModelPart, ModelPart];
    expect(() => modelAssembler('m').add(entities)).toThrow('m: entities before the head part');
    const twice = modelAssembler('m');
    twice.add(head);
    expect(() => twice.add(head)).toThrow('m: a second head part');
    expect(() => modelAssembler('m').done()).toThrow('m: no parts arrived');
    const bad = modelAssembler('m');
    bad.add(head);
    expect(() => bad.add({ entities: 'x' as never })).toThrow("m: a part's entities must be an array");
    const noTitle = modelAssembler('m');
    noTitle.add({ head: { ...model, site: { base: '/' } } as never });
    expect(() => noTitle.done()).toThrow('m: missing site.title');
  });
});
