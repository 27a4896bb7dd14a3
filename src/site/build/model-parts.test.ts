import { serialize, deserialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { entityParts, headPart, modelAssembler, modelParts, sendInOrder, type ModelPart } from './model-parts.ts';
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

  it('put the model together from its entities sent ahead of the head, as backlot build sends them', () => {
    const assembler = modelAssembler();
    for (const part of entityParts(model.entities, 2)) assembler.add(deserialize(serialize(part)) as ModelPart);
    assembler.add(deserialize(serialize(headPart(model))) as ModelPart);
    expect(assembler.done()).toEqual(model);
  });

  it('fail clearly on parts missing, doubled or malformed', () => {
    const [head, entities] = [...modelParts(model, 1000)] as [ModelPart, ModelPart];
    const headless = modelAssembler('m');
    headless.add(entities);
    expect(() => headless.done()).toThrow('m: no head part');
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

describe('sendInOrder', () => {
  it('makes the next message only once one in flight is written, keeps their order and settles after the last', async () => {
    let made = 0;
    function* messages() {
      for (let i = 0; i < 10; i++) {
        made++;
        yield i;
      }
    }
    const sent: number[] = [];
    const waiting: Array<() => void> = [];
    let settled = false;
    const done = sendInOrder(messages(), (m, written) => {
      sent.push(m);
      waiting.push(() => written());
    }, 3).then(() => (settled = true));
    expect(sent).toEqual([0, 1, 2]);
    expect(made).toBe(3);
    waiting.shift()!();
    expect(sent).toEqual([0, 1, 2, 3]);
    while (waiting.length) {
      expect(waiting.length).toBeLessThanOrEqual(3);
      waiting.shift()!();
      await Promise.resolve();
    }
    await done;
    expect(settled).toBe(true);
    expect(sent).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('settles at once for no messages, and fails with the first write error, sending nothing after it', async () => {
    await sendInOrder([], () => {
      throw new Error('never called');
    });
    const sent: number[] = [];
    const failing = sendInOrder([1, 2, 3], (m, written) => {
      sent.push(m);
      written(m === 1 ? new Error('channel closed') : null);
    }, 1);
    await expect(failing).rejects.toThrow('channel closed');
    expect(sent).toEqual([1]);
    // Written at once (a closed channel): every message goes, one loop deep.
    const many = Array.from({ length: 100_000 }, (_, i) => i);
    let count = 0;
    await sendInOrder(many, (_, written) => {
      count++;
      written();
    });
    expect(count).toBe(many.length);
  });
});
