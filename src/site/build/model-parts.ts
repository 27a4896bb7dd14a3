// The model goes from the CLI to the site child in parts: everything but the entities, then the entities a few
// hundred at a time. The child takes in each part as it arrives while the CLI serialises the next, so the handoff
// costs about as long as the slower of the two rather than their sum.

import type { PortalEntity, PortalModel } from '../../model/portal.ts';
import { checkModel } from './model.ts';

export const ENTITIES_PER_PART = 500;

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
