// The model goes from the CLI to the site child in parts: everything but the entities, then the entities a few
// hundred at a time. The child takes in each part as it arrives while the CLI serialises the next, so the handoff
// costs about as long as the slower of the two rather than their sum.

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
  const { entities, ...head } = model;
  yield { head };
  for (let i = 0; i < entities.length; i += size) yield { entities: entities.slice(i, i + size) };
}

/** Puts modelParts back together; `done()` checks the model's outline. */
export function modelAssembler(source = 'model'): { add(part: ModelPart): void; done(): PortalModel } {
  let model: PortalModel | undefined;
  return {
    add(part) {
      if ('head' in part) {
        if (model) throw new Error(`${source}: a second head part`);
        model = { ...part.head, entities: [] };
        return;
      }
      if (!model) throw new Error(`${source}: entities before the head part`);
      if (!Array.isArray(part.entities)) throw new Error(`${source}: a part's entities must be an array`);
      for (const entity of part.entities) model.entities.push(entity);
    },
    done() {
      if (!model) throw new Error(`${source}: no parts arrived`);
      return checkModel(model, source);
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
