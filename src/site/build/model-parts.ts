// The model goes from the CLI to the site child in parts: its entities a few hundred at a time, and everything else
// as one head part, in either order. The child takes in each part as it arrives while the CLI serialises the next,
// so the handoff costs about as long as the slower of the two rather than their sum; `backlot build` sends the
// entities ahead, as soon as the graph stage has made them (src/pipeline/index.ts onEntities).

import type { PortalEntity, PortalModel } from '../../model/portal.ts';
import { checkModel } from './model.ts';

export const ENTITIES_PER_PART = 500;

/**
 * Parts serialised and not yet written to the child at once. Sending every part at once serialised the whole
 * model into the IPC channel's queue while the child was still bundling: a second copy of the model, outside
 * V8's heap, in the CLI at its peak (73 MB at 30,000 entities). A few in flight keep the pipe busy.
 */
export const PARTS_IN_FLIGHT = 4;

export type ModelPart = { head: Omit<PortalModel, 'entities'> } | { entities: PortalEntity[] };

/** The model in parts: first the rest of the model, then slices of its entities. */
export function* modelParts(model: PortalModel, size = ENTITIES_PER_PART): Generator<ModelPart> {
  yield headPart(model);
  yield* entityParts(model.entities, size);
}

/** Everything of the model but its entities. */
export function headPart(model: PortalModel): ModelPart {
  const { entities: _entities, ...head } = model;
  return { head };
}

/** The entities in slices of `size`. */
export function* entityParts(entities: readonly PortalEntity[], size = ENTITIES_PER_PART): Generator<ModelPart> {
  for (let i = 0; i < entities.length; i += size) yield { entities: entities.slice(i, i + size) };
}

/** Puts the parts back together, the head before, after or between the entities' slices; `done()` checks the model's outline. */
export function modelAssembler(source = 'model'): { add(part: ModelPart): void; entities(): readonly PortalEntity[]; done(): PortalModel } {
  let head: Omit<PortalModel, 'entities'> | undefined;
  const entities: PortalEntity[] = [];
  let parts = 0;
  return {
    add(part) {
      parts++;
      if ('head' in part) {
        if (head) throw new Error(`${source}: a second head part`);
        head = part.head;
        return;
      }
      if (!Array.isArray(part.entities)) throw new Error(`${source}: a part's entities must be an array`);
      for (const entity of part.entities) entities.push(entity);
    },
    /** The entities so far. */
    entities: () => entities,
    done() {
      if (!parts) throw new Error(`${source}: no parts arrived`);
      if (!head) throw new Error(`${source}: no head part`);
      return checkModel({ ...head, entities }, source);
    },
  };
}

/**
 * Sends `messages` in order with at most `inFlight` not yet written (`send` calls its `written` once a message has
 * left this process); the next message is made only when one is written. Settles once the last is written, or with
 * the first error.
 */
export function sendInOrder<T>(messages: Iterable<T>, send: (message: T, written: (err?: Error | null) => void) => void, inFlight = PARTS_IN_FLIGHT): Promise<void> {
  const it = messages[Symbol.iterator]();
  return new Promise<void>((resolve, reject) => {
    let pending = 0;
    let ended = false;
    let failed = false;
    let looping = false; // a `written` called from within `send` must not start a second loop
    const next = () => {
      if (looping) return;
      looping = true;
      while (!failed && !ended && pending < inFlight) {
        const item = it.next();
        if (item.done) {
          ended = true;
          break;
        }
        pending++;
        send(item.value, (err) => {
          pending--;
          if (err) {
            failed = true;
            reject(err);
          } else next();
        });
      }
      looping = false;
      if (ended && pending === 0 && !failed) resolve();
    };
    next();
  });
}
