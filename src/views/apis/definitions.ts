// The raw text of an API definition, for the download and for definitions shown as text. The summaries the
// pages render are the apis stage's (`model.apis`): pages never parse a definition.

import { definitionText } from '../../apis/definition-text.ts';
import type { PortalEntity } from '../../model/portal.ts';

/** The raw definition text of an API entity, as the download serves it. */
export function rawDefinition(item: PortalEntity): string | undefined {
  return definitionText(item.entity.spec?.definition);
}
